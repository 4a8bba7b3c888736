#include "domain/allocation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace huigui {
namespace {

// Every instance lies on the meridian 114°E, so a distance is the latitude difference times
// 111.195 km (R = 6,371.0088 km): easy to check by hand.
constexpr double kLon = 114.0;
constexpr std::int64_t kOneDegreeM = 111195;

PendingAdmission Man(const std::string& id, double lat, const std::string& county = "420102",
                     const std::string& region = "420100") {
  PendingAdmission p;
  p.id = id;
  p.sex = Sex::kMale;
  p.age = 30;
  p.home_county = county;
  p.home_region = region;
  p.home_lat = lat;
  p.home_lon = kLon;
  return p;
}

PendingAdmission Woman(const std::string& id, double lat, const std::string& county = "420102") {
  PendingAdmission p = Man(id, lat, county);
  p.sex = Sex::kFemale;
  return p;
}

FacilityCapacity MensFacility(const std::string& code, double lat, int beds,
                              const std::string& region = "420100") {
  FacilityCapacity f;
  f.code = code;
  f.lat = lat;
  f.lon = kLon;
  f.region = region;
  f.free_beds = beds;
  f.accepts_male = true;
  f.accepts_female = false;
  f.min_age = 18;
  f.max_age = 200;
  f.medical_level = 2;
  f.kind = FacilityKind::kMen;
  return f;
}

FacilityCapacity WomensFacility(const std::string& code, double lat, int beds) {
  FacilityCapacity f = MensFacility(code, lat, beds);
  f.accepts_male = false;
  f.accepts_female = true;
  f.kind = FacilityKind::kWomen;
  return f;
}

FacilityCapacity JuvenileFacility(const std::string& code, double lat, int beds) {
  FacilityCapacity f = MensFacility(code, lat, beds);
  f.accepts_female = true;
  f.min_age = 12;
  f.max_age = 17;
  f.kind = FacilityKind::kJuvenile;
  return f;
}

AllocationResult Solve(const std::vector<PendingAdmission>& people,
                       const std::vector<FacilityCapacity>& facilities,
                       const AllocationOptions& options = {}) {
  Result<AllocationResult> r = Allocate(people, facilities, options);
  EXPECT_TRUE(r.ok()) << r.status().detail();
  return r.ok() ? *r : AllocationResult{};
}

// How many people of the group containing `id` went to `facility`.
int PlacedAt(const AllocationResult& r, const std::string& id, const std::string& facility) {
  int n = 0;
  for (const auto& p : r.placements) {
    const auto& ids = r.groups[p.group].admission_ids;
    if (p.facility_code == facility && std::find(ids.begin(), ids.end(), id) != ids.end()) {
      n += p.count;
    }
  }
  return n;
}

const Placement* PlacementAt(const AllocationResult& r, const std::string& facility) {
  for (const auto& p : r.placements) {
    if (p.facility_code == facility) return &p;
  }
  return nullptr;
}

TEST(GreatCircle, OneDegreeOfLatitudeAndWuhanToBeijing) {
  EXPECT_EQ(GreatCircleMetres(30, kLon, 31, kLon), kOneDegreeM);
  EXPECT_EQ(GreatCircleMetres(30, kLon, 30, kLon), 0);
  // Wuhan to Beijing city centres: about 1,053 km as the crow flies.
  const std::int64_t wuhan_beijing = GreatCircleMetres(30.5928, 114.3055, 39.9042, 116.4074);
  EXPECT_GT(wuhan_beijing, 1'045'000);
  EXPECT_LT(wuhan_beijing, 1'060'000);
}

TEST(Allocation, BeatsGreedyNearest) {
  // A at 30°, B at 33°, one bed each. X lives at 31° (A 1°, B 2°), Y at 30° (A 0°, B 3°).
  // Greedy in input order sends X to A and Y to B: 1° + 3° = 4°. The optimum is Y→A, X→B: 2°.
  const auto r = Solve({Man("X", 31, "420103"), Man("Y", 30, "420104")},
                       {MensFacility("A", 30, 1), MensFacility("B", 33, 1)});
  EXPECT_EQ(r.placed, 2);
  EXPECT_EQ(r.unplaced_total, 0);
  EXPECT_EQ(PlacedAt(r, "Y", "A"), 1);
  EXPECT_EQ(PlacedAt(r, "X", "B"), 1);
  EXPECT_EQ(r.placement_cost, 2 * kOneDegreeM);  // 222,390 m
  EXPECT_EQ(r.placement_cost, GreatCircleMetres(31, kLon, 33, kLon));
  EXPECT_EQ(r.objective, r.placement_cost);
  // X's explanation names the nearer A and says it is full after the optimal assignment.
  const Placement* xb = PlacementAt(r, "B");
  ASSERT_NE(xb, nullptr);
  ASSERT_EQ(xb->nearer.size(), 1u);
  EXPECT_EQ(xb->nearer[0].facility_code, "A");
  EXPECT_EQ(xb->nearer[0].reason, NotChosenReason::kFull);
  EXPECT_EQ(xb->explanation,
            "222.4 km from 420103 to B; nearer A (111.2 km) full after the "
            "optimal assignment");
}

TEST(Allocation, PlacesEveryoneBeforeMinimisingDistance) {
  // Y (a woman) may only go to W; X may go to W (near) or M (far). Both beds are needed.
  const auto r = Solve({Man("X", 30), Woman("Y", 31)}, {[] {
                                                          FacilityCapacity w =
                                                              WomensFacility("W", 30, 1);
                                                          w.accepts_male = true;
                                                          return w;
                                                        }(),
                                                        MensFacility("M", 39, 1)});
  EXPECT_EQ(r.placed, 2);
  EXPECT_EQ(PlacedAt(r, "Y", "W"), 1);
  EXPECT_EQ(PlacedAt(r, "X", "M"), 1);
}

TEST(Allocation, RespectsCapacityAndFillsTheNearestFirst) {
  std::vector<PendingAdmission> people;
  for (int i = 0; i < 5; ++i) people.push_back(Man("P" + std::to_string(i), 30));
  const auto r = Solve(people, {MensFacility("NEAR", 30.5, 3), MensFacility("FAR", 32, 10)});
  ASSERT_EQ(r.groups.size(), 1u);
  ASSERT_EQ(r.placements.size(), 2u);
  EXPECT_EQ(r.placements[0].facility_code, "NEAR");
  EXPECT_EQ(r.placements[0].count, 3);
  EXPECT_TRUE(r.placements[0].nearer.empty());
  EXPECT_EQ(r.placements[1].facility_code, "FAR");
  EXPECT_EQ(r.placements[1].count, 2);
  EXPECT_EQ(r.placements[1].nearer.at(0).reason, NotChosenReason::kFull);
  EXPECT_EQ(r.placement_cost, 3 * GreatCircleMetres(30, kLon, 30.5, kLon) +
                                  2 * GreatCircleMetres(30, kLon, 32, kLon));
}

TEST(Eligibility, LawAndFacilityRules) {
  const AllocationOptions options;
  const FacilityCapacity women = WomensFacility("W", 30, 10);
  PendingAdmission p = Woman("P", 30);
  EXPECT_TRUE(EligibilityFailures(p, women, options).empty());

  p.pregnant = true;
  EXPECT_EQ(EligibilityFailures(p, women, options),
            std::vector<EligibilityRule>{EligibilityRule::kPregnant});
  p.pregnant = false;
  p.nursing_infant_under_1 = true;
  EXPECT_EQ(EligibilityFailures(p, women, options),
            std::vector<EligibilityRule>{EligibilityRule::kNursingInfant});

  const PendingAdmission man = Man("M", 30);
  EXPECT_EQ(EligibilityFailures(man, women, options),
            std::vector<EligibilityRule>{EligibilityRule::kSexNotAccepted});

  PendingAdmission sick = Man("S", 30);
  sick.medical_needs = 2;
  FacilityCapacity basic = MensFacility("B", 30, 10);
  basic.medical_level = 1;
  EXPECT_EQ(EligibilityFailures(sick, basic, options),
            std::vector<EligibilityRule>{EligibilityRule::kMedicalLevel});

  PendingAdmission boy = Man("J", 30);
  boy.age = 15;
  const FacilityCapacity juvenile = JuvenileFacility("J", 30, 10);
  EXPECT_EQ(EligibilityFailures(boy, juvenile, options),
            std::vector<EligibilityRule>{EligibilityRule::kUnder16});
  AllocationOptions keep_under_16;
  keep_under_16.exclude_under_16 = false;
  EXPECT_TRUE(EligibilityFailures(boy, juvenile, keep_under_16).empty());
  EXPECT_EQ(EligibilityFailures(boy, basic, keep_under_16),
            std::vector<EligibilityRule>{EligibilityRule::kAgeOutOfRange});
  boy.age = 17;
  EXPECT_TRUE(EligibilityFailures(boy, juvenile, options).empty());
  boy.age = 18;
  EXPECT_EQ(EligibilityFailures(boy, juvenile, options),
            std::vector<EligibilityRule>{EligibilityRule::kAgeOutOfRange});
}

TEST(Allocation, Under16FollowsTheDecisionMakersOption) {
  PendingAdmission boy = Man("J", 30);
  boy.age = 15;
  const std::vector<FacilityCapacity> facilities{MensFacility("M", 30, 5),
                                                 JuvenileFacility("JUV", 31, 5)};
  const auto excluded = Solve({boy}, facilities);
  EXPECT_EQ(excluded.placed, 0);
  ASSERT_EQ(excluded.unplaced.size(), 1u);
  EXPECT_EQ(excluded.unplaced[0].reason, UnplacedReason::kNoEligibleFacility);
  ASSERT_FALSE(excluded.unplaced[0].rules.empty());
  EXPECT_EQ(excluded.unplaced[0].rules[0].rule, EligibilityRule::kUnder16);
  EXPECT_EQ(excluded.unplaced[0].rules[0].facilities, 2);

  AllocationOptions keep;
  keep.exclude_under_16 = false;
  const auto placed = Solve({boy}, facilities, keep);
  EXPECT_EQ(placed.placed, 1);
  ASSERT_EQ(placed.placements.size(), 1u);
  EXPECT_EQ(placed.placements[0].facility_code, "JUV");  // juveniles go to juvenile facilities
  ASSERT_EQ(placed.placements[0].nearer.size(), 1u);
  EXPECT_EQ(placed.placements[0].nearer[0].facility_code, "M");
  EXPECT_EQ(placed.placements[0].nearer[0].reason, NotChosenReason::kIneligible);
  EXPECT_EQ(placed.placements[0].nearer[0].rules,
            std::vector<EligibilityRule>{EligibilityRule::kAgeOutOfRange});
  EXPECT_NE(placed.placements[0].explanation.find("nearer M (0.0 km) not eligible: "
                                                  "age_out_of_range"),
            std::string::npos)
      << placed.placements[0].explanation;
}

TEST(Allocation, PregnantAndNursingWomenAreReportedNotPlaced) {
  PendingAdmission pregnant = Woman("P", 30);
  pregnant.pregnant = true;
  PendingAdmission nursing = Woman("N", 30);
  nursing.nursing_infant_under_1 = true;
  const auto r = Solve({pregnant, nursing, Woman("W", 30)}, {WomensFacility("F", 30, 10)});
  EXPECT_EQ(r.placed, 1);
  EXPECT_EQ(r.unplaced_total, 2);
  ASSERT_EQ(r.unplaced.size(), 2u);
  std::vector<EligibilityRule> seen;
  for (const auto& u : r.unplaced) {
    EXPECT_EQ(u.reason, UnplacedReason::kNoEligibleFacility);
    ASSERT_EQ(u.rules.size(), 1u);
    EXPECT_EQ(u.rules[0].facilities, 1);
    seen.push_back(u.rules[0].rule);
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<EligibilityRule>{EligibilityRule::kPregnant,
                                                EligibilityRule::kNursingInfant}));
}

