// Outcome indicators (issue 5 §2): the release cohort of an org subtree and period, and the dated
// evidence about its persons, each read in one query per table (no per-person queries). The
// assembly into observations is pure (domain/outcomes.h).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/civil_time.h"
#include "domain/follow_up.h"
#include "domain/outcomes.h"

namespace huigui::store {

// Releases from compulsory isolation (closed as released or released early) dated from..to
// (inclusive) of persons whose home unit or whose releasing facility is in `scope_path`.
struct CohortQuery {
  std::string scope_path;
  Date from;
  Date to;
};

struct CohortRelease {
  int64_t episode_id = 0;
  int64_t person_id = 0;
  Date release;
  std::optional<Date> next_isolation;
  std::string facility_code;  // the releasing facility
  std::string facility_name;
  std::string sex;
};

struct CohortFollowUp {
  int64_t release_episode_id = 0;
  int64_t person_id = 0;
  FollowUpFact fact;
};

class IndicatorRepository {
 public:
  explicit IndicatorRepository(soci::session& sql) : sql_(sql) {}

  // Ordered by release date, then episode id.
  std::vector<CohortRelease> Releases(const CohortQuery& q);
  // Relapse rows and positive / negative tests of the cohort's persons dated on or after the
  // first day of the period (local dates).
  std::vector<Evidence> TestAndRelapseEvidence(const CohortQuery& q);
  // Follow-ups of the cohort's persons dated on or after the first day of the period.
  std::vector<CohortFollowUp> FollowUps(const CohortQuery& q);
  // The cohort's release episodes with at least one session of `programme`.
  std::set<int64_t> EpisodesWithProgramme(const CohortQuery& q, const std::string& programme);

 private:
  soci::session& sql_;
};

}  // namespace huigui::store
