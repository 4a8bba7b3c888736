// Persons, with scope enforced in every query: a person outside the caller's org subtree is
// indistinguishable from a missing one.
//
// A person is in scope when their home org unit, or the org unit of one of their open episodes,
// lies in the caller's subtree (so a facility officer sees the people in her facility).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/person.h"
#include "domain/status.h"

namespace huigui::store {

struct PersonRecord {
  Person person;
  std::string home_org_name;
  bool has_identity = false;
};

struct PersonQuery {
  std::string scope_path;
  std::optional<std::string> alias_prefix;
  std::optional<std::string> id_number_lookup;  // keyed hash, never the plaintext
  std::optional<std::string> org_path;          // restrict to a sub-subtree of home units
  int limit = 50;
  int offset = 0;
};

struct PersonPage {
  std::vector<PersonRecord> items;
  int64_t total = 0;
};

class PersonRepository {
 public:
  explicit PersonRepository(soci::session& sql) : sql_(sql) {}

  // Inserts and returns the id. `sealed_identity` and `lookup` are both set or both empty.
  // Conflict when another person has the same ID-number lookup hash.
  Result<int64_t> Insert(const Person& person, int64_t home_org_id,
                         const std::string& sealed_identity, const std::string& lookup,
                         Timestamp now);

  std::optional<PersonRecord> FindInScope(int64_t id, const std::string& scope_path);
  PersonPage Search(const PersonQuery& query);

  // Writes the person's attributes if its version is still `expected_version`; bumps version.
  // Conflict when the version moved on. Identity is replaced when `sealed_identity` is set.
  Status Update(const Person& person, int64_t home_org_id, int64_t expected_version,
                const std::optional<std::pair<std::string, std::string>>& sealed_and_lookup,
                Timestamp now);

  // The sealed identity of an in-scope person, empty when none was recorded.
  std::optional<std::string> SealedIdentity(int64_t id, const std::string& scope_path);

 private:
  soci::session& sql_;
};

// SQL predicate on alias `p` (persons) and `h` (home org unit) binding :scope_a and :scope_b to
// the caller's scope path followed by '%'. Shared by every scoped person query.
extern const char* const kPersonInScope;

// Escapes LIKE wildcards so a user's text matches literally (used with ESCAPE '!').
std::string LikePrefix(const std::string& text);

}  // namespace huigui::store
