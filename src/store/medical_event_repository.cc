#include "store/medical_event_repository.h"

#include <nlohmann/json.hpp>

namespace huigui::store {
namespace {

constexpr const char* kInsert =
    "INSERT INTO medical_events (episode_id, person_id, facility_id, hospital, emergency_plan, "
    "escorts, reason, started_on, returned_on, recorded_by, created_at) "
    "VALUES (:e, :p, :f, :h, :ep, :es, :r, :s, NULL, :by, :n) RETURNING id";
constexpr const char* kReturn = "UPDATE medical_events SET returned_on = :d WHERE id = :id";
constexpr const char* kList =
    "SELECT m.id, m.episode_id, m.person_id, p.alias, o.code, m.hospital, m.emergency_plan, "
    "m.escorts, m.reason, m.started_on, COALESCE(m.returned_on, ''), m.recorded_by "
    "FROM medical_events m JOIN org_units o ON o.id = m.facility_id "
    "JOIN persons p ON p.id = m.person_id "
    "WHERE o.path LIKE :s AND (:f1 = '' OR o.code = :f2) AND (:p1 = 0 OR m.person_id = :p2) "
    "ORDER BY m.started_on DESC, m.id DESC";

}  // namespace

int64_t MedicalEventRepository::Insert(const MedicalEventRow& m, int64_t facility_id,
                                       Timestamp now) {
  const long long e = m.episode_id, p = m.person_id, f = facility_id;
  const int plan = m.emergency_plan ? 1 : 0;
  const std::string escorts = nlohmann::json(m.escorts).dump();
  const std::string s = m.started_on.ToString(), n = now.ToString();
  long long id = 0;
  sql_ << kInsert, soci::use(e, "e"), soci::use(p, "p"), soci::use(f, "f"),
      soci::use(m.hospital, "h"), soci::use(plan, "ep"), soci::use(escorts, "es"),
      soci::use(m.reason, "r"), soci::use(s, "s"), soci::use(m.recorded_by, "by"),
      soci::use(n, "n"), soci::into(id);
  return id;
}

void MedicalEventRepository::SetReturned(int64_t id, Date returned_on) {
  const long long mid = id;
  const std::string d = returned_on.ToString();
  sql_ << kReturn, soci::use(d, "d"), soci::use(mid, "id");
}

std::vector<MedicalEventRow> MedicalEventRepository::List(
    const std::string& scope_path, const std::optional<std::string>& facility_code,
    std::optional<int64_t> person_id) {
  const std::string like = scope_path + "%", f = facility_code.value_or("");
  const long long person = person_id.value_or(0);
  long long id = 0, episode = 0, pid = 0;
  int plan = 0;
  std::string alias, code, hospital, escorts, reason, started, returned, by;
  soci::statement st =
      (sql_.prepare << kList, soci::use(like, "s"), soci::use(f, "f1"), soci::use(f, "f2"),
       soci::use(person, "p1"), soci::use(person, "p2"), soci::into(id), soci::into(episode),
       soci::into(pid), soci::into(alias), soci::into(code), soci::into(hospital), soci::into(plan),
       soci::into(escorts), soci::into(reason), soci::into(started), soci::into(returned),
       soci::into(by));
  st.execute();
  std::vector<MedicalEventRow> out;
  while (st.fetch()) {
    MedicalEventRow m;
    m.id = id;
    m.episode_id = episode;
    m.person_id = pid;
    m.alias = alias;
    m.facility_code = code;
    m.hospital = hospital;
    m.emergency_plan = plan != 0;
    const auto j = nlohmann::json::parse(escorts, nullptr, false);
    if (j.is_array()) m.escorts = j.get<std::vector<std::string>>();
    m.reason = reason;
    m.started_on = Date::Parse(started).value_or(Date());
    m.returned_on = Date::Parse(returned);
    m.recorded_by = by;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace huigui::store
