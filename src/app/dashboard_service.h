// The province dashboard (issue 5 §2, §4): every person-level indicator of an org unit's subtree
// and of each child over a period, the 12-month trend and the survival of two groups, computed
// from the live indicator projection (store/indicator_projection.h) in one pass over the persons
// the subtree indexes. Analysts get aggregates with small cells withheld (complementary
// suppression across each column and within each row's rate pairs); every read is audited.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "domain/dashboard.h"
#include "domain/status.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/indicator_projection.h"

namespace huigui::app {

struct DashboardQuery {
  std::optional<std::string> org_unit;  // the caller's unit when absent
  Date from;
  Date to;
};

struct DashboardAnswer {
  DashboardFigures figures;
  std::string name;
  bool aggregates_only = false;
  // Withheld field names (UnitFigures members, e.g. "released"): per child, then the total.
  std::vector<std::set<std::string>> unit_withheld;
  std::vector<std::set<std::string>> month_withheld;  // MonthFigures members
  std::vector<bool> survival_withheld;
};

class DashboardService {
 public:
  DashboardService(store::Database& db, const store::KeyRing& keys,
                   store::IndicatorProjection& projection)
      : db_(db), keys_(keys), projection_(projection) {}

  Result<DashboardAnswer> Dashboard(const RequestContext& ctx, const DashboardQuery& query);

 private:
  store::Database& db_;
  const store::KeyRing& keys_;
  store::IndicatorProjection& projection_;
};

// The person counts of a unit row by field name, in the order the suppression table uses.
std::vector<std::pair<std::string, int>> UnitCells(const UnitFigures& u);

}  // namespace huigui::app
