// External medical treatment (外诊) records. Lists are scoped by the facility's place in the tree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/civil_time.h"

namespace huigui::store {

struct MedicalEventRow {
  int64_t id = 0;
  int64_t episode_id = 0;
  int64_t person_id = 0;
  std::string alias;
  std::string facility_code;
  std::string hospital;
  bool emergency_plan = false;
  std::vector<std::string> escorts;
  std::string reason;
  Date started_on;
  std::optional<Date> returned_on;
  std::string recorded_by;
};

class MedicalEventRepository {
 public:
  explicit MedicalEventRepository(soci::session& sql) : sql_(sql) {}

  int64_t Insert(const MedicalEventRow& event, int64_t facility_id, Timestamp now);
  void SetReturned(int64_t id, Date returned_on);
  // Events of facilities in the subtree (optionally one facility or one person), newest first.
  std::vector<MedicalEventRow> List(const std::string& scope_path,
                                    const std::optional<std::string>& facility_code,
                                    std::optional<int64_t> person_id);

 private:
  soci::session& sql_;
};

}  // namespace huigui::store
