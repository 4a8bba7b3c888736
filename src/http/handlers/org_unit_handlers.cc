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
      return Fail(Status::Invalid("kind", "enum", "must be one of: " + AllowedNames(kOrgUnitKindNames)), ctx);
    }
  }
  auto units = s.org_units.List(ctx, parent, kind);
  if (!units.ok()) return Fail(units.status(), ctx);
  const auto total = static_cast<int64_t>(units->size());
  return Json(200, PageJson(*units, total, static_cast<int>(total), 0, OrgUnitJson));
}

}  // namespace huigui::http
