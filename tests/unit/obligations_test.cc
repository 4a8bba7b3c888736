#include "domain/obligations.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace huigui {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

const Date kStart = D("2026-01-01");

// An active community detox episode whose term started on kStart. The clock is built by hand:
// these tests cover the schedule, not ComputeClock.
EpisodeObligationInput Active(EpisodeKind kind = EpisodeKind::kCommunityDetox) {
  EpisodeObligationInput in;
  in.episode_id = 7;
  in.kind = kind;
  in.clock.state = EpisodeState::kActive;
  in.clock.term_start = kStart;
  return in;
}

const Obligation* Find(const std::vector<Obligation>& list, const std::string& kind) {
  for (const auto& o : list) {
    if (o.kind == kind) return &o;
  }
  return nullptr;
}

// Day `day` of the term (day 0 is the report-in day), low tier: tests {30, 60, 90}, contacts
// {30, 30, 30}; medium contacts {14, 30, 30}. The last test and contact were both on that day.
struct YearCase {
  int day;
  RiskTier tier;
  int test_interval;
  int contact_interval;
};

TEST(ObligationsTest, IntervalFollowsTheYearOfTheTerm) {
  const std::vector<YearCase> cases = {
      {0, RiskTier::kLow, 30, 30},           {364, RiskTier::kLow, 30, 30},
      {365, RiskTier::kLow, 60, 30},         {729, RiskTier::kLow, 60, 30},
      {730, RiskTier::kLow, 90, 30},         {2000, RiskTier::kLow, 90, 30},
      {364, RiskTier::kMedium, 30, 14},      {365, RiskTier::kMedium, 30, 30},
      {730, RiskTier::kMedium, 60, 30},      {364, RiskTier::kHigh, 15, 7},
      {365, RiskTier::kHigh, 15, 14},        {730, RiskTier::kHigh, 30, 14},
      {730, RiskTier::kLongTermLow, 90, 90},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.day) + " " + std::string(NameOf(kRiskTierNames, c.tier)));
    const Date today = kStart.AddDays(c.day);
    EpisodeObligationInput in = Active();
    in.last_test = today;
    in.last_contact = today;
    const auto list = DeriveObligations(in, c.tier, DefaultIntervals(), today);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(Find(list, "test")->due, today.AddDays(c.test_interval));
    EXPECT_EQ(Find(list, "contact")->due, today.AddDays(c.contact_interval));
    EXPECT_EQ(Find(list, "test")->status, ObligationStatus::kOpen);
  }
}

TEST(ObligationsTest, FirstObligationsCountFromTheTermStart) {
  const auto list = DeriveObligations(Active(), RiskTier::kLow, DefaultIntervals(), kStart);
  ASSERT_EQ(list.size(), 2u);
  // Same due date: sorted by kind.
  EXPECT_EQ(list[0].kind, "contact");
  EXPECT_EQ(list[1].kind, "test");
  EXPECT_EQ(list[0].due, D("2026-01-31"));
  EXPECT_EQ(list[1].due, D("2026-01-31"));
  EXPECT_EQ(list[0].episode_id, 7);
  EXPECT_EQ(list[0].owner, DeadlineOwner::kEpisodeOwner);
}

TEST(ObligationsTest, EventsBeforeTheTermStartAreIgnored) {
  EpisodeObligationInput in = Active();
  in.last_test = kStart.AddDays(-5);
  in.last_contact = kStart.AddDays(-1);
  const auto list = DeriveObligations(in, RiskTier::kLow, DefaultIntervals(), kStart.AddDays(3));
  EXPECT_EQ(Find(list, "test")->due, kStart.AddDays(30));
  EXPECT_EQ(Find(list, "contact")->due, kStart.AddDays(30));
}

TEST(ObligationsTest, WithoutATermStartTheLastEventCountsAndYearOneApplies) {
  EpisodeObligationInput in = Active(EpisodeKind::kVoluntary);
  in.clock.state = EpisodeState::kOngoing;
  in.clock.term_start.reset();
  in.last_test = D("2026-03-01");
  const Date today = D("2028-06-01");  // years after: still year 1 without a term start
  const auto list = DeriveObligations(in, RiskTier::kLow, DefaultIntervals(), today);
  EXPECT_EQ(Find(list, "test")->due, D("2026-03-31"));
  // No date at all for contacts: due today, so it shows rather than vanishes.
  EXPECT_EQ(Find(list, "contact")->due, today);
  EXPECT_EQ(Find(list, "contact")->status, ObligationStatus::kOpen);
}