TEST(Allocation, ReportsSexAndMedicalRulesWhenNoFacilityFits) {
  PendingAdmission sick_woman = Woman("S", 30);
  sick_woman.medical_needs = 2;
  FacilityCapacity women = WomensFacility("W", 30, 5);
  women.medical_level = 1;
  const auto r = Solve({sick_woman}, {MensFacility("M1", 30, 5), MensFacility("M2", 31, 5), women});
  ASSERT_EQ(r.unplaced.size(), 1u);
  const Unplaced& u = r.unplaced[0];
  EXPECT_EQ(u.reason, UnplacedReason::kNoEligibleFacility);
  ASSERT_EQ(u.rules.size(), 2u);
  EXPECT_EQ(u.rules[0].rule, EligibilityRule::kSexNotAccepted);
  EXPECT_EQ(u.rules[0].facilities, 2);
  EXPECT_EQ(u.rules[1].rule, EligibilityRule::kMedicalLevel);
  EXPECT_EQ(u.rules[1].facilities, 1);
  EXPECT_EQ(u.explanation,
            "no eligible facility: sex_not_accepted (2/3) medical_level_too_low (1/3)");
}

TEST(Allocation, CapacityExhaustedIsCountedInTheObjective) {
  std::vector<PendingAdmission> women;
  for (int i = 0; i < 4; ++i) women.push_back(Woman("W" + std::to_string(i), 30));
  const auto r = Solve(women, {WomensFacility("F", 31, 3), MensFacility("M", 30, 50)});
  EXPECT_EQ(r.placed, 3);
  EXPECT_EQ(r.unplaced_total, 1);
  ASSERT_EQ(r.unplaced.size(), 1u);
  EXPECT_EQ(r.unplaced[0].reason, UnplacedReason::kCapacityExhausted);
  EXPECT_EQ(r.unplaced[0].count, 1);
  EXPECT_EQ(r.unplaced[0].explanation, "every eligible facility is full");
  EXPECT_EQ(r.placement_cost, 3 * kOneDegreeM);
  const Result<AllocationModel> model =
      BuildAllocationModel(women, {WomensFacility("F", 31, 3), MensFacility("M", 30, 50)}, {});
  ASSERT_TRUE(model.ok());
  EXPECT_GT(model->unplaced_cost, kOneDegreeM);
  EXPECT_EQ(r.objective, r.placement_cost + model->unplaced_cost);
}

