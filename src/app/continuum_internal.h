// Helpers the continuum service's translation units share. Not an API: only continuum_*.cc
// include it.
#pragma once

#include <optional>
#include <string>

#include "app/continuum_service.h"
#include "domain/follow_up.h"
#include "store/database.h"
#include "store/follow_up_repository.h"

namespace huigui::app::internal {

// Appends a risk row when the tier or score changed; true when the tier changed.
bool RecomputeRiskIn(store::Transaction& tx, int64_t person_id, const std::string& trigger,
                     Timestamp now);

// The follow-up cadence in force (settings "follow_up", else the default).
FollowUpCadence LoadFollowUpCadence(store::Transaction& tx);

// The follow-up obligation of a release given its follow-ups: the next unmet point of the
// cadence, owned by the person's home township; none when the schedule is met or ended.
std::optional<ObligationView> FollowUpObligation(const store::ReleaseRow& release,
                                                 const std::vector<FollowUpFact>& facts,
                                                 const FollowUpCadence& cadence, Date today);

}  // namespace huigui::app::internal
