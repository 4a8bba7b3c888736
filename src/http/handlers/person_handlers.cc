#include "http/handlers/handlers.h"
#include "http/json_input.h"
#include "http/wire.h"

namespace huigui::http {
namespace {

std::optional<Identity> ReadIdentity(ObjectReader& parent, FieldErrors& errors) {
  const nlohmann::json* obj = parent.Object("identity", false);
  if (!obj) return std::nullopt;
  ObjectReader r(*obj, errors, "identity.");
  Identity id;
  id.name = r.String("name", true).value_or("");
  id.id_number = r.String("id_number", true).value_or("");
  id.phone = r.String("phone", false).value_or("");
  id.address = r.String("address", false).value_or("");
  r.RejectUnknown();
  return id;
}

std::optional<int> BirthYear(ObjectReader& r, FieldErrors& errors, bool required) {
  auto v = r.Int("birth_year", required);
  if (!v) return std::nullopt;
  if (*v < 0 || *v > 9999) {
    errors.Add("birth_year", "range", "must be a year");
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

HttpResponse PersonAnswer(int status, const app::PersonView& view) {
  HttpResponse res = Json(status, PersonJson(view));
  res.headers.emplace_back("ETag", "\"" + std::to_string(view.record.person.version) + "\"");
  return res;
}

// The version from If-Match ("3", W/"3") when the body has none.
std::optional<int64_t> IfMatchVersion(const HttpRequest& req) {
  auto h = req.Header("if-match");
  if (!h) return std::nullopt;
  std::string v = *h;
  if (v.rfind("W/", 0) == 0) v = v.substr(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  try {
    std::size_t pos = 0;
    const int64_t n = std::stoll(v, &pos);
    if (pos == v.size()) return n;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

}  // namespace

HttpResponse ListPersons(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {"q", "id_number", "org_unit"}); !st.ok())
    return Fail(st, ctx);
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  app::SearchParams p;
  if (auto it = req.query.find("q"); it != req.query.end() && !it->second.empty()) {
    if (it->second.size() > 96)
      return Fail(Status::Invalid("q", "length", "at most 32 characters"), ctx);
    p.alias_prefix = it->second;
  }
  if (auto it = req.query.find("id_number"); it != req.query.end()) p.id_number = it->second;
  if (auto it = req.query.find("org_unit"); it != req.query.end()) p.org_code = it->second;
  p.limit = paging->limit;
  p.offset = paging->offset;
  auto page = s.persons.Search(ctx, p);
  if (!page.ok()) return Fail(page.status(), ctx);
  return Json(200, PageJson(page->items, page->total, p.limit, p.offset, PersonJson));
}

HttpResponse CreatePerson(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  app::NewPerson in;
  in.person.alias = r.String("alias", true).value_or("");
  in.person.sex = r.Enum("sex", kSexNames, true).value_or(Sex::kMale);
  in.person.birth_year = BirthYear(r, errors, true).value_or(0);
  in.person.home_org_code = r.String("home_org_unit", true).value_or("");
  in.person.primary_substance = r.String("primary_substance", true).value_or("");
  in.person.registration_date = r.DateField("registration_date", false).value_or(ctx.today());
  in.identity = ReadIdentity(r, errors);
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto view = s.persons.Create(ctx, in);
  if (!view.ok()) return Fail(view.status(), ctx);
  HttpResponse res = PersonAnswer(201, *view);
  res.headers.emplace_back("Location", "/api/v1/persons/" + std::to_string(view->record.person.id));
  return res;
}

HttpResponse GetPerson(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto view = s.persons.Get(ctx, *id);
  if (!view.ok()) return Fail(view.status(), ctx);
  return PersonAnswer(200, *view);
}

HttpResponse PatchPerson(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  auto version = r.Int("version", false);
  app::PersonPatch patch;
  patch.alias = r.String("alias", false);
  patch.sex = r.Enum("sex", kSexNames, false);
  patch.birth_year = BirthYear(r, errors, false);
  patch.home_org_code = r.String("home_org_unit", false);
  patch.primary_substance = r.String("primary_substance", false);
  patch.identity = ReadIdentity(r, errors);
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  if (!version) version = IfMatchVersion(req);
  if (!version) {
    return Fail(Status::PreconditionRequired(
                    "send the version you read, as \"version\" in the body or an If-Match header"),
                ctx);
  }
  auto view = s.persons.Update(ctx, *id, patch, *version);
  if (!view.ok()) return Fail(view.status(), ctx);
  return PersonAnswer(200, *view);
}

HttpResponse RevealIdentity(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(id.status(), ctx);
  auto body = ParseJsonObject(req.body.empty() ? "{}" : req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  auto reason = r.String("reason", true);
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto identity = s.persons.RevealIdentity(ctx, *id, *reason);
  if (!identity.ok()) return Fail(identity.status(), ctx);
  return Json(200, IdentityJson(*identity));
}

}  // namespace huigui::http
