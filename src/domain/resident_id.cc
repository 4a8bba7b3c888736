#include "domain/resident_id.h"

#include <array>

namespace huigui {
namespace {

constexpr std::array<int, 17> kWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckChars = "10X98765432";

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::optional<char> ResidentIdCheckChar(std::string_view first17) {
  if (first17.size() != 17 || !AllDigits(first17)) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckChars[sum % 11];
}

std::optional<Date> ResidentIdBirthDate(std::string_view id) {
  if (id.size() != 18 || !AllDigits(id.substr(6, 8))) return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t n) {
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) v = v * 10 + (id[i] - '0');
    return v;
  };
  return Date::FromYmd(num(6, 4), num(10, 2), num(12, 2));
}

ResidentIdError ValidateResidentId(std::string_view id) {
  if (id.size() != 18) return ResidentIdError::kLength;
  if (!AllDigits(id.substr(0, 17))) return ResidentIdError::kDigits;
  const char last = id[17] == 'x' ? 'X' : id[17];
  if (!((last >= '0' && last <= '9') || last == 'X')) return ResidentIdError::kDigits;
  if (!ResidentIdBirthDate(id)) return ResidentIdError::kBirthDate;
  if (*ResidentIdCheckChar(id.substr(0, 17)) != last) return ResidentIdError::kCheckDigit;
  return ResidentIdError::kNone;
}

}  // namespace huigui
