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
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>

namespace huigui {
namespace {

constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kPi = 3.14159265358979323846;
constexpr int kMaxMedicalLevel = 2;

double Radians(double degrees) { return degrees * kPi / 180.0; }

// Numbers the distinct keys it is given 0, 1, 2, ... in order of first sight. Open addressing
// over one slot array: no allocation per key, unlike std::unordered_map, which matters because
// it runs once or twice for every pending admission.
template <typename Key, typename Hash>
class FlatIndex {
 public:
  void Reserve(std::size_t keys) {
    keys_.reserve(keys);
    if (keys * 2 > slots_.size()) Rehash(keys * 2);
  }
  // The number of `key`, and whether it was new.
  std::pair<int, bool> Insert(const Key& key) {
    if ((keys_.size() + 1) * 2 > slots_.size())
      Rehash(std::max<std::size_t>(16, slots_.size() * 2));
    std::size_t i = Hash{}(key)&mask_;
    for (; slots_[i] >= 0; i = (i + 1) & mask_) {
      if (keys_[slots_[i]] == key) return {slots_[i], false};
    }
    slots_[i] = static_cast<int>(keys_.size());
    keys_.push_back(key);
    return {slots_[i], true};
  }
  // The number of `key`, or -1 if it was never inserted.
  int Find(const Key& key) const {
    if (slots_.empty()) return -1;
    for (std::size_t i = Hash{}(key)&mask_; slots_[i] >= 0; i = (i + 1) & mask_) {
      if (keys_[slots_[i]] == key) return slots_[i];
    }
    return -1;
  }
  const std::vector<Key>& keys() const { return keys_; }

 private:
  void Rehash(std::size_t at_least) {
    std::size_t size = 16;
    while (size < at_least) size *= 2;
    slots_.assign(size, -1);
    mask_ = size - 1;
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      std::size_t i = Hash{}(keys_[k]) & mask_;
      while (slots_[i] >= 0) i = (i + 1) & mask_;
      slots_[i] = static_cast<int>(k);
    }
  }

  std::vector<int> slots_;
  std::vector<Key> keys_;
  std::size_t mask_ = 0;
};

// Final mix of MurmurHash3: spreads every input bit over the low bits the index masks with.
std::uint64_t Mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  return h ^ (h >> 33);
}

// A string as a hash key: its first 8 bytes packed into a word, so that the short codes and ids
// the allocation keys by (county "420102", id "A123") hash and compare as integers, without a
// byte loop or a memcmp call; longer strings compare the rest too.
struct TextKey {
  std::string_view text;
  std::uint64_t head = 0;

  TextKey() = default;
  explicit TextKey(std::string_view t) : text(t) {
    const std::size_t n = t.size();
    if (n >= 8) {
      std::memcpy(&head, t.data(), 8);
    } else if (n >= 4) {  // bytes 0..3 and n-4..n-1 (overlapping): all of them, one way
      std::uint32_t low = 0;
      std::uint32_t high = 0;
      std::memcpy(&low, t.data(), 4);
      std::memcpy(&high, t.data() + n - 4, 4);
      head = low | (static_cast<std::uint64_t>(high) << 32);
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        head |= static_cast<std::uint64_t>(static_cast<unsigned char>(t[i])) << (8 * i);
      }
    }
  }
  bool operator==(const TextKey& o) const {
    return head == o.head && text.size() == o.text.size() &&
           (text.size() <= 8 || text.substr(8) == o.text.substr(8));
  }
};

struct TextHash {
  std::size_t operator()(const TextKey& key) const {
    std::uint64_t h = key.head ^ (static_cast<std::uint64_t>(key.text.size()) << 59);
    if (key.text.size() > 8) {
      std::uint64_t rest = 0xCBF29CE484222325ULL;  // FNV-1a
      for (const char c : key.text.substr(8)) {
        rest = (rest ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
      }
      h ^= Mix(rest);
    }
    return Mix(h);
  }
};

// The admission ids seen so far, for the duplicate check: open addressing over one word per
// slot, the id's hash in the high half and its admission's number + 1 in the low half (0:
// empty). Ids are compared as text only when their hashes agree, and read from the admissions
// themselves, so the check keeps no copy of the keys.
class SeenIds {
 public:
  explicit SeenIds(const std::vector<PendingAdmission>& admissions) : admissions_(admissions) {
    std::size_t size = 16;
    while (size < admissions.size() + admissions.size() / 2) size *= 2;
    slots_.assign(size, 0);
    mask_ = size - 1;
  }
  // False when admission `i`'s id was seen before.
  bool Insert(std::size_t i) {
    const std::string_view id = admissions_[i].id;
    const std::uint64_t hash = TextHash{}(TextKey(id));
    const std::uint64_t tag = hash & 0xFFFFFFFF00000000ULL;
    std::size_t at = hash & mask_;
    for (; slots_[at] != 0; at = (at + 1) & mask_) {
      const std::uint64_t slot = slots_[at];
      if ((slot & 0xFFFFFFFF00000000ULL) == tag &&
          admissions_[(slot & 0xFFFFFFFFULL) - 1].id == id) {
        return false;
      }
    }
    slots_[at] = tag | (static_cast<std::uint64_t>(i) + 1);
    return true;
  }

