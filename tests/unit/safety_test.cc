#include "domain/safety.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace huigui {
namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

Incident At(std::string facility, SafetyCategory category, Date date) {
  static int next_id = 0;
  return Incident{"inc-" + std::to_string(++next_id), std::move(facility), category, date};
}

constexpr char kFacility[] = "HB-SZS";  // 狮子山强制隔离戒毒所

TEST(SafetyTest, WireNamesRoundTrip) {
  for (const auto& [category, name] : kSafetyCategoryNames) {
    EXPECT_EQ(ParseName(kSafetyCategoryNames, name), category);
    EXPECT_EQ(NameOf(kSafetyCategoryNames, category), name);
  }
  EXPECT_EQ(NameOf(kSafetyCategoryNames, SafetyCategory::kWorkSafetyAccident),
            "work_safety_accident");
  EXPECT_FALSE(ParseName(kSafetyCategoryNames, "fire").has_value());
}

// The page (2024): "连续9年实现六无 … 连续23年实现安全生产无事故" — six no's 2015–2023, no
// work-safety accident 2001–2023. Built here from one escape in 2014 at the women's facility
// and one work-safety accident in 2000 at 狮子山, with records since 1990.
TEST(SafetyTest, HubeiPageNineYearsSixNosTwentyThreeWithoutWorkSafetyAccident) {
  const std::vector<Incident> incidents = {
      At(kFacility, SafetyCategory::kWorkSafetyAccident, D(2000, 5, 10)),
      At("HB-NZ", SafetyCategory::kEscape, D(2014, 12, 31)),
  };
  const SafetyRecord r = ComputeSystemSafetyRecord(incidents, 1990, D(2024, 6, 30));
  EXPECT_EQ(r.six_nos.completed_years_streak, 9);
  EXPECT_EQ(r.six_nos.since_year, 2015);
  EXPECT_TRUE(r.six_nos.current_year_clean);
  EXPECT_EQ(r.six_nos.last_incident, D(2014, 12, 31));
  const SafetyStreak& work = r.For(SafetyCategory::kWorkSafetyAccident);
  EXPECT_EQ(work.completed_years_streak, 23);
  EXPECT_EQ(work.since_year, 2001);
  EXPECT_EQ(r.For(SafetyCategory::kEscape).completed_years_streak, 9);
  // No incident of the other four since records began: 1990–2023.
  for (const auto c : {SafetyCategory::kDrugsEntering, SafetyCategory::kAbnormalDeath,
                       SafetyCategory::kCriminalCase, SafetyCategory::kFoodSafetyIncident}) {
    SCOPED_TRACE(std::string(NameOf(kSafetyCategoryNames, c)));
    EXPECT_EQ(r.For(c).completed_years_streak, 34);
    EXPECT_EQ(r.For(c).since_year, 1990);
    EXPECT_FALSE(r.For(c).last_incident.has_value());
  }
}

TEST(SafetyTest, IncidentOnLastDayOfLastYearLeavesNoCompletedYear) {
  const std::vector<Incident> incidents = {At(kFacility, SafetyCategory::kEscape, D(2023, 12, 31))};
  const SafetyRecord r = ComputeFacilitySafetyRecord(incidents, kFacility, 2010, D(2024, 1, 1));
  EXPECT_EQ(r.six_nos.completed_years_streak, 0);
  EXPECT_FALSE(r.six_nos.since_year.has_value());
  EXPECT_TRUE(r.six_nos.current_year_clean);
  EXPECT_EQ(r.six_nos.streak_if_year_ends_clean(), 1);
}