TEST(Allocation, OutOfRegionPenaltyChangesTheChoice) {
  // Home region 420100 at 30°. OTHER (region 420200) is 0.5° away, HOME (420100) 1° away.
  const PendingAdmission p = Man("P", 30, "420102", "420100");
  const std::vector<FacilityCapacity> facilities{MensFacility("OTHER", 30.5, 5, "420200"),
                                                 MensFacility("HOME", 31, 5, "420100")};
  const auto with_penalty = Solve({p}, facilities);  // default 100 km: 55.6 + 100 > 111.2
  ASSERT_EQ(with_penalty.placements.size(), 1u);
  const Placement& home = with_penalty.placements[0];
  EXPECT_EQ(home.facility_code, "HOME");
  EXPECT_FALSE(home.out_of_region);
  ASSERT_EQ(home.nearer.size(), 1u);
  EXPECT_EQ(home.nearer[0].facility_code, "OTHER");
  EXPECT_EQ(home.nearer[0].reason, NotChosenReason::kOutOfRegion);

  AllocationOptions no_penalty;
  no_penalty.out_of_region_penalty_km = 0;
  const auto without = Solve({p}, facilities, no_penalty);
  ASSERT_EQ(without.placements.size(), 1u);
  EXPECT_EQ(without.placements[0].facility_code, "OTHER");
  EXPECT_TRUE(without.placements[0].out_of_region);
  EXPECT_EQ(without.placements[0].cost, without.placements[0].distance_m);

  AllocationOptions small_penalty;
  small_penalty.out_of_region_penalty_km = 50;  // 55.6 + 50 < 111.2: still OTHER
  const auto small = Solve({p}, facilities, small_penalty);
  EXPECT_EQ(small.placements.at(0).facility_code, "OTHER");
  EXPECT_EQ(small.placements.at(0).cost, small.placements.at(0).distance_m + 50'000);
}

TEST(Allocation, ExplanationNamesNearestAndNearestEligible) {
  // A man at 30°: the women's facility at 30.1° is nearest, the full men's at 30.5° next, and
  // he goes to the men's at 32°.
  std::vector<PendingAdmission> men{Man("A", 30), Man("B", 30)};
  const auto r = Solve(
      men, {WomensFacility("W", 30.1, 9), MensFacility("M1", 30.5, 1), MensFacility("M2", 32, 9)});
  const Placement* far = PlacementAt(r, "M2");
  ASSERT_NE(far, nullptr);
  ASSERT_EQ(far->nearer.size(), 2u);
  EXPECT_EQ(far->nearer[0].facility_code, "W");
  EXPECT_EQ(far->nearer[0].reason, NotChosenReason::kIneligible);
  EXPECT_EQ(far->nearer[1].facility_code, "M1");
  EXPECT_EQ(far->nearer[1].reason, NotChosenReason::kFull);
  EXPECT_EQ(far->explanation,
            "222.4 km from 420102 to M2; nearer W (11.1 km) not eligible: sex_not_accepted; "
            "nearer M1 (55.6 km) full after the optimal assignment");
}

TEST(Grouping, BandsFollowFacilityAgeLimitsAndSizesSumToInput) {
  std::vector<PendingAdmission> people;
  const int ages[] = {16, 17, 18, 40, 17, 65};
  for (int i = 0; i < 6; ++i) {
    PendingAdmission p = Man("P" + std::to_string(i), 30);
    p.age = ages[i];
    people.push_back(p);
  }
  PendingAdmission sick = Man("S", 30);
  sick.medical_needs = 1;
  people.push_back(sick);
  people.push_back(Woman("W", 30));
  people.push_back(Man("OTHER_COUNTY", 31, "420103"));

  const Result<AllocationModel> model = BuildAllocationModel(
      people, {MensFacility("M", 30, 100), JuvenileFacility("J", 30, 100)}, {});
  ASSERT_TRUE(model.ok());
  int total = 0;
  for (const auto& g : model->groups) total += g.size();
  EXPECT_EQ(total, static_cast<int>(people.size()));
  // 420102 men: 16–17 band (3), 18+ needs 0 (3), 18+ needs 1 (1); 420102 woman; 420103 man.
  ASSERT_EQ(model->groups.size(), 5u);
  const AdmissionGroup& juveniles = model->groups[0];
  EXPECT_EQ(juveniles.home_county, "420102");
  EXPECT_EQ(juveniles.sex, Sex::kMale);
  EXPECT_EQ(juveniles.size(), 3);
  EXPECT_EQ(juveniles.age_from, 16);
  EXPECT_EQ(juveniles.age_to, 17);
  EXPECT_EQ(model->groups[1].size(), 3);
  EXPECT_EQ(model->groups[1].age_from, 18);
  EXPECT_EQ(model->groups[1].age_to, 65);
  EXPECT_EQ(model->groups[2].medical_needs, 1);
  EXPECT_EQ(model->groups[3].sex, Sex::kFemale);
  EXPECT_EQ(model->groups[4].home_county, "420103");
  // Juveniles may only go to J; adults only to M.
  for (const auto& arc : model->arcs) {
    EXPECT_EQ(model->facilities[arc.facility].code, arc.group == 0 ? "J" : "M");
  }
}

TEST(Allocation, OutputDoesNotDependOnInputOrder) {
  std::vector<PendingAdmission> people;
  for (int i = 0; i < 40; ++i) {
    PendingAdmission p = i % 3 == 0 ? Woman("P" + std::to_string(i), 30 + i % 4)
                                    : Man("P" + std::to_string(i), 30 + i % 4);
    p.home_county = "4201" + std::to_string(10 + i % 4);
    p.medical_needs = i % 2;
    people.push_back(p);
  }
  const std::vector<FacilityCapacity> facilities{
      MensFacility("M1", 30.2, 10), MensFacility("M2", 32.5, 8), WomensFacility("W1", 31, 9)};
  const auto first = Solve(people, facilities);
  std::mt19937 rng(7);
  std::shuffle(people.begin(), people.end(), rng);
  const auto second = Solve(people, facilities);
  EXPECT_EQ(first.objective, second.objective);
  ASSERT_EQ(first.placements.size(), second.placements.size());
  for (std::size_t i = 0; i < first.placements.size(); ++i) {
    EXPECT_EQ(first.placements[i].explanation, second.placements[i].explanation);
    EXPECT_EQ(first.placements[i].count, second.placements[i].count);
  }
  ASSERT_EQ(first.groups.size(), second.groups.size());
  for (std::size_t i = 0; i < first.groups.size(); ++i) {
    EXPECT_EQ(first.groups[i].home_county, second.groups[i].home_county);
    EXPECT_EQ(first.groups[i].size(), second.groups[i].size());
  }
  EXPECT_EQ(first.placed + first.unplaced_total, 40);
}

TEST(Allocation, RejectsBadInputNamingEveryField) {
  FacilityCapacity bad = MensFacility("M", 30, -1);
  const Result<AllocationResult> r = Allocate({Man("", 30)}, {bad, MensFacility("M", 95, 1)}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& e : r.status().errors()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"facilities[0].free_beds", "facilities[1].code",
                                              "facilities[1].lat", "admissions[0].id"}));
}

