// The events of a person's care: episodes, contacts and drug tests, the timeline that merges
// them, and the per-person inputs of the worklist. Callers establish that the person is in scope
// (PersonRepository::FindInScope) before reading or writing their events; the worklist query is
// scoped itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/contact.h"
#include "domain/drug_test.h"
#include "domain/episode.h"

namespace huigui::store {

struct EpisodeRecord {
  Episode episode;
  std::string org_name;
};

struct TimelineRow {
  std::string type;  // registration, episode_start, episode_end, contact, drug_test,
                     // external_treatment, placement
  std::string at;    // timestamp or date text, sortable
  int64_t id = 0;
  std::string kind;
  std::string summary;
  std::string org_code;
  std::string recorded_by;
};

struct WorklistRow {
  int64_t person_id = 0;
  std::string alias;
  std::string home_code;
  std::string home_name;
  EpisodeKind kind = EpisodeKind::kCommunityDetox;
  Date episode_start;
  std::optional<Date> last_contact;  // local date of the latest contact
  std::optional<Date> last_test;     // local date of the latest test actually taken
};

class CareEventRepository {
 public:
  explicit CareEventRepository(soci::session& sql) : sql_(sql) {}

  int64_t InsertEpisode(const Episode& e, int64_t org_id, const std::string& recorded_by,
                        Timestamp now);
  std::vector<EpisodeRecord> ListEpisodes(int64_t person_id);
  bool HasOpenEpisodeOfKind(int64_t person_id, EpisodeKind kind);

  int64_t InsertContact(const Contact& c, int64_t org_id, Timestamp now);
  std::vector<Contact> ListContacts(int64_t person_id, int limit, int offset, int64_t* total);

  // Contacts by kind: of one person, or recorded by org units in a subtree (an aftercare
  // station and its staff), optionally from a date on.
  std::vector<std::pair<std::string, int64_t>> ContactCountsOfPerson(int64_t person_id);
  std::vector<std::pair<std::string, int64_t>> ContactCountsInSubtree(const std::string& path,
                                                                      const std::string& from,
                                                                      int64_t* persons);

  int64_t InsertDrugTest(const DrugTest& t, int64_t org_id, Timestamp now);
  std::vector<DrugTest> ListDrugTests(int64_t person_id, int limit, int offset, int64_t* total);

  // Newest first.
  std::vector<TimelineRow> Timeline(int64_t person_id, int limit);

  // One row per open episode of an in-scope person, with the dates of the latest contact and
  // latest test actually taken (local dates, UTC+8).
  std::vector<WorklistRow> WorklistInputs(const std::string& scope_path);

  // The local dates of one person's latest contact and latest test actually taken.
  std::pair<std::optional<Date>, std::optional<Date>> LastContactAndTest(int64_t person_id);

 private:
  soci::session& sql_;
};

}  // namespace huigui::store
