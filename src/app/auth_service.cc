#include "app/auth_service.h"

#include "app/transaction_runner.h"
#include "store/audit_log.h"
#include "store/org_unit_repository.h"
#include "store/user_repository.h"

namespace huigui::app {

using store::Transaction;

Status ValidatePassword(const std::string& password) {
  if (password.size() < 8 || password.size() > 128) {
    return Status::Invalid("password", "length", "must be 8 to 128 characters");
  }
  return Status::Ok();
}

Result<LoginResult> AuthService::Login(const RequestContext& ctx, const std::string& username,
                                       const std::string& password) {
  // Read the user outside the write transaction: the argon2id check takes ~100 ms and must
  // not hold SQLite's writer lock.
  auto user = InTransaction(db_, Transaction::Mode::kRead,
                            [&](Transaction& tx) -> Result<store::UserRecord> {
                              auto u = store::UserRepository(tx.sql()).FindByUsername(username);
                              if (!u) return Status::Unauthenticated("wrong username or password");
                              return *u;
                            });
  if (!user.ok()) {
    // Spend the same time on an unknown user as on a wrong password.
    static const std::string kDummyHash = store::PasswordHasher::Hash("huigui-no-such-user");
    store::PasswordHasher::Verify(kDummyHash, password);
    return user.status();
  }
  if (user->locked_until && *user->locked_until > ctx.now) {
    return Status::Locked("account locked after repeated failed logins; try again later");
  }
  const bool good = store::PasswordHasher::Verify(user->password_hash, password);
  return InTransaction(db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<LoginResult> {
    store::UserRepository users(tx.sql());
    store::AuditLog audit(tx.sql(), keys_);
    store::AuditEntry entry{0,
                            ctx.now,
                            user->username,
                            std::string(NameOf(kRoleNames, user->role)),
                            "session.login",
                            std::nullopt,
                            user->org.code,
                            ctx.request_id,
                            ""};
    if (!good) {
      const Timestamp until =
          Timestamp::FromUnixSeconds(ctx.now.unix_seconds() + config_.lockout_minutes * 60);
      users.RecordFailedLogin(user->id, config_.lockout_threshold, until);
      entry.action = "session.login_failed";
      audit.Append(entry);
      tx.Commit();  // the failure count must persist even though the answer is an error
      return Status::Unauthenticated("wrong username or password");
    }
    users.ResetFailedLogins(user->id);
    LoginResult r;
    r.token = store::RandomHex(32);
    r.csrf_token = store::RandomHex(16);
    r.expires_at =
        Timestamp::FromUnixSeconds(ctx.now.unix_seconds() + config_.session_hours * 3600);
    users.CreateSession(store::Digest(r.token), user->id, r.csrf_token, ctx.now, r.expires_at);
    r.actor =
        Actor{user->id, user->username, user->role, user->org.code, user->org.path, r.csrf_token};
    r.org = user->org;
    audit.Append(entry);
    return r;
  });
}

Result<Actor> AuthService::Authenticate(const std::string& token, Timestamp now) {
  if (token.size() != 64) return Status::Unauthenticated("not logged in");
  return InTransaction(db_, Transaction::Mode::kRead, [&](Transaction& tx) -> Result<Actor> {
    auto actor = store::UserRepository(tx.sql()).FindSessionActor(store::Digest(token), now);
    if (!actor) return Status::Unauthenticated("session expired or logged out");
    return *actor;
  });
}

Status AuthService::Logout(const RequestContext& ctx, const std::string& token) {
  return InTransaction(db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Status {
    store::UserRepository(tx.sql()).RevokeSession(store::Digest(token));
    const Actor& a = *ctx.actor;
    store::AuditLog(tx.sql(), keys_)
        .Append({0, ctx.now, a.username, std::string(NameOf(kRoleNames, a.role)), "session.logout",
                 std::nullopt, a.org_code, ctx.request_id, ""});
    return Status::Ok();
  });
}

Result<OrgUnit> AuthService::OrgOf(const Actor& actor) {
  return InTransaction(db_, Transaction::Mode::kRead, [&](Transaction& tx) -> Result<OrgUnit> {
    auto org = store::OrgUnitRepository(tx.sql()).FindByCode(actor.org_code);
    if (!org) return Status::NotFound("org unit " + actor.org_code);
    return *org;
  });
}

Result<int64_t> AuthService::AddUser(const std::string& username, Role role,
                                     const std::string& org_code, const std::string& password,
                                     Timestamp now) {
  if (username.empty() || username.size() > 64) {
    return Status::Invalid("username", "length", "must be 1 to 64 characters");
  }
  if (Status s = ValidatePassword(password); !s.ok()) return s;
  const std::string hash = store::PasswordHasher::Hash(password);
  return InTransaction(db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<int64_t> {
    auto org = store::OrgUnitRepository(tx.sql()).FindByCode(org_code);
    if (!org) return Status::Invalid("org", "exists", "no org unit " + org_code);
    return store::UserRepository(tx.sql()).Insert(username, role, org->id, hash, now);
  });
}

}  // namespace huigui::app
