#include "domain/schedule.h"

#include <gtest/gtest.h>

namespace huigui {
namespace {

Date D(const char* s) { return *Date::Parse(s); }
const ScheduleRule kMonthly{EpisodeKind::kCommunityDetox, 30, 30};

TEST(ScheduleTest, FirstObligationsCountFromTheEpisodeStart) {
  ObligationInput in{EpisodeKind::kCommunityDetox, D("2026-11-01"), std::nullopt, std::nullopt};
  auto o = ComputeObligations(kMonthly, in, D("2026-11-25"));
  ASSERT_TRUE(o);
  EXPECT_EQ(o->contact_due->ToString(), "2026-12-01");
  EXPECT_EQ(o->next_due.ToString(), "2026-12-01");
  EXPECT_EQ(o->overdue_days, 0);
  EXPECT_EQ(o->status, DueStatus::kDue);
}

TEST(ScheduleTest, NothingListedBeyondTheHorizon) {
  ObligationInput in{EpisodeKind::kCommunityDetox, D("2026-11-01"), std::nullopt, std::nullopt};
  EXPECT_FALSE(ComputeObligations(kMonthly, in, D("2026-11-23")));  // due in 8 days
  EXPECT_TRUE(ComputeObligations(kMonthly, in, D("2026-11-24")));   // due in 7 days
}

TEST(ScheduleTest, OverdueCountsWholeDaysPastTheDueDate) {
  ObligationInput in{EpisodeKind::kCommunityDetox, D("2026-01-01"), D("2026-10-01"),
                     D("2026-10-20")};
  auto o = ComputeObligations(kMonthly, in, D("2026-11-05"));
  ASSERT_TRUE(o);
  EXPECT_EQ(o->contact_due->ToString(), "2026-10-31");
  EXPECT_EQ(o->test_due->ToString(), "2026-11-19");
  EXPECT_EQ(o->overdue_days, 5);
  EXPECT_EQ(o->status, DueStatus::kOverdue);
}

TEST(ScheduleTest, DueTodayIsDueNotOverdue) {
  ObligationInput in{EpisodeKind::kCommunityDetox, D("2026-01-01"), D("2026-10-06"),
                     D("2026-10-06")};
  auto o = ComputeObligations(kMonthly, in, D("2026-11-05"));
  ASSERT_TRUE(o);
  EXPECT_EQ(o->status, DueStatus::kDue);
  EXPECT_EQ(o->overdue_days, 0);
}

TEST(ScheduleTest, EventsBeforeTheEpisodeDoNotCount) {
  ObligationInput in{EpisodeKind::kCommunityDetox, D("2026-11-01"), D("2025-01-01"), std::nullopt};
  auto o = ComputeObligations(kMonthly, in, D("2026-11-30"));
  ASSERT_TRUE(o);
  EXPECT_EQ(o->contact_due->ToString(), "2026-12-01");
}

TEST(ScheduleTest, ZeroIntervalsAskForNothing) {
  const ScheduleRule none{EpisodeKind::kCompulsoryIsolation, 0, 0};
  ObligationInput in{EpisodeKind::kCompulsoryIsolation, D("2020-01-01"), std::nullopt,
                     std::nullopt};
  EXPECT_FALSE(ComputeObligations(none, in, D("2026-11-30")));
  const ScheduleRule contacts_only{EpisodeKind::kAftercare, 90, 0};
  auto o = ComputeObligations(contacts_only, in, D("2026-11-30"));
  ASSERT_TRUE(o);
  EXPECT_FALSE(o->test_due);
}

TEST(ScheduleTest, FindsTheRuleOfAKind) {
  std::vector<ScheduleRule> rules{kMonthly, {EpisodeKind::kAftercare, 90, 0}};
  EXPECT_EQ(FindRule(rules, EpisodeKind::kAftercare)->contact_interval_days, 90);
  EXPECT_FALSE(FindRule(rules, EpisodeKind::kVoluntary));
}

}  // namespace
}  // namespace huigui
