// The continuum of care (issue: legal clock, handover, aftercare, dynamic risk control): episode
// actions validated by the legal clock, handovers on release, alerts (serious breach, loss of
// supervision, late handover, relapse), risk tiers recomputed on every event that feeds them,
// and obligations derived from the clock and the tiered schedule. Each public method is one
// transaction, scoped and audited like the spine's.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/person_service.h"
#include "app/request_context.h"
#include "domain/assessment.h"
#include "domain/breach.h"
#include "domain/follow_up.h"
#include "domain/legal_clock.h"
#include "domain/obligations.h"
#include "domain/risk.h"
#include "store/assessment_repository.h"
#include "store/continuum_repository.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/follow_up_repository.h"
#include "store/medical_event_repository.h"

namespace huigui::app {

struct EpisodeView {
  store::EpisodeRow episode;
  ClockState clock;
  std::vector<store::ActionRow> actions;
  std::optional<int64_t> created_episode_id;  // escalate, order_community_rehab, enrol_aftercare
  std::optional<int64_t> handover_id;         // release
};

// An action as posted: {"action", "at", ...}.
struct ActionInput {
  EpisodeAction action = EpisodeAction::kReportIn;
  Timestamp at;
  std::optional<bool> approved;
  std::optional<bool> assessment_passed;
  int extension_days = 0;
  std::optional<EndReason> end_reason;
  std::optional<std::string> org_unit;  // transfer target, escalation facility, new episode owner
  std::string decision_number;
  std::string reason;            // free text: why
  int64_t expected_version = 0;  // 0: do not check
};

struct ObligationView {
  Obligation obligation;
  std::string owner_org;  // the org unit code that must act
  EpisodeKind episode_kind = EpisodeKind::kCommunityDetox;
};

struct PersonObligations {
  RiskTier tier = RiskTier::kLow;
  std::vector<ObligationView> obligations;
  std::optional<LostContact> lost_contact;
  bool under_dynamic_control = true;
};

struct RiskView {
  RiskResult current;
  int model_version = 1;
  std::vector<store::RiskRow> history;
  bool under_dynamic_control = true;
  std::optional<int> days_abstinent;
};

struct ContinuumWorkItem {
  int64_t person_id = 0;
  std::string alias;
  std::string home_code, home_name;
  EpisodeKind kind = EpisodeKind::kCommunityDetox;
  int64_t episode_id = 0;
  RiskTier tier = RiskTier::kLow;
  std::optional<Date> contact_due, test_due;
  Date next_due;
  std::string next_kind;
  int overdue_days = 0;
  bool overdue = false;
};

// A follow-up as submitted (回访).
struct FollowUpInput {
  Timestamp at;
  FollowUpMethod method = FollowUpMethod::kPhone;
  FollowUpResult result = FollowUpResult::kAbstinent;
  std::string evidence;
};

// A person's follow-ups and where their schedule stands.
struct FollowUpView {
  std::optional<store::ReleaseRow> release;  // the release followed up; none: never released
  FollowUpSchedule schedule;
  std::vector<store::FollowUpRow> items;  // newest first
};

struct RederiveReport {
  int persons = 0;
  int tiers_changed = 0;
  double milliseconds = 0;
  int batches = 0;               // transactions committed
  double longest_batch_ms = 0;   // the longest of them: how long writers may wait
  int64_t resumed_after = 0;     // the pass continued after this person id (0: from the start)
  bool already_current = false;  // today's pass under this model had completed: nothing done
  bool stopped = false;          // stopped at the caller's request; the next run continues
};

struct RederiveOptions {
  int batch_size = 2000;                                // persons per transaction
  std::function<void(const RederiveReport&)> progress;  // after each batch, with totals so far
  std::function<bool()> stop;                           // asked before each batch
};

// The clock of an episode today as GetEpisode computes it (its actions and notices applied), for
// services that act on a person in a facility (treatment).
ClockState EpisodeClock(store::ContinuumRepository& repo, const store::EpisodeRow& episode,
                        Date today);

class ContinuumService : public CareEventObserver {
 public:
  ContinuumService(store::Database& db, const store::KeyRing& keys) : db_(db), keys_(keys) {}

  Result<EpisodeView> GetEpisode(const RequestContext& ctx, int64_t episode_id);
  Result<EpisodeView> TakeAction(const RequestContext& ctx, int64_t episode_id,
                                 const ActionInput& input);
  // TakeAction inside the caller's transaction (an allocation's approval admits many episodes in
  // one): the same checks, writes and audit row; the caller commits or rolls back.
  Result<EpisodeView> TakeActionIn(store::Transaction& tx, const RequestContext& ctx,
                                   int64_t episode_id, const ActionInput& input);
  // Records a statutory notice (family_notice, release_notice, township_notice) as given.
  Result<EpisodeView> RecordNotice(const RequestContext& ctx, int64_t episode_id,
                                   const std::string& kind, Timestamp at, const std::string& note);
  // 诊断评估: recorded on a compulsory isolation episode in a facility; a passing comprehensive
  // assessment after one year is what makes early release proposable.
  Result<store::AssessmentRow> RecordAssessment(const RequestContext& ctx, int64_t episode_id,
                                                const AssessmentSubmission& submission);
  Result<std::vector<store::AssessmentRow>> Assessments(const RequestContext& ctx,
                                                        int64_t episode_id);
  // 外诊: external medical treatment of a person in the facility, and the return.
  Result<store::MedicalEventRow> RecordExternalTreatment(const RequestContext& ctx,
                                                         int64_t episode_id,
                                                         store::MedicalEventRow event);
  Result<store::MedicalEventRow> ReturnFromTreatment(const RequestContext& ctx, int64_t event_id,
                                                     Date returned_on);
  Result<std::vector<store::MedicalEventRow>> ExternalTreatments(
      const RequestContext& ctx, const std::optional<std::string>& facility,
      std::optional<int64_t> person);
  Result<std::vector<store::OwnerRow>> Ownership(const RequestContext& ctx, int64_t person_id);

