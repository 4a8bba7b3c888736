// Facilities and their capacity (issue 4 §1): the profile (kind, sexes and ages taken, beds,
// medical capability, location) and the capacity view — occupancy, admissions and releases by
// month, and the releases expected in the next six months from planned ends.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "domain/org_unit.h"
#include "domain/status.h"
#include "domain/zone.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/facility_repository.h"
#include "store/placement_repository.h"

namespace huigui::app {

struct CapacityView {
  OrgUnit facility;
  std::optional<store::FacilityProfile> profile;
  int occupied = 0;
  std::map<std::string, int> admissions, releases, expected;  // by "YYYY-MM"
  store::Occupancy occupancy;         // persons by zone and unit, and the unplaced
  std::vector<store::UnitRow> units;  // the facility's units, by code
};

// One facility of GET /facilities: what it is and how full.
struct FacilitySummary {
  OrgUnit facility;
  std::optional<store::FacilityProfile> profile;
  int occupied = 0;
  store::Occupancy occupancy;
  int units = 0;
};

// A unit as created or changed: name and officers (usernames of officers of the facility).
struct UnitInput {
  std::string code;
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> officers;
};

// A move as posted on an episode.
struct PlacementInput {
  Zone zone = Zone::kDetox;
  std::string unit_code;
  Date date;
  std::string reason;
};

struct PlacementResult {
  store::PlacementRow placement;
  MoveKind kind = MoveKind::kFirst;
};

// The placements of a person, newest first, and where they are now: the open compulsory
// isolation episode they are admitted on (episode id, facility, admission date) and its latest
// placement in that facility, if any.
struct PersonPlacements {
  std::vector<store::PlacementRow> history;
  std::optional<int64_t> episode_id;
  std::optional<std::string> facility_code;
  std::optional<Date> admitted_on;
  std::optional<store::PlacementRow> current;
};

class FacilityService {
 public:
  FacilityService(store::Database& db, const store::KeyRing& keys) : db_(db), keys_(keys) {}

  Result<store::FacilityProfile> Profile(const RequestContext& ctx, const std::string& code);
  // Directors and administrators maintain profiles of facilities in their scope.
  Result<store::FacilityProfile> PutProfile(const RequestContext& ctx, const std::string& code,
                                            const store::FacilityProfile& profile);
  Result<CapacityView> Capacity(const RequestContext& ctx, const std::string& code);
  // Facilities in the actor's scope with profile and occupancy (aggregates, not audited).
  Result<std::vector<FacilitySummary>> List(const RequestContext& ctx);

  // --- units and placements (facility_units.cc)
  Result<std::vector<store::UnitRow>> Units(const RequestContext& ctx, const std::string& code);
  // Directors and facility officers whose scope holds the facility create and change its units.
  Result<store::UnitRow> CreateUnit(const RequestContext& ctx, const std::string& facility,
                                    const UnitInput& unit);
  Result<store::UnitRow> UpdateUnit(const RequestContext& ctx, const std::string& facility,
                                    const UnitInput& unit);
  // A move into a zone and unit on an admitted compulsory isolation episode (rules: zone.h).
  Result<PlacementResult> Place(const RequestContext& ctx, int64_t episode_id,
                                const PlacementInput& input);
  // Audited read of a person's placements.
  Result<PersonPlacements> Placements(const RequestContext& ctx, int64_t person_id);

 private:
  store::Database& db_;
  const store::KeyRing& keys_;
};

// Field rules of a profile.
Status ValidateFacilityProfile(const store::FacilityProfile& profile);

}  // namespace huigui::app
