#include "store/assessment_repository.h"

#include <nlohmann/json.hpp>

namespace huigui::store {
namespace {

constexpr const char* kInsert =
    "INSERT INTO diagnostic_assessments (episode_id, kind, assessed_on, detox_items, "
    "physical_mental, behaviour, social_environment, detox_score, overall, recommendation, "
    "recorded_by, org_unit_id, created_at) VALUES (:e, :k, :d, :items, :pm, :b, :se, :score, :o, "
    ":r, :by, :org, :n) RETURNING id";
constexpr const char* kList =
    "SELECT a.id, a.kind, a.assessed_on, a.detox_items, a.physical_mental, a.behaviour, "
    "a.social_environment, a.detox_score, a.overall, COALESCE(a.recommendation, ''), "
    "a.recorded_by, o.code FROM diagnostic_assessments a JOIN org_units o ON o.id = a.org_unit_id "
    "WHERE a.episode_id = :e ORDER BY a.assessed_on, a.id";

constexpr const char* kKinds =
    "SELECT DISTINCT kind FROM diagnostic_assessments WHERE episode_id = :e";

}  // namespace

std::map<int64_t, std::vector<AssessmentKind>> AssessmentRepository::KindsOfEpisodes(
    const std::vector<int64_t>& ids) {
  std::map<int64_t, std::vector<AssessmentKind>> out;
  long long wanted = 0;
  std::string kind;
  soci::statement st = (sql_.prepare << kKinds, soci::use(wanted), soci::into(kind));
  for (int64_t e : ids) {
    wanted = e;
    auto& kinds = out[e];
    st.execute();
    while (st.fetch()) {
      if (auto k = ParseName(kAssessmentKindNames, kind)) kinds.push_back(*k);
    }
  }
  return out;
}

int64_t AssessmentRepository::Insert(int64_t episode_id, const Assessment& a,
                                     const AssessmentOutcome& outcome,
                                     const std::string& recorded_by, int64_t org_id,
                                     Timestamp now) {
  const long long e = episode_id, org = org_id;
  const std::string kind(NameOf(kAssessmentKindNames, a.kind));
  const std::string date = a.date.ToString(), n = now.ToString();
  const std::string items = nlohmann::json(a.detox_items).dump();
  const std::string pm(NameOf(kPassFailNames, a.physical_mental));
  const std::string b(NameOf(kPassFailNames, a.behaviour));
  const std::string se(NameOf(kSocialEnvironmentNames, a.social_environment));
  const std::string overall(NameOf(kPassFailNames, outcome.overall));
  const std::string rec =
      outcome.recommendation
          ? std::string(NameOf(kExpiryRecommendationNames, *outcome.recommendation))
          : "";
  soci::indicator ri = outcome.recommendation ? soci::i_ok : soci::i_null;
  long long id = 0;
  sql_ << kInsert, soci::use(e, "e"), soci::use(kind, "k"), soci::use(date, "d"),
      soci::use(items, "items"), soci::use(pm, "pm"), soci::use(b, "b"), soci::use(se, "se"),
      soci::use(outcome.detox_score, "score"), soci::use(overall, "o"), soci::use(rec, ri, "r"),
      soci::use(recorded_by, "by"), soci::use(org, "org"), soci::use(n, "n"), soci::into(id);
  return id;
}

std::vector<AssessmentRow> AssessmentRepository::List(int64_t episode_id) {
  const long long e = episode_id;
  long long id = 0;
  int score = 0;
  std::string kind, date, items, pm, b, se, overall, rec, by, code;
  soci::statement st =
      (sql_.prepare << kList, soci::use(e), soci::into(id), soci::into(kind), soci::into(date),
       soci::into(items), soci::into(pm), soci::into(b), soci::into(se), soci::into(score),
       soci::into(overall), soci::into(rec), soci::into(by), soci::into(code));
  st.execute();
  std::vector<AssessmentRow> out;
  while (st.fetch()) {
    AssessmentRow r;
    r.id = id;
    r.episode_id = episode_id;
    r.assessment.kind = ParseName(kAssessmentKindNames, kind).value_or(AssessmentKind::kIntake);
    r.assessment.date = Date::Parse(date).value_or(Date());
    const auto parsed = nlohmann::json::parse(items, nullptr, false);
    for (std::size_t i = 0; i < kDetoxItemCount && parsed.is_array() && i < parsed.size(); ++i) {
      r.assessment.detox_items[i] = parsed[i].get<int>();
    }
    r.assessment.physical_mental = ParseName(kPassFailNames, pm).value_or(PassFail::kFail);
    r.assessment.behaviour = ParseName(kPassFailNames, b).value_or(PassFail::kFail);
    r.assessment.social_environment =
        ParseName(kSocialEnvironmentNames, se).value_or(SocialEnvironment::kAverage);
    r.outcome.detox_score = score;
    r.outcome.overall = ParseName(kPassFailNames, overall).value_or(PassFail::kFail);
    r.outcome.recommendation = ParseName(kExpiryRecommendationNames, rec);
    r.recorded_by = by;
    r.org_code = code;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace huigui::store
