// Facilities and their capacity (issue 4 §1): the profile (kind, sexes and ages taken, beds,
// medical capability, location) and the capacity view — occupancy, admissions and releases by
// month, and the releases expected in the next six months from planned ends.
#pragma once

#include <map>
#include <string>

#include "app/request_context.h"
#include "domain/org_unit.h"
#include "domain/status.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/facility_repository.h"

namespace huigui::app {

struct CapacityView {
  OrgUnit facility;
  std::optional<store::FacilityProfile> profile;
  int occupied = 0;
  std::map<std::string, int> admissions, releases, expected;  // by "YYYY-MM"
};

class FacilityService {
 public:
  FacilityService(store::Database& db, const store::KeyRing& keys) : db_(db), keys_(keys) {}

  Result<store::FacilityProfile> Profile(const RequestContext& ctx, const std::string& code);
  // Directors and administrators maintain profiles of facilities in their scope.
  Result<store::FacilityProfile> PutProfile(const RequestContext& ctx, const std::string& code,
                                            const store::FacilityProfile& profile);
  Result<CapacityView> Capacity(const RequestContext& ctx, const std::string& code);

 private:
  store::Database& db_;
  const store::KeyRing& keys_;
};

// Field rules of a profile.
Status ValidateFacilityProfile(const store::FacilityProfile& profile);

}  // namespace huigui::app
