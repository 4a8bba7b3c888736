// 统一调配: admission needs, org unit locations and allocation proposals (docs/api.md).
#include "app/allocation_service.h"
#include "http/handlers/handlers.h"
#include "http/json_input.h"

namespace huigui::http {
namespace {

using nlohmann::json;

json NeedsJson(int64_t episode_id, const store::AdmissionNeeds& n) {
  return {{"episode_id", episode_id},
          {"medical_needs", n.medical_needs},
          {"pregnant", n.pregnant},
          {"nursing_infant_under_1", n.nursing_infant_under_1},
          {"recorded_by", n.recorded_by.empty() ? json(nullptr) : json(n.recorded_by)},
          {"updated_at", n.updated_at.empty() ? json(nullptr) : json(n.updated_at)}};
}

json Optional(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json ProposalSummaryJson(const store::ProposalRow& p) {
  return {{"id", p.id},
          {"status", p.status},
          {"scope", p.scope_code},
          {"options",
           {{"out_of_region_penalty_km", p.out_of_region_penalty_km},
            {"exclude_under_16", p.exclude_under_16}}},
          {"pending", p.pending},
          {"placed", p.placed},
          {"unplaced", p.unplaced},
          {"out_of_region", p.out_of_region},
          {"distance_m", p.distance_m},
          {"placement_cost", p.placement_cost},
          {"objective", p.objective},
          {"solve_ms", p.solve_ms},
          {"created_by", p.created_by},
          {"created_at", p.created_at},
          {"approved_by", Optional(p.approved_by)},
          {"approved_at", Optional(p.approved_at)}};
}

json ParsedOr(const std::string& text, json fallback) {
  auto parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? fallback : parsed;
}

json OutcomeJson(const store::OutcomeRow& o) {
  json out{{"group", o.group_no}, {"count", o.count}, {"explanation", o.explanation}};
  if (o.reason) {
    out["reason"] = *o.reason;
    out["rules"] = ParsedOr(o.rules, json::array());
  } else {
    out["facility"] = o.facility_code;
    out["distance_m"] = o.distance_m;
    out["cost_m"] = o.cost;
    out["out_of_region"] = o.out_of_region;
    out["nearer"] = ParsedOr(o.nearer, json::array());
  }
  return out;
}

json GroupJson(const store::ProposalGroupRow& g) {
  return {{"group", g.group_no},
          {"sex", g.sex},
          {"age_from", g.age_from},
          {"age_to", g.age_to},
          {"home_county", g.home_county},
          {"home_county_name", g.home_county_name},
          {"home_region", g.home_region},
          {"medical_needs", g.medical_needs},
          {"pregnant", g.pregnant},
          {"nursing_infant_under_1", g.nursing_infant_under_1},
          {"size", g.size}};
}

json ItemJson(const store::ItemRow& i) {
  return {{"episode_id", i.episode_id},
          {"person_id", i.person_id},
          {"alias", i.alias},
          {"group", i.group_no},
          {"facility", i.facility_code.empty() ? json(nullptr) : json(i.facility_code)},
          {"distance_m", i.distance_m},
          {"out_of_region", i.out_of_region},
          {"explanation", i.explanation}};
}

json FacilityJson(const store::ProposalFacilityRow& f) {
  return {{"code", f.code}, {"name", f.name},         {"region", f.region},
          {"beds", f.beds}, {"occupied", f.occupied}, {"free_beds", f.free_beds}};
}

json ViewJson(const app::ProposalView& v) {
  json body = ProposalSummaryJson(v.proposal);
  json facilities = json::array();
  for (const auto& f : v.facilities) {
    json row = FacilityJson(f.facility);
    row.erase("free_beds");
    row["free_beds_before"] = f.facility.free_beds;
    row["placed"] = f.placed;
    row["free_beds_after"] = f.free_beds_after;
    row["out_of_region"] = f.out_of_region;
    facilities.push_back(std::move(row));
  }
  json groups = json::array();
  for (const auto& g : v.groups) {
    json row = GroupJson(g.group);
    row["placed"] = g.placed;
    row["unplaced"] = g.group.size - g.placed;
    json placements = json::array();
    for (const auto& o : g.placements) placements.push_back(OutcomeJson(o));
    row["placements"] = std::move(placements);
    groups.push_back(std::move(row));
  }
  json unplaced = json::array();
  for (const auto& o : v.unplaced) {
    json row = OutcomeJson(o);
    if (o.group_no >= 0 && o.group_no < static_cast<int>(v.groups.size())) {
      row["group_detail"] = GroupJson(v.groups[o.group_no].group);
    }
    unplaced.push_back(std::move(row));
  }
  body["by_facility"] = std::move(facilities);
  body["by_group"] = std::move(groups);
  body["unplaced_groups"] = std::move(unplaced);
  body["people"] = PageJson(v.items, v.items_total, v.limit, v.offset, ItemJson);
  return body;
}

}  // namespace

HttpResponse GetAdmissionNeeds(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto needs = s.allocation.Needs(ctx, *id);
  if (!needs.ok()) return Fail(needs.status(), ctx);
  return Json(200, NeedsJson(*id, *needs));
}

HttpResponse PutAdmissionNeeds(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  store::AdmissionNeeds in;
  in.medical_needs = static_cast<int>(r.Int("medical_needs", true).value_or(0));
  in.pregnant = r.Bool("pregnant", false).value_or(false);
  in.nursing_infant_under_1 = r.Bool("nursing_infant_under_1", false).value_or(false);
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto saved = s.allocation.SetNeeds(ctx, *id, in);
  if (!saved.ok()) return Fail(saved.status(), ctx);
  return Json(200, NeedsJson(*id, *saved));
}

HttpResponse PutOrgUnitLocation(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  const double latitude = r.Number("latitude", true).value_or(0);
  const double longitude = r.Number("longitude", true).value_or(0);
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto saved = s.allocation.SetLocation(ctx, req.params.at("code"), latitude, longitude);
  if (!saved.ok()) return Fail(saved.status(), ctx);
  return Json(200, {{"code", saved->code},
                    {"kind", saved->kind},
                    {"latitude", saved->latitude},
                    {"longitude", saved->longitude}});
}

HttpResponse GetPendingAdmissions(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {}); !st.ok()) return Fail(st, ctx);
  auto p = s.allocation.Pending(ctx);
  if (!p.ok()) return Fail(p.status(), ctx);
  json needs = json::object();
  for (const auto& [level, n] : p->by_medical_needs) needs[std::to_string(level)] = n;
  json facilities = json::array();
  for (const auto& f : p->facilities) facilities.push_back(FacilityJson(f));
  return Json(200, {{"total", p->total},
                    {"by_sex", p->by_sex},
                    {"by_medical_needs", needs},
                    {"pregnant", p->pregnant},
                    {"nursing_infant_under_1", p->nursing_infant_under_1},
                    {"under_16", p->under_16},
                    {"facilities", facilities}});
}

