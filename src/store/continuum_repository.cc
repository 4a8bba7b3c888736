#include "store/continuum_repository.h"

#include <nlohmann/json.hpp>

namespace huigui::store {
namespace {

constexpr const char* kEpisodeColumns =
    "SELECT e.id, e.person_id, e.kind, o.code, o.name, o.kind, o.path, e.start_date, "
    "COALESCE(e.planned_end_date, ''), COALESCE(e.end_date, ''), e.status, "
    "COALESCE(e.end_reason, ''), e.decision_number, COALESCE(d.code, ''), "
    "e.recommitted_after_refusing_rehab, e.in_police_facility, e.version "
    "FROM episodes e JOIN org_units o ON o.id = e.org_unit_id "
    "LEFT JOIN org_units d ON d.id = e.deciding_org_id ";
constexpr const char* kUpdateEpisode =
    "UPDATE episodes SET status = :status, planned_end_date = :pe, end_date = :ed, "
    "end_reason = :er, version = version + 1 WHERE id = :id AND version = :v";
constexpr const char* kSetFlags =
    "UPDATE episodes SET deciding_org_id = (SELECT id FROM org_units WHERE code = :d), "
    "recommitted_after_refusing_rehab = :r, in_police_facility = :p WHERE id = :id";
constexpr const char* kActionColumns =
    "SELECT a.id, a.episode_id, a.action, a.effective_date, a.params, a.recorded_at, "
    "a.recorded_by, o.code, a.reason FROM episode_actions a "
    "JOIN org_units o ON o.id = a.org_unit_id ";
constexpr const char* kInsertAction =
    "INSERT INTO episode_actions (episode_id, action, effective_date, recorded_at, recorded_by, "
    "org_unit_id, params, reason) VALUES (:e, :a, :d, :n, :by, :o, :p, :r) RETURNING id";
constexpr const char* kInsertNotice =
    "INSERT INTO episode_notices (episode_id, kind, effective_date, note, recorded_at, "
    "recorded_by, org_unit_id) VALUES (:e, :k, :d, :note, :n, :by, :o)";
constexpr const char* kNotices =
    "SELECT kind, effective_date FROM episode_notices WHERE episode_id = :e ORDER BY id";
constexpr const char* kOwners =
    "SELECT w.episode_id, e.kind, o.code, o.name, w.from_date, "
    "COALESCE(w.to_date, e.end_date, ''), w.reason FROM episode_owners w "
    "JOIN episodes e ON e.id = w.episode_id JOIN org_units o ON o.id = w.org_unit_id "
    "WHERE w.person_id = :p ORDER BY w.from_date, w.id";
constexpr const char* kCloseOwner =
    "UPDATE episode_owners SET to_date = :d WHERE episode_id = :e AND to_date IS NULL";
constexpr const char* kOpenOwner =
    "INSERT INTO episode_owners (episode_id, person_id, org_unit_id, from_date, to_date, reason) "
    "VALUES (:e, :p, :o, :d, NULL, :r)";
constexpr const char* kMoveEpisode = "UPDATE episodes SET org_unit_id = :o WHERE id = :e";
constexpr const char* kInsertHandover =
    "INSERT INTO handovers (person_id, from_episode_id, from_org_id, to_org_id, release_date, "
    "notify_due, report_due, status, created_at) VALUES (:p, :e, :f, :t, :rd, :nd, :pd, 'open', "
    ":n) RETURNING id";
constexpr const char* kHandoverColumns =
    "SELECT h.id, h.person_id, p.alias, h.from_episode_id, f.code, f.name, f.path, t.code, "
    "t.name, t.path, h.release_date, h.notify_due, h.report_due, h.status, "
    "COALESCE(h.acknowledged_at, ''), COALESCE(h.acknowledged_by, ''), "
    "COALESCE(h.reported_in_at, ''), COALESCE(h.agreement_at, ''), COALESCE(h.escalated_at, ''), "
    "h.created_at FROM handovers h JOIN persons p ON p.id = h.person_id "
    "JOIN org_units f ON f.id = h.from_org_id JOIN org_units t ON t.id = h.to_org_id ";
constexpr const char* kUpdateHandover =
    "UPDATE handovers SET status = :s, acknowledged_at = :aa, acknowledged_by = :ab, "
    "reported_in_at = :ri, agreement_at = :ag, escalated_at = :es WHERE id = :id";
constexpr const char* kFindOpenAlert =
    "SELECT id FROM alerts WHERE dedupe_key = :k AND status = 'open'";
constexpr const char* kInsertAlert =
    "INSERT INTO alerts (person_id, kind, org_unit_id, raised_at, evidence, status, dedupe_key) "
    "VALUES (:p, :k, :o, :r, :e, 'open', :dk) RETURNING id";
constexpr const char* kCloseAlert =
    "UPDATE alerts SET status = 'closed', closed_at = :n WHERE dedupe_key = :k AND status = 'open'";
constexpr const char* kCloseAlertById =
    "UPDATE alerts SET status = 'closed', closed_at = :n WHERE id = :id AND status = 'open'";
constexpr const char* kAlertColumns =
    "SELECT a.id, a.person_id, p.alias, a.kind, o.code, a.raised_at, a.evidence, a.status, "
    "COALESCE(a.closed_at, '') FROM alerts a JOIN persons p ON p.id = a.person_id "
    "JOIN org_units o ON o.id = a.org_unit_id JOIN org_units h ON h.id = p.home_org_id ";
constexpr const char* kAlertFilter =
    "WHERE (o.path LIKE :s1 OR h.path LIKE :s2) AND (:p1 = 0 OR a.person_id = :p2) "
    "AND (:st1 = '' OR a.status = :st2) AND (:k1 = '' OR a.kind = :k2) ";
constexpr const char* kInsertRisk =
    "INSERT INTO risk_assessments (person_id, assessed_at, tier, score, reasons, model_version, "
    "trigger_event) VALUES (:p, :a, :t, :s, :r, :m, :tr)";
constexpr const char* kRiskColumns =
    "SELECT id, assessed_at, tier, score, reasons, model_version, trigger_event "
    "FROM risk_assessments WHERE person_id = :p ";
constexpr const char* kLatestTiers =
    "SELECT r.person_id, r.tier FROM risk_assessments r WHERE r.id = "
    "(SELECT MAX(r2.id) FROM risk_assessments r2 WHERE r2.person_id = r.person_id)";
constexpr const char* kRiskAttributes =
    "SELECT COALESCE(first_use_year, -1), COALESCE(employed, -1), COALESCE(family_support, -1), "
    "psychiatric_history FROM persons WHERE id = :p";
constexpr const char* kSetRiskAttributes =
    "UPDATE persons SET first_use_year = :f, employed = :e, family_support = :s, "
    "psychiatric_history = :h WHERE id = :p";
constexpr const char* kClosedEpisodes =
    "SELECT COUNT(*) FROM episodes WHERE person_id = :p AND status = 'closed'";
constexpr const char* kTests =
    "SELECT id, at, result FROM drug_tests WHERE person_id = :p ORDER BY at, id";
constexpr const char* kLastUse =
    "SELECT COALESCE(MAX(x.at), '') FROM (SELECT at FROM drug_tests WHERE person_id = :p1 AND "
    "result = 'positive' UNION ALL SELECT at FROM relapses WHERE person_id = :p2) x";
constexpr const char* kInsertRelapse =
    "INSERT INTO relapses (person_id, at, evidence, source, drug_test_id, recorded_by, "
    "org_unit_id, created_at) VALUES (:p, :a, :e, :s, :t, :by, :o, :n) RETURNING id";
constexpr const char* kRelapses =
    "SELECT r.id, r.at, r.evidence, r.source, COALESCE(r.drug_test_id, 0), r.recorded_by, o.code "
    "FROM relapses r JOIN org_units o ON o.id = r.org_unit_id WHERE r.person_id = :p "
    "ORDER BY r.at DESC, r.id DESC";
constexpr const char* kInsertAbsence =
    "INSERT INTO absences (person_id, from_date, to_date, authorised, note, recorded_by, "
    "org_unit_id, created_at) VALUES (:p, :f, :t, :a, :note, :by, :o, :n) RETURNING id";
constexpr const char* kAbsences =
    "SELECT a.id, a.from_date, a.to_date, a.authorised, a.note, a.recorded_by, o.code "
    "FROM absences a JOIN org_units o ON o.id = a.org_unit_id WHERE a.person_id = :p "
    "ORDER BY a.from_date DESC, a.id DESC";
constexpr const char* kSetting = "SELECT value FROM settings WHERE name = :n";
constexpr const char* kDeleteSetting = "DELETE FROM settings WHERE name = :n";
constexpr const char* kInsertSetting =
    "INSERT INTO settings (name, value, updated_at, updated_by) VALUES (:n, :v, :a, :b)";
constexpr const char* kPersonsWithOpenEpisodes =
    "SELECT DISTINCT person_id FROM episodes WHERE status = 'open' ORDER BY person_id";
constexpr const char* kPersonsWithOpenEpisodesAfter =
    "SELECT DISTINCT person_id FROM episodes WHERE status = 'open' AND person_id > :a "
    "ORDER BY person_id LIMIT :l";
// Risk inputs of a range of persons [:lo, :hi], one query per table.
constexpr const char* kRangeRiskPersons =
    "SELECT id, primary_substance, registration_date, COALESCE(first_use_year, -1), "
    "COALESCE(employed, -1), COALESCE(family_support, -1), psychiatric_history FROM persons "
    "WHERE id BETWEEN :lo AND :hi";
constexpr const char* kRangeClosedEpisodes =
    "SELECT person_id, COUNT(*) FROM episodes WHERE person_id BETWEEN :lo AND :hi "
    "AND status = 'closed' GROUP BY person_id";
constexpr const char* kRangeRecentTests =
    "SELECT person_id, id, at, result FROM drug_tests WHERE person_id BETWEEN :lo AND :hi "
    "AND at >= :since AND result IN ('positive', 'refused', 'missed') ORDER BY person_id, at, id";
constexpr const char* kRangeLastUse =
    "SELECT x.person_id, MAX(x.at) FROM (SELECT person_id, at FROM drug_tests "
    "WHERE person_id BETWEEN :lo1 AND :hi1 AND result = 'positive' UNION ALL "
    "SELECT person_id, at FROM relapses WHERE person_id BETWEEN :lo2 AND :hi2) x "
    "GROUP BY x.person_id";
constexpr const char* kRangeOpenAlerts =
    "SELECT DISTINCT person_id, kind FROM alerts WHERE person_id BETWEEN :lo AND :hi "
    "AND status = 'open' AND kind IN ('serious_breach', 'lost_contact')";
constexpr const char* kRangeLatestRisk =
    "SELECT r.person_id, r.tier, r.score FROM risk_assessments r "
    "WHERE r.person_id BETWEEN :lo AND :hi AND r.id = "
    "(SELECT MAX(r2.id) FROM risk_assessments r2 WHERE r2.person_id = r.person_id)";

std::optional<std::string> OptionalText(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

ActionRecord ParseAction(const std::string& name, const std::string& date,
                         const std::string& params) {
  ActionRecord a;
  a.action = ParseName(kEpisodeActionNames, name).value_or(EpisodeAction::kEnd);
  a.date = Date::Parse(date).value_or(Date());
  const auto j = nlohmann::json::parse(params, nullptr, false);
  if (!j.is_object()) return a;
  if (j.contains("approved")) a.approved = j["approved"].get<bool>();
  if (j.contains("assessment_passed")) a.assessment_passed = j["assessment_passed"].get<bool>();
  if (j.contains("extension_days")) a.extension_days = j["extension_days"].get<int>();
  if (j.contains("end_reason")) {
    a.end_reason = ParseName(kEndReasonNames, j["end_reason"].get<std::string>());
  }
  if (j.contains("to_org")) a.to_org = j["to_org"].get<std::string>();
  return a;
}

// Reads rows of kEpisodeColumns.
class EpisodeReader {
 public:
  template <typename Prepared>
  void Bind(Prepared& p) {
    p, soci::into(id), soci::into(person), soci::into(kind), soci::into(code), soci::into(name),
        soci::into(org_kind), soci::into(path), soci::into(start), soci::into(planned),
        soci::into(end), soci::into(status), soci::into(end_reason), soci::into(decision),
        soci::into(deciding), soci::into(recommitted), soci::into(police), soci::into(version);
  }
  EpisodeRow Row() const {
    EpisodeRow r;
    r.id = id;
    r.person_id = person;
    r.kind = ParseName(kEpisodeKindNames, kind).value_or(EpisodeKind::kVoluntary);
    r.org_code = code;
    r.org_name = name;
    r.org_kind = ParseName(kOrgUnitKindNames, org_kind).value_or(OrgUnitKind::kTownship);
    r.org_path = path;
    r.start_date = Date::Parse(start).value_or(Date());
    r.planned_end_date = Date::Parse(planned);
    r.end_date = Date::Parse(end);
    r.status = status;
    r.end_reason = OptionalText(end_reason);
    r.decision_number = decision;
    r.deciding_org_code = OptionalText(deciding);
    r.recommitted_after_refusing_rehab = recommitted != 0;
    r.in_police_facility = police != 0;
    r.version = version;
    return r;
  }

 private:
  long long id = 0, person = 0, version = 0;
  int recommitted = 0, police = 0;
  std::string kind, code, name, org_kind, path, start, planned, end, status, end_reason, decision,
      deciding;
};

}  // namespace

std::optional<EpisodeRow> ContinuumRepository::FindEpisode(int64_t episode_id) {
  const long long id = episode_id;
  EpisodeReader r;
  auto p = (sql_.prepare << std::string(kEpisodeColumns) + "WHERE e.id = :id", soci::use(id));
  r.Bind(p);
  soci::statement st(p);
  st.execute(true);
  if (!st.got_data()) return std::nullopt;
  return r.Row();
}

std::vector<EpisodeRow> ContinuumRepository::EpisodesOfPerson(int64_t person_id) {
  const long long id = person_id;
  EpisodeReader r;
  auto p = (sql_.prepare << std::string(kEpisodeColumns) +
                                "WHERE e.person_id = :p ORDER BY e.start_date, e.id",
            soci::use(id));
  r.Bind(p);
  soci::statement st(p);
  st.execute();
  std::vector<EpisodeRow> out;
  while (st.fetch()) out.push_back(r.Row());
  return out;
}

std::vector<EpisodeRow> ContinuumRepository::OpenEpisodesInScope(const std::string& scope_path) {
  const std::string like = scope_path + "%";
  EpisodeReader r;
  auto p = (sql_.prepare << std::string(kEpisodeColumns) +
                                "JOIN persons pp ON pp.id = e.person_id "
                                "JOIN org_units hh ON hh.id = pp.home_org_id "
                                "WHERE e.status = 'open' AND (hh.path LIKE :s1 OR o.path LIKE :s2) "
                                "ORDER BY e.person_id, e.id",
            soci::use(like, "s1"), soci::use(like, "s2"));
  r.Bind(p);
  soci::statement st(p);
  st.execute();
  std::vector<EpisodeRow> out;
  while (st.fetch()) out.push_back(r.Row());
  return out;
}

std::vector<int64_t> ContinuumRepository::PersonsWithOpenEpisodes() {
  long long id = 0;
  soci::statement st = (sql_.prepare << kPersonsWithOpenEpisodes, soci::into(id));
  st.execute();
  std::vector<int64_t> out;
  while (st.fetch()) out.push_back(id);
  return out;
}

std::vector<int64_t> ContinuumRepository::PersonsWithOpenEpisodesAfter(int64_t after, int limit) {
  const long long a = after;
  long long id = 0;
  soci::statement st = (sql_.prepare << kPersonsWithOpenEpisodesAfter, soci::use(a, "a"),
                        soci::use(limit, "l"), soci::into(id));
  st.execute();
  std::vector<int64_t> out;
  while (st.fetch()) out.push_back(id);
  return out;
}

std::vector<ActionRow> ContinuumRepository::Actions(int64_t episode_id) {
  return ActionsOfEpisodes({episode_id})[episode_id];
}

std::map<int64_t, std::vector<ActionRow>> ContinuumRepository::ActionsOfEpisodes(
    const std::vector<int64_t>& ids) {
  std::map<int64_t, std::vector<ActionRow>> out;
  long long id = 0, episode = 0;
  std::string action, date, params, at, by, code, reason;
  long long wanted = 0;
  soci::statement st =
      (sql_.prepare << std::string(kActionColumns) + "WHERE a.episode_id = :e ORDER BY a.id",
       soci::use(wanted), soci::into(id), soci::into(episode), soci::into(action), soci::into(date),
       soci::into(params), soci::into(at), soci::into(by), soci::into(code), soci::into(reason));
  for (int64_t e : ids) {
    wanted = e;
    auto& rows = out[e];
    st.execute();
    while (st.fetch()) {
      rows.push_back({id, ParseAction(action, date, params), at, by, code, reason});
    }
  }
  return out;
}

int64_t ContinuumRepository::InsertAction(int64_t episode_id, const ActionRecord& a,
                                          const std::string& params, const std::string& reason,
                                          const std::string& recorded_by, int64_t org_id,
                                          Timestamp now) {
  const long long e = episode_id, o = org_id;
  const std::string name(NameOf(kEpisodeActionNames, a.action));
  const std::string date = a.date.ToString(), n = now.ToString();
  long long id = 0;
  sql_ << kInsertAction, soci::use(e, "e"), soci::use(name, "a"), soci::use(date, "d"),
      soci::use(n, "n"), soci::use(recorded_by, "by"), soci::use(o, "o"), soci::use(params, "p"),
      soci::use(reason, "r"), soci::into(id);
  return id;
}

Status ContinuumRepository::UpdateEpisode(const EpisodeRow& e, int64_t expected_version) {
  const long long id = e.id, v = expected_version;
  const std::string planned = e.planned_end_date ? e.planned_end_date->ToString() : "";
  const std::string end = e.end_date ? e.end_date->ToString() : "";
  const std::string reason = e.end_reason.value_or("");
  soci::indicator pi = e.planned_end_date ? soci::i_ok : soci::i_null;
  soci::indicator ei = e.end_date ? soci::i_ok : soci::i_null;
  soci::indicator ri = e.end_reason ? soci::i_ok : soci::i_null;
  soci::statement st = (sql_.prepare << kUpdateEpisode, soci::use(e.status, "status"),
                        soci::use(planned, pi, "pe"), soci::use(end, ei, "ed"),
                        soci::use(reason, ri, "er"), soci::use(id, "id"), soci::use(v, "v"));
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    return Status::Conflict("the episode was changed by someone else; reload and retry",
                            {{"version", "stale", "is not the current version"}});
  }
  return Status::Ok();
}

void ContinuumRepository::SetEpisodeFlags(int64_t episode_id,
                                          std::optional<std::string> deciding_org_code,
                                          bool recommitted, bool in_police_facility) {
  const long long id = episode_id;
  const std::string code = deciding_org_code.value_or("");
  const int r = recommitted ? 1 : 0, p = in_police_facility ? 1 : 0;
  sql_ << kSetFlags, soci::use(code, "d"), soci::use(r, "r"), soci::use(p, "p"),
      soci::use(id, "id");
}

void ContinuumRepository::InsertNotice(int64_t episode_id, const NoticeRecord& notice,
                                       const std::string& note, const std::string& recorded_by,
                                       int64_t org_id, Timestamp now) {
  const long long e = episode_id, o = org_id;
  const std::string d = notice.date.ToString(), n = now.ToString();
  sql_ << kInsertNotice, soci::use(e, "e"), soci::use(notice.kind, "k"), soci::use(d, "d"),
      soci::use(note, "note"), soci::use(n, "n"), soci::use(recorded_by, "by"), soci::use(o, "o");
}

std::map<int64_t, std::vector<NoticeRecord>> ContinuumRepository::NoticesOfEpisodes(
    const std::vector<int64_t>& ids) {
  std::map<int64_t, std::vector<NoticeRecord>> out;
  long long wanted = 0;
  std::string kind, date;
  soci::statement st =
      (sql_.prepare << kNotices, soci::use(wanted), soci::into(kind), soci::into(date));
  for (int64_t e : ids) {
    wanted = e;
    auto& rows = out[e];
    st.execute();
    while (st.fetch()) rows.push_back({kind, Date::Parse(date).value_or(Date())});
  }
  return out;
}

std::vector<OwnerRow> ContinuumRepository::Owners(int64_t person_id) {
  const long long p = person_id;
  long long episode = 0;
  std::string kind, code, name, from, to, reason;
  soci::statement st =
      (sql_.prepare << kOwners, soci::use(p), soci::into(episode), soci::into(kind),
       soci::into(code), soci::into(name), soci::into(from), soci::into(to), soci::into(reason));
  st.execute();
  std::vector<OwnerRow> out;
  while (st.fetch()) {
    out.push_back({episode, ParseName(kEpisodeKindNames, kind).value_or(EpisodeKind::kVoluntary),
                   code, name, Date::Parse(from).value_or(Date()), Date::Parse(to), reason});
  }
  return out;
}

void ContinuumRepository::TransferOwner(int64_t episode_id, int64_t person_id, int64_t to_org_id,
                                        Date date, const std::string& reason) {
  const long long e = episode_id, p = person_id, o = to_org_id;
  const std::string d = date.ToString();
  sql_ << kCloseOwner, soci::use(d, "d"), soci::use(e, "e");
  sql_ << kOpenOwner, soci::use(e, "e"), soci::use(p, "p"), soci::use(o, "o"), soci::use(d, "d"),
      soci::use(reason, "r");
  sql_ << kMoveEpisode, soci::use(o, "o"), soci::use(e, "e");
}

int64_t ContinuumRepository::InsertHandover(int64_t person_id, int64_t from_episode_id,
                                            int64_t from_org_id, int64_t to_org_id, Date release,
                                            Date notify_due, Date report_due, Timestamp now) {
  const long long p = person_id, e = from_episode_id, f = from_org_id, t = to_org_id;
  const std::string rd = release.ToString(), nd = notify_due.ToString(), pd = report_due.ToString(),
                    n = now.ToString();
  long long id = 0;
  sql_ << kInsertHandover, soci::use(p, "p"), soci::use(e, "e"), soci::use(f, "f"),
      soci::use(t, "t"), soci::use(rd, "rd"), soci::use(nd, "nd"), soci::use(pd, "pd"),
      soci::use(n, "n"), soci::into(id);
  return id;
}

namespace {

class HandoverReader {
 public:
  template <typename Prepared>
  void Bind(Prepared& p) {
    p, soci::into(id), soci::into(person), soci::into(alias), soci::into(episode), soci::into(fc),
        soci::into(fn), soci::into(fp), soci::into(tc), soci::into(tn), soci::into(tp),
        soci::into(rd), soci::into(nd), soci::into(pd), soci::into(status), soci::into(aa),
        soci::into(ab), soci::into(ri), soci::into(ag), soci::into(es), soci::into(created);
  }
  HandoverRow Row() const {
    HandoverRow h;
    h.id = id;
    h.person_id = person;
    h.alias = alias;
    h.from_episode_id = episode;
    h.from_org_code = fc;
    h.from_org_name = fn;
    h.from_org_path = fp;
    h.to_org_code = tc;
    h.to_org_name = tn;
    h.to_org_path = tp;
    h.release_date = Date::Parse(rd).value_or(Date());
    h.notify_due = Date::Parse(nd).value_or(Date());
    h.report_due = Date::Parse(pd).value_or(Date());
    h.status = status;
    h.acknowledged_at = OptionalText(aa);
    h.acknowledged_by = OptionalText(ab);
    h.reported_in_at = OptionalText(ri);
    h.agreement_at = OptionalText(ag);
    h.escalated_at = OptionalText(es);
    h.created_at = created;
    return h;
  }