TEST(ObligationsTest, BeforeTheTermStartCountsAsYearOne) {
  const Date today = kStart.AddDays(-10);
  const auto list = DeriveObligations(Active(), RiskTier::kMedium, DefaultIntervals(), today);
  EXPECT_EQ(Find(list, "contact")->due, kStart.AddDays(14));
}

struct OverdueCase {
  int days_after_due;
  ObligationStatus status;
  int overdue_days;
};

TEST(ObligationsTest, OverdueCountsDaysPastTheDueDate) {
  const std::vector<OverdueCase> cases = {
      {-1, ObligationStatus::kOpen, 0},
      {0, ObligationStatus::kOpen, 0},
      {1, ObligationStatus::kOverdue, 1},
      {45, ObligationStatus::kOverdue, 45},
  };
  const Date due = kStart.AddDays(30);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.days_after_due);
    const auto list = DeriveObligations(Active(), RiskTier::kLow, DefaultIntervals(),
                                        due.AddDays(c.days_after_due));
    const Obligation* test = Find(list, "test");
    ASSERT_NE(test, nullptr);
    EXPECT_EQ(test->status, c.status);
    EXPECT_EQ(test->overdue_days, c.overdue_days);
  }
}

TEST(ObligationsTest, NoTestOrContactOutsideActiveAndOngoing) {
  const std::vector<EpisodeState> states = {
      EpisodeState::kAwaitingReportIn, EpisodeState::kSuspended, EpisodeState::kAbsconded,
      EpisodeState::kClosed,           EpisodeState::kDecided,   EpisodeState::kInFacility,
      EpisodeState::kMedicalParole,
  };
  for (const EpisodeState state : states) {
    SCOPED_TRACE(std::string(NameOf(kEpisodeStateNames, state)));
    EpisodeObligationInput in = Active();
    in.clock.state = state;
    in.clock.deadlines = {{"report_in", kStart.AddDays(15), DeadlineOwner::kPerson, false, {}}};
    const auto list =
        DeriveObligations(in, RiskTier::kHigh, DefaultIntervals(), kStart.AddDays(100));
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].kind, "report_in");
  }
}

TEST(ObligationsTest, OngoingEpisodesHaveTheirKindsSchedule) {
  EpisodeObligationInput voluntary = Active(EpisodeKind::kVoluntary);
  voluntary.clock.state = EpisodeState::kOngoing;
  EXPECT_EQ(DeriveObligations(voluntary, RiskTier::kLow, DefaultIntervals(), kStart).size(), 2u);

  EpisodeObligationInput aftercare = Active(EpisodeKind::kAftercare);
  aftercare.clock.state = EpisodeState::kOngoing;
  const auto list = DeriveObligations(aftercare, RiskTier::kHigh, DefaultIntervals(), kStart);
  ASSERT_EQ(list.size(), 1u);  // contacts only
  EXPECT_EQ(list[0].kind, "contact");
  EXPECT_EQ(list[0].due, kStart.AddDays(7));
}

TEST(ObligationsTest, NoRuleForTheKindMeansNoSchedule) {
  EXPECT_TRUE(DeriveObligations(Active(), RiskTier::kLow, {}, kStart).empty());
  EpisodeObligationInput isolation = Active(EpisodeKind::kCompulsoryIsolation);
  EXPECT_TRUE(DeriveObligations(isolation, RiskTier::kHigh, DefaultIntervals(), kStart).empty());
}

TEST(ObligationsTest, DeadlinesBecomeObligationsWithOwnerAndStatus) {
  EpisodeObligationInput in = Active(EpisodeKind::kCompulsoryIsolation);
  in.clock.state = EpisodeState::kInFacility;
  const Date today = D("2026-06-10");
  in.clock.deadlines = {
      {"family_notice", D("2026-01-02"), DeadlineOwner::kEpisodeOwner, true, {}},
      {"transfer_to_justice_facility", D("2026-07-01"), DeadlineOwner::kEpisodeOwner, false,
       D("2026-04-01")},
      {"early_release_decision", D("2026-06-03"), DeadlineOwner::kDecidingAuthority, false, {}},
      {"release_notice", D("2026-06-03"), DeadlineOwner::kEpisodeOwner, true, {}},
  };
  const auto list = DeriveObligations(in, RiskTier::kLow, DefaultIntervals(), today);
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].kind, "family_notice");
  EXPECT_EQ(list[0].status, ObligationStatus::kDone);
  EXPECT_EQ(list[0].overdue_days, 0);
  // Same due date: by kind.
  EXPECT_EQ(list[1].kind, "early_release_decision");
  EXPECT_EQ(list[1].owner, DeadlineOwner::kDecidingAuthority);
  EXPECT_EQ(list[1].status, ObligationStatus::kOverdue);
  EXPECT_EQ(list[1].overdue_days, 7);
  EXPECT_EQ(list[2].kind, "release_notice");
  EXPECT_EQ(list[2].status, ObligationStatus::kDone);
  EXPECT_EQ(list[3].kind, "transfer_to_justice_facility");
  EXPECT_EQ(list[3].status, ObligationStatus::kOpen);
  EXPECT_EQ(list[3].episode_id, 7);
}

