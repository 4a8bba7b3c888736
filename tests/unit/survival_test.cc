#include "domain/survival.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace huigui {
namespace {

// Agreement with R: relative 1e-9, plus 1e-15 absolute so that R's exact zeros (se before the
// first relapse) must come out as zeros. Times, counts and medians are compared exactly.
constexpr double kRelTol = 1e-9;
constexpr double kAbsTol = 1e-15;

bool Near(double actual, double expected) {
  return std::abs(actual - expected) <= kRelTol * std::abs(expected) + kAbsTol;
}

void ExpectNear(const std::optional<double>& actual, const std::optional<double>& expected,
                const std::string& what) {
  ASSERT_EQ(actual.has_value(), expected.has_value())
      << what << ": R gives " << (expected ? std::to_string(*expected) : "NA");
  if (expected) {
    EXPECT_TRUE(Near(*actual, *expected)) << what << ": " << *actual << " vs R " << *expected
                                          << " (diff " << *actual - *expected << ")";
  }
}

SurvivalObservation Obs(std::string group, int days, bool relapsed) {
  return SurvivalObservation{std::move(group), days, relapsed};
}

// ---------------------------------------------------------------------------------------------
// Hand-computed cases.

// Six persons, one group (z = 1.959963984540054):
//   days:   2 relapse, 3 censored, 4 relapse, 4 relapse, 6 censored, 8 relapse
//   t=2: n=6 d=1  S = 5/6            Greenwood sum = 1/(6*5)         = 1/30
//   t=3: censored (still at risk at 3; leaves after)
//   t=4: n=4 d=2  S = 5/6 * 2/4 = 5/12  sum = 1/30 + 2/(4*2)         = 17/60
//   t=6: censored
//   t=8: n=1 d=1  S = 0; d/(n(n-d)) is infinite: se and limits are not given (R: NaN, NA)
//   se(2) = 5/6 sqrt(1/30) = 0.15215, limits 5/6 exp(-/+ z sqrt(1/30)) = 0.58265, 1 (clipped)
//   se(4) = 5/12 sqrt(17/60) = 0.22179, limits 0.14679, 1 (clipped)
//   median: first S below 1/2 is 5/12 at t=4 (not 1/2 within tolerance) -> 4;
//   lower limit curve 0.58, 0.147 -> crosses at 4; upper curve stays at 1, then NA -> no limit.
// R: summary(survfit(Surv(t, s) ~ 1)) prints exactly these (0.833 0.152 0.583 1 / 0.417 0.222
// 0.147 1 / 0 NaN NA NA), median 4, 0.95LCL 4, 0.95UCL NA.
TEST(SurvivalTest, SixPersonsWorkedByHand) {
  const std::vector<SurvivalObservation> obs = {Obs("a", 2, true),  Obs("a", 3, false),
                                                Obs("a", 4, true),  Obs("a", 4, true),
                                                Obs("a", 6, false), Obs("a", 8, true)};
  const int horizons[] = {0, 3, 8, 9};
  const auto r = AnalyseSurvival(obs, horizons);
  ASSERT_TRUE(r.ok()) << r.status().detail();
  ASSERT_EQ(r->groups.size(), 1U);
  const GroupSurvival& g = r->groups[0];
  EXPECT_EQ(g.name, "a");
  EXPECT_EQ(g.n, 6);
  EXPECT_EQ(g.events, 4);
  EXPECT_EQ(g.censored, 2);
  ASSERT_EQ(g.curve.size(), 3U);
  const double z = kNormalQuantile975;

  EXPECT_EQ(g.curve[0].t, 2);
  EXPECT_EQ(g.curve[0].at_risk, 6);
  EXPECT_EQ(g.curve[0].events, 1);
  EXPECT_EQ(g.curve[0].censored, 0);
  EXPECT_DOUBLE_EQ(g.curve[0].surv, 5.0 / 6);
  EXPECT_DOUBLE_EQ(*g.curve[0].se, 5.0 / 6 * std::sqrt(1.0 / 30));
  EXPECT_DOUBLE_EQ(*g.curve[0].lower, 5.0 / 6 * std::exp(-z * std::sqrt(1.0 / 30)));
  EXPECT_DOUBLE_EQ(*g.curve[0].upper, 1.0);

  EXPECT_EQ(g.curve[1].t, 4);
  EXPECT_EQ(g.curve[1].at_risk, 4);
  EXPECT_EQ(g.curve[1].events, 2);
  EXPECT_EQ(g.curve[1].censored, 1);  // day 3
  EXPECT_DOUBLE_EQ(g.curve[1].surv, 5.0 / 12);
  EXPECT_DOUBLE_EQ(*g.curve[1].se, 5.0 / 12 * std::sqrt(17.0 / 60));
  EXPECT_DOUBLE_EQ(*g.curve[1].lower, 5.0 / 12 * std::exp(-z * std::sqrt(17.0 / 60)));
  EXPECT_DOUBLE_EQ(*g.curve[1].upper, 1.0);

  EXPECT_EQ(g.curve[2].t, 8);
  EXPECT_EQ(g.curve[2].at_risk, 1);
  EXPECT_EQ(g.curve[2].censored, 1);  // day 6
  EXPECT_EQ(g.curve[2].surv, 0.0);
  EXPECT_FALSE(g.curve[2].se.has_value());
  EXPECT_FALSE(g.curve[2].lower.has_value());
  EXPECT_FALSE(g.curve[2].upper.has_value());

  EXPECT_EQ(g.median, 4.0);
  EXPECT_EQ(g.median_lower, 4.0);
  EXPECT_FALSE(g.median_upper.has_value());

  ASSERT_EQ(g.horizons.size(), 4U);
  EXPECT_TRUE(g.horizons[0].reported);  // day 0: before any relapse
  EXPECT_EQ(g.horizons[0].at_risk, 6);
  EXPECT_EQ(g.horizons[0].surv, 1.0);
  EXPECT_EQ(g.horizons[0].se, 0.0);
  EXPECT_EQ(g.horizons[0].lower, 1.0);
  EXPECT_EQ(g.horizons[0].upper, 1.0);
  EXPECT_EQ(g.horizons[1].at_risk, 5);  // days >= 3
  EXPECT_DOUBLE_EQ(*g.horizons[1].surv, 5.0 / 6);
  EXPECT_EQ(g.horizons[2].surv, 0.0);  // the last observation, reported
  EXPECT_FALSE(g.horizons[2].se.has_value());
  EXPECT_FALSE(g.horizons[3].reported);  // after the last observation: R drops it
  EXPECT_FALSE(g.horizons[3].surv.has_value());

  EXPECT_FALSE(r->logrank.has_value());  // one group: nothing to compare
}

// Log-rank, two groups of two: A relapses on days 1 and 3; B relapses on day 2, censored on 4.
//   t  n  d  n_A  E_A += d n_A / n   V += d (n-d) / (n^2 (n-1)) * n_A (n - n_A)
//   1  4  1   2       2/4            1*3/(16*3) * 2*2 = 1/4
//   2  3  1   1       1/3            1*2/(9*2)  * 1*2 = 2/9
//   3  2  1   1       1/2            1*1/(4*1)  * 1*1 = 1/4
//   O_A = 2, E_A = 4/3, V = 13/18: chisq = (2/3)^2 / (13/18) = 8/13, df 1; E_B = 3 - 4/3 = 5/3.
//   R: survdiff chisq 0.61538461538461509, pchisq(8/13, 1, lower.tail = FALSE) 0.43276758066778465.
TEST(SurvivalTest, LogRankWorkedByHand) {
  const auto r = AnalyseSurvival(
      {Obs("A", 1, true), Obs("A", 3, true), Obs("B", 2, true), Obs("B", 4, false)});
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->logrank.has_value());
  EXPECT_DOUBLE_EQ(r->logrank->chisq, 8.0 / 13);
  EXPECT_EQ(r->logrank->df, 1);
  EXPECT_TRUE(Near(r->logrank->p, 0.43276758066778465));
  EXPECT_DOUBLE_EQ(r->groups[0].expected, 4.0 / 3);
  EXPECT_DOUBLE_EQ(r->groups[1].expected, 5.0 / 3);
}

