// Outcome indicators of a release cohort (issue 5 §2; domain.md §6; docs/indicators.md,
// "Outcomes of a release cohort"): from the releases and the dated evidence about each person,
// the observation the Kaplan–Meier estimate needs (domain/survival.h), the abstinence
// maintenance rate (操守保持率) and "three years abstinent without relapse"; and the small-cell
// suppression of aggregate tables shown to analysts.
//
// A release is the end of a compulsory isolation episode (released or released early). Its
// observation window runs from the release date to the start of the person's next compulsory
// isolation (inclusive: the use that led to it is evidence of this spell) or, without one, to
// today. Evidence is a local date with a kind:
//   use        a relapse row (recorded, positive test or relapsed follow-up) or a positive test
//   abstinent  an abstinent follow-up or a negative test
// Time is whole days from the release. The event is the first use in the window; without use the
// observation is censored at the last abstinent evidence in the window, or at day 0 when there is
// none (the person is counted in n and at risk at day 0 only, as R counts Surv(0, 0)).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/civil_time.h"
#include "domain/follow_up.h"
#include "domain/survival.h"

namespace huigui {

// Cells counting 1..minimum-1 persons are withheld from analysts (docs/security.md). The minimum
// is configurable (`min_cell`, docs/operations.md): a process-wide policy set once at start.
inline constexpr int kSmallCellMinimum = 5;  // the default
int SmallCellMinimum();
void SetSmallCellMinimum(int minimum);

enum class EvidenceKind { kUse, kAbstinent };

struct Evidence {
  int64_t person_id = 0;
  Date date;
  EvidenceKind kind = EvidenceKind::kUse;
};

struct Release {
  int64_t episode_id = 0;
  int64_t person_id = 0;
  Date release;
  std::optional<Date> next_isolation;  // start of the person's next compulsory isolation
  std::string group;                   // the group it is counted in ("all" when not grouped)
};

struct ReleaseOutcome {
  SurvivalObservation observation;  // group, days, relapsed
  bool observed = false;            // any evidence after release (false: censored at day 0)
  std::optional<int> last_use_day;  // days from release to the last use in the window
  std::optional<int> last_abstinent_day;
};

// One outcome per release, in the order of `releases`. `evidence` in any order, of any persons;
// only the person's evidence inside each release's window counts. `today` closes open windows.
std::vector<ReleaseOutcome> AssembleOutcomes(const std::vector<Release>& releases,
                                             const std::vector<Evidence>& evidence, Date today);

// "Three years abstinent without relapse" of one release: at least 1,095 days since release, no
// use in the window, and abstinent evidence 1,095 days or more after release (still reachable).
bool ThreeYearsAbstinent(const ReleaseOutcome& outcome);

// 操守保持率 for one release: the follow-ups of the release (reaching ones: abstinent or
// relapsed), latest by date (same date: the later one in the list wins).
struct FollowUpOutcome {
  bool reached = false;    // at least one abstinent or relapsed follow-up
  bool abstinent = false;  // the latest reaching follow-up found abstinence
};
FollowUpOutcome LatestFollowUp(const std::vector<FollowUpFact>& facts);

// --- small-cell suppression -------------------------------------------------------------------

// A table of counts published to analysts, and its lines: sets of cells tied by a published
// linear relation (a row and its total, a column and its total, a total and its parts). A cell of
// 1..minimum-1 is suppressed (primary); then, until nothing changes, a line with exactly one
// suppressed cell has its smallest other unsuppressed cell suppressed too (complementary; ties:
// the first in the line), so no suppressed cell can be recovered by subtraction. Zero is shown.
struct CellTable {
  std::vector<int> counts;
  std::vector<std::vector<int>> lines;  // indices into counts
};

// suppressed[i] for each cell. Line indices out of range are ignored.
std::vector<bool> SuppressSmallCells(const CellTable& table, int minimum = SmallCellMinimum());

}  // namespace huigui
