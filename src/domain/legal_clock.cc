#include "domain/legal_clock.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace huigui {
namespace {

// Days during which the clock stands still: from the first day (counted) to the day it ended
// (not counted). `until` is empty while the interval is still open.
struct Interval {
  Date from;
  std::optional<Date> until;
};

// A proposal to the deciding authority (early release or extension).
struct Proposal {
  Date date;
  int extension_days = 0;
  std::optional<Date> decided_on;
};

// Everything the recorded actions establish, independent of `today`.
struct Replay {
  EpisodeState state = EpisodeState::kAwaitingReportIn;
  std::optional<Date> report_in;
  std::optional<Date> agreement_signed;
  std::vector<Interval> suspensions;
  std::vector<Interval> escapes;
  std::vector<Proposal> early_release_proposals;
  std::vector<Proposal> extension_proposals;
  int extension_days = 0;
  std::optional<Date> early_release_on;  // the approving decision's date
  std::optional<Date> admitted;
  std::optional<Date> transferred_from_first_facility;
  std::optional<Date> end_date;
  std::optional<EndReason> end_reason;
  std::optional<Date> last_action;
};

bool IsCommunity(EpisodeKind kind) {
  return kind == EpisodeKind::kCommunityDetox || kind == EpisodeKind::kCommunityRehab;
}

EpisodeState InitialState(EpisodeKind kind) {
  switch (kind) {
    case EpisodeKind::kCommunityDetox:
    case EpisodeKind::kCommunityRehab:
      return EpisodeState::kAwaitingReportIn;
    case EpisodeKind::kCompulsoryIsolation:
      return EpisodeState::kDecided;
    case EpisodeKind::kVoluntary:
    case EpisodeKind::kAftercare:
      return EpisodeState::kOngoing;
  }
  return EpisodeState::kOngoing;
}

void Close(Replay& r, Date date, EndReason reason) {
  r.state = EpisodeState::kClosed;
  r.end_date = date;
  r.end_reason = reason;
  // An interval still open when the episode closes runs through the closing day.
  for (auto* intervals : {&r.suspensions, &r.escapes}) {
    if (!intervals->empty() && !intervals->back().until) intervals->back().until = date.AddDays(1);
  }
}

// The newest proposal, if it is still waiting for a decision on `date` (a proposal left
// undecided past its 7 days has lapsed and may be made again).
bool HasPendingProposal(const std::vector<Proposal>& proposals, Date date) {
  return !proposals.empty() && !proposals.back().decided_on &&
         date - proposals.back().date <= kDecisionDays;
}

void Apply(Replay& r, const ActionRecord& a) {
  r.last_action = a.date;
  switch (a.action) {
    case EpisodeAction::kReportIn:
      r.report_in = a.date;
      r.state = EpisodeState::kActive;
      break;
    case EpisodeAction::kSignAgreement:
      r.agreement_signed = a.date;
      break;
    case EpisodeAction::kSuspend:
      r.suspensions.push_back({a.date, std::nullopt});
      r.state = EpisodeState::kSuspended;
      break;
    case EpisodeAction::kResume:
      if (!r.suspensions.empty()) r.suspensions.back().until = a.date;
      r.state = EpisodeState::kActive;
      break;
    case EpisodeAction::kEnd:
      Close(r, a.date, a.end_reason.value_or(EndReason::kOther));
      break;
    case EpisodeAction::kEscalate:
      Close(r, a.date, EndReason::kEscalated);
      break;
    case EpisodeAction::kAdmit:
      r.admitted = a.date;
      r.state = EpisodeState::kInFacility;
      break;
    case EpisodeAction::kTransfer:
      if (r.admitted && !r.transferred_from_first_facility) {
        r.transferred_from_first_facility = a.date;
      }
      break;
    case EpisodeAction::kAbscond:
      r.escapes.push_back({a.date, std::nullopt});
      r.state = EpisodeState::kAbsconded;
      break;
    case EpisodeAction::kReturn:
      if (r.state == EpisodeState::kAbsconded && !r.escapes.empty()) {
        r.escapes.back().until = a.date;
      }
      r.state = EpisodeState::kInFacility;
      break;
    case EpisodeAction::kMedicalParole:
      r.state = EpisodeState::kMedicalParole;
      break;
    case EpisodeAction::kProposeEarlyRelease:
      r.early_release_proposals.push_back({a.date, 0, std::nullopt});
      break;
    case EpisodeAction::kDecideEarlyRelease:
      if (HasPendingProposal(r.early_release_proposals, a.date)) {
        r.early_release_proposals.back().decided_on = a.date;
        if (a.approved.value_or(false)) r.early_release_on = a.date;
      }
      break;
    case EpisodeAction::kProposeExtension:
      r.extension_proposals.push_back({a.date, a.extension_days, std::nullopt});
      break;
    case EpisodeAction::kDecideExtension:
      if (HasPendingProposal(r.extension_proposals, a.date)) {
        Proposal& p = r.extension_proposals.back();
        p.decided_on = a.date;
        if (a.approved.value_or(false)) {
          r.extension_days += a.extension_days > 0 ? a.extension_days : p.extension_days;
        }
      }
      break;
    case EpisodeAction::kRelease:
      Close(r, a.date, r.early_release_on ? EndReason::kEarlyRelease : EndReason::kReleased);
      break;
    case EpisodeAction::kOrderCommunityRehab:
    case EpisodeAction::kEnrolAftercare:
      break;  // they open new episodes; this one's clock is unchanged
  }
}

// Replays the actions taken up to and including `upto` (later ones are not yet in effect).
Replay ReplayActions(const EpisodeFacts& facts, Date upto) {
  Replay r;
  r.state = InitialState(facts.kind);
  for (const auto& a : facts.actions) {
    if (a.date > upto) break;
    Apply(r, a);
  }
  return r;
}

std::optional<Date> TermStart(const EpisodeFacts& facts, const Replay& r) {
  if (IsCommunity(facts.kind)) return r.report_in;
  return facts.order_date;
}

// Days of `intervals` that fall within [lo, hi], both counted.
int DaysWithin(const std::vector<Interval>& intervals, Date lo, Date hi) {
  int total = 0;
  for (const auto& i : intervals) {
    const Date first = std::max(i.from, lo);
    const Date last = std::min(i.until ? i.until->AddDays(-1) : hi, hi);
    if (last >= first) total += last - first + 1;
  }
  return total;
}

// The last day the clock can have run to: `today`, or the closing day.
Date ClockLimit(const Replay& r, Date today) {
  return r.end_date ? std::min(*r.end_date, today) : today;
}

// The last day of the term as known on `today`.
//
// Leap years: a term starting 29 February ends the day before its anniversary, and the
// anniversary in a common year is taken as 28 February (Date::AddYears clamps), so a 3-year term
// from 2024-02-29 ends 2027-02-27. That is how decision letters count it ("from 29 Feb 2024 to
// 27 Feb 2027"): the alternative, an anniversary on 1 March, would add a day the law does not
// give, and erring toward the shorter term never keeps anyone past their term.
std::optional<Date> PlannedEnd(const EpisodeFacts& facts, const Replay& r, Date today) {
  const auto start = TermStart(facts, r);
  if (!start) return std::nullopt;
  const auto base = DefaultPlannedEnd(facts.kind, *start);
  if (!base) return std::nullopt;
  const Date limit = ClockLimit(r, today);
  if (IsCommunity(facts.kind)) return base->AddDays(DaysWithin(r.suspensions, *start, limit));
  if (r.early_release_on) return *r.early_release_on;
  return base->AddDays(DaysWithin(r.escapes, *start, limit) + r.extension_days);
}

void AddDeadline(std::vector<Deadline>& out, std::string kind, Date due, DeadlineOwner owner,
                 bool done, std::optional<Date> earliest = std::nullopt) {
  out.push_back({std::move(kind), due, owner, done, earliest});
}

void CommunityDeadlines(const EpisodeFacts& facts, const Replay& r, std::vector<Deadline>& out) {
  AddDeadline(out, "report_in", facts.order_date.AddDays(kReportInDays), DeadlineOwner::kPerson,
              r.report_in.has_value());
  if (r.report_in) {
    AddDeadline(out, "sign_agreement", *r.report_in, DeadlineOwner::kEpisodeOwner,
                r.agreement_signed.has_value());
  }
}

void ProposalDeadlines(const std::vector<Proposal>& proposals, std::string_view kind,
                       std::vector<Deadline>& out) {
  for (const auto& p : proposals) {
    AddDeadline(out, std::string(kind), p.date.AddDays(kDecisionDays),
                DeadlineOwner::kDecidingAuthority, p.decided_on.has_value());
  }
}

void IsolationDeadlines(const EpisodeFacts& facts, const Replay& r, std::optional<Date> planned_end,
                        std::vector<Deadline>& out) {
  const Date decision = facts.order_date;
  // Notices have no action of their own: the application records when they are given.
  AddDeadline(out, "family_notice", decision.AddDays(kFamilyNoticeDays),
              DeadlineOwner::kDecidingAuthority, false);
  if (facts.in_police_facility) {
    AddDeadline(out, "transfer_to_justice_facility", decision.AddMonths(kPoliceStayMonths),
                DeadlineOwner::kEpisodeOwner, r.transferred_from_first_facility.has_value(),
                decision.AddMonths(kPoliceStayMinMonths));
  }
  ProposalDeadlines(r.early_release_proposals, "early_release_decision", out);
  ProposalDeadlines(r.extension_proposals, "extension_decision", out);
  const bool released =
      r.end_reason == EndReason::kReleased || r.end_reason == EndReason::kEarlyRelease;
  if (planned_end) {
    // An approved early release is the deciding authority's own decision: it needs no notice.
    AddDeadline(out, "release_notice", planned_end->AddDays(-kReleaseNoticeDays),
                DeadlineOwner::kEpisodeOwner, r.early_release_on.has_value());
    AddDeadline(out, "release", *planned_end, DeadlineOwner::kEpisodeOwner, released);
  }
  if (released) {
    AddDeadline(out, "township_notice", r.end_date->AddDays(kTownshipNoticeDays),
                DeadlineOwner::kEpisodeOwner, false);
  }
}

std::vector<Deadline> Deadlines(const EpisodeFacts& facts, const Replay& r,
                                std::optional<Date> planned_end) {
  std::vector<Deadline> out;
  if (IsCommunity(facts.kind)) CommunityDeadlines(facts, r, out);
  if (facts.kind == EpisodeKind::kCompulsoryIsolation) {
    IsolationDeadlines(facts, r, planned_end, out);
  }
  // Once closed, a deadline that would have fallen due later and was never met is moot (an
  // episode ended by death owes no release); township_notice is the one a closing creates.
  if (r.end_date) {
    std::erase_if(out, [&](const Deadline& d) {
      return !d.done && d.due > *r.end_date && d.kind != "township_notice";
    });
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Deadline& a, const Deadline& b) { return a.due < b.due; });
  return out;
}

