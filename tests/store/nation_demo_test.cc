// The nation-scale demo at a small size: counts, referential integrity, legal clocks that
// recompute to what was stored, and determinism (same seed and `now`, same rows). Runs on SQLite,
// and on PostgreSQL when HUIGUI_TEST_PG is set (as the repository contract tests do).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "app/continuum_service.h"
#include "app/demo_nation.h"
#include "domain/legal_clock.h"
#include "store/continuum_repository.h"
#include "store/crypto.h"
#include "store/database.h"

namespace huigui::app {
namespace {

using store::Backend;

const Timestamp kNow = *Timestamp::Parse("2026-11-29T10:00:00+08:00");
constexpr int kPersons = 2000;

class NationDemo : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { store::InitCrypto(); }

  void TearDown() override {
    for (auto& [db, schema] : opened_) {
      if (!schema.empty()) {
        store::Lease lease = db->Acquire();
        lease.sql() << "DROP SCHEMA " + schema + " CASCADE";
      }
    }
    opened_.clear();
    for (const auto& dir : dirs_) std::filesystem::remove_all(dir);
  }

  // A fresh migrated database (SQLite file or PostgreSQL schema).
  store::Database* Fresh() {
    const std::string tag = store::RandomHex(6);
    store::DatabaseOptions options;
    std::string schema;
    if (GetParam() == Backend::kSqlite) {
      const auto dir = std::filesystem::temp_directory_path() / ("huigui_nation_" + tag);
      std::filesystem::create_directories(dir);
      dirs_.push_back(dir);
      options.url = "sqlite:" + (dir / "n.db").string();
    } else {
      const char* pg = std::getenv("HUIGUI_TEST_PG");
      if (!pg || !*pg) return nullptr;
      options.url = pg;
      schema = "n_" + tag;
      options.pg_schema = schema;
    }
    auto db = store::Database::Open(options);
    db->Migrate();
    opened_.emplace_back(std::move(db), schema);
    return opened_.back().first.get();
  }

  static long long Count(soci::session& sql, const std::string& query) {
    long long n = -1;
    sql << query, soci::into(n);
    return n;
  }

  // FNV-1a over a few columns of every table, in id order.
  static uint64_t Fingerprint(soci::session& sql) {
    uint64_t h = 1469598103934665603ULL;
    const auto mix = [&h](const std::string& s) {
      for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
      h = (h ^ 0xff) * 1099511628211ULL;
    };
    for (const char* q :
         {"SELECT code || '|' || name || '|' || path FROM org_units ORDER BY id",
          "SELECT alias || '|' || sex || '|' || registration_date FROM persons ORDER BY id",
          "SELECT kind || '|' || start_date || '|' || COALESCE(end_date, '') || status FROM "
          "episodes ORDER BY id",
          "SELECT action || '|' || effective_date || '|' || params FROM episode_actions ORDER BY "
          "id",
          "SELECT at || '|' || result FROM drug_tests ORDER BY id",
          "SELECT at || '|' || kind FROM contacts ORDER BY id",
          "SELECT at || '|' || result FROM follow_ups ORDER BY id"}) {
      soci::rowset<std::string> rows = (sql.prepare << q);
      for (const auto& r : rows) mix(r);
    }
    return h;
  }

  // A fresh key file.
  store::KeyRing Keys() {
    const auto dir =
        std::filesystem::temp_directory_path() / ("huigui_keys_" + store::RandomHex(6));
    std::filesystem::create_directories(dir);
    dirs_.push_back(dir);
    const std::string path = (dir / "k.key").string();
    EXPECT_TRUE(store::KeyRing::CreateIfMissing(path).ok());
    return *store::KeyRing::Load(path);
  }

