#include "domain/risk.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace huigui {
namespace {

// A model with one yes/no factor worth `points`, so the score is exactly `points` when it holds.
RiskModel OneFactorModel(int points) {
  RiskModel m;
  m.rules = {{"serious_breach", points, 1}};
  return m;
}

RiskFacts Breach() {
  RiskFacts f;
  f.serious_breach = true;
  return f;
}

const RiskReason* FindReason(const RiskResult& r, const std::string& factor) {
  for (const auto& reason : r.reasons) {
    if (reason.factor == factor) return &reason;
  }
  return nullptr;
}

struct TierCase {
  int score;
  RiskTier tier;
};

TEST(RiskTest, TierBoundariesAtMediumAndHigh) {
  const std::vector<TierCase> cases = {
      {0, RiskTier::kLow},     {29, RiskTier::kLow},  {30, RiskTier::kMedium},
      {59, RiskTier::kMedium}, {60, RiskTier::kHigh}, {200, RiskTier::kHigh},
      {-20, RiskTier::kLow},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.score);
    const RiskResult r = AssessRisk(OneFactorModel(c.score), Breach());
    EXPECT_EQ(r.score, c.score);
    EXPECT_EQ(r.tier, c.tier);
  }
}

TEST(RiskTest, ThresholdsComeFromTheModel) {
  RiskModel m = OneFactorModel(50);
  m.high_at = 50;
  EXPECT_EQ(AssessRisk(m, Breach()).tier, RiskTier::kHigh);
  m.high_at = 51;
  m.medium_at = 51;
  EXPECT_EQ(AssessRisk(m, Breach()).tier, RiskTier::kLow);
}

// Each counted factor of the default model, one below and at its threshold.
struct ThresholdCase {
  const char* factor;
  int threshold;
  int points;
  std::function<void(RiskFacts&, int)> set;
};

TEST(RiskTest, EachCountedFactorScoresFromItsThreshold) {
  const std::vector<ThresholdCase> cases = {
      {"positive_test_6m", 1, 40, [](RiskFacts& f, int n) { f.positive_tests_6m = n; }},
      {"refused_test_6m", 1, 25, [](RiskFacts& f, int n) { f.refused_or_missed_tests_6m = n; }},
      {"missed_contacts", 1, 15, [](RiskFacts& f, int n) { f.missed_contacts = n; }},
      {"craving", 70, 20, [](RiskFacts& f, int n) { f.latest_craving = n; }},
      {"years_of_use", 10, 10, [](RiskFacts& f, int n) { f.years_of_use = n; }},
      {"prior_episodes", 2, 10, [](RiskFacts& f, int n) { f.prior_episodes = n; }},
      {"abstinent", 365, -20, [](RiskFacts& f, int n) { f.days_abstinent = n; }},
  };
  const RiskModel model = DefaultRiskModel();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.factor);
    RiskFacts below;
    c.set(below, c.threshold - 1);
    EXPECT_EQ(FindReason(AssessRisk(model, below), c.factor), nullptr);
    RiskFacts at;
    c.set(at, c.threshold);
    const RiskResult r = AssessRisk(model, at);
    const RiskReason* reason = FindReason(r, c.factor);
    ASSERT_NE(reason, nullptr);
    EXPECT_EQ(reason->points, c.points);
    EXPECT_EQ(r.score, c.points);
  }
}

struct YesNoCase {
  const char* factor;
  int points;
  std::function<void(RiskFacts&)> set_yes;
  std::function<void(RiskFacts&)> set_no;  // the fact known and not holding
};

TEST(RiskTest, EachYesNoFactorScoresOnlyWhenItHolds) {
  const std::vector<YesNoCase> cases = {
      {"serious_breach", 80, [](RiskFacts& f) { f.serious_breach = true; },
       [](RiskFacts& f) { f.serious_breach = false; }},
      {"psychiatric_history", 80, [](RiskFacts& f) { f.psychiatric_history = true; },
       [](RiskFacts& f) { f.psychiatric_history = false; }},
      {"unemployed", 5, [](RiskFacts& f) { f.employed = false; },
       [](RiskFacts& f) { f.employed = true; }},
      {"no_family_support", 5, [](RiskFacts& f) { f.family_support = false; },
       [](RiskFacts& f) { f.family_support = true; }},
      {"hard_substance", 10, [](RiskFacts& f) { f.primary_substance = "海洛因"; },
       [](RiskFacts& f) { f.primary_substance = "大麻"; }},
  };
  const RiskModel model = DefaultRiskModel();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.factor);
    RiskFacts yes;
    c.set_yes(yes);
    const RiskResult r = AssessRisk(model, yes);
    ASSERT_NE(FindReason(r, c.factor), nullptr);
    EXPECT_EQ(r.score, c.points);
    RiskFacts no;
    c.set_no(no);
    EXPECT_EQ(AssessRisk(model, no).score, 0);
  }
}

