// The treatment part of `huigui demo` (issue 4 §3): for every person admitted to a compulsory
// isolation facility, an individual treatment plan, sessions of its programmes over the stay and
// craving assessments about every four weeks whose VAS tends to fall — most people's by half or
// more, some people's hardly (the page: craving treatment works, not for everyone). Deterministic
// from the seed, independent of the rest of the demo's random draws.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "domain/civil_time.h"
#include "domain/status.h"

namespace huigui::app {

// One weekly session of the page's 严良, as his counselling contacts already tell it.
struct PageDesensitisationSession {
  Date date;
  int vas_before = 0;
  int vas_after = 0;
  int heart_rate = 0;           // after the session, bpm
  double skin_conductance = 0;  // after the session, µS
};

struct TreatmentDemoInput {
  uint64_t seed = 1;
  Timestamp now;
  // The facility officer who runs sessions at a facility (the demo user, else "demo").
  std::function<std::string(std::string_view facility_code)> officer;
  // 严良's open Shizishan episode: a six-month desensitisation plan from `plan_day` with exactly
  // the sessions his contacts describe.
  std::optional<int64_t> yan_liang_episode;
  Date yan_liang_plan_day;
  std::vector<PageDesensitisationSession> yan_liang_sessions;
};

struct TreatmentDemoSummary {
  int plans = 0;
  int sessions = 0;
  int craving_assessments = 0;
};

Result<TreatmentDemoSummary> BuildTreatmentDemo(soci::session& sql,
                                                const TreatmentDemoInput& input);

}  // namespace huigui::app
