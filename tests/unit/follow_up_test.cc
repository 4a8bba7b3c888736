#include "domain/follow_up.h"

#include <gtest/gtest.h>

namespace huigui {
namespace {

Date D(const char* s) { return *Date::Parse(s); }
const Date kRelease = D("2025-01-10");

FollowUpFact F(const char* date, FollowUpResult r = FollowUpResult::kAbstinent) {
  return {D(date), r};
}

const Date kLater = D("2030-01-01");  // every window but the last has closed

TEST(FollowUpTest, NothingDoneMeansTheFirstPointIsDue) {
  const auto s = ScheduleFollowUps(kRelease, {}, FollowUpCadence{}, kRelease.AddDays(40));
  EXPECT_EQ(s.points, 7);
  EXPECT_EQ(s.met, 0);
  EXPECT_EQ(s.missed, 0);
  EXPECT_EQ(s.next_due, D("2025-02-09"));  // release + 30 days, overdue on day 40
}

TEST(FollowUpTest, AFollowUpMeetsThePointWhoseWindowHoldsIt) {
  // Windows (early_days 14): day 30 → [16, 76), day 90 → [76, 166), day 180 → [166, 351), ...
  // Day 25 meets day 30; day 100 meets day 90; day 101 falls in the same window: no more.
  const auto s = ScheduleFollowUps(kRelease, {F("2025-02-04"), F("2025-04-20"), F("2025-04-21")},
                                   FollowUpCadence{}, kRelease.AddDays(120));
  EXPECT_EQ(s.met, 2);
  EXPECT_EQ(s.next_due, kRelease.AddDays(180));
}

TEST(FollowUpTest, ALateFollowUpMeetsItsOwnWindowAndThePassedPointIsMissed) {
  // Nothing until day 100: day 30's window closed at day 76 (missed); day 100 meets day 90.
  const auto s =
      ScheduleFollowUps(kRelease, {F("2025-04-20")}, FollowUpCadence{}, kRelease.AddDays(100));
  EXPECT_EQ(s.met, 1);
  EXPECT_EQ(s.missed, 1);
  EXPECT_EQ(s.next_due, kRelease.AddDays(180));
  // Three calls on one day meet one point, not three.
  const auto bunched =
      ScheduleFollowUps(kRelease, {F("2025-04-20"), F("2025-04-20"), F("2025-04-20")},
                        FollowUpCadence{}, kRelease.AddDays(100));
  EXPECT_EQ(bunched.met, 1);
}

TEST(FollowUpTest, TooEarlyOrBeforeReleaseOrUnreachableDoesNotCount) {
  const auto s = ScheduleFollowUps(kRelease,
                                   {F("2025-01-01"),  // before release
                                    F("2025-01-20"),  // day 10: before day 30's window opens
                                    F("2025-02-09", FollowUpResult::kUnreachable)},
                                   FollowUpCadence{}, kRelease.AddDays(31));
  EXPECT_EQ(s.met, 0);
  EXPECT_EQ(s.next_due, D("2025-02-09"));
}

TEST(FollowUpTest, WindowBoundsAreInclusiveThenExclusive) {
  FollowUpCadence c;
  c.days_after_release = {30, 90};
  c.early_days = 14;
  EXPECT_EQ(ScheduleFollowUps(kRelease, {F("2025-01-26")}, c, kLater).met, 1);  // day 16 opens
  EXPECT_EQ(ScheduleFollowUps(kRelease, {F("2025-01-25")}, c, kLater).met, 0);  // day 15
  // Day 76 opens day 90's window, so it no longer meets day 30.
  const auto at76 = ScheduleFollowUps(kRelease, {F("2025-03-27")}, c, kLater);
  EXPECT_EQ(at76.met, 1);
  EXPECT_EQ(at76.missed, 1);
  EXPECT_FALSE(at76.next_due.has_value());
}

TEST(FollowUpTest, RelapseEndsTheSchedule) {
  const auto s =
      ScheduleFollowUps(kRelease, {F("2025-02-09"), F("2025-04-10", FollowUpResult::kRelapsed)},
                        FollowUpCadence{}, kRelease.AddDays(120));
  EXPECT_TRUE(s.ended_by_relapse);
  EXPECT_EQ(s.met, 2);
  EXPECT_FALSE(s.next_due.has_value());
}

TEST(FollowUpTest, CadenceRules) {
  EXPECT_TRUE(ValidateCadence(FollowUpCadence{}).ok());
  FollowUpCadence bad;
  bad.days_after_release = {30, 30};
  bad.early_days = 91;
  const Status s = ValidateCadence(bad);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.detail().find("increasing"), std::string::npos);
  bad.days_after_release = {};
  EXPECT_FALSE(ValidateCadence(bad).ok());
  bad.days_after_release = {0};
  EXPECT_FALSE(ValidateCadence(bad).ok());
  FollowUpCadence tight;
  tight.days_after_release = {30, 40};
  tight.early_days = 10;  // day 40's window would open on day 30
  EXPECT_NE(ValidateCadence(tight).detail().find("gap"), std::string::npos);
}

TEST(FollowUpTest, SubmissionRules) {
  FieldErrors e;
  ValidateFollowUp(FollowUpResult::kRelapsed, "", D("2025-03-01"), kRelease, e);
  ASSERT_EQ(e.ToStatus().errors().size(), 1u);
  EXPECT_EQ(e.ToStatus().errors()[0].rule, "required_for_relapse");
  FieldErrors early;
  ValidateFollowUp(FollowUpResult::kAbstinent, "", D("2025-01-09"), kRelease, early);
  ASSERT_EQ(early.ToStatus().errors().size(), 1u);
  EXPECT_EQ(early.ToStatus().errors()[0].rule, "not_before_release");
  FieldErrors none;
  ValidateFollowUp(FollowUpResult::kAbstinent, "", D("2025-03-01"), std::nullopt, none);
  ASSERT_EQ(none.ToStatus().errors().size(), 1u);
  EXPECT_EQ(none.ToStatus().errors()[0].rule, "release_required");
  FieldErrors ok;
  ValidateFollowUp(FollowUpResult::kAbstinent, "尿检阴性", D("2025-03-01"), kRelease, ok);
  EXPECT_TRUE(ok.empty());
}

}  // namespace
}  // namespace huigui
