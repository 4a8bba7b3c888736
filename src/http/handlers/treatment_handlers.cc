// Treatment plans, sessions, craving assessments, the craving trend and the programme summary
// (issue 4 §3).
#include <algorithm>
#include <limits>

#include "http/csv.h"
#include "http/handlers/handlers.h"
#include "http/json_input.h"

namespace huigui::http {
namespace {

template <typename T>
nlohmann::json OrNull(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// An integer field as int; values beyond ±1e6 become ±1e6 so that range rules still name them.
std::optional<int> SmallInt(ObjectReader& r, const std::string& key, bool required) {
  auto v = r.Int(key, required);
  if (!v) return std::nullopt;
  return static_cast<int>(std::clamp<int64_t>(*v, -1'000'000, 1'000'000));
}

nlohmann::json ProgressJson(const std::vector<ProgrammeProgress>& progress) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : progress) {
    out.push_back({{"programme", NameOf(kProgrammeNames, p.programme)},
                   {"planned", p.planned},
                   {"done", p.done},
                   {"share", p.share()}});
  }
  return out;
}

nlohmann::json PlanJson(const app::TreatmentPlanView& v) {
  nlohmann::json programmes = nlohmann::json::array();
  nlohmann::json body{{"episode_id", v.episode_id},
                      {"person_id", v.person_id},
                      {"facility", v.facility_code},
                      {"progress", ProgressJson(v.progress)}};
  if (v.plan) {
    for (const auto& p : v.plan->programmes) {
      programmes.push_back({{"programme", NameOf(kProgrammeNames, p.programme)},
                            {"goal", p.goal},
                            {"planned_sessions", p.planned_sessions}});
    }
    body["created_by"] = v.plan->created_by;
    body["created_at"] = v.plan->created_at;
    body["updated_by"] = v.plan->updated_by;
    body["updated_at"] = v.plan->updated_at;
  } else {
    for (const char* key : {"created_by", "created_at", "updated_by", "updated_at"}) {
      body[key] = nullptr;
    }
  }
  body["programmes"] = std::move(programmes);
  return body;
}

nlohmann::json SessionJson(const store::TreatmentSessionRow& r) {
  const TreatmentSession& s = r.session;
  return {{"id", r.id},
          {"episode_id", r.episode_id},
          {"person_id", r.person_id},
          {"facility", r.facility_code},
          {"programme", NameOf(kProgrammeNames, s.programme)},
          {"stage", s.stage ? nlohmann::json(NameOf(kDesensitisationStageNames, *s.stage))
                            : nlohmann::json(nullptr)},
          {"date", s.date.ToString()},
          {"officer", r.officer},
          {"vas_before", s.vas_before},
          {"vas_after", s.vas_after},
          {"heart_rate", OrNull(s.heart_rate)},
          {"rmssd", OrNull(s.rmssd)},
          {"skin_conductance", OrNull(s.skin_conductance)},
          {"notes", s.notes},
          {"recorded_by", r.recorded_by}};
}

nlohmann::json CravingAssessmentJson(const store::CravingAssessmentRow& r) {
  const CravingAssessment& a = r.assessment;
  return {{"id", r.id},
          {"person_id", r.person_id},
          {"episode_id", r.episode_id},
          {"facility", r.facility_code},
          {"date", a.date.ToString()},
          {"vas", a.vas},
          {"instrument", OrNull(a.instrument)},
          {"total", OrNull(a.total)},
          {"notes", a.notes},
          {"recorded_by", r.recorded_by}};
}

nlohmann::json ReadingJson(const CravingReading& r) {
  return {{"date", r.date.ToString()}, {"vas", r.vas}};
}

// Reads {"programmes": [{"programme", "goal", "planned_sessions"}, ...]}.
Result<std::vector<ProgrammeSubmission>> ReadPlanBody(const HttpRequest& req) {
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return body.status();
  FieldErrors errors;
  ObjectReader r(*body, errors);
  std::vector<ProgrammeSubmission> out;
  if (const auto* list = r.Array("programmes", true)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string prefix = "programmes[" + std::to_string(i) + "].";
      const auto& item = (*list)[i];
      if (!item.is_object()) {
        errors.Add("programmes[" + std::to_string(i) + "]", "type", "must be an object");
        continue;
      }
      ObjectReader p(item, errors, prefix);
      ProgrammeSubmission sub;
      sub.programme = p.String("programme", true).value_or("");
      sub.goal = p.String("goal", true);
      sub.planned_sessions = SmallInt(p, "planned_sessions", true);
      p.RejectUnknown();
      out.push_back(std::move(sub));
    }
  }
  r.RejectUnknown();
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

}  // namespace

HttpResponse GetTreatmentPlan(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto view = s.treatment.Plan(ctx, *id);
  if (!view.ok()) return Fail(view.status(), ctx);
  return Json(200, PlanJson(*view));
}

HttpResponse PutTreatmentPlan(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto programmes = ReadPlanBody(req);
  if (!programmes.ok()) return Fail(programmes.status(), ctx);
  auto view = s.treatment.PutPlan(ctx, *id, *programmes);
  if (!view.ok()) return Fail(view.status(), ctx);
  return Json(200, PlanJson(*view));
}

HttpResponse ListTreatmentSessions(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  if (Status st = RejectUnknownQuery(req, {}); !st.ok()) return Fail(st, ctx);
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  auto rows = s.treatment.Sessions(ctx, *id);
  if (!rows.ok()) return Fail(rows.status(), ctx);
  return PagedAnswer(*rows, *paging, SessionJson);
}

