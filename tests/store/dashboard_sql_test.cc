// The plain-SQL dashboard (store/dashboard_sql.h) on the Hubei demo, against the live services'
// figures for the same org unit and period (IndicatorService, ActivityService), against a
// per-person reference for current users, and against itself for each child. Runs on SQLite,
// and on PostgreSQL when HUIGUI_TEST_PG is set (as the repository contract tests do).
#include "store/dashboard_sql.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "app/activity_service.h"
#include "app/demo_builder.h"
#include "app/indicator_service.h"
#include "app/person_service.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/facility_repository.h"
#include "store/indicator_projection.h"

namespace huigui::app {
namespace {

using store::Backend;

const Timestamp kNow = *Timestamp::Parse("2026-11-29T10:00:00+08:00");
const Date kToday = kNow.LocalDate();
const Date kFrom = *Date::Parse("2022-12-01");
const Date kTo = *Date::Parse("2026-11-29");

class DashboardSql : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    store::InitCrypto();
    const std::string tag = store::RandomHex(6);
    dir_ = std::filesystem::temp_directory_path() / ("huigui_dash_" + tag);
    std::filesystem::create_directories(dir_);
    store::DatabaseOptions options;
    if (GetParam() == Backend::kSqlite) {
      options.url = "sqlite:" + (dir_ / "d.db").string();
    } else {
      const char* pg = std::getenv("HUIGUI_TEST_PG");
      if (!pg || !*pg) GTEST_SKIP() << "HUIGUI_TEST_PG is not set (scripts/test sets it)";
      options.url = pg;
      schema_ = "d_" + tag;
      options.pg_schema = schema_;
    }
    db_ = store::Database::Open(options);
    db_->Migrate();
    const std::string key = (dir_ / "k.key").string();
    ASSERT_TRUE(store::KeyRing::CreateIfMissing(key).ok());
    keys_ = std::make_unique<store::KeyRing>(*store::KeyRing::Load(key));
    DemoOptions demo;
    demo.seed = 3;
    demo.persons = 400;
    ASSERT_TRUE(BuildDemo(*db_, *keys_, demo, kNow).ok());
    // A third of the tests and relapses moved to 16:30 UTC: their local date is the next day,
    // which the SQL must see as the services do.
    store::Lease lease = db_->Acquire();
    lease.sql() << "UPDATE drug_tests SET at = SUBSTR(at, 1, 10) || 'T16:30:00Z' WHERE id % 3 = 0";
    lease.sql() << "UPDATE relapses SET at = SUBSTR(at, 1, 10) || 'T16:30:00Z' WHERE id % 3 = 0";
    // Desensitisation sessions (two for some) in half the closed isolation episodes, so that
    // both survival groups are populated.
    for (const char* which : {"id % 2 = 0", "id % 4 = 0"}) {
      lease.sql() << std::string(
                         "INSERT INTO treatment_sessions (episode_id, person_id, facility_id, "
                         "programme, session_date, officer, vas_before, vas_after, notes, "
                         "recorded_by, created_at) SELECT id, person_id, org_unit_id, "
                         "'systematic_desensitisation', start_date, 'test', 6, 4, '', 'test', "
                         "'2026-11-29T02:00:00Z' FROM episodes WHERE kind = 'compulsory_isolation' "
                         "AND status = 'closed' AND ") +
                         which;
    }
    // Statistics for the planner, as after any bulk load (the bench does the same).
    lease.sql() << "ANALYZE";
  }