  Result<PersonObligations> Obligations(const RequestContext& ctx, int64_t person_id);
  Result<RiskView> Risk(const RequestContext& ctx, int64_t person_id);
  // Risk factors recorded on the person (employment, family, psychiatric history, first use).
  Result<RiskView> SetRiskAttributes(const RequestContext& ctx, int64_t person_id,
                                     const store::PersonRiskAttributes& attributes);

  Result<std::vector<store::HandoverRow>> Handovers(const RequestContext& ctx,
                                                    const std::optional<std::string>& status);
  Result<store::HandoverRow> AcknowledgeHandover(const RequestContext& ctx, int64_t id);
  Result<store::HandoverRow> HandoverReportIn(const RequestContext& ctx, int64_t id, Timestamp at);
  Result<store::HandoverRow> HandoverAgreement(const RequestContext& ctx, int64_t id, Timestamp at);

  Result<Page<store::AlertRow>> Alerts(const RequestContext& ctx, std::optional<int64_t> person,
                                       const std::optional<std::string>& status,
                                       const std::optional<std::string>& kind, int limit,
                                       int offset);
  Result<store::AlertRow> CloseAlert(const RequestContext& ctx, int64_t id,
                                     const std::string& note);

  Result<store::RelapseRow> RecordRelapse(const RequestContext& ctx, int64_t person_id,
                                          Timestamp at, const std::string& evidence);
  Result<std::vector<store::RelapseRow>> Relapses(const RequestContext& ctx, int64_t person_id);
  // 回访 after release from compulsory isolation. A follow-up that finds a relapse records the
  // relapse too (alert, risk), in the same transaction.
  Result<store::FollowUpRow> RecordFollowUp(const RequestContext& ctx, int64_t person_id,
                                            const FollowUpInput& input);
  Result<FollowUpView> FollowUps(const RequestContext& ctx, int64_t person_id);
  Result<FollowUpCadence> GetFollowUpCadence(const RequestContext& ctx);
  Result<FollowUpCadence> PutFollowUpCadence(const RequestContext& ctx,
                                             const FollowUpCadence& cadence);
  Result<store::AbsenceRow> RecordAbsence(const RequestContext& ctx, int64_t person_id,
                                          const AbsenceFact& absence, const std::string& note);
  Result<std::vector<store::AbsenceRow>> Absences(const RequestContext& ctx, int64_t person_id);

  // 后续照管 counts: contacts by kind for one person, and for an aftercare station (or any org
  // unit's subtree: the contacts its staff recorded) since `from`.
  struct ContactCounts {
    std::vector<std::pair<std::string, int64_t>> by_kind;  // every kind, zeros included
    int64_t total = 0;
    int64_t persons = 0;
  };
  Result<ContactCounts> PersonContactCounts(const RequestContext& ctx, int64_t person_id);
  Result<ContactCounts> OrgContactCounts(const RequestContext& ctx, const std::string& org_code,
                                         std::optional<Date> from);

  // Persons in scope with something due within the horizon or overdue: high risk first, then
  // the most overdue.
  Result<Page<ContinuumWorkItem>> Worklist(const RequestContext& ctx, std::optional<bool> overdue,
                                           int limit, int offset);

  // Recomputes the tier of everyone with an open episode for the day of `now` (run by `serve`
  // at start and then hourly), since time alone moves six-month windows and time abstinent.
  // Persons go in id order in batches, each its own write transaction that also records how far
  // the day's pass has got (settings.tier_rederivation): a pass stopped or killed midway
  // continues after the last committed batch, and a pass completed today under the current
  // model version is not repeated (events recompute their person's tier as they are written).
  Result<RederiveReport> RederiveTiers(Timestamp now, const RederiveOptions& options = {});

  // Administrator settings; a change re-derives every person's tier (and so obligations).
  Result<RiskModel> GetRiskModel(const RequestContext& ctx);
  Result<RederiveReport> PutRiskModel(const RequestContext& ctx, const RiskModel& model);
  Result<std::vector<IntervalRule>> GetIntervals(const RequestContext& ctx);
  Result<RederiveReport> PutIntervals(const RequestContext& ctx,
                                      const std::vector<IntervalRule>& rules);

  // Called after the spine records a test or contact: relapse on a positive test, breach check,
  // risk recomputation, lost-contact closing. Runs in the caller's transaction.
  void AfterEvent(store::Transaction& tx, const RequestContext& ctx, int64_t person_id,
                  const std::string& trigger, std::optional<int64_t> positive_test_id,
                  std::optional<Timestamp> positive_at, const std::string& substances) override;
  // Recomputes the person's tier after a change to their record or a new episode.
  void AfterPersonChange(store::Transaction& tx, const RequestContext& ctx, int64_t person_id,
                         const std::string& trigger) override;

  // Raises time-driven alerts in the actor's scope: late handovers (escalated to the director
  // above both sides) and loss of supervision. Idempotent; run before alert and handover reads.
  void Sweep(store::Transaction& tx, const RequestContext& ctx);

 private:
  store::Database& db_;
  const store::KeyRing& keys_;
};

}  // namespace huigui::app
