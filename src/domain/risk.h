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
//
// Default points (national 2016 scheme: a serious breach or suicidal, self-harming or psychotic
// behaviour alone makes high; a positive test alone makes medium): serious_breach 80,
// psychiatric_history 80, positive_test_6m 40 (>= 1), refused_test_6m 25 (>= 1), craving 20
// (VAS >= 70), missed_contacts 15 (>= 1), hard_substance 10, years_of_use 10 (>= 10 years),
// prior_episodes 10 (>= 2), unemployed 5, no_family_support 5, abstinent -20 (>= 365 days);
// high_at 60, medium_at 30. Hard substances: 海洛因 冰毒 麻果 可卡因 芬太尼 依托咪酯.
// The score is a plain sum; 80 points keep a serious breach or psychiatric history high even
// with the year's abstinence credit (80 - 20 = 60).
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

// Scoring contract:
// - Each rule with nonzero points whose condition holds adds its points. Counted factors hold
//   when the count is >= threshold; yes/no factors ignore the threshold. A rule may appear more
//   than once (graded thresholds); each occurrence scores on its own.
// - Unknown facts score nothing: craving, employed and family_support unset, and days_abstinent
//   unset (no evidence of use on record earns no abstinence credit, and no long-term low).
// - "abstinent" never scores while positive_tests_6m > 0 (a positive test is evidence of use
//   whatever days_abstinent says), so with the default model a positive test in the last 6
//   months never yields low.
// - Factor names this code does not know are ignored, not rejected: the model lives in the
//   database and may be newer than the running code. A typo in a factor name therefore scores
//   nothing silently; whoever edits models validates names against the list above.
// - Tier: score >= high_at → high; >= medium_at → medium; else low, which becomes long-term low
//   when days_abstinent >= long_term_low_days and positive_tests_6m == 0.
// - Reasons: every rule that scored, largest absolute points first, ties in model order.
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

// Default (test days / contact days for year 1, 2, 3+):
//   community_detox, community_rehab, voluntary:
//     low {30,60,90} / {30,30,30}; medium {30,30,60} / {14,30,30};
//     high {15,15,30} / {7,14,14}; long_term_low {90,90,90} / {90,90,90}
//   aftercare: no tests; contacts low and long_term_low {30,60,90}, medium {14,30,30},
//     high {7,14,14}
//   compulsory_isolation: none, every tier.

// The rule for a tier and kind, falling back to the kind's low-tier rule (the first one listed);
// nullopt when the kind has neither.
std::optional<IntervalRule> FindInterval(const std::vector<IntervalRule>& rules, RiskTier tier,
                                         EpisodeKind kind);

// Dynamic control (动态管控) ends after 3 years abstinent without relapse (禁毒法 /
// 吸毒成瘾认定办法).
// True when days_abstinent >= kDynamicControlAbstinentDays and the person is reachable; an
// unknown days_abstinent (no evidence of use on record) is not a proven 3 years.
bool LeavesDynamicControl(std::optional<int> days_abstinent, bool reachable);

// 3 × 365. days_abstinent is already a difference of dates (the day of the last use is not
// counted), so 3 years is 1095 days unless a 29 February falls inside; the count carries no
// calendar, and 1096 would make the common case (3 of 4 spans) wait a day past the anniversary.
// It also equals the default long_term_low_days, so a person who leaves dynamic control is
// long-term low on the same day, never one day apart.
inline constexpr int kDynamicControlAbstinentDays = 3 * 365;

}  // namespace huigui