  void TearDown() override {
    if (db_ && !schema_.empty()) {
      store::Lease lease = db_->Acquire();
      lease.sql() << "DROP SCHEMA " + schema_ + " CASCADE";
    }
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  DashboardFigures Dashboard(const std::string& code, Date from = kFrom, Date to = kTo) {
    store::Lease lease = db_->Acquire();
    return store::DashboardBySql(lease.sql(), code, from, to, kToday);
  }

  RequestContext Director() const {
    RequestContext ctx;
    ctx.request_id = "test";
    ctx.now = kNow;
    Actor a;
    a.user_id = 1;
    a.username = "director.test";
    a.role = Role::kDirector;
    a.org_code = "420000";
    a.org_path = "/420000/";
    ctx.actor = a;
    return ctx;
  }

  std::filesystem::path dir_;
  std::string schema_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::KeyRing> keys_;
};

TEST_P(DashboardSql, TotalsAgreeWithTheLiveServices) {
  const DashboardFigures f = Dashboard("420000");
  EXPECT_EQ(f.org_unit, "420000");
  EXPECT_EQ(f.total.code, "420000");
  ASSERT_GT(f.total.released, 10);
  ASSERT_GT(f.total.under_measures, 10);

  IndicatorQuery q;
  q.org_unit = "420000";
  q.from = kFrom;
  q.to = kTo;
  store::IndicatorProjection projection;
  IndicatorService indicators(*db_, *keys_, projection);
  auto abstinence = indicators.Abstinence(Director(), q);
  ASSERT_TRUE(abstinence.ok()) << abstinence.status().detail();
  const AbstinenceRow& t = abstinence->total;
  EXPECT_EQ(f.total.released, *t.released);
  EXPECT_EQ(f.total.reached, *t.reached);
  EXPECT_EQ(f.total.abstinent, *t.abstinent);
  EXPECT_EQ(f.total.three_years_eligible, *t.three_years_eligible);
  EXPECT_EQ(f.total.three_years_abstinent, *t.three_years_abstinent);
  // The projection's whole dashboard is the plain-SQL one, field by field.
  {
    const auto live =
        projection.Dashboard(*projection.OrgIndex("420000"), kFrom, kTo, Director().today());
    EXPECT_EQ(DiffFigures(live, f), std::vector<std::string>{});
  }

  // Survival: the service grouped by programme gives the same n, events and estimates.
  q.group_by = IndicatorGrouping::kProgramme;
  auto survival = indicators.Survival(Director(), q);
  ASSERT_TRUE(survival.ok()) << survival.status().detail();
  ASSERT_EQ(f.survival.size(), 2u);
  EXPECT_EQ(f.survival[0].group, "none");
  EXPECT_EQ(f.survival[1].group, "systematic_desensitisation");
  EXPECT_EQ(f.survival[0].n + f.survival[1].n, f.total.released);
  int compared = 0;
  for (const auto& g : survival->groups) {
    const auto it =
        std::find_if(f.survival.begin(), f.survival.end(),
                     [&](const SurvivalFigures& s) { return s.group == g.survival.name; });
    ASSERT_NE(it, f.survival.end()) << g.survival.name;
    EXPECT_EQ(it->n, g.survival.n);
    EXPECT_EQ(it->events, g.survival.events);
    const double at[3] = {it->at_1y, it->at_2y, it->at_3y};
    const int horizons[3] = {365, 730, 1095};
    for (int h = 0; h < 3; ++h) {
      double expected = 1;
      for (const auto& p : g.survival.curve) {
        if (p.t <= horizons[h]) expected = p.surv;
      }
      EXPECT_NEAR(at[h], expected, 1e-12) << g.survival.name << " at " << horizons[h];
      ++compared;
    }
    EXPECT_GT(g.survival.events, 0) << g.survival.name;
  }
  EXPECT_EQ(compared, 6);

  // Activity: the service's total and every child row.
  ActivityService activity(*db_, *keys_, projection);
  auto a = activity.Activity(Director(), {std::string("420000"), kFrom, kTo});
  ASSERT_TRUE(a.ok()) << a.status().detail();
  const auto same_activity = [](const UnitFigures& u, const ActivityRow& r) {
    EXPECT_EQ(u.under_measures, *r.under_measures) << u.code;
    EXPECT_EQ(u.tested, *r.tested) << u.code;
    EXPECT_EQ(u.lost_contact, *r.lost_contact) << u.code;
    EXPECT_EQ(u.handovers_due, *r.handovers_due) << u.code;
    EXPECT_EQ(u.handovers_on_time, *r.handovers_on_time) << u.code;
    EXPECT_EQ(u.aftercare_persons, *r.aftercare_persons) << u.code;
    EXPECT_EQ(u.aftercare_contacts, *r.aftercare_contacts) << u.code;
    EXPECT_EQ(u.aftercare_by_kind, r.aftercare_by_kind) << u.code;
    EXPECT_EQ(u.admissions, *r.admissions) << u.code;
    EXPECT_EQ(u.releases, *r.releases) << u.code;
  };
  same_activity(f.total, a->total);
  EXPECT_GT(f.total.tested, 0);
  EXPECT_GT(f.total.admissions, 0);
  EXPECT_GT(f.total.aftercare_contacts, 0);
  EXPECT_GT(f.total.handovers_due, 0);
  std::size_t matched = 0;
  for (const auto& r : a->children) {
    if (r.code.empty()) continue;  // the unit's own row: counted in the total only
    const auto it = std::find_if(f.children.begin(), f.children.end(),
                                 [&](const UnitFigures& u) { return u.code == r.code; });
    ASSERT_NE(it, f.children.end()) << r.code;
    EXPECT_EQ(it->name, r.name);
    same_activity(*it, r);
    ++matched;
  }
  EXPECT_EQ(matched, f.children.size());
  for (std::size_t i = 1; i < f.children.size(); ++i)
    EXPECT_LT(f.children[i - 1].code, f.children[i].code);
}

TEST_P(DashboardSql, TrendHasTwelveMonthsOldestFirstEachAsItsOwnPeriod) {
  const DashboardFigures f = Dashboard("420000");
  ASSERT_EQ(f.trend.size(), 12u);
  EXPECT_EQ(f.trend.front().year, 2025);
  EXPECT_EQ(f.trend.front().month, 12);
  EXPECT_EQ(f.trend.back().year, 2026);
  EXPECT_EQ(f.trend.back().month, 11);
  int admissions = 0;
  for (const int i : {0, 6, 11}) {
    const MonthFigures& m = f.trend[i];
    const Date first = *Date::FromYmd(m.year, m.month, 1);
    const DashboardFigures one = Dashboard("420000", first, first.AddMonths(1).AddDays(-1));
    EXPECT_EQ(m.under_measures, one.total.under_measures) << i;
    EXPECT_EQ(m.tested, one.total.tested) << i;
    EXPECT_EQ(m.lost_contact, one.total.lost_contact) << i;
    EXPECT_EQ(m.admissions, one.total.admissions) << i;
    EXPECT_EQ(m.releases, one.total.releases) << i;
  }
  for (const auto& m : f.trend) admissions += m.admissions + m.releases;
  EXPECT_GT(admissions, 0);
}

TEST_P(DashboardSql, EachChildIsItsOwnDashboardsTotal) {
  const DashboardFigures f = Dashboard("420000");
  ASSERT_GE(f.children.size(), 3u);
  int with_releases = 0;
  for (const auto& child : f.children) {
    const DashboardFigures c = Dashboard(child.code);
    EXPECT_EQ(c.total, child) << child.code;
    with_releases += child.released > 0 ? 1 : 0;
  }
  EXPECT_GT(with_releases, 0);
}

TEST_P(DashboardSql, CurrentUsersBedsAndOccupancyMatchAPerPersonReference) {
  const DashboardFigures f = Dashboard("420000");
  store::Lease lease = db_->Acquire();
  soci::session& sql = lease.sql();
  // Per person, in C++: last use and last abstinent evidence up to today.
  std::map<long long, Date> last_use, last_clean;
  std::set<long long> gone;
  long long id = 0;
  std::string text, kind;
  const auto bump = [](std::map<long long, Date>& m, long long p, Date d) {
    if (d > kToday) return;
    auto [it, fresh] = m.emplace(p, d);
    if (!fresh && it->second < d) it->second = d;
  };
  {
    soci::statement st = (sql.prepare << "SELECT person_id, at, 'use' FROM relapses "
                                         "UNION ALL SELECT person_id, at, result FROM drug_tests "
                                         "UNION ALL SELECT person_id, on_date, result FROM "
                                         "follow_ups",
                          soci::into(id), soci::into(text), soci::into(kind));
    st.execute();
    while (st.fetch()) {
      const Date d = text.size() > 10 ? Timestamp::Parse(text)->LocalDate() : *Date::Parse(text);
      if (kind == "use" || kind == "positive" || kind == "relapsed") bump(last_use, id, d);
      if (kind == "negative" || kind == "abstinent") bump(last_clean, id, d);
    }
  }
  {
    soci::statement st = (sql.prepare << "SELECT person_id FROM episodes WHERE "
                                         "end_reason IN ('death', 'left_country')",
                          soci::into(id));
    st.execute();
    while (st.fetch()) gone.insert(id);
  }
  int users = 0;
  soci::statement st = (sql.prepare << "SELECT id, registration_date FROM persons", soci::into(id),
                        soci::into(text));
  st.execute();
  while (st.fetch()) {
    if (gone.count(id)) continue;
    Date use = *Date::Parse(text);
    if (auto it = last_use.find(id); it != last_use.end() && it->second > use) use = it->second;
    const auto clean = last_clean.find(id);
    const bool abstinent =
        kToday - use >= 1095 && clean != last_clean.end() && clean->second - use >= 1095;
    users += abstinent ? 0 : 1;
  }
  EXPECT_EQ(f.total.current_users, users);
  EXPECT_GT(users, 0);

  int beds = 0, occupied = 0, unit_beds = 0;
  store::FacilityRepository facilities(sql);
  soci::statement units = (sql.prepare << "SELECT o.id, COALESCE(f.beds, 0) FROM org_units o "
                                          "LEFT JOIN facility_profiles f ON f.org_unit_id = o.id",
                           soci::into(id), soci::into(unit_beds));
  units.execute();
  std::vector<long long> ids;
  while (units.fetch()) {
    beds += unit_beds;
    ids.push_back(id);
  }
  for (long long unit : ids) occupied += facilities.Occupied(unit);
  EXPECT_EQ(f.total.beds, beds);
  EXPECT_EQ(f.total.occupied, occupied);
  EXPECT_GT(beds, 0);
  EXPECT_GT(occupied, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, DashboardSql,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgresql),
                         [](const auto& info) {
                           return info.param == Backend::kSqlite ? "SQLite" : "PostgreSQL";
                         });

}  // namespace
}  // namespace huigui::app

