// Activity indicators of an org subtree over a period (issue 5 §2, domain.md §6): the testing
// rate and the loss-of-supervision rate of persons under community measures, handover
// timeliness, aftercare contacts per person by kind, admissions and releases; each for the org
// unit and for each of its children (drill-down province → city → county → township).
//
// Pure: the arithmetic of rates, periods and the drill-down buckets.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "domain/civil_time.h"

namespace huigui {

// A rate always travels with its numerator and denominator; no rate when the denominator is 0.
struct Rate {
  int numerator = 0;
  int denominator = 0;
  std::optional<double> rate;
};
Rate MakeRate(int numerator, int denominator);

// The child of the org unit at `parent_path` on the way to the unit at `path` (paths as stored:
// "/420000/420100/420102/"): "420100" for "/420000/420100/420102/" under "/420000/"; "" when
// `path` is the parent itself; nullopt when `path` is outside the parent's subtree.
std::optional<std::string> ChildCode(std::string_view path, std::string_view parent_path);

// A reporting period by its key: "2026" (year), "2026-Q2" (quarter), "2026-03" (month). The
// first and last day, inclusive; nullopt when the key is not one of these forms or the year is
// outside 1900..2200.
std::optional<std::pair<Date, Date>> PeriodRange(std::string_view key);

}  // namespace huigui
