// Demo content for zones and units (issue 4 §1): 4–6 units (大队) per compulsory isolation
// facility, the demo's facility officers assigned to their facility's units, and a placement
// history for every person in a facility consistent with the time since admission.
#pragma once

#include <cstdint>

#include <soci/soci.h>
#include "domain/civil_time.h"
#include "domain/status.h"

namespace huigui::app {

// Writes units and placements into a demo whose facilities, profiles, users and episodes are
// already written. Its own random stream (from `seed`) leaves the rest of the demo unchanged.
// Returns the number of placements written.
Result<int> BuildDemoUnitsAndPlacements(soci::session& sql, uint64_t seed, Timestamp now);

}  // namespace huigui::app
