#include "app/person_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/transaction_runner.h"
#include "app/use_case_support.h"
#include "store/org_unit_repository.h"

namespace huigui::app {

using store::Transaction;

namespace {

Status PersonNotFound(int64_t id) { return NotFound("person", id); }

std::string SealIdentity(const store::KeyRing& keys, const Identity& id) {
  nlohmann::json j{
      {"name", id.name}, {"id_number", id.id_number}, {"phone", id.phone}, {"address", id.address}};
  return keys.Seal(j.dump());
}

std::string NormaliseIdNumber(std::string id) {
  std::transform(id.begin(), id.end(), id.begin(), [](char c) { return c == 'x' ? 'X' : c; });
  return id;
}

// Home units are where people live: a county, township or community.
bool IsHomeKind(OrgUnitKind kind) {
  return kind == OrgUnitKind::kCounty || kind == OrgUnitKind::kTownship ||
         kind == OrgUnitKind::kCommunity;
}

std::optional<store::EpisodeRecord> CurrentEpisode(store::CareEventRepository& events,
                                                   int64_t person_id) {
  for (auto& e : events.ListEpisodes(person_id)) {
    if (e.episode.status == EpisodeStatus::kOpen) return e;  // newest open first
  }
  return std::nullopt;
}

// Resolves a home org code in the actor's scope; a unit outside it reads as unknown.
Result<OrgUnit> HomeOrg(Transaction& tx, const Actor& actor, const std::string& code) {
  auto org = store::OrgUnitRepository(tx.sql()).FindInScope(code, actor.org_path);
  if (!org) return Status::Invalid("home_org_unit", "exists", "no such org unit in your scope");
  if (!IsHomeKind(org->kind)) {
    return Status::Invalid("home_org_unit", "home_kind", "must be a county, township or community");
  }
  return *org;
}

}  // namespace

Result<PersonView> PersonService::Create(const RequestContext& ctx, const NewPerson& input) {
  if (Status s = Require(ctx, Capability::kWritePersons); !s.ok()) return s;
  FieldErrors errors;
  ValidatePerson(input.person, ctx.today(), errors);
  if (input.identity) ValidateIdentity(*input.identity, errors);
  if (!errors.empty()) return errors.ToStatus();
  return InTransaction(db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<PersonView> {
    auto home = HomeOrg(tx, *ctx.actor, input.person.home_org_code);
    if (!home.ok()) return home.status();
    std::string sealed, lookup;
    if (input.identity) {
      Identity id = *input.identity;
      id.id_number = NormaliseIdNumber(id.id_number);
      sealed = SealIdentity(keys_, id);
      lookup = keys_.IdNumberLookup(id.id_number);
    }
    store::PersonRepository persons(tx.sql());
    auto new_id = persons.Insert(input.person, home->id, sealed, lookup, ctx.now);
    if (!new_id.ok()) return new_id.status();
    Audit(tx, keys_, ctx, "person.create", *new_id);
    auto rec = persons.FindInScope(*new_id, ctx.actor->org_path);
    if (!rec) return Status::Internal("created person not readable");
    return PersonView{*rec, std::nullopt};
  });
}

Result<PersonView> PersonService::Get(const RequestContext& ctx, int64_t id) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<PersonView> {
    auto rec = store::PersonRepository(tx.sql()).FindInScope(id, ctx.actor->org_path);
    if (!rec) return PersonNotFound(id);
    store::CareEventRepository events(tx.sql());
    Audit(tx, keys_, ctx, "person.read", id);
    return PersonView{*rec, CurrentEpisode(events, id)};
  });
}

