// Outcome indicators of a release cohort (issue 5 §2): survival (Kaplan–Meier, log-rank) and
// the abstinence maintenance rate. Definitions: docs/indicators.md.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <set>

#include "domain/activity.h"
#include "domain/contact.h"
#include "http/csv.h"
#include "http/handlers/handlers.h"
#include "http/json_input.h"
#include "http/pdf.h"
#include "http/report.h"

namespace huigui::http {
namespace {

using json = nlohmann::json;

template <typename T>
json OrNull(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

// The query parameters of the cohort answers, and of the report (which adds its language).
constexpr std::initializer_list<const char*> kCohortQuery = {"org_unit", "from",      "to",
                                                             "group_by", "programme", "format"};
constexpr std::initializer_list<const char*> kReportQuery = {
    "org_unit", "from", "to", "group_by", "programme", "format", "lang"};

std::string CsvName(const std::string& what, const json& answer) {
  return what + "-" + answer.value("org_unit", std::string("all")) + "-" +
         answer.value("from", std::string()) + "-" + answer.value("to", std::string()) + ".csv";
}

// The cohort parameters (org_unit, from, to, group_by, programme); the caller rejects unknown
// query parameters first.
Result<app::IndicatorQuery> ParseIndicatorQuery(const HttpRequest& req, bool programme_allowed) {
  FieldErrors errors;
  app::IndicatorQuery q;
  q.org_unit = ReadOrgUnit(req, errors);
  for (const char* key : {"from", "to"}) {
    if (auto it = req.query.find(key); it != req.query.end()) {
      auto d = Date::Parse(it->second);
      if (!d) {
        errors.Add(key, "date", "must be a real date as YYYY-MM-DD");
      } else {
        (std::string(key) == "from" ? q.from : q.to) = *d;
      }
    }
  }
  if (auto it = req.query.find("group_by"); it != req.query.end()) {
    auto g = ParseName(app::kIndicatorGroupingNames, it->second);
    if (!g) {
      errors.Add("group_by", "enum",
                 "must be one of: none, facility, programme, sex, release_year");
    } else {
      q.group_by = *g;
    }
  }
  if (auto it = req.query.find("programme"); it != req.query.end()) {
    auto p = ParseName(kProgrammeNames, it->second);
    if (!p) {
      errors.Add("programme", "enum", "must be a programme kind");
    } else if (!programme_allowed || q.group_by != app::IndicatorGrouping::kProgramme) {
      errors.Add("programme", "requires_group_by_programme",
                 "is only used with group_by=programme");
    } else {
      q.programme = *p;
    }
  }
  if (q.from && q.to && *q.from > *q.to) {
    errors.Add("to", "not_before_from", "must not be before from");
  }
  if (!errors.empty()) return errors.ToStatus();
  return q;
}

json CohortJson(const app::CohortHeader& h) {
  return {{"org_unit", h.org_unit},
          {"from", h.from.ToString()},
          {"to", h.to.ToString()},
          {"as_of", h.as_of.ToString()},
          {"group_by", NameOf(app::kIndicatorGroupingNames, h.group_by)},
          {"programme", h.programme ? json(NameOf(kProgrammeNames, *h.programme)) : json(nullptr)},
          {"aggregates_only", h.aggregates_only},
          {"min_cell", SmallCellMinimum()}};
}

json PointJson(const SurvivalPoint& p) {
  return {{"t", p.t},
          {"at_risk", p.at_risk},
          {"events", p.events},
          {"censored", p.censored},
          {"surv", p.surv},
          {"se", OrNull(p.se)},
          {"lower", OrNull(p.lower)},
          {"upper", OrNull(p.upper)}};
}

json HorizonJson(const SurvivalAtHorizon& h) {
  return {{"t", h.t},
          {"reported", h.reported},
          {"at_risk", h.at_risk},
          {"surv", OrNull(h.surv)},
          {"se", OrNull(h.se)},
          {"lower", OrNull(h.lower)},
          {"upper", OrNull(h.upper)}};
}

json GroupJson(const app::SurvivalGroupView& v) {
  const GroupSurvival& g = v.survival;
  json curve = json::array(), horizons = json::array();
  if (v.suppressed) {
    return {{"name", g.name},          {"label", v.label},
            {"suppressed", true},      {"n", nullptr},
            {"persons", nullptr},      {"events", nullptr},
            {"censored", nullptr},     {"unobserved", nullptr},
            {"median", nullptr},       {"median_lower", nullptr},
            {"median_upper", nullptr}, {"curve", curve},
            {"at_horizons", horizons}};
  }
  for (const auto& p : g.curve) curve.push_back(PointJson(p));
  for (const auto& h : g.horizons) horizons.push_back(HorizonJson(h));
  return {{"name", g.name},
          {"label", v.label},
          {"suppressed", false},
          {"n", g.n},
          {"persons", v.persons},
          {"events", g.events},
          {"censored", g.censored},
          {"unobserved", v.unobserved},
          {"median", OrNull(g.median)},
          {"median_lower", OrNull(g.median_lower)},
          {"median_upper", OrNull(g.median_upper)},
          {"curve", std::move(curve)},
          {"at_horizons", std::move(horizons)}};
}

json RatioJson(const std::optional<int>& numerator, const std::optional<int>& denominator,
               const std::optional<double>& rate) {
  return {{"numerator", OrNull(numerator)},
          {"denominator", OrNull(denominator)},
          {"rate", OrNull(rate)}};
}

json AbstinenceRowJson(const app::AbstinenceRow& r) {
  return {{"name", r.name},
          {"label", r.label},
          {"suppressed", r.suppressed},
          {"released", OrNull(r.released)},
          {"abstinence", RatioJson(r.abstinent, r.reached, r.rate)},
          {"three_years_abstinent",
           RatioJson(r.three_years_abstinent, r.three_years_eligible, r.three_years_rate)}};
}

}  // namespace

HttpResponse GetSurvivalIndicator(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, kCohortQuery); !st.ok()) return Fail(st, ctx);
  auto q = ParseIndicatorQuery(req, true);
  if (!q.ok()) return Fail(q.status(), ctx);
  auto csv = WantsCsv(req);
  if (!csv.ok()) return Fail(csv.status(), ctx);
  auto answer = s.indicators.Survival(ctx, *q);
  if (!answer.ok()) return Fail(answer.status(), ctx);
  json groups = json::array();
  for (const auto& g : answer->groups) groups.push_back(GroupJson(g));
  json logrank = nullptr;
  if (answer->logrank) {
    logrank = {
        {"chisq", answer->logrank->chisq}, {"df", answer->logrank->df}, {"p", answer->logrank->p}};
  }
  json out = CohortJson(answer->cohort);
  out["groups"] = std::move(groups);
  out["logrank"] = std::move(logrank);
  out["definitions"] = {
      {"cohort",
       "releases from compulsory isolation in [from, to] of persons whose home unit or "
       "releasing facility is in org_unit's subtree; each release is one observation"},
      {"origin", "the release date; t in days"},
      {"event", "first evidence of use after release: a relapse record or a positive test"},
      {"censoring",
       "last evidence of abstinence (abstinent follow-up or negative test) before any next "
       "compulsory isolation; day 0 when there is none"},
      {"interval", "Greenwood standard error; 95% interval on the log scale (R's default)"}};
  if (*csv) {
    // One row per group and relapse time: the curve as summary(survfit) lists it.
    std::vector<json> rows;
    for (const auto& g : out["groups"]) {
      for (const auto& p : g.value("curve", json::array())) {
        json row = {{"group", g.value("name", "")}, {"label", g.value("label", "")}};
        for (auto it = p.begin(); it != p.end(); ++it) row[it.key()] = it.value();
        rows.push_back(std::move(row));
      }
    }
    return CsvResponse(CsvOfRows(rows), CsvName("survival", out));
  }
  return Json(200, out);
}

