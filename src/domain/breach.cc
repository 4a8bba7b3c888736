#include "domain/breach.h"

#include <algorithm>

namespace huigui {
namespace {

bool EvadedOrRefused(TestResult result) {
  return result == TestResult::kRefused || result == TestResult::kMissed;
}

// Days of an absence inside [since, today], both ends counted.
int DaysInside(const AbsenceFact& a, Date since, Date today) {
  const Date first = std::max(a.from, since);
  const Date last = std::min(a.to, today);
  return last >= first ? last - first + 1 : 0;
}

std::string Between(Date since, Date today) {
  return " between " + since.ToString() + " and " + today.ToString();
}

}  // namespace

std::vector<BreachFinding> DetectSeriousBreach(const std::vector<TestFact>& tests,
                                               const std::vector<AbsenceFact>& absences, Date since,
                                               Date today) {
  std::vector<BreachFinding> findings;

  std::vector<int64_t> evaded;
  for (const auto& t : tests) {
    if (EvadedOrRefused(t.result) && t.date >= since && t.date <= today) evaded.push_back(t.id);
  }
  if (static_cast<int>(evaded.size()) >= kBreachTestCount) {
    findings.push_back(
        {"tests_evaded_or_refused",
         std::to_string(evaded.size()) + " tests evaded or refused" + Between(since, today),
         evaded});
  }

  // Only the days inside the window count, both for whether an absence needed a report and for
  // the total: a finding leads to compulsory isolation, so days outside the episode never do.
  std::vector<int64_t> exits;
  int days_away = 0;
  for (const auto& a : absences) {
    if (a.authorised) continue;
    const int days = DaysInside(a, since, today);
    if (days < kExitReportDays) continue;
    exits.push_back(a.id);
    days_away += days;
  }
  if (static_cast<int>(exits.size()) >= kBreachExitCount) {
    findings.push_back({"unauthorised_exits",
                        std::to_string(exits.size()) +
                            " unauthorised exits from the county of 3 days or more" +
                            Between(since, today),
                        exits});
  }
  if (days_away > kBreachDaysAway) {
    findings.push_back({"days_away",
                        std::to_string(days_away) +
                            " days away from the county without permission" +
                            Between(since, today) + " (more than 30)",
                        exits});
  }
  return findings;
}

}  // namespace huigui
