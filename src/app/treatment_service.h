// In-facility treatment (issue 4 §3): the individual treatment plan of a compulsory isolation
// episode, the sessions of its programmes, craving assessments, a person's craving trend and a
// facility's programme summary. Each public method is one transaction, scoped and audited like
// the rest: facility officers write for the residents of their facility, case workers read in
// their subtree, and the programme summary (aggregates only, small cells suppressed) is also
// open to analysts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "domain/craving.h"
#include "domain/outcomes.h"
#include "domain/treatment.h"
#include "store/continuum_repository.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/treatment_repository.h"

namespace huigui::app {

// Cells counting fewer persons than this (and more than none) are suppressed in aggregates: the
// one constant of docs/security.md, shared with the outcome indicators.
inline int MinCellPersons() { return SmallCellMinimum(); }

struct TreatmentPlanView {
  int64_t episode_id = 0;
  int64_t person_id = 0;
  std::string facility_code;
  std::optional<store::TreatmentPlanRow> plan;  // nullopt until the first PUT
  std::vector<ProgrammeProgress> progress;      // plan order
};

struct CravingTrend {
  int64_t person_id = 0;
  std::vector<store::CravingAssessmentRow> assessments;  // oldest first
  std::vector<store::TreatmentSessionRow> sessions;      // oldest first
  // Over the craving assessments' VAS (sessions' VAS are within-session figures: the
  // cue-induced stage raises craving on purpose). Nullopt with fewer than two assessments.
  std::optional<PersonCravingSummary> summary;
  std::optional<TreatmentPlanView> plan;  // of the open (else latest) episode with a plan
};

struct ProgrammeSummaryRow {
  Programme programme = Programme::kSystematicDesensitisation;
  // 1..MinCellPersons()-1 persons: every figure of the row is withheld.
  bool suppressed = false;
  int persons = 0;
  int sessions = 0;
  // Persons with two craving assessments or more at the facility; the two figures below are
  // withheld (figures_suppressed) when they are 1..MinCellPersons()-1.
  int persons_assessed = 0;
  bool figures_suppressed = false;
  std::optional<double> mean_change;
  std::optional<double> share_halved;
};

class TreatmentService {
 public:
  TreatmentService(store::Database& db, const store::KeyRing& keys) : db_(db), keys_(keys) {}

  Result<TreatmentPlanView> Plan(const RequestContext& ctx, int64_t episode_id);
  Result<TreatmentPlanView> PutPlan(const RequestContext& ctx, int64_t episode_id,
                                    const std::vector<ProgrammeSubmission>& programmes);

  Result<std::vector<store::TreatmentSessionRow>> Sessions(const RequestContext& ctx,
                                                           int64_t episode_id);
  // `officer`: the facility officer who ran the session; the recording user when not given.
  Result<store::TreatmentSessionRow> RecordSession(const RequestContext& ctx, int64_t episode_id,
                                                   const SessionSubmission& submission,
                                                   const std::optional<std::string>& officer);

  Result<std::vector<store::CravingAssessmentRow>> CravingAssessments(const RequestContext& ctx,
                                                                      int64_t person_id);
  // On the person's open compulsory isolation episode in the officer's facility.
  Result<store::CravingAssessmentRow> RecordCravingAssessment(
      const RequestContext& ctx, int64_t person_id, const CravingAssessmentSubmission& submission);

  Result<CravingTrend> Craving(const RequestContext& ctx, int64_t person_id);

  // Every programme, in kProgrammeNames order, for one facility or (any_unit) for the
  // facilities in any org unit's subtree: craving change by programme (issue 5 §2).
  Result<std::vector<ProgrammeSummaryRow>> ProgrammeSummary(const RequestContext& ctx,
                                                            const std::string& code,
                                                            bool any_unit = false);

 private:
  store::Database& db_;
  const store::KeyRing& keys_;
};

// The programme summary from a facility's attendance and craving readings (pure; suppression
// applied): per programme, the persons with a session, their sessions, and SummariseProgramme
// over those persons' readings.
std::vector<ProgrammeSummaryRow> SummariseProgrammes(
    const std::vector<store::ProgrammeAttendance>& attendance,
    const std::vector<std::pair<int64_t, CravingReading>>& readings);

}  // namespace huigui::app
