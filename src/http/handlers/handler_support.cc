#include <charconv>

#include "http/handlers/handlers.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace huigui::http {

Result<int64_t> PathId(const HttpRequest& req, const std::string& name) {
  const std::string& text = req.params.at(name);
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v <= 0) {
    return Status::Invalid(name, "positive_integer", "path id must be a positive integer");
  }
  return v;
}

Result<Paging> ParsePaging(const HttpRequest& req) {
  FieldErrors errors;
  auto limit = QueryInt(req.query, "limit", 50, 1, 200, errors);
  auto offset = QueryInt(req.query, "offset", 0, 0, 1'000'000'000, errors);
  if (!errors.empty()) return errors.ToStatus();
  return Paging{*limit, *offset};
}

Status RejectUnknownQuery(const HttpRequest& req, std::initializer_list<const char*> allowed) {
  FieldErrors errors;
  for (const auto& [key, value] : req.query) {
    bool ok = key == "limit" || key == "offset";
    for (const char* a : allowed) ok = ok || key == a;
    if (!ok) errors.Add(key, "unknown", "is not a known query parameter");
  }
  return errors.ToStatus();
}

Result<bool> WantsCsv(const HttpRequest& req) {
  const auto it = req.query.find("format");
  if (it == req.query.end() || it->second == "json") return false;
  if (it->second == "csv") return true;
  return Status::Invalid("format", "enum", "must be json or csv");
}

std::optional<std::string> ReadOrgUnit(const HttpRequest& req, FieldErrors& errors) {
  const auto it = req.query.find("org_unit");
  if (it == req.query.end()) return std::nullopt;
  if (it->second.empty()) {
    errors.Add("org_unit", "required", "must be an org unit code");
    return std::nullopt;
  }
  return it->second;
}

HttpResponse Fail(const Status& status, const app::RequestContext& ctx) {
  return Problem(status, ctx.request_id);
}

}  // namespace huigui::http
