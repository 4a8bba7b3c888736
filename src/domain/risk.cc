#include "domain/risk.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string_view>

namespace huigui {
namespace {

// "1 positive test", "2 positive tests".
std::string Count(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// Whether `rule` holds for `facts`, and the reader's explanation when it does. Nullopt when the
// factor does not hold, its fact is unknown, or the factor name is one this code does not know
// (a model stored by a newer release; see DefaultRiskModel in risk.h).
std::optional<std::string> Evaluate(const RiskModel& model, const RiskRule& rule,
                                    const RiskFacts& facts) {
  const std::string_view f = rule.factor;
  const int t = rule.threshold;
  if (f == "serious_breach") {
    if (!facts.serious_breach) return std::nullopt;
    return "open serious-breach alert";
  }
  if (f == "psychiatric_history") {
    if (!facts.psychiatric_history) return std::nullopt;
    return "suicidal, self-harming or psychotic behaviour on record";
  }
  if (f == "positive_test_6m") {
    if (facts.positive_tests_6m < t) return std::nullopt;
    return Count(facts.positive_tests_6m, "positive test", "positive tests") +
           " in the last 6 months";
  }
  if (f == "refused_test_6m") {
    if (facts.refused_or_missed_tests_6m < t) return std::nullopt;
    return Count(facts.refused_or_missed_tests_6m, "refused or missed test",
                 "refused or missed tests") +
           " in the last 6 months";
  }
  if (f == "missed_contacts") {
    if (facts.missed_contacts < t) return std::nullopt;
    return Count(facts.missed_contacts, "missed contact", "missed contacts");
  }
  if (f == "craving") {
    if (!facts.latest_craving || *facts.latest_craving < t) return std::nullopt;
    return "latest craving " + std::to_string(*facts.latest_craving) + " of 100";
  }
  if (f == "hard_substance") {
    const auto& hard = model.hard_substances;
    if (std::find(hard.begin(), hard.end(), facts.primary_substance) == hard.end()) {
      return std::nullopt;
    }
    return "primary substance " + facts.primary_substance + " is a hard drug";
  }
  if (f == "years_of_use") {
    if (facts.years_of_use < t) return std::nullopt;
    return Count(facts.years_of_use, "year", "years") + " of use";
  }
  if (f == "prior_episodes") {
    if (facts.prior_episodes < t) return std::nullopt;
    return Count(facts.prior_episodes, "prior episode", "prior episodes");
  }
  if (f == "unemployed") {
    if (!facts.employed || *facts.employed) return std::nullopt;
    return "unemployed";
  }
  if (f == "no_family_support") {
    if (!facts.family_support || *facts.family_support) return std::nullopt;
    return "no family support";
  }
  if (f == "abstinent") {
    // A positive test in the last 6 months is evidence of use, whatever days_abstinent says.
    if (!facts.days_abstinent || *facts.days_abstinent < t || facts.positive_tests_6m > 0) {
      return std::nullopt;
    }
    return Count(*facts.days_abstinent, "day", "days") + " abstinent";
  }
  return std::nullopt;
}

RiskTier TierOf(const RiskModel& model, const RiskFacts& facts, int score) {
  if (score >= model.high_at) return RiskTier::kHigh;
  if (score >= model.medium_at) return RiskTier::kMedium;
  const bool long_abstinent =
      facts.days_abstinent && *facts.days_abstinent >= model.long_term_low_days;
  if (long_abstinent && facts.positive_tests_6m == 0) return RiskTier::kLongTermLow;
  return RiskTier::kLow;
}

IntervalRule Rule(RiskTier tier, EpisodeKind kind, std::array<int, 3> tests,
                  std::array<int, 3> contacts) {
  IntervalRule r;
  r.tier = tier;
  r.kind = kind;
  std::copy(tests.begin(), tests.end(), r.test_days);
  std::copy(contacts.begin(), contacts.end(), r.contact_days);
  return r;
}

}  // namespace

RiskModel DefaultRiskModel() {
  RiskModel m;
  m.version = 1;
  // The national scheme (2016) classes a serious breach and suicidal, self-harming or psychotic
  // behaviour as high whatever else is known: 80 points stay high even with the abstinence credit.
  m.rules = {
      {"serious_breach", 80, 1},   {"psychiatric_history", 80, 1},
      {"positive_test_6m", 40, 1}, {"refused_test_6m", 25, 1},
      {"craving", 20, 70},         {"missed_contacts", 15, 1},
      {"hard_substance", 10, 1},   {"years_of_use", 10, 10},
      {"prior_episodes", 10, 2},   {"unemployed", 5, 1},
      {"no_family_support", 5, 1}, {"abstinent", -20, 365},
  };
  m.high_at = 60;
  m.medium_at = 30;
  m.long_term_low_days = 3 * 365;
  m.hard_substances = {"海洛因", "冰毒", "麻果", "可卡因", "芬太尼", "依托咪酯"};
  return m;
}

RiskResult AssessRisk(const RiskModel& model, const RiskFacts& facts) {
  RiskResult result;
  for (const auto& rule : model.rules) {
    if (rule.points == 0) continue;
    auto detail = Evaluate(model, rule, facts);
    if (!detail) continue;
    result.score += rule.points;
    result.reasons.push_back({rule.factor, rule.points, std::move(*detail)});
  }
  // Stable: factors of equal weight stay in model order, so the list never shuffles.
  std::stable_sort(result.reasons.begin(), result.reasons.end(),
                   [](const RiskReason& a, const RiskReason& b) {
                     return std::abs(a.points) > std::abs(b.points);
                   });
  result.tier = TierOf(model, facts, result.score);
  return result;
}

std::vector<IntervalRule> DefaultIntervals() {
  using enum RiskTier;
  std::vector<IntervalRule> rules;
  for (const EpisodeKind kind :
       {EpisodeKind::kCommunityDetox, EpisodeKind::kCommunityRehab, EpisodeKind::kVoluntary}) {
    rules.push_back(Rule(kLow, kind, {30, 60, 90}, {30, 30, 30}));
    rules.push_back(Rule(kMedium, kind, {30, 30, 60}, {14, 30, 30}));
    rules.push_back(Rule(kHigh, kind, {15, 15, 30}, {7, 14, 14}));
    rules.push_back(Rule(kLongTermLow, kind, {90, 90, 90}, {90, 90, 90}));
  }
  const EpisodeKind aftercare = EpisodeKind::kAftercare;
  rules.push_back(Rule(kLow, aftercare, {0, 0, 0}, {30, 60, 90}));
  rules.push_back(Rule(kMedium, aftercare, {0, 0, 0}, {14, 30, 30}));
  rules.push_back(Rule(kHigh, aftercare, {0, 0, 0}, {7, 14, 14}));
  rules.push_back(Rule(kLongTermLow, aftercare, {0, 0, 0}, {30, 60, 90}));
  for (const RiskTier tier : {kLow, kMedium, kHigh, kLongTermLow}) {
    rules.push_back(Rule(tier, EpisodeKind::kCompulsoryIsolation, {0, 0, 0}, {0, 0, 0}));
  }
  return rules;
}

std::optional<IntervalRule> FindInterval(const std::vector<IntervalRule>& rules, RiskTier tier,
                                         EpisodeKind kind) {
  std::optional<IntervalRule> low;
  for (const auto& r : rules) {
    if (r.kind != kind) continue;
    if (r.tier == tier) return r;
    if (r.tier == RiskTier::kLow && !low) low = r;
  }
  return low;
}

bool LeavesDynamicControl(std::optional<int> days_abstinent, bool reachable) {
  return reachable && days_abstinent && *days_abstinent >= kDynamicControlAbstinentDays;
}

}  // namespace huigui