TEST(SafetyTest, IncidentOnFirstDayOfThisYearKeepsCompletedYearsButNotNextYearsReport) {
  const std::vector<Incident> incidents = {At(kFacility, SafetyCategory::kEscape, D(2024, 1, 1))};
  const SafetyRecord r = ComputeFacilitySafetyRecord(incidents, kFacility, 2015, D(2024, 1, 1));
  EXPECT_EQ(r.six_nos.completed_years_streak, 9);  // 2015–2023 were clean
  EXPECT_EQ(r.six_nos.since_year, 2015);
  EXPECT_FALSE(r.six_nos.current_year_clean);
  EXPECT_EQ(r.six_nos.streak_if_year_ends_clean(), 0);
  EXPECT_EQ(r.six_nos.last_incident, D(2024, 1, 1));
  // A year later the broken year has completed: the streak is 0.
  const SafetyRecord next = ComputeFacilitySafetyRecord(incidents, kFacility, 2015, D(2025, 1, 1));
  EXPECT_EQ(next.six_nos.completed_years_streak, 0);
  EXPECT_TRUE(next.six_nos.current_year_clean);
}

TEST(SafetyTest, IncidentOnFirstDayOfLastYearAndLastDayOfTheYearBefore) {
  const Date today = D(2024, 7, 1);
  const SafetyRecord jan1 = ComputeFacilitySafetyRecord(
      {At(kFacility, SafetyCategory::kCriminalCase, D(2023, 1, 1))}, kFacility, 2000, today);
  EXPECT_EQ(jan1.six_nos.completed_years_streak, 0);
  const SafetyRecord dec31 = ComputeFacilitySafetyRecord(
      {At(kFacility, SafetyCategory::kCriminalCase, D(2022, 12, 31))}, kFacility, 2000, today);
  EXPECT_EQ(dec31.six_nos.completed_years_streak, 1);
  EXPECT_EQ(dec31.six_nos.since_year, 2023);
}

TEST(SafetyTest, NoIncidentsEverIsCappedByRecordsSince) {
  const Date today = D(2024, 3, 1);
  const SafetyRecord r = ComputeFacilitySafetyRecord({}, kFacility, 2015, today);
  EXPECT_EQ(r.six_nos.completed_years_streak, 9);  // today.year() - 2015
  EXPECT_EQ(r.six_nos.since_year, 2015);
  EXPECT_TRUE(r.six_nos.current_year_clean);
  EXPECT_FALSE(r.six_nos.last_incident.has_value());
  for (const SafetyStreak& s : r.by_category) EXPECT_EQ(s.completed_years_streak, 9);
  // Records starting this year (a facility opened this year) or later: no complete year yet.
  EXPECT_EQ(ComputeFacilitySafetyRecord({}, kFacility, 2024, today).six_nos.completed_years_streak,
            0);
  EXPECT_EQ(ComputeFacilitySafetyRecord({}, kFacility, 2030, today).six_nos.completed_years_streak,
            0);
  EXPECT_EQ(ComputeFacilitySafetyRecord({}, kFacility, 2023, today).six_nos.completed_years_streak,
            1);
}

TEST(SafetyTest, IncidentBeforeRecordsSinceDoesNotLengthenOrShortenTheStreak) {
  const std::vector<Incident> incidents = {
      At(kFacility, SafetyCategory::kAbnormalDeath, D(2010, 6, 1))};
  const SafetyRecord r = ComputeFacilitySafetyRecord(incidents, kFacility, 2015, D(2024, 3, 1));
  EXPECT_EQ(r.six_nos.completed_years_streak, 9);
  EXPECT_EQ(r.six_nos.since_year, 2015);
  EXPECT_EQ(r.six_nos.last_incident, D(2010, 6, 1));
}