// --- Validation -------------------------------------------------------------------------------

Status Violation(std::string field, std::string rule, std::string message) {
  FieldErrors errors;
  errors.Add(std::move(field), std::move(rule), std::move(message));
  return errors.ToStatus(Status::Code::kRuleViolation);
}

std::string ActionName(EpisodeAction a) { return std::string(NameOf(kEpisodeActionNames, a)); }

Status NotInState(EpisodeAction a, EpisodeState s) {
  return Violation(
      "action", "state_transition",
      ActionName(a) + " is not possible while " + std::string(NameOf(kEpisodeStateNames, s)));
}

Status NotForKind(EpisodeAction a, EpisodeKind k) {
  return Violation(
      "action", "state_transition",
      ActionName(a) + " is not possible for " + std::string(NameOf(kEpisodeKindNames, k)));
}

bool StateIn(EpisodeState s, std::initializer_list<EpisodeState> allowed) {
  return std::find(allowed.begin(), allowed.end(), s) != allowed.end();
}

Status CheckDates(const EpisodeFacts& facts, const Replay& r, const ActionRecord& next,
                  Date today) {
  FieldErrors errors;
  if (next.date > today) errors.Add("date", "not_in_future", "must not be after today");
  if (next.date < facts.order_date) {
    errors.Add("date", "not_before_order",
               "must not be before the order date " + facts.order_date.ToString());
  }
  if (r.last_action && next.date < *r.last_action) {
    errors.Add("date", "chronological",
               "must not be before the previous action on " + r.last_action->ToString());
  }
  return errors.ToStatus(Status::Code::kRuleViolation);
}

