#include "domain/assessment.h"

#include <gtest/gtest.h>

#include <string>

namespace huigui {
namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

AssessmentSubmission ValidSubmission() {
  AssessmentSubmission s;
  s.kind = "comprehensive_after_one_year";
  s.date = D(2027, 5, 20);
  s.detox_items = {20, 20, 20, 20, 20};
  s.physical_mental = "pass";
  s.behaviour = "pass";
  s.social_environment = "good";
  return s;
}

Assessment Passing(AssessmentKind kind, SocialEnvironment environment) {
  Assessment a;
  a.kind = kind;
  a.date = D(2027, 5, 20);
  a.detox_items = {20, 20, 20, 20, 20};
  a.physical_mental = PassFail::kPass;
  a.behaviour = PassFail::kPass;
  a.social_environment = environment;
  return a;
}

TEST(AssessmentTest, WireNamesRoundTrip) {
  for (const auto& [kind, name] : kAssessmentKindNames) {
    EXPECT_EQ(ParseName(kAssessmentKindNames, name), kind);
  }
  EXPECT_EQ(NameOf(kDetoxItemNames, DetoxItem::kNoDrugInducedPsychosis),
            "no_drug_induced_psychosis");
  EXPECT_EQ(NameOf(kExpiryRecommendationNames, ExpiryRecommendation::kCommunityRehab),
            "community_rehab");
  // ReadAssessment names items by position in kDetoxItemNames: the table is in enum order.
  for (std::size_t i = 0; i < kDetoxItemCount; ++i) {
    EXPECT_EQ(static_cast<std::size_t>(kDetoxItemNames[i].first), i);
  }
}

TEST(AssessmentTest, ReadsAValidSubmission) {
  const Result<Assessment> r = ReadAssessment(ValidSubmission(), D(2027, 5, 20));
  ASSERT_TRUE(r.ok()) << r.status().detail();
  EXPECT_EQ(r->kind, AssessmentKind::kComprehensiveAfterOneYear);
  EXPECT_EQ(r->date, D(2027, 5, 20));
  EXPECT_EQ(r->detox_items[0], 20);
  EXPECT_EQ(r->physical_mental, PassFail::kPass);
  EXPECT_EQ(r->behaviour, PassFail::kPass);
  EXPECT_EQ(r->social_environment, SocialEnvironment::kGood);
}

TEST(AssessmentTest, ValidationNamesEveryBadField) {
  AssessmentSubmission s = ValidSubmission();
  s.kind = "annual";
  s.date = D(2027, 5, 21);
  s.detox_items = {20, 10, std::nullopt, 0, 100};
  s.physical_mental = "ok";
  s.behaviour = "PASS";
  s.social_environment = "excellent";
  const Result<Assessment> r = ReadAssessment(s, D(2027, 5, 20));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  const auto& e = r.status().errors();
  ASSERT_EQ(e.size(), 8u);
  EXPECT_EQ(e[0].field, "kind");
  EXPECT_EQ(e[0].rule, "one_of");
  EXPECT_NE(e[0].message.find("end_of_detox_stage"), std::string::npos);
  EXPECT_EQ(e[1].field, "date");
  EXPECT_EQ(e[1].rule, "not_in_future");
  EXPECT_EQ(e[2].field, "detox_items.off_withdrawal_medication");
  EXPECT_EQ(e[2].rule, "item_points");
  EXPECT_EQ(e[3].field, "detox_items.acute_withdrawal_resolved");
  EXPECT_EQ(e[3].rule, "required");
  EXPECT_EQ(e[4].field, "detox_items.no_drug_induced_psychosis");
  EXPECT_EQ(e[4].rule, "item_points");
  EXPECT_EQ(e[5].field, "physical_mental");
  EXPECT_EQ(e[6].field, "behaviour");  // names are case-sensitive
  EXPECT_EQ(e[7].field, "social_environment");
  EXPECT_EQ(e[7].rule, "one_of");
}

TEST(AssessmentTest, DateIsRequiredAndTodayIsAllowed) {
  AssessmentSubmission s = ValidSubmission();
  s.date.reset();
  const Result<Assessment> missing = ReadAssessment(s, D(2027, 5, 20));
  ASSERT_FALSE(missing.ok());
  ASSERT_EQ(missing.status().errors().size(), 1u);
  EXPECT_EQ(missing.status().errors()[0].field, "date");
  EXPECT_EQ(missing.status().errors()[0].rule, "required");
  EXPECT_TRUE(ReadAssessment(ValidSubmission(), D(2027, 5, 20)).ok());
}

TEST(AssessmentTest, DetoxPassesOnlyWithEveryItemByDefault) {
  const AssessmentPolicy policy;
  Assessment a = Passing(AssessmentKind::kEndOfDetoxStage, SocialEnvironment::kGood);
  AssessmentOutcome out = EvaluateAssessment(a, policy);
  EXPECT_EQ(out.detox_score, 100);
  EXPECT_EQ(out.detox, PassFail::kPass);
  EXPECT_EQ(out.overall, PassFail::kPass);

  a.detox_items[static_cast<std::size_t>(DetoxItem::kNegativeTest)] = 0;
  out = EvaluateAssessment(a, policy);
  EXPECT_EQ(out.detox_score, 80);
  EXPECT_EQ(out.detox, PassFail::kFail);
  EXPECT_EQ(out.overall, PassFail::kFail);

  AssessmentPolicy lenient;
  lenient.detox_pass_score = 80;
  EXPECT_EQ(EvaluateAssessment(a, lenient).detox, PassFail::kPass);
  a.detox_items[1] = 0;  // 60
  EXPECT_EQ(EvaluateAssessment(a, lenient).detox, PassFail::kFail);
}

TEST(AssessmentTest, OverallNeedsDetoxPhysicalMentalAndBehaviourButNotEnvironment) {
  const AssessmentPolicy policy;
  Assessment a = Passing(AssessmentKind::kIntake, SocialEnvironment::kAverage);
  EXPECT_EQ(EvaluateAssessment(a, policy).overall, PassFail::kPass);
  a.physical_mental = PassFail::kFail;
  EXPECT_EQ(EvaluateAssessment(a, policy).overall, PassFail::kFail);
  a.physical_mental = PassFail::kPass;
  a.behaviour = PassFail::kFail;
  EXPECT_EQ(EvaluateAssessment(a, policy).overall, PassFail::kFail);
}

TEST(AssessmentTest, EarlyReleaseProposableOnlyAfterAPassingComprehensiveAssessment) {
  const AssessmentPolicy policy;
  Assessment a = Passing(AssessmentKind::kComprehensiveAfterOneYear, SocialEnvironment::kAverage);
  AssessmentOutcome out = EvaluateAssessment(a, policy);
  EXPECT_TRUE(out.early_release_proposable);
  EXPECT_FALSE(out.recommendation.has_value());

  a.behaviour = PassFail::kFail;
  EXPECT_FALSE(EvaluateAssessment(a, policy).early_release_proposable);

  for (const auto kind :
       {AssessmentKind::kIntake, AssessmentKind::kEndOfDetoxStage, AssessmentKind::kBeforeExpiry}) {
    SCOPED_TRACE(std::string(NameOf(kAssessmentKindNames, kind)));
    EXPECT_FALSE(EvaluateAssessment(Passing(kind, SocialEnvironment::kGood), policy)
                     .early_release_proposable);
  }
}

TEST(AssessmentTest, BeforeExpiryRecommendationDefaults) {
  const AssessmentPolicy policy;
  EXPECT_EQ(
      EvaluateAssessment(Passing(AssessmentKind::kBeforeExpiry, SocialEnvironment::kGood), policy)
          .recommendation,
      ExpiryRecommendation::kRelease);
  EXPECT_EQ(EvaluateAssessment(Passing(AssessmentKind::kBeforeExpiry, SocialEnvironment::kAverage),
                               policy)
                .recommendation,
            ExpiryRecommendation::kCommunityRehab);
  Assessment failed = Passing(AssessmentKind::kBeforeExpiry, SocialEnvironment::kGood);
  failed.detox_items[4] = 0;
  const AssessmentOutcome out = EvaluateAssessment(failed, policy);
  EXPECT_EQ(out.overall, PassFail::kFail);
  EXPECT_EQ(out.recommendation, ExpiryRecommendation::kExtension);
  EXPECT_FALSE(out.early_release_proposable);
}

TEST(AssessmentTest, BeforeExpiryRecommendationIsConfigurable) {
  AssessmentPolicy policy;
  policy.on_pass_average_environment = ExpiryRecommendation::kRelease;
  policy.on_fail = ExpiryRecommendation::kCommunityRehab;
  EXPECT_EQ(EvaluateAssessment(Passing(AssessmentKind::kBeforeExpiry, SocialEnvironment::kAverage),
                               policy)
                .recommendation,
            ExpiryRecommendation::kRelease);
  Assessment failed = Passing(AssessmentKind::kBeforeExpiry, SocialEnvironment::kAverage);
  failed.behaviour = PassFail::kFail;
  EXPECT_EQ(EvaluateAssessment(failed, policy).recommendation,
            ExpiryRecommendation::kCommunityRehab);
}

// Decided 13 May 2026, admitted the next day, term "13 May 2026 to 12 May 2028".
TEST(AssessmentTest, DueDatesFromAdmissionDecisionAndPlannedEnd) {
  const AssessmentPolicy policy;
  const AssessmentDueDates due =
      ComputeAssessmentDueDates(D(2026, 5, 13), D(2026, 5, 14), D(2028, 5, 12), policy);
  EXPECT_EQ(due.intake, D(2026, 5, 14));
  EXPECT_EQ(due.end_of_detox_stage, D(2026, 6, 13));  // 30 days, admission day not counted
  EXPECT_EQ(due.comprehensive_after_one_year, D(2027, 5, 13));
  EXPECT_EQ(due.before_expiry, D(2028, 4, 12));
  EXPECT_EQ(due.For(AssessmentKind::kBeforeExpiry), D(2028, 4, 12));
  EXPECT_EQ(due.For(AssessmentKind::kIntake), D(2026, 5, 14));
}

TEST(AssessmentTest, DueDatesFollowPolicyEscapesAndLeapDays) {
  AssessmentPolicy policy;
  policy.detox_stage_days = 15;
  policy.before_expiry_days = 45;
  const AssessmentDueDates due =
      ComputeAssessmentDueDates(D(2024, 2, 29), D(2024, 2, 29), D(2026, 3, 10), policy, 10);
  EXPECT_EQ(due.end_of_detox_stage, D(2024, 3, 15));
  // The anniversary of 29 February is 28 February in 2025; ten escaped days push it back.
  EXPECT_EQ(due.comprehensive_after_one_year, D(2025, 3, 10));
  EXPECT_EQ(due.before_expiry, D(2026, 1, 24));
}

}  // namespace
}  // namespace huigui
