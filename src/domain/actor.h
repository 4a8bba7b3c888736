// The authenticated user a request acts for: who, which role, and the org subtree they see.
#pragma once

#include <cstdint>
#include <string>

#include "domain/role.h"

namespace huigui {

struct Actor {
  int64_t user_id = 0;
  std::string username;
  Role role = Role::kSocialWorker;
  std::string org_code;
  std::string org_path;  // scope: the materialised path of the user's org unit
  std::string csrf_token;
};

}  // namespace huigui