TEST(ObligationsTest, ScheduleAndDeadlinesSortTogetherByDueDate) {
  EpisodeObligationInput in = Active();
  in.clock.deadlines = {
      {"sign_agreement", kStart.AddDays(40), DeadlineOwner::kEpisodeOwner, false, {}},
      {"report_in", kStart.AddDays(-3), DeadlineOwner::kPerson, true, {}},
  };
  const auto list = DeriveObligations(in, RiskTier::kMedium, DefaultIntervals(), kStart);
  std::vector<std::string> kinds;
  for (const auto& o : list) kinds.push_back(o.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"report_in", "contact", "test", "sign_agreement"}));
}

Obligation Contact(Date due, ObligationStatus status) {
  Obligation o;
  o.kind = "contact";
  o.due = due;
  o.status = status;
  return o;
}

TEST(ObligationsTest, LossOfSupervisionAfterTheGracePeriod) {
  const Date today = D("2026-09-01");
  const Date due_grace = today.AddDays(-kDefaultLossGraceDays);
  EXPECT_FALSE(DetectLossOfSupervision({Contact(due_grace, ObligationStatus::kOverdue)},
                                       kDefaultLossGraceDays, today));
  const Date due_lost = today.AddDays(-kDefaultLossGraceDays - 1);
  const auto lost = DetectLossOfSupervision({Contact(due_lost, ObligationStatus::kOverdue)},
                                            kDefaultLossGraceDays, today);
  ASSERT_TRUE(lost);
  EXPECT_EQ(lost->since, due_lost);
  EXPECT_EQ(lost->days, kDefaultLossGraceDays + 1);
}

TEST(ObligationsTest, LossOfSupervisionIgnoresTestsAndDoneContacts) {
  const Date today = D("2026-09-01");
  Obligation test = Contact(today.AddDays(-200), ObligationStatus::kOverdue);
  test.kind = "test";
  EXPECT_FALSE(DetectLossOfSupervision(
      {test, Contact(today.AddDays(-200), ObligationStatus::kDone)}, 30, today));
  EXPECT_FALSE(DetectLossOfSupervision({}, 30, today));
}

TEST(ObligationsTest, LossOfSupervisionFromTheEarliestMissedContact) {
  const Date today = D("2026-09-01");
  const auto lost =
      DetectLossOfSupervision({Contact(today.AddDays(-40), ObligationStatus::kOverdue),
                               Contact(today.AddDays(-90), ObligationStatus::kOverdue)},
                              30, today);
  ASSERT_TRUE(lost);
  EXPECT_EQ(lost->days, 90);
}

TEST(ObligationsTest, ALaterContactClosesTheLossOfSupervision) {
  EpisodeObligationInput in = Active();
  in.last_contact = D("2026-03-01");
  const Date today = D("2026-05-01");  // contact due 2026-03-31, 31 days overdue
  auto list = DeriveObligations(in, RiskTier::kLow, DefaultIntervals(), today);
  const auto lost = DetectLossOfSupervision(list, kDefaultLossGraceDays, today);
  ASSERT_TRUE(lost);
  EXPECT_EQ(lost->since, D("2026-03-31"));
  EXPECT_EQ(lost->days, 31);

  in.last_contact = today;
  list = DeriveObligations(in, RiskTier::kLow, DefaultIntervals(), today);
  EXPECT_FALSE(DetectLossOfSupervision(list, kDefaultLossGraceDays, today));
}

TEST(ObligationsTest, StatusNamesAreTheWireNames) {
  EXPECT_EQ(NameOf(kObligationStatusNames, ObligationStatus::kOverdue), "overdue");
}

