// The audit log: one row per person read, search, identity reveal and write, appended in the
// same transaction as the action it records, and hash-chained with a keyed MAC so that editing,
// deleting or inserting any row is detected by Verify.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/actor.h"
#include "domain/civil_time.h"
#include "store/crypto.h"

namespace huigui::store {

struct AuditEntry {
  int64_t seq = 0;
  Timestamp at;
  std::string username;
  std::string role;
  std::string action;  // person.read, person.search, identity.reveal, contact.create, ...
  std::optional<int64_t> person_id;
  std::string org_code;  // the actor's org unit
  std::string request_id;
  std::string detail;  // short free text (search terms are never logged in plaintext)
};

struct AuditQuery {
  std::optional<int64_t> person_id;
  std::optional<std::string> username;
  std::optional<std::string> action;
  std::string scope_path;  // auditors see rows of actors inside their subtree
  int limit = 50;
  int offset = 0;
};

struct VerifyReport {
  int64_t rows = 0;
  std::optional<int64_t> first_bad_seq;  // the first row whose chain link fails
  std::string problem;                   // human-readable reason
};

class AuditLog {
 public:
  AuditLog(soci::session& sql, const KeyRing& keys) : sql_(sql), keys_(keys) {}

  // Appends in the caller's (write) transaction; seq and hash are assigned here.
  void Append(AuditEntry entry);
  std::vector<AuditEntry> Query(const AuditQuery& query, int64_t* total);
  VerifyReport Verify();

  // The canonical text a row's MAC covers.
  static std::string Canonical(const AuditEntry& entry);

 private:
  soci::session& sql_;
  const KeyRing& keys_;
};

}  // namespace huigui::store
