#include "domain/legal_clock.h"

#include <gtest/gtest.h>

namespace huigui {
namespace {

using A = EpisodeAction;
using K = EpisodeKind;

Date D(const char* s) { return *Date::Parse(s); }

ActionRecord Act(A action, const char* date) {
  ActionRecord r;
  r.action = action;
  r.date = D(date);
  return r;
}
ActionRecord End(const char* date, std::optional<EndReason> reason) {
  ActionRecord r = Act(A::kEnd, date);
  r.end_reason = reason;
  return r;
}
ActionRecord Transfer(const char* date, std::string to_org = "330100-F2") {
  ActionRecord r = Act(A::kTransfer, date);
  r.to_org = std::move(to_org);
  return r;
}
ActionRecord ProposeEarly(const char* date, std::optional<bool> passed = true) {
  ActionRecord r = Act(A::kProposeEarlyRelease, date);
  r.assessment_passed = passed;
  return r;
}
ActionRecord Decide(A action, const char* date, std::optional<bool> approved = true,
                    int extension_days = 0) {
  ActionRecord r = Act(action, date);
  r.approved = approved;
  r.extension_days = extension_days;
  return r;
}
ActionRecord ProposeExtension(const char* date, int days) {
  ActionRecord r = Act(A::kProposeExtension, date);
  r.extension_days = days;
  return r;
}

EpisodeFacts Facts(K kind, const char* order, std::vector<ActionRecord> actions = {}) {
  EpisodeFacts f;
  f.kind = kind;
  f.order_date = D(order);
  f.actions = std::move(actions);
  return f;
}

// Community detox ordered 1 March 2026; compulsory isolation decided 13 May 2026.
EpisodeFacts Detox(std::vector<ActionRecord> actions = {}) {
  return Facts(K::kCommunityDetox, "2026-03-01", std::move(actions));
}
EpisodeFacts Isolation(std::vector<ActionRecord> actions = {}) {
  return Facts(K::kCompulsoryIsolation, "2026-05-13", std::move(actions));
}
EpisodeFacts Admitted(std::vector<ActionRecord> more = {}) {
  std::vector<ActionRecord> actions = {Act(A::kAdmit, "2026-05-14")};
  actions.insert(actions.end(), more.begin(), more.end());
  return Isolation(std::move(actions));
}

// "ok" or the rule of the first error.
std::string RuleOf(const Status& s) {
  if (s.ok()) return "ok";
  EXPECT_EQ(s.code(), Status::Code::kRuleViolation);
  if (s.errors().empty()) return "(no field error)";
  return s.errors()[0].rule;
}

const Deadline* FindDeadline(const ClockState& c, const std::string& kind) {
  for (const auto& d : c.deadlines) {
    if (d.kind == kind) return &d;
  }
  return nullptr;
}

// --- Community measures: report-in ------------------------------------------------------------

TEST(LegalClockTest, ReportInDayFifteenIsTheLastGoodDay) {
  struct Case {
    const char* report;
    bool late;
  };
  // Order 1 March: the order day is not counted, so day 15 is 16 March.
  for (const Case c :
       {Case{"2026-03-02", false}, Case{"2026-03-15", false}, Case{"2026-03-16", false},
        Case{"2026-03-17", true}, Case{"2026-04-30", true}}) {
    SCOPED_TRACE(c.report);
    for (K kind : {K::kCommunityDetox, K::kCommunityRehab}) {
      const auto facts = Facts(kind, "2026-03-01", {Act(A::kReportIn, c.report)});
      EXPECT_EQ(
          RuleOf(ValidateAction(Facts(kind, "2026-03-01"), facts.actions[0], D("2026-05-01"))),
          "ok");  // a late report is still recorded: lateness is a flag, not a refusal
      const auto clock = ComputeClock(facts, D("2026-05-01"));
      EXPECT_EQ(clock.report_in_late, c.late);
      EXPECT_EQ(clock.state, EpisodeState::kActive);
      EXPECT_EQ(clock.term_start, D(c.report));
    }
  }
}

TEST(LegalClockTest, NotReportingByTheDeadlineIsLateFromTheNextDay) {
  struct Case {
    const char* today;
    bool late;
  };
  for (const Case c :
       {Case{"2026-03-15", false}, Case{"2026-03-16", false}, Case{"2026-03-17", true}}) {
    SCOPED_TRACE(c.today);
    const auto clock = ComputeClock(Detox(), D(c.today));
    EXPECT_EQ(clock.state, EpisodeState::kAwaitingReportIn);
    EXPECT_EQ(clock.report_in_late, c.late);
    EXPECT_FALSE(clock.term_start);
    EXPECT_FALSE(clock.planned_end);
    EXPECT_EQ(clock.days_served, 0);
    EXPECT_EQ(clock.days_left, 0);
  }
}

TEST(LegalClockTest, AnEpisodeClosedBeforeTheReportDeadlineWasNotLate) {
  const auto facts = Detox({End("2026-03-10", EndReason::kDeath)});
  EXPECT_FALSE(ComputeClock(facts, D("2026-06-01")).report_in_late);
  const auto escalated = Detox({Act(A::kEscalate, "2026-03-20")});
  const auto clock = ComputeClock(escalated, D("2026-06-01"));
  EXPECT_TRUE(clock.report_in_late);
  EXPECT_EQ(clock.end_reason, EndReason::kEscalated);
  EXPECT_EQ(clock.state, EpisodeState::kClosed);
}

// --- Terms and planned ends ---------------------------------------------------------------------

TEST(LegalClockTest, PlannedEnds) {
  struct Case {
    const char* name;
    EpisodeFacts facts;
    const char* today;
    const char* planned_end;
  };
  const std::vector<Case> cases = {
      {"detox: 3 years from report-in", Detox({Act(A::kReportIn, "2026-03-10")}), "2026-04-01",
       "2029-03-09"},
      {"rehab: at most 3 years, same computation",
       Facts(K::kCommunityRehab, "2026-03-01", {Act(A::kReportIn, "2026-03-10")}), "2026-04-01",
       "2029-03-09"},
      {"detox from 29 Feb: anniversary 28 Feb, term ends 27 Feb",
       Facts(K::kCommunityDetox, "2024-02-20", {Act(A::kReportIn, "2024-02-29")}), "2024-03-01",
       "2027-02-27"},
      {"detox from 28 Feb in a leap year",
       Facts(K::kCommunityDetox, "2024-02-20", {Act(A::kReportIn, "2024-02-28")}), "2024-03-01",
       "2027-02-27"},
      {"detox from 1 Mar in a leap year",
       Facts(K::kCommunityDetox, "2024-02-20", {Act(A::kReportIn, "2024-03-01")}), "2024-03-02",
       "2027-02-28"},
      {"isolation: 2 years from the decision", Isolation(), "2026-05-13", "2028-05-12"},
      {"isolation decided 29 Feb", Facts(K::kCompulsoryIsolation, "2024-02-29"), "2024-03-01",
       "2026-02-27"},
      {"detox: a closed suspension pushes the end by its days (suspend day in, resume day out)",
       Detox({Act(A::kReportIn, "2026-03-10"), Act(A::kSuspend, "2026-06-01"),
              Act(A::kResume, "2026-06-11")}),
       "2026-07-01", "2029-03-19"},
      {"detox: two suspensions add up",
       Detox({Act(A::kReportIn, "2026-03-10"), Act(A::kSuspend, "2026-06-01"),
              Act(A::kResume, "2026-06-11"), Act(A::kSuspend, "2026-08-01"),
              Act(A::kResume, "2026-08-02")}),
       "2026-09-01", "2029-03-20"},
      {"detox: an open suspension counts through today",
       Detox({Act(A::kReportIn, "2026-03-10"), Act(A::kSuspend, "2026-06-01")}), "2026-06-05",
       "2029-03-14"},
      {"isolation: escaped days push the end (abscond day in, return day out)",
       Admitted({Act(A::kAbscond, "2026-08-01"), Act(A::kReturn, "2026-08-11")}), "2026-09-01",
       "2028-05-22"},
      {"isolation: an open escape counts through today", Admitted({Act(A::kAbscond, "2026-08-01")}),
       "2026-08-03", "2028-05-15"},
      {"isolation: same-day return costs nothing",
       Admitted({Act(A::kAbscond, "2026-08-01"), Act(A::kReturn, "2026-08-01")}), "2026-09-01",
       "2028-05-12"},
      {"isolation: an approved extension adds its days",
       Admitted({ProposeExtension("2028-04-01", 90), Decide(A::kDecideExtension, "2028-04-05")}),
       "2028-04-06", "2028-08-10"},
      {"isolation: the decision may grant fewer days than proposed",
       Admitted({ProposeExtension("2028-04-01", 90),
                 Decide(A::kDecideExtension, "2028-04-05", true, 30)}),
       "2028-04-06", "2028-06-11"},
      {"isolation: a refused extension adds nothing",
       Admitted(
           {ProposeExtension("2028-04-01", 90), Decide(A::kDecideExtension, "2028-04-05", false)}),
       "2028-04-06", "2028-05-12"},
      {"isolation: escape and extension both count",
       Admitted({Act(A::kAbscond, "2026-08-01"), Act(A::kReturn, "2026-08-11"),
                 ProposeExtension("2028-04-01", 365), Decide(A::kDecideExtension, "2028-04-08")}),
       "2028-04-09", "2029-05-22"},
      {"isolation: an approved early release ends the term on the decision day",
       Admitted({ProposeEarly("2027-05-13"), Decide(A::kDecideEarlyRelease, "2027-05-20")}),
       "2027-05-21", "2027-05-20"},
      {"isolation: a refused early release changes nothing",
       Admitted({ProposeEarly("2027-05-13"), Decide(A::kDecideEarlyRelease, "2027-05-20", false)}),
       "2027-05-21", "2028-05-12"},
      {"isolation: medical parole time counts",
       Admitted({Act(A::kMedicalParole, "2026-09-01"), Act(A::kReturn, "2026-10-01")}),
       "2026-11-01", "2028-05-12"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto clock = ComputeClock(c.facts, D(c.today));
    ASSERT_TRUE(clock.planned_end);
    EXPECT_EQ(clock.planned_end->ToString(), c.planned_end);
  }
}

TEST(LegalClockTest, DaysServedAndLeftMakeTheTerm) {
  const auto facts = Isolation();
  auto first = ComputeClock(facts, D("2026-05-13"));
  EXPECT_EQ(first.state, EpisodeState::kDecided);
  EXPECT_EQ(first.term_start, D("2026-05-13"));
  EXPECT_EQ(first.days_served, 1);
  EXPECT_EQ(first.days_left, 730);  // 731 days in all: the term spans 29 Feb 2028
  auto last = ComputeClock(facts, D("2028-05-12"));
  EXPECT_EQ(last.days_served, 731);
  EXPECT_EQ(last.days_left, 0);
  auto past = ComputeClock(facts, D("2028-06-01"));
  EXPECT_EQ(past.days_served, 731);  // capped at planned_end
  EXPECT_EQ(past.days_left, 0);
}

TEST(LegalClockTest, EscapedDaysAreNotServed) {
  const auto facts = Admitted({Act(A::kAbscond, "2026-08-01"), Act(A::kReturn, "2026-08-11")});
  const auto clock = ComputeClock(facts, D("2026-09-01"));
  EXPECT_EQ(clock.state, EpisodeState::kInFacility);
  EXPECT_TRUE(clock.ever_escaped);
  EXPECT_EQ(clock.escaped_days, 10);
  EXPECT_EQ(clock.days_served, (D("2026-09-01") - D("2026-05-13") + 1) - 10);
  EXPECT_EQ(clock.days_served + clock.days_left, 731);

  const auto away = ComputeClock(Admitted({Act(A::kAbscond, "2026-08-01")}), D("2026-08-03"));
  EXPECT_EQ(away.state, EpisodeState::kAbsconded);
  EXPECT_EQ(away.escaped_days, 3);
  EXPECT_EQ(away.days_served + away.days_left, 731);
}

TEST(LegalClockTest, SuspendedDaysAreNotServed) {
  const auto facts = Detox({Act(A::kReportIn, "2026-03-10"), Act(A::kSuspend, "2026-06-01"),
                            Act(A::kResume, "2026-06-11")});
  const auto during = ComputeClock(facts, D("2026-06-05"));
  EXPECT_EQ(during.state, EpisodeState::kSuspended);
  EXPECT_EQ(during.suspended_days, 5);
  const auto after = ComputeClock(facts, D("2026-07-01"));
  EXPECT_EQ(after.state, EpisodeState::kActive);
  EXPECT_EQ(after.suspended_days, 10);
  EXPECT_EQ(after.days_served, (D("2026-07-01") - D("2026-03-10") + 1) - 10);
  EXPECT_EQ(after.days_served + after.days_left, D("2029-03-10") - D("2026-03-10"));
}

TEST(LegalClockTest, TransferKeepsStateAndClock) {
  const auto before = ComputeClock(Detox({Act(A::kReportIn, "2026-03-10")}), D("2026-07-01"));
  const auto after = ComputeClock(Detox({Act(A::kReportIn, "2026-03-10"), Transfer("2026-05-01")}),
                                  D("2026-07-01"));
  EXPECT_EQ(after.state, EpisodeState::kActive);
  EXPECT_EQ(after.planned_end, before.planned_end);
  EXPECT_EQ(after.days_served, before.days_served);
}

TEST(LegalClockTest, ActionsAfterTodayAreNotYetInEffect) {
  const auto facts = Admitted({Act(A::kAbscond, "2026-08-01")});
  EXPECT_EQ(ComputeClock(facts, D("2026-07-31")).state, EpisodeState::kInFacility);
  EXPECT_EQ(ComputeClock(facts, D("2026-05-13")).state, EpisodeState::kDecided);
}

TEST(LegalClockTest, ReleaseClosesTheEpisode) {
  const auto released = ComputeClock(Admitted({Act(A::kRelease, "2028-05-12")}), D("2028-06-01"));
  EXPECT_EQ(released.state, EpisodeState::kClosed);
  EXPECT_EQ(released.end_reason, EndReason::kReleased);
  EXPECT_EQ(released.end_date, D("2028-05-12"));
  EXPECT_EQ(released.days_served, 731);
  EXPECT_EQ(released.days_left, 0);

  const auto early = ComputeClock(
      Admitted({ProposeEarly("2027-05-13"), Decide(A::kDecideEarlyRelease, "2027-05-20"),
                Act(A::kRelease, "2027-05-20")}),
      D("2027-06-01"));
  EXPECT_EQ(early.end_reason, EndReason::kEarlyRelease);
  EXPECT_EQ(early.days_served, D("2027-05-20") - D("2026-05-13") + 1);
}

TEST(LegalClockTest, VoluntaryAndAftercareHaveNoTerm) {
  for (K kind : {K::kVoluntary, K::kAftercare}) {
    const auto clock = ComputeClock(Facts(kind, "2026-03-01"), D("2026-03-10"));
    EXPECT_EQ(clock.state, EpisodeState::kOngoing);
    EXPECT_FALSE(clock.planned_end);
    EXPECT_EQ(clock.days_left, 0);
    EXPECT_EQ(clock.days_served, 10);
    EXPECT_TRUE(clock.deadlines.empty());
    const auto ended = ComputeClock(
        Facts(kind, "2026-03-01", {End("2026-03-05", EndReason::kCompleted)}), D("2026-03-10"));
    EXPECT_EQ(ended.state, EpisodeState::kClosed);
    EXPECT_EQ(ended.days_served, 5);
  }
}

// --- Deadlines ----------------------------------------------------------------------------------

TEST(LegalClockTest, CommunityDeadlines) {
  auto clock = ComputeClock(Detox(), D("2026-03-05"));
  ASSERT_EQ(clock.deadlines.size(), 1u);
  EXPECT_EQ(clock.deadlines[0].kind, "report_in");
  EXPECT_EQ(clock.deadlines[0].due, D("2026-03-16"));
  EXPECT_EQ(clock.deadlines[0].owner, DeadlineOwner::kPerson);
  EXPECT_FALSE(clock.deadlines[0].done);

  clock = ComputeClock(Detox({Act(A::kReportIn, "2026-03-10")}), D("2026-03-11"));
  ASSERT_EQ(clock.deadlines.size(), 2u);
  EXPECT_TRUE(FindDeadline(clock, "report_in")->done);
  const Deadline* sign = FindDeadline(clock, "sign_agreement");
  ASSERT_TRUE(sign);
  EXPECT_EQ(sign->due, D("2026-03-10"));
  EXPECT_EQ(sign->owner, DeadlineOwner::kEpisodeOwner);
  EXPECT_FALSE(sign->done);
  EXPECT_EQ(clock.deadlines[0].kind, "sign_agreement");  // by due date

  clock =
      ComputeClock(Detox({Act(A::kReportIn, "2026-03-10"), Act(A::kSignAgreement, "2026-03-10")}),
                   D("2026-03-11"));
  EXPECT_TRUE(FindDeadline(clock, "sign_agreement")->done);
}

TEST(LegalClockTest, IsolationDeadlines) {
  auto clock = ComputeClock(Isolation(), D("2026-05-13"));
  const Deadline* family = FindDeadline(clock, "family_notice");
  ASSERT_TRUE(family);
  EXPECT_EQ(family->due, D("2026-05-14"));
  EXPECT_EQ(family->owner, DeadlineOwner::kDecidingAuthority);
  EXPECT_FALSE(family->done);
  const Deadline* notice = FindDeadline(clock, "release_notice");
  ASSERT_TRUE(notice);
  EXPECT_EQ(notice->due, D("2028-05-09"));
  EXPECT_EQ(notice->owner, DeadlineOwner::kEpisodeOwner);
  const Deadline* release = FindDeadline(clock, "release");
  ASSERT_TRUE(release);
  EXPECT_EQ(release->due, D("2028-05-12"));
  EXPECT_FALSE(release->done);
  EXPECT_EQ(FindDeadline(clock, "transfer_to_justice_facility"), nullptr);
  EXPECT_EQ(FindDeadline(clock, "township_notice"), nullptr);
  for (std::size_t i = 1; i < clock.deadlines.size(); ++i) {
    EXPECT_LE(clock.deadlines[i - 1].due, clock.deadlines[i].due);
  }
}

TEST(LegalClockTest, PoliceFacilityTransferWindow) {
  auto facts = Admitted();
  facts.in_police_facility = true;
  auto clock = ComputeClock(facts, D("2026-06-01"));
  const Deadline* transfer = FindDeadline(clock, "transfer_to_justice_facility");
  ASSERT_TRUE(transfer);
  EXPECT_EQ(transfer->earliest, D("2026-08-13"));
  EXPECT_EQ(transfer->due, D("2026-11-13"));
  EXPECT_FALSE(transfer->done);

  facts.actions.push_back(Transfer("2026-10-01", "330100-J1"));
  clock = ComputeClock(facts, D("2026-10-02"));
  EXPECT_TRUE(FindDeadline(clock, "transfer_to_justice_facility")->done);
  // A late transfer (past the 12-month cap) is still recorded; the deadline shows it was late.
  auto late = Admitted();
  late.in_police_facility = true;
  EXPECT_EQ(RuleOf(ValidateAction(late, Transfer("2027-06-01"), D("2027-06-01"))), "ok");
}

TEST(LegalClockTest, DecisionDeadlinesFollowProposals) {
  auto clock = ComputeClock(Admitted({ProposeEarly("2027-05-13")}), D("2027-05-14"));
  const Deadline* decision = FindDeadline(clock, "early_release_decision");
  ASSERT_TRUE(decision);
  EXPECT_EQ(decision->due, D("2027-05-20"));
  EXPECT_EQ(decision->owner, DeadlineOwner::kDecidingAuthority);
  EXPECT_FALSE(decision->done);

  clock = ComputeClock(
      Admitted({ProposeEarly("2027-05-13"), Decide(A::kDecideEarlyRelease, "2027-05-15", false)}),
      D("2027-05-16"));
  EXPECT_TRUE(FindDeadline(clock, "early_release_decision")->done);

  clock = ComputeClock(Admitted({ProposeExtension("2028-04-01", 60)}), D("2028-04-02"));
  const Deadline* ext = FindDeadline(clock, "extension_decision");
  ASSERT_TRUE(ext);
  EXPECT_EQ(ext->due, D("2028-04-08"));
  EXPECT_FALSE(ext->done);
}

TEST(LegalClockTest, EarlyReleaseMovesTheReleaseDeadlines) {
  const auto clock = ComputeClock(
      Admitted({ProposeEarly("2027-05-13"), Decide(A::kDecideEarlyRelease, "2027-05-20")}),
      D("2027-05-20"));
  EXPECT_EQ(FindDeadline(clock, "release")->due, D("2027-05-20"));
  EXPECT_FALSE(FindDeadline(clock, "release")->done);
  // The deciding authority decided the release itself: no notice is owed to it.
  EXPECT_TRUE(FindDeadline(clock, "release_notice")->done);
}

TEST(LegalClockTest, ReleaseOpensTheTownshipNotice) {
  const auto clock = ComputeClock(Admitted({Act(A::kRelease, "2028-05-12")}), D("2028-05-13"));
  EXPECT_TRUE(FindDeadline(clock, "release")->done);
  const Deadline* township = FindDeadline(clock, "township_notice");
  ASSERT_TRUE(township);
  EXPECT_EQ(township->due, D("2028-05-19"));
  EXPECT_EQ(township->owner, DeadlineOwner::kEpisodeOwner);
  EXPECT_FALSE(township->done);
  EXPECT_EQ(clock.deadlines.back().kind, "township_notice");
}

TEST(LegalClockTest, ClosingDropsDeadlinesThatWouldFallDueLater) {
  const auto clock =
      ComputeClock(Admitted({End("2026-09-01", EndReason::kDeath)}), D("2026-10-01"));
  EXPECT_EQ(clock.state, EpisodeState::kClosed);
  EXPECT_EQ(FindDeadline(clock, "release"), nullptr);
  EXPECT_EQ(FindDeadline(clock, "release_notice"), nullptr);
  EXPECT_EQ(FindDeadline(clock, "township_notice"), nullptr);
  EXPECT_TRUE(FindDeadline(clock, "family_notice"));  // fell due before the end
}

// --- ValidateAction -----------------------------------------------------------------------------

struct ValidationCase {
  const char* name;
  EpisodeFacts facts;
  ActionRecord next;
  const char* today;
  const char* rule;  // "ok" when allowed
};

void RunValidationCases(const std::vector<ValidationCase>& cases) {
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(RuleOf(ValidateAction(c.facts, c.next, D(c.today))), c.rule);
  }
}

const char* const kLater = "2030-01-01";

TEST(LegalClockTest, DatesOfActions) {
  const auto reported = Detox({Act(A::kReportIn, "2026-03-10")});
  RunValidationCases({
      {"on the order day", Detox(), Act(A::kReportIn, "2026-03-01"), kLater, "ok"},
      {"before the order", Detox(), Act(A::kReportIn, "2026-02-28"), kLater, "not_before_order"},
      {"today", Detox(), Act(A::kReportIn, "2026-03-05"), "2026-03-05", "ok"},
      {"tomorrow", Detox(), Act(A::kReportIn, "2026-03-06"), "2026-03-05", "not_in_future"},
      {"same day as the previous action", reported, Act(A::kSignAgreement, "2026-03-10"), kLater,
       "ok"},
      {"before the previous action", reported, Act(A::kSignAgreement, "2026-03-09"), kLater,
       "chronological"},
      {"isolation before the decision", Isolation(), Act(A::kAdmit, "2026-05-12"), kLater,
       "not_before_order"},
      {"aftercare before the previous action",
       Facts(K::kAftercare, "2026-03-01", {Transfer("2026-04-01")}),
       End("2026-03-31", EndReason::kCompleted), kLater, "chronological"},
  });
  const Status s = ValidateAction(reported, Act(A::kSignAgreement, "2026-03-09"), D(kLater));
  ASSERT_FALSE(s.errors().empty());
  EXPECT_EQ(s.errors()[0].field, "date");
}

TEST(LegalClockTest, CommunityTransitions) {
  const auto reported = Detox({Act(A::kReportIn, "2026-03-10")});
  const auto suspended = Detox({Act(A::kReportIn, "2026-03-10"), Act(A::kSuspend, "2026-04-01")});
  const auto signed_ =
      Detox({Act(A::kReportIn, "2026-03-10"), Act(A::kSignAgreement, "2026-03-10")});
  const auto closed =
      Detox({Act(A::kReportIn, "2026-03-10"), End("2026-04-01", EndReason::kImprisonment)});
  const auto rehab = Facts(K::kCommunityRehab, "2026-03-01", {Act(A::kReportIn, "2026-03-10")});
  RunValidationCases({
      {"report in", Detox(), Act(A::kReportIn, "2026-03-10"), kLater, "ok"},
      {"report in twice", reported, Act(A::kReportIn, "2026-03-11"), kLater, "state_transition"},
      {"sign before report-in", Detox(), Act(A::kSignAgreement, "2026-03-05"), kLater,
       "state_transition"},
      {"sign after report-in", reported, Act(A::kSignAgreement, "2026-03-10"), kLater, "ok"},
      {"sign twice", signed_, Act(A::kSignAgreement, "2026-03-11"), kLater, "state_transition"},
      {"sign while suspended", suspended, Act(A::kSignAgreement, "2026-04-02"), kLater, "ok"},
      {"suspend before report-in", Detox(), Act(A::kSuspend, "2026-03-05"), kLater,
       "state_transition"},
      {"suspend", reported, Act(A::kSuspend, "2026-04-01"), kLater, "ok"},
      {"suspend twice", suspended, Act(A::kSuspend, "2026-04-02"), kLater, "state_transition"},
      {"resume while active", reported, Act(A::kResume, "2026-04-01"), kLater, "state_transition"},
      {"resume", suspended, Act(A::kResume, "2026-04-05"), kLater, "ok"},
      {"escalate awaiting report-in", Detox(), Act(A::kEscalate, "2026-03-20"), kLater, "ok"},
      {"escalate active", reported, Act(A::kEscalate, "2026-04-01"), kLater, "ok"},
      {"escalate suspended", suspended, Act(A::kEscalate, "2026-04-05"), kLater, "ok"},
      {"escalate closed", closed, Act(A::kEscalate, "2026-04-05"), kLater, "state_transition"},
      {"escalate community rehab", rehab, Act(A::kEscalate, "2026-04-05"), kLater,
       "state_transition"},
      {"end while suspended", suspended, End("2026-04-05", EndReason::kImprisonment), kLater, "ok"},
      {"end without reason", reported, End("2026-04-05", std::nullopt), kLater, "required"},
      {"end as released", reported, End("2026-04-05", EndReason::kReleased), kLater, "end_reason"},
      {"end as escalated", reported, End("2026-04-05", EndReason::kEscalated), kLater,
       "end_reason"},
      {"end as parole converted", reported, End("2026-04-05", EndReason::kParoleConverted), kLater,
       "end_reason"},
      {"end twice", closed, End("2026-04-05", EndReason::kDeath), kLater, "state_transition"},
      {"transfer awaiting report-in", Detox(), Transfer("2026-03-05"), kLater, "ok"},
      {"transfer while suspended", suspended, Transfer("2026-04-05"), kLater, "ok"},
      {"transfer without to_org", reported, Transfer("2026-04-05", ""), kLater, "required"},
      {"transfer closed", closed, Transfer("2026-04-05"), kLater, "state_transition"},
      {"admit into community detox", reported, Act(A::kAdmit, "2026-04-05"), kLater,
       "state_transition"},
      {"release from community detox", reported, Act(A::kRelease, "2026-04-05"), kLater,
       "state_transition"},
      {"abscond from community detox", reported, Act(A::kAbscond, "2026-04-05"), kLater,
       "state_transition"},
      {"order community rehab on detox", closed, Act(A::kOrderCommunityRehab, "2026-04-05"), kLater,
       "state_transition"},
      {"aftercare while active", reported, Act(A::kEnrolAftercare, "2026-04-05"), kLater,
       "state_transition"},
      {"aftercare after imprisonment ends it", closed, Act(A::kEnrolAftercare, "2026-04-05"),
       kLater, "ok"},
      {"aftercare after completion",
       Detox({Act(A::kReportIn, "2026-03-10"), End("2029-03-09", EndReason::kCompleted)}),
       Act(A::kEnrolAftercare, "2029-03-10"), kLater, "ok"},
      {"aftercare after death",
       Detox({Act(A::kReportIn, "2026-03-10"), End("2026-04-01", EndReason::kDeath)}),
       Act(A::kEnrolAftercare, "2026-04-05"), kLater, "state_transition"},
  });
}

TEST(LegalClockTest, StateTransitionMessagesNameStateAndAction) {
  const Status s = ValidateAction(Admitted({Act(A::kAbscond, "2026-08-01")}),
                                  Act(A::kRelease, "2028-05-12"), D(kLater));
  ASSERT_EQ(s.errors().size(), 1u);
  EXPECT_EQ(s.errors()[0].field, "action");
  EXPECT_EQ(s.errors()[0].rule, "state_transition");
  EXPECT_EQ(s.errors()[0].message, "release is not possible while absconded");

  const Status k = ValidateAction(Detox(), Act(A::kAdmit, "2026-03-05"), D(kLater));
  EXPECT_EQ(k.errors()[0].message, "admit is not possible for community_detox");
}

TEST(LegalClockTest, IsolationTransitions) {
  const auto absconded = Admitted({Act(A::kAbscond, "2026-08-01")});
  const auto parole = Admitted({Act(A::kMedicalParole, "2026-09-01")});
  const auto released = Admitted({Act(A::kRelease, "2028-05-12")});
  const auto early =
      Admitted({ProposeEarly("2027-05-13"), Decide(A::kDecideEarlyRelease, "2027-05-20"),
                Act(A::kRelease, "2027-05-20")});
  const auto dead = Admitted({End("2026-09-01", EndReason::kDeath)});
  RunValidationCases({
      {"admit", Isolation(), Act(A::kAdmit, "2026-05-14"), kLater, "ok"},
      {"admit twice", Admitted(), Act(A::kAdmit, "2026-05-15"), kLater, "state_transition"},
      {"abscond before admission", Isolation(), Act(A::kAbscond, "2026-05-14"), kLater,
       "state_transition"},
      {"abscond", Admitted(), Act(A::kAbscond, "2026-08-01"), kLater, "ok"},
      {"abscond twice", absconded, Act(A::kAbscond, "2026-08-02"), kLater, "state_transition"},
      {"abscond from medical parole", parole, Act(A::kAbscond, "2026-09-02"), kLater,
       "state_transition"},
      {"return in facility", Admitted(), Act(A::kReturn, "2026-08-01"), kLater, "state_transition"},
      {"return after escape", absconded, Act(A::kReturn, "2026-08-11"), kLater, "ok"},
      {"return from medical parole", parole, Act(A::kReturn, "2026-10-01"), kLater, "ok"},
      {"medical parole", Admitted(), Act(A::kMedicalParole, "2026-09-01"), kLater, "ok"},
      {"medical parole while absconded", absconded, Act(A::kMedicalParole, "2026-08-02"), kLater,
       "state_transition"},
      {"medical parole before admission", Isolation(), Act(A::kMedicalParole, "2026-05-14"), kLater,
       "state_transition"},
      {"parole converted", parole, End("2026-10-01", EndReason::kParoleConverted), kLater, "ok"},
      {"parole converted from the facility", Admitted(),
       End("2026-10-01", EndReason::kParoleConverted), kLater, "end_reason"},
      {"end while absconded", absconded, End("2026-09-01", EndReason::kDeath), kLater, "ok"},
      {"transfer between facilities", Admitted(), Transfer("2026-09-01"), kLater, "ok"},
      {"transfer while absconded", absconded, Transfer("2026-09-01"), kLater, "state_transition"},
      {"transfer before admission", Isolation(), Transfer("2026-05-14"), kLater,
       "state_transition"},
      {"release before admission", Isolation(), Act(A::kRelease, "2028-05-12"), kLater,
       "state_transition"},
      {"release while absconded", absconded, Act(A::kRelease, "2028-05-12"), kLater,
       "state_transition"},
      {"release on the last day of the term", Admitted(), Act(A::kRelease, "2028-05-12"), kLater,
       "ok"},
      {"release the day after", Admitted(), Act(A::kRelease, "2028-05-13"), kLater, "ok"},
      {"release a day early", Admitted(), Act(A::kRelease, "2028-05-11"), kLater,
       "release_before_term_end"},
      {"release from medical parole", parole, Act(A::kRelease, "2028-05-12"), kLater, "ok"},
      {"release after escape days",
       Admitted({Act(A::kAbscond, "2026-08-01"), Act(A::kReturn, "2026-08-11")}),
       Act(A::kRelease, "2028-05-21"), kLater, "release_before_term_end"},
      {"release twice", released, Act(A::kRelease, "2028-05-13"), kLater, "state_transition"},
      {"report in to a facility", Admitted(), Act(A::kReportIn, "2026-06-01"), kLater,
       "state_transition"},
      {"suspend isolation", Admitted(), Act(A::kSuspend, "2026-06-01"), kLater, "state_transition"},
      {"escalate isolation", Admitted(), Act(A::kEscalate, "2026-06-01"), kLater,
       "state_transition"},
      {"community rehab after release", released, Act(A::kOrderCommunityRehab, "2028-05-12"),
       kLater, "ok"},
      {"community rehab after early release", early, Act(A::kOrderCommunityRehab, "2027-05-21"),
       kLater, "ok"},
      {"community rehab while in facility", Admitted(), Act(A::kOrderCommunityRehab, "2026-06-01"),
       kLater, "state_transition"},
      {"community rehab after death", dead, Act(A::kOrderCommunityRehab, "2026-09-02"), kLater,
       "state_transition"},
      {"aftercare after release", released, Act(A::kEnrolAftercare, "2028-05-13"), kLater, "ok"},
      {"aftercare while in facility", Admitted(), Act(A::kEnrolAftercare, "2026-06-01"), kLater,
       "state_transition"},
      {"voluntary: report in", Facts(K::kVoluntary, "2026-03-01"), Act(A::kReportIn, "2026-03-02"),
       kLater, "state_transition"},
      {"voluntary: suspend", Facts(K::kVoluntary, "2026-03-01"), Act(A::kSuspend, "2026-03-02"),
       kLater, "state_transition"},
      {"voluntary: transfer", Facts(K::kVoluntary, "2026-03-01"), Transfer("2026-03-02"), kLater,
       "ok"},
      {"voluntary: end", Facts(K::kVoluntary, "2026-03-01"),
       End("2026-03-02", EndReason::kCompleted), kLater, "ok"},
      {"aftercare: release", Facts(K::kAftercare, "2026-03-01"), Act(A::kRelease, "2026-03-02"),
       kLater, "state_transition"},
  });
}

TEST(LegalClockTest, EarlyRelease) {
  auto refused_rehab = Admitted();
  refused_rehab.recommitted_after_refusing_rehab = true;
  const auto escaped = Admitted({Act(A::kAbscond, "2026-08-01"), Act(A::kReturn, "2026-08-11")});
  const auto proposed = Admitted({ProposeEarly("2027-05-13")});
  RunValidationCases({
      {"364 days served", Admitted(), ProposeEarly("2027-05-12"), kLater,
       "early_release_after_one_year"},
      {"365 days served", Admitted(), ProposeEarly("2027-05-13"), kLater, "ok"},
      {"from medical parole", Admitted({Act(A::kMedicalParole, "2027-01-01")}),
       ProposeEarly("2027-05-13"), kLater, "ok"},
      {"before admission", Isolation(), ProposeEarly("2027-05-13"), kLater, "state_transition"},
      {"while absconded", Admitted({Act(A::kAbscond, "2027-05-01")}), ProposeEarly("2027-05-13"),
       kLater, "state_transition"},
      {"after an escape", escaped, ProposeEarly("2027-06-01"), kLater,
       "no_early_release_after_escape"},
      {"failed assessment", Admitted(), ProposeEarly("2027-05-13", false), kLater,
       "passing_assessment_required"},
      {"no assessment", Admitted(), ProposeEarly("2027-05-13", std::nullopt), kLater,
       "passing_assessment_required"},
      {"re-committed after refusing rehab", refused_rehab, ProposeEarly("2027-05-13"), kLater,
       "no_early_release_after_refusing_rehab"},
      {"while one is pending", proposed, ProposeEarly("2027-05-14"), kLater, "state_transition"},
      {"again once the last one lapsed", proposed, ProposeEarly("2027-05-21"), kLater, "ok"},
      {"again after a refusal",
       Admitted({ProposeEarly("2027-05-13"), Decide(A::kDecideEarlyRelease, "2027-05-14", false)}),
       ProposeEarly("2027-06-13"), kLater, "ok"},
      {"decide without a proposal", Admitted(), Decide(A::kDecideEarlyRelease, "2027-05-13"),
       kLater, "state_transition"},
      {"decide on day 7", proposed, Decide(A::kDecideEarlyRelease, "2027-05-20"), kLater, "ok"},
      {"decide on day 8", proposed, Decide(A::kDecideEarlyRelease, "2027-05-21"), kLater,
       "decision_within_7_days"},
      {"decide without saying", proposed,
       Decide(A::kDecideEarlyRelease, "2027-05-14", std::nullopt), kLater, "required"},
      {"decide twice",
       Admitted({ProposeEarly("2027-05-13"), Decide(A::kDecideEarlyRelease, "2027-05-14", false)}),
       Decide(A::kDecideEarlyRelease, "2027-05-15"), kLater, "state_transition"},
      {"approve after an escape since the proposal",
       Admitted({ProposeEarly("2027-05-13"), Act(A::kAbscond, "2027-05-14"),
                 Act(A::kReturn, "2027-05-15")}),
       Decide(A::kDecideEarlyRelease, "2027-05-16"), kLater, "no_early_release_after_escape"},
      {"refuse after an escape since the proposal",
       Admitted({ProposeEarly("2027-05-13"), Act(A::kAbscond, "2027-05-14"),
                 Act(A::kReturn, "2027-05-15")}),
       Decide(A::kDecideEarlyRelease, "2027-05-16", false), kLater, "ok"},
      {"release on the approving decision's day",
       Admitted({ProposeEarly("2027-05-13"), Decide(A::kDecideEarlyRelease, "2027-05-20")}),
       Act(A::kRelease, "2027-05-20"), kLater, "ok"},
      {"release after a refused early release",
       Admitted({ProposeEarly("2027-05-13"), Decide(A::kDecideEarlyRelease, "2027-05-20", false)}),
       Act(A::kRelease, "2027-05-21"), kLater, "release_before_term_end"},
  });
}

TEST(LegalClockTest, EarlyReleaseRefusalNamesEveryBrokenRule) {
  auto facts = Admitted({Act(A::kAbscond, "2026-08-01"), Act(A::kReturn, "2026-08-11")});
  facts.recommitted_after_refusing_rehab = true;
  const Status s = ValidateAction(facts, ProposeEarly("2027-05-13", false), D(kLater));
  ASSERT_EQ(s.errors().size(), 4u);
  EXPECT_EQ(s.errors()[0].rule, "no_early_release_after_escape");
  EXPECT_EQ(s.errors()[1].rule, "no_early_release_after_refusing_rehab");
  EXPECT_EQ(s.errors()[2].rule, "early_release_after_one_year");  // 10 escaped days: from 05-23
  EXPECT_EQ(s.errors()[3].rule, "passing_assessment_required");
  EXPECT_EQ(s.errors()[3].field, "assessment_passed");
}

TEST(LegalClockTest, Extensions) {
  const auto granted200 =
      Admitted({ProposeExtension("2028-04-01", 200), Decide(A::kDecideExtension, "2028-04-02")});
  const auto proposed = Admitted({ProposeExtension("2028-04-01", 90)});
  RunValidationCases({
      {"365 days", Admitted(), ProposeExtension("2028-04-01", 365), kLater, "ok"},
      {"366 days", Admitted(), ProposeExtension("2028-04-01", 366), kLater, "extension_cap"},
      {"1 day", Admitted(), ProposeExtension("2028-04-01", 1), kLater, "ok"},
      {"0 days", Admitted(), ProposeExtension("2028-04-01", 0), kLater, "extension_cap"},
      {"negative days", Admitted(), ProposeExtension("2028-04-01", -5), kLater, "extension_cap"},
      {"second extension up to 365 in total", granted200, ProposeExtension("2028-04-10", 165),
       kLater, "ok"},
      {"second extension over 365 in total", granted200, ProposeExtension("2028-04-10", 166),
       kLater, "extension_cap"},
      {"on the last day of the term", Admitted(), ProposeExtension("2028-05-12", 30), kLater, "ok"},
      {"after the term", Admitted(), ProposeExtension("2028-05-13", 30), kLater,
       "extension_before_term_end"},
      {"within an extended term", granted200, ProposeExtension("2028-06-01", 30), kLater, "ok"},
      {"from medical parole", Admitted({Act(A::kMedicalParole, "2028-01-01")}),
       ProposeExtension("2028-04-01", 30), kLater, "ok"},
      {"while absconded", Admitted({Act(A::kAbscond, "2028-03-01")}),
       ProposeExtension("2028-04-01", 30), kLater, "state_transition"},
      {"before admission", Isolation(), ProposeExtension("2028-04-01", 30), kLater,
       "state_transition"},
      {"for community detox", Detox({Act(A::kReportIn, "2026-03-10")}),
       ProposeExtension("2028-04-01", 30), kLater, "state_transition"},
      {"while one is pending", proposed, ProposeExtension("2028-04-02", 30), kLater,
       "state_transition"},
      {"decide on day 7", proposed, Decide(A::kDecideExtension, "2028-04-08"), kLater, "ok"},
      {"decide on day 8", proposed, Decide(A::kDecideExtension, "2028-04-09"), kLater,
       "decision_within_7_days"},
      {"decide without a proposal", Admitted(), Decide(A::kDecideExtension, "2028-04-09"), kLater,
       "state_transition"},
      {"grant fewer days", proposed, Decide(A::kDecideExtension, "2028-04-02", true, 60), kLater,
       "ok"},
      {"grant more days than proposed", proposed,
       Decide(A::kDecideExtension, "2028-04-02", true, 91), kLater, "extension_cap"},
      {"after an approved early release",
       Admitted({ProposeEarly("2027-05-13"), Decide(A::kDecideEarlyRelease, "2027-05-20")}),
       ProposeExtension("2027-05-20", 30), kLater, "state_transition"},
  });
  const Status s = ValidateAction(granted200, ProposeExtension("2028-04-10", 166), D(kLater));
  EXPECT_EQ(s.errors()[0].field, "extension_days");
}

TEST(LegalClockTest, TwoGrantedExtensionsSumToTheCap) {
  const auto facts =
      Admitted({ProposeExtension("2028-04-01", 200), Decide(A::kDecideExtension, "2028-04-02"),
                ProposeExtension("2028-04-10", 165), Decide(A::kDecideExtension, "2028-04-11")});
  const auto clock = ComputeClock(facts, D("2028-04-12"));
  EXPECT_EQ(clock.extension_days, 365);
  EXPECT_EQ(clock.planned_end, D("2029-05-12"));
  EXPECT_EQ(RuleOf(ValidateAction(facts, ProposeExtension("2028-04-20", 1), D(kLater))),
            "extension_cap");
}

}  // namespace
}  // namespace huigui

