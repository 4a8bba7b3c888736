#include "domain/civil_time.h"

#include <chrono>
#include <cstdio>

namespace huigui {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

year_month_day Ymd(int32_t days) { return year_month_day{sys_days{std::chrono::days{days}}}; }

// Reads `n` decimal digits at `pos`; nullopt if any is not a digit.
std::optional<int> Digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

std::optional<Date> Date::FromYmd(int y, int m, int d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  // Fully qualified: inside Date, year/month/day name the member functions.
  const year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                           std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date(static_cast<int32_t>(sys_days{ymd}.time_since_epoch().count()));
}

std::optional<Date> Date::Parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto y = Digits(s, 0, 4);
  auto m = Digits(s, 5, 2);
  auto d = Digits(s, 8, 2);
  if (!y || !m || !d) return std::nullopt;
  return FromYmd(*y, *m, *d);
}

int Date::year() const { return static_cast<int>(Ymd(days_).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(Ymd(days_).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(Ymd(days_).day())); }

std::string Date::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year(), month(), day());
  return buf;
}

Date Date::AddYears(int n) const { return AddMonths(12 * n); }

Date Date::AddMonths(int n) const {
  const auto ymd = Ymd(days_);
  int total = static_cast<int>(ymd.year()) * 12 +
              static_cast<int>(static_cast<unsigned>(ymd.month())) - 1 + n;
  const int y = total / 12;
  const int m = total % 12 + 1;
  int d = static_cast<int>(static_cast<unsigned>(ymd.day()));
  // Clamp to the month's last day (31 Jan + 1 month = 28/29 Feb).
  while (!FromYmd(y, m, d)) --d;
  return *FromYmd(y, m, d);
}

std::optional<Timestamp> Timestamp::Parse(std::string_view s) {
  // Date part and 'T'.
  if (s.size() < 17 || (s[10] != 'T' && s[10] != ' ')) return std::nullopt;
  auto date = Date::Parse(s.substr(0, 10));
  if (!date) return std::nullopt;
  auto hh = Digits(s, 11, 2);
  auto mm = Digits(s, 14, 2);
  if (!hh || !mm || s[13] != ':' || *hh > 23 || *mm > 59) return std::nullopt;
  std::size_t pos = 16;
  int ss = 0;
  if (pos < s.size() && s[pos] == ':') {
    auto sec = Digits(s, pos + 1, 2);
    if (!sec || *sec > 59) return std::nullopt;
    ss = *sec;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      const std::size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start || pos - start > 9) return std::nullopt;  // fraction is dropped
    }
  }
  if (pos >= s.size()) return std::nullopt;  // offset required
  int64_t offset = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    if (pos + 1 != s.size()) return std::nullopt;
  } else if (s[pos] == '+' || s[pos] == '-') {
    auto oh = Digits(s, pos + 1, 2);
    auto om = Digits(s, pos + 4, 2);
    if (!oh || !om || s.size() != pos + 6 || s[pos + 3] != ':' || *oh > 14 || *om > 59) {
      return std::nullopt;
    }
    offset = (int64_t{*oh} * 3600 + int64_t{*om} * 60) * (s[pos] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const int64_t local =
      int64_t{date->days()} * 86400 + int64_t{*hh} * 3600 + int64_t{*mm} * 60 + ss;
  return Timestamp(local - offset);
}

std::string Timestamp::ToString() const {
  int64_t days = seconds_ / 86400;
  int64_t rem = seconds_ % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  const Date d = Date::FromDays(static_cast<int32_t>(days));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", d.ToString().c_str(),
                static_cast<int>(rem / 3600), static_cast<int>(rem % 3600 / 60),
                static_cast<int>(rem % 60));
  return buf;
}

Date Timestamp::LocalDate() const {
  const int64_t local = seconds_ + kChinaOffsetSeconds;
  int64_t days = local / 86400;
  if (local % 86400 < 0) --days;
  return Date::FromDays(static_cast<int32_t>(days));
}

}  // namespace huigui
