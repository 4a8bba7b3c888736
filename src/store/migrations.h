// Versioned schema migrations, embedded from src/store/migrations/*.sql at build time.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace huigui::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;  // with ${...} dialect tokens
};

// All migrations in version order (generated file).
const std::vector<Migration>& EmbeddedMigrations();

// The SQL of a migration for one backend, split into single statements.
std::vector<std::string> MigrationStatements(const Migration& migration, Backend backend);

}  // namespace huigui::store
