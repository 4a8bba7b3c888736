// Repository contract tests: the same cases against SQLite and against a real PostgreSQL 15
// (HUIGUI_TEST_PG, set by scripts/test). Each test gets a fresh database (SQLite file) or a
// fresh schema (PostgreSQL), so tests may run in parallel.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "store/allocation_repository.h"
#include "store/audit_log.h"
#include "store/care_event_repository.h"
#include "store/continuum_repository.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/org_unit_repository.h"
#include "store/person_repository.h"
#include "store/treatment_repository.h"
#include "store/user_repository.h"

namespace huigui::store {
namespace {

const Timestamp kNow = *Timestamp::Parse("2026-11-29T10:00:00+08:00");

class RepositoryContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    InitCrypto();
    const std::string tag = RandomHex(6);
    dir_ = std::filesystem::temp_directory_path() / ("huigui_store_" + tag);
    std::filesystem::create_directories(dir_);
    DatabaseOptions options;
    if (GetParam() == Backend::kSqlite) {
      options.url = "sqlite:" + (dir_ / "t.db").string();
    } else {
      const char* pg = std::getenv("HUIGUI_TEST_PG");
      if (!pg || !*pg) GTEST_SKIP() << "HUIGUI_TEST_PG is not set (scripts/test sets it)";
      options.url = pg;
      schema_ = "t_" + tag;
      options.pg_schema = schema_;
    }
    db_ = Database::Open(options);
    db_->Migrate();
    const std::string key = (dir_ / "k.key").string();
    ASSERT_TRUE(KeyRing::CreateIfMissing(key).ok());
    keys_ = std::make_unique<KeyRing>(*KeyRing::Load(key));
    lease_ = std::make_unique<Lease>(db_->Acquire());
    SeedOrgTree();
  }