Status CheckEnd(const Replay& r, const ActionRecord& next) {
  if (!next.end_reason) return Violation("end_reason", "required", "end needs an end_reason");
  switch (*next.end_reason) {
    case EndReason::kReleased:
    case EndReason::kEarlyRelease:
      return Violation("end_reason", "end_reason", "a release is recorded with the release action");
    case EndReason::kEscalated:
      return Violation("end_reason", "end_reason",
                       "an escalation is recorded with the escalate action");
    case EndReason::kParoleConverted:
      if (r.state != EpisodeState::kMedicalParole) {
        return Violation("end_reason", "end_reason",
                         "parole_converted ends only an episode on medical parole");
      }
      return Status::Ok();
    default:
      return Status::Ok();
  }
}

Status CheckProposeEarlyRelease(const EpisodeFacts& facts, const Replay& r,
                                const ActionRecord& next) {
  if (!StateIn(r.state, {EpisodeState::kInFacility, EpisodeState::kMedicalParole})) {
    return NotInState(next.action, r.state);
  }
  if (HasPendingProposal(r.early_release_proposals, next.date) || r.early_release_on) {
    return Violation("action", "state_transition",
                     "propose_early_release is not possible: one is already pending or approved");
  }
  FieldErrors errors;
  if (!r.escapes.empty()) {
    errors.Add("action", "no_early_release_after_escape", "an escape bars early release");
  }
  if (facts.recommitted_after_refusing_rehab) {
    errors.Add("action", "no_early_release_after_refusing_rehab",
               "a person re-committed after refusing community rehabilitation cannot be "
               "released early");
  }
  const Date earliest = facts.order_date.AddYears(kEarlyReleaseAfterYears)
                            .AddDays(DaysWithin(r.escapes, facts.order_date, next.date));
  if (next.date < earliest) {
    errors.Add(
        "date", "early_release_after_one_year",
        "early release may be proposed from " + earliest.ToString() + ", after one year served");
  }
  if (!next.assessment_passed.value_or(false)) {
    errors.Add("assessment_passed", "passing_assessment_required",
               "early release needs a passing comprehensive diagnostic assessment");
  }
  return errors.ToStatus(Status::Code::kRuleViolation);
}

