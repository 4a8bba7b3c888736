#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace huigui::http {
namespace {

struct Mapping {
  Status::Code code;
  int http;
  const char* slug;
  const char* title;
};

constexpr Mapping kTable[] = {
    {Status::Code::kOk, 200, "ok", "OK"},
    {Status::Code::kInvalidArgument, 400, "invalid-request", "The request is not valid"},
    {Status::Code::kUnauthenticated, 401, "unauthenticated", "Not logged in"},
    {Status::Code::kPermissionDenied, 403, "forbidden", "Not allowed for your role"},
    {Status::Code::kCsrfRejected, 403, "csrf", "Missing or wrong CSRF token"},
    {Status::Code::kNotFound, 404, "not-found", "Not found"},
    {Status::Code::kConflict, 409, "conflict", "Conflict"},
    {Status::Code::kPayloadTooLarge, 413, "payload-too-large", "Request body too large"},
    {Status::Code::kUnsupportedMedia, 415, "unsupported-media-type", "Unsupported media type"},
    {Status::Code::kRuleViolation, 422, "rule-violation", "A rule is broken"},
    {Status::Code::kLocked, 423, "locked", "Account locked"},
    {Status::Code::kPreconditionRequired, 428, "precondition-required", "Version required"},
    {Status::Code::kUnavailable, 503, "unavailable", "A service the request needs is unavailable"},
    {Status::Code::kInternal, 500, "internal", "Internal error"},
};

const Mapping& Find(Status::Code code) {
  for (const auto& m : kTable) {
    if (m.code == code) return m;
  }
  return kTable[sizeof kTable / sizeof kTable[0] - 1];
}

}  // namespace

int HttpStatusOf(Status::Code code) { return Find(code).http; }

HttpResponse Problem(const Status& status, const std::string& request_id) {
  const Mapping& m = Find(status.code());
  nlohmann::json body{{"type", std::string("https://huigui.example/problems/") + m.slug},
                      {"title", m.title},
                      {"status", m.http},
                      {"detail", status.detail()},
                      {"request_id", request_id}};
  if (!status.errors().empty()) {
    auto& errors = body["errors"] = nlohmann::json::array();
    for (const auto& e : status.errors()) {
      errors.push_back({{"field", e.field}, {"rule", e.rule}, {"message", e.message}});
    }
  }
  HttpResponse r;
  r.status = m.http;
  r.content_type = "application/problem+json";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace huigui::http