HttpResponse CreateTreatmentSession(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  SessionSubmission sub;
  sub.programme = r.String("programme", true).value_or("");
  sub.stage = r.String("stage", false);
  sub.date = r.DateField("date", true);
  sub.vas_before = SmallInt(r, "vas_before", true);
  sub.vas_after = SmallInt(r, "vas_after", true);
  sub.heart_rate = SmallInt(r, "heart_rate", false);
  sub.rmssd = r.Number("rmssd", false);
  sub.skin_conductance = r.Number("skin_conductance", false);
  sub.notes = r.String("notes", false).value_or("");
  const auto officer = r.String("officer", false);
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto row = s.treatment.RecordSession(ctx, *id, sub, officer);
  if (!row.ok()) return Fail(row.status(), ctx);
  return Json(201, SessionJson(*row));
}

HttpResponse ListCravingAssessments(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  if (Status st = RejectUnknownQuery(req, {}); !st.ok()) return Fail(st, ctx);
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  auto rows = s.treatment.CravingAssessments(ctx, *id);
  if (!rows.ok()) return Fail(rows.status(), ctx);
  return PagedAnswer(*rows, *paging, CravingAssessmentJson);
}

HttpResponse CreateCravingAssessment(Services& s, const HttpRequest& req,
                                     app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  CravingAssessmentSubmission sub;
  sub.date = r.DateField("date", true);
  sub.vas = SmallInt(r, "vas", true);
  sub.instrument = r.String("instrument", false);
  sub.total = SmallInt(r, "total", false);
  sub.notes = r.String("notes", false).value_or("");
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto row = s.treatment.RecordCravingAssessment(ctx, *id, sub);
  if (!row.ok()) return Fail(row.status(), ctx);
  return Json(201, CravingAssessmentJson(*row));
}

HttpResponse GetCraving(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto trend = s.treatment.Craving(ctx, *id);
  if (!trend.ok()) return Fail(trend.status(), ctx);
  nlohmann::json assessments = nlohmann::json::array();
  for (const auto& a : trend->assessments) assessments.push_back(CravingAssessmentJson(a));
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& row : trend->sessions) {
    sessions.push_back({{"id", row.id},
                        {"date", row.session.date.ToString()},
                        {"programme", NameOf(kProgrammeNames, row.session.programme)},
                        {"vas_before", row.session.vas_before},
                        {"vas_after", row.session.vas_after}});
  }
  nlohmann::json summary = nullptr;
  if (trend->summary) {
    const auto& p = *trend->summary;
    summary = {{"readings", p.readings},
               {"first", ReadingJson(p.first)},
               {"latest", ReadingJson(p.latest)},
               {"change", p.change},
               {"halved", p.halved}};
  }
  return Json(200, {{"person_id", trend->person_id},
                    {"assessments", std::move(assessments)},
                    {"sessions", std::move(sessions)},
                    {"summary", std::move(summary)},
                    {"plan", trend->plan ? PlanJson(*trend->plan) : nlohmann::json(nullptr)}});
}

namespace {

nlohmann::json ProgrammeItemsJson(const std::vector<app::ProgrammeSummaryRow>& rows) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows) {
    nlohmann::json item{{"programme", NameOf(kProgrammeNames, r.programme)},
                        {"suppressed", r.suppressed},
                        {"figures_suppressed", r.suppressed || r.figures_suppressed}};
    const bool row_hidden = r.suppressed;
    const bool figures_hidden = r.suppressed || r.figures_suppressed;
    item["persons"] = row_hidden ? nlohmann::json(nullptr) : nlohmann::json(r.persons);
    item["sessions"] = row_hidden ? nlohmann::json(nullptr) : nlohmann::json(r.sessions);
    item["persons_assessed"] =
        figures_hidden ? nlohmann::json(nullptr) : nlohmann::json(r.persons_assessed);
    item["mean_change"] = figures_hidden ? nlohmann::json(nullptr) : OrNull(r.mean_change);
    item["share_halved"] = figures_hidden ? nlohmann::json(nullptr) : OrNull(r.share_halved);
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace

HttpResponse GetProgrammeSummary(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {}); !st.ok()) return Fail(st, ctx);
  const std::string code = req.params.at("code");
  auto rows = s.treatment.ProgrammeSummary(ctx, code);
  if (!rows.ok()) return Fail(rows.status(), ctx);
  return Json(200, {{"facility", code},
                    {"min_cell", app::MinCellPersons()},
                    {"items", ProgrammeItemsJson(*rows)}});
}

HttpResponse GetCravingIndicator(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {"org_unit", "format"}); !st.ok()) return Fail(st, ctx);
  auto csv = WantsCsv(req);
  if (!csv.ok()) return Fail(csv.status(), ctx);
  FieldErrors errors;
  const auto org_unit = ReadOrgUnit(req, errors);
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  const std::string code = org_unit.value_or(ctx.actor ? ctx.actor->org_code : "");
  auto rows = s.treatment.ProgrammeSummary(ctx, code, /*any_unit=*/true);
  if (!rows.ok()) return Fail(rows.status(), ctx);
  if (*csv) {
    const nlohmann::json items = ProgrammeItemsJson(*rows);
    return CsvResponse(CsvOfRows(std::vector<nlohmann::json>(items.begin(), items.end())),
                       "craving-" + code + ".csv");
  }
  return Json(200, {{"org_unit", code},
                    {"min_cell", app::MinCellPersons()},
                    {"items", ProgrammeItemsJson(*rows)}});
}

}  // namespace huigui::http