TEST(SafetyTest, PerCategoryStreaksDiffer) {
  const std::vector<Incident> incidents = {
      At(kFacility, SafetyCategory::kDrugsEntering, D(2019, 8, 1)),
      At(kFacility, SafetyCategory::kFoodSafetyIncident, D(2021, 3, 3)),
      At(kFacility, SafetyCategory::kDrugsEntering, D(2016, 2, 2)),
      At(kFacility, SafetyCategory::kEscape, D(2024, 2, 1)),
  };
  const SafetyRecord r = ComputeFacilitySafetyRecord(incidents, kFacility, 2012, D(2024, 5, 1));
  EXPECT_EQ(r.six_nos.completed_years_streak, 2);  // 2022–2023
  EXPECT_EQ(r.six_nos.since_year, 2022);
  EXPECT_FALSE(r.six_nos.current_year_clean);
  EXPECT_EQ(r.For(SafetyCategory::kDrugsEntering).completed_years_streak, 4);  // 2020–2023
  EXPECT_EQ(r.For(SafetyCategory::kDrugsEntering).last_incident, D(2019, 8, 1));
  EXPECT_EQ(r.For(SafetyCategory::kFoodSafetyIncident).completed_years_streak, 2);
  const SafetyStreak& escape = r.For(SafetyCategory::kEscape);
  EXPECT_EQ(escape.completed_years_streak, 12);  // 2012–2023: the 2024 escape is this year's
  EXPECT_FALSE(escape.current_year_clean);
  EXPECT_TRUE(r.For(SafetyCategory::kCriminalCase).current_year_clean);
}

TEST(SafetyTest, FacilityCountsOnlyItsOwnIncidentsAndTheSystemCountsAll) {
  const std::vector<Incident> incidents = {
      At("HB-NZ", SafetyCategory::kEscape, D(2022, 4, 4)),
      At("HB-WCN", SafetyCategory::kAbnormalDeath, D(2020, 1, 9)),
      At(kFacility, SafetyCategory::kWorkSafetyAccident, D(2018, 10, 10)),
  };
  const Date today = D(2024, 6, 1);
  EXPECT_EQ(
      ComputeFacilitySafetyRecord(incidents, kFacility, 2005, today).six_nos.completed_years_streak,
      5);  // 2019–2023
  EXPECT_EQ(
      ComputeFacilitySafetyRecord(incidents, "HB-NZ", 2005, today).six_nos.completed_years_streak,
      1);
  EXPECT_EQ(
      ComputeFacilitySafetyRecord(incidents, "HB-WCN", 2005, today).six_nos.completed_years_streak,
      3);
  EXPECT_EQ(
      ComputeFacilitySafetyRecord(incidents, "HB-NONE", 2005, today).six_nos.completed_years_streak,
      19);
  const SafetyRecord system = ComputeSystemSafetyRecord(incidents, 2005, today);
  EXPECT_EQ(system.six_nos.completed_years_streak, 1);  // the 2022 escape anywhere breaks it
  EXPECT_EQ(system.For(SafetyCategory::kAbnormalDeath).completed_years_streak, 3);
  EXPECT_EQ(system.For(SafetyCategory::kWorkSafetyAccident).completed_years_streak, 5);
  EXPECT_EQ(system.For(SafetyCategory::kCriminalCase).completed_years_streak, 19);
}

TEST(SafetyTest, IncidentsAfterTodayAreIgnored) {
  const std::vector<Incident> incidents = {At(kFacility, SafetyCategory::kEscape, D(2024, 6, 2))};
  const SafetyRecord r = ComputeFacilitySafetyRecord(incidents, kFacility, 2015, D(2024, 6, 1));
  EXPECT_TRUE(r.six_nos.current_year_clean);
  EXPECT_FALSE(r.six_nos.last_incident.has_value());
  EXPECT_EQ(r.six_nos.completed_years_streak, 9);
}

TEST(SafetyTest, ValidateIncidentNamesEachBadField) {
  FieldErrors errors;
  ValidateIncident(Incident{"", "", SafetyCategory::kEscape, D(2024, 6, 2)}, D(2024, 6, 1), errors);
  const Status s = errors.ToStatus();
  ASSERT_EQ(s.errors().size(), 3u);
  EXPECT_EQ(s.errors()[0].field, "id");
  EXPECT_EQ(s.errors()[1].field, "facility_code");
  EXPECT_EQ(s.errors()[2].field, "date");
  EXPECT_EQ(s.errors()[2].rule, "not_in_future");

  FieldErrors ok;
  ValidateIncident(At(kFacility, SafetyCategory::kEscape, D(2024, 6, 1)), D(2024, 6, 1), ok);
  EXPECT_TRUE(ok.empty());
}

}  // namespace
}  // namespace huigui
