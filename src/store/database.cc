#include "store/database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cctype>
#include <chrono>
#include <filesystem>

#include "store/migrations.h"

namespace huigui::store {
namespace {

std::string NowText() {
  const auto now = std::chrono::system_clock::now();
  const auto secs =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return std::to_string(secs);
}

// libpq accepts URLs, but SOCI's PostgreSQL backend parses the connect string itself as
// key=value pairs, so a URL is turned into that form here.
Result<std::string> PostgresUrlToConninfo(const std::string& url) {
  const auto scheme_end = url.find("://");
  std::string rest = url.substr(scheme_end + 3);
  std::string params;
  if (const auto q = rest.find('?'); q != std::string::npos) {
    params = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string authority = rest, dbname;
  if (const auto slash = rest.find('/'); slash != std::string::npos) {
    authority = rest.substr(0, slash);
    dbname = rest.substr(slash + 1);
  }
  std::string user, password, hostport = authority;
  if (const auto at = authority.rfind('@'); at != std::string::npos) {
    const std::string userinfo = authority.substr(0, at);
    hostport = authority.substr(at + 1);
    const auto colon = userinfo.find(':');
    user = userinfo.substr(0, colon);
    if (colon != std::string::npos) password = userinfo.substr(colon + 1);
  }
  std::string host = hostport, port;
  if (const auto colon = hostport.rfind(':'); colon != std::string::npos) {
    host = hostport.substr(0, colon);
    port = hostport.substr(colon + 1);
  }
  auto quoted = [](const std::string& v) {
    std::string out = "'";
    for (char c : v) {
      if (c == '\\' || c == '\'') out += '\\';
      out += c;
    }
    return out + "'";
  };
  std::string conninfo;
  auto add = [&](const std::string& key, const std::string& value) {
    if (value.empty()) return;
    if (!conninfo.empty()) conninfo += ' ';
    conninfo += key + "=" + quoted(value);
  };
  add("host", host);
  add("port", port);
  add("user", user);
  add("password", password);
  add("dbname", dbname);
  std::size_t start = 0;
  while (start < params.size()) {
    auto amp = params.find('&', start);
    if (amp == std::string::npos) amp = params.size();
    const std::string pair = params.substr(start, amp - start);
    const auto eq = pair.find('=');
    if (eq == std::string::npos) return Status::Invalid("db", "url", "bad parameter " + pair);
    add(pair.substr(0, eq), pair.substr(eq + 1));
    start = amp + 1;
  }
  return conninfo;
}

}  // namespace

Result<std::pair<Backend, std::string>> ParseDatabaseUrl(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);
    if (path.empty()) return Status::Invalid("db", "sqlite_path", "sqlite: needs a file path");
    return std::make_pair(Backend::kSqlite, path);
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    auto conninfo = PostgresUrlToConninfo(url);
    if (!conninfo.ok()) return conninfo.status();
    return std::make_pair(Backend::kPostgresql, *conninfo);
  }
  if (url.find("dbname=") != std::string::npos) return std::make_pair(Backend::kPostgresql, url);
  return Status::Invalid("db", "scheme", "must start with sqlite: or postgresql://");
}

Lease::Lease(Database* db, std::unique_ptr<soci::session> session)
    : db_(db), session_(std::move(session)) {}

Lease::~Lease() {
  if (session_) db_->Release(std::move(session_));
}

Backend Lease::backend() const { return db_->backend(); }

Transaction::Transaction(Lease& lease, Mode mode) : lease_(lease) {
  if (lease.backend() == Backend::kSqlite) {
    lease_.sql() << (mode == Mode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
  } else {
    lease_.sql() << (mode == Mode::kWrite ? "BEGIN" : "BEGIN READ ONLY");
  }
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    lease_.sql() << "ROLLBACK";
  } catch (...) {
    // The connection is gone; the server will roll back on its side.
  }
}

void Transaction::Commit() {
  lease_.sql() << "COMMIT";
  open_ = false;
}

Database::Database(Backend backend, std::string connect, std::string pg_schema)
    : backend_(backend), connect_(std::move(connect)), pg_schema_(std::move(pg_schema)) {}

Database::~Database() = default;

std::unique_ptr<Database> Database::Open(const DatabaseOptions& options) {
  auto parsed = ParseDatabaseUrl(options.url);
  if (!parsed.ok()) throw soci::soci_error(parsed.status().detail());
  auto [backend, target] = *parsed;
  std::string connect = target;
  if (backend == Backend::kSqlite) {
    const auto parent = std::filesystem::path(target).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    connect = "db=" + target + " timeout=30 shared_cache=false";
  }
  for (char c : options.pg_schema) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
      throw soci::soci_error("pg_schema must be letters, digits and _");
    }
  }
  std::unique_ptr<Database> db(new Database(backend, connect, options.pg_schema));
  db->size_ = options.pool_size > 0 ? options.pool_size : (backend == Backend::kSqlite ? 4 : 8);
  for (std::size_t i = 0; i < db->size_; ++i) db->idle_.push_back(db->Connect());
  return db;
}

std::unique_ptr<soci::session> Database::Connect() const {
  std::unique_ptr<soci::session> s;
  if (backend_ == Backend::kSqlite) {
    s = std::make_unique<soci::session>(soci::sqlite3, connect_);
    // WAL lets readers run beside the writer; synchronous=FULL makes an acknowledged commit
    // survive a power cut (NORMAL would only survive a process crash in WAL mode).
    *s << "PRAGMA journal_mode=WAL";
    *s << "PRAGMA synchronous=FULL";
    *s << "PRAGMA foreign_keys=ON";
    *s << "PRAGMA busy_timeout=30000";
  } else {
    s = std::make_unique<soci::session>(soci::postgresql, connect_);
    *s << "SET TIME ZONE 'UTC'";
    if (!pg_schema_.empty()) {
      *s << "CREATE SCHEMA IF NOT EXISTS " + pg_schema_;
      *s << "SET search_path TO " + pg_schema_;
    }
  }
  return s;
}

int Database::in_use() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(size_ - idle_.size());
}

Lease Database::Acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty(); });
  auto s = std::move(idle_.back());
  idle_.pop_back();
  return Lease(this, std::move(s));
}

void Database::Release(std::unique_ptr<soci::session> session) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(session));
  }
  available_.notify_one();
}

std::vector<int> Database::Migrate() {
  Lease lease = Acquire();
  auto& sql = lease.sql();
  sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
         "name TEXT NOT NULL, applied_at TEXT NOT NULL)";
  std::vector<int> applied;
  for (const auto& m : EmbeddedMigrations()) {
    Transaction tx(lease, Transaction::Mode::kWrite);
    int count = 0;
    sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m.version),
        soci::into(count);
    if (count > 0) continue;
    for (const auto& stmt : MigrationStatements(m, backend_)) sql << stmt;
    const std::string now = NowText();
    sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)",
        soci::use(m.version), soci::use(m.name), soci::use(now);
    tx.Commit();
    applied.push_back(m.version);
  }
  return applied;
}

}  // namespace huigui::store