HttpResponse CreateAllocation(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  // No body means the default options.
  auto body = req.body.empty() ? Result<json>(json::object()) : ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  AllocationOptions options;
  if (auto k = r.Int("out_of_region_penalty_km", false)) {
    options.out_of_region_penalty_km = static_cast<int>(std::clamp<int64_t>(*k, -1, 1'000'000));
  }
  options.exclude_under_16 = r.Bool("exclude_under_16", false).value_or(true);
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto view = s.allocation.Propose(ctx, options);
  if (!view.ok()) return Fail(view.status(), ctx);
  return Json(201, ViewJson(*view));
}

HttpResponse ListAllocations(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {}); !st.ok()) return Fail(st, ctx);
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  auto rows = s.allocation.List(ctx);
  if (!rows.ok()) return Fail(rows.status(), ctx);
  return PagedAnswer(*rows, *paging, ProposalSummaryJson);
}

HttpResponse GetAllocation(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  if (Status st = RejectUnknownQuery(req, {}); !st.ok()) return Fail(st, ctx);
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  auto view = s.allocation.Get(ctx, *id, paging->limit, paging->offset);
  if (!view.ok()) return Fail(view.status(), ctx);
  return Json(200, ViewJson(*view));
}

HttpResponse ApproveAllocation(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto view = s.allocation.Approve(ctx, *id);
  if (!view.ok()) return Fail(view.status(), ctx);
  json body = ViewJson(*view);
  json admitted = json::array();
  for (const auto& i : view->admitted) {
    admitted.push_back({{"episode_id", i.episode_id},
                        {"person_id", i.person_id},
                        {"alias", i.alias},
                        {"facility", i.facility_code}});
  }
  body["admitted"] = std::move(admitted);
  return Json(200, body);
}

}  // namespace huigui::http
