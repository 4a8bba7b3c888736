// 回访: follow-ups after release (issue 5 §1) and the administrator's cadence.
#include <nlohmann/json.hpp>

#include "app/settings_json.h"
#include "http/handlers/handlers.h"
#include "http/json_input.h"
#include "http/wire.h"

namespace huigui::http {
namespace {

nlohmann::json FollowUpJson(const store::FollowUpRow& f) {
  return {{"id", f.id},
          {"person_id", f.person_id},
          {"release_episode_id", f.release_episode_id},
          {"at", f.at.ToString()},
          {"date", f.date.ToString()},
          {"method", NameOf(kFollowUpMethodNames, f.method)},
          {"result", NameOf(kFollowUpResultNames, f.result)},
          {"evidence", f.evidence},
          {"relapse_id", f.relapse_id ? nlohmann::json(*f.relapse_id) : nlohmann::json(nullptr)},
          {"recorded_by", f.recorded_by},
          {"org_unit", f.org_code}};
}

}  // namespace

HttpResponse CreateFollowUp(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  auto at = r.TimestampField("at", true);
  auto method = r.Enum("method", kFollowUpMethodNames, true);
  auto result = r.Enum("result", kFollowUpResultNames, true);
  auto evidence = r.String("evidence", false);
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  app::FollowUpInput input{*at, *method, *result, evidence.value_or("")};
  auto row = s.continuum.RecordFollowUp(ctx, *id, input);
  if (!row.ok()) return Fail(row.status(), ctx);
  return Json(201, FollowUpJson(*row));
}

HttpResponse ListFollowUps(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto view = s.continuum.FollowUps(ctx, *id);
  if (!view.ok()) return Fail(view.status(), ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& f : view->items) items.push_back(FollowUpJson(f));
  nlohmann::json release = nullptr;
  if (view->release) {
    const auto& r = *view->release;
    release = {{"episode_id", r.episode_id},
               {"date", r.release.ToString()},
               {"facility", r.facility_code},
               {"facility_name", r.facility_name}};
  }
  const auto& sch = view->schedule;
  return Json(200, {{"items", std::move(items)},
                    {"total", view->items.size()},
                    {"release", std::move(release)},
                    {"schedule",
                     {{"points", sch.points},
                      {"met", sch.met},
                      {"missed", sch.missed},
                      {"next_due", sch.next_due ? nlohmann::json(sch.next_due->ToString())
                                                : nlohmann::json(nullptr)},
                      {"ended_by_relapse", sch.ended_by_relapse}}}});
}

HttpResponse GetFollowUpSettings(Services& s, const HttpRequest&, app::RequestContext& ctx) {
  auto cadence = s.continuum.GetFollowUpCadence(ctx);
  if (!cadence.ok()) return Fail(cadence.status(), ctx);
  return Json(200, app::FollowUpCadenceJson(*cadence));
}

HttpResponse PutFollowUpSettings(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  const nlohmann::json* days = r.Array("cadence_days", true);
  auto early = r.Int("early_days", true);
  r.RejectUnknown();
  FollowUpCadence cadence;
  cadence.days_after_release.clear();
  if (days) {
    for (const auto& d : *days) {
      if (!d.is_number_integer()) {
        errors.Add("cadence_days", "type", "must be an array of whole days");
        break;
      }
      const auto v = d.get<int64_t>();
      cadence.days_after_release.push_back(static_cast<int>(std::clamp<int64_t>(v, -1, 100000)));
    }
  }
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  cadence.early_days = static_cast<int>(std::clamp<int64_t>(*early, -1, 100000));
  auto saved = s.continuum.PutFollowUpCadence(ctx, cadence);
  if (!saved.ok()) return Fail(saved.status(), ctx);
  return Json(200, app::FollowUpCadenceJson(*saved));
}

}  // namespace huigui::http
