#include "http/handlers/handlers.h"
#include "http/json_input.h"

namespace huigui::http {
namespace {

nlohmann::json ProfileJson(const store::FacilityProfile& p) {
  return {{"kind", p.kind},         {"sexes", p.sexes},        {"min_age", p.min_age},
          {"max_age", p.max_age},   {"beds", p.beds},          {"medical_level", p.medical_level},
          {"latitude", p.latitude}, {"longitude", p.longitude}};
}

}  // namespace

HttpResponse GetFacilityProfile(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto p = s.facilities.Profile(ctx, req.params.at("code"));
  if (!p.ok()) return Fail(p.status(), ctx);
  return Json(200, ProfileJson(*p));
}

HttpResponse PutFacilityProfile(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  store::FacilityProfile p;
  p.kind = r.String("kind", true).value_or("");
  p.sexes = r.String("sexes", true).value_or("");
  p.min_age = static_cast<int>(r.Int("min_age", true).value_or(0));
  p.max_age = static_cast<int>(r.Int("max_age", true).value_or(0));
  p.beds = static_cast<int>(r.Int("beds", true).value_or(0));
  p.medical_level = static_cast<int>(r.Int("medical_level", true).value_or(0));
  p.latitude = r.Number("latitude", true).value_or(0);
  p.longitude = r.Number("longitude", true).value_or(0);
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto saved = s.facilities.PutProfile(ctx, req.params.at("code"), p);
  if (!saved.ok()) return Fail(saved.status(), ctx);
  return Json(200, ProfileJson(*saved));
}

HttpResponse GetFacilityCapacity(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto view = s.facilities.Capacity(ctx, req.params.at("code"));
  if (!view.ok()) return Fail(view.status(), ctx);
  nlohmann::json body{{"facility", OrgUnitJson(view->facility)},
                      {"occupied", view->occupied},
                      {"admissions_by_month", view->admissions},
                      {"releases_by_month", view->releases},
                      {"expected_releases_by_month", view->expected}};
  body["profile"] = view->profile ? ProfileJson(*view->profile) : nlohmann::json(nullptr);
  body["beds"] = view->profile ? nlohmann::json(view->profile->beds) : nlohmann::json(nullptr);
  body["free_beds"] = view->profile ? nlohmann::json(view->profile->beds - view->occupied)
                                    : nlohmann::json(nullptr);
  return Json(200, body);
}

}  // namespace huigui::http
