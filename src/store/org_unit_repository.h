// Org units. Reads are scoped: a unit outside the caller's subtree is not found.
#pragma once

#include <optional>
#include <vector>

#include <soci/soci.h>

#include "domain/org_unit.h"
#include "domain/status.h"

namespace huigui::store {

class OrgUnitRepository {
 public:
  explicit OrgUnitRepository(soci::session& sql) : sql_(sql) {}

  // Inserts a unit under `parent_code` (none for the root); Conflict on a duplicate code.
  Result<OrgUnit> Insert(const std::string& code, const std::string& name, OrgUnitKind kind,
                         const std::optional<std::string>& parent_code);

  // Unscoped lookup, for wiring and the CLI.
  std::optional<OrgUnit> FindByCode(const std::string& code);
  // Scoped lookup: nullopt when missing or outside `scope_path`.
  std::optional<OrgUnit> FindInScope(const std::string& code, const std::string& scope_path);
  // Every unit in the subtree, ordered by path; optional filters on parent code and kind.
  std::vector<OrgUnit> ListInScope(const std::string& scope_path,
                                   const std::optional<std::string>& parent_code,
                                   const std::optional<OrgUnitKind>& kind);

 private:
  soci::session& sql_;
};

}  // namespace huigui::store
