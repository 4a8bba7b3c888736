// huigui: the single binary. `serve` runs the web app and API; `init`, `migrate`, `demo`,
// `user add` and `audit verify` are the operator's commands (docs/operations.md).
#include <utility>  // Boost 1.74 asio under C++20 (see server.cc)

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

#include "app/auth_service.h"
#include "app/config.h"
#include "app/continuum_service.h"
#include "app/dashboard_service.h"
#include "app/demo_builder.h"
#include "app/demo_nation.h"
#include "app/facility_service.h"
#include "app/indicator_service.h"
#include "app/org_unit_service.h"
#include "app/person_service.h"
#include "app/request_context.h"
#include "app/safety_service.h"
#include "app/treatment_service.h"
#include "http/handlers/handlers.h"
#include "http/metrics.h"
#include "http/routes.h"
#include "http/server.h"
#include "store/audit_log.h"
#include "store/crypto.h"
#include "store/database.h"

namespace huigui {
namespace {

store::DatabaseOptions DbOptions(const app::Config& config, int pool_size) {
  store::DatabaseOptions options;
  options.url = config.db;
  options.pool_size = pool_size;
  return options;
}

int Fail(const Status& s) {
  std::cerr << "error: " << s.detail() << "\n";
  return 2;
}

std::unique_ptr<store::Database> OpenMigrated(const app::Config& config) {
  auto db = store::Database::Open(DbOptions(config, 0));
  for (int v : db->Migrate()) spdlog::info("applied migration {}", v);
  return db;
}

int Init(const app::Config& config) {
  auto created = store::KeyRing::CreateIfMissing(config.key_file);
  if (!created.ok()) return Fail(created.status());
  std::cout << (*created ? "created key file " : "key file exists: ") << config.key_file << "\n";
  OpenMigrated(config);
  std::cout << "database ready: " << config.db << "\n";
  return 0;
}

int Migrate(const app::Config& config) {
  auto db = store::Database::Open(DbOptions(config, 0));
  const auto applied = db->Migrate();
  std::cout << "applied " << applied.size() << " migration(s)\n";
  return 0;
}

int Demo(const app::Config& config, const app::DemoOptions& options) {
  if (auto created = store::KeyRing::CreateIfMissing(config.key_file); !created.ok()) {
    return Fail(created.status());
  }
  auto keys = store::KeyRing::Load(config.key_file);
  if (!keys.ok()) return Fail(keys.status());
  auto db = OpenMigrated(config);
  auto summary = app::BuildDemo(*db, *keys, options, app::SystemNow());
  if (!summary.ok()) return Fail(summary.status());
  std::cout << "Demo province 湖北省 built: " << summary->org_units << " org units, "
            << summary->persons << " persons, " << summary->episodes << " episodes, "
            << summary->contacts << " contacts, " << summary->drug_tests << " drug tests.\n"
            << "Demo logins (password for all: " << summary->password << "):\n";
  for (const auto& l : summary->logins) {
    std::cout << "  " << l.username << "  (" << l.role << ", " << l.org_code << " " << l.org_name
              << ")\n";
  }
  return 0;
}

// `demo --scale nation`: the synthetic country, with progress on stderr about every 5%.
int DemoNation(const app::Config& config, const app::NationOptions& options) {
  if (auto created = store::KeyRing::CreateIfMissing(config.key_file); !created.ok()) {
    return Fail(created.status());
  }
  auto db = OpenMigrated(config);
  std::cerr << "generating " << options.persons << " persons (seed " << options.seed << ") into "
            << config.db << "\n";
  auto summary = app::BuildNation(*db, options, app::SystemNow(), [](const app::NationProgress& p) {
    std::fprintf(stderr, "  %3.0f%%  %lld persons  %lld events  %lld rows  %.0f rows/s  %.1f s\n",
                 p.persons_total
                     ? 100.0 * static_cast<double>(p.persons) / static_cast<double>(p.persons_total)
                     : 100.0,
                 static_cast<long long>(p.persons), static_cast<long long>(p.events),
                 static_cast<long long>(p.rows),
                 p.seconds > 0 ? static_cast<double>(p.rows) / p.seconds : 0.0, p.seconds);
  });
  if (!summary.ok()) return Fail(summary.status());
  const auto& s = *summary;
  std::cout << "Demo nation built in " << s.seconds << " s: " << s.org_units << " org units, "
            << s.persons << " persons, " << s.events() << " events (" << s.episodes << " episodes, "
            << s.actions << " episode actions, " << s.drug_tests << " drug tests, " << s.contacts
            << " contacts, " << s.assessments << " diagnostic assessments, " << s.follow_ups
            << " follow-ups, " << s.relapses << " relapses), " << s.rows() << " rows, "
            << static_cast<long long>(static_cast<double>(s.rows()) / std::max(s.seconds, 1e-9))
            << " rows/s.\n"
            << "Logins (password " << options.password
            << "): admin, director.<province code> and analyst.<province code>, e.g. "
               "director.42 (湖北省).\n";
  return 0;
}

int UserAdd(const app::Config& config, const std::string& username, const std::string& role_name,
            const std::string& org, bool password_stdin) {
  auto role = ParseName(kRoleNames, role_name);
  if (!role)
    return Fail(Status::Invalid("role", "enum", "must be one of: " + AllowedNames(kRoleNames)));
  if (!password_stdin) return Fail(Status::Invalid("password", "stdin", "pass --password-stdin"));
  std::string password;
  std::getline(std::cin, password);
  auto keys = store::KeyRing::Load(config.key_file);
  if (!keys.ok()) return Fail(keys.status());
  auto db = OpenMigrated(config);
  app::AuthService auth(*db, *keys, config);
  auto id = auth.AddUser(username, *role, org, password, app::SystemNow());
  if (!id.ok()) return Fail(id.status());
  std::cout << "added user " << username << " (" << role_name << ", " << org << ")\n";
  return 0;
}

int AuditVerify(const app::Config& config) {
  auto keys = store::KeyRing::Load(config.key_file);
  if (!keys.ok()) return Fail(keys.status());
  auto db = store::Database::Open(DbOptions(config, 1));
  store::Lease lease = db->Acquire();
  store::Transaction tx(lease, store::Transaction::Mode::kRead);
  const auto report = store::AuditLog(tx.sql(), *keys).Verify();
  if (report.first_bad_seq) {
    std::cout << "audit log BROKEN at seq " << *report.first_bad_seq << ": " << report.problem
              << " (" << report.rows << " rows read)\n";
    return 1;
  }
  std::cout << "audit log intact: " << report.rows << " rows, chain verified\n";
  return 0;
}

int Serve(const app::Config& config) {
  SetSmallCellMinimum(config.min_cell);
  auto keys = store::KeyRing::Load(config.key_file);
  if (!keys.ok()) return Fail(keys.status());
  auto db = OpenMigrated(config);
  app::AuthService auth(*db, *keys, config);
  app::ContinuumService continuum(*db, *keys);
  app::PersonService persons(*db, *keys, &continuum);
  app::OrgUnitService org_units(*db);
  app::SafetyService safety(*db, *keys);
  app::FacilityService facilities(*db, *keys);
  app::AllocationService allocation(*db, *keys, continuum);
  app::TreatmentService treatment(*db, *keys);
  store::IndicatorProjection projection;
  app::IndicatorService indicators(*db, *keys, projection);
  app::ActivityService activity(*db, *keys, projection);
  app::DashboardService dashboard(*db, *keys, projection);
  http::Metrics metrics;
  metrics.SetPoolGauges([&db] { return db->in_use(); }, db->pool_size());
  http::Services services{auth, persons, org_units, continuum, safety,     facilities, allocation,
                          *db,  metrics, config,    treatment, indicators, activity,   dashboard};
  http::Router router(auth, metrics);
  http::RegisterRoutes(router, services);
  http::StaticFiles files(config.web_root);
  http::ServerOptions options;
  options.host = config.host;
  options.port = config.port;
  options.io_threads = std::max(1, config.io_threads);
  options.worker_threads = config.worker_threads > 0 ? config.worker_threads : db->pool_size();
  options.body_limit = config.body_limit;
  http::Server server(options, router, files);
  server.Start();
  // Time alone moves some risk factors (six-month windows, time abstinent): re-derive every
  // tier once a day, beside serving. RederiveTiers commits in batches and records how far it
  // got, so it resumes after a restart and skips a day already done; the thread wakes hourly to
  // notice a new day and stops between batches on shutdown.
  std::mutex rederive_mutex;
  std::condition_variable rederive_wake;
  bool stopping = false;
  std::thread rederive([&] {
    std::unique_lock lock(rederive_mutex);
    do {
      lock.unlock();
      app::RederiveOptions options;
      auto last_log = std::chrono::steady_clock::now();
      options.progress = [&](const app::RederiveReport& r) {
        if (std::chrono::steady_clock::now() - last_log < std::chrono::seconds(5)) return;
        last_log = std::chrono::steady_clock::now();
        spdlog::info("re-deriving tiers: {} persons ({} changed) in {} batches, {:.0f} ms so far",
                     r.persons, r.tiers_changed, r.batches, r.milliseconds);
      };
      options.stop = [&] {
        std::lock_guard guard(rederive_mutex);
        return stopping;
      };
      Result<app::RederiveReport> report = Status::Internal("not run");
      try {
        report = continuum.RederiveTiers(app::SystemNow(), options);
      } catch (const std::exception& e) {
        report = Status::Internal(e.what());  // e.g. the database stayed busy; retried in an hour
      }
      if (!report.ok()) {
        spdlog::error("re-deriving tiers failed: {}", report.status().detail());
      } else if (!report->already_current) {
        spdlog::info(
            "re-derived {} tiers ({} changed) in {:.0f} ms, {} batches (longest {:.0f} ms){}{}",
            report->persons, report->tiers_changed, report->milliseconds, report->batches,
            report->longest_batch_ms,
            report->resumed_after ? fmt::format(", resumed after person {}", report->resumed_after)
                                  : "",
            report->stopped ? ", stopped (continues at next start)" : "");
      }
      lock.lock();
    } while (!rederive_wake.wait_for(lock, std::chrono::hours(1), [&] { return stopping; }));
  });
  // The indicator projection: loaded once, then kept within a fraction of a second of the audit
  // log (each indicator read also catches up before answering).
  std::thread projection_poll([&] {
    std::unique_lock lock(rederive_mutex);
    do {
      lock.unlock();
      try {
        store::Lease lease = db->Acquire();
        const bool first = !projection.loaded();
        projection.CatchUp(lease.sql());
        if (first) {
          const auto stats = projection.Stats();
          spdlog::info("indicator projection loaded: {} persons, {} facts in {:.1f} s",
                       stats.persons, stats.facts, stats.load_seconds);
        }
      } catch (const std::exception& e) {
        spdlog::warn("indicator projection catch-up failed: {}", e.what());
      }
      lock.lock();
    } while (
        !rederive_wake.wait_for(lock, std::chrono::milliseconds(250), [&] { return stopping; }));
  });
  std::cout << "Huigui is serving http://" << config.host << ":" << server.port() << "/ (db "
            << config.db << ", " << options.worker_threads << " workers)" << std::endl;
  server.RunUntilSignalled();
  {
    std::lock_guard lock(rederive_mutex);
    stopping = true;
  }
  rederive_wake.notify_all();
  rederive.join();
  projection_poll.join();
  return 0;
}

}  // namespace
}  // namespace huigui

