#include "domain/obligations.h"

#include <algorithm>

namespace huigui {
namespace {

// Only a running community measure or an ongoing voluntary/aftercare episode has tests and
// contacts; every other state puts the person out of the schedule's reach.
bool HasSchedule(EpisodeState state) {
  return state == EpisodeState::kActive || state == EpisodeState::kOngoing;
}

// 0, 1 or 2: the year of the term `today` falls in, counting 365-day years from term_start.
int YearIndex(std::optional<Date> term_start, Date today) {
  if (!term_start) return 0;
  return std::clamp((today - *term_start) / 365, 0, 2);
}

Obligation Dated(std::string kind, Date due, DeadlineOwner owner, int64_t episode_id, Date today) {
  Obligation o;
  o.kind = std::move(kind);
  o.due = due;
  o.owner = owner;
  o.episode_id = episode_id;
  if (due < today) {
    o.status = ObligationStatus::kOverdue;
    o.overdue_days = today - due;
  }
  return o;
}

// The next one due: `interval` days after the later of the term start and the last one done.
// With neither known the obligation is due today, so it surfaces rather than vanishes.
std::optional<Obligation> Scheduled(const char* kind, int interval, std::optional<Date> term_start,
                                    std::optional<Date> last, int64_t episode_id, Date today) {
  if (interval <= 0) return std::nullopt;
  std::optional<Date> from = term_start;
  if (last && (!from || *last > *from)) from = last;
  const Date due = from ? from->AddDays(interval) : today;
  return Dated(kind, due, DeadlineOwner::kEpisodeOwner, episode_id, today);
}

void AddAssessments(const EpisodeObligationInput& input, Date today, std::vector<Obligation>& out) {
  const ClockState& clock = input.clock;
  if (input.kind != EpisodeKind::kCompulsoryIsolation || clock.state != EpisodeState::kInFacility ||
      !input.admission_date || !clock.term_start || !clock.planned_end) {
    return;
  }
  const AssessmentDueDates due =
      ComputeAssessmentDueDates(*clock.term_start, *input.admission_date, *clock.planned_end,
                                input.assessment_policy, clock.escaped_days);
  const Date before_expiry = std::max(due.before_expiry, *input.admission_date);
  for (const auto& [kind, name] : kAssessmentKindNames) {
    Date when = due.For(kind);
    if (kind == AssessmentKind::kComprehensiveAfterOneYear && when >= before_expiry) continue;
    if (kind == AssessmentKind::kBeforeExpiry) when = before_expiry;
    Obligation o = Dated(AssessmentObligationKind(kind), when, DeadlineOwner::kEpisodeOwner,
                         input.episode_id, today);
    const auto& done = input.assessments_recorded;
    if (std::find(done.begin(), done.end(), kind) != done.end()) {
      o.status = ObligationStatus::kDone;
      o.overdue_days = 0;
    }
    out.push_back(std::move(o));
  }
}

}  // namespace

std::string AssessmentObligationKind(AssessmentKind kind) {
  return "assessment_" + std::string(NameOf(kAssessmentKindNames, kind));
}

std::vector<Obligation> DeriveObligations(const EpisodeObligationInput& input, RiskTier tier,
                                          const std::vector<IntervalRule>& intervals, Date today) {
  std::vector<Obligation> out;
  const ClockState& clock = input.clock;
  if (HasSchedule(clock.state)) {
    if (const auto rule = FindInterval(intervals, tier, input.kind)) {
      const int year = YearIndex(clock.term_start, today);
      auto test = Scheduled("test", rule->test_days[year], clock.term_start, input.last_test,
                            input.episode_id, today);
      if (test) out.push_back(std::move(*test));
      auto contact = Scheduled("contact", rule->contact_days[year], clock.term_start,
                               input.last_contact, input.episode_id, today);
      if (contact) out.push_back(std::move(*contact));
    }
  }
  AddAssessments(input, today, out);
  for (const auto& d : clock.deadlines) {
    Obligation o = Dated(d.kind, d.due, d.owner, input.episode_id, today);
    if (d.done) {
      o.status = ObligationStatus::kDone;
      o.overdue_days = 0;
    }
    out.push_back(std::move(o));
  }
  std::stable_sort(out.begin(), out.end(), [](const Obligation& a, const Obligation& b) {
    if (a.due != b.due) return a.due < b.due;
    return a.kind < b.kind;
  });
  return out;
}

std::optional<LostContact> DetectLossOfSupervision(const std::vector<Obligation>& obligations,
                                                   int grace_days, Date today) {
  std::optional<LostContact> lost;
  for (const auto& o : obligations) {
    if (o.kind != "contact" || o.status == ObligationStatus::kDone) continue;
    const int overdue = today - o.due;
    if (overdue <= grace_days) continue;
    // Several episodes may each miss a contact: the earliest due date is when contact was lost.
    if (!lost || o.due < lost->since) lost = LostContact{o.due, overdue};
  }
  return lost;
}

}  // namespace huigui