TEST(Allocation, RejectsDuplicateAdmissionIdsShortAndLong) {
  std::vector<PendingAdmission> admissions;
  for (int i = 0; i < 3000; ++i) admissions.push_back(Man("A" + std::to_string(i), 30));
  admissions.push_back(Man("person-000000000042", 30));
  admissions.push_back(Man("A17", 30));                  // 3001: duplicate of 17
  admissions.push_back(Man("person-000000000043", 30));  // same first 8 bytes, not a duplicate
  admissions.push_back(Man("person-000000000042", 30));  // 3003: duplicate of 3000
  const Result<AllocationResult> r = Allocate(admissions, {MensFacility("M", 31, 5000)}, {});
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& e : r.status().errors()) fields.push_back(e.field + " " + e.rule);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"admissions[3001].id unique", "admissions[3003].id unique"}));
  admissions.resize(3000);
  EXPECT_TRUE(Allocate(admissions, {MensFacility("M", 31, 5000)}, {}).ok());
}

TEST(Allocation, FacilitiesAtTheHomeCostNothingAndTakeNoMoreThanTheGroup) {
  // Distance 0 inside the home region: a placement that costs nothing. Each group still places
  // exactly its own people (the solver must not place more people than a group has).
  std::vector<PendingAdmission> admissions;
  for (int i = 0; i < 3; ++i) admissions.push_back(Man("A" + std::to_string(i), 30));
  for (int i = 0; i < 2; ++i) admissions.push_back(Man("B" + std::to_string(i), 31, "420103"));
  const Result<AllocationResult> r =
      Allocate(admissions, {MensFacility("HOME", 30, 10), MensFacility("NEAR", 31, 10)}, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->placed, 5);
  EXPECT_EQ(r->unplaced_total, 0);
  EXPECT_EQ(r->placement_cost, 0);
  int counted = 0;
  for (const auto& p : r->placements) {
    EXPECT_EQ(p.count, r->groups[p.group].size());
    counted += p.count;
  }
  EXPECT_EQ(counted, 5);
}

