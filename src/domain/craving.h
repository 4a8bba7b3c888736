// Craving (渴求 / 心瘾, domain.md §4) over time: per-person trend summaries and the programme
// figures "mean change from first to latest" and "share of people whose craving fell by half".
//
// Readings are VAS scores 0–100 (visual analogue scale, higher = stronger craving). A person's
// first and latest readings are by date; readings on the same date keep the order given, so the
// last one given for a date is the later one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/civil_time.h"
#include "domain/status.h"

namespace huigui {

inline constexpr int kVasMin = 0;
inline constexpr int kVasMax = 100;

struct CravingReading {
  Date date;
  int vas = 0;
};

// Field errors for one reading, fields prefixed by `prefix` (e.g. "readings[2]."): vas [range]
// (0..100), date [not_in_future].
void ValidateCravingReading(const CravingReading& reading, Date today, FieldErrors& errors,
                            const std::string& prefix = "");

struct CravingSeries {
  std::string person_id;
  std::vector<CravingReading> readings;  // any order
};

struct PersonCravingSummary {
  std::string person_id;
  int readings = 0;
  CravingReading first;
  CravingReading latest;
  int change = 0;  // latest.vas - first.vas: negative when craving fell
  // latest.vas <= first.vas / 2, compared exactly (2 × latest <= first), and first.vas > 0: a
  // person who started at 0 had nothing to halve and does not count as halved.
  bool halved = false;
};

// Nullopt when the series has fewer than two readings (no change to speak of).
std::optional<PersonCravingSummary> SummarisePerson(const CravingSeries& series);

struct ProgrammeCravingSummary {
  std::vector<PersonCravingSummary> persons;  // those with two readings or more, in input order
  int persons_excluded = 0;                   // fewer than two readings
  // Over `persons`; nullopt when there is nobody to average.
  std::optional<double> mean_change;
  std::optional<double> share_halved;  // 0..1
};

ProgrammeCravingSummary SummariseProgramme(const std::vector<CravingSeries>& series);

}  // namespace huigui
