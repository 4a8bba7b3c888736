#include "domain/follow_up.h"

#include <gtest/gtest.h>

namespace huigui {
namespace {

Date D(const char* s) { return *Date::Parse(s); }
const Date kRelease = D("2025-01-10");

FollowUpFact F(const char* date, FollowUpResult r = FollowUpResult::kAbstinent) {
  return {D(date), r};
}

TEST(FollowUpTest, NothingDoneMeansTheFirstPointIsDue) {
  const auto s = ScheduleFollowUps(kRelease, {}, FollowUpCadence{});
  EXPECT_EQ(s.points, 7);
  EXPECT_EQ(s.met, 0);
  EXPECT_EQ(s.next_due, D("2025-02-09"));  // release + 30 days
}

TEST(FollowUpTest, EachPointTakesOneFollowUpNoEarlierThanItsWindow) {
  // Day 30 met on day 25 (within 14 days early), day 90 met on day 100 (late still counts).
  // A second call on day 101 cannot also meet day 180: it is 79 days early.
  const auto s = ScheduleFollowUps(kRelease, {F("2025-02-04"), F("2025-04-20"), F("2025-04-21")},
                                   FollowUpCadence{});
  EXPECT_EQ(s.met, 2);
  EXPECT_EQ(s.next_due, kRelease.AddDays(180));
}

TEST(FollowUpTest, TooEarlyOrBeforeReleaseOrUnreachableDoesNotCount) {
  const auto s = ScheduleFollowUps(kRelease,
                                   {F("2025-01-01"),  // before release
                                    F("2025-01-20"),  // day 10: 20 days early for day 30
                                    F("2025-02-09", FollowUpResult::kUnreachable)},
                                   FollowUpCadence{});
  EXPECT_EQ(s.met, 0);
  EXPECT_EQ(s.next_due, D("2025-02-09"));
}

TEST(FollowUpTest, EarlyDaysBoundaryIsInclusive) {
  FollowUpCadence c;
  c.days_after_release = {30};
  c.early_days = 14;
  EXPECT_EQ(ScheduleFollowUps(kRelease, {F("2025-01-26")}, c).met, 1);  // day 16 = 30 - 14
  EXPECT_EQ(ScheduleFollowUps(kRelease, {F("2025-01-25")}, c).met, 0);  // day 15
  EXPECT_FALSE(ScheduleFollowUps(kRelease, {F("2025-01-26")}, c).next_due.has_value());
}

TEST(FollowUpTest, RelapseEndsTheSchedule) {
  const auto s = ScheduleFollowUps(
      kRelease, {F("2025-02-09"), F("2025-04-10", FollowUpResult::kRelapsed)}, FollowUpCadence{});
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