namespace huigui::app {
namespace {

// The projection follows the audit log: one loaded before a write, caught up after it, gives the
// same dashboard as one loaded after it and as the plain SQL; a write no read touched (a raised
// alert of the sweep) is in the sequence too.
TEST_P(DashboardSql, ProjectionCaughtUpEqualsAFreshLoadAndTheSql) {
  store::IndicatorProjection early;
  early.CatchUp(*db_);
  const int32_t province = *early.OrgIndex("420000");
  const DashboardFigures before = early.Dashboard(province, kFrom, kTo, kToday);
  // A person under community measures without a test in the period gets a negative test.
  long long person = 0;
  {
    store::Lease lease = db_->Acquire();
    soci::indicator found = soci::i_null;
    lease.sql() << "SELECT MIN(e.person_id) FROM episodes e WHERE e.kind IN ('community_detox', "
                   "'community_rehab') AND e.start_date <= '2026-11-29' AND (e.end_date IS NULL "
                   "OR e.end_date >= '2022-12-01') AND NOT EXISTS (SELECT 1 FROM drug_tests d "
                   "WHERE d.person_id = e.person_id AND d.at >= '2022-11-30')",
        soci::into(person, found);
    ASSERT_EQ(found, soci::i_ok) << "the demo has an untested person under measures";
  }
  PersonService persons(*db_, *keys_, nullptr);
  DrugTest test;
  test.result = TestResult::kNegative;
  test.at = *Timestamp::Parse("2026-11-28T10:00:00+08:00");
  ASSERT_TRUE(persons.AddDrugTest(Director(), person, test).ok());
  // Not visible until caught up; then one more tested person, everything else unchanged.
  EXPECT_EQ(early.Dashboard(province, kFrom, kTo, kToday), before);
  EXPECT_EQ(early.CatchUp(*db_), 1);
  const DashboardFigures after = early.Dashboard(province, kFrom, kTo, kToday);
  EXPECT_EQ(after.total.tested, before.total.tested + 1);
  EXPECT_EQ(after.total.under_measures, before.total.under_measures);
  store::IndicatorProjection fresh;
  fresh.CatchUp(*db_);
  EXPECT_EQ(DiffFigures(after, fresh.Dashboard(*fresh.OrgIndex("420000"), kFrom, kTo, kToday)),
            std::vector<std::string>{});
  EXPECT_EQ(DiffFigures(after, Dashboard("420000")), std::vector<std::string>{});
  // Nothing new: a catch-up reads no rows and changes nothing.
  EXPECT_EQ(early.CatchUp(*db_), 0);
  EXPECT_EQ(early.Stats().refreshed, 1);
}

}  // namespace
}  // namespace huigui::app