TEST(SurvivalTest, EveryoneRelapsingTheSameDayGivesNoTest) {
  // The covariance matrix is 0: R's survdiff stops with "system is exactly singular".
  const auto r = AnalyseSurvival({Obs("A", 5, true), Obs("B", 5, true)});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->logrank.has_value());
  EXPECT_EQ(r->groups[0].curve[0].surv, 0.0);
}

TEST(SurvivalTest, GroupWithoutRelapsesHasAFlatCurveAndNoMedian) {
  const auto r = AnalyseSurvival({Obs("x", 100, false), Obs("x", 400, false)});
  ASSERT_TRUE(r.ok());
  const GroupSurvival& g = r->groups[0];
  EXPECT_TRUE(g.curve.empty());
  EXPECT_FALSE(g.median.has_value());
  ASSERT_EQ(g.horizons.size(), 3U);  // 365, 730, 1095 by default
  EXPECT_TRUE(g.horizons[0].reported);
  EXPECT_EQ(g.horizons[0].surv, 1.0);
  EXPECT_EQ(g.horizons[0].at_risk, 1);
  EXPECT_FALSE(g.horizons[1].reported);
  EXPECT_FALSE(r->logrank.has_value());
}

TEST(SurvivalTest, NoObservationsGiveNoGroups) {
  const auto r = AnalyseSurvival({});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->groups.empty());
  EXPECT_FALSE(r->logrank.has_value());
}

