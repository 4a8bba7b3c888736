// Treatment plans, sessions and craving assessments (issue 4 §3). Callers check the person or
// episode is in scope; the facility queries serve aggregate figures only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/civil_time.h"
#include "domain/craving.h"
#include "domain/treatment.h"

namespace huigui::store {

struct TreatmentPlanRow {
  int64_t id = 0;
  int64_t episode_id = 0;
  std::vector<PlannedProgramme> programmes;  // plan order
  std::string created_by, created_at, updated_by, updated_at;
};

struct TreatmentSessionRow {
  int64_t id = 0;
  int64_t episode_id = 0;
  int64_t person_id = 0;
  std::string facility_code;
  TreatmentSession session;
  std::string officer;
  std::string recorded_by;
};

struct CravingAssessmentRow {
  int64_t id = 0;
  int64_t person_id = 0;
  int64_t episode_id = 0;
  std::string facility_code;
  CravingAssessment assessment;
  std::string recorded_by;
};

// One person's sessions of one programme at a facility.
struct ProgrammeAttendance {
  int64_t person_id = 0;
  Programme programme = Programme::kSystematicDesensitisation;
  int sessions = 0;
};

class TreatmentRepository {
 public:
  explicit TreatmentRepository(soci::session& sql) : sql_(sql) {}

  std::optional<TreatmentPlanRow> FindPlan(int64_t episode_id);
  // Creates the plan of the episode or replaces its programmes; returns the plan as stored.
  TreatmentPlanRow PutPlan(int64_t episode_id, int64_t person_id,
                           const std::vector<PlannedProgramme>& programmes, const std::string& by,
                           Timestamp now);

  int64_t InsertSession(const TreatmentSessionRow& row, int64_t facility_id, Timestamp now);
  // Oldest first (by date, then as recorded).
  std::vector<TreatmentSessionRow> Sessions(int64_t episode_id);
  std::vector<TreatmentSessionRow> SessionsOfPerson(int64_t person_id);

  int64_t InsertCravingAssessment(const CravingAssessmentRow& row, int64_t facility_id,
                                  Timestamp now);
  // Oldest first.
  std::vector<CravingAssessmentRow> CravingAssessments(int64_t person_id);

  // For the programme summary of one facility: sessions per person and programme, and the VAS
  // readings of the craving assessments recorded there (oldest first).
  // Sessions and craving readings recorded by the facilities in the subtree at `path`.
  std::vector<ProgrammeAttendance> Attendance(const std::string& path);
  std::vector<std::pair<int64_t, CravingReading>> FacilityCravingReadings(const std::string& path);

 private:
  std::vector<TreatmentSessionRow> ListSessions(const char* query, int64_t id);
  soci::session& sql_;
};

}  // namespace huigui::store