  // A small country with some open alerts and earlier risk rows, so every input of the risk
  // model is exercised; returns the persons with an open episode, by id.
  static std::vector<int64_t> SeedRiskCountry(store::Database& db) {
    NationOptions options;
    options.seed = 5;
    options.persons = 600;
    EXPECT_TRUE(BuildNation(db, options, kNow).ok());
    store::Lease lease = db.Acquire();
    soci::session& sql = lease.sql();
    store::ContinuumRepository repo(sql);
    const auto persons = repo.PersonsWithOpenEpisodes();
    for (std::size_t i = 0; i < persons.size(); ++i) {
      const int64_t p = persons[i];
      long long home = 0;
      sql << "SELECT home_org_id FROM persons WHERE id = :p", soci::use(static_cast<long long>(p)),
          soci::into(home);
      if (i % 5 == 0) {
        repo.OpenAlert(p, "lost_contact", home, "{}", "lost_contact:" + std::to_string(p), kNow);
      }
      if (i % 7 == 0) {
        repo.OpenAlert(p, "serious_breach", home, "{}", "serious_breach:" + std::to_string(p),
                       kNow);
      }
      if (i % 3 == 0) {
        repo.InsertRisk(p, RiskResult{RiskTier::kHigh, 99, {}}, "[]", 1, "test",
                        Timestamp::FromUnixSeconds(kNow.unix_seconds() - 86400));
      }
    }
    return persons;
  }