Result<Page<PersonView>> PersonService::Search(const RequestContext& ctx, const SearchParams& p) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  if (p.id_number) {
    FieldErrors errors;
    Identity probe{"x", *p.id_number, "", ""};
    ValidateIdentity(probe, errors);
    if (!errors.empty()) {
      return Status::Invalid("id_number", "gb11643", "must be a valid 18-character ID number");
    }
  }
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<Page<PersonView>> {
        store::PersonQuery q;
        q.scope_path = ctx.actor->org_path;
        q.alias_prefix = p.alias_prefix;
        if (p.id_number) q.id_number_lookup = keys_.IdNumberLookup(NormaliseIdNumber(*p.id_number));
        if (p.org_code) {
          auto org =
              store::OrgUnitRepository(tx.sql()).FindInScope(*p.org_code, ctx.actor->org_path);
          if (!org) return Status::Invalid("org_unit", "exists", "no such org unit in your scope");
          q.org_path = org->path;
        }
        q.limit = p.limit;
        q.offset = p.offset;
        auto page = store::PersonRepository(tx.sql()).Search(q);
        // The search itself is audited; its terms are not (an ID number must never reach the log).
        std::string detail = "results=" + std::to_string(page.total);
        if (p.alias_prefix) detail += " by=alias";
        if (p.id_number) detail += " by=id_number";
        Audit(tx, keys_, ctx, "person.search", std::nullopt, detail);
        Page<PersonView> out;
        out.total = page.total;
        store::CareEventRepository events(tx.sql());
        for (auto& r : page.items) {
          const int64_t person_id = r.person.id;
          out.items.push_back({std::move(r), CurrentEpisode(events, person_id)});
        }
        return out;
      });
}

Result<PersonView> PersonService::Update(const RequestContext& ctx, int64_t id,
                                         const PersonPatch& patch, int64_t expected_version) {
  if (Status s = Require(ctx, Capability::kWritePersons); !s.ok()) return s;
  return InTransaction(db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<PersonView> {
    store::PersonRepository persons(tx.sql());
    auto rec = persons.FindInScope(id, ctx.actor->org_path);
    if (!rec) return PersonNotFound(id);
    Person p = rec->person;
    if (patch.alias) p.alias = *patch.alias;
    if (patch.sex) p.sex = *patch.sex;
    if (patch.birth_year) p.birth_year = *patch.birth_year;
    if (patch.primary_substance) p.primary_substance = *patch.primary_substance;
    if (patch.home_org_code) p.home_org_code = *patch.home_org_code;
    FieldErrors errors;
    ValidatePerson(p, ctx.today(), errors);
    if (patch.identity) ValidateIdentity(*patch.identity, errors);
    if (!errors.empty()) return errors.ToStatus();
    auto home = HomeOrg(tx, *ctx.actor, p.home_org_code);
    if (!home.ok()) return home.status();
    std::optional<std::pair<std::string, std::string>> sealed;
    if (patch.identity) {
      Identity ident = *patch.identity;
      ident.id_number = NormaliseIdNumber(ident.id_number);
      sealed = std::make_pair(SealIdentity(keys_, ident), keys_.IdNumberLookup(ident.id_number));
    }
    if (Status s = persons.Update(p, home->id, expected_version, sealed, ctx.now); !s.ok())
      return s;
    Audit(tx, keys_, ctx, "person.update", id, patch.identity ? "identity changed" : "");
    if (observer_ && patch.primary_substance) observer_->AfterPersonChange(tx, ctx, id, "person");
    auto after = persons.FindInScope(id, ctx.actor->org_path);
    store::CareEventRepository events(tx.sql());
    // Moving a person's home out of the actor's scope is allowed; the answer then is the last
    // state the actor may see.
    if (!after) return PersonView{rec.value(), std::nullopt};
    return PersonView{*after, CurrentEpisode(events, id)};
  });
}

