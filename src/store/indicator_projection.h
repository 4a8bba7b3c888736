// The live indicator projection (issue 5 §3): every fact the outcome and activity indicators
// count, held in memory per person in compact integer columns (days, dense org indices), kept
// current from the audit log — the database's ordered event sequence — instead of batch runs.
//
// Why the audit log: every write appends its audit row in the writing transaction, and appends
// serialize on the audit head row (store/audit_log.h), so audit order is commit order. A server
// that has applied the log up to seq S has seen every write committed before S's. CatchUp reads
// the rows after the applied position and re-reads, for each person a write touched, that
// person's facts from the tables (idempotent: a refresh reads the current state, so re-applying
// or reading a newer state than the row describes is harmless). Writes without a person (facility
// profiles) reload the facility columns. Every indicator read catches up first, in its own
// transaction, so a write acknowledged by any server shows in the next indicator read on every
// server; a background poll keeps the gap small (docs/architecture.md, "Live indicators").
//
// Org units are indexed in path order, so an org unit's subtree is the index range
// [index, end); a query visits the persons indexed under the orgs of that range once each.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/civil_time.h"
#include "domain/dashboard.h"
#include "domain/outcomes.h"
#include "store/database.h"

namespace huigui::store {

inline constexpr int32_t kNoDay = INT32_MAX;

struct ProjectedOrg {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string kind;
  std::string path;
  int32_t end = 0;   // one past the last index of the subtree
  int32_t beds = 0;  // facility profile
};

// A release from compulsory isolation with its outcome, computed when the person's facts are read.
struct ProjectedRelease {
  int64_t episode_id = 0;
  int32_t day = 0;         // release date (days since epoch)
  int32_t facility = 0;    // org index of the releasing facility
  uint8_t programmes = 0;  // bit per Programme with at least one session in the episode
  int32_t days = 0;        // observation: days to first use, or censoring day
  bool relapsed = false;
  bool observed = false;
  bool three_years_abstinent = false;
  bool reached = false;    // latest reaching follow-up ...
  bool abstinent = false;  // ... found abstinence
};

struct ProjectedSpan {  // community detox / rehabilitation episode
  int32_t org = 0;
  int32_t start = 0;
  int32_t end = kNoDay;
};

struct ProjectedAction {  // admit / release of a compulsory isolation episode
  int32_t org = 0;
  int32_t day = 0;
  bool admit = false;
};

struct ProjectedHandover {
  int32_t org = 0;  // receiving office
  int32_t due = 0;
  int32_t reported = kNoDay;  // local date of report-in
};

struct ProjectedContact {  // recorded by an aftercare station
  int32_t org = 0;
  int32_t day = 0;
  uint8_t kind = 0;  // kContactKindNames index
};

struct ProjectedPerson {
  int64_t id = 0;
  int32_t home = -1;
  uint8_t sex = 0;                  // index into the projection's sex names
  bool gone = false;                // an episode ended by death or leaving the country
  int32_t last_use = kNoDay;        // registration, relapses, positive tests, relapsed follow-ups
  int32_t last_abstinent = kNoDay;  // negative tests, abstinent follow-ups (latest)
  int32_t occupying = -1;           // facility index while admitted to compulsory isolation
  std::vector<int32_t> tests;       // local days of tests with a result, sorted
  std::vector<int32_t> lost;        // local days of lost-contact alerts, sorted
  std::vector<ProjectedRelease> releases;
  std::vector<ProjectedSpan> community;
  std::vector<ProjectedAction> actions;
  std::vector<ProjectedHandover> handovers;
  std::vector<ProjectedContact> aftercare;
};

// One release of a cohort as the outcome indicators need it.
struct CohortEntry {
  int64_t person_id = 0;
  const std::string* sex = nullptr;
  const ProjectedRelease* release = nullptr;
  const ProjectedOrg* facility = nullptr;
};

// Activity counts of one bucket (a child's subtree, the unit's own records, or the whole).
struct ActivityCounts {
  int under = 0, tested = 0, lost = 0, due = 0, on_time = 0, aftercare_persons = 0, contacts = 0,
      admissions = 0, releases = 0;
  std::map<std::string, int> by_kind;
};

struct ProjectionStats {
  int64_t position = 0;  // audit seq applied
  int64_t persons = 0;
  int64_t facts = 0;
  int64_t refreshed = 0;  // person refreshes since load
  double load_seconds = 0;
};

class IndicatorProjection {
 public:
  IndicatorProjection() = default;
  IndicatorProjection(const IndicatorProjection&) = delete;
  IndicatorProjection& operator=(const IndicatorProjection&) = delete;

