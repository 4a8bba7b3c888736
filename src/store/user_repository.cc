#include "store/user_repository.h"

namespace huigui::store {
namespace {

constexpr const char* kInsertUser =
    "INSERT INTO users (username, role, org_unit_id, password_hash, failed_logins, created_at) "
    "VALUES (:u, :r, :o, :h, 0, :t) RETURNING id";
constexpr const char* kCountUser = "SELECT COUNT(*) FROM users WHERE username = :u";
constexpr const char* kFindUser =
    "SELECT u.id, u.username, u.role, u.password_hash, u.failed_logins, "
    "COALESCE(u.locked_until, ''), o.id, o.code, o.name, o.kind, o.path, COALESCE(p.code, '') "
    "FROM users u JOIN org_units o ON o.id = u.org_unit_id "
    "LEFT JOIN org_units p ON p.id = o.parent_id WHERE u.username = :u";
constexpr const char* kFailedLogin =
    "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = :id";
constexpr const char* kSelectFailures = "SELECT failed_logins FROM users WHERE id = :id";
constexpr const char* kLock =
    "UPDATE users SET locked_until = :t, failed_logins = 0 WHERE id = :id";
constexpr const char* kReset =
    "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = :id";
constexpr const char* kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, revoked) "
    "VALUES (:h, :u, :c, :n, :e, 0)";
constexpr const char* kFindSession =
    "SELECT u.id, u.username, u.role, o.code, o.path, s.csrf_token "
    "FROM sessions s JOIN users u ON u.id = s.user_id JOIN org_units o ON o.id = u.org_unit_id "
    "WHERE s.token_hash = :h AND s.revoked = 0 AND s.expires_at > :now";
constexpr const char* kRevoke = "UPDATE sessions SET revoked = 1 WHERE token_hash = :h";

}  // namespace

Result<int64_t> UserRepository::Insert(const std::string& username, Role role, int64_t org_id,
                                       const std::string& password_hash, Timestamp now) {
  int count = 0;
  sql_ << kCountUser, soci::use(username), soci::into(count);
  if (count > 0) return Status::Conflict("user " + username + " already exists");
  const std::string role_name(NameOf(kRoleNames, role));
  const long long org = org_id;
  const std::string t = now.ToString();
  long long id = 0;
  sql_ << kInsertUser, soci::use(username, "u"), soci::use(role_name, "r"), soci::use(org, "o"),
      soci::use(password_hash, "h"), soci::use(t, "t"), soci::into(id);
  return static_cast<int64_t>(id);
}

std::optional<UserRecord> UserRepository::FindByUsername(const std::string& username) {
  long long id = 0, org_id = 0;
  int failed = 0;
  std::string name, role, hash, locked, code, org_name, kind, path, parent;
  sql_ << kFindUser, soci::use(username), soci::into(id), soci::into(name), soci::into(role),
      soci::into(hash), soci::into(failed), soci::into(locked), soci::into(org_id),
      soci::into(code), soci::into(org_name), soci::into(kind), soci::into(path),
      soci::into(parent);
  if (!sql_.got_data()) return std::nullopt;
  UserRecord u;
  u.id = id;
  u.username = name;
  u.role = ParseName(kRoleNames, role).value_or(Role::kAnalyst);
  u.password_hash = hash;
  u.failed_logins = failed;
  if (!locked.empty()) u.locked_until = Timestamp::Parse(locked);
  u.org.id = org_id;
  u.org.code = code;
  u.org.name = org_name;
  u.org.kind = ParseName(kOrgUnitKindNames, kind).value_or(OrgUnitKind::kCommunity);
  u.org.path = path;
  if (!parent.empty()) u.org.parent_code = parent;
  return u;
}

void UserRepository::RecordFailedLogin(int64_t user_id, int threshold, Timestamp lock_until) {
  const long long id = user_id;
  sql_ << kFailedLogin, soci::use(id);
  int failed = 0;
  sql_ << kSelectFailures, soci::use(id), soci::into(failed);
  if (failed >= threshold) {
    const std::string t = lock_until.ToString();
    sql_ << kLock, soci::use(t, "t"), soci::use(id, "id");
  }
}

void UserRepository::ResetFailedLogins(int64_t user_id) {
  const long long id = user_id;
  sql_ << kReset, soci::use(id);
}

void UserRepository::CreateSession(const std::string& token_hash, int64_t user_id,
                                   const std::string& csrf, Timestamp now, Timestamp expires_at) {
  const long long uid = user_id;
  const std::string n = now.ToString(), e = expires_at.ToString();
  sql_ << kInsertSession, soci::use(token_hash, "h"), soci::use(uid, "u"), soci::use(csrf, "c"),
      soci::use(n, "n"), soci::use(e, "e");
}

std::optional<Actor> UserRepository::FindSessionActor(const std::string& token_hash,
                                                      Timestamp now) {
  const std::string n = now.ToString();
  long long id = 0;
  std::string name, role, code, path, csrf;
  sql_ << kFindSession, soci::use(token_hash, "h"), soci::use(n, "now"), soci::into(id),
      soci::into(name), soci::into(role), soci::into(code), soci::into(path), soci::into(csrf);
  if (!sql_.got_data()) return std::nullopt;
  auto parsed_role = ParseName(kRoleNames, role);
  if (!parsed_role) return std::nullopt;
  return Actor{id, name, *parsed_role, code, path, csrf};
}

void UserRepository::RevokeSession(const std::string& token_hash) {
  sql_ << kRevoke, soci::use(token_hash);
}

}  // namespace huigui::store
