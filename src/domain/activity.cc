#include "domain/activity.h"

#include <charconv>

namespace huigui {
namespace {

std::optional<int> Number(std::string_view text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

Rate MakeRate(int numerator, int denominator) {
  Rate r{numerator, denominator, std::nullopt};
  if (denominator > 0) r.rate = static_cast<double>(numerator) / denominator;
  return r;
}

std::optional<std::string> ChildCode(std::string_view path, std::string_view parent_path) {
  if (path.substr(0, parent_path.size()) != parent_path) return std::nullopt;
  const std::string_view rest = path.substr(parent_path.size());
  if (rest.empty()) return std::string();
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) return std::nullopt;
  return std::string(rest.substr(0, slash));
}

std::optional<std::pair<Date, Date>> PeriodRange(std::string_view key) {
  if (key.size() < 4) return std::nullopt;
  const auto year = Number(key.substr(0, 4));
  if (!year || *year < 1900 || *year > 2200) return std::nullopt;
  int first_month = 1, last_month = 12;
  if (key.size() == 4) {
    // whole year
  } else if (key.size() == 7 && key[4] == '-' && key[5] == 'Q') {
    const auto q = Number(key.substr(6, 1));
    if (!q || *q < 1 || *q > 4) return std::nullopt;
    first_month = (*q - 1) * 3 + 1;
    last_month = first_month + 2;
  } else if (key.size() == 7 && key[4] == '-') {
    const auto m = Number(key.substr(5, 2));
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    first_month = last_month = *m;
  } else {
    return std::nullopt;
  }
  const auto from = Date::FromYmd(*year, first_month, 1);
  const auto next =
      last_month == 12 ? Date::FromYmd(*year + 1, 1, 1) : Date::FromYmd(*year, last_month + 1, 1);
  if (!from || !next) return std::nullopt;
  return std::make_pair(*from, next->AddDays(-1));
}

}  // namespace huigui
