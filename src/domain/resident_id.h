// 居民身份证号码: the 18-character resident ID number of GB 11643-1999.
#pragma once

#include <optional>
#include <string_view>

#include "domain/civil_time.h"

namespace huigui {

// The check character (the 18th) for the first 17 digits: ISO 7064 MOD 11-2, '0'-'9' or 'X'.
// Nullopt unless `first17` is exactly 17 decimal digits.
std::optional<char> ResidentIdCheckChar(std::string_view first17);

enum class ResidentIdError { kNone, kLength, kDigits, kBirthDate, kCheckDigit };

// Validates length, digits, the embedded birth date (positions 7–14) and the check character.
// A lower-case 'x' is accepted as the check character.
ResidentIdError ValidateResidentId(std::string_view id);

// The birth date embedded in a valid ID number.
std::optional<Date> ResidentIdBirthDate(std::string_view id);

}  // namespace huigui
