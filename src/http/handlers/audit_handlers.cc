#include "http/handlers/handlers.h"
#include "http/json_input.h"
#include "http/wire.h"

namespace huigui::http {

HttpResponse ListAudit(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {"person_id", "username", "action"}); !st.ok()) {
    return Fail(st, ctx);
  }
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  store::AuditQuery q;
  FieldErrors errors;
  if (req.query.count("person_id")) {
    auto v = QueryInt(req.query, "person_id", 0, 1, 2'000'000'000, errors);
    if (!errors.empty()) return Fail(errors.ToStatus(), ctx);
    q.person_id = *v;
  }
  if (auto it = req.query.find("username"); it != req.query.end()) q.username = it->second;
  if (auto it = req.query.find("action"); it != req.query.end()) q.action = it->second;
  q.limit = paging->limit;
  q.offset = paging->offset;
  auto page = s.persons.QueryAudit(ctx, q);
  if (!page.ok()) return Fail(page.status(), ctx);
  return Json(200, PageJson(page->items, page->total, q.limit, q.offset, AuditEntryJson));
}

}  // namespace huigui::http
