#include "domain/role.h"

namespace huigui {

bool Can(Role role, Capability capability) {
  const bool case_worker = role == Role::kDirector || role == Role::kSocialWorker ||
                           role == Role::kFacilityOfficer || role == Role::kPolice;
  switch (capability) {
    case Capability::kReadPersons:
    case Capability::kWritePersons:
    case Capability::kRevealIdentity:
      return case_worker;
    case Capability::kReadAudit:
      return role == Role::kAuditor || role == Role::kAdmin;
    case Capability::kReadOrgUnits:
      return true;
  }
  return false;
}

}  // namespace huigui
