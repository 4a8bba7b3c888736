// Facility profiles and the facts of their capacity view.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/civil_time.h"

namespace huigui::store {

struct FacilityProfile {
  std::string kind;   // police_isolation, justice_isolation, voluntary
  std::string sexes;  // male, female, both
  int min_age = 16;
  int max_age = 99;
  int beds = 0;
  int medical_level = 0;  // 0 basic, 1 infirmary, 2 hospital wing
  double latitude = 0;
  double longitude = 0;
};

struct CapacityFacts {
  int occupied = 0;                       // open compulsory isolation episodes admitted here
  std::map<std::string, int> admissions;  // "YYYY-MM" → admit actions at this facility
  std::map<std::string, int> releases;    // "YYYY-MM" → release actions
  std::map<std::string, int> expected;    // "YYYY-MM" → open episodes whose term ends then
};

class FacilityRepository {
 public:
  explicit FacilityRepository(soci::session& sql) : sql_(sql) {}

  void Put(int64_t org_id, const FacilityProfile& profile, Timestamp now);
  std::optional<FacilityProfile> Find(int64_t org_id);
  // Open compulsory isolation episodes admitted here (the occupied beds).
  int Occupied(int64_t org_id);
  // Actions from `since` on, and terms ending up to `until`.
  CapacityFacts Capacity(int64_t org_id, Date since, Date until);

 private:
  soci::session& sql_;
};

}  // namespace huigui::store
