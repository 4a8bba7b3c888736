// Risk classification (风险分类评估, domain.md §6) and the test/contact schedule it drives.
//
// The scoring model is data (RiskModel), loaded from the database and changed by an
// administrator without a rebuild; AssessRisk is a pure function of the model and the facts, and
// says which factors produced the tier.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/civil_time.h"
#include "domain/enum_names.h"
#include "domain/episode.h"

namespace huigui {

enum class RiskTier { kHigh, kMedium, kLow, kLongTermLow };
inline constexpr EnumNames<RiskTier, 4> kRiskTierNames{{
    {RiskTier::kHigh, "high"},
    {RiskTier::kMedium, "medium"},
    {RiskTier::kLow, "low"},
    {RiskTier::kLongTermLow, "long_term_low"},
}};

// What the model scores, gathered by the store from the person's record on `today`.
struct RiskFacts {
  std::string primary_substance;  // e.g. 海洛因, 冰毒
  int years_of_use = 0;           // since first use, or registration when unknown
  int prior_episodes = 0;         // closed episodes of any kind
  int positive_tests_6m = 0;      // in the last 182 days
  int refused_or_missed_tests_6m = 0;
  int missed_contacts = 0;            // overdue contact obligations now
  std::optional<int> latest_craving;  // VAS 0–100, when assessed
  std::optional<bool> employed;
  std::optional<bool> family_support;
  bool psychiatric_history = false;   // suicidal, self-harming, psychotic behaviour
  std::optional<int> days_abstinent;  // since the last evidence of use; none: never used on record
  bool serious_breach = false;        // an open serious-breach alert
};

// One scored factor of the model: `points` when the condition holds.
struct RiskRule {
  std::string factor;  // stable name used in reasons, e.g. "positive_test_6m"
  int points = 0;
  // Numeric threshold for counted factors (e.g. >= 1 positive test, >= 70 craving); ignored by
  // yes/no factors.
  int threshold = 1;
};

struct RiskModel {
  int version = 1;
  std::vector<RiskRule> rules;
  int high_at = 60;    // score >= high_at → high
  int medium_at = 30;  // score >= medium_at → medium, else low
  // A low-risk person abstinent this long with no positive test becomes long-term low (C2).
  int long_term_low_days = 3 * 365;
  // Substances scored as "hard" (heroin, methamphetamine ...) by the "hard_substance" factor.
  std::vector<std::string> hard_substances;
};

// The default model (configurable): drug type, years of use, prior episodes, positive or refused
// tests in the last 6 months, missed contacts, latest craving, employment, family support,
// psychiatric history, time abstinent. Factor names:
// hard_substance, years_of_use (threshold years), prior_episodes (threshold count),
// positive_test_6m, refused_test_6m, missed_contacts, craving (threshold VAS), unemployed,
// no_family_support, psychiatric_history, serious_breach, abstinent (negative points, threshold
// days).
RiskModel DefaultRiskModel();

struct RiskReason {
  std::string factor;
  int points = 0;
  std::string detail;  // English, e.g. "2 positive tests in the last 6 months"
};

struct RiskResult {
  RiskTier tier = RiskTier::kLow;
  int score = 0;
  std::vector<RiskReason> reasons;  // every factor that scored, largest first
};

RiskResult AssessRisk(const RiskModel& model, const RiskFacts& facts);

// Required intervals for one tier and episode kind, by year of the episode (year 1, 2, 3+).
struct IntervalRule {
  RiskTier tier = RiskTier::kLow;
  EpisodeKind kind = EpisodeKind::kCommunityDetox;
  int test_days[3] = {30, 60, 90};     // 0: no test obligation
  int contact_days[3] = {30, 30, 30};  // 0: no contact obligation
};

// The configurable default: tests monthly in year 1, every 2 months in year 2, every 3 months
// in year 3; high risk tighter (tests every 15 days, contacts weekly in year 1); compulsory
// isolation has none (the facility sees the person daily); aftercare contacts only.
std::vector<IntervalRule> DefaultIntervals();

// The rule for a tier and kind, falling back to the kind's low-tier rule.
std::optional<IntervalRule> FindInterval(const std::vector<IntervalRule>& rules, RiskTier tier,
                                         EpisodeKind kind);

// Dynamic control (动态管控) ends after 3 years abstinent without relapse (禁毒法 /
// 吸毒成瘾认定办法).
bool LeavesDynamicControl(std::optional<int> days_abstinent, bool reachable);

}  // namespace huigui
