// Database: a pool of SOCI sessions over SQLite or PostgreSQL, and the transaction that every
// request runs in.
//
// One implementation serves both backends; the few dialect differences (identity columns, how a
// write transaction begins) are handled here and in migrations.cc, nowhere else.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "domain/status.h"

namespace huigui::store {

enum class Backend { kSqlite, kPostgresql };

struct DatabaseOptions {
  std::string url;        // "sqlite:PATH" or "postgresql://..." (a libpq URL or conninfo)
  int pool_size = 0;      // 0: 4 for SQLite, 8 for PostgreSQL
  std::string pg_schema;  // PostgreSQL only: create and use this schema (isolated test runs)
};

class Database;

// A session borrowed from the pool; returned on destruction.
class Lease {
 public:
  Lease(Database* db, std::unique_ptr<soci::session> session);
  ~Lease();
  Lease(Lease&&) = default;
  Lease& operator=(Lease&&) = delete;
  soci::session& sql() { return *session_; }
  Backend backend() const;

 private:
  Database* db_;
  std::unique_ptr<soci::session> session_;
};

// One database transaction on a leased session. Rolls back on destruction unless committed.
// Write transactions on SQLite begin IMMEDIATE so that two writers never deadlock upgrading a
// read lock; PostgreSQL takes row locks as needed.
class Transaction {
 public:
  enum class Mode { kRead, kWrite };
  Transaction(Lease& lease, Mode mode);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  soci::session& sql() { return lease_.sql(); }
  Backend backend() const { return lease_.backend(); }
  void Commit();

 private:
  Lease& lease_;
  bool open_ = true;
};

class Database {
 public:
  // Opens the pool. Throws soci::soci_error when the database cannot be reached.
  static std::unique_ptr<Database> Open(const DatabaseOptions& options);
  ~Database();

  Backend backend() const { return backend_; }
  int pool_size() const { return static_cast<int>(size_); }
  int in_use() const;

  // Blocks until a session is free.
  Lease Acquire();

  // Applies pending migrations; returns the versions applied.
  std::vector<int> Migrate();

 private:
  friend class Lease;
  Database(Backend backend, std::string connect, std::string pg_schema);
  std::unique_ptr<soci::session> Connect() const;
  void Release(std::unique_ptr<soci::session> session);

  Backend backend_;
  std::string connect_;
  std::string pg_schema_;
  std::size_t size_ = 0;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<soci::session>> idle_;  // GUARDED_BY(mutex_)
};

// Parses a --db value; InvalidArgument names the rule broken.
Result<std::pair<Backend, std::string>> ParseDatabaseUrl(const std::string& url);

}  // namespace huigui::store
