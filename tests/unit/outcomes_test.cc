#include "domain/outcomes.h"

#include <gtest/gtest.h>

namespace huigui {
namespace {

Date D(const char* s) { return *Date::Parse(s); }
const Date kToday = D("2026-06-30");

Evidence Use(int64_t p, const char* d) { return {p, D(d), EvidenceKind::kUse}; }
Evidence Clean(int64_t p, const char* d) { return {p, D(d), EvidenceKind::kAbstinent}; }

TEST(OutcomesTest, FirstUseIsTheEventAndLaterAbstinenceDoesNotUndoIt) {
  const std::vector<Release> releases{{10, 1, D("2025-01-01"), std::nullopt, "all"}};
  const auto o = AssembleOutcomes(
      releases,
      {Clean(1, "2025-02-01"), Use(1, "2025-03-01"), Use(1, "2025-01-20"), Clean(1, "2025-06-01")},
      kToday);
  ASSERT_EQ(o.size(), 1u);
  EXPECT_TRUE(o[0].observation.relapsed);
  EXPECT_EQ(o[0].observation.days, 19);  // 2025-01-20
  EXPECT_EQ(o[0].last_use_day, 59);
  EXPECT_TRUE(o[0].observed);
}

TEST(OutcomesTest, CensoredAtLastAbstinenceOrDayZeroWithoutEvidence) {
  const std::vector<Release> releases{{10, 1, D("2025-01-01"), std::nullopt, "a"},
                                      {11, 2, D("2025-01-01"), std::nullopt, "b"}};
  const auto o = AssembleOutcomes(
      releases, {Clean(1, "2025-04-11"), Clean(1, "2025-02-01"), Clean(3, "2025-05-01")}, kToday);
  EXPECT_FALSE(o[0].observation.relapsed);
  EXPECT_EQ(o[0].observation.days, 100);
  EXPECT_EQ(o[0].observation.group, "a");
  EXPECT_FALSE(o[1].observation.relapsed);
  EXPECT_EQ(o[1].observation.days, 0);
  EXPECT_FALSE(o[1].observed);
}

TEST(OutcomesTest, WindowRunsFromReleaseToTheNextIsolationInclusive) {
  // Person 1 released twice: the first spell ends at the isolation starting 2025-06-01 (use on
  // that day counts for it); evidence before a release never counts for it.
  const std::vector<Release> releases{
      {10, 1, D("2025-01-01"), D("2025-06-01"), "all"},
      {11, 1, D("2025-12-01"), std::nullopt, "all"},
  };
  const auto o = AssembleOutcomes(releases,
                                  {Clean(1, "2024-12-31"), Clean(1, "2025-03-01"),
                                   Use(1, "2025-06-01"), Clean(1, "2026-01-31")},
                                  kToday);
  EXPECT_TRUE(o[0].observation.relapsed);
  EXPECT_EQ(o[0].observation.days, 151);
  EXPECT_FALSE(o[1].observation.relapsed);
  EXPECT_EQ(o[1].observation.days, 61);
  // Re-isolated without evidence of use: censored at the last abstinence before it.
  const auto p = AssembleOutcomes({{12, 2, D("2025-01-01"), D("2025-03-01"), "all"}},
                                  {Clean(2, "2025-02-01"), Clean(2, "2025-04-01")}, kToday);
  EXPECT_FALSE(p[0].observation.relapsed);
  EXPECT_EQ(p[0].observation.days, 31);
}

TEST(OutcomesTest, EvidenceAfterTodayIsIgnoredAndThreeYearsNeedsLateAbstinence) {
  const std::vector<Release> releases{{10, 1, D("2022-01-01"), std::nullopt, "all"},
                                      {11, 2, D("2022-01-01"), std::nullopt, "all"},
                                      {12, 3, D("2022-01-01"), std::nullopt, "all"}};
  const auto o = AssembleOutcomes(
      releases,
      {Clean(1, "2025-01-01"),  // day 1096
       Clean(2, "2024-12-30"),  // day 1094: not yet 3 years
       Clean(3, "2025-06-01"), Use(3, "2023-01-01"), Use(1, "2027-01-01")},  // after today
      kToday);
  EXPECT_TRUE(ThreeYearsAbstinent(o[0]));
  EXPECT_FALSE(ThreeYearsAbstinent(o[1]));
  EXPECT_FALSE(ThreeYearsAbstinent(o[2]));
}

TEST(OutcomesTest, LatestReachingFollowUpDecides) {
  using R = FollowUpResult;
  EXPECT_FALSE(LatestFollowUp({}).reached);
  EXPECT_FALSE(LatestFollowUp({{D("2025-01-01"), R::kUnreachable}}).reached);
  auto f = LatestFollowUp({{D("2025-03-01"), R::kAbstinent},
                           {D("2025-02-01"), R::kRelapsed},
                           {D("2025-04-01"), R::kUnreachable}});
  EXPECT_TRUE(f.reached);
  EXPECT_TRUE(f.abstinent);
  f = LatestFollowUp({{D("2025-03-01"), R::kAbstinent}, {D("2025-03-01"), R::kRelapsed}});
  EXPECT_FALSE(f.abstinent);  // same date: the later in the list
}

TEST(SmallCellsTest, PrimarySuppressionKeepsZeroAndFiveAndAbove) {
  const auto h = SuppressSmallCells({{0, 1, 4, 5, 12}, {}});
  EXPECT_EQ(h, (std::vector<bool>{false, true, true, false, false}));
}

TEST(SmallCellsTest, ALoneSuppressedCellInALineTakesTheNextSmallest) {
  // Two groups a, b and the total row; columns 1, 2 and the row total. The 3 (a1) is alone in
  // row a, which hides 20 (a2, smaller than 23), and alone in column 1, which hides 9 (b1); then
  // column 2 has a2 alone and hides 30 (b2). Every line now has 0 or 2 or more hidden cells.
  // Cells: 0 a1=3, 1 a2=20, 2 a=23, 3 b1=9, 4 b2=30, 5 b=39, 6 t1=12, 7 t2=50, 8 t=62.
  CellTable t{{3, 20, 23, 9, 30, 39, 12, 50, 62},
              {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {0, 3, 6}, {1, 4, 7}, {2, 5, 8}}};
  const auto h = SuppressSmallCells(t);
  EXPECT_EQ(h, (std::vector<bool>{true, true, false, true, true, false, false, false, false}));
}

TEST(SmallCellsTest, TwoSuppressedCellsNeedNothingMoreAndTiesTakeTheFirst) {
  EXPECT_EQ(SuppressSmallCells({{2, 3, 10, 15}, {{0, 1, 2, 3}}}),
            (std::vector<bool>{true, true, false, false}));
  EXPECT_EQ(SuppressSmallCells({{2, 7, 7, 16}, {{0, 1, 2, 3}}}),
            (std::vector<bool>{true, true, false, false}));
  // A zero can be the complement: a reader cannot tell it from a small count.
  EXPECT_EQ(SuppressSmallCells({{2, 0, 9}, {{0, 1, 2}}}), (std::vector<bool>{true, true, false}));
  // Bad indices are ignored.
  EXPECT_EQ(SuppressSmallCells({{2, 9}, {{0, 1, 7, -1}}}), (std::vector<bool>{true, true}));
}

// The minimum is configurable (`min_cell`): the default argument follows the process policy.
TEST(SmallCellsTest, TheConfiguredMinimumIsTheDefault) {
  EXPECT_EQ(SmallCellMinimum(), kSmallCellMinimum);
  SetSmallCellMinimum(3);
  EXPECT_EQ(SuppressSmallCells({{0, 1, 2, 3, 4}, {}}),
            (std::vector<bool>{false, true, true, false, false}));
  SetSmallCellMinimum(kSmallCellMinimum);
  EXPECT_EQ(SuppressSmallCells({{0, 1, 2, 3, 4}, {}}),
            (std::vector<bool>{false, true, true, true, true}));
}

}  // namespace
}  // namespace huigui