TEST(RiskTest, SeriousBreachOrPsychiatricHistoryAloneMakesHigh) {
  RiskFacts breach;
  breach.serious_breach = true;
  EXPECT_EQ(AssessRisk(DefaultRiskModel(), breach).tier, RiskTier::kHigh);
  RiskFacts psych;
  psych.psychiatric_history = true;
  EXPECT_EQ(AssessRisk(DefaultRiskModel(), psych).tier, RiskTier::kHigh);
}

TEST(RiskTest, EveryDefaultHardSubstanceScores) {
  for (const char* s : {"海洛因", "冰毒", "麻果", "可卡因", "芬太尼", "依托咪酯"}) {
    SCOPED_TRACE(s);
    RiskFacts f;
    f.primary_substance = s;
    EXPECT_EQ(AssessRisk(DefaultRiskModel(), f).score, 10);
  }
  RiskFacts none;
  EXPECT_EQ(AssessRisk(DefaultRiskModel(), none).score, 0);
}

TEST(RiskTest, UnknownOptionalFactsScoreNothing) {
  RiskFacts f;  // craving, employment, family support and abstinence unknown
  const RiskResult r = AssessRisk(DefaultRiskModel(), f);
  EXPECT_EQ(r.score, 0);
  EXPECT_TRUE(r.reasons.empty());
  EXPECT_EQ(r.tier, RiskTier::kLow);
}

TEST(RiskTest, LongTermLowFromThreeYearsAbstinent) {
  RiskFacts f;
  f.days_abstinent = 1094;
  EXPECT_EQ(AssessRisk(DefaultRiskModel(), f).tier, RiskTier::kLow);
  f.days_abstinent = 1095;
  EXPECT_EQ(AssessRisk(DefaultRiskModel(), f).tier, RiskTier::kLongTermLow);
}

TEST(RiskTest, LongTermLowOnlyFromLow) {
  RiskFacts f;
  f.days_abstinent = 2000;
  f.refused_or_missed_tests_6m = 3;
  f.missed_contacts = 2;
  f.employed = false;
  f.family_support = false;  // 25 + 15 + 5 + 5 - 20 = 30
  const RiskResult r = AssessRisk(DefaultRiskModel(), f);
  EXPECT_EQ(r.score, 30);
  EXPECT_EQ(r.tier, RiskTier::kMedium);
}

TEST(RiskTest, PositiveTestBlocksLongTermLow) {
  // The tier rule itself, with a model that does not score tests at all.
  RiskModel no_tests;
  RiskFacts f;
  f.days_abstinent = 1095;
  f.positive_tests_6m = 1;
  EXPECT_EQ(AssessRisk(no_tests, f).tier, RiskTier::kLow);
  EXPECT_EQ(AssessRisk(DefaultRiskModel(), f).tier, RiskTier::kMedium);
}

TEST(RiskTest, PositiveTestNeverYieldsLowWithTheDefaultModel) {
  // The most favourable facts otherwise, including inconsistent abstinence.
  for (const int days : {0, 364, 365, 1095, 5000}) {
    SCOPED_TRACE(days);
    RiskFacts f;
    f.positive_tests_6m = 1;
    f.days_abstinent = days;
    f.employed = true;
    f.family_support = true;
    f.latest_craving = 0;
    const RiskResult r = AssessRisk(DefaultRiskModel(), f);
    EXPECT_EQ(r.score, 40);
    EXPECT_EQ(r.tier, RiskTier::kMedium);
    EXPECT_EQ(FindReason(r, "abstinent"), nullptr);
  }
}