// A person decided on kStart, admitted five days later, two-year term ending 2027-12-31.
EpisodeObligationInput InFacility() {
  EpisodeObligationInput in;
  in.episode_id = 9;
  in.kind = EpisodeKind::kCompulsoryIsolation;
  in.clock.state = EpisodeState::kInFacility;
  in.clock.term_start = kStart;
  in.clock.planned_end = D("2027-12-31");
  in.admission_date = D("2026-01-06");
  return in;
}

TEST(ObligationsTest, AssessmentsFallDueAtIntakeDetoxOneYearAndBeforeExpiry) {
  const auto list =
      DeriveObligations(InFacility(), RiskTier::kLow, DefaultIntervals(), D("2026-02-10"));
  ASSERT_NE(Find(list, "assessment_intake"), nullptr);
  EXPECT_EQ(Find(list, "assessment_intake")->due, D("2026-01-06"));
  EXPECT_EQ(Find(list, "assessment_intake")->status, ObligationStatus::kOverdue);
  EXPECT_EQ(Find(list, "assessment_intake")->overdue_days, 35);
  EXPECT_EQ(Find(list, "assessment_end_of_detox_stage")->due, D("2026-02-05"));
  EXPECT_EQ(Find(list, "assessment_comprehensive_after_one_year")->due, D("2027-01-01"));
  EXPECT_EQ(Find(list, "assessment_comprehensive_after_one_year")->status, ObligationStatus::kOpen);
  EXPECT_EQ(Find(list, "assessment_before_expiry")->due, D("2027-12-01"));
  EXPECT_EQ(Find(list, "assessment_before_expiry")->owner, DeadlineOwner::kEpisodeOwner);
  EXPECT_EQ(Find(list, "test"), nullptr);  // no community schedule inside a facility
}

TEST(ObligationsTest, RecordedAssessmentIsDoneWhateverItsResult) {
  EpisodeObligationInput in = InFacility();
  in.assessments_recorded = {AssessmentKind::kIntake};
  const auto list = DeriveObligations(in, RiskTier::kLow, DefaultIntervals(), D("2026-02-10"));
  EXPECT_EQ(Find(list, "assessment_intake")->status, ObligationStatus::kDone);
  EXPECT_EQ(Find(list, "assessment_intake")->overdue_days, 0);
  EXPECT_EQ(Find(list, "assessment_end_of_detox_stage")->status, ObligationStatus::kOverdue);
}

TEST(ObligationsTest, EscapeDaysPushTheOneYearAssessmentBack) {
  EpisodeObligationInput in = InFacility();
  in.clock.escaped_days = 10;
  const auto list = DeriveObligations(in, RiskTier::kLow, DefaultIntervals(), D("2026-02-10"));
  EXPECT_EQ(Find(list, "assessment_comprehensive_after_one_year")->due, D("2027-01-11"));
}

TEST(ObligationsTest, ShortTermHasNoOneYearAssessmentAndExpiryNotBeforeAdmission) {
  EpisodeObligationInput in = InFacility();
  in.clock.planned_end = D("2026-01-20");  // e.g. a police facility stay cut short
  const auto list = DeriveObligations(in, RiskTier::kLow, DefaultIntervals(), D("2026-01-10"));
  EXPECT_EQ(Find(list, "assessment_comprehensive_after_one_year"), nullptr);
  EXPECT_EQ(Find(list, "assessment_before_expiry")->due, D("2026-01-06"));
}

TEST(ObligationsTest, NoAssessmentsOutsideTheFacility) {
  for (EpisodeState state : {EpisodeState::kDecided, EpisodeState::kAbsconded,
                             EpisodeState::kMedicalParole, EpisodeState::kClosed}) {
    EpisodeObligationInput in = InFacility();
    in.clock.state = state;
    const auto list = DeriveObligations(in, RiskTier::kLow, DefaultIntervals(), D("2026-02-10"));
    EXPECT_EQ(Find(list, "assessment_intake"), nullptr) << NameOf(kEpisodeStateNames, state);
  }
  EpisodeObligationInput no_admission = InFacility();
  no_admission.admission_date.reset();
  EXPECT_EQ(
      Find(DeriveObligations(no_admission, RiskTier::kLow, DefaultIntervals(), D("2026-02-10")),
           "assessment_intake"),
      nullptr);
}

}  // namespace
}  // namespace huigui