int main(int argc, char** argv) {
  using namespace huigui;
  store::InitCrypto();
  CLI::App cli{"Huigui (回归): drug rehabilitation and drug control case management"};
  cli.require_subcommand(1);
  cli.fallthrough();  // global options (--db, --key, ...) may follow the subcommand
  app::Config config;
  std::string config_file, db, key, log_level;
  int port = -1;
  cli.add_option("--config", config_file, "settings file of key = value lines");
  cli.add_option("--db", db, "sqlite:PATH or postgresql://... (default sqlite:data/huigui.db)");
  cli.add_option("--key", key, "key file (default data/huigui.key)");
  cli.add_option("--log-level", log_level, "trace, debug, info, warn, error");

  auto* serve = cli.add_subcommand("serve", "serve the web app and API");
  serve->add_option("--port", port, "TCP port (default 8080)");
  std::string host, web_root;
  serve->add_option("--host", host, "address to bind (default 127.0.0.1)");
  serve->add_option("--web-root", web_root, "built web app (default web/dist)");
  auto* init = cli.add_subcommand("init", "create the key file and the database schema");
  auto* migrate = cli.add_subcommand("migrate", "apply pending schema migrations");
  app::DemoOptions demo_options;
  auto* demo = cli.add_subcommand("demo", "build the deterministic Hubei demo");
  demo->add_option("--seed", demo_options.seed, "random seed (default 1)");
  auto* persons_option =
      demo->add_option("--persons", demo_options.persons,
                       "synthetic persons (default 2000; 1,000,000 with --scale nation)");
  std::string scale = "hubei";
  demo->add_option("--scale", scale, "hubei (the province demo) or nation (31 provinces, bulk)")
      ->check(CLI::IsMember({"hubei", "nation"}));
  auto* user = cli.add_subcommand("user", "manage users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "add a user");
  std::string username, role, org;
  bool password_stdin = false;
  user_add->add_option("--username", username)->required();
  user_add->add_option("--role", role)->required();
  user_add->add_option("--org", org, "org unit code")->required();
  user_add->add_flag("--password-stdin", password_stdin, "read the password from stdin");
  auto* audit = cli.add_subcommand("audit", "audit log tools");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "verify the audit hash chain");

  CLI11_PARSE(cli, argc, argv);

  if (!config_file.empty()) {
    if (Status s = app::ApplyConfigFile(config_file, config); !s.ok()) return Fail(s);
  }
  if (Status s = app::ApplyEnvironment(config); !s.ok()) return Fail(s);
  if (!db.empty()) config.db = db;
  if (!key.empty()) config.key_file = key;
  if (!log_level.empty()) config.log_level = log_level;
  if (port >= 0) config.port = port;
  if (!host.empty()) config.host = host;
  if (!web_root.empty()) config.web_root = web_root;
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);

  try {
    if (*serve) return Serve(config);
    if (*init) return Init(config);
    if (*migrate) return Migrate(config);
    if (*demo && scale == "nation") {
      app::NationOptions nation;
      nation.seed = demo_options.seed;
      if (persons_option->count() > 0) nation.persons = demo_options.persons;
      return DemoNation(config, nation);
    }
    if (*demo) return Demo(config, demo_options);
    if (*user_add) return UserAdd(config, username, role, org, password_stdin);
    if (*audit_verify) return AuditVerify(config);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