HttpResponse GetAbstinenceIndicator(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, kCohortQuery); !st.ok()) return Fail(st, ctx);
  auto q = ParseIndicatorQuery(req, true);
  if (!q.ok()) return Fail(q.status(), ctx);
  auto csv = WantsCsv(req);
  if (!csv.ok()) return Fail(csv.status(), ctx);
  auto answer = s.indicators.Abstinence(ctx, *q);
  if (!answer.ok()) return Fail(answer.status(), ctx);
  json groups = json::array();
  for (const auto& g : answer->groups) groups.push_back(AbstinenceRowJson(g));
  json out = CohortJson(answer->cohort);
  out["groups"] = std::move(groups);
  out["total"] = AbstinenceRowJson(answer->total);
  out["definitions"] = {
      {"abstinence",
       "numerator: releases whose latest reaching follow-up (abstinent or relapsed) found "
       "abstinence; denominator: releases with at least one reaching follow-up"},
      {"three_years_abstinent",
       "numerator: releases with no evidence of use since release and evidence of abstinence "
       "1,095 days or more after it; denominator: releases 1,095 days or more before as_of"}};
  if (*csv) {
    std::vector<json> rows(out["groups"].begin(), out["groups"].end());
    rows.push_back(out["total"]);
    return CsvResponse(CsvOfRows(rows), CsvName("abstinence", out));
  }
  return Json(200, out);
}

