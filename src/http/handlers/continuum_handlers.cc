#include <algorithm>
#include <set>

#include "app/settings_json.h"
#include "http/handlers/handlers.h"
#include "http/json_input.h"
#include "http/wire.h"

namespace huigui::http {
namespace {

// Reads {"at"} (required) from a body that may carry nothing else.
Result<Timestamp> AtOnly(const HttpRequest& req) {
  auto body = ParseJsonObject(req.body.empty() ? "{}" : req.body);
  if (!body.ok()) return body.status();
  FieldErrors errors;
  ObjectReader r(*body, errors);
  auto at = r.TimestampField("at", true);
  r.RejectUnknown();
  if (!errors.empty()) return errors.ToStatus();
  return *at;
}

}  // namespace

HttpResponse GetEpisode(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto view = s.continuum.GetEpisode(ctx, *id);
  if (!view.ok()) return Fail(view.status(), ctx);
  HttpResponse res = Json(200, EpisodeDetailJson(*view));
  res.headers.emplace_back("ETag", "\"" + std::to_string(view->episode.version) + "\"");
  return res;
}

HttpResponse PostEpisodeAction(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  app::ActionInput in;
  in.action = r.Enum("action", kEpisodeActionNames, true).value_or(EpisodeAction::kEnd);
  in.at = r.TimestampField("at", true).value_or(Timestamp());
  in.approved = r.Bool("approved", false);
  in.assessment_passed = r.Bool("assessment_passed", false);
  if (auto days = r.Int("extension_days", false)) {
    if (*days < 1 || *days > kMaxExtensionDays) {
      errors.Add("extension_days", "range", "must be 1 to 365");
    } else {
      in.extension_days = static_cast<int>(*days);
    }
  }
  in.end_reason = r.Enum("end_reason", kEndReasonNames, false);
  in.org_unit = r.String("org_unit", false);
  in.decision_number = r.String("decision_number", false).value_or("");
  in.reason = r.String("reason", false).value_or("");
  if (auto v = r.Int("version", false)) in.expected_version = *v;
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  if (in.decision_number.size() > 64) {
    return Fail(Status::Invalid("decision_number", "length", "at most 64 characters"), ctx);
  }
  auto view = s.continuum.TakeAction(ctx, *id, in);
  if (!view.ok()) return Fail(view.status(), ctx);
  return Json(201, EpisodeDetailJson(*view));
}

HttpResponse PostEpisodeNotice(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  auto kind = r.String("kind", true);
  auto at = r.TimestampField("at", true);
  auto note = r.String("note", false).value_or("");
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto view = s.continuum.RecordNotice(ctx, *id, *kind, *at, note);
  if (!view.ok()) return Fail(view.status(), ctx);
  return Json(201, EpisodeDetailJson(*view));
}

namespace {

nlohmann::json AssessmentJson(const store::AssessmentRow& r) {
  nlohmann::json items = nlohmann::json::object();
  for (std::size_t i = 0; i < kDetoxItemCount; ++i) {
    items[std::string(kDetoxItemNames[i].second)] = r.assessment.detox_items[i];
  }
  const auto& o = r.outcome;
  return {{"id", r.id},
          {"episode_id", r.episode_id},
          {"kind", NameOf(kAssessmentKindNames, r.assessment.kind)},
          {"date", r.assessment.date.ToString()},
          {"detox_items", std::move(items)},
          {"physical_mental", NameOf(kPassFailNames, r.assessment.physical_mental)},
          {"behaviour", NameOf(kPassFailNames, r.assessment.behaviour)},
          {"social_environment", NameOf(kSocialEnvironmentNames, r.assessment.social_environment)},
          {"detox_score", o.detox_score},
          {"detox", NameOf(kPassFailNames, o.detox)},
          {"overall", NameOf(kPassFailNames, o.overall)},
          {"early_release_proposable", o.early_release_proposable},
          {"recommendation",
           o.recommendation ? nlohmann::json(NameOf(kExpiryRecommendationNames, *o.recommendation))
                            : nlohmann::json(nullptr)},
          {"recorded_by", r.recorded_by},
          {"org_unit", r.org_code}};
}

}  // namespace

HttpResponse CreateAssessment(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  AssessmentSubmission sub;
  sub.kind = r.String("kind", true).value_or("");
  sub.date = r.DateField("date", true);
  sub.physical_mental = r.String("physical_mental", true).value_or("");
  sub.behaviour = r.String("behaviour", true).value_or("");
  sub.social_environment = r.String("social_environment", true).value_or("");
  if (const auto* items = r.Object("detox_items", true)) {
    ObjectReader item_reader(*items, errors, "detox_items.");
    for (std::size_t i = 0; i < kDetoxItemCount; ++i) {
      if (auto v = item_reader.Int(std::string(kDetoxItemNames[i].second), true)) {
        sub.detox_items[i] = static_cast<int>(*v);
      }
    }
    item_reader.RejectUnknown();
  }
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto row = s.continuum.RecordAssessment(ctx, *id, sub);
  if (!row.ok()) return Fail(row.status(), ctx);
  return Json(201, AssessmentJson(*row));
}

HttpResponse ListAssessments(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto rows = s.continuum.Assessments(ctx, *id);
  if (!rows.ok()) return Fail(rows.status(), ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& row : *rows) items.push_back(AssessmentJson(row));
  return Json(200, {{"items", std::move(items)}, {"total", rows->size()}});
}

namespace {

nlohmann::json MedicalEventJson(const store::MedicalEventRow& m, Date today) {
  const Date until = m.returned_on.value_or(today);
  return {{"id", m.id},
          {"episode_id", m.episode_id},
          {"person", {{"id", m.person_id}, {"alias", m.alias}}},
          {"facility", m.facility_code},
          {"hospital", m.hospital},
          {"emergency_plan", m.emergency_plan},
          {"escorts", m.escorts},
          {"reason", m.reason},
          {"started_on", m.started_on.ToString()},
          {"returned_on",
           m.returned_on ? nlohmann::json(m.returned_on->ToString()) : nlohmann::json(nullptr)},
          {"days_in_hospital", until - m.started_on},
          {"recorded_by", m.recorded_by}};
}

}  // namespace

HttpResponse CreateExternalTreatment(Services& s, const HttpRequest& req,
                                     app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  store::MedicalEventRow m;
  m.hospital = r.String("hospital", true).value_or("");
  m.emergency_plan = r.Bool("emergency_plan", true).value_or(false);
  m.escorts = r.StringArray("escorts", false).value_or(std::vector<std::string>{});
  m.reason = r.String("reason", false).value_or("");
  m.started_on = r.DateField("started_on", true).value_or(Date());
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto row = s.continuum.RecordExternalTreatment(ctx, *id, m);
  if (!row.ok()) return Fail(row.status(), ctx);
  return Json(201, MedicalEventJson(*row, ctx.today()));
}

HttpResponse ReturnExternalTreatment(Services& s, const HttpRequest& req,
                                     app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  auto returned = r.DateField("returned_on", true);
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto row = s.continuum.ReturnFromTreatment(ctx, *id, *returned);
  if (!row.ok()) return Fail(row.status(), ctx);
  return Json(200, MedicalEventJson(*row, ctx.today()));
}

HttpResponse ListExternalTreatments(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {"facility", "person"}); !st.ok()) return Fail(st, ctx);
  FieldErrors errors;
  std::optional<std::string> facility;
  std::optional<int64_t> person;
  if (auto it = req.query.find("facility"); it != req.query.end()) facility = it->second;
  if (req.query.count("person")) {
    if (auto v = QueryInt(req.query, "person", 0, 1, 2'000'000'000, errors)) person = *v;
  }
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto rows = s.continuum.ExternalTreatments(ctx, facility, person);
  if (!rows.ok()) return Fail(rows.status(), ctx);
  nlohmann::json items = nlohmann::json::array();
  int64_t days = 0;
  for (const auto& m : *rows) {
    items.push_back(MedicalEventJson(m, ctx.today()));
    days += m.returned_on.value_or(ctx.today()) - m.started_on;
  }
  return Json(200,
              {{"items", std::move(items)}, {"total", rows->size()}, {"days_in_hospital", days}});
}

HttpResponse GetObligations(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto result = s.continuum.Obligations(ctx, *id);
  if (!result.ok()) return Fail(result.status(), ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& o : result->obligations) items.push_back(ObligationJson(o));
  nlohmann::json lost = nullptr;
  if (result->lost_contact) {
    lost = {{"since", result->lost_contact->since.ToString()},
            {"days", result->lost_contact->days}};
  }
  return Json(200, {{"items", std::move(items)},
                    {"tier", NameOf(kRiskTierNames, result->tier)},
                    {"lost_contact", lost},
                    {"under_dynamic_control", result->under_dynamic_control}});
}

HttpResponse GetRisk(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto risk = s.continuum.Risk(ctx, *id);
  if (!risk.ok()) return Fail(risk.status(), ctx);
  return Json(200, RiskJson(*risk));
}

HttpResponse PutRiskFactors(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  store::PersonRiskAttributes a;
  a.employed = r.Bool("employed", false);
  a.family_support = r.Bool("family_support", false);
  a.psychiatric_history = r.Bool("psychiatric_history", false).value_or(false);
  if (auto year = r.Int("first_use_year", false)) {
    if (*year < 1900 || *year > 9999)
      errors.Add("first_use_year", "range", "must be a year");
    else
      a.first_use_year = static_cast<int>(*year);
  }
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto risk = s.continuum.SetRiskAttributes(ctx, *id, a);
  if (!risk.ok()) return Fail(risk.status(), ctx);
  return Json(200, RiskJson(*risk));
}

HttpResponse GetOwnership(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto rows = s.continuum.Ownership(ctx, *id);
  if (!rows.ok()) return Fail(rows.status(), ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& o : *rows) items.push_back(OwnerJson(o));
  return Json(200, {{"items", std::move(items)}});
}

namespace {

HttpResponse CountsAnswer(const app::ContinuumService::ContactCounts& c) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& [kind, n] : c.by_kind) items.push_back({{"kind", kind}, {"count", n}});
  return Json(200, {{"items", std::move(items)}, {"total", c.total}, {"persons", c.persons}});
}

}  // namespace