TEST(Allocation, EmptyInputIsAnEmptyAllocation) {
  const auto r = Solve({}, {MensFacility("M", 30, 3)});
  EXPECT_EQ(r.placed, 0);
  EXPECT_EQ(r.objective, 0);
  const auto none = Solve({Man("P", 30)}, {});
  EXPECT_EQ(none.unplaced_total, 1);
  EXPECT_EQ(none.unplaced.at(0).explanation, "no facility");
}

// The model's optimum by plain successive shortest paths (Bellman-Ford over the residual
// graph): slow, simple and independent of the solver, as a reference for the objective.
std::int64_t ReferenceOptimum(const AllocationModel& m) {
  struct Edge {
    int to;
    std::int64_t cap;
    std::int64_t cost;
  };
  const int groups = static_cast<int>(m.groups.size());
  const int facilities = static_cast<int>(m.facilities.size());
  const int source = groups + facilities;
  const int sink = source + 1;
  std::vector<Edge> edges;
  std::vector<std::vector<int>> out(sink + 1);
  auto add = [&](int from, int to, std::int64_t cap, std::int64_t cost) {
    out[from].push_back(static_cast<int>(edges.size()));
    edges.push_back({to, cap, cost});
    out[to].push_back(static_cast<int>(edges.size()));
    edges.push_back({from, 0, -cost});
  };
  std::int64_t people = 0;
  for (int g = 0; g < groups; ++g) {
    add(source, g, m.groups[g].size(), 0);
    add(g, sink, m.groups[g].size(), m.unplaced_cost);
    people += m.groups[g].size();
  }
  for (const auto& a : m.arcs) add(a.group, groups + a.facility, m.groups[a.group].size(), a.cost);
  for (int f = 0; f < facilities; ++f) add(groups + f, sink, m.facilities[f].free_beds, 0);
  std::int64_t total = 0;
  constexpr std::int64_t kFar = std::numeric_limits<std::int64_t>::max() / 4;
  while (people > 0) {
    std::vector<std::int64_t> dist(sink + 1, kFar);
    std::vector<int> via(sink + 1, -1);
    dist[source] = 0;
    for (bool changed = true; changed;) {
      changed = false;
      for (int u = 0; u <= sink; ++u) {
        if (dist[u] == kFar) continue;
        for (const int e : out[u]) {
          if (edges[e].cap > 0 && dist[u] + edges[e].cost < dist[edges[e].to]) {
            dist[edges[e].to] = dist[u] + edges[e].cost;
            via[edges[e].to] = e;
            changed = true;
          }
        }
      }
    }
    std::int64_t push = people;
    for (int v = sink; v != source; v = edges[via[v] ^ 1].to)
      push = std::min(push, edges[via[v]].cap);
    for (int v = sink; v != source; v = edges[via[v] ^ 1].to) {
      edges[via[v]].cap -= push;
      edges[via[v] ^ 1].cap += push;
    }
    total += push * dist[sink];
    people -= push;
  }
  return total;
}

