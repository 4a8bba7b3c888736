#include "app/use_case_support.h"

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

}  // namespace huigui::app
