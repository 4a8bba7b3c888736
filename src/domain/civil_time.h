// Civil dates and instants, and the China Standard Time rule for "the date of a timestamp".
//
// The domain never reads the clock: callers pass `now` in. Dates are local dates in UTC+8 (no
// daylight saving), as domain.md §3 requires wherever the server runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace huigui {

// A calendar date, stored as days since 1970-01-01.
class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(int32_t days) { return Date(days); }
  // Nullopt unless y-m-d is a real calendar date (no 30 February, no month 13).
  static std::optional<Date> FromYmd(int year, int month, int day);
  // Parses exactly "YYYY-MM-DD".
  static std::optional<Date> Parse(std::string_view text);

  int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  std::string ToString() const;  // "YYYY-MM-DD"

  Date AddDays(int32_t n) const { return Date(days_ + n); }
  // Same day `n` years later; 29 February maps to 28 February in a common year.
  Date AddYears(int n) const;
  Date AddMonths(int n) const;

  friend constexpr auto operator<=>(const Date&, const Date&) = default;
  friend constexpr int32_t operator-(const Date& a, const Date& b) { return a.days_ - b.days_; }

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// An instant, seconds since the Unix epoch (UTC).
class Timestamp {
 public:
  constexpr Timestamp() = default;
  static constexpr Timestamp FromUnixSeconds(int64_t s) { return Timestamp(s); }
  // Parses ISO 8601 "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM)"; the offset is required so an
  // instant is never ambiguous.
  static std::optional<Timestamp> Parse(std::string_view text);

  int64_t unix_seconds() const { return seconds_; }
  std::string ToString() const;  // "YYYY-MM-DDTHH:MM:SSZ"
  // The date of this instant in China Standard Time (UTC+8).
  Date LocalDate() const;

  friend constexpr auto operator<=>(const Timestamp&, const Timestamp&) = default;

 private:
  constexpr explicit Timestamp(int64_t s) : seconds_(s) {}
  int64_t seconds_ = 0;
};

inline constexpr int64_t kChinaOffsetSeconds = int64_t{8} * 3600;

}  // namespace huigui
