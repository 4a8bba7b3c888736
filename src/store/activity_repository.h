// Facts for the activity indicators of an org subtree over a period (domain/activity.h), each
// read in one query per table with the org path of where it happened, so the app can bucket them
// by child org unit. Local (China Standard Time) day bounds are applied to timestamps in SQL:
// local date D runs from (D-1)T16:00:00Z to DT16:00:00Z.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/civil_time.h"

namespace huigui::store {

struct ActivityQuery {
  std::string scope_path;  // the org unit's path
  Date from;
  Date to;  // inclusive
};

struct PersonAt {
  int64_t person_id = 0;
  std::string path;  // org unit where it happened or is run
};

struct HandoverFact {
  std::string path;  // the receiving office
  Date report_due;
  std::optional<Timestamp> reported_in;
};

struct ContactFact {
  int64_t person_id = 0;
  std::string path;
  std::string kind;
};

struct ActionFact {
  std::string path;  // the facility running the episode
  std::string action;
};

struct ChildUnit {
  std::string code;
  std::string name;
  std::string path;
};

class ActivityRepository {
 public:
  explicit ActivityRepository(soci::session& sql) : sql_(sql) {}

  // Community detox and rehabilitation episodes run in the subtree that overlap the period.
  std::vector<PersonAt> UnderCommunityMeasures(const ActivityQuery& q);
  // Persons with a test taken (negative or positive) in the period, anywhere.
  std::vector<int64_t> PersonsTested(const ActivityQuery& q);
  // Persons for whom a lost-contact alert was raised in the period.
  std::vector<int64_t> PersonsLostContact(const ActivityQuery& q);
  // Handovers to offices in the subtree whose report-in fell due in the period.
  std::vector<HandoverFact> HandoversDue(const ActivityQuery& q);
  // Contacts recorded by aftercare stations in the subtree in the period.
  std::vector<ContactFact> AftercareContacts(const ActivityQuery& q);
  // admit and release actions dated in the period on compulsory isolation episodes run in the
  // subtree.
  std::vector<ActionFact> AdmissionsAndReleases(const ActivityQuery& q);
  // The direct children of the org unit at `path`, by code.
  std::vector<ChildUnit> Children(const std::string& path);

 private:
  soci::session& sql_;
};

}  // namespace huigui::store