Result<Identity> PersonService::RevealIdentity(const RequestContext& ctx, int64_t id,
                                               const std::string& reason) {
  if (Status s = Require(ctx, Capability::kRevealIdentity); !s.ok()) return s;
  const auto len = Utf8Length(reason);
  if (!len || *len < 1 || *len > 200) {
    return Status::Invalid("reason", "length",
                           "state why you need the identity (1-200 characters)");
  }
  return InTransaction(db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<Identity> {
    auto sealed = store::PersonRepository(tx.sql()).SealedIdentity(id, ctx.actor->org_path);
    if (!sealed) return PersonNotFound(id);
    if (sealed->empty()) return Status::NotFound("no identity is recorded for this person");
    auto plain = keys_.Open(*sealed);
    if (!plain) return Status::Internal("identity cannot be decrypted with this key file");
    auto j = nlohmann::json::parse(*plain);
    Audit(tx, keys_, ctx, "identity.reveal", id, "reason: " + reason);
    return Identity{j.at("name"), j.at("id_number"), j.at("phone"), j.at("address")};
  });
}

Result<Page<store::EpisodeRecord>> PersonService::ListEpisodes(const RequestContext& ctx,
                                                               int64_t id) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<Page<store::EpisodeRecord>> {
        if (!store::PersonRepository(tx.sql()).FindInScope(id, ctx.actor->org_path))
          return PersonNotFound(id);
        Page<store::EpisodeRecord> page;
        page.items = store::CareEventRepository(tx.sql()).ListEpisodes(id);
        page.total = static_cast<int64_t>(page.items.size());
        Audit(tx, keys_, ctx, "episode.list", id);
        return page;
      });
}

Result<store::EpisodeRecord> PersonService::AddEpisode(const RequestContext& ctx, int64_t id,
                                                       Episode e) {
  if (Status s = Require(ctx, Capability::kWritePersons); !s.ok()) return s;
  e.person_id = id;
  if (!e.planned_end_date) e.planned_end_date = DefaultPlannedEnd(e.kind, e.start_date);
  FieldErrors errors;
  ValidateNewEpisode(e, ctx.today(), errors);
  if (!errors.empty()) return errors.ToStatus();
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<store::EpisodeRecord> {
        if (!store::PersonRepository(tx.sql()).FindInScope(id, ctx.actor->org_path))
          return PersonNotFound(id);
        auto org = store::OrgUnitRepository(tx.sql()).FindByCode(e.org_code);
        if (!org) return Status::Invalid("org_unit", "exists", "no such org unit");
        if (!CanRunEpisode(e.kind, org->kind)) {
          return Status::RuleViolation(
              "an episode of this kind cannot be run by a " +
                  std::string(NameOf(kOrgUnitKindNames, org->kind)),
              {{"org_unit", "episode_owner_kind", "wrong kind of org unit for this episode"}});
        }
        store::CareEventRepository events(tx.sql());
        if (events.HasOpenEpisodeOfKind(id, e.kind)) {
          return Status::RuleViolation("the person already has an open episode of this kind",
                                       {{"kind", "one_open_per_kind", "already open"}});
        }
        e.id = events.InsertEpisode(e, org->id, ctx.actor->username, ctx.now);
        Audit(tx, keys_, ctx, "episode.create", id, std::string(NameOf(kEpisodeKindNames, e.kind)));
        if (observer_) observer_->AfterPersonChange(tx, ctx, id, "episode");
        return store::EpisodeRecord{e, org->name};
      });
}

Result<Page<Contact>> PersonService::ListContacts(const RequestContext& ctx, int64_t id, int limit,
                                                  int offset) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<Page<Contact>> {
        if (!store::PersonRepository(tx.sql()).FindInScope(id, ctx.actor->org_path))
          return PersonNotFound(id);
        Page<Contact> page;
        page.items =
            store::CareEventRepository(tx.sql()).ListContacts(id, limit, offset, &page.total);
        Audit(tx, keys_, ctx, "contact.list", id);
        return page;
      });
}