namespace {

json RateJson(const std::optional<int>& numerator, const std::optional<int>& denominator) {
  json out = {{"numerator", OrNull(numerator)}, {"denominator", OrNull(denominator)}};
  if (numerator && denominator) {
    const Rate r = MakeRate(*numerator, *denominator);
    out["rate"] = OrNull(r.rate);
  } else {
    out["rate"] = nullptr;
  }
  return out;
}

// `from` and `to` as real dates (kept as given when absent), `to` not before `from`.
void ReadDates(const HttpRequest& req, Date& from, Date& to, FieldErrors& errors) {
  for (const char* key : {"from", "to"}) {
    if (auto it = req.query.find(key); it != req.query.end()) {
      auto d = Date::Parse(it->second);
      if (!d) {
        errors.Add(key, "date", "must be a real date as YYYY-MM-DD");
      } else {
        (std::string(key) == "from" ? from : to) = *d;
      }
    }
  }
  if (errors.empty() && from > to) errors.Add("to", "not_before_from", "must not be before from");
}

json ActivityRowJson(const app::ActivityRow& r) {
  json by_kind = json::object();
  for (const auto& [kind, n] : r.aftercare_by_kind) by_kind[kind] = n;
  json per_person = nullptr;
  if (r.aftercare_persons && r.aftercare_contacts && *r.aftercare_persons > 0) {
    per_person = static_cast<double>(*r.aftercare_contacts) / *r.aftercare_persons;
  }
  return {{"org_unit", r.code.empty() ? json(nullptr) : json(r.code)},
          {"name", r.name},
          {"suppressed", r.suppressed},
          {"testing", RateJson(r.tested, r.under_measures)},
          {"loss_of_supervision", RateJson(r.lost_contact, r.under_measures)},
          {"handover_timeliness", RateJson(r.handovers_on_time, r.handovers_due)},
          {"aftercare",
           {{"persons", OrNull(r.aftercare_persons)},
            {"contacts", OrNull(r.aftercare_contacts)},
            {"per_person", per_person},
            {"by_kind", std::move(by_kind)}}},
          {"admissions", OrNull(r.admissions)},
          {"releases", OrNull(r.releases)}};
}

}  // namespace

HttpResponse GetActivityIndicator(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {"org_unit", "period", "from", "to", "format"});
      !st.ok()) {
    return Fail(st, ctx);
  }
  auto csv = WantsCsv(req);
  if (!csv.ok()) return Fail(csv.status(), ctx);
  FieldErrors errors;
  app::ActivityQuery q;
  q.org_unit = ReadOrgUnit(req, errors);
  // Default: this calendar year up to today.
  const Date today = ctx.today();
  q.from = *Date::FromYmd(today.year(), 1, 1);
  q.to = today;
  const auto period = req.query.find("period");
  const bool dated = req.query.count("from") > 0 || req.query.count("to") > 0;
  if (period != req.query.end()) {
    if (dated) {
      errors.Add("period", "exclusive", "give period or from/to, not both");
    } else if (auto range = PeriodRange(period->second)) {
      q.from = range->first;
      q.to = range->second;
    } else {
      errors.Add("period", "format", "must be YYYY, YYYY-Qn or YYYY-MM");
    }
  }
  ReadDates(req, q.from, q.to, errors);
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto answer = s.activity.Activity(ctx, q);
  if (!answer.ok()) return Fail(answer.status(), ctx);
  json children = json::array();
  for (const auto& r : answer->children) children.push_back(ActivityRowJson(r));
  if (*csv) {
    std::vector<json> rows(children.begin(), children.end());
    rows.push_back(ActivityRowJson(answer->total));
    for (auto& row : rows) row.erase("aftercare");  // by_kind columns vary; keep the totals
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const app::ActivityRow& r = i < answer->children.size() ? answer->children[i] : answer->total;
      rows[i]["aftercare_persons"] = OrNull(r.aftercare_persons);
      rows[i]["aftercare_contacts"] = OrNull(r.aftercare_contacts);
    }
    const json head = {{"org_unit", answer->org_unit},
                       {"from", answer->from.ToString()},
                       {"to", answer->to.ToString()}};
    return CsvResponse(CsvOfRows(rows), CsvName("activity", head));
  }
  return Json(200, {{"org_unit", answer->org_unit},
                    {"name", answer->name},
                    {"from", answer->from.ToString()},
                    {"to", answer->to.ToString()},
                    {"aggregates_only", answer->aggregates_only},
                    {"min_cell", SmallCellMinimum()},
                    {"total", ActivityRowJson(answer->total)},
                    {"children", std::move(children)}});
}

