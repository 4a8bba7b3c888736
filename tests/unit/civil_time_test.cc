#include "domain/civil_time.h"

#include <gtest/gtest.h>

#include "domain/episode.h"

namespace huigui {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

TEST(DateTest, ParsesRealDatesOnly) {
  EXPECT_TRUE(Date::Parse("2026-11-29"));
  EXPECT_TRUE(Date::Parse("2024-02-29"));   // leap year
  EXPECT_FALSE(Date::Parse("2026-02-29"));  // common year
  EXPECT_FALSE(Date::Parse("2100-02-29"));  // century, not leap
  EXPECT_TRUE(Date::Parse("2000-02-29"));   // 400-year leap
  EXPECT_FALSE(Date::Parse("2026-02-30"));
  EXPECT_FALSE(Date::Parse("2026-13-01"));
  EXPECT_FALSE(Date::Parse("2026-00-10"));
  EXPECT_FALSE(Date::Parse("2026-1-1"));
  EXPECT_FALSE(Date::Parse("2026-01-01T00:00"));
  EXPECT_FALSE(Date::Parse(""));
}

TEST(DateTest, RoundTripsAndCountsDays) {
  EXPECT_EQ(D("2026-11-29").ToString(), "2026-11-29");
  EXPECT_EQ(D("1970-01-01").days(), 0);
  EXPECT_EQ(D("2024-03-01") - D("2024-02-28"), 2);
  EXPECT_EQ(D("2026-03-01") - D("2026-02-28"), 1);
}

TEST(DateTest, AddYearsClampsLeapDay) {
  EXPECT_EQ(D("2024-02-29").AddYears(1).ToString(), "2025-02-28");
  EXPECT_EQ(D("2024-02-29").AddYears(4).ToString(), "2028-02-29");
  EXPECT_EQ(D("2026-01-31").AddMonths(1).ToString(), "2026-02-28");
}

// domain.md §3: a term of years covers the decision day through the day before its
// anniversary — "from 13 May 2026 to 12 May 2028".
TEST(DateTest, StatutoryTermsEndTheDayBeforeTheAnniversary) {
  EXPECT_EQ(DefaultPlannedEnd(EpisodeKind::kCompulsoryIsolation, D("2026-05-13"))->ToString(),
            "2028-05-12");
  EXPECT_EQ(DefaultPlannedEnd(EpisodeKind::kCommunityDetox, D("2026-03-01"))->ToString(),
            "2029-02-28");
  EXPECT_EQ(DefaultPlannedEnd(EpisodeKind::kCommunityDetox, D("2024-02-29"))->ToString(),
            "2027-02-27");
  EXPECT_FALSE(DefaultPlannedEnd(EpisodeKind::kVoluntary, D("2026-05-13")));
}

TEST(TimestampTest, ParsesOffsetsToTheSameInstant) {
  auto a = Timestamp::Parse("2026-11-29T10:00:00+08:00");
  auto b = Timestamp::Parse("2026-11-29T02:00:00Z");
  auto c = Timestamp::Parse("2026-11-28T21:00:00-05:00");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(*b, *c);
  EXPECT_EQ(a->ToString(), "2026-11-29T02:00:00Z");
  EXPECT_TRUE(Timestamp::Parse("2026-11-29T10:00+08:00"));
  EXPECT_TRUE(Timestamp::Parse("2026-11-29T10:00:00.123Z"));
}

TEST(TimestampTest, RejectsAmbiguousOrImpossibleInstants) {
  EXPECT_FALSE(Timestamp::Parse("2026-11-29T10:00:00"));  // no offset
  EXPECT_FALSE(Timestamp::Parse("2026-02-30T10:00:00Z"));
  EXPECT_FALSE(Timestamp::Parse("2026-11-29T24:00:00Z"));
  EXPECT_FALSE(Timestamp::Parse("2026-11-29T10:60:00Z"));
  EXPECT_FALSE(Timestamp::Parse("2026-11-29T10:00:00+8"));
  EXPECT_FALSE(Timestamp::Parse("2026-11-29T10:00:00Zjunk"));
  EXPECT_FALSE(Timestamp::Parse("yesterday"));
}

// The date of a timestamp is its date in UTC+8, wherever the server runs.
TEST(TimestampTest, LocalDateIsChinaStandardTime) {
  EXPECT_EQ(Timestamp::Parse("2026-11-29T15:59:59Z")->LocalDate().ToString(), "2026-11-29");
  EXPECT_EQ(Timestamp::Parse("2026-11-29T16:00:00Z")->LocalDate().ToString(), "2026-11-30");
  EXPECT_EQ(Timestamp::Parse("2026-01-01T00:30:00+08:00")->LocalDate().ToString(), "2026-01-01");
  EXPECT_EQ(Timestamp::Parse("1969-12-31T20:00:00Z")->LocalDate().ToString(), "1970-01-01");
  EXPECT_EQ(Timestamp::Parse("1969-12-31T10:00:00Z")->LocalDate().ToString(), "1969-12-31");
}

}  // namespace
}  // namespace huigui