  std::vector<std::pair<std::unique_ptr<store::Database>, std::string>> opened_;
  std::vector<std::filesystem::path> dirs_;
};

TEST_P(NationDemo, BuildsACountryWithConsistentHistories) {
  store::Database* db = Fresh();
  if (!db) GTEST_SKIP() << "HUIGUI_TEST_PG is not set (scripts/test sets it)";
  NationOptions options;
  options.seed = 7;
  options.persons = kPersons;
  options.persons_per_transaction = 700;  // several transactions and flushes
  options.validate_every = 1;             // every action through ValidateAction
  int reports = 0;
  auto summary = BuildNation(*db, options, kNow, [&](const NationProgress&) { ++reports; });
  ASSERT_TRUE(summary.ok()) << summary.status().detail();
  const NationSummary& s = *summary;
  EXPECT_EQ(reports, 20);
  EXPECT_EQ(s.persons, kPersons);
  // Plausible volumes: at least 50 events per person on average, each kind present.
  EXPECT_GE(s.events(), 50 * kPersons);
  EXPECT_GT(s.episodes, kPersons);
  EXPECT_GT(s.assessments, 0);
  EXPECT_GT(s.follow_ups, 0);
  EXPECT_GT(s.relapses, 0);

  store::Lease lease = db->Acquire();
  soci::session& sql = lease.sql();
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM org_units"), s.org_units);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM org_units WHERE kind = 'province'"), 31);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM users"), s.users);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM persons"), s.persons);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM episodes"), s.episodes);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM episode_owners"), s.episodes);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM episode_actions"), s.actions);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM drug_tests"), s.drug_tests);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM contacts"), s.contacts);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM diagnostic_assessments"), s.assessments);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM follow_ups"), s.follow_ups);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM relapses"), s.relapses);

  // Referential integrity (SQLite wrote with foreign keys unchecked, so check by hand).
  for (const char* orphan : {
           "SELECT COUNT(*) FROM episodes e WHERE NOT EXISTS "
           "(SELECT 1 FROM persons p WHERE p.id = e.person_id)",
           "SELECT COUNT(*) FROM episodes e WHERE NOT EXISTS "
           "(SELECT 1 FROM org_units o WHERE o.id = e.org_unit_id)",
           "SELECT COUNT(*) FROM episode_actions a WHERE NOT EXISTS "
           "(SELECT 1 FROM episodes e WHERE e.id = a.episode_id)",
           "SELECT COUNT(*) FROM episode_owners w WHERE NOT EXISTS "
           "(SELECT 1 FROM episodes e WHERE e.id = w.episode_id AND e.person_id = w.person_id)",
           "SELECT COUNT(*) FROM drug_tests t WHERE NOT EXISTS "
           "(SELECT 1 FROM persons p WHERE p.id = t.person_id)",
           "SELECT COUNT(*) FROM contacts c WHERE NOT EXISTS "
           "(SELECT 1 FROM persons p WHERE p.id = c.person_id)",
           "SELECT COUNT(*) FROM relapses r WHERE NOT EXISTS "
           "(SELECT 1 FROM persons p WHERE p.id = r.person_id)",
           "SELECT COUNT(*) FROM relapses r WHERE r.drug_test_id IS NOT NULL AND NOT EXISTS "
           "(SELECT 1 FROM drug_tests t WHERE t.id = r.drug_test_id AND t.person_id = r.person_id "
           "AND t.result = 'positive')",
           "SELECT COUNT(*) FROM diagnostic_assessments a WHERE NOT EXISTS "
           "(SELECT 1 FROM episodes e WHERE e.id = a.episode_id "
           "AND e.kind = 'compulsory_isolation')",
           "SELECT COUNT(*) FROM follow_ups f WHERE NOT EXISTS "
           "(SELECT 1 FROM episodes e WHERE e.id = f.release_episode_id "
           "AND e.person_id = f.person_id AND e.status = 'closed')",
           "SELECT COUNT(*) FROM follow_ups f WHERE f.relapse_id IS NOT NULL AND NOT EXISTS "
           "(SELECT 1 FROM relapses r WHERE r.id = f.relapse_id)",
           "SELECT COUNT(*) FROM org_units o WHERE o.parent_id IS NOT NULL AND NOT EXISTS "
           "(SELECT 1 FROM org_units p WHERE p.id = o.parent_id)",
       }) {
    EXPECT_EQ(Count(sql, orphan), 0) << orphan;
  }
  if (GetParam() == Backend::kSqlite) {
    soci::rowset<soci::row> violations = (sql.prepare << "PRAGMA foreign_key_check");
    EXPECT_EQ(std::distance(violations.begin(), violations.end()), 0);
  }
  // JSON columns hold what the repositories parse.
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM drug_tests WHERE substances NOT LIKE '[%]'"), 0);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM episode_actions WHERE params NOT LIKE '{%}'"), 0);
  EXPECT_EQ(Count(sql,
                  "SELECT COUNT(*) FROM diagnostic_assessments WHERE detox_items NOT LIKE "
                  "'[%]'"),
            0);
  // Nothing after today.
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM drug_tests WHERE at > '2026-11-29T23'"), 0);
  EXPECT_EQ(Count(sql, "SELECT COUNT(*) FROM episode_actions WHERE effective_date > '2026-11-29'"),
            0);

  // The legal clock of a sample of episodes recomputes, action by action, to what was stored.
  store::ContinuumRepository continuum(sql);
  std::vector<long long> ids(200);
  std::vector<std::string> kinds(200), starts(200), statuses(200);
  sql << "SELECT id, kind, start_date, status FROM episodes WHERE id % 7 = 0 ORDER BY id",
      soci::into(ids), soci::into(kinds), soci::into(starts), soci::into(statuses);
  ASSERT_GT(ids.size(), 100u);
  const Date today = kNow.LocalDate();
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EpisodeFacts facts;
    facts.kind = *ParseName(kEpisodeKindNames, kinds[i]);
    facts.order_date = *Date::Parse(starts[i]);
    for (const auto& a : continuum.Actions(ids[i])) {
      EXPECT_TRUE(ValidateAction(facts, a.record, today).ok()) << "episode " << ids[i];
      facts.actions.push_back(a.record);
    }
    const ClockState clock = ComputeClock(facts, today);
    EXPECT_EQ(clock.state == EpisodeState::kClosed ? "closed" : "open", statuses[i])
        << "episode " << ids[i];
  }
}

