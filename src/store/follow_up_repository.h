// Follow-ups after release (回访) and the releases they follow. Callers check the person is in
// scope for person-keyed calls; Releases() applies the scope path in SQL.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/civil_time.h"
#include "domain/follow_up.h"

namespace huigui::store {

struct FollowUpRow {
  int64_t id = 0;
  int64_t person_id = 0;
  int64_t release_episode_id = 0;
  Timestamp at;
  Date date;  // local date of `at`
  FollowUpMethod method = FollowUpMethod::kPhone;
  FollowUpResult result = FollowUpResult::kAbstinent;
  std::string evidence;
  std::optional<int64_t> relapse_id;
  std::string recorded_by;
  std::string org_code;
};

// A person's latest release from compulsory isolation not followed by another isolation.
struct ReleaseRow {
  int64_t episode_id = 0;
  int64_t person_id = 0;
  Date release;               // the episode's end date
  std::string facility_code;  // the releasing facility
  std::string facility_name;
  std::string alias;
  std::string home_code;
  std::string home_name;
};

class FollowUpRepository {
 public:
  explicit FollowUpRepository(soci::session& sql) : sql_(sql) {}

  int64_t Insert(const FollowUpRow& row, int64_t org_id, Timestamp now);
  // Newest first.
  std::vector<FollowUpRow> OfPerson(int64_t person_id);
  // The follow-ups of each release episode, for scheduling.
  std::map<int64_t, std::vector<FollowUpFact>> FactsOfReleases(const std::vector<int64_t>& ids);
  // The latest release of `person_id`, if it is still the latest isolation.
  std::optional<ReleaseRow> LatestRelease(int64_t person_id);
  // The latest releases of persons whose home is in `scope_path`, released on or after `since`.
  std::vector<ReleaseRow> Releases(const std::string& scope_path, Date since);

 private:
  soci::session& sql_;
};

}  // namespace huigui::store