Result<Contact> PersonService::AddContact(const RequestContext& ctx, int64_t id, Contact c) {
  if (Status s = Require(ctx, Capability::kWritePersons); !s.ok()) return s;
  FieldErrors errors;
  ValidateContact(c, ctx.now, errors);
  if (!errors.empty()) return errors.ToStatus();
  return InTransaction(db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<Contact> {
    if (!store::PersonRepository(tx.sql()).FindInScope(id, ctx.actor->org_path))
      return PersonNotFound(id);
    auto org = store::OrgUnitRepository(tx.sql()).FindByCode(ctx.actor->org_code);
    if (!org) return Status::Internal("actor's org unit missing");
    c.person_id = id;
    c.recorded_by = ctx.actor->username;
    c.org_code = org->code;
    c.id = store::CareEventRepository(tx.sql()).InsertContact(c, org->id, ctx.now);
    if (observer_) observer_->AfterEvent(tx, ctx, id, "contact", std::nullopt, std::nullopt, "");
    Audit(tx, keys_, ctx, "contact.create", id, std::string(NameOf(kContactKindNames, c.kind)));
    return c;
  });
}

Result<Page<DrugTest>> PersonService::ListDrugTests(const RequestContext& ctx, int64_t id,
                                                    int limit, int offset) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<Page<DrugTest>> {
        if (!store::PersonRepository(tx.sql()).FindInScope(id, ctx.actor->org_path))
          return PersonNotFound(id);
        Page<DrugTest> page;
        page.items =
            store::CareEventRepository(tx.sql()).ListDrugTests(id, limit, offset, &page.total);
        Audit(tx, keys_, ctx, "drug_test.list", id);
        return page;
      });
}

Result<DrugTest> PersonService::AddDrugTest(const RequestContext& ctx, int64_t id, DrugTest t) {
  if (Status s = Require(ctx, Capability::kWritePersons); !s.ok()) return s;
  FieldErrors errors;
  ValidateDrugTest(t, ctx.now, errors);
  if (!errors.empty()) return errors.ToStatus();
  return InTransaction(db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<DrugTest> {
    if (!store::PersonRepository(tx.sql()).FindInScope(id, ctx.actor->org_path))
      return PersonNotFound(id);
    auto org = store::OrgUnitRepository(tx.sql()).FindByCode(ctx.actor->org_code);
    if (!org) return Status::Internal("actor's org unit missing");
    t.person_id = id;
    t.recorded_by = ctx.actor->username;
    t.org_code = org->code;
    t.id = store::CareEventRepository(tx.sql()).InsertDrugTest(t, org->id, ctx.now);
    if (observer_) {
      std::string substances;
      for (const auto& s : t.substances) substances += (substances.empty() ? "" : ", ") + s;
      const bool positive = t.result == TestResult::kPositive;
      observer_->AfterEvent(tx, ctx, id, "drug_test",
                            positive ? std::optional<int64_t>(t.id) : std::nullopt,
                            positive ? std::optional<Timestamp>(t.at) : std::nullopt, substances);
    }
    Audit(tx, keys_, ctx, "drug_test.create", id, std::string(NameOf(kTestResultNames, t.result)));
    return t;
  });
}

Result<std::vector<store::TimelineRow>> PersonService::Timeline(const RequestContext& ctx,
                                                                int64_t id) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite,
      [&](Transaction& tx) -> Result<std::vector<store::TimelineRow>> {
        if (!store::PersonRepository(tx.sql()).FindInScope(id, ctx.actor->org_path))
          return PersonNotFound(id);
        auto rows = store::CareEventRepository(tx.sql()).Timeline(id, 500);
        Audit(tx, keys_, ctx, "timeline.read", id);
        return rows;
      });
}

Result<Page<store::AuditEntry>> PersonService::QueryAudit(const RequestContext& ctx,
                                                          store::AuditQuery q) {
  if (Status s = Require(ctx, Capability::kReadAudit); !s.ok()) return s;
  return InTransaction(db_, Transaction::Mode::kWrite,
                       [&](Transaction& tx) -> Result<Page<store::AuditEntry>> {
                         q.scope_path = ctx.actor->org_path;
                         store::AuditLog log(tx.sql(), keys_);
                         Page<store::AuditEntry> page;
                         page.items = log.Query(q, &page.total);
                         Audit(tx, keys_, ctx, "audit.read", q.person_id,
                               q.username ? "username=" + *q.username : std::string());
                         return page;
                       });
}

}  // namespace huigui::app
