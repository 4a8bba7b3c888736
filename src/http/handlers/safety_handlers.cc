#include <algorithm>

#include "http/handlers/handlers.h"
#include "http/json_input.h"
#include "http/wire.h"

namespace huigui::http {
namespace {

nlohmann::json StreakJson(const SafetyStreak& s) {
  return {{"completed_years_streak", s.completed_years_streak},
          {"since_year", s.since_year ? nlohmann::json(*s.since_year) : nlohmann::json(nullptr)},
          {"current_year_clean", s.current_year_clean},
          {"streak_if_year_ends_clean", s.streak_if_year_ends_clean()},
          {"last_incident", s.last_incident ? nlohmann::json(s.last_incident->ToString())
                                            : nlohmann::json(nullptr)}};
}

nlohmann::json RecordJson(const SafetyRecord& r) {
  nlohmann::json by = nlohmann::json::object();
  for (const auto& [category, name] : kSafetyCategoryNames) by[name] = StreakJson(r.For(category));
  return {{"six_nos", StreakJson(r.six_nos)}, {"by_category", std::move(by)}};
}

nlohmann::json IncidentJson(const store::IncidentRow& i) {
  return {{"id", i.id},
          {"facility", {{"code", i.facility_code}, {"name", i.facility_name}}},
          {"category", NameOf(kSafetyCategoryNames, i.category)},
          {"date", i.occurred_on.ToString()},
          {"description", i.description},
          {"follow_up", i.follow_up},
          {"person_id", i.person_id ? nlohmann::json(*i.person_id) : nlohmann::json(nullptr)},
          {"episode_action_id",
           i.episode_action_id ? nlohmann::json(*i.episode_action_id) : nlohmann::json(nullptr)},
          {"recorded_by", i.recorded_by}};
}

}  // namespace

HttpResponse CreateIncident(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  store::IncidentRow in;
  auto facility = r.String("facility", true);
  in.category = r.Enum("category", kSafetyCategoryNames, true).value_or(SafetyCategory::kEscape);
  in.occurred_on = r.DateField("date", true).value_or(Date());
  in.description = r.String("description", true).value_or("");
  in.follow_up = r.String("follow_up", false).value_or("");
  if (auto p = r.Int("person_id", false)) {
    if (*p <= 0) errors.Add("person_id", "positive_integer", "must be a positive integer");
    in.person_id = *p;
  }
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto row = s.safety.Record(ctx, *facility, in);
  if (!row.ok()) return Fail(row.status(), ctx);
  return Json(201, IncidentJson(*row));
}

HttpResponse ListIncidents(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {"facility", "category"}); !st.ok()) return Fail(st, ctx);
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  std::optional<std::string> facility;
  std::optional<SafetyCategory> category;
  if (auto it = req.query.find("facility"); it != req.query.end()) facility = it->second;
  if (auto it = req.query.find("category"); it != req.query.end()) {
    category = ParseName(kSafetyCategoryNames, it->second);
    if (!category) {
      return Fail(Status::Invalid("category", "enum",
                                  "must be one of: " + AllowedNames(kSafetyCategoryNames)),
                  ctx);
    }
  }
  auto rows = s.safety.List(ctx, facility, category);
  if (!rows.ok()) return Fail(rows.status(), ctx);
  return PagedAnswer(*rows, *paging, IncidentJson);
}

HttpResponse GetSafetyStreaks(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {"org_unit"}); !st.ok()) return Fail(st, ctx);
  auto it = req.query.find("org_unit");
  const std::string org = it == req.query.end() ? ctx.actor->org_code : it->second;
  auto view = s.safety.Streaks(ctx, org);
  if (!view.ok()) return Fail(view.status(), ctx);
  nlohmann::json body = RecordJson(view->record);
  body["org_unit"] = OrgUnitJson(view->org);
  body["records_since"] = view->records_since;
  nlohmann::json facilities = nlohmann::json::array();
  for (const auto& [f, record] : view->facilities) {
    nlohmann::json one = RecordJson(record);
    one["org_unit"] = OrgUnitJson(f);
    facilities.push_back(std::move(one));
  }
  body["facilities"] = std::move(facilities);
  return Json(200, body);
}

}  // namespace huigui::http
