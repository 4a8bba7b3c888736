// Runs one use case in one database transaction: commit when it returns ok, roll back otherwise
// (and on any exception). Driver errors that mean "conflict" are translated here, once.
#pragma once

#include <string>
#include <utility>

#include <soci/soci.h>

#include "domain/status.h"
#include "store/database.h"

namespace huigui::app {

inline bool IsUniqueViolation(const soci::soci_error& e) {
  const std::string what = e.what();
  return what.find("UNIQUE constraint") != std::string::npos ||
         what.find("duplicate key") != std::string::npos;
}

template <typename F>
auto InTransaction(store::Database& db, store::Transaction::Mode mode, F&& body)
    -> decltype(body(std::declval<store::Transaction&>())) {
  store::Lease lease = db.Acquire();
  try {
    store::Transaction tx(lease, mode);
    auto result = body(tx);
    if (result.ok()) tx.Commit();
    return result;
  } catch (const soci::soci_error& e) {
    if (IsUniqueViolation(e)) return Status::Conflict("a record with the same key exists");
    throw;
  }
}

}  // namespace huigui::app
