#include "app/use_case_support.h"

#include "store/org_unit_repository.h"

namespace huigui::app {

Status Require(const RequestContext& ctx, Capability capability) {
  if (!ctx.actor) return Status::Unauthenticated("not logged in");
  if (!Can(ctx.actor->role, capability)) {
    return Status::PermissionDenied("role " + std::string(NameOf(kRoleNames, ctx.actor->role)) +
                                    " may not " +
                                    std::string(NameOf(kCapabilityNames, capability)));
  }
  return Status::Ok();
}

void Audit(store::Transaction& tx, const store::KeyRing& keys, const RequestContext& ctx,
           const std::string& action, std::optional<int64_t> person, std::string detail) {
  const Actor& a = *ctx.actor;
  store::AuditLog(tx.sql(), keys)
      .Append({0, ctx.now, a.username, std::string(NameOf(kRoleNames, a.role)), action, person,
               a.org_code, ctx.request_id, std::move(detail)});
}

Status RequireAggregates(const RequestContext& ctx) {
  if (!ctx.actor) return Status::Unauthenticated("not logged in");
  if (ctx.actor->role != Role::kAnalyst && !Can(ctx.actor->role, Capability::kReadPersons)) {
    return Status::PermissionDenied("role " + std::string(NameOf(kRoleNames, ctx.actor->role)) +
                                    " may not read indicators");
  }
  return Status::Ok();
}

Status NotFound(const std::string& what, int64_t id) {
  return Status::NotFound("no " + what + " " + std::to_string(id));
}

Result<IndicatorOrg> FindIndicatorOrg(store::Transaction& tx,
                                      const store::IndicatorProjection& projection,
                                      const RequestContext& ctx, const std::string& code) {
  auto org = store::OrgUnitRepository(tx.sql()).FindInScope(code, ctx.actor->org_path);
  if (!org) return Status::NotFound("no org unit " + code);
  const auto index = projection.OrgIndex(org->code);
  if (!index) return Status::NotFound("no org unit " + code);
  return IndicatorOrg{*org, *index};
}

}  // namespace huigui::app
