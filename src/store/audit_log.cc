#include "store/audit_log.h"

namespace huigui::store {
namespace {

// Taking the head row's lock first serialises appends (PostgreSQL row lock; SQLite's writer
// lock is already held by BEGIN IMMEDIATE).
constexpr const char* kLockHead = "UPDATE audit_head SET seq = seq + 1 WHERE id = 1";
constexpr const char* kReadHead = "SELECT seq, hash FROM audit_head WHERE id = 1";
constexpr const char* kWriteHead = "UPDATE audit_head SET hash = :h WHERE id = 1";
constexpr const char* kInsert =
    "INSERT INTO audit_log (seq, at, username, role, action, person_id, org_code, request_id, "
    "detail, prev_hash, hash) VALUES (:seq, :at, :u, :r, :a, :p, :o, :req, :d, :prev, :h)";
constexpr const char* kSelect =
    "SELECT l.seq, l.at, l.username, l.role, l.action, COALESCE(l.person_id, 0), l.org_code, "
    "l.request_id, l.detail FROM audit_log l ";
constexpr const char* kFilter =
    "WHERE (:p1 = 0 OR l.person_id = :p2) AND (:u1 = '' OR l.username = :u2) "
    "AND (:a1 = '' OR l.action = :a2) AND l.org_code IN "
    "(SELECT code FROM org_units WHERE path LIKE :scope) ";
constexpr const char* kChain =
    "SELECT seq, at, username, role, action, COALESCE(person_id, 0), "
    "CASE WHEN person_id IS NULL THEN 0 ELSE 1 END, org_code, request_id, detail, prev_hash, hash "
    "FROM audit_log ORDER BY seq";

}  // namespace

std::string AuditLog::Canonical(const AuditEntry& e) {
  std::string s;
  auto field = [&s](const std::string& v) {
    s += std::to_string(v.size());
    s += ':';
    s += v;
    s += '|';
  };
  field(std::to_string(e.seq));
  field(e.at.ToString());
  field(e.username);
  field(e.role);
  field(e.action);
  field(e.person_id ? std::to_string(*e.person_id) : "");
  field(e.org_code);
  field(e.request_id);
  field(e.detail);
  return s;
}

void AuditLog::Append(AuditEntry e) {
  sql_ << kLockHead;
  long long seq = 0;
  std::string prev;
  sql_ << kReadHead, soci::into(seq), soci::into(prev);
  e.seq = seq;
  const std::string hash = keys_.AuditMac(prev, Canonical(e));
  const std::string at = e.at.ToString();
  const long long person = e.person_id.value_or(0);
  soci::indicator pind = e.person_id ? soci::i_ok : soci::i_null;
  sql_ << kInsert, soci::use(seq, "seq"), soci::use(at, "at"), soci::use(e.username, "u"),
      soci::use(e.role, "r"), soci::use(e.action, "a"), soci::use(person, pind, "p"),
      soci::use(e.org_code, "o"), soci::use(e.request_id, "req"), soci::use(e.detail, "d"),
      soci::use(prev, "prev"), soci::use(hash, "h");
  sql_ << kWriteHead, soci::use(hash);
}

std::vector<AuditEntry> AuditLog::Query(const AuditQuery& q, int64_t* total) {
  const long long person = q.person_id.value_or(0);
  const std::string user = q.username.value_or(""), action = q.action.value_or("");
  const std::string like = q.scope_path + "%";
  long long count = 0;
  sql_ << std::string("SELECT COUNT(*) FROM audit_log l ") + kFilter, soci::use(person, "p1"),
      soci::use(person, "p2"), soci::use(user, "u1"), soci::use(user, "u2"),
      soci::use(action, "a1"), soci::use(action, "a2"), soci::use(like, "scope"), soci::into(count);
  *total = count;
  AuditEntry e;
  long long seq = 0, pid = 0;
  std::string at;
  soci::statement st =
      (sql_.prepare << std::string(kSelect) + kFilter +
                           "ORDER BY l.seq DESC LIMIT :limit OFFSET :offset",
       soci::use(person, "p1"), soci::use(person, "p2"), soci::use(user, "u1"),
       soci::use(user, "u2"), soci::use(action, "a1"), soci::use(action, "a2"),
       soci::use(like, "scope"), soci::use(q.limit, "limit"), soci::use(q.offset, "offset"),
       soci::into(seq), soci::into(at), soci::into(e.username), soci::into(e.role),
       soci::into(e.action), soci::into(pid), soci::into(e.org_code), soci::into(e.request_id),
       soci::into(e.detail));
  st.execute();
  std::vector<AuditEntry> out;
  while (st.fetch()) {
    e.seq = seq;
    e.at = Timestamp::Parse(at).value_or(Timestamp());
    e.person_id = pid ? std::optional<int64_t>(pid) : std::nullopt;
    out.push_back(e);
  }
  return out;
}

VerifyReport AuditLog::Verify() {
  VerifyReport report;
  AuditEntry e;
  long long seq = 0, pid = 0;
  int has_person = 0;
  std::string at, prev_stored, hash_stored;
  soci::statement st =
      (sql_.prepare << kChain, soci::into(seq), soci::into(at), soci::into(e.username),
       soci::into(e.role), soci::into(e.action), soci::into(pid), soci::into(has_person),
       soci::into(e.org_code), soci::into(e.request_id), soci::into(e.detail),
       soci::into(prev_stored), soci::into(hash_stored));
  st.execute();
  std::string expected_prev(64, '0');
  long long expected_seq = 1;
  while (st.fetch()) {
    ++report.rows;
    e.seq = seq;
    e.at = Timestamp::Parse(at).value_or(Timestamp());
    e.person_id = has_person ? std::optional<int64_t>(pid) : std::nullopt;
    auto fail = [&](const std::string& why) {
      report.first_bad_seq = seq;
      report.problem = why;
    };
    if (seq != expected_seq) {
      fail("sequence gap: expected seq " + std::to_string(expected_seq) +
           " (a row was deleted "
           "or inserted)");
    } else if (prev_stored != expected_prev) {
      fail("previous-hash link broken (a row before it was removed or replaced)");
    } else if (keys_.AuditMac(prev_stored, Canonical(e)) != hash_stored) {
      fail("row content does not match its MAC (the row was edited)");
    }
    if (report.first_bad_seq) return report;
    expected_prev = hash_stored;
    ++expected_seq;
  }
  long long head_seq = 0;
  std::string head_hash;
  sql_ << kReadHead, soci::into(head_seq), soci::into(head_hash);
  if (head_seq != expected_seq - 1 || head_hash != expected_prev) {
    report.first_bad_seq = expected_seq;
    report.problem = "the chain ends at seq " + std::to_string(expected_seq - 1) +
                     " but the head records seq " + std::to_string(head_seq) +
                     " (rows at the end were deleted)";
  }
  return report;
}

}  // namespace huigui::store