HttpResponse GetPersonContactCounts(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto counts = s.continuum.PersonContactCounts(ctx, *id);
  if (!counts.ok()) return Fail(counts.status(), ctx);
  return CountsAnswer(*counts);
}

HttpResponse GetOrgContactCounts(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {"from"}); !st.ok()) return Fail(st, ctx);
  std::optional<Date> from;
  if (auto it = req.query.find("from"); it != req.query.end()) {
    from = Date::Parse(it->second);
    if (!from)
      return Fail(Status::Invalid("from", "date", "must be a real date as YYYY-MM-DD"), ctx);
  }
  auto counts = s.continuum.OrgContactCounts(ctx, req.params.at("code"), from);
  if (!counts.ok()) return Fail(counts.status(), ctx);
  return CountsAnswer(*counts);
}

HttpResponse ListHandovers(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {"status"}); !st.ok()) return Fail(st, ctx);
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  std::optional<std::string> status;
  if (auto it = req.query.find("status"); it != req.query.end()) {
    if (it->second != "open" && it->second != "acknowledged" && it->second != "completed") {
      return Fail(
          Status::Invalid("status", "enum", "must be one of: open, acknowledged, completed"), ctx);
    }
    status = it->second;
  }
  auto rows = s.continuum.Handovers(ctx, status);
  if (!rows.ok()) return Fail(rows.status(), ctx);
  const Date today = ctx.today();
  return PagedAnswer(*rows, *paging,
                     [today](const store::HandoverRow& h) { return HandoverJson(h, today); });
}

