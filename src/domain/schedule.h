// The simple contact/test schedule behind the worklist: for each episode kind, a contact and a
// test are due every N days, counted from the later of the episode start and the last one done.
// Intervals are configuration (table `schedules`), not code; risk-tiered schedules replace this
// in the continuum.
#pragma once

#include <optional>
#include <vector>

#include "domain/civil_time.h"
#include "domain/episode.h"

namespace huigui {

struct ScheduleRule {
  EpisodeKind kind = EpisodeKind::kCommunityDetox;
  int contact_interval_days = 0;  // 0: no contact obligation
  int test_interval_days = 0;     // 0: no test obligation
};

// What the schedule needs to know about one person's open episode.
struct ObligationInput {
  EpisodeKind kind = EpisodeKind::kCommunityDetox;
  Date episode_start;
  std::optional<Date> last_contact;  // local date of the latest contact
  std::optional<Date> last_test;     // local date of the latest test actually taken
};

enum class DueStatus { kDue, kOverdue };

struct Obligations {
  std::optional<Date> contact_due;
  std::optional<Date> test_due;
  Date next_due;     // the earlier of the two
  int overdue_days;  // today - next_due when positive, else 0
  DueStatus status;
};

// Items are listed when something falls due within this many days.
inline constexpr int kDueHorizonDays = 7;

// The obligations of one episode on `today`, or nullopt when nothing is due within the horizon
// or the rule asks for nothing.
std::optional<Obligations> ComputeObligations(const ScheduleRule& rule, const ObligationInput& in,
                                              Date today, int horizon_days = kDueHorizonDays);

// The rule for a kind from a configured list; nullopt when the kind has no rule.
std::optional<ScheduleRule> FindRule(const std::vector<ScheduleRule>& rules, EpisodeKind kind);

}  // namespace huigui
