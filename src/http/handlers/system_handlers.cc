#include "http/handlers/handlers.h"
#include "http/openapi.h"

namespace huigui::http {

// Liveness: answers without touching the database, so it also serves as the trivial endpoint
// that request-rate benchmarks compare against.
HttpResponse GetHealth(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  return Json(200, {{"status", "ok"}});
}

// Readiness: the database answers.
HttpResponse GetReady(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  store::Lease lease = s.db.Acquire();
  int one = 0;
  lease.sql() << "SELECT 1", soci::into(one);
  return Json(one == 1 ? 200 : 503,
              {{"status", one == 1 ? "ok" : "unavailable"}, {"db", one == 1 ? "ok" : "down"}});
}

HttpResponse GetMetrics(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  HttpResponse r;
  r.content_type = "text/plain; version=0.0.4";
  r.body = s.metrics.Render();
  return r;
}

HttpResponse GetOpenApi(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  HttpResponse r;
  r.body = OpenApiDocument();
  return r;
}

}  // namespace huigui::http
