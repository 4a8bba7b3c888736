// Login, sessions, logout, and the creation of users.
//
// A session token is 32 random bytes; only its digest is stored, so a copy of the database
// cannot be replayed as a login. Failed logins count towards a lockout; the password hash is
// argon2id with a bounded number of hashes in flight.
#pragma once

#include <string>

#include "app/config.h"
#include "app/request_context.h"
#include "domain/actor.h"
#include "domain/org_unit.h"
#include "domain/status.h"
#include "store/crypto.h"
#include "store/database.h"

namespace huigui::app {

struct LoginResult {
  std::string token;
  std::string csrf_token;
  Timestamp expires_at;
  Actor actor;
  OrgUnit org;
};

class AuthService {
 public:
  AuthService(store::Database& db, const store::KeyRing& keys, const Config& config)
      : db_(db), keys_(keys), config_(config) {}

  // Unauthenticated for unknown users and wrong passwords alike; Locked while locked out.
  Result<LoginResult> Login(const RequestContext& ctx, const std::string& username,
                            const std::string& password);
  // The actor of a live session token.
  Result<Actor> Authenticate(const std::string& token, Timestamp now);
  Status Logout(const RequestContext& ctx, const std::string& token);
  // The org unit a user belongs to.
  Result<OrgUnit> OrgOf(const Actor& actor);

  Result<int64_t> AddUser(const std::string& username, Role role, const std::string& org_code,
                          const std::string& password, Timestamp now);

 private:
  store::Database& db_;
  const store::KeyRing& keys_;
  const Config& config_;
};

// Password rules: 8–128 bytes.
Status ValidatePassword(const std::string& password);

}  // namespace huigui::app