TEST_P(NationDemo, IsDeterministic) {
  store::Database* a = Fresh();
  if (!a) GTEST_SKIP() << "HUIGUI_TEST_PG is not set (scripts/test sets it)";
  store::Database* b = Fresh();
  NationOptions options;
  options.seed = 11;
  options.persons = 500;
  auto first = BuildNation(*a, options, kNow);
  options.persons_per_transaction = 123;  // batching does not change the rows
  auto second = BuildNation(*b, options, kNow);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->rows(), second->rows());
  store::Lease la = a->Acquire(), lb = b->Acquire();
  EXPECT_EQ(Fingerprint(la.sql()), Fingerprint(lb.sql()));
  // Another seed, another country.
  store::Database* c = Fresh();
  options.seed = 12;
  ASSERT_TRUE(BuildNation(*c, options, kNow).ok());
  store::Lease lc = c->Acquire();
  EXPECT_NE(Fingerprint(la.sql()), Fingerprint(lc.sql()));
  // A second build into the same database is refused.
  options.seed = 11;
  EXPECT_EQ(BuildNation(*a, options, kNow).status().code(), Status::Code::kConflict);
}

// The set-wise risk inputs of a range of persons are what the person-by-person reads give.
TEST_P(NationDemo, RiskInputsOfARangeMatchPersonByPersonReads) {
  store::Database* db = Fresh();
  if (!db) GTEST_SKIP() << "HUIGUI_TEST_PG is not set (scripts/test sets it)";
  const auto persons = SeedRiskCountry(*db);
  ASSERT_GT(persons.size(), 100u);
  store::Lease lease = db->Acquire();
  store::ContinuumRepository repo(lease.sql());
  const Date since = kNow.LocalDate().AddDays(-182);
  const auto inputs = repo.RiskInputsOf(persons.front(), persons.back(), since);
  int with_tests = 0, with_use = 0, with_closed = 0;
  for (int64_t p : persons) {
    SCOPED_TRACE("person " + std::to_string(p));
    ASSERT_TRUE(inputs.count(p));
    const store::RiskInputs& in = inputs.at(p);
    const auto attributes = repo.RiskAttributes(p);
    EXPECT_EQ(in.attributes.first_use_year, attributes.first_use_year);
    EXPECT_EQ(in.attributes.employed, attributes.employed);
    EXPECT_EQ(in.attributes.family_support, attributes.family_support);
    EXPECT_EQ(in.attributes.psychiatric_history, attributes.psychiatric_history);
    EXPECT_EQ(in.closed_episodes, repo.ClosedEpisodes(p));
    std::vector<int64_t> expected_tests, got_tests;
    for (const auto& t : repo.Tests(p)) {
      if (t.date >= since &&
          (t.result == TestResult::kPositive || t.result == TestResult::kRefused ||
           t.result == TestResult::kMissed)) {
        expected_tests.push_back(t.id);
      }
    }
    for (const auto& t : in.recent_tests) got_tests.push_back(t.id);
    EXPECT_EQ(got_tests, expected_tests);
    EXPECT_EQ(in.last_use, repo.LastEvidenceOfUse(p));
    EXPECT_EQ(in.serious_breach, repo.HasOpenAlert(p, "serious_breach"));
    EXPECT_EQ(in.lost_contact, repo.HasOpenAlert(p, "lost_contact"));
    const auto latest = repo.LatestRisk(p);
    ASSERT_EQ(in.latest.has_value(), latest.has_value());
    if (latest) EXPECT_EQ(*in.latest, std::make_pair(latest->tier, latest->score));
    with_tests += !got_tests.empty();
    with_use += in.last_use.has_value();
    with_closed += in.closed_episodes > 0;
  }
  // The sample exercises each input.
  EXPECT_GT(with_tests, 0);
  EXPECT_GT(with_use, 0);
  EXPECT_GT(with_closed, 0);
  // A range of one person is that person alone.
  EXPECT_EQ(repo.RiskInputsOf(persons[1], persons[1], since).size(), 1u);
}

