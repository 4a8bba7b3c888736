// The province dashboard (issue 5 §5), side by side on the same data: Huigui's live projection
// against the same figures as plain SQL on SQLite and on PostgreSQL 15 (store/dashboard_sql.h),
// with one raw pass over the projection's columns as the floor. Also measures the projection's
// load time and memory per million persons, and freshness: a drug test recorded through the app
// service, committed, then visible in the dashboard of two projections ("servers") that catch up
// from the audit log.
//
//   bench/dashboard_bench.sh --sqlite PATH --key KEY [--pg URL --pg-key KEY] [--org 420000]
//
// Every figure Huigui computes is compared with both SQL answers (DiffFigures): the run fails on
// any difference. Times are medians (wall clock; the machine is shared).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/person_service.h"
#include "app/request_context.h"
#include "domain/dashboard.h"
#include "store/crypto.h"
#include "store/dashboard_sql.h"
#include "store/database.h"
#include "store/indicator_projection.h"

namespace huigui {
namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Median wall milliseconds of `runs` calls.
double Time(int runs, const std::function<void()>& fn) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    fn();
    ms.push_back(Ms(Clock::now() - t0));
  }
  return Median(ms);
}

long RssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

std::unique_ptr<store::Database> Open(const std::string& url, int pool) {
  store::DatabaseOptions options;
  options.url = url;
  options.pool_size = pool;
  return store::Database::Open(options);
}

void Check(const char* what, const DashboardFigures& huigui, const DashboardFigures& sql) {
  const auto diff = DiffFigures(huigui, sql);
  if (diff.empty()) {
    std::printf("  %-28s same figures as Huigui (%zu units, 12 months, 2 survival groups)\n", what,
                huigui.children.size() + 1);
    return;
  }
  std::printf("  %-28s %zu DIFFERENCES, e.g. %s\n", what, diff.size(), diff.front().c_str());
  std::exit(1);
}

app::RequestContext Director(const std::string& org, const std::string& path) {
  app::RequestContext ctx;
  ctx.request_id = "bench";
  ctx.now = app::SystemNow();
  Actor a;
  a.user_id = 1;
  a.username = "bench.director";
  a.role = Role::kDirector;
  a.org_code = org;
  a.org_path = path;
  ctx.actor = a;
  return ctx;
}

// A drug test recorded through the app service for a person under measures not yet tested in
// the period; then the next read of `projection` and of a second projection on the same database
// (a second server) must both show it and agree on every figure.
int Freshness(const char* backend, store::Database& db, const store::KeyRing& keys,
              store::IndicatorProjection& projection, int32_t index, Date from, Date to,
              Date today) {
  store::IndicatorProjection second;
  second.CatchUp(db);
  projection.CatchUp(db);
  const DashboardFigures huigui = projection.Dashboard(index, from, to, today);
  long long person = 0;
  {
    store::Lease lease = db.Acquire();
    const std::string like = projection.Org(index).path + "%";
    const std::string lo = from.ToString(), hi = to.ToString();
    soci::indicator found = soci::i_null;
    lease.sql() << "SELECT e.person_id FROM episodes e JOIN org_units o ON o.id = e.org_unit_id "
                   "WHERE e.kind IN ('community_detox', 'community_rehab') AND o.path LIKE :s "
                   "AND e.start_date <= :t AND (e.end_date IS NULL OR e.end_date >= :f) "
                   "AND NOT EXISTS (SELECT 1 FROM drug_tests d WHERE d.person_id = e.person_id "
                   "AND d.at >= :f2) ORDER BY e.person_id LIMIT 1",
        soci::use(like, "s"), soci::use(hi, "t"), soci::use(lo, "f"), soci::use(lo, "f2"),
        soci::into(person, found);
    if (found != soci::i_ok) person = 0;
  }
  if (person == 0) {
    std::printf("\nfreshness (%s): no untested person under measures found; skipped\n", backend);
    return 0;
  }
  app::PersonService persons(db, keys, nullptr);
  DrugTest test;
  test.sample = Sample::kUrine;
  test.result = TestResult::kNegative;
  test.at = app::SystemNow();
  const auto t0 = Clock::now();
  auto written = persons.AddDrugTest(
      Director(projection.Org(index).code, projection.Org(index).path), person, test);
  const auto acknowledged = Clock::now();
  if (!written.ok()) {
    std::printf("\nfreshness (%s): write failed: %s\n", backend, written.status().detail().c_str());
    return 1;
  }
  const int64_t read = projection.CatchUp(db);
  const auto after = projection.Dashboard(index, from, to, today);
  const auto visible = Clock::now();
  second.CatchUp(db);
  const auto other = second.Dashboard(index, from, to, today);
  const auto visible2 = Clock::now();
  std::printf(
      "\nfreshness (%s): a drug test written and committed in %.1f ms; acknowledged → "
      "visible in the next dashboard read %.1f ms (catch-up of %lld audit rows, then the "
      "query); on a second projection %.1f ms; tested %d → %d (second: %d)\n",
      backend, Ms(acknowledged - t0), Ms(visible - acknowledged), static_cast<long long>(read),
      Ms(visible2 - visible), huigui.total.tested, after.total.tested, other.total.tested);
  if (after.total.tested != huigui.total.tested + 1 || !DiffFigures(after, other).empty()) {
    std::printf("freshness (%s): FAILED (the write is not visible, or the two disagree)\n",
                backend);
    return 1;
  }
  std::printf("freshness (%s): both projections show the write and agree on every figure\n",
              backend);
  return 0;
}

