// What every use case does first and last: check the actor's capability, and append the audit
// row of what it did (in its own transaction, before commit).
#pragma once

#include <optional>
#include <string>

#include "app/request_context.h"
#include "domain/org_unit.h"
#include "domain/role.h"
#include "domain/status.h"
#include "store/audit_log.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/indicator_projection.h"

namespace huigui::app {

// Unauthenticated without an actor; PermissionDenied naming role and capability.
Status Require(const RequestContext& ctx, Capability capability);

// "no <what> <id>" (404): a record that does not exist or lies outside the actor's scope.
Status NotFound(const std::string& what, int64_t id);

// Aggregate indicators: analysts (aggregates only, small cells withheld) and every role that
// reads persons. Unauthenticated without an actor, else PermissionDenied naming the role.
Status RequireAggregates(const RequestContext& ctx);

// The org unit `code` inside the actor's scope with its index in the indicator projection;
// NotFound ("no org unit CODE") outside the scope or unknown.
struct IndicatorOrg {
  OrgUnit org;
  int32_t index = 0;
};
Result<IndicatorOrg> FindIndicatorOrg(store::Transaction& tx,
                                      const store::IndicatorProjection& projection,
                                      const RequestContext& ctx, const std::string& code);

// Appends the audit row of `action` by the request's actor.
void Audit(store::Transaction& tx, const store::KeyRing& keys, const RequestContext& ctx,
           const std::string& action, std::optional<int64_t> person, std::string detail = "");

}  // namespace huigui::app
