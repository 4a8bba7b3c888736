#include "http/handlers/handlers.h"
#include "http/json_input.h"

namespace huigui::http {
namespace {

nlohmann::json ProfileJson(const store::FacilityProfile& p) {
  return {{"kind", p.kind},         {"sexes", p.sexes},        {"min_age", p.min_age},
          {"max_age", p.max_age},   {"beds", p.beds},          {"medical_level", p.medical_level},
          {"latitude", p.latitude}, {"longitude", p.longitude}};
}

nlohmann::json ByZoneJson(const store::Occupancy& o) {
  nlohmann::json by_zone = nlohmann::json::object();
  for (const auto& [zone, name] : kZoneNames) {
    by_zone[name] = o.by_zone.count(zone) ? o.by_zone.at(zone) : 0;
  }
  return by_zone;
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
  body["occupancy_by_zone"] = ByZoneJson(view->occupancy);
  body["unplaced"] = view->occupancy.unplaced;
  nlohmann::json by_unit = nlohmann::json::array();
  for (const auto& u : view->units) {
    const auto it = view->occupancy.by_unit.find(u.code);
    by_unit.push_back({{"code", u.code},
                       {"name", u.name},
                       {"officers", u.officers},
                       {"persons", it == view->occupancy.by_unit.end() ? 0 : it->second}});
  }
  body["occupancy_by_unit"] = std::move(by_unit);
  return Json(200, body);
}

}  // namespace huigui::http

// --- units, placements and the facility list ---------------------------------------------------

namespace huigui::http {
namespace {

nlohmann::json UnitJson(const store::UnitRow& u) {
  return {{"id", u.id},
          {"facility", u.facility_code},
          {"code", u.code},
          {"name", u.name},
          {"officers", u.officers}};
}

nlohmann::json PlacementJson(const store::PlacementRow& p) {
  return {{"id", p.id},
          {"episode_id", p.episode_id},
          {"person_id", p.person_id},
          {"facility", p.facility_code},
          {"zone", NameOf(kZoneNames, p.zone)},
          {"unit", {{"code", p.unit_code}, {"name", p.unit_name}}},
          {"date", p.date.ToString()},
          {"reason", p.reason},
          {"recorded_by", p.recorded_by},
          {"recorded_at", p.recorded_at}};
}

// Unit fields of a POST (code required) or PATCH (code from the path) body.
Result<app::UnitInput> ReadUnit(const HttpRequest& req, bool create) {
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return body.status();
  FieldErrors errors;
  ObjectReader r(*body, errors);
  app::UnitInput in;
  if (create) {
    in.code = r.String("code", true).value_or("");
  } else {
    in.code = req.params.at("unit");
  }
  in.name = r.String("name", create);
  in.officers = r.StringArray("officers", false);
  r.RejectUnknown();
  if (!errors.empty()) return errors.ToStatus();
  return in;
}

}  // namespace

HttpResponse ListFacilities(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {}); !st.ok()) return Fail(st, ctx);
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  auto rows = s.facilities.List(ctx);
  if (!rows.ok()) return Fail(rows.status(), ctx);
  return PagedAnswer(*rows, *paging, [](const app::FacilitySummary& f) {
    nlohmann::json one{{"facility", OrgUnitJson(f.facility)},
                       {"occupied", f.occupied},
                       {"occupancy_by_zone", ByZoneJson(f.occupancy)},
                       {"unplaced", f.occupancy.unplaced},
                       {"units", f.units}};
    one["profile"] = f.profile ? ProfileJson(*f.profile) : nlohmann::json(nullptr);
    one["beds"] = f.profile ? nlohmann::json(f.profile->beds) : nlohmann::json(nullptr);
    one["free_beds"] =
        f.profile ? nlohmann::json(f.profile->beds - f.occupied) : nlohmann::json(nullptr);
    return one;
  });
}

HttpResponse ListFacilityUnits(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {}); !st.ok()) return Fail(st, ctx);
  auto rows = s.facilities.Units(ctx, req.params.at("code"));
  if (!rows.ok()) return Fail(rows.status(), ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : *rows) items.push_back(UnitJson(u));
  return Json(200, {{"items", std::move(items)}, {"total", rows->size()}});
}

HttpResponse CreateFacilityUnit(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto in = ReadUnit(req, true);
  if (!in.ok()) return Fail(in.status(), ctx);
  auto row = s.facilities.CreateUnit(ctx, req.params.at("code"), *in);
  if (!row.ok()) return Fail(row.status(), ctx);
  return Json(201, UnitJson(*row));
}

HttpResponse PatchFacilityUnit(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto in = ReadUnit(req, false);
  if (!in.ok()) return Fail(in.status(), ctx);
  auto row = s.facilities.UpdateUnit(ctx, req.params.at("code"), *in);
  if (!row.ok()) return Fail(row.status(), ctx);
  return Json(200, UnitJson(*row));
}

HttpResponse CreatePlacement(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  app::PlacementInput in;
  in.zone = r.Enum("zone", kZoneNames, true).value_or(Zone::kDetox);
  in.unit_code = r.String("unit_code", true).value_or("");
  in.date = r.DateField("date", true).value_or(Date());
  in.reason = r.String("reason", false).value_or("");
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto placed = s.facilities.Place(ctx, *id, in);
  if (!placed.ok()) return Fail(placed.status(), ctx);
  nlohmann::json body_out = PlacementJson(placed->placement);
  body_out["move"] = NameOf(kMoveKindNames, placed->kind);
  return Json(201, body_out);
}

HttpResponse ListPersonPlacements(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  if (Status st = RejectUnknownQuery(req, {}); !st.ok()) return Fail(st, ctx);
  auto view = s.facilities.Placements(ctx, *id);
  if (!view.ok()) return Fail(view.status(), ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : view->history) items.push_back(PlacementJson(p));
  nlohmann::json body{{"items", std::move(items)}, {"total", view->history.size()}};
  body["current"] = view->current ? PlacementJson(*view->current) : nlohmann::json(nullptr);
  body["in_facility"] =
      view->episode_id ? nlohmann::json{{"episode_id", *view->episode_id},
                                        {"facility", *view->facility_code},
                                        {"admitted_on", view->admitted_on->ToString()},
                                        {"days_since_admission", ctx.today() - *view->admitted_on}}
                       : nlohmann::json(nullptr);
  return Json(200, body);
}

}  // namespace huigui::http
