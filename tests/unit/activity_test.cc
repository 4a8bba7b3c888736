#include "domain/activity.h"

#include <gtest/gtest.h>

namespace huigui {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

TEST(ActivityTest, RateKeepsNumeratorAndDenominator) {
  const Rate r = MakeRate(3, 4);
  EXPECT_EQ(r.numerator, 3);
  EXPECT_EQ(r.denominator, 4);
  EXPECT_DOUBLE_EQ(*r.rate, 0.75);
  EXPECT_FALSE(MakeRate(0, 0).rate.has_value());
}

TEST(ActivityTest, ChildCodeWalksOneLevelDown) {
  EXPECT_EQ(ChildCode("/420000/420100/420102/", "/420000/"), "420100");
  EXPECT_EQ(ChildCode("/420000/420100/", "/420000/"), "420100");
  EXPECT_EQ(ChildCode("/420000/", "/420000/"), "");
  EXPECT_FALSE(ChildCode("/430000/430100/", "/420000/").has_value());
  EXPECT_FALSE(ChildCode("/4200001/", "/420000/").has_value());
}

TEST(ActivityTest, PeriodsByKey) {
  EXPECT_EQ(PeriodRange("2026")->first, D("2026-01-01"));
  EXPECT_EQ(PeriodRange("2026")->second, D("2026-12-31"));
  EXPECT_EQ(PeriodRange("2026-Q1")->second, D("2026-03-31"));
  EXPECT_EQ(PeriodRange("2026-Q4")->first, D("2026-10-01"));
  EXPECT_EQ(PeriodRange("2024-02")->second, D("2024-02-29"));  // leap year
  EXPECT_EQ(PeriodRange("2026-12")->second, D("2026-12-31"));
  for (const char* bad : {"", "26", "2026-Q5", "2026-13", "2026-1", "20x6", "2026-02-01", "1800"}) {
    EXPECT_FALSE(PeriodRange(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace huigui
