#include "domain/allocation.h"

// LEMON is the one header dependency of src/domain beyond the standard library, allowed for
// this solver alone: network simplex is the exact, fast algorithm for min-cost flow, LEMON is a
// Debian package (liblemon-dev) used header-only, and writing our own would be a large body of
// subtle code to test. Under -std=c++20 only part of LEMON compiles: graph maps whose value
// type is a class use lemon::ArrayMap, which calls std::allocator::construct/destroy (removed
// in C++20), and so does StaticDigraph (CostScaling's default). NetworkSimplex over
// SmartDigraph with arithmetic maps compiles cleanly; keep to that (docs/architecture.md).
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace huigui {
namespace {

constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kPi = 3.14159265358979323846;
constexpr int kMaxMedicalLevel = 2;

double Radians(double degrees) { return degrees * kPi / 180.0; }

bool Accepts(const FacilityCapacity& f, Sex sex) {
  return sex == Sex::kMale ? f.accepts_male : f.accepts_female;
}

// Eligibility failures as a bit set over EligibilityRule: the hot loop (every group against
// every facility) allocates nothing; vectors are made only for what is reported.
using RuleMask = unsigned;
RuleMask Bit(EligibilityRule rule) { return 1U << static_cast<unsigned>(rule); }

// The person's own exclusions (law and the decision maker's option).
RuleMask PersonalExclusions(bool pregnant, bool nursing, int age,
                            const AllocationOptions& options) {
  RuleMask m = 0;
  if (pregnant) m |= Bit(EligibilityRule::kPregnant);
  if (nursing) m |= Bit(EligibilityRule::kNursingInfant);
  if (options.exclude_under_16 && age < 16) m |= Bit(EligibilityRule::kUnder16);
  return m;
}

RuleMask FacilityFailures(Sex sex, int age, int needs, const FacilityCapacity& f) {
  RuleMask m = 0;
  if (!Accepts(f, sex)) m |= Bit(EligibilityRule::kSexNotAccepted);
  if (age < f.min_age || age > f.max_age) m |= Bit(EligibilityRule::kAgeOutOfRange);
  if (needs > f.medical_level) m |= Bit(EligibilityRule::kMedicalLevel);
  return m;
}

RuleMask GroupFailures(const AdmissionGroup& g, const FacilityCapacity& f,
                       const AllocationOptions& options) {
  return PersonalExclusions(g.pregnant, g.nursing_infant_under_1, g.age_from, options) |
         FacilityFailures(g.sex, g.age_from, g.medical_needs, f);
}

std::vector<EligibilityRule> Rules(RuleMask mask) {
  std::vector<EligibilityRule> rules;
  for (const auto& [rule, name] : kEligibilityRuleNames) {
    if ((mask & Bit(rule)) != 0) rules.push_back(rule);
  }
  return rules;
}

// "84.2 km": metres to kilometres with one decimal, rounded half up.
std::string Km(std::int64_t metres) {
  const std::int64_t tenths = (metres + 50) / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " km";
}

std::string RuleList(const std::vector<EligibilityRule>& rules) {
  std::string out;
  for (const EligibilityRule r : rules) {
    if (!out.empty()) out += ", ";
    out += NameOf(kEligibilityRuleNames, r);
  }
  return out;
}

// Age bands: cut at 16 (the waiver), 18 (adulthood) and every facility's limits, so the
// members of one band are eligible for exactly the same facilities.
std::vector<int> AgeCuts(const std::vector<FacilityCapacity>& facilities) {
  std::set<int> cuts{16, 18};
  for (const auto& f : facilities) {
    cuts.insert(f.min_age);
    cuts.insert(f.max_age + 1);
  }
  return {cuts.begin(), cuts.end()};
}

int AgeBand(const std::vector<int>& cuts, int age) {
  return static_cast<int>(std::upper_bound(cuts.begin(), cuts.end(), age) - cuts.begin());
}

bool BadLatLon(double lat, double lon) {
  return !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180);
}

void ValidateFacilities(const std::vector<FacilityCapacity>& facilities, FieldErrors& errors) {
  std::set<std::string> codes;
  for (std::size_t i = 0; i < facilities.size(); ++i) {
    const auto& f = facilities[i];
    auto at = [i](const char* field) { return "facilities[" + std::to_string(i) + "]." + field; };
    if (f.code.empty()) errors.Add(at("code"), "required", "facility code is empty");
    if (!f.code.empty() && !codes.insert(f.code).second) {
      errors.Add(at("code"), "unique", "duplicate facility code " + f.code);
    }
    if (f.free_beds < 0) errors.Add(at("free_beds"), "non_negative", "must be 0 or more");
    if (BadLatLon(f.lat, f.lon)) errors.Add(at("lat"), "range", "coordinates out of range");
    if (f.min_age > f.max_age) errors.Add(at("min_age"), "range", "min_age above max_age");
    if (f.medical_level < 0 || f.medical_level > kMaxMedicalLevel) {
      errors.Add(at("medical_level"), "range", "must be 0, 1 or 2");
    }
  }
}

// Field names are built only for errors: this runs over every pending admission.
void ValidateAdmissions(const std::vector<PendingAdmission>& admissions, FieldErrors& errors) {
  std::unordered_set<std::string_view> ids;
  ids.reserve(admissions.size());
  for (std::size_t i = 0; i < admissions.size(); ++i) {
    const auto& p = admissions[i];
    auto at = [i](const char* field) { return "admissions[" + std::to_string(i) + "]." + field; };
    if (p.id.empty()) errors.Add(at("id"), "required", "admission id is empty");
    if (!p.id.empty() && !ids.insert(p.id).second) {
      errors.Add(at("id"), "unique", "duplicate admission id " + p.id);
    }
    if (p.age < 0) errors.Add(at("age"), "non_negative", "must be 0 or more");
    if (BadLatLon(p.home_lat, p.home_lon)) {
      errors.Add(at("home_lat"), "range", "coordinates out of range");
    }
    if (p.medical_needs < 0 || p.medical_needs > kMaxMedicalLevel) {
      errors.Add(at("medical_needs"), "range", "must be 0, 1 or 2");
    }
    if (p.sex == Sex::kMale && (p.pregnant || p.nursing_infant_under_1)) {
      errors.Add(at("pregnant"), "female_only", "pregnant or nursing is recorded for a man");
    }
  }
}

Status Validate(const std::vector<PendingAdmission>& admissions,
                const std::vector<FacilityCapacity>& facilities, const AllocationOptions& options) {
  FieldErrors errors;
  if (options.out_of_region_penalty_km < 0) {
    errors.Add("out_of_region_penalty_km", "non_negative", "must be 0 or more");
  }
  ValidateFacilities(facilities, errors);
  ValidateAdmissions(admissions, errors);
  return errors.ToStatus();
}

// People are first keyed by integers (county, region, age band, needs, sex and exclusions), then
// groups are ordered by county code and the rest, so the output does not depend on input order.
std::vector<AdmissionGroup> GroupAdmissions(const std::vector<PendingAdmission>& admissions,
                                            const std::vector<FacilityCapacity>& facilities) {
  const std::vector<int> cuts = AgeCuts(facilities);
  std::unordered_map<std::string_view, int> county_index;
  std::map<std::array<int, 5>, std::size_t> group_of_key;
  std::vector<AdmissionGroup> groups;
  for (const auto& p : admissions) {
    const int county =
        county_index.try_emplace(p.home_county, static_cast<int>(county_index.size()))
            .first->second;
    // Region and coordinates are the county's; a county listed under two regions splits.
    const int region =
        county_index.try_emplace(p.home_region, static_cast<int>(county_index.size()))
            .first->second;
    const int flags =
        (p.sex == Sex::kFemale ? 4 : 0) | (p.pregnant ? 2 : 0) | (p.nursing_infant_under_1 ? 1 : 0);
    const std::array<int, 5> key{county, region, AgeBand(cuts, p.age), p.medical_needs, flags};
    auto [it, inserted] = group_of_key.try_emplace(key, groups.size());
    if (inserted) {
      AdmissionGroup g;
      g.sex = p.sex;
      g.age_from = p.age;
      g.age_to = p.age;
      g.home_county = p.home_county;
      g.home_region = p.home_region;
      g.home_lat = p.home_lat;
      g.home_lon = p.home_lon;
      g.medical_needs = p.medical_needs;
      g.pregnant = p.pregnant;
      g.nursing_infant_under_1 = p.nursing_infant_under_1;
      groups.push_back(std::move(g));
    }
    AdmissionGroup& g = groups[it->second];
    g.age_from = std::min(g.age_from, p.age);
    g.age_to = std::max(g.age_to, p.age);
    g.admission_ids.push_back(p.id);
  }
  std::vector<std::size_t> order(groups.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto rank = [&](std::size_t i) {
    const AdmissionGroup& g = groups[i];
    return std::tie(g.home_county, g.home_region, g.sex, g.age_from, g.medical_needs, g.pregnant,
                    g.nursing_infant_under_1);
  };
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
  std::vector<AdmissionGroup> sorted;
  sorted.reserve(groups.size());
  for (const std::size_t i : order) sorted.push_back(std::move(groups[i]));
  return sorted;
}

std::vector<RuleCount> CountRules(const AdmissionGroup& g,
                                  const std::vector<FacilityCapacity>& facilities,
                                  const AllocationOptions& options) {
  std::vector<RuleCount> out;
  for (const auto& [rule, name] : kEligibilityRuleNames) {
    int n = 0;
    for (const auto& f : facilities) {
      if ((GroupFailures(g, f, options) & Bit(rule)) != 0) ++n;
    }
    if (n > 0) out.push_back({rule, n});
  }
  return out;
}

std::string UnplacedText(const Unplaced& u, std::size_t facility_count) {
  if (u.reason == UnplacedReason::kCapacityExhausted) {
    return "every eligible facility is full";
  }
  if (facility_count == 0) return "no facility";
  std::string out = "no eligible facility:";
  for (const auto& rc : u.rules) {
    out += " " + std::string(NameOf(kEligibilityRuleNames, rc.rule)) + " (" +
           std::to_string(rc.facilities) + "/" + std::to_string(facility_count) + ")";
  }
  return out;
}

std::int64_t PenaltyMetres(const AllocationOptions& options) {
  return static_cast<std::int64_t>(options.out_of_region_penalty_km) * 1000;
}

// Fills `p.nearer` and `p.explanation` for a placement of group `g` on facility `chosen`:
// the nearest facility if nearer than the chosen one, and the nearest eligible one if nearer.
void Explain(const AllocationModel& model, const std::vector<int>& beds_left, int g, int chosen,
             Placement& p) {
  const auto& group = model.groups[g];
  const auto& facilities = model.facilities;
  const auto facility_count = static_cast<int>(facilities.size());
  const std::int64_t* distance = &model.distance_m[static_cast<std::size_t>(g) * facility_count];
  std::vector<int> nearer;
  for (int f = 0; f < facility_count; ++f) {
    if (distance[f] < p.distance_m) nearer.push_back(f);
  }
  std::stable_sort(nearer.begin(), nearer.end(),
                   [&](int a, int b) { return distance[a] < distance[b]; });
  p.explanation = Km(p.distance_m) + " from " + group.home_county + " to " +
                  facilities[chosen].code + (p.out_of_region ? " (outside home region)" : "");
  bool named_ineligible = false;
  for (const int f : nearer) {
    const RuleMask failures = GroupFailures(group, facilities[f], model.options);
    if (failures != 0 && named_ineligible) continue;
    NearerFacility n;
    n.facility_code = facilities[f].code;
    n.distance_m = distance[f];
    const std::string head = "; nearer " + n.facility_code + " (" + Km(n.distance_m) + ") ";
    if (failures != 0) {
      n.reason = NotChosenReason::kIneligible;
      n.rules = Rules(failures);
      named_ineligible = true;
      p.explanation += head + "not eligible: " + RuleList(n.rules);
      p.nearer.push_back(std::move(n));
      continue;
    }
    if (beds_left[f] == 0) {
      n.reason = NotChosenReason::kFull;
      p.explanation += head + "full after the optimal assignment";
    } else {
      // Optimality: a nearer eligible facility with beds left costs no less, so it lies outside
      // the home region while the chosen one is inside.
      n.reason = NotChosenReason::kOutOfRegion;
      p.explanation += head + "outside home region, cost with penalty " +
                       Km(distance[f] + PenaltyMetres(model.options));
    }
    p.nearer.push_back(std::move(n));
    return;
  }
}

}  // namespace

std::vector<EligibilityRule> EligibilityFailures(const PendingAdmission& person,
                                                 const FacilityCapacity& facility,
                                                 const AllocationOptions& options) {
  return Rules(
      PersonalExclusions(person.pregnant, person.nursing_infant_under_1, person.age, options) |
      FacilityFailures(person.sex, person.age, person.medical_needs, facility));
}

std::int64_t GreatCircleMetres(double lat1, double lon1, double lat2, double lon2) {
  const double dlat = Radians(lat2 - lat1);
  const double dlon = Radians(lon2 - lon1);
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(Radians(lat1)) * std::cos(Radians(lat2)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  const double c = 2 * std::atan2(std::sqrt(a), std::sqrt(1 - a));
  return std::llround(kEarthRadiusKm * c * 1000.0);
}

Result<AllocationModel> BuildAllocationModel(const std::vector<PendingAdmission>& admissions,
                                             const std::vector<FacilityCapacity>& facilities,
                                             const AllocationOptions& options) {
  if (Status s = Validate(admissions, facilities, options); !s.ok()) return s;
  AllocationModel model;
  model.options = options;
  model.facilities = facilities;
  model.groups = GroupAdmissions(admissions, facilities);
  const std::size_t facility_count = facilities.size();
  model.distance_m.resize(model.groups.size() * facility_count);
  std::int64_t max_cost = 1;
  for (std::size_t g = 0; g < model.groups.size(); ++g) {
    const auto& group = model.groups[g];
    std::int64_t* distance = &model.distance_m[g * facility_count];
    // Groups are ordered by county: its distances are computed once and copied.
    const bool same_place = g > 0 && model.groups[g - 1].home_lat == group.home_lat &&
                            model.groups[g - 1].home_lon == group.home_lon;
    for (std::size_t f = 0; f < facility_count; ++f) {
      const auto& fac = facilities[f];
      distance[f] = same_place
                        ? distance[f - facility_count]
                        : GreatCircleMetres(group.home_lat, group.home_lon, fac.lat, fac.lon);
      if (GroupFailures(group, fac, options) != 0) continue;
      AllocationArc arc;
      arc.group = static_cast<int>(g);
      arc.facility = static_cast<int>(f);
      arc.distance_m = distance[f];
      arc.cost = arc.distance_m + (fac.region == group.home_region ? 0 : PenaltyMetres(options));
      max_cost = std::max(max_cost, arc.cost);
      model.arcs.push_back(arc);
    }
  }
  // An augmenting path that places one more person crosses at most min(groups, facilities)
  // placement arcs, so its cost change is below this bound: maximum placement comes first.
  const auto hops = static_cast<std::int64_t>(std::min(model.groups.size(), facility_count));
  model.unplaced_cost = max_cost * (hops + 1) + 1;
  return model;
}

namespace {

// SolveAllocation without copying the groups into the result (Allocate moves them).
Result<AllocationResult> SolveWithoutGroups(const AllocationModel& model) {
  using Graph = lemon::SmartDigraph;
  Graph graph;
  const int group_count = static_cast<int>(model.groups.size());
  const int facility_count = static_cast<int>(model.facilities.size());
  graph.reserveNode(group_count + facility_count + 1);
  graph.reserveArc(static_cast<int>(model.arcs.size()) + group_count + facility_count);
  std::vector<Graph::Node> group_nodes;
  std::vector<Graph::Node> facility_nodes;
  group_nodes.reserve(group_count);
  facility_nodes.reserve(facility_count);
  for (int g = 0; g < group_count; ++g) group_nodes.push_back(graph.addNode());
  for (int f = 0; f < facility_count; ++f) facility_nodes.push_back(graph.addNode());
  const Graph::Node sink = graph.addNode();

  // Groups supply their people; each person reaches the sink through a facility (its beds are
  // the facility → sink capacity) or through the group's unplaced arc at unplaced_cost.
  std::vector<Graph::Arc> placement_arcs;
  placement_arcs.reserve(model.arcs.size());
  for (const auto& a : model.arcs) {
    placement_arcs.push_back(graph.addArc(group_nodes[a.group], facility_nodes[a.facility]));
  }
  std::vector<Graph::Arc> unplaced_arcs;
  unplaced_arcs.reserve(group_count);
  for (int g = 0; g < group_count; ++g) {
    unplaced_arcs.push_back(graph.addArc(group_nodes[g], sink));
  }
  std::vector<Graph::Arc> bed_arcs;
  bed_arcs.reserve(facility_count);
  for (int f = 0; f < facility_count; ++f) {
    bed_arcs.push_back(graph.addArc(facility_nodes[f], sink));
  }

  Graph::ArcMap<std::int64_t> upper(graph);
  Graph::ArcMap<std::int64_t> cost(graph);
  Graph::NodeMap<std::int64_t> supply(graph, 0);
  for (std::size_t i = 0; i < model.arcs.size(); ++i) {
    upper[placement_arcs[i]] = model.groups[model.arcs[i].group].size();
    cost[placement_arcs[i]] = model.arcs[i].cost;
  }
  std::int64_t total = 0;
  for (int g = 0; g < group_count; ++g) {
    upper[unplaced_arcs[g]] = model.groups[g].size();
    cost[unplaced_arcs[g]] = model.unplaced_cost;
    supply[group_nodes[g]] = model.groups[g].size();
    total += model.groups[g].size();
  }
  for (int f = 0; f < facility_count; ++f) {
    upper[bed_arcs[f]] = model.facilities[f].free_beds;
    cost[bed_arcs[f]] = 0;
  }
  supply[sink] = -total;

  lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t> solver(graph);
  solver.upperMap(upper).costMap(cost).supplyMap(supply);
  if (solver.run() != decltype(solver)::OPTIMAL) {
    return Status::Internal("allocation: min-cost flow not optimal (a bug: the model always is)");
  }

  AllocationResult result;
  std::vector<int> beds_left(facility_count);
  for (int f = 0; f < facility_count; ++f) beds_left[f] = model.facilities[f].free_beds;
  for (std::size_t i = 0; i < model.arcs.size(); ++i) {
    beds_left[model.arcs[i].facility] -= static_cast<int>(solver.flow(placement_arcs[i]));
  }

  std::size_t next_arc = 0;
  for (int g = 0; g < group_count; ++g) {
    const auto& group = model.groups[g];
    bool has_arc = false;
    for (; next_arc < model.arcs.size() && model.arcs[next_arc].group == g; ++next_arc) {
      has_arc = true;
      const auto& a = model.arcs[next_arc];
      const auto count = static_cast<int>(solver.flow(placement_arcs[next_arc]));
      if (count == 0) continue;
      Placement p;
      p.group = g;
      p.facility_code = model.facilities[a.facility].code;
      p.count = count;
      p.distance_m = a.distance_m;
      p.cost = a.cost;
      p.out_of_region = model.facilities[a.facility].region != group.home_region;
      Explain(model, beds_left, g, a.facility, p);
      result.placed += count;
      result.placement_cost += a.cost * count;
      result.distance_m += a.distance_m * count;
      result.placements.push_back(std::move(p));
    }
    const auto left = static_cast<int>(solver.flow(unplaced_arcs[g]));
    if (left == 0) continue;
    Unplaced u;
    u.group = g;
    u.count = left;
    if (has_arc) {
      u.reason = UnplacedReason::kCapacityExhausted;
    } else {
      u.reason = UnplacedReason::kNoEligibleFacility;
      u.rules = CountRules(group, model.facilities, model.options);
    }
    u.explanation = UnplacedText(u, model.facilities.size());
    result.unplaced_total += left;
    result.unplaced.push_back(std::move(u));
  }
  result.objective = result.placement_cost + result.unplaced_total * model.unplaced_cost;
  return result;
}

}  // namespace

Result<AllocationResult> SolveAllocation(const AllocationModel& model) {
  Result<AllocationResult> result = SolveWithoutGroups(model);
  if (result.ok()) result->groups = model.groups;
  return result;
}

Result<AllocationResult> Allocate(const std::vector<PendingAdmission>& admissions,
                                  const std::vector<FacilityCapacity>& facilities,
                                  const AllocationOptions& options) {
  Result<AllocationModel> model = BuildAllocationModel(admissions, facilities, options);
  if (!model.ok()) return model.status();
  Result<AllocationResult> result = SolveWithoutGroups(*model);
  if (result.ok()) result->groups = std::move(model->groups);
  return result;
}

}  // namespace huigui
