// Users, their login state (failed attempts, lockout) and their sessions.
#pragma once

#include <optional>
#include <string>

#include <soci/soci.h>

#include "domain/actor.h"
#include "domain/civil_time.h"
#include "domain/org_unit.h"
#include "domain/status.h"

namespace huigui::store {

struct UserRecord {
  int64_t id = 0;
  std::string username;
  Role role = Role::kSocialWorker;
  OrgUnit org;
  std::string password_hash;
  int failed_logins = 0;
  std::optional<Timestamp> locked_until;
};

struct SessionRecord {
  std::string csrf_token;
  Timestamp expires_at;
};

class UserRepository {
 public:
  explicit UserRepository(soci::session& sql) : sql_(sql) {}

  // Conflict when the username is taken.
  Result<int64_t> Insert(const std::string& username, Role role, int64_t org_id,
                         const std::string& password_hash, Timestamp now);
  std::optional<UserRecord> FindByUsername(const std::string& username);

  // Records a failed login; locks until `lock_until` when the count reaches `threshold`.
  void RecordFailedLogin(int64_t user_id, int threshold, Timestamp lock_until);
  void ResetFailedLogins(int64_t user_id);

  void CreateSession(const std::string& token_hash, int64_t user_id, const std::string& csrf,
                     Timestamp now, Timestamp expires_at);
  // The actor of an unrevoked, unexpired session.
  std::optional<Actor> FindSessionActor(const std::string& token_hash, Timestamp now);
  void RevokeSession(const std::string& token_hash);

 private:
  soci::session& sql_;
};

}  // namespace huigui::store
