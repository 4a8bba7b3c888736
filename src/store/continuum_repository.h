// Storage of the continuum of care: episode actions and the episode's derived columns, ownership
// history, handovers, alerts, risk assessments, relapses, absences and administrator settings.
// Scope is the caller's business for person-keyed reads (check the person with
// PersonRepository::FindInScope first); list queries that span persons take the scope path and
// apply it in SQL.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/breach.h"
#include "domain/legal_clock.h"
#include "domain/org_unit.h"
#include "domain/risk.h"
#include "domain/status.h"

namespace huigui::store {

struct EpisodeRow {
  int64_t id = 0;
  int64_t person_id = 0;
  EpisodeKind kind = EpisodeKind::kCommunityDetox;
  std::string org_code;
  std::string org_name;
  OrgUnitKind org_kind = OrgUnitKind::kTownship;
  std::string org_path;
  Date start_date;  // the order or decision date
  std::optional<Date> planned_end_date;
  std::optional<Date> end_date;
  std::string status;  // open, closed
  std::optional<std::string> end_reason;
  std::string decision_number;
  std::optional<std::string> deciding_org_code;
  bool recommitted_after_refusing_rehab = false;
  bool in_police_facility = false;
  int64_t version = 1;
};

struct ActionRow {
  int64_t id = 0;
  ActionRecord record;
  std::string recorded_at;
  std::string recorded_by;
  std::string org_code;
  std::string reason;
};

struct OwnerRow {
  int64_t episode_id = 0;
  EpisodeKind kind = EpisodeKind::kCommunityDetox;
  std::string org_code;
  std::string org_name;
  Date from_date;
  std::optional<Date> to_date;
  std::string reason;
};

struct HandoverRow {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string alias;
  int64_t from_episode_id = 0;
  std::string from_org_code, from_org_name, from_org_path;
  std::string to_org_code, to_org_name, to_org_path;
  Date release_date, notify_due, report_due;
  std::string status;  // open, acknowledged, completed
  std::optional<std::string> acknowledged_at, acknowledged_by, reported_in_at, agreement_at,
      escalated_at;
  std::string created_at;
};

struct AlertRow {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string alias;
  std::string kind;  // serious_breach, lost_contact, handover_late, relapse
  std::string org_code;
  std::string raised_at;
  std::string evidence;  // JSON
  std::string status;    // open, closed
  std::optional<std::string> closed_at;
};

struct RiskRow {
  int64_t id = 0;
  std::string assessed_at;
  RiskTier tier = RiskTier::kLow;
  int score = 0;
  std::string reasons;  // JSON array of {factor, points, detail}
  int model_version = 1;
  std::string trigger;
};

struct RelapseRow {
  int64_t id = 0;
  std::string at;
  std::string evidence;
  std::string source;  // recorded, positive_test
  std::optional<int64_t> drug_test_id;
  std::string recorded_by;
  std::string org_code;
};

struct AbsenceRow {
  AbsenceFact fact;
  std::string note;
  std::string recorded_by;
  std::string org_code;
};

// Risk factors recorded on the person.
struct PersonRiskAttributes {
  std::optional<int> first_use_year;
  std::optional<bool> employed;
  std::optional<bool> family_support;
  bool psychiatric_history = false;
};

// What the risk model reads of one person, loaded set-wise for a range of persons
// (ContinuumRepository::RiskInputsOf).
struct RiskInputs {
  std::string primary_substance;
  Date registration_date;
  PersonRiskAttributes attributes;
  int closed_episodes = 0;
  std::vector<TestFact> recent_tests;  // positive, refused or missed, on or after `since`
  std::optional<Timestamp> last_use;   // the latest positive test or relapse
  bool serious_breach = false;         // an open serious_breach alert
  bool lost_contact = false;           // an open lost_contact alert
  // The latest risk row's tier and score, when there is one.
  std::optional<std::pair<RiskTier, int>> latest;
};

// The facts the legal clock is computed from, read off an episode row and its actions (in the
// order taken).
EpisodeFacts EpisodeFactsOf(const EpisodeRow& e, const std::vector<ActionRow>& actions);

// The date of the first `admit` action (a transfer between facilities is not a new admission).
std::optional<Date> FirstAdmission(const std::vector<ActionRow>& actions);

class ContinuumRepository {
 public:
  explicit ContinuumRepository(soci::session& sql) : sql_(sql) {}

  // --- episodes and their actions
  std::optional<EpisodeRow> FindEpisode(int64_t episode_id);
  std::vector<EpisodeRow> EpisodesOfPerson(int64_t person_id);
  std::vector<ActionRow> Actions(int64_t episode_id);
  // Actions of many episodes at once, keyed by episode id.
  std::map<int64_t, std::vector<ActionRow>> ActionsOfEpisodes(const std::vector<int64_t>& ids);
  int64_t InsertAction(int64_t episode_id, const ActionRecord& action, const std::string& params,
                       const std::string& reason, const std::string& recorded_by, int64_t org_id,
                       Timestamp now);
  // Writes the derived columns after an action; Conflict when `expected_version` is stale.
  Status UpdateEpisode(const EpisodeRow& episode, int64_t expected_version);
  void SetEpisodeFlags(int64_t episode_id, std::optional<std::string> deciding_org_code,
                       bool recommitted, bool in_police_facility);

