#include "app/settings_json.h"

#include <string>

namespace huigui::app {

using nlohmann::json;

json RiskModelJson(const RiskModel& m) {
  json rules = json::array();
  for (const auto& r : m.rules) {
    rules.push_back({{"factor", r.factor}, {"points", r.points}, {"threshold", r.threshold}});
  }
  return {{"version", m.version},
          {"rules", rules},
          {"high_at", m.high_at},
          {"medium_at", m.medium_at},
          {"long_term_low_days", m.long_term_low_days},
          {"hard_substances", m.hard_substances}};
}

namespace {

bool IsInt(const json& j, const char* key) { return j.contains(key) && j[key].is_number_integer(); }

}  // namespace

Result<RiskModel> ParseRiskModel(const json& j) {
  FieldErrors errors;
  RiskModel m;
  if (!j.is_object()) return Status::Invalid("body", "object", "must be a JSON object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    static const char* kKnown[] = {
        "version", "rules", "high_at", "medium_at", "long_term_low_days", "hard_substances"};
    bool known = false;
    for (const char* k : kKnown) known = known || it.key() == k;
    if (!known) errors.Add(it.key(), "unknown", "is not a known field");
  }
  if (j.contains("version")) {
    if (IsInt(j, "version"))
      m.version = j["version"].get<int>();
    else
      errors.Add("version", "type", "must be an integer");
  }
  for (const char* key : {"high_at", "medium_at", "long_term_low_days"}) {
    if (!IsInt(j, key)) {
      errors.Add(key, j.contains(key) ? "type" : "required", "must be an integer");
      continue;
    }
    const int v = j[key].get<int>();
    if (std::string(key) == "high_at") m.high_at = v;
    if (std::string(key) == "medium_at") m.medium_at = v;
    if (std::string(key) == "long_term_low_days") m.long_term_low_days = v;
  }
  if (!j.contains("rules") || !j["rules"].is_array()) {
    errors.Add("rules", "type", "must be an array of {factor, points, threshold}");
  } else {
    for (std::size_t i = 0; i < j["rules"].size(); ++i) {
      const auto& r = j["rules"][i];
      const std::string field = "rules[" + std::to_string(i) + "]";
      if (!r.is_object() || !r.contains("factor") || !r["factor"].is_string() ||
          !IsInt(r, "points") || (r.contains("threshold") && !IsInt(r, "threshold"))) {
        errors.Add(field, "shape", "must be {factor: string, points: int, threshold?: int}");
        continue;
      }
      m.rules.push_back({r["factor"].get<std::string>(), r["points"].get<int>(),
                         r.contains("threshold") ? r["threshold"].get<int>() : 1});
    }
  }
  if (j.contains("hard_substances")) {
    const auto& h = j["hard_substances"];
    bool ok = h.is_array();
    for (const auto& s : h) ok = ok && s.is_string();
    if (ok)
      m.hard_substances = h.get<std::vector<std::string>>();
    else
      errors.Add("hard_substances", "type", "must be an array of strings");
  }
  if (!errors.empty()) return errors.ToStatus();
  return m;
}

json IntervalsJson(const std::vector<IntervalRule>& rules) {
  json out = json::array();
  for (const auto& r : rules) {
    out.push_back({{"tier", NameOf(kRiskTierNames, r.tier)},
                   {"kind", NameOf(kEpisodeKindNames, r.kind)},
                   {"test_days", {r.test_days[0], r.test_days[1], r.test_days[2]}},
                   {"contact_days", {r.contact_days[0], r.contact_days[1], r.contact_days[2]}}});
  }
  return out;
}

Result<std::vector<IntervalRule>> ParseIntervals(const json& document) {
  const json& list =
      document.is_object() && document.contains("items") ? document["items"] : document;
  if (!list.is_array()) return Status::Invalid("items", "type", "must be an array of rules");
  FieldErrors errors;
  std::vector<IntervalRule> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& r = list[i];
    const std::string field = "items[" + std::to_string(i) + "]";
    auto tier = r.is_object() && r.contains("tier") && r["tier"].is_string()
                    ? ParseName(kRiskTierNames, r["tier"].get<std::string>())
                    : std::nullopt;
    auto kind = r.is_object() && r.contains("kind") && r["kind"].is_string()
                    ? ParseName(kEpisodeKindNames, r["kind"].get<std::string>())
                    : std::nullopt;
    auto days = [&](const char* key, int* target) {
      if (!r.contains(key) || !r[key].is_array() || r[key].size() != 3) return false;
      for (int y = 0; y < 3; ++y) {
        if (!r[key][y].is_number_integer()) return false;
        target[y] = r[key][y].get<int>();
        if (target[y] < 0 || target[y] > 366) return false;
      }
      return true;
    };
    IntervalRule rule;
    if (!tier)
      errors.Add(field + ".tier", "enum", "must be one of: " + AllowedNames(kRiskTierNames));
    if (!kind)
      errors.Add(field + ".kind", "enum", "must be one of: " + AllowedNames(kEpisodeKindNames));
    if (!days("test_days", rule.test_days)) {
      errors.Add(field + ".test_days", "range",
                 "must be 3 integers from 0 to 366 (years 1, 2, 3+)");
    }
    if (!days("contact_days", rule.contact_days)) {
      errors.Add(field + ".contact_days", "range",
                 "must be 3 integers from 0 to 366 (years 1, 2, 3+)");
    }
    if (tier && kind) {
      rule.tier = *tier;
      rule.kind = *kind;
      out.push_back(rule);
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

json FollowUpCadenceJson(const FollowUpCadence& cadence) {
  return {{"cadence_days", cadence.days_after_release}, {"early_days", cadence.early_days}};
}

}  // namespace huigui::app