  void TearDown() override {
    if (lease_ && !schema_.empty()) sql() << "DROP SCHEMA " + schema_ + " CASCADE";
    lease_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  soci::session& sql() { return lease_->sql(); }

  void SeedOrgTree() {
    OrgUnitRepository orgs(sql());
    province_ = *orgs.Insert("420000", "湖北省", OrgUnitKind::kProvince, std::nullopt);
    wuhan_ = *orgs.Insert("420100", "武汉市", OrgUnitKind::kCity, "420000");
    jiangan_ = *orgs.Insert("420102", "江岸区", OrgUnitKind::kCounty, "420100");
    dazhi_ = *orgs.Insert("420102002", "大智街道", OrgUnitKind::kTownship, "420102");
    yiyuan_ = *orgs.Insert("420102003", "一元街道", OrgUnitKind::kTownship, "420102");
    huangshi_ = *orgs.Insert("420200", "黄石市", OrgUnitKind::kCity, "420000");
    facility_ = *orgs.Insert("420000F01", "狮子山强制隔离戒毒所", OrgUnitKind::kFacility, "420000");
  }

  int64_t AddPerson(const std::string& alias, const OrgUnit& home,
                    const std::string& id_number = "") {
    Person p;
    p.alias = alias;
    p.birth_year = 1980;
    p.primary_substance = "海洛因";
    p.registration_date = *Date::Parse("2026-01-01");
    const std::string sealed = id_number.empty() ? "" : keys_->Seal(id_number);
    const std::string lookup = id_number.empty() ? "" : keys_->IdNumberLookup(id_number);
    return *PersonRepository(sql()).Insert(p, home.id, sealed, lookup, kNow);
  }

  std::filesystem::path dir_;
  std::string schema_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<KeyRing> keys_;
  std::unique_ptr<Lease> lease_;
  OrgUnit province_, wuhan_, jiangan_, dazhi_, yiyuan_, huangshi_, facility_;
};

TEST_P(RepositoryContract, MigrationsAreIdempotent) { EXPECT_TRUE(db_->Migrate().empty()); }

TEST_P(RepositoryContract, OrgUnitsFormAScopedTree) {
  OrgUnitRepository orgs(sql());
  EXPECT_EQ(dazhi_.path, "/420000/420100/420102/420102002/");
  EXPECT_EQ(orgs.Insert("420100", "dup", OrgUnitKind::kCity, "420000").status().code(),
            Status::Code::kConflict);
  EXPECT_FALSE(orgs.Insert("x1", "orphan", OrgUnitKind::kCity, "999999").ok());
  EXPECT_TRUE(orgs.FindInScope("420102002", wuhan_.path));
  EXPECT_FALSE(orgs.FindInScope("420200", wuhan_.path));
  const auto in_wuhan = orgs.ListInScope(wuhan_.path, std::nullopt, std::nullopt);
  EXPECT_EQ(in_wuhan.size(), 4u);  // city, county, two townships
  EXPECT_EQ(orgs.ListInScope(province_.path, "420102", std::nullopt).size(), 2u);
  EXPECT_EQ(orgs.ListInScope(province_.path, std::nullopt, OrgUnitKind::kFacility).size(), 1u);
  EXPECT_EQ(*orgs.FindByCode("420102")->parent_code, "420100");
}

TEST_P(RepositoryContract, PersonsOutsideScopeAreNotFound) {
  const int64_t id = AddPerson("刘嘉", dazhi_);
  PersonRepository persons(sql());
  EXPECT_TRUE(persons.FindInScope(id, dazhi_.path));
  EXPECT_TRUE(persons.FindInScope(id, wuhan_.path));
  EXPECT_FALSE(persons.FindInScope(id, yiyuan_.path));
  EXPECT_FALSE(persons.FindInScope(id, huangshi_.path));
  EXPECT_FALSE(persons.FindInScope(id + 1000, province_.path));
  EXPECT_EQ(persons.FindInScope(id, dazhi_.path)->person.alias, "刘嘉");
}

TEST_P(RepositoryContract, AnOpenEpisodeBringsAPersonIntoTheFacilityScope) {
  const int64_t id = AddPerson("严良", dazhi_);
  CareEventRepository events(sql());
  PersonRepository persons(sql());
  EXPECT_FALSE(persons.FindInScope(id, facility_.path));
  Episode e;
  e.person_id = id;
  e.kind = EpisodeKind::kCompulsoryIsolation;
  e.start_date = *Date::Parse("2026-05-13");
  e.planned_end_date = DefaultPlannedEnd(e.kind, e.start_date);
  const int64_t episode_id = events.InsertEpisode(e, facility_.id, "officer", kNow);
  EXPECT_TRUE(persons.FindInScope(id, facility_.path));
  EXPECT_TRUE(events.HasOpenEpisodeOfKind(id, EpisodeKind::kCompulsoryIsolation));
  const auto episodes = events.ListEpisodes(id);
  ASSERT_EQ(episodes.size(), 1u);
  EXPECT_EQ(episodes[0].episode.planned_end_date->ToString(), "2028-05-12");
  const long long eid = episode_id;
  sql() << "UPDATE episodes SET status = 'closed', end_date = '2026-06-01' WHERE id = :id",
      soci::use(eid);
  EXPECT_FALSE(persons.FindInScope(id, facility_.path));
}

TEST_P(RepositoryContract, SearchMatchesAliasPrefixLiterallyAndIdNumbersByHash) {
  AddPerson("王峰", dazhi_, "11010519491231002X");
  AddPerson("王五", dazhi_);
  AddPerson("50%_off", dazhi_);
  AddPerson("王峰", huangshi_);
  PersonRepository persons(sql());
  PersonQuery q;
  q.scope_path = wuhan_.path;
  q.alias_prefix = "王";
  auto page = persons.Search(q);
  EXPECT_EQ(page.total, 2);
  q.alias_prefix = "5";
  EXPECT_EQ(persons.Search(q).total, 1);
  q.alias_prefix = "%";  // a wildcard typed by a user matches only itself
  EXPECT_EQ(persons.Search(q).total, 0);
  q.alias_prefix.reset();
  q.id_number_lookup = keys_->IdNumberLookup("11010519491231002X");
  page = persons.Search(q);
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].person.alias, "王峰");
  EXPECT_TRUE(page.items[0].has_identity);
  q.id_number_lookup.reset();
  q.limit = 2;
  q.offset = 2;
  page = persons.Search(q);
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(page.items.size(), 1u);
}

TEST_P(RepositoryContract, DuplicateIdNumbersConflict) {
  AddPerson("甲", dazhi_, "11010519491231002X");
  Person p;
  p.alias = "乙";
  p.birth_year = 1990;
  p.primary_substance = "冰毒";
  auto again = PersonRepository(sql()).Insert(p, dazhi_.id, keys_->Seal("x"),
                                              keys_->IdNumberLookup("11010519491231002X"), kNow);
  EXPECT_EQ(again.status().code(), Status::Code::kConflict);
}

