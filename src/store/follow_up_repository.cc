#include "store/follow_up_repository.h"

namespace huigui::store {
namespace {

constexpr const char* kInsert =
    "INSERT INTO follow_ups (person_id, release_episode_id, at, on_date, method, result, "
    "evidence, relapse_id, recorded_by, org_unit_id, created_at) "
    "VALUES (:p, :e, :at, :d, :m, :r, :ev, :rel, :by, :org, :n) RETURNING id";
constexpr const char* kOfPerson =
    "SELECT f.id, f.person_id, f.release_episode_id, f.at, f.method, f.result, f.evidence, "
    "COALESCE(f.relapse_id, 0), f.recorded_by, o.code FROM follow_ups f "
    "JOIN org_units o ON o.id = f.org_unit_id WHERE f.person_id = :p "
    "ORDER BY f.at DESC, f.id DESC";
// The follow-ups of a release, and every relapse of its person recorded on or after the release
// day (whatever its source) as a relapsed fact: a relapse ends the schedule. A relapse's date is
// the date part of its timestamp.
constexpr const char* kFacts =
    "SELECT on_date, result FROM follow_ups WHERE release_episode_id = :e "
    "UNION ALL SELECT SUBSTR(r.at, 1, 10), 'relapsed' FROM relapses r "
    "JOIN episodes e ON e.person_id = r.person_id WHERE e.id = :e2 AND r.at >= e.end_date "
    "ORDER BY 1";
// A release is the end of a compulsory isolation episode as released or released early; it is
// followed up while no isolation started after it and no later episode ended in death,
// imprisonment or leaving the country.
constexpr const char* kReleaseColumns =
    "SELECT e.id, e.person_id, e.end_date, f.code, f.name, p.alias, h.code, h.name "
    "FROM episodes e JOIN org_units f ON f.id = e.org_unit_id "
    "JOIN persons p ON p.id = e.person_id JOIN org_units h ON h.id = p.home_org_id "
    "WHERE e.kind = 'compulsory_isolation' AND e.status = 'closed' "
    "AND e.end_reason IN ('released', 'early_release') AND e.end_date IS NOT NULL "
    "AND NOT EXISTS (SELECT 1 FROM episodes n WHERE n.person_id = e.person_id AND n.id <> e.id "
    "AND ((n.kind = 'compulsory_isolation' AND n.start_date >= e.end_date) "
    "OR (n.end_date >= e.end_date AND n.end_reason IN ('death', 'imprisonment', "
    "'left_country')))) ";

ReleaseRow ReadRelease(long long id, long long person, const std::string& end, std::string facility,
                       std::string facility_name, std::string alias, std::string home,
                       std::string home_name) {
  return {id,
          person,
          *Date::Parse(end),
          std::move(facility),
          std::move(facility_name),
          std::move(alias),
          std::move(home),
          std::move(home_name)};
}

}  // namespace

int64_t FollowUpRepository::Insert(const FollowUpRow& row, int64_t org_id, Timestamp now) {
  const long long p = row.person_id, e = row.release_episode_id, org = org_id;
  const long long rel = row.relapse_id.value_or(0);
  soci::indicator rel_ind = row.relapse_id ? soci::i_ok : soci::i_null;
  const std::string at = row.at.ToString(), d = row.date.ToString(), n = now.ToString();
  const std::string m(NameOf(kFollowUpMethodNames, row.method));
  const std::string r(NameOf(kFollowUpResultNames, row.result));
  long long id = 0;
  sql_ << kInsert, soci::use(p, "p"), soci::use(e, "e"), soci::use(at, "at"), soci::use(d, "d"),
      soci::use(m, "m"), soci::use(r, "r"), soci::use(row.evidence, "ev"),
      soci::use(rel, rel_ind, "rel"), soci::use(row.recorded_by, "by"), soci::use(org, "org"),
      soci::use(n, "n"), soci::into(id);
  return id;
}

std::vector<FollowUpRow> FollowUpRepository::OfPerson(int64_t person_id) {
  std::vector<FollowUpRow> out;
  const long long wanted = person_id;
  long long id = 0, person = 0, episode = 0, relapse = 0;
  std::string at, method, result, evidence, by, code;
  soci::statement st =
      (sql_.prepare << kOfPerson, soci::use(wanted, "p"), soci::into(id), soci::into(person),
       soci::into(episode), soci::into(at), soci::into(method), soci::into(result),
       soci::into(evidence), soci::into(relapse), soci::into(by), soci::into(code));
  st.execute();
  while (st.fetch()) {
    FollowUpRow row;
    row.id = id;
    row.person_id = person;
    row.release_episode_id = episode;
    row.at = *Timestamp::Parse(at);
    row.date = row.at.LocalDate();
    row.method = ParseName(kFollowUpMethodNames, method).value_or(FollowUpMethod::kPhone);
    row.result = ParseName(kFollowUpResultNames, result).value_or(FollowUpResult::kAbstinent);
    row.evidence = evidence;
    if (relapse != 0) row.relapse_id = relapse;
    row.recorded_by = by;
    row.org_code = code;
    out.push_back(std::move(row));
  }
  return out;
}

std::map<int64_t, std::vector<FollowUpFact>> FollowUpRepository::FactsOfReleases(
    const std::vector<int64_t>& ids) {
  std::map<int64_t, std::vector<FollowUpFact>> out;
  long long wanted = 0;
  std::string date, result;
  soci::statement st = (sql_.prepare << kFacts, soci::use(wanted, "e"), soci::use(wanted, "e2"),
                        soci::into(date), soci::into(result));
  for (int64_t e : ids) {
    wanted = e;
    auto& facts = out[e];
    st.execute();
    while (st.fetch()) {
      facts.push_back(
          {*Date::Parse(date),
           ParseName(kFollowUpResultNames, result).value_or(FollowUpResult::kAbstinent)});
    }
  }
  return out;
}

std::optional<ReleaseRow> FollowUpRepository::LatestRelease(int64_t person_id) {
  const long long wanted = person_id;
  long long id = 0, person = 0;
  std::string end, facility, facility_name, alias, home, home_name;
  soci::statement st =
      (sql_.prepare << std::string(kReleaseColumns) +
                           "AND e.person_id = :p ORDER BY e.end_date DESC, e.id DESC",
       soci::use(wanted, "p"), soci::into(id), soci::into(person), soci::into(end),
       soci::into(facility), soci::into(facility_name), soci::into(alias), soci::into(home),
       soci::into(home_name));
  st.execute();
  if (!st.fetch()) return std::nullopt;
  return ReadRelease(id, person, end, facility, facility_name, alias, home, home_name);
}

std::vector<ReleaseRow> FollowUpRepository::Releases(const std::string& scope_path, Date since) {
  std::vector<ReleaseRow> out;
  const std::string like = scope_path + "%", from = since.ToString();
  long long id = 0, person = 0;
  std::string end, facility, facility_name, alias, home, home_name;
  soci::statement st =
      (sql_.prepare << std::string(kReleaseColumns) +
                           "AND h.path LIKE :s AND e.end_date >= :since "
                           "ORDER BY e.person_id, e.end_date DESC, e.id DESC",
       soci::use(like, "s"), soci::use(from, "since"), soci::into(id), soci::into(person),
       soci::into(end), soci::into(facility), soci::into(facility_name), soci::into(alias),
       soci::into(home), soci::into(home_name));
  st.execute();
  int64_t last_person = 0;
  while (st.fetch()) {
    if (person == last_person) continue;  // an earlier release of the same person
    last_person = person;
    out.push_back(ReadRelease(id, person, end, facility, facility_name, alias, home, home_name));
  }
  return out;
}

}  // namespace huigui::store
