// Roles and what each may do. Access is closed by default: a capability a role is not listed
// for here is denied. Scope (which org subtree) is a separate check done in the query layer.
#pragma once

#include "domain/enum_names.h"

namespace huigui {

enum class Role {
  kAdmin,
  kDirector,
  kFacilityOfficer,
  kSocialWorker,
  kPolice,
  kPrecursorInspector,
  kAnalyst,
  kAuditor,
};

inline constexpr EnumNames<Role, 8> kRoleNames{{
    {Role::kAdmin, "admin"},
    {Role::kDirector, "director"},
    {Role::kFacilityOfficer, "facility_officer"},
    {Role::kSocialWorker, "social_worker"},
    {Role::kPolice, "police"},
    {Role::kPrecursorInspector, "precursor_inspector"},
    {Role::kAnalyst, "analyst"},
    {Role::kAuditor, "auditor"},
}};

enum class Capability {
  kReadPersons,     // person records and their events (contacts, tests, episodes, timeline)
  kWritePersons,    // create and change them
  kRevealIdentity,  // see legal name, ID number, phone, address — audited
  kReadAudit,       // query the audit log
  kReadOrgUnits,
};

inline constexpr EnumNames<Capability, 5> kCapabilityNames{{
    {Capability::kReadPersons, "persons:read"},
    {Capability::kWritePersons, "persons:write"},
    {Capability::kRevealIdentity, "identity:reveal"},
    {Capability::kReadAudit, "audit:read"},
    {Capability::kReadOrgUnits, "org_units:read"},
}};

// The single table of who may do what.
bool Can(Role role, Capability capability);

}  // namespace huigui
