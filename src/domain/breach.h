// Serious breach of a community measure (禁毒法 §38, 戒毒条例 §17): evading or refusing tests 3 or
// more times, or leaving the county without permission 3 or more times or for more than 30 days
// in total. Detected from the record, with the evidence listed, so the county police can decide
// on escalation to compulsory isolation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/civil_time.h"
#include "domain/drug_test.h"

namespace huigui {

struct TestFact {
  int64_t id = 0;
  Date date;
  TestResult result = TestResult::kNegative;
};

// A stay outside the county. `authorised` when a written report was filed beforehand. Its length
// counts both the day of leaving and the day of return (from 1 to 3 March is 3 days). An absence
// of kExitReportDays or more without a report is an unauthorised exit; shorter ones need none.
// "More than 30 days in total" sums the days of unauthorised exits.
struct AbsenceFact {
  int64_t id = 0;
  Date from;
  Date to;  // inclusive; the day of return
  bool authorised = false;
};

struct BreachFinding {
  std::string rule;  // "tests_evaded_or_refused", "unauthorised_exits", "days_away"
  std::string summary;
  std::vector<int64_t> evidence_ids;  // the tests or absences that make it
};

// Findings within the episode from `since` (its term start) to `today`. Empty when none.
// Missed and refused tests both count as evading or refusing.
std::vector<BreachFinding> DetectSeriousBreach(const std::vector<TestFact>& tests,
                                               const std::vector<AbsenceFact>& absences, Date since,
                                               Date today);

inline constexpr int kBreachTestCount = 3;
inline constexpr int kBreachExitCount = 3;
inline constexpr int kBreachDaysAway = 30;  // more than this many days in total
inline constexpr int kExitReportDays = 3;   // an absence of this many days needs a report

}  // namespace huigui