TEST_P(RepositoryContract, StaleVersionsConflict) {
  const int64_t id = AddPerson("朱林", dazhi_);
  PersonRepository persons(sql());
  Person p = persons.FindInScope(id, province_.path)->person;
  EXPECT_EQ(p.version, 1);
  p.alias = "朱林二";
  EXPECT_TRUE(persons.Update(p, dazhi_.id, 1, std::nullopt, kNow).ok());
  EXPECT_EQ(persons.FindInScope(id, province_.path)->person.version, 2);
  EXPECT_EQ(persons.Update(p, dazhi_.id, 1, std::nullopt, kNow).code(), Status::Code::kConflict);
}

TEST_P(RepositoryContract, EventsListNewestFirstAndFeedTheWorklist) {
  const int64_t id = AddPerson("高亮", dazhi_);
  CareEventRepository events(sql());
  Episode e;
  e.person_id = id;
  e.kind = EpisodeKind::kCommunityDetox;
  e.start_date = *Date::Parse("2026-01-10");
  events.InsertEpisode(e, dazhi_.id, "sw", kNow);
  Contact c;
  c.person_id = id;
  c.kind = ContactKind::kPhone;
  c.note = "按时报到";
  c.recorded_by = "sw";
  c.at = *Timestamp::Parse("2026-11-01T09:00:00+08:00");
  events.InsertContact(c, dazhi_.id, kNow);
  c.at = *Timestamp::Parse("2026-11-20T23:30:00Z");  // 21 Nov in UTC+8
  c.kind = ContactKind::kHomeVisit;
  events.InsertContact(c, dazhi_.id, kNow);
  DrugTest t;
  t.person_id = id;
  t.sample = Sample::kUrine;
  t.result = TestResult::kRefused;
  t.at = *Timestamp::Parse("2026-11-25T10:00:00+08:00");
  t.recorded_by = "sw";
  events.InsertDrugTest(t, dazhi_.id, kNow);
  t.result = TestResult::kPositive;
  t.substances = {"冰毒", "氯胺酮"};
  t.at = *Timestamp::Parse("2026-10-25T10:00:00+08:00");
  events.InsertDrugTest(t, dazhi_.id, kNow);

  int64_t total = 0;
  auto contacts = events.ListContacts(id, 10, 0, &total);
  EXPECT_EQ(total, 2);
  EXPECT_EQ(contacts[0].kind, ContactKind::kHomeVisit);
  EXPECT_EQ(contacts[1].note, "按时报到");
  auto tests = events.ListDrugTests(id, 1, 1, &total);
  EXPECT_EQ(total, 2);
  ASSERT_EQ(tests.size(), 1u);
  EXPECT_EQ(tests[0].substances, (std::vector<std::string>{"冰毒", "氯胺酮"}));

  const auto timeline = events.Timeline(id, 100);
  ASSERT_EQ(timeline.size(), 6u);  // registration, episode start, 2 contacts, 2 tests
  EXPECT_EQ(timeline.front().type, "drug_test");
  EXPECT_EQ(timeline.back().type, "registration");

  const auto rows = events.WorklistInputs(wuhan_.path);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].last_contact->ToString(), "2026-11-21");
  EXPECT_EQ(rows[0].last_test->ToString(), "2026-10-25");  // a refusal is not a test
  EXPECT_TRUE(events.WorklistInputs(yiyuan_.path).empty());
}

TEST_P(RepositoryContract, UsersLockOutAndSessionsExpire) {
  UserRepository users(sql());
  const int64_t uid = *users.Insert("sw.dazhi", Role::kSocialWorker, dazhi_.id, "hash", kNow);
  EXPECT_EQ(users.Insert("sw.dazhi", Role::kPolice, dazhi_.id, "h", kNow).status().code(),
            Status::Code::kConflict);
  const Timestamp until = Timestamp::FromUnixSeconds(kNow.unix_seconds() + 900);
  for (int i = 0; i < 4; ++i) users.RecordFailedLogin(uid, 5, until);
  EXPECT_FALSE(users.FindByUsername("sw.dazhi")->locked_until);
  users.RecordFailedLogin(uid, 5, until);
  EXPECT_EQ(*users.FindByUsername("sw.dazhi")->locked_until, until);
  users.ResetFailedLogins(uid);
  EXPECT_FALSE(users.FindByUsername("sw.dazhi")->locked_until);

  users.CreateSession("digest", uid, "csrf", kNow, until);
  auto actor = users.FindSessionActor("digest", kNow);
  ASSERT_TRUE(actor);
  EXPECT_EQ(actor->org_path, dazhi_.path);
  EXPECT_EQ(actor->role, Role::kSocialWorker);
  EXPECT_FALSE(users.FindSessionActor("digest", until));  // expired
  users.RevokeSession("digest");
  EXPECT_FALSE(users.FindSessionActor("digest", kNow));
}

