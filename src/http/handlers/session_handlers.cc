#include "http/handlers/handlers.h"
#include "http/json_input.h"
#include "http/wire.h"

namespace huigui::http {
namespace {

nlohmann::json Permissions(Role role) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [cap, name] : kCapabilityNames) {
    if (Can(role, cap)) out.push_back(name);
  }
  return out;
}

nlohmann::json UserJson(const Actor& a, const OrgUnit& org) {
  return {{"username", a.username},
          {"role", NameOf(kRoleNames, a.role)},
          {"org_unit", OrgUnitJson(org)},
          {"permissions", Permissions(a.role)}};
}

}  // namespace

HttpResponse PostSession(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto body = ParseJsonObject(req.body);
  if (!body.ok()) return Fail(body.status(), ctx);
  FieldErrors errors;
  ObjectReader r(*body, errors);
  auto username = r.String("username", true);
  auto password = r.String("password", true);
  r.RejectUnknown();
  if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
  auto login = s.auth.Login(ctx, *username, *password);
  if (!login.ok()) return Fail(login.status(), ctx);
  HttpResponse res = Json(201, {{"token", login->token},
                                {"csrf_token", login->csrf_token},
                                {"expires_at", login->expires_at.ToString()},
                                {"user", UserJson(login->actor, login->org)}});
  res.headers.emplace_back("Set-Cookie", std::string(Router::kSessionCookie) + "=" + login->token +
                                             "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
                                             std::to_string(s.config.session_hours * 3600));
  return res;
}

HttpResponse DeleteSession(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  std::string token;
  if (auto auth = req.Header("authorization"); auth && auth->rfind("Bearer ", 0) == 0) {
    token = auth->substr(7);
  } else if (auto cookie = req.Header("cookie")) {
    token = CookieValue(*cookie, Router::kSessionCookie).value_or("");
  }
  if (Status st = s.auth.Logout(ctx, token); !st.ok()) return Fail(st, ctx);
  HttpResponse res;
  res.status = 204;
  res.headers.emplace_back("Set-Cookie", std::string(Router::kSessionCookie) +
                                             "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
  return res;
}

HttpResponse GetMe(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  auto org = s.auth.OrgOf(*ctx.actor);
  if (!org.ok()) return Fail(org.status(), ctx);
  nlohmann::json body = UserJson(*ctx.actor, *org);
  body["csrf_token"] = ctx.actor->csrf_token;
  return Json(200, body);
}

}  // namespace huigui::http
