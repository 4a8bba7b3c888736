// Outcome indicators of a release cohort (issue 5 §2), computed live from the indicator
// projection (store/indicator_projection.h, caught up with the database first) for an org
// subtree and release period: Kaplan–Meier estimates of staying abstinent (with the log-rank
// test between groups) and the abstinence maintenance rate with "three years abstinent without
// relapse". Each read is one transaction (catch-up, then memory), audited as an aggregate read
// (no person id). Analysts get aggregates with small cells suppressed (docs/security.md);
// roles that read persons see every figure in their scope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "domain/outcomes.h"
#include "domain/survival.h"
#include "domain/treatment.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/indicator_projection.h"

namespace huigui::app {

enum class IndicatorGrouping { kNone, kFacility, kProgramme, kSex, kReleaseYear };
inline constexpr EnumNames<IndicatorGrouping, 5> kIndicatorGroupingNames{{
    {IndicatorGrouping::kNone, "none"},
    {IndicatorGrouping::kFacility, "facility"},
    {IndicatorGrouping::kProgramme, "programme"},
    {IndicatorGrouping::kSex, "sex"},
    {IndicatorGrouping::kReleaseYear, "release_year"},
}};

struct IndicatorQuery {
  std::optional<std::string> org_unit;  // code; the caller's own unit when absent
  std::optional<Date> from;             // release period; default: `to` minus 4 years
  std::optional<Date> to;               // default: today
  IndicatorGrouping group_by = IndicatorGrouping::kNone;
  Programme programme = Programme::kSystematicDesensitisation;  // for kProgramme
};

// What every indicator answer states: the cohort it describes.
struct CohortHeader {
  std::string org_unit;
  Date from;
  Date to;
  Date as_of;  // today: open observation windows end here
  IndicatorGrouping group_by = IndicatorGrouping::kNone;
  std::optional<Programme> programme;
  bool aggregates_only = false;  // analyst: small cells suppressed
};

struct SurvivalGroupView {
  std::string label;   // facility name, else the group name
  int persons = 0;     // distinct persons (a person released twice counts once)
  int unobserved = 0;  // releases without evidence after release (censored at day 0)
  bool suppressed = false;
  GroupSurvival survival;  // only the name when suppressed
};

struct SurvivalIndicator {
  CohortHeader cohort;
  std::vector<SurvivalGroupView> groups;  // by name (byte order)
  std::optional<LogRankTest> logrank;     // over the groups shown
};

// Counts are nullopt when suppressed.
struct AbstinenceRow {
  std::string name;
  std::string label;
  bool suppressed = false;  // any figure of the row withheld
  std::optional<int> released;
  std::optional<int> reached;    // denominator of the rate
  std::optional<int> abstinent;  // numerator
  std::optional<double> rate;
  std::optional<int> three_years_eligible;   // released 1,095 days or more before today
  std::optional<int> three_years_abstinent;  // of those, abstinent 3 years without relapse
  std::optional<double> three_years_rate;
};

struct AbstinenceIndicator {
  CohortHeader cohort;
  std::vector<AbstinenceRow> groups;  // by name
  AbstinenceRow total;
};

class IndicatorService {
 public:
  IndicatorService(store::Database& db, const store::KeyRing& keys,
                   store::IndicatorProjection& projection)
      : db_(db), keys_(keys), projection_(projection) {}

  Result<SurvivalIndicator> Survival(const RequestContext& ctx, const IndicatorQuery& query);
  Result<AbstinenceIndicator> Abstinence(const RequestContext& ctx, const IndicatorQuery& query);

 private:
  store::Database& db_;
  const store::KeyRing& keys_;
  store::IndicatorProjection& projection_;
};

}  // namespace huigui::app
