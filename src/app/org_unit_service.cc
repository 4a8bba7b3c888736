#include "app/org_unit_service.h"

#include "app/transaction_runner.h"
#include "store/org_unit_repository.h"

namespace huigui::app {

Result<std::vector<OrgUnit>> OrgUnitService::List(const RequestContext& ctx,
                                                  const std::optional<std::string>& parent,
                                                  const std::optional<OrgUnitKind>& kind) {
  if (!ctx.actor) return Status::Unauthenticated("not logged in");
  if (!Can(ctx.actor->role, Capability::kReadOrgUnits)) {
    return Status::PermissionDenied("role may not read org units");
  }
  return InTransaction(db_, store::Transaction::Mode::kRead,
                       [&](store::Transaction& tx) -> Result<std::vector<OrgUnit>> {
                         return store::OrgUnitRepository(tx.sql()).ListInScope(ctx.actor->org_path,
                                                                               parent, kind);
                       });
}

}  // namespace huigui::app
