#include <algorithm>

#include "http/handlers/handlers.h"
#include "http/json_input.h"
#include "http/wire.h"

namespace huigui::http {

HttpResponse ListEpisodes(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  auto page = s.persons.ListEpisodes(ctx, *id);
  if (!page.ok()) return Fail(page.status(), ctx);
  // A person has a handful of episodes: page them in memory.
  return PagedAnswer(page->items, *paging, EpisodeJson);
}

HttpResponse CreateEpisode(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  Episode e;
  e.kind = r.Enum("kind", kEpisodeKindNames, true).value_or(EpisodeKind::kVoluntary);
  e.org_code = r.String("org_unit", true).value_or("");
  e.start_date = r.DateField("start_date", true).value_or(Date());
  e.planned_end_date = r.DateField("planned_end_date", false);
  e.decision_number = r.String("decision_number", false).value_or("");
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto created = s.persons.AddEpisode(ctx, *id, e);
  if (!created.ok()) return Fail(created.status(), ctx);
  return Json(201, EpisodeJson(*created));
}

HttpResponse ListContacts(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  auto page = s.persons.ListContacts(ctx, *id, paging->limit, paging->offset);
  if (!page.ok()) return Fail(page.status(), ctx);
  return Json(200, PageJson(page->items, page->total, paging->limit, paging->offset, ContactJson));
}

HttpResponse CreateContact(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  Contact c;
  c.kind = r.Enum("kind", kContactKindNames, true).value_or(ContactKind::kPhone);
  c.at = r.TimestampField("at", true).value_or(Timestamp());
  c.note = r.String("note", false).value_or("");
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto created = s.persons.AddContact(ctx, *id, c);
  if (!created.ok()) return Fail(created.status(), ctx);
  return Json(201, ContactJson(*created));
}

HttpResponse ListDrugTests(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  auto page = s.persons.ListDrugTests(ctx, *id, paging->limit, paging->offset);
  if (!page.ok()) return Fail(page.status(), ctx);
  return Json(200, PageJson(page->items, page->total, paging->limit, paging->offset, DrugTestJson));
}

HttpResponse CreateDrugTest(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  DrugTest t;
  t.sample = r.Enum("sample", kSampleNames, true).value_or(Sample::kUrine);
  t.result = r.Enum("result", kTestResultNames, true).value_or(TestResult::kInvalid);
  t.at = r.TimestampField("at", true).value_or(Timestamp());
  t.substances = r.StringArray("substances", false).value_or(std::vector<std::string>{});
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto created = s.persons.AddDrugTest(ctx, *id, t);
  if (!created.ok()) return Fail(created.status(), ctx);
  return Json(201, DrugTestJson(*created));
}

HttpResponse GetTimeline(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto rows = s.persons.Timeline(ctx, *id);
  if (!rows.ok()) return Fail(rows.status(), ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& row : *rows) items.push_back(TimelineJson(row));
  return Json(200, {{"items", std::move(items)}});
}

HttpResponse GetWorklist(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {"status"}); !st.ok()) return Fail(st, ctx);
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  std::optional<bool> overdue;
  if (auto it = req.query.find("status"); it != req.query.end()) {
    if (it->second == "overdue") {
      overdue = true;
    } else if (it->second == "due") {
      overdue = false;
    } else {
      return Fail(Status::Invalid("status", "enum", "must be one of: overdue, due"), ctx);
    }
  }
  auto page = s.continuum.Worklist(ctx, overdue, paging->limit, paging->offset);
  if (!page.ok()) return Fail(page.status(), ctx);
  return Json(200, PageJson(page->items, page->total, paging->limit, paging->offset,
                            ContinuumWorkItemJson));
}

}  // namespace huigui::http
