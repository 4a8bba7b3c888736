// The facility safety register (六无). Lists are scoped by the facility's place in the org tree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/safety.h"

namespace huigui::store {

struct IncidentRow {
  int64_t id = 0;
  std::string facility_code;
  std::string facility_name;
  SafetyCategory category = SafetyCategory::kDrugsEntering;
  Date occurred_on;
  std::string description;
  std::string follow_up;
  std::optional<int64_t> person_id;
  std::optional<int64_t> episode_action_id;
  std::string recorded_by;
};

class SafetyRepository {
 public:
  explicit SafetyRepository(soci::session& sql) : sql_(sql) {}

  int64_t Insert(int64_t facility_id, const IncidentRow& incident, Timestamp now);
  // Incidents of facilities in the subtree, newest first; optional facility and category.
  std::vector<IncidentRow> List(const std::string& scope_path,
                                const std::optional<std::string>& facility_code,
                                const std::optional<SafetyCategory>& category);
  // The latest abscond action of the person's episodes at the facility, if any.
  std::optional<int64_t> LatestAbscond(int64_t person_id, int64_t facility_id);

 private:
  soci::session& sql_;
};

}  // namespace huigui::store
