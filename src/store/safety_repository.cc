#include "store/safety_repository.h"

namespace huigui::store {
namespace {

constexpr const char* kInsert =
    "INSERT INTO safety_incidents (facility_id, category, occurred_on, description, follow_up, "
    "person_id, episode_action_id, recorded_by, created_at) "
    "VALUES (:f, :c, :d, :desc, :fu, :p, :a, :by, :n) RETURNING id";
constexpr const char* kList =
    "SELECT i.id, o.code, o.name, i.category, i.occurred_on, i.description, i.follow_up, "
    "COALESCE(i.person_id, 0), COALESCE(i.episode_action_id, 0), i.recorded_by "
    "FROM safety_incidents i JOIN org_units o ON o.id = i.facility_id "
    "WHERE o.path LIKE :s AND (:f1 = '' OR o.code = :f2) AND (:c1 = '' OR i.category = :c2) "
    "ORDER BY i.occurred_on DESC, i.id DESC";
constexpr const char* kLatestAbscond =
    "SELECT COALESCE(MAX(a.id), 0) FROM episode_actions a JOIN episodes e ON e.id = a.episode_id "
    "WHERE e.person_id = :p AND e.org_unit_id = :f AND a.action = 'abscond'";

}  // namespace

int64_t SafetyRepository::Insert(int64_t facility_id, const IncidentRow& i, Timestamp now) {
  const long long f = facility_id, p = i.person_id.value_or(0), a = i.episode_action_id.value_or(0);
  soci::indicator pi = i.person_id ? soci::i_ok : soci::i_null;
  soci::indicator ai = i.episode_action_id ? soci::i_ok : soci::i_null;
  const std::string c(NameOf(kSafetyCategoryNames, i.category));
  const std::string d = i.occurred_on.ToString(), n = now.ToString();
  long long id = 0;
  sql_ << kInsert, soci::use(f, "f"), soci::use(c, "c"), soci::use(d, "d"),
      soci::use(i.description, "desc"), soci::use(i.follow_up, "fu"), soci::use(p, pi, "p"),
      soci::use(a, ai, "a"), soci::use(i.recorded_by, "by"), soci::use(n, "n"), soci::into(id);
  return id;
}

std::vector<IncidentRow> SafetyRepository::List(const std::string& scope_path,
                                                const std::optional<std::string>& facility_code,
                                                const std::optional<SafetyCategory>& category) {
  const std::string like = scope_path + "%";
  const std::string f = facility_code.value_or("");
  const std::string c = category ? std::string(NameOf(kSafetyCategoryNames, *category)) : "";
  IncidentRow r;
  long long id = 0, person = 0, action = 0;
  std::string cat, date;
  soci::statement st =
      (sql_.prepare << kList, soci::use(like, "s"), soci::use(f, "f1"), soci::use(f, "f2"),
       soci::use(c, "c1"), soci::use(c, "c2"), soci::into(id), soci::into(r.facility_code),
       soci::into(r.facility_name), soci::into(cat), soci::into(date), soci::into(r.description),
       soci::into(r.follow_up), soci::into(person), soci::into(action), soci::into(r.recorded_by));
  st.execute();
  std::vector<IncidentRow> out;
  while (st.fetch()) {
    r.id = id;
    r.category = ParseName(kSafetyCategoryNames, cat).value_or(SafetyCategory::kDrugsEntering);
    r.occurred_on = Date::Parse(date).value_or(Date());
    r.person_id = person ? std::optional<int64_t>(person) : std::nullopt;
    r.episode_action_id = action ? std::optional<int64_t>(action) : std::nullopt;
    out.push_back(r);
  }
  return out;
}

std::optional<int64_t> SafetyRepository::LatestAbscond(int64_t person_id, int64_t facility_id) {
  const long long p = person_id, f = facility_id;
  long long id = 0;
  sql_ << kLatestAbscond, soci::use(p, "p"), soci::use(f, "f"), soci::into(id);
  return id ? std::optional<int64_t>(id) : std::nullopt;
}

}  // namespace huigui::store
