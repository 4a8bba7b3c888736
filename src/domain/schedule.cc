#include "domain/schedule.h"

#include <algorithm>

namespace huigui {
namespace {

std::optional<Date> NextDue(int interval_days, Date start, std::optional<Date> last) {
  if (interval_days <= 0) return std::nullopt;
  const Date from = last ? std::max(*last, start) : start;
  return from.AddDays(interval_days);
}

}  // namespace

std::optional<Obligations> ComputeObligations(const ScheduleRule& rule, const ObligationInput& in,
                                              Date today, int horizon_days) {
  Obligations o{};
  o.contact_due = NextDue(rule.contact_interval_days, in.episode_start, in.last_contact);
  o.test_due = NextDue(rule.test_interval_days, in.episode_start, in.last_test);
  if (!o.contact_due && !o.test_due) return std::nullopt;
  if (o.contact_due && o.test_due) {
    o.next_due = std::min(*o.contact_due, *o.test_due);
  } else {
    o.next_due = o.contact_due ? *o.contact_due : *o.test_due;
  }
  if (o.next_due - today > horizon_days) return std::nullopt;
  o.overdue_days = std::max(0, today - o.next_due);
  o.status = o.next_due < today ? DueStatus::kOverdue : DueStatus::kDue;
  return o;
}

std::optional<ScheduleRule> FindRule(const std::vector<ScheduleRule>& rules, EpisodeKind kind) {
  for (const auto& r : rules) {
    if (r.kind == kind) return r;
  }
  return std::nullopt;
}

}  // namespace huigui
