// Obligations: everything that falls due for a person — tests and contacts from the risk-tiered
// schedule, and the statutory deadlines of the legal clock — each with its due date, owner and
// status. Derived, never stored: a rule change or a new event re-derives them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/assessment.h"
#include "domain/civil_time.h"
#include "domain/legal_clock.h"
#include "domain/risk.h"

namespace huigui {

enum class ObligationStatus { kOpen, kOverdue, kDone };
inline constexpr EnumNames<ObligationStatus, 3> kObligationStatusNames{{
    {ObligationStatus::kOpen, "open"},
    {ObligationStatus::kOverdue, "overdue"},
    {ObligationStatus::kDone, "done"},
}};

struct Obligation {
  std::string kind;  // "test", "contact", or a Deadline kind (report_in, release_notice, ...)
  Date due;
  DeadlineOwner owner = DeadlineOwner::kEpisodeOwner;
  ObligationStatus status = ObligationStatus::kOpen;
  int64_t episode_id = 0;
  int overdue_days = 0;
};

// One open episode with what the schedule needs.
struct EpisodeObligationInput {
  int64_t episode_id = 0;
  EpisodeKind kind = EpisodeKind::kCommunityDetox;
  ClockState clock;                  // from ComputeClock
  std::optional<Date> last_contact;  // latest successful contact (local date)
  std::optional<Date> last_test;     // latest test actually taken
  // Compulsory isolation in a facility: the admission day, the diagnostic assessments already
  // recorded on the episode and the policy that dates them (issue 4 §4).
  std::optional<Date> admission_date;
  std::vector<AssessmentKind> assessments_recorded;
  AssessmentPolicy assessment_policy;
};

// The kind of the obligation to hold the diagnostic assessment `kind`: "assessment_" + its wire
// name, e.g. "assessment_intake".
std::string AssessmentObligationKind(AssessmentKind kind);

// The person's obligations on `today` for one episode: the next test and contact by the
// interval rule for `tier` and the year of the term (counted from clock.term_start), plus every
// clock deadline. Episodes awaiting report-in or closed have no test/contact obligations;
// suspended and absconded ones neither (the person is out of reach by law).
//
// Contract:
// - Tests and contacts only in state active (community detox / rehab) or ongoing (voluntary,
//   aftercare); none in awaiting_report_in, suspended, absconded, decided, in_facility,
//   medical_parole or closed.
// - Year of the term: (today - term_start) / 365 clamped to 0..2 (0 without a term_start), so
//   day 364 is year 1, day 365 year 2, day 730 onward year 3+. The interval is that of the year
//   `today` falls in.
// - Next due: the later of term_start and the last one done, plus the interval; an event before
//   the term start does not count. With neither date known it is due today. An interval of 0
//   (or no rule for the kind) means no obligation. The owner is the episode owner.
// - Diagnostic assessments, only for a compulsory isolation episode in state in_facility with a
//   known admission date, term start and planned end: intake, end of detox stage, the
//   comprehensive one after a year and the one before expiry, dated by
//   ComputeAssessmentDueDates (escaped days push the anniversary back). The one after a year is
//   left out when it would fall on or after the before-expiry one (a term too short for it);
//   the before-expiry one is never due before admission. Done when an assessment of that kind is
//   recorded on the episode, whatever its result. Owner: the episode owner (the facility).
// - Every clock deadline becomes an obligation with its kind, due date and owner; done when the
//   deadline is done, whatever the state.
// - Status: done, else overdue when due < today (overdue_days = today - due), else open (due
//   today is open, overdue_days 0).
// - Sorted by due date, then kind.
std::vector<Obligation> DeriveObligations(const EpisodeObligationInput& input, RiskTier tier,
                                          const std::vector<IntervalRule>& intervals, Date today);

// Loss of supervision (脱管失控): a contact obligation overdue by more than `grace_days` with
// no successful contact since it fell due opens a lost-contact period from its due date.
//
// Contract: among contact obligations not done, one with today - due > grace_days (exactly
// grace_days overdue is not yet lost) gives LostContact{since = due, days = today - due}; with
// several (one per episode), the earliest due date. A successful contact later re-derives the
// obligation as not overdue, so nothing is detected: that closes the period.
struct LostContact {
  Date since;
  int days = 0;
};
std::optional<LostContact> DetectLossOfSupervision(const std::vector<Obligation>& obligations,
                                                   int grace_days, Date today);

inline constexpr int kDefaultLossGraceDays = 30;

// Worklists list an obligation when it falls due within this many days.
inline constexpr int kDueHorizonDays = 7;

}  // namespace huigui