TEST(SurvivalTest, InvalidInputNamesEveryField) {
  const int horizons[] = {365, -1};
  const auto r =
      AnalyseSurvival({Obs("a", 10, true), Obs("a", -3, false), Obs("", 5, true)}, horizons);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  const auto& e = r.status().errors();
  ASSERT_EQ(e.size(), 3U);
  EXPECT_EQ(e[0].field, "observations[1].days");
  EXPECT_EQ(e[0].rule, "non_negative");
  EXPECT_EQ(e[1].field, "observations[2].group");
  EXPECT_EQ(e[1].rule, "required");
  EXPECT_EQ(e[2].field, "horizons[1]");
  EXPECT_EQ(e[2].rule, "non_negative");
}

TEST(SurvivalTest, MedianRuleFollowsPrintSurvfit) {
  using V = std::vector<std::optional<double>>;
  const std::vector<int> t = {2, 4, 9, 12};
  // Exactly one half on a flat segment: midpoint to the next drop.
  EXPECT_EQ(MedianOfCurve(t, V{0.8, 0.5, 0.25, 0.1}), 6.5);
  // One half within sqrt(DBL_EPSILON) counts as one half (rounding in the product).
  EXPECT_EQ(MedianOfCurve(t, V{0.8, 0.5 + 1e-10, 0.25, 0.1}), 6.5);
  EXPECT_EQ(MedianOfCurve(t, V{0.8, 0.5 - 1e-10, 0.25, 0.1}), 6.5);
  // Beyond the tolerance it is an ordinary step.
  EXPECT_EQ(MedianOfCurve(t, V{0.8, 0.5 + 1e-7, 0.25, 0.1}), 9.0);
  EXPECT_EQ(MedianOfCurve(t, V{0.8, 0.49, 0.25, 0.1}), 4.0);
  // One half and never lower afterwards: the time it got there.
  EXPECT_EQ(MedianOfCurve(t, V{0.9, 0.8, 0.7, 0.5}), 12.0);
  // Missing values (R's NA where the estimate hit 0) are skipped.
  EXPECT_EQ(MedianOfCurve(t, V{0.8, 0.6, std::nullopt, std::nullopt}), std::nullopt);
  EXPECT_EQ(MedianOfCurve(t, V{0.8, 0.5, std::nullopt, 0.2}), 8.0);
  EXPECT_EQ(MedianOfCurve(t, V{}), std::nullopt);
}

