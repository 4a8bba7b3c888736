// Storage of the province-wide admission allocation (统一调配): the needs recorded on a pending
// admission, county-seat coordinates, and solved proposals with their groups, outcomes and
// per-person items.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/civil_time.h"

namespace huigui::store {

// What the deciding police unit recorded about a pending admission (defaults when none).
struct AdmissionNeeds {
  int medical_needs = 0;  // 0 none, 1 chronic illness, 2 serious illness or psychosis
  bool pregnant = false;
  bool nursing_infant_under_1 = false;
  std::string recorded_by;  // empty when never recorded
  std::string updated_at;
};

// A compulsory isolation episode that is open and has no admit action: decided, not admitted.
struct PendingRow {
  int64_t episode_id = 0;
  int64_t person_id = 0;
  std::string alias;
  std::string sex;
  int birth_year = 0;
  std::string home_path;  // materialised path of the person's home org unit
  std::string org_code;   // the facility (or unit) the decision named
  AdmissionNeeds needs;
};

struct LocationRow {
  int64_t org_unit_id = 0;
  std::string code;
  std::string kind;
  std::string path;
  double latitude = 0;
  double longitude = 0;
};

// A facility in scope that has a profile.
struct FacilityRow {
  int64_t org_unit_id = 0;
  std::string code;
  std::string name;
  std::string path;
};

struct ProposalRow {
  int64_t id = 0;
  int64_t scope_org_id = 0;
  std::string scope_code;
  std::string status;  // proposed, approved
  int out_of_region_penalty_km = 0;
  bool exclude_under_16 = true;
  int pending = 0, placed = 0, unplaced = 0, out_of_region = 0;
  int64_t distance_m = 0, placement_cost = 0, objective = 0;
  double solve_ms = 0;
  std::string created_by, created_at;
  std::optional<std::string> approved_by, approved_at;
};

struct ProposalFacilityRow {
  int64_t org_unit_id = 0;
  std::string code, name, region;
  int beds = 0, occupied = 0, free_beds = 0;
};

struct ProposalGroupRow {
  int group_no = 0;
  std::string sex;
  int age_from = 0, age_to = 0;
  std::string home_county, home_region, home_county_name;
  int medical_needs = 0;
  bool pregnant = false, nursing_infant_under_1 = false;
  int size = 0;
};

// A placement of part of a group (facility set) or its unplaced rest (reason set).
struct OutcomeRow {
  int group_no = 0;
  std::optional<int64_t> facility_org_id;
  std::string facility_code;  // empty when unplaced
  int count = 0;
  int64_t distance_m = 0, cost = 0;
  bool out_of_region = false;
  std::string nearer;  // JSON array
  std::optional<std::string> reason;
  std::string rules;  // JSON array
  std::string explanation;
};

struct ItemRow {
  int64_t episode_id = 0, person_id = 0;
  std::string alias;
  int group_no = 0;
  std::optional<int64_t> facility_org_id;
  std::string facility_code;  // empty when unplaced
  int64_t distance_m = 0, cost = 0;
  bool out_of_region = false;
  std::string explanation;
};

class AllocationRepository {
 public:
  explicit AllocationRepository(soci::session& sql) : sql_(sql) {}

  void PutNeeds(int64_t episode_id, const AdmissionNeeds& needs, Timestamp now);
  std::optional<AdmissionNeeds> FindNeeds(int64_t episode_id);

  void PutLocation(int64_t org_unit_id, double latitude, double longitude, Timestamp now);
  // Every recorded location, with the unit's code, kind and path.
  std::vector<LocationRow> Locations();

  // Pending admissions of persons in scope (kPersonInScope), by episode id.
  std::vector<PendingRow> Pending(const std::string& scope_path);
  // Facilities in the subtree with a profile, by code.
  std::vector<FacilityRow> FacilitiesInScope(const std::string& scope_path);

  int64_t InsertProposal(const ProposalRow& p);
  void InsertFacility(int64_t proposal_id, const ProposalFacilityRow& f);
  void InsertGroup(int64_t proposal_id, const ProposalGroupRow& g);
  void InsertOutcome(int64_t proposal_id, const OutcomeRow& o);
  void InsertItem(int64_t proposal_id, const ItemRow& i);

  // Proposals whose scope lies in `scope_path`, newest first.
  std::vector<ProposalRow> Proposals(const std::string& scope_path);
  std::optional<ProposalRow> FindProposal(int64_t id, const std::string& scope_path);
  std::vector<ProposalFacilityRow> Facilities(int64_t proposal_id);
  std::vector<ProposalGroupRow> Groups(int64_t proposal_id);
  std::vector<OutcomeRow> Outcomes(int64_t proposal_id);
  // Per-person rows, placed first (by facility code), then unplaced; all when limit < 0.
  std::vector<ItemRow> Items(int64_t proposal_id, int limit, int offset);
  int CountItems(int64_t proposal_id);
  // Marks a proposed proposal approved; false when it was not (still) proposed.
  bool MarkApproved(int64_t id, const std::string& by, Timestamp at);

 private:
  soci::session& sql_;
};

}  // namespace huigui::store
