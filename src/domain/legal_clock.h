// The legal clock of an episode (禁毒法 2007, 戒毒条例 2011/2018; domain.md §3): its state,
// term, days served and left, and every statutory deadline — computed from the episode's order
// and the actions taken on it, never stored, so a corrected action re-derives everything.
//
// Counting rules (domain.md §3): the day of an order is not counted in a period of days, so
// "within 15 days" of an order served on 1 March ends with 16 March; a term of years runs from
// its first day through the day before the anniversary ("13 May 2026 to 12 May 2028").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/civil_time.h"
#include "domain/enum_names.h"
#include "domain/episode.h"
#include "domain/status.h"

namespace huigui {

// The actions a user takes on an episode (wire names are the public contract).
enum class EpisodeAction {
  kReportIn,       // 报到: the person reports to the office (community detox / rehab)
  kSignAgreement,  // 签订社区戒毒(康复)协议
  kSuspend,        // detention suspends a community order
  kResume,
  kEnd,                  // imprisonment, death, completed, ...: closes the episode
  kEscalate,             // community detox → compulsory isolation (serious breach, use, refusal)
  kAdmit,                // compulsory isolation: taken into a facility
  kTransfer,             // change of residence or of facility: the owner changes, clock runs on
  kAbscond,              // escape from a facility: days away do not count
  kReturn,               // back after an escape
  kMedicalParole,        // 所外就医
  kProposeEarlyRelease,  // after 1 year with a passing diagnostic assessment
  kDecideEarlyRelease,   // by the deciding authority within 7 days
  kProposeExtension,     // at most 1 year in total
  kDecideExtension,
  kRelease,              // compulsory isolation ends; opens a handover to the home township
  kOrderCommunityRehab,  // 责令社区康复 after release, at most 3 years
  kEnrolAftercare,       // 后续照管, voluntary
};

inline constexpr EnumNames<EpisodeAction, 18> kEpisodeActionNames{{
    {EpisodeAction::kReportIn, "report_in"},
    {EpisodeAction::kSignAgreement, "sign_agreement"},
    {EpisodeAction::kSuspend, "suspend"},
    {EpisodeAction::kResume, "resume"},
    {EpisodeAction::kEnd, "end"},
    {EpisodeAction::kEscalate, "escalate"},
    {EpisodeAction::kAdmit, "admit"},
    {EpisodeAction::kTransfer, "transfer"},
    {EpisodeAction::kAbscond, "abscond"},
    {EpisodeAction::kReturn, "return"},
    {EpisodeAction::kMedicalParole, "medical_parole"},
    {EpisodeAction::kProposeEarlyRelease, "propose_early_release"},
    {EpisodeAction::kDecideEarlyRelease, "decide_early_release"},
    {EpisodeAction::kProposeExtension, "propose_extension"},
    {EpisodeAction::kDecideExtension, "decide_extension"},
    {EpisodeAction::kRelease, "release"},
    {EpisodeAction::kOrderCommunityRehab, "order_community_rehab"},
    {EpisodeAction::kEnrolAftercare, "enrol_aftercare"},
}};

// Why an episode ended.
enum class EndReason {
  kCompleted,
  kImprisonment,
  kDeath,
  kEscalated,
  kReleased,
  kEarlyRelease,
  kParoleConverted,
  kLeftCountry,
  kOther
};
inline constexpr EnumNames<EndReason, 9> kEndReasonNames{{
    {EndReason::kCompleted, "completed"},
    {EndReason::kImprisonment, "imprisonment"},
    {EndReason::kDeath, "death"},
    {EndReason::kEscalated, "escalated"},
    {EndReason::kReleased, "released"},
    {EndReason::kEarlyRelease, "early_release"},
    {EndReason::kParoleConverted, "parole_converted"},
    {EndReason::kLeftCountry, "left_country"},
    {EndReason::kOther, "other"},
}};

// One action taken on an episode, as recorded. Only the fields its action uses are set.
struct ActionRecord {
  EpisodeAction action = EpisodeAction::kReportIn;
  Date date;                              // the local date it took effect
  std::optional<bool> approved;           // decide_early_release, decide_extension
  std::optional<bool> assessment_passed;  // propose_early_release: comprehensive assessment result
  int extension_days = 0;                 // propose_extension / decide_extension
  std::optional<EndReason> end_reason;    // end
  std::string to_org;                     // transfer: the new owner's code
};

// The facts of an episode the clock is computed from.
struct EpisodeFacts {
  EpisodeKind kind = EpisodeKind::kCommunityDetox;
  Date order_date;  // the order (community measures) or decision (compulsory isolation) date
  // Compulsory isolation only: the person had refused community rehabilitation before, which
  // bars early release (戒毒条例 §27).
  bool recommitted_after_refusing_rehab = false;
  // Compulsory isolation only: the first facility is a police-run one, whose stay is 3–6 months
  // (at most 12) before transfer to a justice-administration facility.
  bool in_police_facility = false;
  std::vector<ActionRecord> actions;  // in the order they were taken
};

enum class EpisodeState {
  kAwaitingReportIn,  // community order served, person not yet reported
  kActive,            // community measure running
  kSuspended,         // detention
  kDecided,           // compulsory isolation decided, not yet admitted
  kInFacility,
  kAbsconded,
  kMedicalParole,
  kOngoing,  // voluntary treatment and aftercare
  kClosed,
};
inline constexpr EnumNames<EpisodeState, 9> kEpisodeStateNames{{
    {EpisodeState::kAwaitingReportIn, "awaiting_report_in"},
    {EpisodeState::kActive, "active"},
    {EpisodeState::kSuspended, "suspended"},
    {EpisodeState::kDecided, "decided"},
    {EpisodeState::kInFacility, "in_facility"},
    {EpisodeState::kAbsconded, "absconded"},
    {EpisodeState::kMedicalParole, "medical_parole"},
    {EpisodeState::kOngoing, "ongoing"},
    {EpisodeState::kClosed, "closed"},
}};

// Who must act on a deadline, relative to the episode.
enum class DeadlineOwner {
  kEpisodeOwner,       // the office or facility that runs the episode
  kDecidingAuthority,  // the county police unit that ordered or decided it
  kPerson,             // the person (report-in)
};
inline constexpr EnumNames<DeadlineOwner, 3> kDeadlineOwnerNames{{
    {DeadlineOwner::kEpisodeOwner, "episode_owner"},
    {DeadlineOwner::kDecidingAuthority, "deciding_authority"},
    {DeadlineOwner::kPerson, "person"},
}};

// A statutory deadline. `kind` names it on the wire: report_in, sign_agreement, family_notice,
// transfer_to_justice_facility, early_release_decision, extension_decision, release_notice
// (3 days before release), release (the last day of the term), township_notice.
struct Deadline {
  std::string kind;
  Date due;
  DeadlineOwner owner = DeadlineOwner::kEpisodeOwner;
  bool done = false;
  std::optional<Date> earliest;  // a window's first day (transfer after 3 months)
};

struct ClockState {
  EpisodeState state = EpisodeState::kAwaitingReportIn;
  std::optional<Date> term_start;   // report-in date (community) or decision date (isolation)
  std::optional<Date> planned_end;  // last day of the term, after escapes, suspensions, extensions
  std::optional<Date> end_date;     // when it closed
  std::optional<EndReason> end_reason;
  int days_served = 0;  // term days counted so far (escaped and suspended days excluded),
                        // today included
  int days_left = 0;    // days after today until planned_end inclusive (planned_end - today),
                        // so days_served + days_left is the term; 0 when closed, unknown or past
  int escaped_days = 0;
  int suspended_days = 0;
  int extension_days = 0;
  bool ever_escaped = false;
  bool report_in_late = false;      // reported after the 15-day limit, or not at all by then:
                                    // counts as refusing the community measure
  std::vector<Deadline> deadlines;  // open and done, by due date
};

// The clock on `today`. Actions that the rules would refuse are assumed already filtered out
// by ValidateAction when they were recorded.
ClockState ComputeClock(const EpisodeFacts& facts, Date today);

// Whether `next` may be taken now. RuleViolation names the rule broken in errors[0].rule, e.g.
// "early_release_after_one_year", "no_early_release_after_escape", "extension_cap",
// "state_transition", "not_before_order", "not_in_future", "decision_within_7_days".
//
// Every rule it names (field in brackets): not_in_future, not_before_order, chronological
// [date]; state_transition [action] ("release is not possible while absconded", or "... for
// community_detox" when the action does not belong to the kind); required [end_reason, to_org,
// approved]; end_reason [end_reason] (released / early_release / escalated have their own
// actions, parole_converted ends only medical parole); no_early_release_after_escape,
// no_early_release_after_refusing_rehab [action]; early_release_after_one_year [date];
// passing_assessment_required [assessment_passed]; decision_within_7_days [date];
// extension_cap [extension_days] (1..365 proposed, 365 in total, a decision grants at most the
// days proposed); extension_before_term_end [date]; release_before_term_end [date] (release
// before planned_end needs an approved early release). Date rules are collected together, as
// are the early-release rules; otherwise the first broken rule answers.
Status ValidateAction(const EpisodeFacts& facts, const ActionRecord& next, Date today);

// A statutory notice given: family_notice, release_notice or township_notice.
struct NoticeRecord {
  std::string kind;
  Date date;
};

// The notice kinds a user records (the clock's other deadlines are met by actions).
bool IsNoticeKind(const std::string& kind);

// Marks each open deadline of a recorded notice's kind done.
void ApplyNotices(ClockState& clock, const std::vector<NoticeRecord>& notices);

// Days allowed for reporting in after an order (community detox and rehabilitation).
inline constexpr int kReportInDays = 15;
// The maximum total extension of compulsory isolation.
inline constexpr int kMaxExtensionDays = 365;

// Compulsory isolation: the family, employer and household police station are told within 24
// hours of the decision, taken as the day after the decision date.
inline constexpr int kFamilyNoticeDays = 1;
// A police-run first facility keeps the person 3–6 months after the decision (the
// transfer_to_justice_facility window), at most 12 where the province lacks room. The 12-month
// cap is advisory: a transfer is never refused for coming late, the overdue deadline shows it.
inline constexpr int kPoliceStayMinMonths = 3;
inline constexpr int kPoliceStayMonths = 6;
inline constexpr int kPoliceStayMaxMonths = 12;
// The deciding authority decides an early release or an extension within 7 days of the proposal
// (day 7 is the last good day).
inline constexpr int kDecisionDays = 7;
// The facility tells the deciding authority 3 days before release; the township is told within 7
// days after it.
inline constexpr int kReleaseNoticeDays = 3;
inline constexpr int kTownshipNoticeDays = 7;
// Early release may be proposed once one year has been served (escaped days do not count).
inline constexpr int kEarlyReleaseAfterYears = 1;

}  // namespace huigui