// Random instances, from a handful of people (also checked by trying every assignment) to a few
// hundred with many small facilities, so that each group's cheapest facilities fill up and the
// solver must go beyond them: the objective equals the reference optimum, and the result adds up.
TEST(Allocation, ObjectiveMatchesReferenceOnRandomInstances) {
  std::mt19937 rng(7);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int round = 0; round < 60; ++round) {
    const bool tiny = round % 2 == 0;
    const int facility_count = tiny ? uniform(1, 3) : uniform(15, 40);
    const int people = tiny ? uniform(1, 6) : uniform(50, 300);
    std::vector<FacilityCapacity> facilities;
    for (int f = 0; f < facility_count; ++f) {
      FacilityCapacity fac = uniform(0, 3) == 0   ? WomensFacility("F" + std::to_string(f), 0, 0)
                             : uniform(0, 4) == 0 ? JuvenileFacility("F" + std::to_string(f), 0, 0)
                                                  : MensFacility("F" + std::to_string(f), 0, 0);
      fac.lat = 29.0 + uniform(0, 400) / 100.0;
      fac.lon = 110.0 + uniform(0, 500) / 100.0;
      fac.region = uniform(0, 1) == 0 ? "420100" : "420200";
      fac.free_beds = tiny ? uniform(0, 3) : uniform(0, 12);
      fac.medical_level = uniform(0, 2);
      facilities.push_back(fac);
    }
    std::vector<PendingAdmission> admissions;
    for (int i = 0; i < people; ++i) {
      const int county = uniform(0, 5);
      PendingAdmission p = Man("P" + std::to_string(i), 30.0 + county * 0.4,
                               "42010" + std::to_string(county), county < 3 ? "420100" : "420200");
      p.home_lon = 111.0 + county * 0.5;
      p.sex = uniform(0, 3) == 0 ? Sex::kFemale : Sex::kMale;
      p.age = uniform(14, 50);
      p.medical_needs = uniform(0, 2);
      if (p.sex == Sex::kFemale && p.age >= 18) p.pregnant = uniform(0, 9) == 0;
      admissions.push_back(p);
    }
    AllocationOptions options;
    options.out_of_region_penalty_km = uniform(0, 150);
    options.exclude_under_16 = uniform(0, 1) == 0;
    const auto model = BuildAllocationModel(admissions, facilities, options);
    ASSERT_TRUE(model.ok()) << model.status().detail();
    const AllocationResult r = Solve(admissions, facilities, options);
    ASSERT_EQ(r.objective, ReferenceOptimum(*model)) << "round " << round;

    EXPECT_EQ(r.placed + r.unplaced_total, people);
    std::vector<int> used(facility_count, 0);
    std::int64_t cost = 0;
    for (const auto& pl : r.placements) {
      const auto f = std::find_if(facilities.begin(), facilities.end(),
                                  [&](const auto& x) { return x.code == pl.facility_code; }) -
                     facilities.begin();
      used[f] += pl.count;
      cost += pl.cost * pl.count;
      EXPECT_FALSE(pl.explanation.empty());
    }
    for (int f = 0; f < facility_count; ++f) EXPECT_LE(used[f], facilities[f].free_beds);
    EXPECT_EQ(cost, r.placement_cost);
    // Each group's people are placed (at facilities it may use) or unplaced, all of them: also
    // where groups with the same column share one node of the flow.
    std::vector<int> accounted(r.groups.size(), 0);
    for (const auto& pl : r.placements) {
      accounted[pl.group] += pl.count;
      const AdmissionGroup& g = r.groups[pl.group];
      PendingAdmission member = Man("m", g.home_lat, g.home_county, g.home_region);
      member.sex = g.sex;
      member.age = g.age_from;
      member.medical_needs = g.medical_needs;
      member.pregnant = g.pregnant;
      member.nursing_infant_under_1 = g.nursing_infant_under_1;
      const auto f = std::find_if(facilities.begin(), facilities.end(),
                                  [&](const auto& x) { return x.code == pl.facility_code; });
      EXPECT_TRUE(EligibilityFailures(member, *f, options).empty()) << "round " << round;
    }
    for (const auto& u : r.unplaced) accounted[u.group] += u.count;
    for (std::size_t g = 0; g < r.groups.size(); ++g) {
      EXPECT_EQ(accounted[g], r.groups[g].size()) << "round " << round << " group " << g;
    }

    if (!tiny) continue;
    // Every assignment of each person to a facility or to nobody, within the beds.
    std::int64_t best = std::numeric_limits<std::int64_t>::max();
    std::vector<int> choice(people, -1);
    for (;;) {
      std::vector<int> beds(facility_count, 0);
      std::int64_t total = 0;
      bool ok = true;
      for (int i = 0; i < people && ok; ++i) {
        const auto& p = admissions[i];
        if (choice[i] < 0) {
          total += model->unplaced_cost;
          continue;
        }
        const auto& f = facilities[choice[i]];
        ok = EligibilityFailures(p, f, options).empty() && ++beds[choice[i]] <= f.free_beds;
        total += GreatCircleMetres(p.home_lat, p.home_lon, f.lat, f.lon) +
                 (f.region == p.home_region ? 0 : options.out_of_region_penalty_km * 1000LL);
      }
      if (ok) best = std::min(best, total);
      int i = 0;
      while (i < people && ++choice[i] == facility_count) choice[i++] = -1;
      if (i == people) break;
    }
    EXPECT_EQ(r.objective, best) << "round " << round;
  }
}

}  // namespace
}  // namespace huigui
