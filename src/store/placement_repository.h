// Units (大队) of a facility and the placements of persons in zones and units (issue 4 §1).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/civil_time.h"
#include "domain/status.h"
#include "domain/zone.h"

namespace huigui::store {

struct UnitRow {
  int64_t id = 0;
  std::string facility_code;
  std::string code;  // unique within the facility
  std::string name;
  std::vector<std::string> officers;  // usernames
};

struct PlacementRow {
  int64_t id = 0;
  int64_t episode_id = 0;
  int64_t person_id = 0;
  std::string facility_code;
  Zone zone = Zone::kDetox;
  int64_t unit_id = 0;
  std::string unit_code;
  std::string unit_name;
  Date date;
  std::string reason;
  std::string recorded_by;
  std::string recorded_at;
};

// Persons in a facility now (open, admitted compulsory isolation episodes run by it) by the zone
// and unit of their latest placement; those without a placement in this facility are unplaced.
struct Occupancy {
  std::map<Zone, int> by_zone;
  std::map<std::string, int> by_unit;  // unit code → persons
  int unplaced = 0;
};

class PlacementRepository {
 public:
  explicit PlacementRepository(soci::session& sql) : sql_(sql) {}

  // Conflict naming "code" when the facility already has a unit with this code.
  Result<int64_t> InsertUnit(int64_t facility_id, const UnitRow& unit, Timestamp now);
  void UpdateUnit(int64_t unit_id, const std::string& name,
                  const std::vector<std::string>& officers, Timestamp now);
  // Units of a facility, by code.
  std::vector<UnitRow> Units(int64_t facility_id);
  std::optional<UnitRow> FindUnit(int64_t facility_id, const std::string& code);

  int64_t InsertPlacement(const PlacementRow& placement, Timestamp now);
  // Placements of one episode, oldest first (by date, then as recorded).
  std::vector<PlacementRow> OfEpisode(int64_t episode_id);
  // Placements of one person in every episode, newest first.
  std::vector<PlacementRow> OfPerson(int64_t person_id);
  Occupancy OccupancyOf(int64_t facility_id);

 private:
  std::vector<PlacementRow> Query(const char* sql, int64_t id);
  soci::session& sql_;
};

}  // namespace huigui::store