HttpResponse AcknowledgeHandover(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  if (!req.body.empty()) {
    auto body = ParseJsonObject(req.body);
    if (!body.ok()) return Fail(body.status(), ctx);
    FieldErrors errors;
    ObjectReader(*body, errors).RejectUnknown();
    if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  }
  auto h = s.continuum.AcknowledgeHandover(ctx, *id);
  if (!h.ok()) return Fail(h.status(), ctx);
  return Json(200, HandoverJson(*h, ctx.today()));
}

HttpResponse HandoverReportIn(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto at = AtOnly(req);
  if (!at.ok()) return Fail(at.status(), ctx);
  auto h = s.continuum.HandoverReportIn(ctx, *id, *at);
  if (!h.ok()) return Fail(h.status(), ctx);
  return Json(200, HandoverJson(*h, ctx.today()));
}

HttpResponse HandoverAgreement(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto at = AtOnly(req);
  if (!at.ok()) return Fail(at.status(), ctx);
  auto h = s.continuum.HandoverAgreement(ctx, *id, *at);
  if (!h.ok()) return Fail(h.status(), ctx);
  return Json(200, HandoverJson(*h, ctx.today()));
}

HttpResponse ListAlerts(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {"person", "status", "kind"}); !st.ok()) {
    return Fail(st, ctx);
  }
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  FieldErrors errors;
  std::optional<int64_t> person;
  if (req.query.count("person")) {
    if (auto v = QueryInt(req.query, "person", 0, 1, 2'000'000'000, errors)) person = *v;
  }
  std::optional<std::string> status, kind;
  if (auto it = req.query.find("status"); it != req.query.end()) {
    if (it->second != "open" && it->second != "closed") {
      errors.Add("status", "enum", "must be one of: open, closed");
    }
    status = it->second;
  }
  if (auto it = req.query.find("kind"); it != req.query.end()) {
    static const std::set<std::string> kKinds{"serious_breach", "lost_contact", "handover_late",
                                              "relapse"};
    if (!kKinds.count(it->second)) {
      errors.Add("kind", "enum",
                 "must be one of: serious_breach, lost_contact, handover_late, relapse");
    }
    kind = it->second;
  }
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto page = s.continuum.Alerts(ctx, person, status, kind, paging->limit, paging->offset);
  if (!page.ok()) return Fail(page.status(), ctx);
  return Json(200, PageJson(page->items, page->total, paging->limit, paging->offset, AlertJson));
}

HttpResponse CloseAlert(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body.empty() ? "{}" : req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  auto note = r.String("note", false).value_or("");
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto alert = s.continuum.CloseAlert(ctx, *id, note);
  if (!alert.ok()) return Fail(alert.status(), ctx);
  return Json(200, AlertJson(*alert));
}

HttpResponse ListRelapses(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto rows = s.continuum.Relapses(ctx, *id);
  if (!rows.ok()) return Fail(rows.status(), ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : *rows) items.push_back(RelapseJson(r));
  return Json(200, {{"items", std::move(items)}, {"total", rows->size()}});
}

HttpResponse CreateRelapse(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  auto at = r.TimestampField("at", true);
  auto evidence = r.String("evidence", true);
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto row = s.continuum.RecordRelapse(ctx, *id, *at, *evidence);
  if (!row.ok()) return Fail(row.status(), ctx);
  return Json(201, RelapseJson(*row));
}

HttpResponse ListAbsences(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto rows = s.continuum.Absences(ctx, *id);
  if (!rows.ok()) return Fail(rows.status(), ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : *rows) items.push_back(AbsenceJson(a));
  return Json(200, {{"items", std::move(items)}, {"total", rows->size()}});
}

HttpResponse CreateAbsence(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  AbsenceFact a;
  a.from = r.DateField("from", true).value_or(Date());
  a.to = r.DateField("to", true).value_or(Date());
  a.authorised = r.Bool("authorised", true).value_or(false);
  auto note = r.String("note", false).value_or("");
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto row = s.continuum.RecordAbsence(ctx, *id, a, note);
  if (!row.ok()) return Fail(row.status(), ctx);
  return Json(201, AbsenceJson(*row));
}

HttpResponse GetRiskModel(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto model = s.continuum.GetRiskModel(ctx);
  if (!model.ok()) return Fail(model.status(), ctx);
  return Json(200, app::RiskModelJson(*model));
}

HttpResponse PutRiskModel(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  auto model = app::ParseRiskModel(*body);
  if (!model.ok()) return Fail(model.status(), ctx);
  auto report = s.continuum.PutRiskModel(ctx, *model);
  if (!report.ok()) return Fail(report.status(), ctx);
  return Json(200, {{"persons", report->persons},
                    {"tiers_changed", report->tiers_changed},
                    {"milliseconds", report->milliseconds}});
}

HttpResponse GetIntervals(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto rules = s.continuum.GetIntervals(ctx);
  if (!rules.ok()) return Fail(rules.status(), ctx);
  return Json(200, {{"items", app::IntervalsJson(*rules)}});
}

HttpResponse PutIntervals(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  auto rules = app::ParseIntervals(*body);
  if (!rules.ok()) return Fail(rules.status(), ctx);
  auto report = s.continuum.PutIntervals(ctx, *rules);
  if (!report.ok()) return Fail(report.status(), ctx);
  return Json(200, {{"persons", report->persons}, {"milliseconds", report->milliseconds}});
}

}  // namespace huigui::http