// Re-deriving in batches gives the tiers of re-deriving person by person; a pass stopped or
// killed between batches continues where it stopped, and a day already done is not repeated.
TEST_P(NationDemo, TiersReDeriveInResumableBatchesAsPersonByPerson) {
  store::Database* a = Fresh();
  if (!a) GTEST_SKIP() << "HUIGUI_TEST_PG is not set (scripts/test sets it)";
  store::Database* b = Fresh();
  const auto persons = SeedRiskCountry(*a);
  ASSERT_EQ(SeedRiskCountry(*b), persons);
  const int open = static_cast<int>(persons.size());
  ASSERT_GT(open, 150);
  const auto keys = Keys();
  const auto tiers_and_rows = [](store::Database& db) {
    store::Lease lease = db.Acquire();
    return std::make_pair(store::ContinuumRepository(lease.sql()).LatestTiers(),
                          Count(lease.sql(), "SELECT COUNT(*) FROM risk_assessments"));
  };
  const auto mark = [](store::Database& db) {
    store::Lease lease = db.Acquire();
    return store::ContinuumRepository(lease.sql()).Setting("tier_rederivation").value_or("");
  };

  // a: person by person, as before batching.
  ContinuumService by_person(*a, keys);
  RederiveOptions one;
  one.batch_size = 1;
  auto whole = by_person.RederiveTiers(kNow, one);
  ASSERT_TRUE(whole.ok()) << whole.status().detail();
  EXPECT_EQ(whole->persons, open);
  EXPECT_EQ(whole->batches, open + 1);  // the last, empty, marks the pass complete
  EXPECT_GT(whole->tiers_changed, 0);

  // b: batches of 20, stopped after three, then killed after two more, then run to the end.
  ContinuumService batched(*b, keys);
  RederiveOptions twenty;
  twenty.batch_size = 20;
  int asked = 0;
  twenty.stop = [&asked] { return ++asked > 3; };
  auto stopped = batched.RederiveTiers(kNow, twenty);
  ASSERT_TRUE(stopped.ok());
  EXPECT_TRUE(stopped->stopped);
  EXPECT_EQ(stopped->persons, 60);
  EXPECT_EQ(stopped->batches, 3);
  EXPECT_NE(mark(*b).find("\"after_person\":" + std::to_string(persons[59])), std::string::npos)
      << mark(*b);
  twenty.stop = nullptr;
  int batches = 0;
  twenty.progress = [&batches](const RederiveReport&) {
    if (++batches == 2) throw std::runtime_error("killed");
  };
  EXPECT_THROW(batched.RederiveTiers(kNow, twenty), std::runtime_error);
  twenty.progress = nullptr;
  auto resumed = batched.RederiveTiers(kNow, twenty);
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->resumed_after, persons[99]);
  EXPECT_EQ(resumed->persons, open - 100);
  EXPECT_FALSE(resumed->stopped);
  EXPECT_EQ(tiers_and_rows(*b), tiers_and_rows(*a));

  // Done for the day under this model: the next run does nothing.
  auto again =
      batched.RederiveTiers(Timestamp::FromUnixSeconds(kNow.unix_seconds() + 3600), twenty);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_current);
  EXPECT_EQ(again->persons, 0);
  // Forgetting the mark re-derives everyone in one batch, finding every tier current.
  {
    store::Lease lease = b->Acquire();
    lease.sql() << "DELETE FROM settings WHERE name = 'tier_rederivation'";
  }
  RederiveOptions big;
  big.batch_size = 100000;
  auto full = batched.RederiveTiers(kNow, big);
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->persons, open);
  EXPECT_EQ(full->batches, 1);
  EXPECT_EQ(full->tiers_changed, 0);
  EXPECT_EQ(tiers_and_rows(*b), tiers_and_rows(*a));
  // The next day is a new pass from the start.
  auto tomorrow =
      batched.RederiveTiers(Timestamp::FromUnixSeconds(kNow.unix_seconds() + 86400), twenty);
  ASSERT_TRUE(tomorrow.ok());
  EXPECT_EQ(tomorrow->resumed_after, 0);
  EXPECT_EQ(tomorrow->persons, open);
}

INSTANTIATE_TEST_SUITE_P(Backends, NationDemo,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgresql),
                         [](const auto& info) {
                           return info.param == Backend::kSqlite ? "SQLite" : "PostgreSQL";
                         });

}  // namespace
}  // namespace huigui::app