TEST(SurvivalTest, ChiSquareUpperTailMatchesPchisq) {
  // pchisq(x, df, lower.tail = FALSE) from R 4.2.2.
  EXPECT_EQ(ChiSquareUpperTail(0, 1), 1.0);
  EXPECT_TRUE(Near(ChiSquareUpperTail(3.841458820694124, 1), 0.049999999999999975));
  EXPECT_TRUE(Near(ChiSquareUpperTail(7.5, 3), 0.057558451972636406));
  EXPECT_TRUE(Near(ChiSquareUpperTail(200, 1), 2.0884875837625449e-45));
  EXPECT_TRUE(Near(ChiSquareUpperTail(0.01, 4), 0.99998754158864567));
  EXPECT_TRUE(Near(ChiSquareUpperTail(60, 10), 3.6243009520614891e-09));
  EXPECT_DOUBLE_EQ(ChiSquareUpperTail(5, 2), std::exp(-2.5));  // df 2: exp(-x/2)
}

// ---------------------------------------------------------------------------------------------
// R fixtures (tests/fixtures/survival/generate.R, R 4.2.2, survival 3.5.3).

using Row = std::map<std::string, std::string>;

std::vector<Row> ReadCsv(const std::string& name) {
  std::ifstream in(std::string(HUIGUI_SURVIVAL_FIXTURES) + "/" + name);
  EXPECT_TRUE(in.good()) << "cannot open fixture " << name;
  std::vector<Row> rows;
  std::string line;
  std::vector<std::string> header;
  auto split = [](const std::string& s) {
    std::vector<std::string> cells;
    std::stringstream ss(s);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    return cells;
  };
  if (std::getline(in, line)) header = split(line);
  while (std::getline(in, line)) {
    const std::vector<std::string> cells = split(line);
    EXPECT_EQ(cells.size(), header.size()) << name << ": " << line;
    Row row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

std::optional<double> Num(const Row& row, const std::string& column) {
  const std::string& s = row.at(column);
  if (s == "NA") return std::nullopt;
  return std::stod(s);
}

int Int(const Row& row, const std::string& column) { return std::stoi(row.at(column)); }

class SurvivalFixtureTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    for (const Row& row : ReadCsv("inputs.csv")) {
      if (row.at("dataset") != GetParam()) continue;
      observations_.push_back(Obs(row.at("group"), Int(row, "days"), Int(row, "relapsed") == 1));
    }
    for (const Row& row : ReadCsv("horizons.csv")) {
      if (row.at("dataset") != GetParam()) continue;
      horizon_rows_.push_back(row);
    }
    // Requested horizons: the distinct t of the first group's rows, in order.
    const std::string first_group = horizon_rows_.empty() ? "" : horizon_rows_[0].at("group");
    for (const Row& row : horizon_rows_) {
      if (row.at("group") == first_group) horizons_.push_back(Int(row, "t"));
    }
    auto r = AnalyseSurvival(observations_, horizons_);
    ASSERT_TRUE(r.ok()) << r.status().detail();
    analysis_ = std::move(r).value();
    ASSERT_FALSE(observations_.empty());
  }

  const GroupSurvival* Group(const std::string& name) const {
    for (const GroupSurvival& g : analysis_.groups) {
      if (g.name == name) return &g;
    }
    ADD_FAILURE() << "no group " << name;
    return nullptr;
  }

  std::vector<SurvivalObservation> observations_;
  std::vector<Row> horizon_rows_;
  std::vector<int> horizons_;
  SurvivalAnalysis analysis_;
};