TEST(RiskTest, ReasonsListEveryScoredFactorLargestFirstWithDetails) {
  RiskFacts f;
  f.serious_breach = true;
  f.positive_tests_6m = 2;
  f.refused_or_missed_tests_6m = 1;
  f.latest_craving = 80;
  f.missed_contacts = 3;
  f.primary_substance = "冰毒";
  f.years_of_use = 12;
  f.prior_episodes = 2;
  f.employed = false;
  f.family_support = false;
  const RiskResult r = AssessRisk(DefaultRiskModel(), f);
  EXPECT_EQ(r.score, 80 + 40 + 25 + 20 + 15 + 10 + 10 + 10 + 5 + 5);
  EXPECT_EQ(r.tier, RiskTier::kHigh);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"serious_breach", "open serious-breach alert"},
      {"positive_test_6m", "2 positive tests in the last 6 months"},
      {"refused_test_6m", "1 refused or missed test in the last 6 months"},
      {"craving", "latest craving 80 of 100"},
      {"missed_contacts", "3 missed contacts"},
      {"hard_substance", "primary substance 冰毒 is a hard drug"},
      {"years_of_use", "12 years of use"},
      {"prior_episodes", "2 prior episodes"},
      {"unemployed", "unemployed"},
      {"no_family_support", "no family support"},
  };
  ASSERT_EQ(r.reasons.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(r.reasons[i].factor, expected[i].first);
    EXPECT_EQ(r.reasons[i].detail, expected[i].second);
  }
}

TEST(RiskTest, NegativePointsSortByMagnitude) {
  RiskFacts f;
  f.days_abstinent = 400;
  f.primary_substance = "海洛因";
  f.psychiatric_history = true;
  const RiskResult r = AssessRisk(DefaultRiskModel(), f);
  ASSERT_EQ(r.reasons.size(), 3u);
  EXPECT_EQ(r.reasons[0].factor, "psychiatric_history");
  EXPECT_EQ(r.reasons[1].factor, "abstinent");
  EXPECT_EQ(r.reasons[1].points, -20);
  EXPECT_EQ(r.reasons[1].detail, "400 days abstinent");
  EXPECT_EQ(r.reasons[2].factor, "hard_substance");
  // The national scheme keeps psychotic behaviour high even with a year's abstinence credit.
  EXPECT_EQ(r.score, 70);
  EXPECT_EQ(r.tier, RiskTier::kHigh);
}

TEST(RiskTest, SingularDetails) {
  RiskFacts f;
  f.positive_tests_6m = 1;
  f.missed_contacts = 1;
  f.years_of_use = 1;
  RiskModel m = DefaultRiskModel();
  m.rules.push_back({"years_of_use", 1, 1});
  const RiskResult r = AssessRisk(m, f);
  EXPECT_EQ(FindReason(r, "positive_test_6m")->detail, "1 positive test in the last 6 months");
  EXPECT_EQ(FindReason(r, "missed_contacts")->detail, "1 missed contact");
  EXPECT_EQ(FindReason(r, "years_of_use")->detail, "1 year of use");
}

TEST(RiskTest, UnknownFactorsAndZeroPointsAreIgnored) {
  RiskModel m;
  m.rules = {{"factor_from_a_newer_release", 50, 1}, {"serious_breach", 0, 1}};
  const RiskResult r = AssessRisk(m, Breach());
  EXPECT_EQ(r.score, 0);
  EXPECT_TRUE(r.reasons.empty());
}

TEST(RiskTest, RepeatedFactorsGradeAThreshold) {
  RiskModel m;
  m.rules = {{"positive_test_6m", 40, 1}, {"positive_test_6m", 20, 3}};
  RiskFacts f;
  f.positive_tests_6m = 2;
  EXPECT_EQ(AssessRisk(m, f).score, 40);
  f.positive_tests_6m = 3;
  EXPECT_EQ(AssessRisk(m, f).score, 60);
  EXPECT_EQ(AssessRisk(m, f).reasons.size(), 2u);
}

struct IntervalCase {
  RiskTier tier;
  EpisodeKind kind;
  std::array<int, 3> tests;
  std::array<int, 3> contacts;
};