// The printable report (issue 5 §3): the survival, abstinence and activity answers for one org
// unit and period, read with the caller's context (scope, analysts' withheld cells, audit rows as
// for the JSON endpoints), as one HTML document or printed to PDF by headless chromium.
HttpResponse GetIndicatorReport(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, kReportQuery); !st.ok()) return Fail(st, ctx);
  FieldErrors errors;
  bool pdf = false;
  if (auto it = req.query.find("format"); it != req.query.end()) {
    if (it->second == "pdf") {
      pdf = true;
    } else if (it->second != "html") {
      errors.Add("format", "enum", "must be html or pdf");
    }
  }
  ReportLang lang = ReportLang::kZhCn;
  if (auto it = req.query.find("lang"); it != req.query.end()) {
    if (auto l = ParseName(kReportLangNames, it->second)) {
      lang = *l;
    } else {
      errors.Add("lang", "enum", "must be zh-CN or en");
    }
  }
  auto q = ParseIndicatorQuery(req, true);
  if (!q.ok()) {
    for (const auto& e : q.status().errors()) errors.Add(e.field, e.rule, e.message);
  }
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto survival = s.indicators.Survival(ctx, *q);
  if (!survival.ok()) return Fail(survival.status(), ctx);
  // The same cohort for every table: the survival answer has resolved the defaults.
  app::IndicatorQuery same = *q;
  same.org_unit = survival->cohort.org_unit;
  same.from = survival->cohort.from;
  same.to = survival->cohort.to;
  auto abstinence = s.indicators.Abstinence(ctx, same);
  if (!abstinence.ok()) return Fail(abstinence.status(), ctx);
  auto activity = s.activity.Activity(
      ctx, {survival->cohort.org_unit, survival->cohort.from, survival->cohort.to});
  if (!activity.ok()) return Fail(activity.status(), ctx);
  const ReportInput input{
      .lang = lang,
      .generated_at = ctx.now,
      .generated_by = ctx.actor ? ctx.actor->username : std::string(),
      .role = ctx.actor ? std::string(NameOf(kRoleNames, ctx.actor->role)) : std::string(),
      .survival = *survival,
      .abstinence = *abstinence,
      .activity = *activity,
  };
  std::string html = RenderIndicatorReport(input);
  HttpResponse r;
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");  // Cache-Control: the router's
  if (!pdf) {
    r.content_type = "text/html; charset=utf-8";
    // Inline style only: no script, no fetch, no frame.
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                           "frame-ancestors 'none'");
    r.body = std::move(html);
    return r;
  }
  auto bytes = PrintHtmlToPdf(html, {.chromium = s.config.chromium});
  if (!bytes.ok()) return Fail(bytes.status(), ctx);
  r.content_type = "application/pdf";
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" +
                                                    ReportFileName(survival->cohort, "pdf") + "\"");
  r.body = std::move(*bytes);
  return r;
}

}  // namespace huigui::http