// A decision on the pending proposal, within 7 days of it.
Status CheckDecision(const std::vector<Proposal>& proposals, const ActionRecord& next) {
  if (proposals.empty() || proposals.back().decided_on) {
    return Violation("action", "state_transition",
                     ActionName(next.action) + " is not possible without a pending proposal");
  }
  const Proposal& p = proposals.back();
  if (next.date - p.date > kDecisionDays) {
    return Violation("date", "decision_within_7_days",
                     "the decision is due within 7 days of the proposal of " + p.date.ToString());
  }
  if (!next.approved) return Violation("approved", "required", "a decision needs approved");
  return Status::Ok();
}

Status CheckProposeExtension(const EpisodeFacts& facts, const Replay& r, const ActionRecord& next) {
  if (!StateIn(r.state, {EpisodeState::kInFacility, EpisodeState::kMedicalParole})) {
    return NotInState(next.action, r.state);
  }
  if (HasPendingProposal(r.extension_proposals, next.date)) {
    return Violation("action", "state_transition",
                     "propose_extension is not possible: one is already pending");
  }
  if (r.early_release_on) {
    return Violation("action", "state_transition",
                     "propose_extension is not possible after an approved early release");
  }
  if (next.extension_days < 1 || r.extension_days + next.extension_days > kMaxExtensionDays) {
    return Violation("extension_days", "extension_cap",
                     "extensions total at most 365 days; " + std::to_string(r.extension_days) +
                         " already granted");
  }
  const auto planned_end = PlannedEnd(facts, r, next.date);
  if (planned_end && next.date > *planned_end) {
    return Violation("date", "extension_before_term_end",
                     "an extension is proposed before the term ends on " + planned_end->ToString());
  }
  return Status::Ok();
}