TEST(RiskTest, DefaultIntervalsByTierAndKind) {
  using enum RiskTier;
  const EpisodeKind detox = EpisodeKind::kCommunityDetox;
  const EpisodeKind rehab = EpisodeKind::kCommunityRehab;
  const EpisodeKind voluntary = EpisodeKind::kVoluntary;
  const EpisodeKind aftercare = EpisodeKind::kAftercare;
  const EpisodeKind isolation = EpisodeKind::kCompulsoryIsolation;
  const std::vector<IntervalCase> cases = {
      {kLow, detox, {30, 60, 90}, {30, 30, 30}},
      {kMedium, detox, {30, 30, 60}, {14, 30, 30}},
      {kHigh, detox, {15, 15, 30}, {7, 14, 14}},
      {kLongTermLow, detox, {90, 90, 90}, {90, 90, 90}},
      {kLow, rehab, {30, 60, 90}, {30, 30, 30}},
      {kMedium, rehab, {30, 30, 60}, {14, 30, 30}},
      {kHigh, rehab, {15, 15, 30}, {7, 14, 14}},
      {kLongTermLow, rehab, {90, 90, 90}, {90, 90, 90}},
      {kLow, voluntary, {30, 60, 90}, {30, 30, 30}},
      {kHigh, voluntary, {15, 15, 30}, {7, 14, 14}},
      {kLow, aftercare, {0, 0, 0}, {30, 60, 90}},
      {kMedium, aftercare, {0, 0, 0}, {14, 30, 30}},
      {kHigh, aftercare, {0, 0, 0}, {7, 14, 14}},
      {kLongTermLow, aftercare, {0, 0, 0}, {30, 60, 90}},
      {kLow, isolation, {0, 0, 0}, {0, 0, 0}},
      {kHigh, isolation, {0, 0, 0}, {0, 0, 0}},
  };
  const auto rules = DefaultIntervals();
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(NameOf(kRiskTierNames, c.tier)) + " " +
                 std::string(NameOf(kEpisodeKindNames, c.kind)));
    const auto r = FindInterval(rules, c.tier, c.kind);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->tier, c.tier);
    for (int y = 0; y < 3; ++y) {
      EXPECT_EQ(r->test_days[y], c.tests[y]) << "year " << y + 1;
      EXPECT_EQ(r->contact_days[y], c.contacts[y]) << "year " << y + 1;
    }
  }
}

TEST(RiskTest, FindIntervalFallsBackToTheKindsLowRule) {
  IntervalRule low;
  low.tier = RiskTier::kLow;
  low.kind = EpisodeKind::kVoluntary;
  low.test_days[0] = 45;
  IntervalRule other_kind_high;
  other_kind_high.tier = RiskTier::kHigh;
  other_kind_high.kind = EpisodeKind::kCommunityDetox;
  const std::vector<IntervalRule> rules = {other_kind_high, low};
  const auto r = FindInterval(rules, RiskTier::kHigh, EpisodeKind::kVoluntary);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->tier, RiskTier::kLow);
  EXPECT_EQ(r->test_days[0], 45);
  EXPECT_FALSE(FindInterval(rules, RiskTier::kLow, EpisodeKind::kAftercare));
  EXPECT_FALSE(FindInterval({}, RiskTier::kLow, EpisodeKind::kCommunityDetox));
}

TEST(RiskTest, LeavesDynamicControlAfterThreeYearsReachable) {
  EXPECT_EQ(kDynamicControlAbstinentDays, 1095);
  EXPECT_FALSE(LeavesDynamicControl(1094, true));
  EXPECT_TRUE(LeavesDynamicControl(1095, true));
  EXPECT_FALSE(LeavesDynamicControl(1095, false));
  EXPECT_FALSE(LeavesDynamicControl(std::nullopt, true));
  // Same day as the default long-term-low tier.
  EXPECT_EQ(DefaultRiskModel().long_term_low_days, kDynamicControlAbstinentDays);
}

TEST(RiskTest, TierNamesAreTheWireNames) {
  EXPECT_EQ(NameOf(kRiskTierNames, RiskTier::kLongTermLow), "long_term_low");
  EXPECT_EQ(ParseName(kRiskTierNames, "medium"), RiskTier::kMedium);
}

}  // namespace
}  // namespace huigui
