// The province dashboard (issue 5 §2, §4, §5): every person-level indicator for an org unit and
// for each of its children (drill-down), a monthly trend, and the survival of two groups. Plain
// data, so that the live projection (store/indicator_projection.h) and the plain-SQL baseline of
// bench/dashboard_bench.cc produce the same figures and can be compared field by field.
// Definitions: docs/indicators.md; each field names the indicator it counts.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/civil_time.h"

namespace huigui {

// The figures of one org unit's subtree over the period [from, to] (local dates, inclusive).
struct UnitFigures {
  std::string code;
  std::string name;
  // Current users by the official convention: registered persons living in the subtree, not
  // dead, not left the country, and not three years abstinent without relapse as of today.
  int current_users = 0;
  // Release cohort: releases from compulsory isolation dated in the period whose person lives in
  // the subtree or whose releasing facility is in it.
  int released = 0;
  int reached = 0;                // with a reaching follow-up (abstinent or relapsed)
  int abstinent = 0;              // the latest reaching follow-up found abstinence
  int three_years_eligible = 0;   // released 1,095 days or more before today
  int three_years_abstinent = 0;  // of those, no use in the window and abstinent at day >= 1,095
  // Community measures: persons with a community detox or rehabilitation episode run in the
  // subtree overlapping the period; of them, tested in the period (anywhere), and with a
  // lost-contact alert raised in the period.
  int under_measures = 0;
  int tested = 0;
  int lost_contact = 0;
  // Handovers to offices in the subtree whose report-in fell due in the period; reported in on
  // or before the due date.
  int handovers_due = 0;
  int handovers_on_time = 0;
  // Contacts recorded by aftercare stations in the subtree in the period.
  int aftercare_persons = 0;
  int aftercare_contacts = 0;
  std::map<std::string, int> aftercare_by_kind;
  // admit and release actions dated in the period on compulsory isolation episodes run in the
  // subtree.
  int admissions = 0;
  int releases = 0;
  // Facilities in the subtree: beds (facility profiles) and persons admitted and still there.
  int beds = 0;
  int occupied = 0;

  bool operator==(const UnitFigures&) const = default;
};

// One calendar month of the trend (the 12 months ending with the period's last month), for the
// unit's whole subtree; same definitions as above with the month as the period.
struct MonthFigures {
  int year = 0;
  int month = 0;
  int under_measures = 0;
  int tested = 0;
  int lost_contact = 0;
  int admissions = 0;
  int releases = 0;

  bool operator==(const MonthFigures&) const = default;
};

// Kaplan–Meier estimate of staying abstinent from release for one group of the unit's release
// cohort: the releases whose episode had at least one session of systematic desensitisation
// ("systematic_desensitisation") and the others ("none").
struct SurvivalFigures {
  std::string group;
  int n = 0;
  int events = 0;
  // S(t) at 365, 730 and 1,095 days (the estimate just after the last event time <= t).
  double at_1y = 1;
  double at_2y = 1;
  double at_3y = 1;

  bool operator==(const SurvivalFigures&) const = default;
};

struct DashboardFigures {
  std::string org_unit;
  Date from;
  Date to;
  Date as_of;
  UnitFigures total;
  std::vector<UnitFigures> children;      // each child's subtree, by code
  std::vector<MonthFigures> trend;        // oldest first
  std::vector<SurvivalFigures> survival;  // by group name

  bool operator==(const DashboardFigures&) const = default;
};

// The differences between two dashboards, one line each ("total.released: 12 vs 13",
// "children[420100].tested: ...", "trend[2026-03].admissions: ...",
// "survival[none].at_1y: ..."); empty when they agree. Survival estimates agree within a
// relative 1e-9; every other field must be equal. Children are matched by code, trend months by
// year and month, survival groups by name; one missing on either side is one line.
std::vector<std::string> DiffFigures(const DashboardFigures& a, const DashboardFigures& b);

}  // namespace huigui