  // --- statutory notices
  void InsertNotice(int64_t episode_id, const NoticeRecord& notice, const std::string& note,
                    const std::string& recorded_by, int64_t org_id, Timestamp now);
  std::map<int64_t, std::vector<NoticeRecord>> NoticesOfEpisodes(const std::vector<int64_t>& ids);

  // --- ownership history
  std::vector<OwnerRow> Owners(int64_t person_id);
  void TransferOwner(int64_t episode_id, int64_t person_id, int64_t to_org_id, Date date,
                     const std::string& reason);

  // --- handovers
  int64_t InsertHandover(int64_t person_id, int64_t from_episode_id, int64_t from_org_id,
                         int64_t to_org_id, Date release, Date notify_due, Date report_due,
                         Timestamp now);
  // Handovers where either side is in scope.
  std::optional<HandoverRow> FindHandover(int64_t id, const std::string& scope_path);
  std::vector<HandoverRow> Handovers(const std::string& scope_path,
                                     const std::optional<std::string>& status,
                                     std::optional<int64_t> person_id);
  void UpdateHandover(const HandoverRow& handover);

  // --- alerts
  // Opens an alert unless one with the same key is open; returns its id either way, and sets
  // `*opened` when this call inserted it.
  int64_t OpenAlert(int64_t person_id, const std::string& kind, int64_t org_id,
                    const std::string& evidence, const std::string& dedupe_key, Timestamp now,
                    bool* opened = nullptr);
  // Closes the open alert with this key, if any.
  void CloseAlert(const std::string& dedupe_key, Timestamp now);
  bool HasOpenAlert(int64_t person_id, const std::string& kind);
  std::optional<AlertRow> FindAlert(int64_t id, const std::string& scope_path);
  void CloseAlertById(int64_t id, Timestamp now);
  // Alerts whose owner org or whose person's home lies in scope, newest first.
  std::vector<AlertRow> Alerts(const std::string& scope_path, std::optional<int64_t> person_id,
                               const std::optional<std::string>& status,
                               const std::optional<std::string>& kind, int limit, int offset,
                               int64_t* total);

  // --- risk
  void InsertRisk(int64_t person_id, const RiskResult& result, const std::string& reasons_json,
                  int model_version, const std::string& trigger, Timestamp now);
  std::optional<RiskRow> LatestRisk(int64_t person_id);
  std::vector<RiskRow> RiskHistory(int64_t person_id);
  // Latest tier of every person who has one.
  std::map<int64_t, RiskTier> LatestTiers();

  // --- facts for the risk model and breach detection
  PersonRiskAttributes RiskAttributes(int64_t person_id);
  void SetRiskAttributes(int64_t person_id, const PersonRiskAttributes& attributes);
  int ClosedEpisodes(int64_t person_id);
  std::vector<TestFact> Tests(int64_t person_id);
  std::optional<Timestamp> LastEvidenceOfUse(int64_t person_id);
  // The risk inputs of every person with an id in [first, last], keyed by person id, in one
  // query per table; tests before local date `since` are left out.
  std::map<int64_t, RiskInputs> RiskInputsOf(int64_t first, int64_t last, Date since);

  // --- relapses and absences
  int64_t InsertRelapse(int64_t person_id, Timestamp at, const std::string& evidence,
                        const std::string& source, std::optional<int64_t> drug_test_id,
                        const std::string& recorded_by, int64_t org_id, Timestamp now);
  std::vector<RelapseRow> Relapses(int64_t person_id);
  int64_t InsertAbsence(int64_t person_id, const AbsenceFact& absence, const std::string& note,
                        const std::string& recorded_by, int64_t org_id, Timestamp now);
  std::vector<AbsenceRow> Absences(int64_t person_id);

  // --- settings (JSON documents)
  std::optional<std::string> Setting(const std::string& name);
  void PutSetting(const std::string& name, const std::string& value, const std::string& by,
                  Timestamp now);

  // --- bulk inputs for worklists: open episodes of persons in scope
  std::vector<EpisodeRow> OpenEpisodesInScope(const std::string& scope_path);
  // Every person id with an open episode (for re-derivation after a rule change).
  std::vector<int64_t> PersonsWithOpenEpisodes();
  // The next `limit` of them with an id above `after`, in id order (batched re-derivation).
  std::vector<int64_t> PersonsWithOpenEpisodesAfter(int64_t after, int limit);

 private:
  soci::session& sql_;
};

}  // namespace huigui::store
