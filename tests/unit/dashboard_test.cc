#include "domain/dashboard.h"

#include <gtest/gtest.h>

namespace huigui {
namespace {

DashboardFigures Sample() {
  DashboardFigures f;
  f.org_unit = "420000";
  f.from = *Date::Parse("2026-01-01");
  f.to = *Date::Parse("2026-06-30");
  f.as_of = *Date::Parse("2026-11-29");
  f.total.code = "420000";
  f.total.name = "湖北省";
  f.total.released = 12;
  f.total.aftercare_by_kind = {{"visit", 3}};
  UnitFigures wuhan;
  wuhan.code = "420100";
  wuhan.released = 7;
  UnitFigures huangshi;
  huangshi.code = "420200";
  f.children = {wuhan, huangshi};
  for (int m = 1; m <= 6; ++m) f.trend.push_back({2026, m, 1, 1, 0, 2, 3});
  f.survival = {{"none", 10, 4, 0.8, 0.7, 0.6}, {"systematic_desensitisation", 2, 0, 1, 1, 1}};
  return f;
}

TEST(DashboardTest, EqualFiguresHaveNoDifferences) {
  EXPECT_TRUE(DiffFigures(Sample(), Sample()).empty());
}

TEST(DashboardTest, NamesEachDifferentField) {
  DashboardFigures b = Sample();
  b.total.released = 13;
  b.children[0].released = 6;
  b.trend[2].admissions = 5;
  b.total.aftercare_by_kind["phone"] = 1;
  b.survival[0].at_2y = 0.71;
  b.as_of = *Date::Parse("2026-11-30");
  const auto d = DiffFigures(Sample(), b);
  const std::vector<std::string> expected{
      "as_of: \"2026-11-29\" vs \"2026-11-30\"",
      "total.released: 12 vs 13",
      "total.aftercare_by_kind[phone]: 0 vs 1",
      "children[420100].released: 7 vs 6",
      "trend[2026-03].admissions: 2 vs 5",
      "survival[none].at_2y: 0.69999999999999996 vs 0.70999999999999996"};
  EXPECT_EQ(d, expected);
}

TEST(DashboardTest, EstimatesAgreeWithinARelativeBillionth) {
  DashboardFigures b = Sample();
  b.survival[0].at_1y = 0.8 * (1 + 5e-10);
  EXPECT_TRUE(DiffFigures(Sample(), b).empty());
  b.survival[0].at_1y = 0.8 * (1 + 5e-9);
  EXPECT_EQ(DiffFigures(Sample(), b).size(), 1u);
}

TEST(DashboardTest, MissingAndReorderedItemsAreReported) {
  DashboardFigures b = Sample();
  std::swap(b.children[0], b.children[1]);
  b.trend.pop_back();
  b.survival.pop_back();
  const auto d = DiffFigures(Sample(), b);
  const std::vector<std::string> expected{
      "children: in another order", "trend[2026-06]: only in the first",
      "survival[systematic_desensitisation]: only in the first"};
  EXPECT_EQ(d, expected);
}

}  // namespace
}  // namespace huigui
