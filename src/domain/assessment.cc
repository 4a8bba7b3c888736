#include "domain/assessment.h"

#include <numeric>

#include "domain/legal_clock.h"

namespace huigui {
namespace {

// Parses `text` as one of `names`, adding a one_of error for `field` when it is not.
template <typename E, std::size_t N>
std::optional<E> ReadEnum(const EnumNames<E, N>& names, const std::string& text,
                          const std::string& field, FieldErrors& errors) {
  const std::optional<E> value = ParseName(names, text);
  if (!value) errors.Add(field, "one_of", "must be one of: " + AllowedNames(names));
  return value;
}

ExpiryRecommendation Recommend(PassFail overall, SocialEnvironment environment,
                               const AssessmentPolicy& policy) {
  if (overall == PassFail::kFail) return policy.on_fail;
  if (environment == SocialEnvironment::kGood) return policy.on_pass_good_environment;
  return policy.on_pass_average_environment;
}

}  // namespace

Result<Assessment> ReadAssessment(const AssessmentSubmission& submission, Date today) {
  FieldErrors errors;
  Assessment a;
  const auto kind = ReadEnum(kAssessmentKindNames, submission.kind, "kind", errors);
  if (!submission.date) {
    errors.Add("date", "required", "must be given");
  } else if (*submission.date > today) {
    errors.Add("date", "not_in_future", "must not be after today");
  }
  for (std::size_t i = 0; i < kDetoxItemCount; ++i) {
    const std::string field =
        "detox_items." + std::string(kDetoxItemNames[i].second);  // table is in DetoxItem order
    const std::optional<int>& points = submission.detox_items[i];
    if (!points) {
      errors.Add(field, "required", "must be given");
    } else if (*points != 0 && *points != kDetoxItemPoints) {
      errors.Add(field, "item_points", "must be 0 (not met) or 20 (met)");
    } else {
      a.detox_items[i] = *points;
    }
  }
  const auto physical_mental =
      ReadEnum(kPassFailNames, submission.physical_mental, "physical_mental", errors);
  const auto behaviour = ReadEnum(kPassFailNames, submission.behaviour, "behaviour", errors);
  const auto environment = ReadEnum(kSocialEnvironmentNames, submission.social_environment,
                                    "social_environment", errors);
  if (!errors.empty()) return errors.ToStatus();
  a.kind = *kind;
  a.date = *submission.date;
  a.physical_mental = *physical_mental;
  a.behaviour = *behaviour;
  a.social_environment = *environment;
  return a;
}

AssessmentOutcome EvaluateAssessment(const Assessment& assessment, const AssessmentPolicy& policy) {
  AssessmentOutcome out;
  out.detox_score =
      std::accumulate(assessment.detox_items.begin(), assessment.detox_items.end(), 0);
  out.detox = out.detox_score >= policy.detox_pass_score ? PassFail::kPass : PassFail::kFail;
  const bool all_pass = out.detox == PassFail::kPass &&
                        assessment.physical_mental == PassFail::kPass &&
                        assessment.behaviour == PassFail::kPass;
  out.overall = all_pass ? PassFail::kPass : PassFail::kFail;
  out.early_release_proposable =
      assessment.kind == AssessmentKind::kComprehensiveAfterOneYear && all_pass;
  if (assessment.kind == AssessmentKind::kBeforeExpiry) {
    out.recommendation = Recommend(out.overall, assessment.social_environment, policy);
  }
  return out;
}

Date AssessmentDueDates::For(AssessmentKind kind) const {
  switch (kind) {
    case AssessmentKind::kIntake:
      return intake;
    case AssessmentKind::kEndOfDetoxStage:
      return end_of_detox_stage;
    case AssessmentKind::kComprehensiveAfterOneYear:
      return comprehensive_after_one_year;
    case AssessmentKind::kBeforeExpiry:
      return before_expiry;
  }
  return intake;
}

AssessmentDueDates ComputeAssessmentDueDates(Date decision_date, Date admission_date,
                                             Date planned_end, const AssessmentPolicy& policy,
                                             int escaped_days) {
  AssessmentDueDates due;
  due.intake = admission_date;
  due.end_of_detox_stage = admission_date.AddDays(policy.detox_stage_days);
  due.comprehensive_after_one_year =
      decision_date.AddYears(kEarlyReleaseAfterYears).AddDays(escaped_days);
  due.before_expiry = planned_end.AddDays(-policy.before_expiry_days);
  return due;
}

}  // namespace huigui
