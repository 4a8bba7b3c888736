// Diagnostic assessments of an episode (诊断评估). Callers check the episode's person is in scope.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/assessment.h"

namespace huigui::store {

struct AssessmentRow {
  int64_t id = 0;
  int64_t episode_id = 0;
  Assessment assessment;
  AssessmentOutcome outcome;
  std::string recorded_by;
  std::string org_code;
};

class AssessmentRepository {
 public:
  explicit AssessmentRepository(soci::session& sql) : sql_(sql) {}

  int64_t Insert(int64_t episode_id, const Assessment& assessment, const AssessmentOutcome& outcome,
                 const std::string& recorded_by, int64_t org_id, Timestamp now);
  // Oldest first.
  std::vector<AssessmentRow> List(int64_t episode_id);
  // The kinds recorded on each episode (obligations: a recorded kind is done). One prepared
  // statement executed per episode, like ContinuumRepository::ActionsOfEpisodes.
  std::map<int64_t, std::vector<AssessmentKind>> KindsOfEpisodes(const std::vector<int64_t>& ids);

 private:
  soci::session& sql_;
};

}  // namespace huigui::store
