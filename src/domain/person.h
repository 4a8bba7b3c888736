// 吸毒人员 / person under care, shown everywhere by a pseudonym (化名).
//
// Legal identity is a separate value: the store keeps it encrypted, reads never carry it, and
// only an audited reveal returns it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/civil_time.h"
#include "domain/enum_names.h"
#include "domain/status.h"

namespace huigui {

enum class Sex { kMale, kFemale };
inline constexpr EnumNames<Sex, 2> kSexNames{{{Sex::kMale, "male"}, {Sex::kFemale, "female"}}};

// Legal identity: sensitive personal information, encrypted at rest.
struct Identity {
  std::string name;
  std::string id_number;  // 18 characters, GB 11643
  std::string phone;
  std::string address;
};

struct Person {
  int64_t id = 0;
  std::string alias;  // 化名, the pseudonym shown by default
  Sex sex = Sex::kMale;
  int birth_year = 0;
  std::string home_org_code;
  std::string primary_substance;
  Date registration_date;
  int64_t version = 1;  // optimistic concurrency: bumped on each update
};

// Field rules for a person's own attributes. `today` is the local date (UTC+8).
// Errors name fields as on the wire ("alias", "birth_year", ...).
void ValidatePerson(const Person& person, Date today, FieldErrors& errors);

// Field rules for identity; fields are named "identity.<name>".
void ValidateIdentity(const Identity& identity, FieldErrors& errors);

// Length in Unicode code points of a UTF-8 string; nullopt if it is not valid UTF-8.
std::optional<std::size_t> Utf8Length(const std::string& text);

}  // namespace huigui