Status CheckDecideExtension(const Replay& r, const ActionRecord& next) {
  Status s = CheckDecision(r.extension_proposals, next);
  if (!s.ok()) return s;
  const int proposed = r.extension_proposals.back().extension_days;
  if (next.extension_days < 0 || next.extension_days > proposed) {
    return Violation(
        "extension_days", "extension_cap",
        "the decision grants at most the " + std::to_string(proposed) + " days proposed");
  }
  return Status::Ok();
}

Status CheckRelease(const EpisodeFacts& facts, const Replay& r, const ActionRecord& next) {
  if (!StateIn(r.state, {EpisodeState::kInFacility, EpisodeState::kMedicalParole})) {
    return NotInState(next.action, r.state);
  }
  const auto planned_end = PlannedEnd(facts, r, next.date);
  if (planned_end && next.date < *planned_end) {
    return Violation(
        "date", "release_before_term_end",
        "release before " + planned_end->ToString() + " needs an approved early release");
  }
  return Status::Ok();
}

// Whether `action` belongs to the episode's kind at all.
bool ActionFitsKind(EpisodeAction action, EpisodeKind kind) {
  switch (action) {
    case EpisodeAction::kReportIn:
    case EpisodeAction::kSignAgreement:
    case EpisodeAction::kSuspend:
    case EpisodeAction::kResume:
      return IsCommunity(kind);
    case EpisodeAction::kEscalate:
      return kind == EpisodeKind::kCommunityDetox;
    case EpisodeAction::kAdmit:
    case EpisodeAction::kAbscond:
    case EpisodeAction::kReturn:
    case EpisodeAction::kMedicalParole:
    case EpisodeAction::kProposeEarlyRelease:
    case EpisodeAction::kDecideEarlyRelease:
    case EpisodeAction::kProposeExtension:
    case EpisodeAction::kDecideExtension:
    case EpisodeAction::kRelease:
    case EpisodeAction::kOrderCommunityRehab:
      return kind == EpisodeKind::kCompulsoryIsolation;
    case EpisodeAction::kEnd:
    case EpisodeAction::kTransfer:
    case EpisodeAction::kEnrolAftercare:
      return true;
  }
  return false;
}

