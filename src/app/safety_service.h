// The facility safety register and its streaks (六无, issue 4 §6): incidents recorded by facility
// officers and directors for facilities in their scope; streaks of complete calendar years free
// of all six categories and of each, per facility or for every facility in a subtree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "domain/org_unit.h"
#include "domain/safety.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/safety_repository.h"

namespace huigui::app {

struct SafetyView {
  OrgUnit org;
  int records_since = 0;
  SafetyRecord record;
  std::vector<std::pair<OrgUnit, SafetyRecord>> facilities;  // when org is not a facility
};

class SafetyService {
 public:
  SafetyService(store::Database& db, const store::KeyRing& keys) : db_(db), keys_(keys) {}

  // An escape may name the person; it then links the person's latest abscond action at that
  // facility (422 when there is none).
  Result<store::IncidentRow> Record(const RequestContext& ctx, const std::string& facility_code,
                                    store::IncidentRow incident);
  Result<std::vector<store::IncidentRow>> List(const RequestContext& ctx,
                                               const std::optional<std::string>& facility,
                                               const std::optional<SafetyCategory>& category);
  Result<SafetyView> Streaks(const RequestContext& ctx, const std::string& org_code);

  // The first year with complete records; a configurable default (settings "safety_records_since").
  static constexpr int kDefaultRecordsSince = 1990;

 private:
  store::Database& db_;
  const store::KeyRing& keys_;
};

}  // namespace huigui::app