 private:
  long long id = 0, person = 0, episode = 0;
  std::string alias, fc, fn, fp, tc, tn, tp, rd, nd, pd, status, aa, ab, ri, ag, es, created;
};

}  // namespace

std::optional<HandoverRow> ContinuumRepository::FindHandover(int64_t id,
                                                             const std::string& scope_path) {
  const long long hid = id;
  const std::string like = scope_path + "%";
  HandoverReader r;
  auto p = (sql_.prepare << std::string(kHandoverColumns) +
                                "WHERE h.id = :id AND (f.path LIKE :s1 OR t.path LIKE :s2)",
            soci::use(hid, "id"), soci::use(like, "s1"), soci::use(like, "s2"));
  r.Bind(p);
  soci::statement st(p);
  st.execute(true);
  if (!st.got_data()) return std::nullopt;
  return r.Row();
}

std::vector<HandoverRow> ContinuumRepository::Handovers(const std::string& scope_path,
                                                        const std::optional<std::string>& status,
                                                        std::optional<int64_t> person_id) {
  const std::string like = scope_path + "%";
  const std::string s = status.value_or("");
  const long long person = person_id.value_or(0);
  HandoverReader r;
  auto p = (sql_.prepare << std::string(kHandoverColumns) +
                                "WHERE (f.path LIKE :s1 OR t.path LIKE :s2) "
                                "AND (:st1 = '' OR h.status = :st2) "
                                "AND (:p1 = 0 OR h.person_id = :p2) "
                                "ORDER BY h.report_due, h.id",
            soci::use(like, "s1"), soci::use(like, "s2"), soci::use(s, "st1"), soci::use(s, "st2"),
            soci::use(person, "p1"), soci::use(person, "p2"));
  r.Bind(p);
  soci::statement st(p);
  st.execute();
  std::vector<HandoverRow> out;
  while (st.fetch()) out.push_back(r.Row());
  return out;
}

void ContinuumRepository::UpdateHandover(const HandoverRow& h) {
  const long long id = h.id;
  const std::string aa = h.acknowledged_at.value_or(""), ab = h.acknowledged_by.value_or(""),
                    ri = h.reported_in_at.value_or(""), ag = h.agreement_at.value_or(""),
                    es = h.escalated_at.value_or("");
  soci::indicator iaa = h.acknowledged_at ? soci::i_ok : soci::i_null;
  soci::indicator iab = h.acknowledged_by ? soci::i_ok : soci::i_null;
  soci::indicator iri = h.reported_in_at ? soci::i_ok : soci::i_null;
  soci::indicator iag = h.agreement_at ? soci::i_ok : soci::i_null;
  soci::indicator ies = h.escalated_at ? soci::i_ok : soci::i_null;
  sql_ << kUpdateHandover, soci::use(h.status, "s"), soci::use(aa, iaa, "aa"),
      soci::use(ab, iab, "ab"), soci::use(ri, iri, "ri"), soci::use(ag, iag, "ag"),
      soci::use(es, ies, "es"), soci::use(id, "id");
}

int64_t ContinuumRepository::OpenAlert(int64_t person_id, const std::string& kind, int64_t org_id,
                                       const std::string& evidence, const std::string& dedupe_key,
                                       Timestamp now, bool* opened) {
  long long existing = 0;
  sql_ << kFindOpenAlert, soci::use(dedupe_key), soci::into(existing);
  if (opened) *opened = !sql_.got_data();
  if (sql_.got_data()) return existing;
  const long long p = person_id, o = org_id;
  const std::string n = now.ToString();
  long long id = 0;
  sql_ << kInsertAlert, soci::use(p, "p"), soci::use(kind, "k"), soci::use(o, "o"),
      soci::use(n, "r"), soci::use(evidence, "e"), soci::use(dedupe_key, "dk"), soci::into(id);
  return id;
}

void ContinuumRepository::CloseAlert(const std::string& dedupe_key, Timestamp now) {
  const std::string n = now.ToString();
  sql_ << kCloseAlert, soci::use(n, "n"), soci::use(dedupe_key, "k");
}

void ContinuumRepository::CloseAlertById(int64_t id, Timestamp now) {
  const long long aid = id;
  const std::string n = now.ToString();
  sql_ << kCloseAlertById, soci::use(n, "n"), soci::use(aid, "id");
}

bool ContinuumRepository::HasOpenAlert(int64_t person_id, const std::string& kind) {
  const long long p = person_id;
  int count = 0;
  sql_ << "SELECT COUNT(*) FROM alerts WHERE person_id = :p AND kind = :k AND status = 'open'",
      soci::use(p, "p"), soci::use(kind, "k"), soci::into(count);
  return count > 0;
}

namespace {

class AlertReader {
 public:
  template <typename Prepared>
  void Bind(Prepared& p) {
    p, soci::into(id), soci::into(person), soci::into(alias), soci::into(kind), soci::into(code),
        soci::into(raised), soci::into(evidence), soci::into(status), soci::into(closed);
  }
  AlertRow Row() const {
    return {id, person, alias, kind, code, raised, evidence, status, OptionalText(closed)};
  }

