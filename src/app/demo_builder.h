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
  // The continuum of care (added after the fields above).
  int actions = 0;           // episode_actions rows
  int notices = 0;           // episode_notices rows (family, release, township notices)
  int handovers = 0;         // 衔接 handovers, open and completed
  int alerts = 0;            // open alerts (serious breach, relapse, late handover)
  int risk_assessments = 0;  // initial risk rows, one per person with an open episode
  int assessments = 0;       // diagnostic assessments of persons in facilities
  int follow_ups = 0;        // follow-ups after release that reached the person
  int relapses = 0;
  // The scenario persons of 大智街道: what each one shows, alias and person id.
  struct Scenario {
    std::string path;
    std::string alias;
    int64_t person_id = 0;
  };
  std::vector<Scenario> scenarios;
};

// Builds the demo into an empty, migrated database. Conflict if the database already holds
// org units (a demo is never merged into real data).
Result<DemoSummary> BuildDemo(store::Database& db, const store::KeyRing& keys,
                              const DemoOptions& options, Timestamp now);

}  // namespace huigui::app