namespace huigui {
namespace {

TEST(NoticeTest, RecordedNoticesMarkTheirDeadlinesDone) {
  EXPECT_TRUE(IsNoticeKind("family_notice"));
  EXPECT_TRUE(IsNoticeKind("release_notice"));
  EXPECT_TRUE(IsNoticeKind("township_notice"));
  EXPECT_FALSE(IsNoticeKind("report_in"));
  EpisodeFacts facts;
  facts.kind = EpisodeKind::kCompulsoryIsolation;
  facts.order_date = *Date::Parse("2026-05-13");
  ClockState clock = ComputeClock(facts, *Date::Parse("2026-05-20"));
  auto family = [&] {
    for (const auto& d : clock.deadlines) {
      if (d.kind == "family_notice") return d;
    }
    return Deadline{};
  };
  ASSERT_EQ(family().kind, "family_notice");
  EXPECT_EQ(family().due.ToString(), "2026-05-14");
  EXPECT_FALSE(family().done);
  ApplyNotices(clock, {{"township_notice", *Date::Parse("2026-05-14")}});
  EXPECT_FALSE(family().done);
  ApplyNotices(clock, {{"family_notice", *Date::Parse("2026-05-14")}});
  EXPECT_TRUE(family().done);
}

}  // namespace
}  // namespace huigui