  // Reads every fact (the audit position first, so nothing committed later is missed).
  void Load(soci::session& sql);
  // Applies the audit rows after the position (loading first when nothing is loaded yet);
  // returns how many rows were read.
  int64_t CatchUp(soci::session& sql);
  // The same on a session of its own, outside any transaction: what a read does before it opens
  // its transaction, so a first load does not hold a write lock.
  int64_t CatchUp(Database& db);
  bool loaded() const { return loaded_.load(); }
  ProjectionStats Stats() const;

  // --- queries (each takes the shared lock) ---------------------------------------------------

  // The org index of `code`, or nullopt.
  std::optional<int32_t> OrgIndex(const std::string& code) const;
  // The direct children of an org index, by code.
  std::vector<int32_t> Children(int32_t org) const;
  const ProjectedOrg& Org(int32_t index) const { return orgs_[index]; }

  // Releases dated from..to whose person lives in the subtree of `org` or whose releasing
  // facility is in it, by release date then episode id; `visit` runs under the shared lock.
  void Cohort(int32_t org, Date from, Date to,
              const std::function<void(const std::vector<CohortEntry>&)>& visit) const;

  // Activity of the subtree of `org` over from..to: one bucket per child (in `children` order),
  // then the unit's own records, then the total.
  std::vector<ActivityCounts> Activity(int32_t org, const std::vector<int32_t>& children, Date from,
                                       Date to) const;

  // The dashboard of `org` (domain/dashboard.h).
  DashboardFigures Dashboard(int32_t org, Date from, Date to, Date today) const;

  // One raw pass over the columns a dashboard of `org` reads (the floor the benchmark quotes):
  // sums every value once, computing nothing.
  int64_t RawPass(int32_t org) const;

 private:
  void LoadLocked(soci::session& sql);
  void LoadOrgs(soci::session& sql);
  void LoadFacilities(soci::session& sql);
  // Reads the facts of every person (person_id = 0) or of one person.
  void ReadPersons(soci::session& sql, int64_t person_id);
  void Index(int32_t slot);
  void Unindex(int32_t slot);
  int32_t SlotOf(int64_t person_id);
  template <typename Visit>
  void VisitSubtree(int32_t org, Visit&& visit) const;

  // The one pass every query shares (shared lock held): the figures of each child's subtree (in
  // `children` order), of the unit's own records, and of the whole; the 12-month trend; one
  // survival observation per release of the cohort, grouped by desensitisation.
  struct Tally {
    std::vector<UnitFigures> units;
    std::vector<MonthFigures> trend;
    std::vector<SurvivalObservation> observations;
  };
  Tally Count(int32_t org, const std::vector<int32_t>& children, Date from, Date to,
              Date today) const;

  mutable std::shared_mutex mutex_;
  std::atomic<bool> loaded_{false};
  int64_t position_ = 0;
  int64_t refreshed_ = 0;
  double load_seconds_ = 0;
  std::vector<std::string> sexes_;  // distinct persons.sex values
  std::vector<ProjectedOrg> orgs_;  // path order
  std::map<int64_t, int32_t> org_by_id_;
  std::map<std::string, int32_t> org_by_code_;
  std::vector<int32_t> slot_by_id_;  // person id → slot (-1 none)
  std::vector<ProjectedPerson> persons_;
  std::vector<std::vector<int32_t>> at_org_;  // org index → slots with a fact there
};

}  // namespace huigui::store
