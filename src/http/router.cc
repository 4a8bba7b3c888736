#include "http/router.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "domain/person.h"
#include "http/problem.h"
#include "store/crypto.h"

namespace huigui::http {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string::npos ? path.size() : slash;
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool ValidRequestId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

bool IsUnsafe(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

}  // namespace

HttpResponse Json(int status, const nlohmann::json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

bool MatchPattern(const std::string& pattern, const std::string& path,
                  std::map<std::string, std::string>& params) {
  const auto want = Split(pattern);
  const auto got = Split(path);
  if (want.size() != got.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto& w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      if (got[i].empty()) return false;
      found[w.substr(1, w.size() - 2)] = got[i];
    } else if (w != got[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

std::optional<std::string> CookieValue(const std::string& header, const std::string& name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    const auto eq = header.find('=', pos);
    if (eq == std::string::npos) break;
    const auto end = header.find(';', eq);
    const std::string key = header.substr(pos, eq - pos);
    const std::string value =
        header.substr(eq + 1, (end == std::string::npos ? header.size() : end) - eq - 1);
    if (key == name) return value;
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return std::nullopt;
}

bool Router::Handles(const std::string& path) const {
  std::map<std::string, std::string> params;
  for (const auto& r : routes_) {
    if (MatchPattern(r.pattern, path, params)) return true;
  }
  return false;
}

bool Router::RunsInline(const std::string& method, const std::string& path) const {
  std::map<std::string, std::string> params;
  for (const auto& r : routes_) {
    if (r.method == method && MatchPattern(r.pattern, path, params)) {
      return r.execution == Execution::kInline;
    }
  }
  return false;
}

HttpResponse Router::Dispatch(HttpRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  app::RequestContext ctx;
  auto given = request.Header("x-request-id");
  ctx.request_id = given && ValidRequestId(*given) ? *given : store::RandomHex(8);
  ctx.now = app::SystemNow();

  const Route* route = nullptr;
  bool path_known = false;
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchPattern(r.pattern, request.path, params)) continue;
    path_known = true;
    if (r.method == request.method) {
      route = &r;
      request.params = std::move(params);
      break;
    }
  }
  HttpResponse response;
  std::string label = "unmatched";
  if (route) {
    label = route->method + " " + route->pattern;
    response = Run(*route, request, ctx);
  } else if (path_known) {
    response = Problem(Status::InvalidArgument("method " + request.method + " is not allowed here"),
                       ctx.request_id);
    response.status = 405;
  } else {
    response = Problem(Status::NotFound("no such endpoint"), ctx.request_id);
  }
  response.headers.emplace_back("X-Request-Id", ctx.request_id);
  response.headers.emplace_back("Cache-Control", "no-store");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.Observe(label, response.status, seconds);
  spdlog::info("request_id={} method={} path={} status={} ms={:.2f} user={}", ctx.request_id,
               request.method, request.path, response.status, seconds * 1000,
               ctx.actor ? ctx.actor->username : "-");
  return response;
}

HttpResponse Router::Run(const Route& route, HttpRequest& request, app::RequestContext& ctx) {
  try {
    if (route.access == Access::kAuthenticated) {
      std::string token;
      bool via_cookie = false;
      if (auto auth = request.Header("authorization"); auth && auth->rfind("Bearer ", 0) == 0) {
        token = auth->substr(7);
      } else if (auto cookie = request.Header("cookie")) {
        token = CookieValue(*cookie, kSessionCookie).value_or("");
        via_cookie = true;
      }
      if (token.empty()) return Problem(Status::Unauthenticated("log in first"), ctx.request_id);
      auto actor = auth_.Authenticate(token, ctx.now);
      if (!actor.ok()) return Problem(actor.status(), ctx.request_id);
      // A cookie is sent by the browser on its own; a cross-site form could ride on it, so
      // unsafe methods must also prove they can read the session's CSRF token.
      if (via_cookie && IsUnsafe(request.method) &&
          request.Header("x-csrf-token").value_or("") != actor->csrf_token) {
        return Problem(Status::CsrfRejected("send the session's csrf_token as X-CSRF-Token"),
                       ctx.request_id);
      }
      ctx.actor = *actor;
    }
    // Text reaches the database only as valid UTF-8 (PostgreSQL refuses anything else).
    for (const auto& [key, value] : request.query) {
      if (!Utf8Length(key) || !Utf8Length(value)) {
        return Problem(
            Status::Invalid(Utf8Length(key) ? key : "query", "utf8", "must be valid UTF-8"),
            ctx.request_id);
      }
    }
    if ((request.method == "POST" || request.method == "PATCH" || request.method == "PUT") &&
        !request.body.empty()) {
      const std::string type = request.Header("content-type").value_or("");
      if (type.rfind("application/json", 0) != 0) {
        return Problem(Status::UnsupportedMedia("send Content-Type: application/json"),
                       ctx.request_id);
      }
    }
    return route.handler(request, ctx);
  } catch (const std::exception& e) {
    spdlog::error("request_id={} unhandled error: {}", ctx.request_id, e.what());
    metrics_.CountError();
    return Problem(Status::Internal("internal error; quote request id " + ctx.request_id),
                   ctx.request_id);
  }
}

}  // namespace huigui::http