TEST_P(RepositoryContract, AuditChainDetectsEditsDeletionsAndInsertions) {
  AuditLog log(sql(), *keys_);
  for (int i = 0; i < 5; ++i) {
    log.Append({0, kNow, "sw.dazhi", "social_worker", "person.read", 7, "420102002",
                "req" + std::to_string(i), ""});
  }
  auto report = log.Verify();
  EXPECT_EQ(report.rows, 5);
  EXPECT_FALSE(report.first_bad_seq);
  int64_t total = 0;
  AuditQuery q;
  q.scope_path = province_.path;
  q.person_id = 7;
  EXPECT_EQ(log.Query(q, &total).size(), 5u);
  q.scope_path = huangshi_.path;  // actors outside the auditor's subtree are not shown
  log.Query(q, &total);
  EXPECT_EQ(total, 0);

  sql() << "UPDATE audit_log SET action = 'person.search' WHERE seq = 3";
  report = log.Verify();
  ASSERT_TRUE(report.first_bad_seq);
  EXPECT_EQ(*report.first_bad_seq, 3);
  sql() << "UPDATE audit_log SET action = 'person.read' WHERE seq = 3";
  EXPECT_FALSE(log.Verify().first_bad_seq);

  sql() << "DELETE FROM audit_log WHERE seq = 2";
  EXPECT_EQ(*log.Verify().first_bad_seq, 3);
}

TEST_P(RepositoryContract, AuditChainDetectsATruncatedTail) {
  AuditLog log(sql(), *keys_);
  for (int i = 0; i < 3; ++i) {
    log.Append({0, kNow, "a", "auditor", "audit.read", std::nullopt, "420000", "r", ""});
  }
  sql() << "DELETE FROM audit_log WHERE seq = 3";
  auto report = log.Verify();
  ASSERT_TRUE(report.first_bad_seq);
  EXPECT_EQ(*report.first_bad_seq, 3);
}

TEST_P(RepositoryContract, UncommittedWritesRollBack) {
  Lease other = db_->Acquire();
  {
    Transaction tx(other, Transaction::Mode::kWrite);
    OrgUnitRepository(tx.sql()).Insert("420300", "十堰市", OrgUnitKind::kCity, "420000");
  }
  EXPECT_FALSE(OrgUnitRepository(sql()).FindByCode("420300"));
}

