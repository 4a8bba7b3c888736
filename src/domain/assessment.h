// Diagnostic assessment (诊断评估, domain.md §4) of a person in compulsory isolation: its four
// parts, the overall result, what it makes proposable, and when each assessment is due.
//
// The four parts (national 强制隔离戒毒诊断评估办法): physiological detox (生理脱毒), physical and
// mental rehabilitation (身心康复) and behaviour (行为表现) are pass/fail; social environment and
// adaptability (社会环境与适应能力) is good/average. Physiological detox is scored as 5 items × 20
// points (local, Beijing 实施细则): each item is met (20) or not (0).
//
// Every number and rule marked "configurable default" lives in AssessmentPolicy, which the app
// loads from settings so an administrator changes it without a rebuild.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "domain/civil_time.h"
#include "domain/enum_names.h"
#include "domain/status.h"

namespace huigui {

enum class AssessmentKind {
  kIntake,                     // 入所调查评估, on the day of admission
  kEndOfDetoxStage,            // 生理脱毒阶段性评价
  kComprehensiveAfterOneYear,  // 一年后综合诊断评估: basis for proposing early release
  kBeforeExpiry,               // 期满前综合诊断评估: release, extension or community rehab
};
inline constexpr EnumNames<AssessmentKind, 4> kAssessmentKindNames{{
    {AssessmentKind::kIntake, "intake"},
    {AssessmentKind::kEndOfDetoxStage, "end_of_detox_stage"},
    {AssessmentKind::kComprehensiveAfterOneYear, "comprehensive_after_one_year"},
    {AssessmentKind::kBeforeExpiry, "before_expiry"},
}};

enum class PassFail { kPass, kFail };  // 合格 / 不合格
inline constexpr EnumNames<PassFail, 2> kPassFailNames{{
    {PassFail::kPass, "pass"},
    {PassFail::kFail, "fail"},
}};

enum class SocialEnvironment { kGood, kAverage };  // 良好 / 一般
inline constexpr EnumNames<SocialEnvironment, 2> kSocialEnvironmentNames{{
    {SocialEnvironment::kGood, "good"},
    {SocialEnvironment::kAverage, "average"},
}};

// The five scored items of physiological detox, each worth kDetoxItemPoints when met.
enum class DetoxItem {
  kNegativeTest,                  // 毒品检测结果呈阴性
  kOffWithdrawalMedication,       // 停止使用控制或缓解戒断症状的药物
  kAcuteWithdrawalResolved,       // 急性戒断症状完全消除
  kNoMarkedProtractedWithdrawal,  // 未出现明显稽延性戒断症状
  kNoDrugInducedPsychosis,  // 未出现因吸毒导致的明显精神症状 (or prior disorder controlled)
};
inline constexpr std::size_t kDetoxItemCount = 5;
inline constexpr EnumNames<DetoxItem, kDetoxItemCount> kDetoxItemNames{{
    {DetoxItem::kNegativeTest, "negative_test"},
    {DetoxItem::kOffWithdrawalMedication, "off_withdrawal_medication"},
    {DetoxItem::kAcuteWithdrawalResolved, "acute_withdrawal_resolved"},
    {DetoxItem::kNoMarkedProtractedWithdrawal, "no_marked_protracted_withdrawal"},
    {DetoxItem::kNoDrugInducedPsychosis, "no_drug_induced_psychosis"},
}};
inline constexpr int kDetoxItemPoints = 20;

// What the facility recommends before expiry (期满前).
enum class ExpiryRecommendation {
  kRelease,         // 按期解除
  kExtension,       // 延长强制隔离戒毒期限 (proposal; the deciding authority decides)
  kCommunityRehab,  // 责令社区康复 recommendation
};
inline constexpr EnumNames<ExpiryRecommendation, 3> kExpiryRecommendationNames{{
    {ExpiryRecommendation::kRelease, "release"},
    {ExpiryRecommendation::kExtension, "extension"},
    {ExpiryRecommendation::kCommunityRehab, "community_rehab"},
}};

// The configurable defaults.
struct AssessmentPolicy {
  // Physiological detox passes when the item score is at least this. Default 100: every item
  // met. Each Beijing item is itself 合格/不合格 and the national standard lists the five as
  // conditions that all hold, and a lower default such as 80 would pass a person whose drug
  // test is positive. A province that allows one unmet item sets 80.
  int detox_pass_score = 100;
  // The end-of-detox-stage assessment is due this many days after admission (the day of
  // admission not counted). Default 30: the detox zone's usual stay.
  int detox_stage_days = 30;
  // The before-expiry assessment is due this many days before the planned end of the term,
  // leaving time for an extension proposal and the 7-day decision before the term ends.
  int before_expiry_days = 30;
  // Before expiry: what each outcome recommends. Defaults: a failing assessment → extension
  // (proposable); passing with an average social environment → community rehabilitation
  // (support on return); passing with a good one → release.
  ExpiryRecommendation on_fail = ExpiryRecommendation::kExtension;
  ExpiryRecommendation on_pass_average_environment = ExpiryRecommendation::kCommunityRehab;
  ExpiryRecommendation on_pass_good_environment = ExpiryRecommendation::kRelease;
};

// An assessment as submitted. Enumerated parts arrive as their wire names so that validation
// can name a bad value; ReadAssessment turns a valid submission into an Assessment.
struct AssessmentSubmission {
  std::string kind;                                             // kAssessmentKindNames
  std::optional<Date> date;                                     // required
  std::array<std::optional<int>, kDetoxItemCount> detox_items;  // DetoxItem order; 0 or 20
  std::string physical_mental;                                  // kPassFailNames
  std::string behaviour;                                        // kPassFailNames
  std::string social_environment;                               // kSocialEnvironmentNames
};

struct Assessment {
  AssessmentKind kind = AssessmentKind::kIntake;
  Date date;
  std::array<int, kDetoxItemCount> detox_items{};  // DetoxItem order; each 0 or 20
  PassFail physical_mental = PassFail::kFail;
  PassFail behaviour = PassFail::kFail;
  SocialEnvironment social_environment = SocialEnvironment::kAverage;
};

// Validates every field and answers once, naming each bad one (InvalidArgument):
// kind, physical_mental, behaviour, social_environment [one_of] (must be one of the names);
// date [required, not_in_future]; detox_items.<item name> [required, item_points] (0 or 20).
Result<Assessment> ReadAssessment(const AssessmentSubmission& submission, Date today);

struct AssessmentOutcome {
  int detox_score = 0;  // sum of the items, 0..100
  PassFail detox = PassFail::kFail;
  // Pass when physiological detox, physical and mental rehabilitation and behaviour all pass.
  // Social environment does not decide it (it is good/average, not pass/fail); it shapes the
  // before-expiry recommendation.
  PassFail overall = PassFail::kFail;
  // comprehensive_after_one_year with an overall pass. The legal clock's own rules (one year
  // served, no escape, not re-committed after refusing rehab) still apply: ValidateAction in
  // legal_clock.h checks them when the proposal is recorded with assessment_passed.
  bool early_release_proposable = false;
  // before_expiry only.
  std::optional<ExpiryRecommendation> recommendation;
};

AssessmentOutcome EvaluateAssessment(const Assessment& assessment, const AssessmentPolicy& policy);

// The dates an episode's four assessments are due.
struct AssessmentDueDates {
  Date intake;                        // the admission day
  Date end_of_detox_stage;            // admission + detox_stage_days
  Date comprehensive_after_one_year;  // decision + 1 year + days escaped
  Date before_expiry;                 // planned_end - before_expiry_days

  Date For(AssessmentKind kind) const;
};

// `planned_end` is the clock's (legal_clock.h ClockState::planned_end: after escapes and
// extensions). One year counts from the decision like the term, so the comprehensive assessment
// is due on the anniversary, pushed back by the days spent escaped (they do not count); an
// anniversary on 29 February falls on 28 February in a common year (Date::AddYears).
AssessmentDueDates ComputeAssessmentDueDates(Date decision_date, Date admission_date,
                                             Date planned_end, const AssessmentPolicy& policy,
                                             int escaped_days = 0);

}  // namespace huigui
