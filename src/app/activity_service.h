// Activity indicators (issue 5 §2): for an org unit and a period, and for each of its children
// (drill-down), the testing rate and loss-of-supervision rate of persons under community
// measures, handover timeliness, aftercare contacts per person by kind, admissions and releases
// of compulsory isolation. Live from the indicator projection (caught up first), audited
// as an aggregate read; analysts get small cells withheld (docs/indicators.md).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "domain/activity.h"
#include "domain/status.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/indicator_projection.h"

namespace huigui::app {

struct ActivityQuery {
  std::optional<std::string> org_unit;  // the caller's unit when absent
  Date from;
  Date to;
};

// Counts are nullopt when withheld from an analyst.
struct ActivityRow {
  std::string code;  // the org unit; "" for the "elsewhere in the unit itself" row
  std::string name;
  bool suppressed = false;
  std::optional<int> under_measures;  // persons under community detox or rehabilitation
  std::optional<int> tested;          // of them, tested in the period
  std::optional<int> lost_contact;    // of them, with a lost-contact alert in the period
  std::optional<int> handovers_due;   // report-ins due in the period
  std::optional<int> handovers_on_time;
  std::optional<int> aftercare_persons;  // reached by aftercare stations
  std::optional<int> aftercare_contacts;
  std::map<std::string, int> aftercare_by_kind;  // empty when withheld
  std::optional<int> admissions;
  std::optional<int> releases;
};

struct ActivityIndicator {
  std::string org_unit;
  std::string name;
  Date from;
  Date to;
  bool aggregates_only = false;
  ActivityRow total;                  // the whole subtree
  std::vector<ActivityRow> children;  // each child's subtree, by code; then the unit's own row
};

class ActivityService {
 public:
  ActivityService(store::Database& db, const store::KeyRing& keys,
                  store::IndicatorProjection& projection)
      : db_(db), keys_(keys), projection_(projection) {}
  Result<ActivityIndicator> Activity(const RequestContext& ctx, const ActivityQuery& query);

 private:
  store::Database& db_;
  const store::KeyRing& keys_;
  store::IndicatorProjection& projection_;
};

}  // namespace huigui::app