Status CheckTransition(const EpisodeFacts& facts, const Replay& r, const ActionRecord& next) {
  using S = EpisodeState;
  const S s = r.state;
  const auto require = [&](std::initializer_list<S> allowed) {
    return StateIn(s, allowed) ? Status::Ok() : NotInState(next.action, s);
  };
  if (!ActionFitsKind(next.action, facts.kind)) return NotForKind(next.action, facts.kind);
  switch (next.action) {
    case EpisodeAction::kReportIn:
      return require({S::kAwaitingReportIn});
    case EpisodeAction::kSignAgreement:
      if (r.agreement_signed) {
        return Violation("action", "state_transition",
                         "sign_agreement is not possible: the agreement is already signed");
      }
      return require({S::kActive, S::kSuspended});
    case EpisodeAction::kSuspend:
      return require({S::kActive});
    case EpisodeAction::kResume:
      return require({S::kSuspended});
    case EpisodeAction::kEnd: {
      if (s == S::kClosed) return NotInState(next.action, s);
      return CheckEnd(r, next);
    }
    case EpisodeAction::kEscalate:
      return require({S::kAwaitingReportIn, S::kActive, S::kSuspended});
    case EpisodeAction::kAdmit:
      return require({S::kDecided});
    case EpisodeAction::kTransfer: {
      if (next.to_org.empty()) return Violation("to_org", "required", "transfer needs to_org");
      return require({S::kAwaitingReportIn, S::kActive, S::kSuspended, S::kInFacility,
                      S::kMedicalParole, S::kOngoing});
    }
    case EpisodeAction::kAbscond:
      return require({S::kInFacility});
    case EpisodeAction::kReturn:
      return require({S::kAbsconded, S::kMedicalParole});
    case EpisodeAction::kMedicalParole:
      return require({S::kInFacility});
    case EpisodeAction::kProposeEarlyRelease:
      return CheckProposeEarlyRelease(facts, r, next);
    case EpisodeAction::kDecideEarlyRelease: {
      if (s == S::kClosed) return NotInState(next.action, s);
      Status d = CheckDecision(r.early_release_proposals, next);
      if (!d.ok()) return d;
      if (*next.approved && !r.escapes.empty()) {
        return Violation("action", "no_early_release_after_escape", "an escape bars early release");
      }
      return Status::Ok();
    }
    case EpisodeAction::kProposeExtension:
      return CheckProposeExtension(facts, r, next);
    case EpisodeAction::kDecideExtension:
      if (s == S::kClosed) return NotInState(next.action, s);
      return CheckDecideExtension(r, next);
    case EpisodeAction::kRelease:
      return CheckRelease(facts, r, next);
    case EpisodeAction::kOrderCommunityRehab:
      if (s != S::kClosed ||
          (r.end_reason != EndReason::kReleased && r.end_reason != EndReason::kEarlyRelease)) {
        return Violation("action", "state_transition",
                         "order_community_rehab is possible only after release");
      }
      return Status::Ok();
    case EpisodeAction::kEnrolAftercare:
      if (s != S::kClosed) return NotInState(next.action, s);
      if (r.end_reason == EndReason::kDeath) {
        return Violation("action", "state_transition",
                         "enrol_aftercare is not possible after death");
      }
      return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace

ClockState ComputeClock(const EpisodeFacts& facts, Date today) {
  const Replay r = ReplayActions(facts, today);
  ClockState c;
  c.state = r.state;
  c.term_start = TermStart(facts, r);
  c.planned_end = PlannedEnd(facts, r, today);
  c.end_date = r.end_date;
  c.end_reason = r.end_reason;
  c.ever_escaped = !r.escapes.empty();
  c.extension_days = r.extension_days;
  const Date limit = ClockLimit(r, today);
  if (c.term_start) {
    c.escaped_days = DaysWithin(r.escapes, *c.term_start, limit);
    c.suspended_days = DaysWithin(r.suspensions, *c.term_start, limit);
    const Date last = c.planned_end ? std::min(limit, *c.planned_end) : limit;
    if (last >= *c.term_start) {
      c.days_served = (last - *c.term_start + 1) - DaysWithin(r.escapes, *c.term_start, last) -
                      DaysWithin(r.suspensions, *c.term_start, last);
    }
  }
  if (c.planned_end && c.state != EpisodeState::kClosed) {
    c.days_left = std::max(0, *c.planned_end - today);
  }
  if (IsCommunity(facts.kind)) {
    const Date due = facts.order_date.AddDays(kReportInDays);
    c.report_in_late = r.report_in ? *r.report_in > due : limit > due;
  }
  c.deadlines = Deadlines(facts, r, c.planned_end);
  return c;
}

Status ValidateAction(const EpisodeFacts& facts, const ActionRecord& next, Date today) {
  // Every recorded action counts, whatever `today` is: the order of events is what matters.
  Replay r;
  r.state = InitialState(facts.kind);
  for (const auto& a : facts.actions) Apply(r, a);
  Status s = CheckDates(facts, r, next, today);
  if (!s.ok()) return s;
  return CheckTransition(facts, r, next);
}

bool IsNoticeKind(const std::string& kind) {
  return kind == "family_notice" || kind == "release_notice" || kind == "township_notice";
}

void ApplyNotices(ClockState& clock, const std::vector<NoticeRecord>& notices) {
  for (auto& d : clock.deadlines) {
    for (const auto& n : notices) {
      if (n.kind == d.kind) d.done = true;
    }
  }
}

}  // namespace huigui
