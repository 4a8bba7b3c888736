#include <algorithm>

#include "http/handlers/handlers.h"
#include "http/wire.h"

namespace huigui::http {

HttpResponse ListOrgUnits(Services& s, const HttpRequest& req, app::RequestContext& ctx) {
  if (Status st = RejectUnknownQuery(req, {"parent", "kind"}); !st.ok()) return Fail(st, ctx);
  std::optional<std::string> parent;
  std::optional<OrgUnitKind> kind;
  if (auto it = req.query.find("parent"); it != req.query.end()) parent = it->second;
  if (auto it = req.query.find("kind"); it != req.query.end()) {
    kind = ParseName(kOrgUnitKindNames, it->second);
    if (!kind) {
      return Fail(
          Status::Invalid("kind", "enum", "must be one of: " + AllowedNames(kOrgUnitKindNames)),
          ctx);
    }
  }
  auto paging = ParsePaging(req);
  if (!paging.ok()) return Fail(paging.status(), ctx);
  auto units = s.org_units.List(ctx, parent, kind);
  if (!units.ok()) return Fail(units.status(), ctx);
  // The tree of a province is a few thousand rows at most: page it in memory.
  return PagedAnswer(*units, *paging, OrgUnitJson);
}

}  // namespace huigui::http
