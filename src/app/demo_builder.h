// `huigui demo`: a deterministic Hubei province for demonstrations and tests — the real city
// codes, the facilities the Legal Daily page names, demo users for every role, the page's own
// pseudonymous people with the histories it gives them, and synthetic persons with plausible
// histories. The same seed always builds the same data (dates are relative to `today`).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/config.h"
#include "domain/civil_time.h"
#include "domain/status.h"
#include "store/crypto.h"
#include "store/database.h"

namespace huigui::app {

struct DemoOptions {
  uint64_t seed = 1;
  int persons = 2000;  // synthetic persons besides the page's five; 0: org tree and users only
  std::string password = "Huigui@2026";
};

struct DemoLogin {
  std::string username;
  std::string role;
  std::string org_code;
  std::string org_name;
};

struct DemoSummary {
  int org_units = 0;
  int persons = 0;
  int episodes = 0;
  int contacts = 0;
  int drug_tests = 0;
  std::vector<DemoLogin> logins;
  std::string password;
};

// Builds the demo into an empty, migrated database. Conflict if the database already holds
// org units (a demo is never merged into real data).
Result<DemoSummary> BuildDemo(store::Database& db, const store::KeyRing& keys,
                              const DemoOptions& options, Timestamp now);

}  // namespace huigui::app