TEST_P(RepositoryContract, AllocationPendingNeedsAndProposals) {
  const int64_t id = AddPerson("高亮", dazhi_);
  CareEventRepository events(sql());
  AllocationRepository repo(sql());
  Episode e;
  e.person_id = id;
  e.kind = EpisodeKind::kCompulsoryIsolation;
  e.start_date = *Date::Parse("2026-05-13");
  e.planned_end_date = DefaultPlannedEnd(e.kind, e.start_date);
  const int64_t episode_id = events.InsertEpisode(e, facility_.id, "police", kNow);

  // Decided and in scope of the home and of the facility; not of another city.
  ASSERT_EQ(repo.Pending(wuhan_.path).size(), 1u);
  EXPECT_EQ(repo.Pending(facility_.path).size(), 1u);
  EXPECT_TRUE(repo.Pending(huangshi_.path).empty());
  auto pending = repo.Pending(province_.path).at(0);
  EXPECT_EQ(pending.episode_id, episode_id);
  EXPECT_EQ(pending.home_path, dazhi_.path);
  EXPECT_EQ(pending.needs.medical_needs, 0);
  EXPECT_FALSE(repo.FindNeeds(episode_id));

  repo.PutNeeds(episode_id, {2, false, true, "police", ""}, kNow);
  repo.PutNeeds(episode_id, {1, true, false, "police", ""}, kNow);  // replaces
  const auto needs = repo.FindNeeds(episode_id);
  ASSERT_TRUE(needs);
  EXPECT_EQ(needs->medical_needs, 1);
  EXPECT_TRUE(needs->pregnant);
  EXPECT_FALSE(needs->nursing_infant_under_1);
  EXPECT_EQ(repo.Pending(province_.path).at(0).needs.medical_needs, 1);

  repo.PutLocation(jiangan_.id, 30.60, 114.31, kNow);
  repo.PutLocation(jiangan_.id, 30.61, 114.32, kNow);
  const auto locations = repo.Locations();
  ASSERT_EQ(locations.size(), 1u);
  EXPECT_EQ(locations[0].code, "420102");
  EXPECT_EQ(locations[0].kind, "county");
  EXPECT_DOUBLE_EQ(locations[0].latitude, 30.61);

  ProposalRow p;
  p.scope_org_id = province_.id;
  p.status = "proposed";
  p.out_of_region_penalty_km = 100;
  p.pending = 1;
  p.placed = 1;
  p.distance_m = 12345;
  p.solve_ms = 0.25;
  p.created_by = "director";
  p.created_at = kNow.ToString();
  p.id = repo.InsertProposal(p);
  repo.InsertFacility(p.id, {facility_.id, facility_.code, "", "420100", 10, 9, 1});
  repo.InsertGroup(p.id, {0, "male", 46, 46, "420102", "420100", "", 1, false, false, 1});
  OutcomeRow placement;
  placement.facility_org_id = facility_.id;
  placement.count = 1;
  placement.distance_m = 12345;
  placement.cost = 12345;
  placement.nearer = "[]";
  placement.rules = "[]";
  repo.InsertOutcome(p.id, placement);
  repo.InsertItem(p.id, {episode_id, id, "", 0, facility_.id, "", 12345, 12345, false, "x"});

  EXPECT_FALSE(repo.FindProposal(p.id, huangshi_.path));
  const auto found = repo.FindProposal(p.id, province_.path);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->scope_code, "420000");
  EXPECT_EQ(found->distance_m, 12345);
  EXPECT_DOUBLE_EQ(found->solve_ms, 0.25);
  EXPECT_FALSE(found->approved_by);
  EXPECT_EQ(repo.Proposals(province_.path).size(), 1u);
  EXPECT_EQ(repo.Facilities(p.id).at(0).free_beds, 1);
  EXPECT_EQ(repo.Groups(p.id).at(0).home_county_name, "江岸区");
  const auto outcomes = repo.Outcomes(p.id);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].facility_code, "420000F01");
  EXPECT_FALSE(outcomes[0].reason);
  const auto items = repo.Items(p.id, 10, 0);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].alias, "高亮");
  EXPECT_EQ(items[0].facility_code, "420000F01");
  EXPECT_EQ(repo.CountItems(p.id), 1);

  EXPECT_TRUE(repo.MarkApproved(p.id, "director", kNow));
  EXPECT_FALSE(repo.MarkApproved(p.id, "director", kNow));
  EXPECT_EQ(repo.FindProposal(p.id, province_.path)->approved_by.value_or(""), "director");

  // An admit action takes the episode out of the pending list.
  ActionRecord admit;
  admit.action = EpisodeAction::kAdmit;
  admit.date = *Date::Parse("2026-05-14");
  ContinuumRepository(sql()).InsertAction(episode_id, admit, "{}", "", "officer", facility_.id,
                                          kNow);
  EXPECT_TRUE(repo.Pending(province_.path).empty());
}