namespace huigui::http {
namespace {

json Count(int n, const std::set<std::string>& withheld, const std::string& field) {
  return withheld.count(field) ? json(nullptr) : json(n);
}

json Ratio(int part, int whole, const std::set<std::string>& withheld, const std::string& p,
           const std::string& w) {
  if (withheld.count(p) || withheld.count(w) || whole == 0) return nullptr;
  return static_cast<double>(part) / whole;
}

json DashboardUnitJson(const UnitFigures& u, const std::set<std::string>& w) {
  json by_kind = json::object();
  if (!w.count("aftercare_persons")) {
    for (const auto& [kind, n] : u.aftercare_by_kind) by_kind[kind] = n;
  }
  json out = {{"code", u.code}, {"name", u.name}, {"suppressed", !w.empty()}};
  for (const auto& [field, n] : app::UnitCells(u)) out[field] = Count(n, w, field);
  out["aftercare_contacts"] = Count(u.aftercare_contacts, w, "aftercare_persons");
  out["aftercare_by_kind"] = std::move(by_kind);
  out["beds"] = u.beds;
  out["abstinence_rate"] = Ratio(u.abstinent, u.reached, w, "abstinent", "reached");
  out["three_years_rate"] = Ratio(u.three_years_abstinent, u.three_years_eligible, w,
                                  "three_years_abstinent", "three_years_eligible");
  out["testing_rate"] = Ratio(u.tested, u.under_measures, w, "tested", "under_measures");
  out["loss_rate"] = Ratio(u.lost_contact, u.under_measures, w, "lost_contact", "under_measures");
  out["timeliness"] =
      Ratio(u.handovers_on_time, u.handovers_due, w, "handovers_on_time", "handovers_due");
  out["occupancy_rate"] = w.count("occupied") || u.beds == 0
                              ? json(nullptr)
                              : json(static_cast<double>(u.occupied) / u.beds);
  return out;
}

}  // namespace

HttpResponse GetDashboardIndicator(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {"org_unit", "from", "to", "format"}); !st.ok()) {
    return Fail(st, ctx);
  }
  auto csv = WantsCsv(req);
  if (!csv.ok()) return Fail(csv.status(), ctx);
  FieldErrors errors;
  app::DashboardQuery q;
  q.org_unit = ReadOrgUnit(req, errors);
  const Date today = ctx.today();
  q.from = *Date::FromYmd(today.year(), 1, 1);
  q.to = today;
  ReadDates(req, q.from, q.to, errors);
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto answer = s.dashboard.Dashboard(ctx, q);
  if (!answer.ok()) return Fail(answer.status(), ctx);
  const DashboardFigures& f = answer->figures;
  json children = json::array();
  for (std::size_t i = 0; i < f.children.size(); ++i)
    children.push_back(DashboardUnitJson(f.children[i], answer->unit_withheld[i]));
  if (*csv) {
    // One row per child, then the total; every contact kind is a column of every row.
    std::vector<json> rows(children.begin(), children.end());
    rows.push_back(DashboardUnitJson(f.total, answer->unit_withheld.back()));
    for (auto& row : rows) {
      json by_kind = json::object();
      for (const auto& [kind, name] : kContactKindNames) {
        by_kind[std::string(name)] = row["aftercare_contacts"].is_null()
                                         ? json(nullptr)
                                         : json(row["aftercare_by_kind"].value(name, 0));
      }
      row["aftercare_by_kind"] = std::move(by_kind);
    }
    const json head = {
        {"org_unit", f.org_unit}, {"from", f.from.ToString()}, {"to", f.to.ToString()}};
    return CsvResponse(CsvOfRows(rows), CsvName("dashboard", head));
  }
  json trend = json::array();
  for (std::size_t i = 0; i < f.trend.size(); ++i) {
    const MonthFigures& m = f.trend[i];
    const auto& w = answer->month_withheld[i];
    char month[8];
    std::snprintf(month, sizeof month, "%04d-%02d", m.year, m.month);
    trend.push_back(
        {{"month", month},
         {"under_measures", Count(m.under_measures, w, "under_measures")},
         {"tested", Count(m.tested, w, "tested")},
         {"testing_rate", Ratio(m.tested, m.under_measures, w, "tested", "under_measures")},
         {"lost_contact", Count(m.lost_contact, w, "lost_contact")},
         {"loss_rate",
          Ratio(m.lost_contact, m.under_measures, w, "lost_contact", "under_measures")},
         {"admissions", Count(m.admissions, w, "admissions")},
         {"releases", Count(m.releases, w, "releases")}});
  }
  json survival = json::array();
  for (std::size_t i = 0; i < f.survival.size(); ++i) {
    const SurvivalFigures& g = f.survival[i];
    const bool hidden = answer->survival_withheld[i];
    survival.push_back({{"group", g.group},
                        {"n", hidden ? json(nullptr) : json(g.n)},
                        {"events", hidden ? json(nullptr) : json(g.events)},
                        {"at_1y", hidden ? json(nullptr) : json(g.at_1y)},
                        {"at_2y", hidden ? json(nullptr) : json(g.at_2y)},
                        {"at_3y", hidden ? json(nullptr) : json(g.at_3y)}});
  }
  return Json(200, {{"org_unit", f.org_unit},
                    {"name", answer->name},
                    {"from", f.from.ToString()},
                    {"to", f.to.ToString()},
                    {"as_of", f.as_of.ToString()},
                    {"aggregates_only", answer->aggregates_only},
                    {"min_cell", SmallCellMinimum()},
                    {"total", DashboardUnitJson(f.total, answer->unit_withheld.back())},
                    {"children", std::move(children)},
                    {"trend", std::move(trend)},
                    {"survival", std::move(survival)}});
}

}  // namespace huigui::http
