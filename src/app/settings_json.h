// The risk model and interval table as JSON documents: how an administrator sends them, and how
// they are kept in the `settings` table. Parsing validates and names the offending field.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "domain/follow_up.h"
#include "domain/risk.h"
#include "domain/status.h"

namespace huigui::app {

nlohmann::json RiskModelJson(const RiskModel& model);
Result<RiskModel> ParseRiskModel(const nlohmann::json& document);

nlohmann::json IntervalsJson(const std::vector<IntervalRule>& rules);

// {"cadence_days":[...],"early_days":N}: the follow-up setting as stored and as answered.
nlohmann::json FollowUpCadenceJson(const FollowUpCadence& cadence);
// Accepts {"items": [...]} or a bare array.
Result<std::vector<IntervalRule>> ParseIntervals(const nlohmann::json& document);

}  // namespace huigui::app