int Run(int argc, char** argv) {
  std::string sqlite, key, pg, pg_key, org = "420000";
  int runs = 15, sql_runs = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--sqlite")
      sqlite = v;
    else if (k == "--key")
      key = v;
    else if (k == "--pg")
      pg = v;
    else if (k == "--pg-key")
      pg_key = v;
    else if (k == "--org")
      org = v;
    else if (k == "--runs")
      runs = std::stoi(v);
    else if (k == "--sql-runs")
      sql_runs = std::stoi(v);
    else {
      std::cerr << "unknown option " << k << "\n";
      return 2;
    }
  }
  if (sqlite.empty() || key.empty()) {
    std::cerr << "usage: dashboard_bench --sqlite PATH --key KEY [--pg URL --pg-key KEY] "
                 "[--org CODE] [--runs N] [--sql-runs N]\n";
    return 2;
  }
  store::InitCrypto();
  auto keys = store::KeyRing::Load(key);
  if (!keys.ok()) {
    std::cerr << keys.status().detail() << "\n";
    return 2;
  }
  auto db = Open("sqlite:" + sqlite, 2);

  // Load, memory.
  const long rss0 = RssKb();
  store::IndicatorProjection projection;
  const auto t_load = Clock::now();
  projection.CatchUp(*db);
  const double load_s = Ms(Clock::now() - t_load) / 1000;
  const long rss1 = RssKb();
  const auto stats = projection.Stats();
  const auto index = projection.OrgIndex(org);
  if (!index) {
    std::cerr << "no org unit " << org << "\n";
    return 2;
  }
  const Date today = app::SystemNow().LocalDate();
  const Date to = today, from = today.AddYears(-4).AddDays(1);
  std::printf("Province dashboard of %s (%s), period %s..%s, as of %s\n", org.c_str(),
              projection.Org(*index).name.c_str(), from.ToString().c_str(), to.ToString().c_str(),
              today.ToString().c_str());
  std::printf(
      "projection: %lld persons, %lld facts loaded in %.1f s; memory %.0f MB "
      "(%.0f MB per million persons)\n",
      static_cast<long long>(stats.persons), static_cast<long long>(stats.facts), load_s,
      (rss1 - rss0) / 1024.0, (rss1 - rss0) / 1024.0 * 1e6 / std::max<int64_t>(1, stats.persons));

  // Huigui and the raw pass, alternating.
  DashboardFigures huigui;
  int64_t sink = 0;
  std::vector<double> h_ms, raw_ms;
  for (int i = 0; i < runs; ++i) {
    auto t0 = Clock::now();
    huigui = projection.Dashboard(*index, from, to, today);
    h_ms.push_back(Ms(Clock::now() - t0));
    t0 = Clock::now();
    sink += projection.RawPass(*index);
    raw_ms.push_back(Ms(Clock::now() - t0));
  }
  const double h = Median(h_ms), raw = Median(raw_ms);
  std::printf("\n%-34s %10.2f ms  (median of %d)\n", "Huigui (projection)", h, runs);
  std::printf("%-34s %10.2f ms  (median of %d; checksum %lld)\n", "raw pass over the same columns",
              raw, runs, static_cast<long long>(sink % 1000));
  std::printf("%-34s %10.2f×\n", "Huigui / raw pass", h / raw);
  std::printf("  units: %zu children + total; released %d, under measures %d, current users %d\n",
              huigui.children.size(), huigui.total.released, huigui.total.under_measures,
              huigui.total.current_users);

  // Plain SQL.
  auto sql_time = [&](store::Database& sdb, const char* name, const DashboardFigures& expected) {
    DashboardFigures answer;
    store::Lease lease = sdb.Acquire();
    const double ms =
        Time(sql_runs, [&] { answer = store::DashboardBySql(lease.sql(), org, from, to, today); });
    std::printf("%-34s %10.2f ms  (median of %d)  Huigui is %.0f× faster\n", name, ms, sql_runs,
                ms / h);
    Check(name, expected, answer);
    return ms;
  };
  std::printf("\n");
  sql_time(*db, "SQLite plain SQL", huigui);
  if (Freshness("SQLite", *db, *keys, projection, *index, from, to, today) != 0) return 1;
  if (!pg.empty()) {
    // The same figures from PostgreSQL: a projection loaded from it (checked against Huigui's
    // answer on SQLite, the same generated data) and the plain SQL run by PostgreSQL.
    auto pgdb = Open(pg, 2);
    store::IndicatorProjection on_pg;
    const auto t0 = Clock::now();
    on_pg.CatchUp(*pgdb);
    std::printf("\nprojection loaded from PostgreSQL in %.1f s\n", Ms(Clock::now() - t0) / 1000);
    const int32_t pg_index = *on_pg.OrgIndex(org);
    const DashboardFigures huigui_pg = on_pg.Dashboard(pg_index, from, to, today);
    const auto same = DiffFigures(huigui, huigui_pg);
    std::printf("  Huigui on PostgreSQL data: %s\n",
                same.empty() ? "same figures as on SQLite"
                             : ("differs from SQLite (" + same.front() +
                                "; earlier freshness runs write to each database)")
                                   .c_str());
    const double ms = sql_time(*pgdb, "PostgreSQL 15 plain SQL", huigui_pg);
    (void)ms;
    if (!pg_key.empty()) {
      auto pg_keys = store::KeyRing::Load(pg_key);
      if (!pg_keys.ok()) {
        std::cerr << pg_keys.status().detail() << "\n";
        return 2;
      }
      if (Freshness("PostgreSQL", *pgdb, *pg_keys, on_pg, pg_index, from, to, today) != 0) return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace huigui

int main(int argc, char** argv) { return huigui::Run(argc, argv); }