TEST_P(SurvivalFixtureTest, CurvesMatchSummarySurvfit) {
  std::map<std::string, std::size_t> next;  // group -> index of the next curve point
  for (const Row& row : ReadCsv("curves.csv")) {
    if (row.at("dataset") != GetParam()) continue;
    const GroupSurvival* g = Group(row.at("group"));
    ASSERT_NE(g, nullptr);
    const std::size_t i = next[g->name]++;
    ASSERT_LT(i, g->curve.size()) << g->name;
    const SurvivalPoint& p = g->curve[i];
    const std::string where = GetParam() + "/" + g->name + " t=" + row.at("t");
    EXPECT_EQ(p.t, Int(row, "t")) << where;
    EXPECT_EQ(p.at_risk, Int(row, "at_risk")) << where;
    EXPECT_EQ(p.events, Int(row, "events")) << where;
    EXPECT_EQ(p.censored, Int(row, "censored")) << where;
    ExpectNear(p.surv, Num(row, "surv"), where + " surv");
    ExpectNear(p.se, Num(row, "se"), where + " se");
    ExpectNear(p.lower, Num(row, "lower"), where + " lower");
    ExpectNear(p.upper, Num(row, "upper"), where + " upper");
  }
  for (const GroupSurvival& g : analysis_.groups) {
    EXPECT_EQ(next[g.name], g.curve.size()) << GetParam() << "/" << g.name << ": extra points";
  }
}

TEST_P(SurvivalFixtureTest, HorizonsMatchSummarySurvfitAtTimes) {
  std::map<std::string, std::size_t> next;
  for (const Row& row : horizon_rows_) {
    const GroupSurvival* g = Group(row.at("group"));
    ASSERT_NE(g, nullptr);
    const std::size_t i = next[g->name]++;
    ASSERT_LT(i, g->horizons.size());
    const SurvivalAtHorizon& h = g->horizons[i];
    const std::string where = GetParam() + "/" + g->name + " at " + row.at("t");
    EXPECT_EQ(h.t, Int(row, "t")) << where;
    EXPECT_EQ(h.reported, Int(row, "reported") == 1) << where;
    if (!h.reported) continue;
    EXPECT_EQ(h.at_risk, Int(row, "at_risk")) << where;
    ExpectNear(h.surv, Num(row, "surv"), where + " surv");
    ExpectNear(h.se, Num(row, "se"), where + " se");
    ExpectNear(h.lower, Num(row, "lower"), where + " lower");
    ExpectNear(h.upper, Num(row, "upper"), where + " upper");
  }
}

TEST_P(SurvivalFixtureTest, GroupsMediansAndExpectedMatchR) {
  std::size_t rows = 0;
  for (const Row& row : ReadCsv("groups.csv")) {
    if (row.at("dataset") != GetParam()) continue;
    ASSERT_LT(rows, analysis_.groups.size());
    const GroupSurvival& g = analysis_.groups[rows++];  // R's levels are in byte order too
    const std::string where = GetParam() + "/" + row.at("group");
    EXPECT_EQ(g.name, row.at("group"));
    EXPECT_EQ(g.n, Int(row, "n")) << where;
    EXPECT_EQ(g.events, Int(row, "events")) << where;
    EXPECT_EQ(g.median, Num(row, "median")) << where;
    EXPECT_EQ(g.median_lower, Num(row, "median_lower")) << where;
    EXPECT_EQ(g.median_upper, Num(row, "median_upper")) << where;
    ExpectNear(g.expected, Num(row, "expected"), where + " expected");
  }
  EXPECT_EQ(rows, analysis_.groups.size());
}

TEST_P(SurvivalFixtureTest, LogRankMatchesSurvdiff) {
  for (const Row& row : ReadCsv("logrank.csv")) {
    if (row.at("dataset") != GetParam()) continue;
    ASSERT_TRUE(analysis_.logrank.has_value());
    EXPECT_EQ(analysis_.logrank->df, Int(row, "df"));
    ExpectNear(analysis_.logrank->chisq, Num(row, "chisq"), GetParam() + " chisq");
    ExpectNear(analysis_.logrank->p, Num(row, "p"), GetParam() + " p");
    return;
  }
  FAIL() << "no log-rank row for " << GetParam();
}

INSTANTIATE_TEST_SUITE_P(R, SurvivalFixtureTest,
                         ::testing::Values("ties", "to_zero", "three_groups", "early_censored",
                                           "realistic"));

}  // namespace
}  // namespace huigui