// Treatment (0009): a plan replaced keeps its order, nullable readings round-trip, and the facility
// figures read sessions per person and programme and assessments oldest first.
TEST_P(RepositoryContract, TreatmentPlansSessionsAndCravingAssessmentsRoundTrip) {
  const int64_t person = AddPerson("严良", dazhi_);
  Episode e;
  e.person_id = person;
  e.kind = EpisodeKind::kCompulsoryIsolation;
  e.start_date = *Date::Parse("2026-05-13");
  e.planned_end_date = DefaultPlannedEnd(e.kind, e.start_date);
  const int64_t episode =
      CareEventRepository(sql()).InsertEpisode(e, facility_.id, "officer", kNow);
  TreatmentRepository repo(sql());
  EXPECT_FALSE(repo.FindPlan(episode));
  repo.PutPlan(episode, person,
               {{Programme::kBiofeedback, "放松", 12},
                {Programme::kSystematicDesensitisation, "渴求减半", 24}},
               "officer.shizishan", kNow);
  const auto plan = repo.PutPlan(episode, person,
                                 {{Programme::kSystematicDesensitisation, "渴求减半", 30},
                                  {Programme::kBiofeedback, "放松", 12}},
                                 "officer.b", kNow);
  ASSERT_EQ(plan.programmes.size(), 2u);
  EXPECT_EQ(plan.programmes[0].programme, Programme::kSystematicDesensitisation);
  EXPECT_EQ(plan.programmes[0].planned_sessions, 30);
  EXPECT_EQ(plan.created_by, "officer.shizishan");
  EXPECT_EQ(plan.updated_by, "officer.b");

  TreatmentSessionRow with;
  with.episode_id = episode;
  with.person_id = person;
  with.session.programme = Programme::kSystematicDesensitisation;
  with.session.stage = DesensitisationStage::kRelaxationTraining;
  with.session.date = *Date::Parse("2026-06-02");
  with.session.vas_before = 70;
  with.session.vas_after = 45;
  with.session.heart_rate = 88;
  with.session.rmssd = 31.5;
  with.session.skin_conductance = 7.25;
  with.session.notes = "放松训练";
  with.officer = with.recorded_by = "officer.shizishan";
  TreatmentSessionRow without = with;
  without.session.programme = Programme::kBiofeedback;
  without.session.stage.reset();
  without.session.date = *Date::Parse("2026-06-01");
  without.session.heart_rate.reset();
  without.session.rmssd.reset();
  without.session.skin_conductance.reset();
  repo.InsertSession(with, facility_.id, kNow);
  repo.InsertSession(without, facility_.id, kNow);
  const auto sessions = repo.Sessions(episode);
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_EQ(sessions[0].session.programme, Programme::kBiofeedback);  // oldest first
  EXPECT_FALSE(sessions[0].session.stage);
  EXPECT_FALSE(sessions[0].session.heart_rate);
  EXPECT_FALSE(sessions[0].session.rmssd);
  EXPECT_EQ(sessions[1].session.stage, DesensitisationStage::kRelaxationTraining);
  EXPECT_EQ(sessions[1].session.heart_rate, 88);
  EXPECT_DOUBLE_EQ(*sessions[1].session.rmssd, 31.5);
  EXPECT_DOUBLE_EQ(*sessions[1].session.skin_conductance, 7.25);
  EXPECT_EQ(sessions[1].facility_code, "420000F01");
  EXPECT_EQ(repo.SessionsOfPerson(person).size(), 2u);

  CravingAssessmentRow a;
  a.person_id = person;
  a.episode_id = episode;
  a.assessment = {*Date::Parse("2026-07-01"), 40, std::nullopt, std::nullopt, ""};
  a.recorded_by = "officer.shizishan";
  repo.InsertCravingAssessment(a, facility_.id, kNow);
  a.assessment = {*Date::Parse("2026-06-01"), 80, std::string("ddq"), 70, "基线"};
  repo.InsertCravingAssessment(a, facility_.id, kNow);
  const auto assessments = repo.CravingAssessments(person);
  ASSERT_EQ(assessments.size(), 2u);
  EXPECT_EQ(assessments[0].assessment.vas, 80);
  EXPECT_EQ(assessments[0].assessment.instrument, "ddq");
  EXPECT_EQ(assessments[0].assessment.total, 70);
  EXPECT_FALSE(assessments[1].assessment.instrument);
  EXPECT_FALSE(assessments[1].assessment.total);

  const auto attendance = repo.Attendance(facility_.path);
  ASSERT_EQ(attendance.size(), 2u);
  for (const auto& row : attendance) {
    EXPECT_EQ(row.person_id, person);
    EXPECT_EQ(row.sessions, 1);
  }
  const auto readings = repo.FacilityCravingReadings(facility_.path);
  ASSERT_EQ(readings.size(), 2u);
  EXPECT_EQ(readings[0].second.vas, 80);
}

INSTANTIATE_TEST_SUITE_P(Backends, RepositoryContract,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgresql),
                         [](const auto& info) {
                           return info.param == Backend::kSqlite ? "SQLite" : "PostgreSQL";
                         });

}  // namespace
}  // namespace huigui::store
