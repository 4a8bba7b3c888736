// The router: matches method and path pattern ("/api/v1/persons/{id}"), authenticates, checks
// CSRF for cookie sessions, runs the handler and turns any Status into problem+json. It is the
// only place that reads the clock and assigns request ids.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/auth_service.h"
#include "app/request_context.h"
#include "http/http_types.h"
#include "http/metrics.h"

namespace huigui::http {

using Handler = std::function<HttpResponse(const HttpRequest&, app::RequestContext&)>;

enum class Access { kPublic, kAuthenticated };

// Where a handler runs: handlers that touch the database run on the bounded worker pool; the
// few that never block (liveness, the OpenAPI document) answer on the I/O thread.
enum class Execution { kWorker, kInline };

struct Route {
  std::string method;
  std::string pattern;
  Access access;
  Execution execution;
  Handler handler;
};

class Router {
 public:
  Router(app::AuthService& auth, Metrics& metrics) : auth_(auth), metrics_(metrics) {}

  void Add(Route route) { routes_.push_back(std::move(route)); }
  const std::vector<Route>& routes() const { return routes_; }

  // True when some route's pattern matches `path` (any method).
  bool Handles(const std::string& path) const;
  // True when the route for method and path runs inline on the I/O thread.
  bool RunsInline(const std::string& method, const std::string& path) const;

  // Serves one request; never throws. Adds X-Request-Id and no-store caching.
  HttpResponse Dispatch(HttpRequest& request);

  static constexpr const char* kSessionCookie = "huigui_session";

 private:
  HttpResponse Run(const Route& route, HttpRequest& request, app::RequestContext& ctx);

  app::AuthService& auth_;
  Metrics& metrics_;
  std::vector<Route> routes_;
};

// Path parameters of `pattern` in `path`, or false when it does not match.
bool MatchPattern(const std::string& pattern, const std::string& path,
                  std::map<std::string, std::string>& params);

// The value of cookie `name` in a Cookie header.
std::optional<std::string> CookieValue(const std::string& header, const std::string& name);

// A JSON answer.
HttpResponse Json(int status, const nlohmann::json& body);

}  // namespace huigui::http