 private:
  const std::vector<PendingAdmission>& admissions_;
  std::vector<std::uint64_t> slots_;
  std::size_t mask_ = 0;
};

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

// A point on the sphere with the sines and cosines the haversine formula needs, computed once
// per point: the distance between two points is then products and one arcsine, no other trig
// (sin((b - a) / 2) = sin(b/2) cos(a/2) - cos(b/2) sin(a/2)).
struct SpherePoint {
  double sin_half_lat = 0;
  double cos_half_lat = 1;
  double sin_half_lon = 0;
  double cos_half_lon = 1;
  double cos_lat = 1;

  SpherePoint(double lat, double lon)
      : sin_half_lat(std::sin(Radians(lat) / 2)),
        cos_half_lat(std::cos(Radians(lat) / 2)),
        sin_half_lon(std::sin(Radians(lon) / 2)),
        cos_half_lon(std::cos(Radians(lon) / 2)),
        cos_lat(std::cos(Radians(lat))) {}
};

// GreatCircleMetres between two prepared points (all distances go through here, so the model
// and GreatCircleMetres agree to the metre).
std::int64_t Haversine(const SpherePoint& p, const SpherePoint& q) {
  const double sin_dlat = q.sin_half_lat * p.cos_half_lat - q.cos_half_lat * p.sin_half_lat;
  const double sin_dlon = q.sin_half_lon * p.cos_half_lon - q.cos_half_lon * p.sin_half_lon;
  const double a = sin_dlat * sin_dlat + p.cos_lat * q.cos_lat * sin_dlon * sin_dlon;
  const double c = 2 * std::asin(std::sqrt(std::min(1.0, a)));
  return std::llround(kEarthRadiusKm * c * 1000.0);
}

std::vector<EligibilityRule> Rules(RuleMask mask) {
  std::vector<EligibilityRule> rules;
  rules.reserve(static_cast<std::size_t>(std::popcount(mask)));
  for (const auto& [rule, name] : kEligibilityRuleNames) {
    if ((mask & Bit(rule)) != 0) rules.push_back(rule);
  }
  return rules;
}

// A placement's explanation, built in a stack buffer and turned into a string once: one
// allocation per explanation instead of one call (and growth) per piece.
class TextBuilder {
 public:
  TextBuilder& operator<<(std::string_view piece) {
    if (!spilled_ && size_ + piece.size() <= sizeof buffer_) {
      std::memcpy(buffer_ + size_, piece.data(), piece.size());
      size_ += piece.size();
    } else {
      if (!spilled_) spill_.assign(buffer_, size_);
      spilled_ = true;
      spill_ += piece;
    }
    return *this;
  }
  TextBuilder& operator<<(char c) { return *this << std::string_view(&c, 1); }
  std::string str() const { return spilled_ ? spill_ : std::string(buffer_, size_); }

