// Reading the org tree within the actor's scope.
#pragma once

#include <optional>
#include <vector>

#include "app/request_context.h"
#include "domain/org_unit.h"
#include "domain/status.h"
#include "store/database.h"

namespace huigui::app {

class OrgUnitService {
 public:
  explicit OrgUnitService(store::Database& db) : db_(db) {}

  // Units in the actor's subtree, ordered by path. A `parent` outside the scope lists nothing.
  Result<std::vector<OrgUnit>> List(const RequestContext& ctx,
                                    const std::optional<std::string>& parent,
                                    const std::optional<OrgUnitKind>& kind);

 private:
  store::Database& db_;
};

}  // namespace huigui::app
