#include "domain/craving.h"

#include <gtest/gtest.h>

#include <vector>

namespace huigui {
namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

CravingSeries Series(std::string id, std::vector<CravingReading> readings) {
  return CravingSeries{std::move(id), std::move(readings)};
}

TEST(CravingTest, PersonFirstLatestAndChangeByDateWhateverTheInputOrder) {
  const auto s = SummarisePerson(
      Series("p1", {{D(2024, 3, 10), 50}, {D(2024, 6, 10), 30}, {D(2024, 1, 10), 80}}));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->person_id, "p1");
  EXPECT_EQ(s->readings, 3);
  EXPECT_EQ(s->first.date, D(2024, 1, 10));
  EXPECT_EQ(s->first.vas, 80);
  EXPECT_EQ(s->latest.date, D(2024, 6, 10));
  EXPECT_EQ(s->latest.vas, 30);
  EXPECT_EQ(s->change, -50);
  EXPECT_TRUE(s->halved);  // 30 <= 40
}

TEST(CravingTest, SameDateReadingsKeepTheOrderGiven) {
  // Before and after one desensitisation session on the same day.
  const auto s = SummarisePerson(Series("p", {{D(2024, 5, 1), 70}, {D(2024, 5, 1), 40}}));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->first.vas, 70);
  EXPECT_EQ(s->latest.vas, 40);
  EXPECT_EQ(s->change, -30);
}

TEST(CravingTest, HalvedBoundaryIsExact) {
  struct Case {
    int first, latest;
    bool halved;
  };
  const Case cases[] = {{60, 30, true}, {61, 30, true},  {59, 30, false}, {1, 0, true},
                        {0, 0, false},  {30, 30, false}, {20, 40, false}};
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.first) + " -> " + std::to_string(c.latest));
    const auto s =
        SummarisePerson(Series("p", {{D(2024, 1, 1), c.first}, {D(2024, 2, 1), c.latest}}));
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->halved, c.halved);
    EXPECT_EQ(s->change, c.latest - c.first);
  }
}

TEST(CravingTest, FewerThanTwoReadingsHasNoSummary) {
  EXPECT_FALSE(SummarisePerson(Series("p", {})).has_value());
  EXPECT_FALSE(SummarisePerson(Series("p", {{D(2024, 1, 1), 50}})).has_value());
}

// A 80 → 30 (−50, halved), B 40 → 30 (−10), C 50 → 60 (+10), D one reading, E none.
// Mean change (−50 − 10 + 10) / 3 = −50/3; share halved 1/3; 2 excluded.
TEST(CravingTest, ProgrammeMeanChangeAndShareHalved) {
  const std::vector<CravingSeries> series = {
      Series("A", {{D(2024, 1, 1), 80}, {D(2024, 4, 1), 55}, {D(2024, 7, 1), 30}}),
      Series("B", {{D(2024, 1, 5), 40}, {D(2024, 7, 5), 30}}),
      Series("C", {{D(2024, 7, 9), 60}, {D(2024, 2, 9), 50}}),
      Series("D", {{D(2024, 3, 3), 90}}),
      Series("E", {}),
  };
  const ProgrammeCravingSummary p = SummariseProgramme(series);
  ASSERT_EQ(p.persons.size(), 3u);
  EXPECT_EQ(p.persons[0].person_id, "A");
  EXPECT_EQ(p.persons[2].person_id, "C");
  EXPECT_EQ(p.persons[2].change, 10);
  EXPECT_EQ(p.persons_excluded, 2);
  ASSERT_TRUE(p.mean_change.has_value());
  EXPECT_DOUBLE_EQ(*p.mean_change, -50.0 / 3.0);
  ASSERT_TRUE(p.share_halved.has_value());
  EXPECT_DOUBLE_EQ(*p.share_halved, 1.0 / 3.0);
}

TEST(CravingTest, ProgrammeWithNobodyToAverage) {
  const ProgrammeCravingSummary p =
      SummariseProgramme({Series("D", {{D(2024, 3, 3), 90}}), Series("E", {})});
  EXPECT_TRUE(p.persons.empty());
  EXPECT_EQ(p.persons_excluded, 2);
  EXPECT_FALSE(p.mean_change.has_value());
  EXPECT_FALSE(p.share_halved.has_value());
  EXPECT_FALSE(SummariseProgramme({}).mean_change.has_value());
}

TEST(CravingTest, ValidateReadingRangeAndDate) {
  const Date today = D(2024, 6, 1);
  for (const int vas : {0, 100, 55}) {
    FieldErrors errors;
    ValidateCravingReading({today, vas}, today, errors);
    EXPECT_TRUE(errors.empty()) << vas;
  }
  FieldErrors errors;
  ValidateCravingReading({D(2024, 6, 2), 101}, today, errors, "readings[2].");
  ValidateCravingReading({today, -1}, today, errors);
  const Status s = errors.ToStatus();
  ASSERT_EQ(s.errors().size(), 3u);
  EXPECT_EQ(s.errors()[0].field, "readings[2].vas");
  EXPECT_EQ(s.errors()[0].rule, "range");
  EXPECT_EQ(s.errors()[1].field, "readings[2].date");
  EXPECT_EQ(s.errors()[1].rule, "not_in_future");
  EXPECT_EQ(s.errors()[2].field, "vas");
}

}  // namespace
}  // namespace huigui
