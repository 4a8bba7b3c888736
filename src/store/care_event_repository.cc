#include "store/care_event_repository.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "store/person_repository.h"

namespace huigui::store {
namespace {

constexpr const char* kInsertEpisode =
    "INSERT INTO episodes (person_id, kind, org_unit_id, start_date, planned_end_date, end_date, "
    "status, decision_number, recorded_by, created_at) VALUES (:p, :k, :o, :s, :pe, NULL, 'open', "
    ":d, :r, :n) RETURNING id";
constexpr const char* kInsertOwner =
    "INSERT INTO episode_owners (episode_id, person_id, org_unit_id, from_date, to_date, reason) "
    "VALUES (:e, :p, :o, :f, NULL, :r)";
constexpr const char* kListEpisodes =
    "SELECT e.id, e.kind, o.code, o.name, e.start_date, COALESCE(e.planned_end_date, ''), "
    "COALESCE(e.end_date, ''), e.status, e.decision_number FROM episodes e "
    "JOIN org_units o ON o.id = e.org_unit_id WHERE e.person_id = :p "
    "ORDER BY e.start_date DESC, e.id DESC";
constexpr const char* kCountOpenKind =
    "SELECT COUNT(*) FROM episodes WHERE person_id = :p AND kind = :k AND status = 'open'";
constexpr const char* kInsertContact =
    "INSERT INTO contacts (person_id, kind, at, note, recorded_by, org_unit_id, created_at) "
    "VALUES (:p, :k, :a, :note, :r, :o, :n) RETURNING id";
constexpr const char* kListContacts =
    "SELECT c.id, c.kind, c.at, c.note, c.recorded_by, o.code FROM contacts c "
    "JOIN org_units o ON o.id = c.org_unit_id WHERE c.person_id = :p "
    "ORDER BY c.at DESC, c.id DESC LIMIT :l OFFSET :off";
constexpr const char* kContactCountsOfPerson =
    "SELECT kind, COUNT(*) FROM contacts WHERE person_id = :p GROUP BY kind ORDER BY kind";
constexpr const char* kContactCountsInSubtree =
    "SELECT c.kind, COUNT(*) FROM contacts c JOIN org_units o ON o.id = c.org_unit_id "
    "WHERE o.path LIKE :s AND c.at >= :f GROUP BY c.kind ORDER BY c.kind";
constexpr const char* kContactPersonsInSubtree =
    "SELECT COUNT(DISTINCT c.person_id) FROM contacts c JOIN org_units o ON o.id = c.org_unit_id "
    "WHERE o.path LIKE :s AND c.at >= :f";
constexpr const char* kInsertTest =
    "INSERT INTO drug_tests (person_id, sample, result, at, substances, recorded_by, org_unit_id, "
    "created_at) VALUES (:p, :s, :res, :a, :subs, :r, :o, :n) RETURNING id";
constexpr const char* kListTests =
    "SELECT t.id, t.sample, t.result, t.at, t.substances, t.recorded_by, o.code FROM drug_tests t "
    "JOIN org_units o ON o.id = t.org_unit_id WHERE t.person_id = :p "
    "ORDER BY t.at DESC, t.id DESC LIMIT :l OFFSET :off";
// One statement for the whole timeline, so the newest-first order and the limit are the
// database's work.
constexpr const char* kTimeline =
    "SELECT type, at, id, kind, summary, org_code, recorded_by FROM ("
    " SELECT 'contact' AS type, c.at AS at, c.id AS id, c.kind AS kind, c.note AS summary,"
    "  o.code AS org_code, c.recorded_by AS recorded_by FROM contacts c"
    "  JOIN org_units o ON o.id = c.org_unit_id WHERE c.person_id = :p1"
    " UNION ALL SELECT 'drug_test', t.at, t.id, t.sample, t.result || ' ' || t.substances, o.code,"
    "  t.recorded_by FROM drug_tests t JOIN org_units o ON o.id = t.org_unit_id"
    "  WHERE t.person_id = :p2"
    " UNION ALL SELECT 'episode_start', e.start_date, e.id, e.kind, e.decision_number, o.code,"
    "  e.recorded_by FROM episodes e JOIN org_units o ON o.id = e.org_unit_id"
    "  WHERE e.person_id = :p3"
    " UNION ALL SELECT 'episode_end', e.end_date, e.id, e.kind, '', o.code, e.recorded_by"
    "  FROM episodes e JOIN org_units o ON o.id = e.org_unit_id"
    "  WHERE e.person_id = :p4 AND e.end_date IS NOT NULL"
    " UNION ALL SELECT 'external_treatment', m.started_on, m.id, 'hospital', m.hospital, o.code,"
    "  m.recorded_by FROM medical_events m JOIN org_units o ON o.id = m.facility_id"
    "  WHERE m.person_id = :p6"
    " UNION ALL SELECT 'placement', x.effective_date, x.id, x.zone,"
    "  CASE WHEN x.reason = '' THEN u.name ELSE u.name || ': ' || x.reason END, o.code,"
    "  x.recorded_by FROM placements x JOIN facility_units u ON u.id = x.unit_id"
    "  JOIN org_units o ON o.id = u.facility_id WHERE x.person_id = :p7"
    " UNION ALL SELECT 'registration', p.registration_date, p.id, '', p.primary_substance, h.code,"
    "  '' FROM persons p JOIN org_units h ON h.id = p.home_org_id WHERE p.id = :p5"
    ") x ORDER BY at DESC, id DESC LIMIT :l";
// Latest contact and latest taken test per open episode of every in-scope person. Timestamps
// are UTC text; the schedule works in local dates, converted in C++.
constexpr const char* kWorklist =
    "SELECT p.id, p.alias, h.code, h.name, e.kind, e.start_date,"
    " COALESCE((SELECT MAX(c.at) FROM contacts c WHERE c.person_id = p.id), ''),"
    " COALESCE((SELECT MAX(t.at) FROM drug_tests t WHERE t.person_id = p.id"
    "   AND t.result IN ('negative', 'positive')), '')"
    " FROM episodes e JOIN persons p ON p.id = e.person_id"
    " JOIN org_units h ON h.id = p.home_org_id JOIN org_units eo ON eo.id = e.org_unit_id"
    " WHERE e.status = 'open' AND (h.path LIKE :scope_a OR eo.path LIKE :scope_b)";

constexpr const char* kLastContactAndTest =
    "SELECT COALESCE((SELECT MAX(c.at) FROM contacts c WHERE c.person_id = :p1), ''),"
    " COALESCE((SELECT MAX(t.at) FROM drug_tests t WHERE t.person_id = :p2"
    "   AND t.result IN ('negative', 'positive')), '')";

std::optional<Date> LocalDateOf(const std::string& ts) {
  if (ts.empty()) return std::nullopt;
  auto t = Timestamp::Parse(ts);
  if (!t) return std::nullopt;
  return t->LocalDate();
}

}  // namespace

int64_t CareEventRepository::InsertEpisode(const Episode& e, int64_t org_id,
                                           const std::string& recorded_by, Timestamp now) {
  const long long p = e.person_id, o = org_id;
  const std::string kind(NameOf(kEpisodeKindNames, e.kind));
  const std::string start = e.start_date.ToString();
  const std::string planned = e.planned_end_date ? e.planned_end_date->ToString() : "";
  soci::indicator pind = e.planned_end_date ? soci::i_ok : soci::i_null;
  const std::string n = now.ToString();
  long long id = 0;
  sql_ << kInsertEpisode, soci::use(p, "p"), soci::use(kind, "k"), soci::use(o, "o"),
      soci::use(start, "s"), soci::use(planned, pind, "pe"), soci::use(e.decision_number, "d"),
      soci::use(recorded_by, "r"), soci::use(n, "n"), soci::into(id);
  // Every episode starts its ownership history with its first owner.
  const std::string reason = "opened";
  sql_ << kInsertOwner, soci::use(id, "e"), soci::use(p, "p"), soci::use(o, "o"),
      soci::use(start, "f"), soci::use(reason, "r");
  return id;
}

std::vector<EpisodeRecord> CareEventRepository::ListEpisodes(int64_t person_id) {
  const long long p = person_id;
  long long id = 0;
  std::string kind, code, name, start, planned, end, status, decision;
  soci::statement st =
      (sql_.prepare << kListEpisodes, soci::use(p), soci::into(id), soci::into(kind),
       soci::into(code), soci::into(name), soci::into(start), soci::into(planned), soci::into(end),
       soci::into(status), soci::into(decision));
  st.execute();
  std::vector<EpisodeRecord> out;
  while (st.fetch()) {
    EpisodeRecord r;
    r.episode.id = id;
    r.episode.person_id = person_id;
    r.episode.kind = ParseName(kEpisodeKindNames, kind).value_or(EpisodeKind::kVoluntary);
    r.episode.org_code = code;
    r.episode.start_date = Date::Parse(start).value_or(Date());
    r.episode.planned_end_date = Date::Parse(planned);
    r.episode.end_date = Date::Parse(end);
    r.episode.status = ParseName(kEpisodeStatusNames, status).value_or(EpisodeStatus::kClosed);
    r.episode.decision_number = decision;
    r.org_name = name;
    out.push_back(std::move(r));
  }
  return out;
}

bool CareEventRepository::HasOpenEpisodeOfKind(int64_t person_id, EpisodeKind kind) {
  const long long p = person_id;
  const std::string k(NameOf(kEpisodeKindNames, kind));
  int count = 0;
  sql_ << kCountOpenKind, soci::use(p, "p"), soci::use(k, "k"), soci::into(count);
  return count > 0;
}

int64_t CareEventRepository::InsertContact(const Contact& c, int64_t org_id, Timestamp now) {
  const long long p = c.person_id, o = org_id;
  const std::string kind(NameOf(kContactKindNames, c.kind));
  const std::string at = c.at.ToString(), n = now.ToString();
  long long id = 0;
  sql_ << kInsertContact, soci::use(p, "p"), soci::use(kind, "k"), soci::use(at, "a"),
      soci::use(c.note, "note"), soci::use(c.recorded_by, "r"), soci::use(o, "o"),
      soci::use(n, "n"), soci::into(id);
  return id;
}

std::vector<Contact> CareEventRepository::ListContacts(int64_t person_id, int limit, int offset,
                                                       int64_t* total) {
  const long long p = person_id;
  long long count = 0;
  sql_ << "SELECT COUNT(*) FROM contacts WHERE person_id = :p", soci::use(p), soci::into(count);
  *total = count;
  long long id = 0;
  std::string kind, at, note, by, code;
  soci::statement st = (sql_.prepare << kListContacts, soci::use(p, "p"), soci::use(limit, "l"),
                        soci::use(offset, "off"), soci::into(id), soci::into(kind), soci::into(at),
                        soci::into(note), soci::into(by), soci::into(code));
  st.execute();
  std::vector<Contact> out;
  while (st.fetch()) {
    Contact c;
    c.id = id;
    c.person_id = person_id;
    c.kind = ParseName(kContactKindNames, kind).value_or(ContactKind::kPhone);
    c.at = Timestamp::Parse(at).value_or(Timestamp());
    c.note = note;
    c.recorded_by = by;
    c.org_code = code;
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::pair<std::string, int64_t>> CareEventRepository::ContactCountsOfPerson(
    int64_t person_id) {
  const long long p = person_id;
  std::string kind;
  long long n = 0;
  soci::statement st =
      (sql_.prepare << kContactCountsOfPerson, soci::use(p), soci::into(kind), soci::into(n));
  st.execute();
  std::vector<std::pair<std::string, int64_t>> out;
  while (st.fetch()) out.emplace_back(kind, n);
  return out;
}

std::vector<std::pair<std::string, int64_t>> CareEventRepository::ContactCountsInSubtree(
    const std::string& path, const std::string& from, int64_t* persons) {
  const std::string like = path + "%";
  long long distinct = 0;
  sql_ << kContactPersonsInSubtree, soci::use(like, "s"), soci::use(from, "f"),
      soci::into(distinct);
  *persons = distinct;
  std::string kind;
  long long n = 0;
  soci::statement st = (sql_.prepare << kContactCountsInSubtree, soci::use(like, "s"),
                        soci::use(from, "f"), soci::into(kind), soci::into(n));
  st.execute();
  std::vector<std::pair<std::string, int64_t>> out;
  while (st.fetch()) out.emplace_back(kind, n);
  return out;
}

int64_t CareEventRepository::InsertDrugTest(const DrugTest& t, int64_t org_id, Timestamp now) {
  const long long p = t.person_id, o = org_id;
  const std::string sample(NameOf(kSampleNames, t.sample));
  const std::string result(NameOf(kTestResultNames, t.result));
  const std::string at = t.at.ToString(), n = now.ToString();
  const std::string subs = nlohmann::json(t.substances).dump();
  long long id = 0;
  sql_ << kInsertTest, soci::use(p, "p"), soci::use(sample, "s"), soci::use(result, "res"),
      soci::use(at, "a"), soci::use(subs, "subs"), soci::use(t.recorded_by, "r"), soci::use(o, "o"),
      soci::use(n, "n"), soci::into(id);
  return id;
}

std::vector<DrugTest> CareEventRepository::ListDrugTests(int64_t person_id, int limit, int offset,
                                                         int64_t* total) {
  const long long p = person_id;
  long long count = 0;
  sql_ << "SELECT COUNT(*) FROM drug_tests WHERE person_id = :p", soci::use(p), soci::into(count);
  *total = count;
  long long id = 0;
  std::string sample, result, at, subs, by, code;
  soci::statement st =
      (sql_.prepare << kListTests, soci::use(p, "p"), soci::use(limit, "l"),
       soci::use(offset, "off"), soci::into(id), soci::into(sample), soci::into(result),
       soci::into(at), soci::into(subs), soci::into(by), soci::into(code));
  st.execute();
  std::vector<DrugTest> out;
  while (st.fetch()) {
    DrugTest t;
    t.id = id;
    t.person_id = person_id;
    t.sample = ParseName(kSampleNames, sample).value_or(Sample::kUrine);
    t.result = ParseName(kTestResultNames, result).value_or(TestResult::kInvalid);
    t.at = Timestamp::Parse(at).value_or(Timestamp());
    t.substances = nlohmann::json::parse(subs, nullptr, false).get<std::vector<std::string>>();
    t.recorded_by = by;
    t.org_code = code;
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<TimelineRow> CareEventRepository::Timeline(int64_t person_id, int limit) {
  const long long p = person_id;
  TimelineRow r;
  long long id = 0;
  soci::statement st = (sql_.prepare << kTimeline, soci::use(p, "p1"), soci::use(p, "p2"),
                        soci::use(p, "p3"), soci::use(p, "p4"), soci::use(p, "p5"),
                        soci::use(p, "p6"), soci::use(p, "p7"), soci::use(limit, "l"),
                        soci::into(r.type), soci::into(r.at), soci::into(id), soci::into(r.kind),
                        soci::into(r.summary), soci::into(r.org_code), soci::into(r.recorded_by));
  st.execute();
  std::vector<TimelineRow> out;
  while (st.fetch()) {
    r.id = id;
    out.push_back(r);
  }
  return out;
}

std::vector<WorklistRow> CareEventRepository::WorklistInputs(const std::string& scope_path) {
  const std::string like = scope_path + "%";
  long long id = 0;
  std::string alias, code, name, kind, start, last_contact, last_test;
  soci::statement st =
      (sql_.prepare << kWorklist, soci::use(like, "scope_a"), soci::use(like, "scope_b"),
       soci::into(id), soci::into(alias), soci::into(code), soci::into(name), soci::into(kind),
       soci::into(start), soci::into(last_contact), soci::into(last_test));
  st.execute();
  std::vector<WorklistRow> out;
  while (st.fetch()) {
    auto k = ParseName(kEpisodeKindNames, kind);
    auto s = Date::Parse(start);
    if (!k || !s) continue;
    WorklistRow w;
    w.person_id = id;
    w.alias = alias;
    w.home_code = code;
    w.home_name = name;
    w.kind = *k;
    w.episode_start = *s;
    w.last_contact = LocalDateOf(last_contact);
    w.last_test = LocalDateOf(last_test);
    out.push_back(std::move(w));
  }
  return out;
}

std::pair<std::optional<Date>, std::optional<Date>> CareEventRepository::LastContactAndTest(
    int64_t person_id) {
  const long long p = person_id;
  std::string contact, test;
  sql_ << kLastContactAndTest, soci::use(p, "p1"), soci::use(p, "p2"), soci::into(contact),
      soci::into(test);
  return {LocalDateOf(contact), LocalDateOf(test)};
}

}  // namespace huigui::store
