// Province-wide admission allocation (统一调配, issue 4 §2): which compulsory isolation facility
// (强制隔离戒毒所) takes each pending admission.
//
// The allocation places everyone it can, respecting free beds and eligibility, and among those
// placements minimises total travel distance plus a configurable penalty for leaving the home
// region (city). It is solved exactly as a minimum-cost flow (LEMON's NetworkSimplex) over
// groups of interchangeable people, so the graph has a few thousand nodes however many people
// are pending. Every placement explains itself and every unplaced person is reported with the
// reason, by group.
//
// Pure: no I/O, no clock. The caller measures solve time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/enum_names.h"
#include "domain/person.h"
#include "domain/status.h"

namespace huigui {

// One person waiting to be admitted to compulsory isolation.
struct PendingAdmission {
  std::string id;
  Sex sex = Sex::kMale;
  int age = 18;             // whole years on the decision day
  std::string home_county;  // county code, e.g. "420102"
  std::string home_region;  // city code the county belongs to, e.g. "420100"
  double home_lat = 0;      // the home county's seat, degrees
  double home_lon = 0;
  int medical_needs = 0;                // 0 none, 1 chronic illness, 2 serious illness or psychosis
  bool pregnant = false;                // (law) not eligible
  bool nursing_infant_under_1 = false;  // (law) nursing her own infant under 1: not eligible
};

// 男子 / 女子 / 未成年 facility: informational, eligibility comes from the fields below.
enum class FacilityKind { kMen, kWomen, kJuvenile };
inline constexpr EnumNames<FacilityKind, 3> kFacilityKindNames{{
    {FacilityKind::kMen, "men"},
    {FacilityKind::kWomen, "women"},
    {FacilityKind::kJuvenile, "juvenile"},
}};

// One facility's free beds now and whom it may take.
struct FacilityCapacity {
  std::string code;
  double lat = 0;
  double lon = 0;
  std::string region;  // city code
  int free_beds = 0;
  bool accepts_male = true;
  bool accepts_female = false;
  int min_age = 18;       // inclusive
  int max_age = 200;      // inclusive
  int medical_level = 0;  // highest medical need it can treat (0..2)
  FacilityKind kind = FacilityKind::kMen;
};

struct AllocationOptions {
  // Added to the distance of a placement outside the person's home region (configurable).
  int out_of_region_penalty_km = 100;
  // (law) compulsory isolation "may be waived" under 16: the decision maker's option.
  bool exclude_under_16 = true;
};

// Why a person or group may not go to a facility. The first three are the person's own (law),
// the last three are the facility's.
enum class EligibilityRule {
  kPregnant,
  kNursingInfant,
  kUnder16,
  kSexNotAccepted,
  kAgeOutOfRange,
  kMedicalLevel,
};
inline constexpr EnumNames<EligibilityRule, 6> kEligibilityRuleNames{{
    {EligibilityRule::kPregnant, "pregnant"},
    {EligibilityRule::kNursingInfant, "nursing_infant_under_1"},
    {EligibilityRule::kUnder16, "under_16_excluded"},
    {EligibilityRule::kSexNotAccepted, "sex_not_accepted"},
    {EligibilityRule::kAgeOutOfRange, "age_out_of_range"},
    {EligibilityRule::kMedicalLevel, "medical_level_too_low"},
}};

// The rules `person` breaks for `facility` under `options`; empty means eligible.
std::vector<EligibilityRule> EligibilityFailures(const PendingAdmission& person,
                                                 const FacilityCapacity& facility,
                                                 const AllocationOptions& options);

// Great-circle distance in whole metres (haversine, mean Earth radius 6,371.0088 km).
std::int64_t GreatCircleMetres(double lat1, double lon1, double lat2, double lon2);

// People who are interchangeable for the allocation: same sex, age band, home county (and so
// region and coordinates), medical needs and legal exclusion. Age bands are cut at every
// facility's age limits and at 16, so everyone in a group is eligible for the same facilities.
struct AdmissionGroup {
  Sex sex = Sex::kMale;
  int age_from = 0;  // inclusive band of ages present
  int age_to = 0;    // inclusive
  std::string home_county;
  std::string home_region;
  double home_lat = 0;
  double home_lon = 0;
  int medical_needs = 0;
  bool pregnant = false;
  bool nursing_infant_under_1 = false;
  std::vector<std::string> admission_ids;  // input order
  int size() const { return static_cast<int>(admission_ids.size()); }
};

// An eligible group → facility pair and what one placement on it costs.
struct AllocationArc {
  int group = 0;     // index into AllocationModel::groups
  int facility = 0;  // index into AllocationModel::facilities
  std::int64_t distance_m = 0;
  std::int64_t cost = 0;  // distance_m plus the penalty in metres when out of region
};

// The grouped transportation problem, exactly what the solver (and the benchmark's LP) solves:
// minimise sum(cost * x) + unplaced_cost * sum(unplaced) subject to group supply and beds.
struct AllocationModel {
  std::vector<AdmissionGroup> groups;        // sorted by (county, sex, age band, needs, exclusion)
  std::vector<FacilityCapacity> facilities;  // input order
  std::vector<AllocationArc> arcs;           // by group, then facility
  // Great-circle metres from each home county to each facility, row-major (one row of
  // facilities per distinct home, in group order), eligible or not: explanations compare
  // against all of them. Group g's row is distance_row[g].
  std::vector<std::int64_t> distance_m;
  std::vector<int> distance_row;
  // Cost of leaving one person unplaced: larger than any change in placement cost one more
  // placement can cause, so the optimum places as many people as possible first.
  std::int64_t unplaced_cost = 0;
  AllocationOptions options;
};

// Groups the admissions and lists the eligible arcs. InvalidArgument names every bad field
// (duplicate or empty facility code, negative beds, coordinates out of range, needs not 0..2,
// empty or duplicate admission id, negative penalty).
Result<AllocationModel> BuildAllocationModel(const std::vector<PendingAdmission>& admissions,
                                             const std::vector<FacilityCapacity>& facilities,
                                             const AllocationOptions& options);

// A facility nearer than the chosen one, and why it was not used.
enum class NotChosenReason {
  kIneligible,   // the rules in `rules`
  kFull,         // eligible, but its beds are all taken by the optimal assignment
  kOutOfRegion,  // eligible with beds left, but distance plus the region penalty is not lower
};
inline constexpr EnumNames<NotChosenReason, 3> kNotChosenReasonNames{{
    {NotChosenReason::kIneligible, "ineligible"},
    {NotChosenReason::kFull, "full"},
    {NotChosenReason::kOutOfRegion, "out_of_region_penalty"},
}};

struct NearerFacility {
  std::string facility_code;
  std::int64_t distance_m = 0;
  NotChosenReason reason = NotChosenReason::kFull;
  std::vector<EligibilityRule> rules;  // when ineligible
};

// `count` people of group `group` go to `facility_code`.
struct Placement {
  int group = 0;
  std::string facility_code;
  int count = 0;
  std::int64_t distance_m = 0;  // per person
  std::int64_t cost = 0;        // per person: distance plus penalty when out of region
  bool out_of_region = false;
  // The nearest facility overall and the nearest eligible one, when nearer than the chosen
  // facility (at most two entries, nearest first).
  std::vector<NearerFacility> nearer;
  std::string explanation;  // English, e.g. "84.2 km; nearer F03 (12.0 km) full"
};

enum class UnplacedReason {
  kNoEligibleFacility,  // `rules` say why, with how many facilities each rule excludes
  kCapacityExhausted,   // eligible facilities exist, their beds are all taken
};
inline constexpr EnumNames<UnplacedReason, 2> kUnplacedReasonNames{{
    {UnplacedReason::kNoEligibleFacility, "no_eligible_facility"},
    {UnplacedReason::kCapacityExhausted, "capacity_exhausted"},
}};

struct RuleCount {
  EligibilityRule rule = EligibilityRule::kSexNotAccepted;
  int facilities = 0;  // how many facilities the rule excludes the group from
};

struct Unplaced {
  int group = 0;
  int count = 0;
  UnplacedReason reason = UnplacedReason::kCapacityExhausted;
  std::vector<RuleCount> rules;  // for kNoEligibleFacility, in rule order
  std::string explanation;
};

struct AllocationResult {
  std::vector<AdmissionGroup> groups;
  std::vector<Placement> placements;  // by group, then facility input order
  std::vector<Unplaced> unplaced;     // by group
  int placed = 0;
  int unplaced_total = 0;
  std::int64_t placement_cost = 0;  // sum of count * cost over placements, metres
  std::int64_t distance_m = 0;      // sum of count * distance, metres
  // placement_cost + unplaced_total * unplaced_cost: the objective the model minimises.
  std::int64_t objective = 0;
};

// Solves `model` exactly. Internal only if the solver reports the (always feasible) model
// infeasible or unbounded, which would be a bug.
Result<AllocationResult> SolveAllocation(const AllocationModel& model);

// BuildAllocationModel then SolveAllocation.
Result<AllocationResult> Allocate(const std::vector<PendingAdmission>& admissions,
                                  const std::vector<FacilityCapacity>& facilities,
                                  const AllocationOptions& options);

}  // namespace huigui