 private:
  long long id = 0, person = 0;
  std::string alias, kind, code, raised, evidence, status, closed;
};

}  // namespace

std::optional<AlertRow> ContinuumRepository::FindAlert(int64_t id, const std::string& scope_path) {
  const long long aid = id;
  const std::string like = scope_path + "%";
  AlertReader r;
  auto p = (sql_.prepare << std::string(kAlertColumns) +
                                "WHERE a.id = :id AND (o.path LIKE :s1 OR h.path LIKE :s2)",
            soci::use(aid, "id"), soci::use(like, "s1"), soci::use(like, "s2"));
  r.Bind(p);
  soci::statement st(p);
  st.execute(true);
  if (!st.got_data()) return std::nullopt;
  return r.Row();
}

std::vector<AlertRow> ContinuumRepository::Alerts(const std::string& scope_path,
                                                  std::optional<int64_t> person_id,
                                                  const std::optional<std::string>& status,
                                                  const std::optional<std::string>& kind, int limit,
                                                  int offset, int64_t* total) {
  const std::string like = scope_path + "%";
  const long long person = person_id.value_or(0);
  const std::string st_text = status.value_or(""), kind_text = kind.value_or("");
  long long count = 0;
  sql_ << std::string(
              "SELECT COUNT(*) FROM alerts a JOIN persons p ON p.id = a.person_id "
              "JOIN org_units o ON o.id = a.org_unit_id "
              "JOIN org_units h ON h.id = p.home_org_id ") +
              kAlertFilter,
      soci::use(like, "s1"), soci::use(like, "s2"), soci::use(person, "p1"),
      soci::use(person, "p2"), soci::use(st_text, "st1"), soci::use(st_text, "st2"),
      soci::use(kind_text, "k1"), soci::use(kind_text, "k2"), soci::into(count);
  *total = count;
  AlertReader r;
  auto p = (sql_.prepare << std::string(kAlertColumns) + kAlertFilter +
                                "ORDER BY a.raised_at DESC, a.id DESC LIMIT :l OFFSET :off",
            soci::use(like, "s1"), soci::use(like, "s2"), soci::use(person, "p1"),
            soci::use(person, "p2"), soci::use(st_text, "st1"), soci::use(st_text, "st2"),
            soci::use(kind_text, "k1"), soci::use(kind_text, "k2"), soci::use(limit, "l"),
            soci::use(offset, "off"));
  r.Bind(p);
  soci::statement st(p);
  st.execute();
  std::vector<AlertRow> out;
  while (st.fetch()) out.push_back(r.Row());
  return out;
}

void ContinuumRepository::InsertRisk(int64_t person_id, const RiskResult& result,
                                     const std::string& reasons_json, int model_version,
                                     const std::string& trigger, Timestamp now) {
  const long long p = person_id;
  const std::string a = now.ToString();
  const std::string tier(NameOf(kRiskTierNames, result.tier));
  sql_ << kInsertRisk, soci::use(p, "p"), soci::use(a, "a"), soci::use(tier, "t"),
      soci::use(result.score, "s"), soci::use(reasons_json, "r"), soci::use(model_version, "m"),
      soci::use(trigger, "tr");
}

namespace {

std::vector<RiskRow> ReadRisk(soci::session& sql, const std::string& tail, long long person) {
  long long id = 0;
  RiskRow row;
  std::string tier;
  soci::statement st =
      (sql.prepare << std::string(kRiskColumns) + tail, soci::use(person), soci::into(id),
       soci::into(row.assessed_at), soci::into(tier), soci::into(row.score),
       soci::into(row.reasons), soci::into(row.model_version), soci::into(row.trigger));
  st.execute();
  std::vector<RiskRow> out;
  while (st.fetch()) {
    row.id = id;
    row.tier = ParseName(kRiskTierNames, tier).value_or(RiskTier::kLow);
    out.push_back(row);
  }
  return out;
}

}  // namespace

std::optional<RiskRow> ContinuumRepository::LatestRisk(int64_t person_id) {
  auto rows = ReadRisk(sql_, "ORDER BY id DESC LIMIT 1", person_id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<RiskRow> ContinuumRepository::RiskHistory(int64_t person_id) {
  return ReadRisk(sql_, "ORDER BY id DESC", person_id);
}

std::map<int64_t, RiskTier> ContinuumRepository::LatestTiers() {
  long long person = 0;
  std::string tier;
  soci::statement st = (sql_.prepare << kLatestTiers, soci::into(person), soci::into(tier));
  st.execute();
  std::map<int64_t, RiskTier> out;
  while (st.fetch()) out[person] = ParseName(kRiskTierNames, tier).value_or(RiskTier::kLow);
  return out;
}

PersonRiskAttributes ContinuumRepository::RiskAttributes(int64_t person_id) {
  const long long p = person_id;
  int first = -1, employed = -1, family = -1, psych = 0;
  sql_ << kRiskAttributes, soci::use(p), soci::into(first), soci::into(employed),
      soci::into(family), soci::into(psych);
  PersonRiskAttributes a;
  if (first >= 0) a.first_use_year = first;
  if (employed >= 0) a.employed = employed != 0;
  if (family >= 0) a.family_support = family != 0;
  a.psychiatric_history = psych != 0;
  return a;
}

void ContinuumRepository::SetRiskAttributes(int64_t person_id, const PersonRiskAttributes& a) {
  const long long p = person_id;
  const int first = a.first_use_year.value_or(0);
  const int employed = a.employed.value_or(false) ? 1 : 0;
  const int family = a.family_support.value_or(false) ? 1 : 0;
  const int psych = a.psychiatric_history ? 1 : 0;
  soci::indicator fi = a.first_use_year ? soci::i_ok : soci::i_null;
  soci::indicator ei = a.employed ? soci::i_ok : soci::i_null;
  soci::indicator si = a.family_support ? soci::i_ok : soci::i_null;
  sql_ << kSetRiskAttributes, soci::use(first, fi, "f"), soci::use(employed, ei, "e"),
      soci::use(family, si, "s"), soci::use(psych, "h"), soci::use(p, "p");
}

int ContinuumRepository::ClosedEpisodes(int64_t person_id) {
  const long long p = person_id;
  int count = 0;
  sql_ << kClosedEpisodes, soci::use(p), soci::into(count);
  return count;
}

std::vector<TestFact> ContinuumRepository::Tests(int64_t person_id) {
  const long long p = person_id;
  long long id = 0;
  std::string at, result;
  soci::statement st =
      (sql_.prepare << kTests, soci::use(p), soci::into(id), soci::into(at), soci::into(result));
  st.execute();
  std::vector<TestFact> out;
  while (st.fetch()) {
    auto ts = Timestamp::Parse(at);
    if (!ts) continue;
    out.push_back(
        {id, ts->LocalDate(), ParseName(kTestResultNames, result).value_or(TestResult::kInvalid)});
  }
  return out;
}

std::optional<Timestamp> ContinuumRepository::LastEvidenceOfUse(int64_t person_id) {
  const long long p = person_id;
  std::string at;
  sql_ << kLastUse, soci::use(p, "p1"), soci::use(p, "p2"), soci::into(at);
  return Timestamp::Parse(at);
}

std::map<int64_t, RiskInputs> ContinuumRepository::RiskInputsOf(int64_t first, int64_t last,
                                                                Date since) {
  const long long lo = first, hi = last;
  std::map<int64_t, RiskInputs> out;
  long long person = 0;
  {
    std::string substance, registration;
    int first_use = -1, employed = -1, family = -1, psych = 0;
    soci::statement st =
        (sql_.prepare << kRangeRiskPersons, soci::use(lo, "lo"), soci::use(hi, "hi"),
         soci::into(person), soci::into(substance), soci::into(registration), soci::into(first_use),
         soci::into(employed), soci::into(family), soci::into(psych));
    st.execute();
    while (st.fetch()) {
      RiskInputs& in = out[person];
      in.primary_substance = substance;
      in.registration_date = Date::Parse(registration).value_or(Date());
      if (first_use >= 0) in.attributes.first_use_year = first_use;
      if (employed >= 0) in.attributes.employed = employed != 0;
      if (family >= 0) in.attributes.family_support = family != 0;
      in.attributes.psychiatric_history = psych != 0;
    }
  }
  // The rows below belong to persons of the range; `find` keeps out any without a person row.
  const auto of = [&out](long long id) -> RiskInputs* {
    auto it = out.find(id);
    return it == out.end() ? nullptr : &it->second;
  };
  {
    int count = 0;
    soci::statement st = (sql_.prepare << kRangeClosedEpisodes, soci::use(lo, "lo"),
                          soci::use(hi, "hi"), soci::into(person), soci::into(count));
    st.execute();
    while (st.fetch()) {
      if (RiskInputs* in = of(person)) in->closed_episodes = count;
    }
  }
  {
    // Stored instants are UTC: a local date starts the evening before, so the SQL bound is a day
    // early and the exact cut is made on the local date.
    const std::string bound = since.AddDays(-1).ToString();
    long long id = 0;
    std::string at, result;
    soci::statement st = (sql_.prepare << kRangeRecentTests, soci::use(lo, "lo"),
                          soci::use(hi, "hi"), soci::use(bound, "since"), soci::into(person),
                          soci::into(id), soci::into(at), soci::into(result));
    st.execute();
    while (st.fetch()) {
      auto ts = Timestamp::Parse(at);
      RiskInputs* in = of(person);
      if (!ts || !in || ts->LocalDate() < since) continue;
      in->recent_tests.push_back(
          {id, ts->LocalDate(),
           ParseName(kTestResultNames, result).value_or(TestResult::kInvalid)});
    }
  }
  {
    std::string at;
    soci::statement st =
        (sql_.prepare << kRangeLastUse, soci::use(lo, "lo1"), soci::use(hi, "hi1"),
         soci::use(lo, "lo2"), soci::use(hi, "hi2"), soci::into(person), soci::into(at));
    st.execute();
    while (st.fetch()) {
      if (RiskInputs* in = of(person)) in->last_use = Timestamp::Parse(at);
    }
  }
  {
    std::string kind;
    soci::statement st = (sql_.prepare << kRangeOpenAlerts, soci::use(lo, "lo"),
                          soci::use(hi, "hi"), soci::into(person), soci::into(kind));
    st.execute();
    while (st.fetch()) {
      RiskInputs* in = of(person);
      if (!in) continue;
      if (kind == "serious_breach") in->serious_breach = true;
      if (kind == "lost_contact") in->lost_contact = true;
    }
  }
  {
    std::string tier;
    int score = 0;
    soci::statement st =
        (sql_.prepare << kRangeLatestRisk, soci::use(lo, "lo"), soci::use(hi, "hi"),
         soci::into(person), soci::into(tier), soci::into(score));
    st.execute();
    while (st.fetch()) {
      if (RiskInputs* in = of(person)) {
        in->latest =
            std::make_pair(ParseName(kRiskTierNames, tier).value_or(RiskTier::kLow), score);
      }
    }
  }
  return out;
}

int64_t ContinuumRepository::InsertRelapse(int64_t person_id, Timestamp at,
                                           const std::string& evidence, const std::string& source,
                                           std::optional<int64_t> drug_test_id,
                                           const std::string& recorded_by, int64_t org_id,
                                           Timestamp now) {
  const long long p = person_id, o = org_id, t = drug_test_id.value_or(0);
  soci::indicator ti = drug_test_id ? soci::i_ok : soci::i_null;
  const std::string a = at.ToString(), n = now.ToString();
  long long id = 0;
  sql_ << kInsertRelapse, soci::use(p, "p"), soci::use(a, "a"), soci::use(evidence, "e"),
      soci::use(source, "s"), soci::use(t, ti, "t"), soci::use(recorded_by, "by"),
      soci::use(o, "o"), soci::use(n, "n"), soci::into(id);
  return id;
}

std::vector<RelapseRow> ContinuumRepository::Relapses(int64_t person_id) {
  const long long p = person_id;
  long long id = 0, test = 0;
  RelapseRow r;
  soci::statement st = (sql_.prepare << kRelapses, soci::use(p), soci::into(id), soci::into(r.at),
                        soci::into(r.evidence), soci::into(r.source), soci::into(test),
                        soci::into(r.recorded_by), soci::into(r.org_code));
  st.execute();
  std::vector<RelapseRow> out;
  while (st.fetch()) {
    r.id = id;
    r.drug_test_id = test ? std::optional<int64_t>(test) : std::nullopt;
    out.push_back(r);
  }
  return out;
}

int64_t ContinuumRepository::InsertAbsence(int64_t person_id, const AbsenceFact& a,
                                           const std::string& note, const std::string& recorded_by,
                                           int64_t org_id, Timestamp now) {
  const long long p = person_id, o = org_id;
  const std::string f = a.from.ToString(), t = a.to.ToString(), n = now.ToString();
  const int auth = a.authorised ? 1 : 0;
  long long id = 0;
  sql_ << kInsertAbsence, soci::use(p, "p"), soci::use(f, "f"), soci::use(t, "t"),
      soci::use(auth, "a"), soci::use(note, "note"), soci::use(recorded_by, "by"),
      soci::use(o, "o"), soci::use(n, "n"), soci::into(id);
  return id;
}

std::vector<AbsenceRow> ContinuumRepository::Absences(int64_t person_id) {
  const long long p = person_id;
  long long id = 0;
  int auth = 0;
  std::string from, to;
  AbsenceRow r;
  soci::statement st =
      (sql_.prepare << kAbsences, soci::use(p), soci::into(id), soci::into(from), soci::into(to),
       soci::into(auth), soci::into(r.note), soci::into(r.recorded_by), soci::into(r.org_code));
  st.execute();
  std::vector<AbsenceRow> out;
  while (st.fetch()) {
    r.fact = {id, Date::Parse(from).value_or(Date()), Date::Parse(to).value_or(Date()), auth != 0};
    out.push_back(r);
  }
  return out;
}

std::optional<std::string> ContinuumRepository::Setting(const std::string& name) {
  std::string value;
  sql_ << kSetting, soci::use(name), soci::into(value);
  if (!sql_.got_data()) return std::nullopt;
  return value;
}

void ContinuumRepository::PutSetting(const std::string& name, const std::string& value,
                                     const std::string& by, Timestamp now) {
  const std::string n = now.ToString();
  sql_ << kDeleteSetting, soci::use(name);
  sql_ << kInsertSetting, soci::use(name, "n"), soci::use(value, "v"), soci::use(n, "a"),
      soci::use(by, "b");
}

EpisodeFacts EpisodeFactsOf(const EpisodeRow& e, const std::vector<ActionRow>& actions) {
  EpisodeFacts f;
  f.kind = e.kind;
  f.order_date = e.start_date;
  f.recommitted_after_refusing_rehab = e.recommitted_after_refusing_rehab;
  f.in_police_facility = e.in_police_facility;
  for (const auto& a : actions) f.actions.push_back(a.record);
  return f;
}

std::optional<Date> FirstAdmission(const std::vector<ActionRow>& actions) {
  for (const auto& a : actions) {
    if (a.record.action == EpisodeAction::kAdmit) return a.record.date;
  }
  return std::nullopt;
}

}  // namespace huigui::store