 private:
  char buffer_[240];
  std::size_t size_ = 0;
  bool spilled_ = false;
  std::string spill_;
};

// Appends "84.2 km": metres (never negative) to kilometres with one decimal, rounded half up.
void AppendKm(TextBuilder& out, std::int64_t metres) {
  const std::int64_t tenths = (metres + 50) / 100;
  char digits[32];
  char* end = std::to_chars(digits, digits + 24, tenths / 10).ptr;
  *end++ = '.';
  *end++ = static_cast<char>('0' + tenths % 10);
  std::memcpy(end, " km", 3);
  out << std::string_view(digits, static_cast<std::size_t>(end + 3 - digits));
}

void AppendRuleList(TextBuilder& out, const std::vector<EligibilityRule>& rules) {
  bool first = true;
  for (const EligibilityRule r : rules) {
    if (!first) out << ", ";
    first = false;
    out << NameOf(kEligibilityRuleNames, r);
  }
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

// One admission's checks; true when it passes them all. Field names are built only for errors:
// this runs over every pending admission.
bool ValidateAdmission(const PendingAdmission& p, std::size_t i, SeenIds& ids,
                       FieldErrors& errors) {
  bool ok = true;
  auto add = [&](const char* field, const char* rule, std::string message) {
    errors.Add("admissions[" + std::to_string(i) + "]." + field, rule, std::move(message));
    ok = false;
  };
  if (p.id.empty()) add("id", "required", "admission id is empty");
  if (!p.id.empty() && !ids.Insert(i)) {
    add("id", "unique", "duplicate admission id " + p.id);
  }
  if (p.age < 0) add("age", "non_negative", "must be 0 or more");
  if (BadLatLon(p.home_lat, p.home_lon)) add("home_lat", "range", "coordinates out of range");
  if (p.medical_needs < 0 || p.medical_needs > kMaxMedicalLevel) {
    add("medical_needs", "range", "must be 0, 1 or 2");
  }
  if (p.sex == Sex::kMale && (p.pregnant || p.nursing_infant_under_1)) {
    add("pregnant", "female_only", "pregnant or nursing is recorded for a man");
  }
  return ok;
}

struct WordHash {
  std::size_t operator()(std::uint64_t word) const { return Mix(word); }
};

// County and region codes share one numbering: equal numbers mean equal codes.
using PlaceIndex = FlatIndex<TextKey, TextHash>;

struct Grouping {
  std::vector<AdmissionGroup> groups;  // in AllocationModel order
  std::vector<int> region;             // per group: the PlaceIndex number of its home region
  std::vector<int> age_band;           // per group
  std::vector<int> facility_region;    // per facility: the same number, -1 if no group's region
};

// Checks every admission, adding what is wrong to `errors`, and when all are valid (and
// `errors` was empty to begin with) groups them; otherwise the grouping is empty. One pass over
// the admissions keys each person by home (county and region), age band, needs, sex and
// exclusions, all small integers, so a person's group is found in a table indexed by them
// (no hashing); then groups are ordered by county code and the rest, so the output does not
// depend on input order, and filled with their ids in a second pass (input order within a
// group).
Grouping GroupAdmissions(const std::vector<PendingAdmission>& admissions,
                         const std::vector<FacilityCapacity>& facilities, FieldErrors& errors) {
  const std::vector<int> cuts = AgeCuts(facilities);
  const auto bands = static_cast<std::size_t>(cuts.size()) + 1;
  constexpr std::size_t kNeedsValues = kMaxMedicalLevel + 1;
  constexpr std::size_t kFlagValues = 8;  // female, pregnant, nursing
  const std::size_t per_home = bands * kNeedsValues * kFlagValues;
  SeenIds ids(admissions);
  PlaceIndex places;
  places.Reserve(256);
  // A home is a county with the region its people give; a county's people nearly always give
  // one region, so it is checked against the county's first one rather than looked up.
  struct Home {
    int county = 0;  // PlaceIndex numbers
    int region = 0;
  };
  std::vector<Home> homes;
  std::vector<int> county_home;  // per place number: the county's home with its first region
  FlatIndex<std::uint64_t, WordHash> other_pairs;  // (county, region) pairs after the first
  std::vector<int> other_home;                     // per other pair: its home
  std::vector<int> group_at;  // per home × age band × needs × flags: the group, -1 if none
  auto add_home = [&](int county, int region) {
    homes.push_back({county, region});
    group_at.resize(group_at.size() + per_home, -1);
    return static_cast<int>(homes.size()) - 1;
  };
  struct Seen {  // per group, in first-seen order
    int first = 0;
    int age_from = 0;
    int age_to = 0;
    int size = 0;
    int home = 0;
    int band = 0;
    int needs = 0;
    int flags = 0;  // female 4, pregnant 2, nursing 1
  };
  std::vector<Seen> seen;
  seen.reserve(1024);
  std::vector<int> group_of(admissions.size());
  bool valid = errors.empty();
  for (std::size_t i = 0; i < admissions.size(); ++i) {
    const auto& p = admissions[i];
    if (!ValidateAdmission(p, i, ids, errors)) valid = false;
    if (!valid) continue;
    const int county = places.Insert(TextKey(p.home_county)).first;
    if (static_cast<std::size_t>(county) >= county_home.size()) {
      county_home.resize(places.keys().size(), -1);
    }
    int home = county_home[county];
    const TextKey region(p.home_region);
    if (home < 0 || !(places.keys()[homes[home].region] == region)) {
      const int r = places.Insert(region).first;
      if (home < 0) {
        home = add_home(county, r);
        county_home[county] = home;
      } else {
        const auto [k, added] = other_pairs.Insert((static_cast<std::uint64_t>(county) << 32) |
                                                   static_cast<std::uint32_t>(r));
        if (added) other_home.push_back(add_home(county, r));
        home = other_home[k];
      }
    }
    const int band = AgeBand(cuts, p.age);
    const int flags =
        (p.sex == Sex::kFemale ? 4 : 0) | (p.pregnant ? 2 : 0) | (p.nursing_infant_under_1 ? 1 : 0);
    int& g = group_at[((static_cast<std::size_t>(home) * bands + static_cast<std::size_t>(band)) *
                           kNeedsValues +
                       static_cast<std::size_t>(p.medical_needs)) *
                          kFlagValues +
                      static_cast<std::size_t>(flags)];
    if (g < 0) {
      g = static_cast<int>(seen.size());
      seen.push_back({static_cast<int>(i), p.age, p.age, 0, home, band, p.medical_needs, flags});
    }
    Seen& s = seen[g];
    s.age_from = std::min(s.age_from, p.age);
    s.age_to = std::max(s.age_to, p.age);
    ++s.size;
    group_of[i] = g;
  }
  if (!valid) return {};

  // Rank places by code so that groups sort by integers in the order of their codes.
  const std::vector<TextKey>& names = places.keys();
  std::vector<int> by_name(names.size());
  for (std::size_t i = 0; i < by_name.size(); ++i) by_name[i] = static_cast<int>(i);
  std::sort(by_name.begin(), by_name.end(),
            [&](int a, int b) { return names[a].text < names[b].text; });
  std::vector<int> place_rank(names.size());
  for (std::size_t r = 0; r < by_name.size(); ++r) place_rank[by_name[r]] = static_cast<int>(r);

  // Each group's rank packed into two words, compared as integers: county and region codes,
  // then sex (female 4 sorts after male, Sex::kMale < Sex::kFemale), age, needs, pregnant,
  // nursing. Distinct groups have distinct ranks.
  struct Rank {
    std::uint64_t place = 0;
    std::uint64_t person = 0;
    int group = 0;
  };
  std::vector<Rank> ranks(seen.size());
  for (std::size_t g = 0; g < seen.size(); ++g) {
    const Seen& s = seen[g];
    const Home& h = homes[s.home];
    ranks[g].place = (static_cast<std::uint64_t>(place_rank[h.county]) << 32) |
                     static_cast<std::uint32_t>(place_rank[h.region]);
    ranks[g].person = (static_cast<std::uint64_t>(s.flags >> 2) << 48) |
                      (static_cast<std::uint64_t>(static_cast<std::uint32_t>(s.age_from)) << 8) |
                      static_cast<std::uint64_t>((s.needs << 2) | (s.flags & 3));
    ranks[g].group = static_cast<int>(g);
  }
  std::sort(ranks.begin(), ranks.end(), [](const Rank& a, const Rank& b) {
    return a.place != b.place ? a.place < b.place : a.person < b.person;
  });
  std::vector<int> order(seen.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = ranks[i].group;

  Grouping out;
  out.groups.resize(order.size());
  out.region.resize(order.size());
  out.age_band.resize(order.size());
  std::vector<int> position(order.size());
  for (std::size_t pos = 0; pos < order.size(); ++pos) {
    const int g = order[pos];
    position[g] = static_cast<int>(pos);
    const Seen& s = seen[g];
    const PendingAdmission& p = admissions[s.first];
    AdmissionGroup& group = out.groups[pos];
    group.sex = p.sex;
    group.age_from = s.age_from;
    group.age_to = s.age_to;
    group.home_county = p.home_county;
    group.home_region = p.home_region;
    group.home_lat = p.home_lat;
    group.home_lon = p.home_lon;
    group.medical_needs = p.medical_needs;
    group.pregnant = p.pregnant;
    group.nursing_infant_under_1 = p.nursing_infant_under_1;
    group.admission_ids.reserve(s.size);
    out.region[pos] = homes[s.home].region;
    out.age_band[pos] = s.band;
  }
  for (std::size_t i = 0; i < admissions.size(); ++i) {
    out.groups[position[group_of[i]]].admission_ids.push_back(admissions[i].id);
  }
  out.facility_region.reserve(facilities.size());
  for (const auto& f : facilities) out.facility_region.push_back(places.Find(TextKey(f.region)));
  return out;
}

// How many facilities each rule excludes group `g` from, in rule order.
std::vector<RuleCount> CountRules(const AdmissionGroup& g,
                                  const std::vector<FacilityCapacity>& facilities,
                                  const AllocationOptions& options) {
  std::array<int, kEligibilityRuleNames.size()> counts{};
  for (const auto& f : facilities) {
    const RuleMask failures = GroupFailures(g, f, options);
    for (std::size_t r = 0; r < counts.size(); ++r) {
      if ((failures & (1U << r)) != 0) ++counts[r];
    }
  }
  std::vector<RuleCount> out;
  for (const auto& [rule, name] : kEligibilityRuleNames) {
    const int n = counts[static_cast<std::size_t>(rule)];
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
  char digits[24];
  auto append_number = [&](std::size_t n) {
    out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
  };
  for (const auto& rc : u.rules) {
    out += ' ';
    out += NameOf(kEligibilityRuleNames, rc.rule);
    out += " (";
    append_number(static_cast<std::size_t>(rc.facilities));
    out += '/';
    append_number(facility_count);
    out += ')';
  }
  return out;
}

std::int64_t PenaltyMetres(const AllocationOptions& options) {
  return static_cast<std::int64_t>(options.out_of_region_penalty_km) * 1000;
}

// Fills `p.nearer` and `p.explanation` for a placement of group `g` on facility `chosen`:
// the nearest facility if nearer than the chosen one, and the nearest eligible one if nearer
// (ties in input order). `nearest_any` is the nearest facility to the group's home and
// `nearest_allowed` the nearest it may go to (-1 if none), both first in input order on ties.
void Explain(const AllocationModel& model, const std::vector<int>& beds_left, int g, int chosen,
             int nearest_any, int nearest_allowed, Placement& p) {
  const auto& group = model.groups[g];
  const auto& facilities = model.facilities;
  const std::int64_t* distance =
      &model.distance_m[static_cast<std::size_t>(model.distance_row[g]) * facilities.size()];
  TextBuilder text;
  AppendKm(text, p.distance_m);
  text << " from " << group.home_county << " to " << facilities[chosen].code;
  if (p.out_of_region) text << " (outside home region)";
  const int nearest = nearest_any >= 0 && distance[nearest_any] < p.distance_m ? nearest_any : -1;
  const int nearest_eligible =
      nearest_allowed >= 0 && distance[nearest_allowed] < p.distance_m ? nearest_allowed : -1;
  if (nearest < 0) {
    p.explanation = text.str();
    return;
  }
  p.nearer.reserve(nearest == nearest_eligible || nearest_eligible < 0 ? 1 : 2);
  auto name = [&](int f) {
    NearerFacility n;
    n.facility_code = facilities[f].code;
    n.distance_m = distance[f];
    text << "; nearer " << n.facility_code << " (";
    AppendKm(text, n.distance_m);
    text << ") ";
    return n;
  };
  if (nearest != nearest_eligible) {
    NearerFacility n = name(nearest);
    n.reason = NotChosenReason::kIneligible;
    n.rules = Rules(GroupFailures(group, facilities[nearest], model.options));
    text << "not eligible: ";
    AppendRuleList(text, n.rules);
    p.nearer.push_back(std::move(n));
    if (nearest_eligible < 0) {
      p.explanation = text.str();
      return;
    }
  }
  const int f = nearest_eligible;
  NearerFacility n = name(f);
  if (beds_left[f] == 0) {
    n.reason = NotChosenReason::kFull;
    text << "full after the optimal assignment";
  } else {
    // Optimality: a nearer eligible facility with beds left costs no less, so it lies outside
    // the home region while the chosen one is inside.
    n.reason = NotChosenReason::kOutOfRegion;
    text << "outside home region, cost with penalty ";
    AppendKm(text, distance[f] + PenaltyMetres(model.options));
  }
  p.nearer.push_back(std::move(n));
  p.explanation = text.str();
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
  return Haversine(SpherePoint(lat1, lon1), SpherePoint(lat2, lon2));
}

Result<AllocationModel> BuildAllocationModel(const std::vector<PendingAdmission>& admissions,
                                             const std::vector<FacilityCapacity>& facilities,
                                             const AllocationOptions& options) {
  FieldErrors errors;
  if (options.out_of_region_penalty_km < 0) {
    errors.Add("out_of_region_penalty_km", "non_negative", "must be 0 or more");
  }
  ValidateFacilities(facilities, errors);
  Grouping grouping = GroupAdmissions(admissions, facilities, errors);
  if (!errors.empty()) return errors.ToStatus();
  AllocationModel model;
  model.options = options;
  model.facilities = facilities;
  model.groups = std::move(grouping.groups);
  const std::size_t group_count = model.groups.size();
  const std::size_t facility_count = facilities.size();

  // Eligibility depends on a group's age band, needs, sex and exclusions, not on its place:
  // each such class's failures are computed once, against every facility.
  int bands = 0;
  for (const int band : grouping.age_band) bands = std::max(bands, band + 1);
  constexpr int kFlagValues = 8;  // female, pregnant, nursing
  std::vector<int> class_of_key(
      static_cast<std::size_t>(bands) * (kMaxMedicalLevel + 1) * kFlagValues, -1);
  std::vector<int> class_facilities;   // per class, the facilities it may go to, in input order
  std::vector<std::size_t> class_end;  // class c's are class_facilities[class_end[c - 1], ...)
  std::vector<int> group_class(group_count);
  std::size_t arc_count = 0;
  for (std::size_t g = 0; g < group_count; ++g) {
    const auto& group = model.groups[g];
    const int flags = (group.sex == Sex::kFemale ? 4 : 0) | (group.pregnant ? 2 : 0) |
                      (group.nursing_infant_under_1 ? 1 : 0);
    int& c = class_of_key[(static_cast<std::size_t>(grouping.age_band[g]) * (kMaxMedicalLevel + 1) +
                           group.medical_needs) *
                              kFlagValues +
                          flags];
    if (c < 0) {
      c = static_cast<int>(class_end.size());
      for (std::size_t f = 0; f < facility_count; ++f) {
        if (GroupFailures(group, facilities[f], options) == 0) {
          class_facilities.push_back(static_cast<int>(f));
        }
      }
      class_end.push_back(class_facilities.size());
    }
    group_class[g] = c;
    arc_count += class_end[c] - (c > 0 ? class_end[c - 1] : 0);
  }

  model.distance_row.resize(group_count);
  std::size_t rows = 0;
  model.arcs.reserve(arc_count);
  std::vector<SpherePoint> facility_point;
  facility_point.reserve(facility_count);
  for (const auto& f : facilities) facility_point.emplace_back(f.lat, f.lon);
  const std::int64_t penalty = PenaltyMetres(options);
  std::int64_t max_cost = 1;
  for (std::size_t g = 0; g < group_count; ++g) {
    const auto& group = model.groups[g];
    // Groups are ordered by county: its distances are computed once, for its first group.
    if (g == 0 || model.groups[g - 1].home_lat != group.home_lat ||
        model.groups[g - 1].home_lon != group.home_lon) {
      const SpherePoint home(group.home_lat, group.home_lon);
      for (std::size_t f = 0; f < facility_count; ++f) {
        model.distance_m.push_back(Haversine(home, facility_point[f]));
      }
      ++rows;
    }
    model.distance_row[g] = static_cast<int>(rows) - 1;
    const std::int64_t* distance = model.distance_m.data() + (rows - 1) * facility_count;
    const int c = group_class[g];
    for (std::size_t k = c > 0 ? class_end[c - 1] : 0; k < class_end[c]; ++k) {
      const auto f = static_cast<std::size_t>(class_facilities[k]);
      AllocationArc arc;
      arc.group = static_cast<int>(g);
      arc.facility = static_cast<int>(f);
      arc.distance_m = distance[f];
      arc.cost = arc.distance_m + (grouping.facility_region[f] == grouping.region[g] ? 0 : penalty);
      max_cost = std::max(max_cost, arc.cost);
      model.arcs.push_back(arc);
    }
  }
  // An augmenting path that places one more person crosses at most min(groups, facilities)
  // placement arcs, so its cost change is below this bound: maximum placement comes first.
  const auto hops = static_cast<std::int64_t>(std::min(group_count, facility_count));
  model.unplaced_cost = max_cost * (hops + 1) + 1;
  return model;
}

namespace {

// Pricing: the optimum sends most people to one of their few cheapest facilities. The flow is
// first solved over each group's kCandidateArcs cheapest arcs; that optimum is optimal over all
// arcs when no left-out arc has a negative reduced cost under its node potentials (linear
// programming duality), which is checked; left-out arcs that fail the check join and the flow
// is solved again. Exact either way; on the benchmark instance one solve per component over
// about half of the arcs. 10 does the least work there (9 about as little, 8 needs a second
// solve, 12 and more are slower).
constexpr std::size_t kCandidateArcs = 10;

// The people each model arc carries (0 when left out) and, per group, those left unplaced.
struct Flow {
  std::vector<std::int64_t> placed;
  std::vector<std::int64_t> unplaced;
};

// Group g's arcs are model.arcs[ArcBegin(arc_end, g), arc_end[g]) (arcs come by group).
std::size_t ArcBegin(const std::vector<std::size_t>& arc_end, int g) {
  return g > 0 ? arc_end[g - 1] : 0;
}

// Groups and facilities that eligibility connects (men's, women's and juvenile facilities with
// the people each may take, on the usual instance). Components share no arc, so each one's
// min-cost flow is solved on its own: together they are the optimum of the whole model, and
// the smaller graphs take NetworkSimplex fewer and cheaper pivots.
struct Component {
  std::vector<int> groups;      // with at least one arc, in model order
  std::vector<int> facilities;  // input order
};

std::vector<Component> Components(const AllocationModel& model,
                                  const std::vector<std::size_t>& arc_end) {
  const int facility_count = static_cast<int>(model.facilities.size());
  std::vector<int> parent(facility_count);
  for (int f = 0; f < facility_count; ++f) parent[f] = f;
  auto root = [&parent](int f) {
    while (parent[f] != f) f = parent[f] = parent[parent[f]];
    return f;
  };
  const int group_count = static_cast<int>(model.groups.size());
  for (int g = 0; g < group_count; ++g) {
    const std::size_t begin = ArcBegin(arc_end, g);
    for (std::size_t i = begin + 1; i < arc_end[g]; ++i) {
      const int x = root(model.arcs[begin].facility);
      const int y = root(model.arcs[i].facility);
      if (x != y) parent[std::max(x, y)] = std::min(x, y);
    }
  }
  std::vector<int> component_of(facility_count, -1);
  std::vector<Component> components;
  for (int g = 0; g < group_count; ++g) {
    if (arc_end[g] == ArcBegin(arc_end, g)) continue;
    int& c = component_of[root(model.arcs[ArcBegin(arc_end, g)].facility)];
    if (c < 0) {
      c = static_cast<int>(components.size());
      components.emplace_back();
    }
    components[c].groups.push_back(g);
  }
  for (int f = 0; f < facility_count; ++f) {
    if (const int c = component_of[root(f)]; c >= 0) components[c].facilities.push_back(f);
  }
  return components;
}

// A read-only LEMON map over a vector indexed by the items' ids.
template <typename Item, typename Value>
struct ById {
  const std::vector<Value>& values;
  Value operator[](const Item& item) const {
    return values[static_cast<std::size_t>(lemon::SmartDigraph::id(item))];
  }
};

// Whether groups g and h have the same column in the flow: the same facilities at the same costs,
// and the same of them in use.
bool SameColumn(const AllocationModel& model, const std::vector<std::size_t>& arc_end,
                const std::vector<char>& use, int g, int h) {
  const std::size_t g_begin = ArcBegin(arc_end, g);
  const std::size_t h_begin = ArcBegin(arc_end, h);
  const std::size_t n = arc_end[g] - g_begin;
  if (arc_end[h] - h_begin != n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    const AllocationArc& a = model.arcs[g_begin + i];
    const AllocationArc& b = model.arcs[h_begin + i];
    if (a.facility != b.facility || a.cost != b.cost || use[g_begin + i] != use[h_begin + i]) {
      return false;
    }
  }
  return true;
}

// The min-cost flow of `component` over the arcs marked in `use`. True and the component's part
// of `flow` filled when it is optimal over all its arcs; false, with the arcs that prove it is
// not marked in `use`, otherwise.
//
// Groups with the same column (same home and region, and the same facilities eligible: boys and
// girls of 16-17 at juvenile facilities, say) are one node supplying all their people: the
// problem is the same linear programme with identical columns added up, so any split of that
// node's optimal flow among them is optimal. It is split in group order, each group taking the
// node's placements in facility order, unplaced last.
Result<bool> SolveOver(const AllocationModel& model, const std::vector<std::size_t>& arc_end,
                       const Component& component, std::vector<char>& use, Flow& flow) {
  using Graph = lemon::SmartDigraph;
  const int group_count = static_cast<int>(component.groups.size());
  const int facility_count = static_cast<int>(component.facilities.size());
  // Same-column groups share a home, and groups of a home come together (model order).
  std::vector<int> node_of(group_count);  // per component group: its node
  std::vector<int> node_group;            // per node: its first group (model index)
  std::vector<int> node_supply;
  std::size_t used = 0;
  std::size_t home_nodes = 0;  // the first node of the current home
  for (int k = 0; k < group_count; ++k) {
    const int g = component.groups[k];
    if (k > 0 && model.distance_row[g] != model.distance_row[component.groups[k - 1]]) {
      home_nodes = node_group.size();
    }
    std::size_t n = home_nodes;
    while (n < node_group.size() && !SameColumn(model, arc_end, use, node_group[n], g)) ++n;
    if (n == node_group.size()) {
      node_group.push_back(g);
      node_supply.push_back(0);
      const std::size_t begin = ArcBegin(arc_end, g);
      used += static_cast<std::size_t>(
          std::count(use.begin() + static_cast<std::ptrdiff_t>(begin),
                     use.begin() + static_cast<std::ptrdiff_t>(arc_end[g]), 1));
    }
    node_of[k] = static_cast<int>(n);
    node_supply[n] += model.groups[g].size();
  }
  const int node_count = static_cast<int>(node_group.size());

  // Nodes supply their people and must place all of them: at a facility, which takes at most
  // its free beds (its demand, "greater or equal" supply constraints: demand may be left
  // unmet), or, at unplaced_cost, at the node "unplaced", which takes anyone. Beds as demands
  // rather than as capacities of facility → sink arcs start NetworkSimplex from a basis in
  // which every placement arc prices out, the cheapest first, which takes far fewer pivots
  // than routing everyone through the sink.
  Graph graph;
  graph.reserveNode(node_count + facility_count + 1);
  graph.reserveArc(static_cast<int>(used) + node_count);
  // Nodes: the component's group nodes, then its facilities, then "unplaced", so a node's id
  // is its index here.
  for (int n = 0; n < node_count + facility_count + 1; ++n) graph.addNode();
  const Graph::Node unplaced = Graph::nodeFromId(node_count + facility_count);
  std::vector<int> facility_node(model.facilities.size(), -1);
  for (int k = 0; k < facility_count; ++k) facility_node[component.facilities[k]] = node_count + k;

  // Under GEQ constraints LEMON may also feed a supply node more than its supply (from its root,
  // at no cost) if a path onwards costs nothing: a placement at distance 0 inside the home
  // region would then place people the group does not have. Every arc out of a node costs one
  // more than in the model, so that never pays; each person crosses exactly one such arc, so
  // every real assignment's cost rises by the same amount and the optimum is unchanged.
  constexpr std::int64_t kArcShift = 1;
  // Costs and supplies in vectors indexed by id (SmartDigraph numbers arcs and nodes as they
  // are added): cheaper to fill than LEMON's graph maps, which grow with every arc. Arcs are
  // uncapacitated: a node cannot send more than it supplies.
  std::vector<std::int64_t> cost;
  cost.reserve(used + node_count);
  std::vector<int> supply(node_count + facility_count + 1, 0);
  int total = 0;
  for (int n = 0; n < node_count; ++n) {
    const int g = node_group[n];
    const Graph::Node node = Graph::nodeFromId(n);
    for (std::size_t i = ArcBegin(arc_end, g); i < arc_end[g]; ++i) {
      if (use[i] == 0) continue;
      graph.addArc(node, Graph::nodeFromId(facility_node[model.arcs[i].facility]));
      cost.push_back(model.arcs[i].cost + kArcShift);
    }
    graph.addArc(node, unplaced);
    cost.push_back(model.unplaced_cost + kArcShift);
    supply[n] = node_supply[n];
    total += node_supply[n];
  }
  for (int k = 0; k < facility_count; ++k) {
    supply[node_count + k] = -model.facilities[component.facilities[k]].free_beds;
  }
  supply.back() = -total;

  lemon::NetworkSimplex<Graph, int, std::int64_t> solver(graph);
  solver.costMap(ById<Graph::Arc, std::int64_t>{cost})
      .supplyMap(ById<Graph::Node, int>{supply})
      .supplyType(decltype(solver)::GEQ);
  if (solver.run() != decltype(solver)::OPTIMAL) {
    return Status::Internal("allocation: min-cost flow not optimal (a bug: the model always is)");
  }

  bool optimal = true;
  for (int k = 0; k < group_count; ++k) {
    const int g = component.groups[k];
    const std::int64_t potential = solver.potential(Graph::nodeFromId(node_of[k]));
    for (std::size_t i = ArcBegin(arc_end, g); i < arc_end[g]; ++i) {
      if (use[i] != 0) continue;
      const auto& a = model.arcs[i];
      if (a.cost + kArcShift + potential -
              solver.potential(Graph::nodeFromId(facility_node[a.facility])) <
          0) {
        use[i] = 1;
        optimal = false;
      }
    }
  }
  if (!optimal) return false;
  // Arcs were added node by node, used arcs then unplaced: each node's flows start at
  // first_arc[n], in its first group's arc order. `taken` is how much of the node's flow earlier
  // groups took: flow by flow, at `at` (an offset from first_arc[n]).
  std::vector<int> first_arc(node_count);
  int arc_id = 0;
  for (int n = 0; n < node_count; ++n) {
    first_arc[n] = arc_id;
    const int g = node_group[n];
    for (std::size_t i = ArcBegin(arc_end, g); i < arc_end[g]; ++i) arc_id += use[i];
    ++arc_id;  // unplaced
  }
  std::vector<int> at(node_count, 0);
  std::vector<std::size_t> at_arc(node_count, 0);  // the member arc offset `at` stands for
  std::vector<int> taken(node_count, 0);           // of the flow at `at`
  for (int k = 0; k < group_count; ++k) {
    const int g = component.groups[k];
    const int n = node_of[k];
    const std::size_t begin = ArcBegin(arc_end, g);
    const std::size_t arcs = arc_end[g] - begin;
    int need = model.groups[g].size();
    flow.unplaced[g] = 0;
    while (need > 0) {
      // Skip to the next used arc (or to unplaced, past the last arc).
      while (at_arc[n] < arcs && use[begin + at_arc[n]] == 0) ++at_arc[n];
      const int available = solver.flow(Graph::arcFromId(first_arc[n] + at[n])) - taken[n];
      const int take = std::min(need, available);
      if (take > 0) {
        if (at_arc[n] < arcs) {
          flow.placed[begin + at_arc[n]] += take;
        } else {
          flow.unplaced[g] += take;
        }
        need -= take;
        taken[n] += take;
      }
      if (need > 0) {  // this flow is used up: the next one
        ++at[n];
        ++at_arc[n];
        taken[n] = 0;
      }
    }
  }
  return true;
}

// SolveAllocation without copying the groups into the result (Allocate moves them).
Result<AllocationResult> SolveWithoutGroups(const AllocationModel& model) {
  const int group_count = static_cast<int>(model.groups.size());
  const int facility_count = static_cast<int>(model.facilities.size());
  std::vector<std::size_t> arc_end(group_count, 0);
  for (const auto& a : model.arcs) arc_end[a.group] += 1;
  for (int g = 1; g < group_count; ++g) arc_end[g] += arc_end[g - 1];

  // Each group's kCandidateArcs cheapest arcs (ties: facility input order) first.
  std::vector<char> use(model.arcs.size(), 0);
  std::vector<std::size_t> by_cost;
  for (int g = 0; g < group_count; ++g) {
    const std::size_t begin = ArcBegin(arc_end, g);
    if (arc_end[g] - begin <= kCandidateArcs) {
      std::fill(use.begin() + static_cast<std::ptrdiff_t>(begin),
                use.begin() + static_cast<std::ptrdiff_t>(arc_end[g]), 1);
      continue;
    }
    by_cost.clear();
    for (std::size_t i = begin; i < arc_end[g]; ++i) by_cost.push_back(i);
    std::nth_element(by_cost.begin(), by_cost.begin() + kCandidateArcs - 1, by_cost.end(),
                     [&](std::size_t x, std::size_t y) {
                       return model.arcs[x].cost != model.arcs[y].cost
                                  ? model.arcs[x].cost < model.arcs[y].cost
                                  : x < y;
                     });
    for (std::size_t k = 0; k < kCandidateArcs; ++k) use[by_cost[k]] = 1;
  }
  // Groups no facility may take are in no component: all their people are unplaced.
  Flow flow;
  flow.placed.assign(model.arcs.size(), 0);
  flow.unplaced.resize(group_count);
  for (int g = 0; g < group_count; ++g) flow.unplaced[g] = model.groups[g].size();
  for (const Component& component : Components(model, arc_end)) {
    for (;;) {
      Result<bool> optimal = SolveOver(model, arc_end, component, use, flow);
      if (!optimal.ok()) return optimal.status();
      if (*optimal) break;
    }
  }

  AllocationResult result;
  result.placements.reserve(static_cast<std::size_t>(group_count) + facility_count);
  std::vector<int> beds_left(facility_count);
  for (int f = 0; f < facility_count; ++f) beds_left[f] = model.facilities[f].free_beds;
  for (std::size_t i = 0; i < model.arcs.size(); ++i) {
    beds_left[model.arcs[i].facility] -= static_cast<int>(flow.placed[i]);
  }

  struct NoFacilityReport {
    std::tuple<Sex, int, int, bool, bool> key;  // sex, age_from, needs, pregnant, nursing
    std::vector<RuleCount> rules;
    std::string text;
  };
  std::vector<NoFacilityReport> no_facility;
  std::size_t next_arc = 0;
  int nearest_row = -1;  // the distance row nearest_any is for
  int nearest_any = -1;
  for (int g = 0; g < group_count; ++g) {
    const auto& group = model.groups[g];
    const bool has_arc = next_arc < arc_end[g];
    // The nearest facility (once per home) and the nearest the group may go to (its arcs come
    // in facility input order): the first of the nearest on ties, as a scan in input order.
    int nearest_allowed = -1;
    for (std::size_t i = next_arc; i < arc_end[g]; ++i) {
      if (nearest_allowed < 0 ||
          model.arcs[i].distance_m < model.arcs[nearest_allowed].distance_m) {
        nearest_allowed = static_cast<int>(i);
      }
    }
    if (nearest_allowed >= 0) nearest_allowed = model.arcs[nearest_allowed].facility;
    if (has_arc && model.distance_row[g] != nearest_row) {
      nearest_row = model.distance_row[g];
      const std::int64_t* distance =
          &model.distance_m[static_cast<std::size_t>(nearest_row) * facility_count];
      nearest_any = 0;
      for (int f = 1; f < facility_count; ++f) {
        if (distance[f] < distance[nearest_any]) nearest_any = f;
      }
    }
    for (; next_arc < arc_end[g]; ++next_arc) {
      const auto& a = model.arcs[next_arc];
      const auto count = static_cast<int>(flow.placed[next_arc]);
      if (count == 0) continue;
      Placement p;
      p.group = g;
      p.facility_code = model.facilities[a.facility].code;
      p.count = count;
      p.distance_m = a.distance_m;
      p.cost = a.cost;
      p.out_of_region = model.facilities[a.facility].region != group.home_region;
      Explain(model, beds_left, g, a.facility, nearest_any, nearest_allowed, p);
      result.placed += count;
      result.placement_cost += a.cost * count;
      result.distance_m += a.distance_m * count;
      result.placements.push_back(std::move(p));
    }
    const auto left = static_cast<int>(flow.unplaced[g]);
    if (left == 0) continue;
    Unplaced u;
    u.group = g;
    u.count = left;
    if (has_arc) {
      u.reason = UnplacedReason::kCapacityExhausted;
      u.explanation = UnplacedText(u, model.facilities.size());
    } else {
      // The rule counts depend on these fields only: groups that share them share the report.
      u.reason = UnplacedReason::kNoEligibleFacility;
      const auto key = std::make_tuple(group.sex, group.age_from, group.medical_needs,
                                       group.pregnant, group.nursing_infant_under_1);
      auto known = std::find_if(no_facility.begin(), no_facility.end(),
                                [&](const NoFacilityReport& r) { return r.key == key; });
      if (known == no_facility.end()) {
        u.rules = CountRules(group, model.facilities, model.options);
        no_facility.push_back({key, u.rules, UnplacedText(u, model.facilities.size())});
        known = no_facility.end() - 1;
      } else {
        u.rules = known->rules;
      }
      u.explanation = known->text;
    }
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
