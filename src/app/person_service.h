// The use cases on persons under care and their records. Each public method is one transaction:
// it checks the actor's role (Can), finds the person through a scoped query (so an out-of-scope
// person is NotFound), validates with the domain rules, writes, and appends the audit row — all
// or nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "domain/contact.h"
#include "domain/drug_test.h"
#include "domain/episode.h"
#include "domain/person.h"
#include "store/audit_log.h"
#include "store/care_event_repository.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/person_repository.h"

namespace huigui::app {

struct PersonView {
  store::PersonRecord record;
  std::optional<store::EpisodeRecord> current_episode;
};

struct NewPerson {
  Person person;
  std::optional<Identity> identity;
};

// A partial update: only the fields present change.
struct PersonPatch {
  std::optional<std::string> alias;
  std::optional<Sex> sex;
  std::optional<int> birth_year;
  std::optional<std::string> home_org_code;
  std::optional<std::string> primary_substance;
  std::optional<Identity> identity;
};

struct SearchParams {
  std::optional<std::string> alias_prefix;
  std::optional<std::string> id_number;
  std::optional<std::string> org_code;
  int limit = 50;
  int offset = 0;
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

class CareEventObserver {
 public:
  virtual ~CareEventObserver() = default;
  virtual void AfterEvent(store::Transaction& tx, const RequestContext& ctx, int64_t person_id,
                          const std::string& trigger, std::optional<int64_t> positive_test_id,
                          std::optional<Timestamp> positive_at, const std::string& substances) = 0;
  // Called after a person's record changed or an episode opened, in the caller's transaction:
  // what is derived from the person (the risk tier) follows at once.
  virtual void AfterPersonChange(store::Transaction& tx, const RequestContext& ctx,
                                 int64_t person_id, const std::string& trigger) {}
};

class PersonService {
 public:
  PersonService(store::Database& db, const store::KeyRing& keys,
                CareEventObserver* observer = nullptr)
      : db_(db), keys_(keys), observer_(observer) {}

  Result<PersonView> Create(const RequestContext& ctx, const NewPerson& input);
  Result<PersonView> Get(const RequestContext& ctx, int64_t id);
  Result<Page<PersonView>> Search(const RequestContext& ctx, const SearchParams& params);
  Result<PersonView> Update(const RequestContext& ctx, int64_t id, const PersonPatch& patch,
                            int64_t expected_version);
  Result<Identity> RevealIdentity(const RequestContext& ctx, int64_t id, const std::string& reason);

  Result<Page<store::EpisodeRecord>> ListEpisodes(const RequestContext& ctx, int64_t id);
  Result<store::EpisodeRecord> AddEpisode(const RequestContext& ctx, int64_t id, Episode episode);
  Result<Page<Contact>> ListContacts(const RequestContext& ctx, int64_t id, int limit, int offset);
  Result<Contact> AddContact(const RequestContext& ctx, int64_t id, Contact contact);
  Result<Page<DrugTest>> ListDrugTests(const RequestContext& ctx, int64_t id, int limit,
                                       int offset);
  Result<DrugTest> AddDrugTest(const RequestContext& ctx, int64_t id, DrugTest test);
  Result<std::vector<store::TimelineRow>> Timeline(const RequestContext& ctx, int64_t id);

  Result<Page<store::AuditEntry>> QueryAudit(const RequestContext& ctx, store::AuditQuery query);

 private:
  store::Database& db_;
  const store::KeyRing& keys_;
  CareEventObserver* observer_;  // not owned; may be null
};

}  // namespace huigui::app
