#include "store/facility_repository.h"

namespace huigui::store {
namespace {

constexpr const char* kDelete = "DELETE FROM facility_profiles WHERE org_unit_id = :o";
constexpr const char* kInsert =
    "INSERT INTO facility_profiles (org_unit_id, kind, sexes, min_age, max_age, beds, "
    "medical_level, latitude, longitude, updated_at) "
    "VALUES (:o, :k, :s, :mi, :ma, :b, :m, :la, :lo, :n)";
constexpr const char* kFind =
    "SELECT kind, sexes, min_age, max_age, beds, medical_level, latitude, longitude "
    "FROM facility_profiles WHERE org_unit_id = :o";
constexpr const char* kOccupied =
    "SELECT COUNT(*) FROM episodes e WHERE e.org_unit_id = :o AND e.status = 'open' "
    "AND e.kind = 'compulsory_isolation' AND EXISTS (SELECT 1 FROM episode_actions a "
    "WHERE a.episode_id = e.id AND a.action = 'admit')";
constexpr const char* kActionsByMonth =
    "SELECT SUBSTR(a.effective_date, 1, 7), COUNT(*) FROM episode_actions a "
    "JOIN episodes e ON e.id = a.episode_id WHERE e.org_unit_id = :o AND a.action = :a "
    "AND a.effective_date >= :s GROUP BY SUBSTR(a.effective_date, 1, 7)";
constexpr const char* kExpected =
    "SELECT SUBSTR(e.planned_end_date, 1, 7), COUNT(*) FROM episodes e WHERE e.org_unit_id = :o "
    "AND e.status = 'open' AND e.kind = 'compulsory_isolation' AND e.planned_end_date <= :u "
    "GROUP BY SUBSTR(e.planned_end_date, 1, 7)";

}  // namespace

void FacilityRepository::Put(int64_t org_id, const FacilityProfile& p, Timestamp now) {
  const long long o = org_id;
  const std::string n = now.ToString();
  sql_ << kDelete, soci::use(o);
  sql_ << kInsert, soci::use(o, "o"), soci::use(p.kind, "k"), soci::use(p.sexes, "s"),
      soci::use(p.min_age, "mi"), soci::use(p.max_age, "ma"), soci::use(p.beds, "b"),
      soci::use(p.medical_level, "m"), soci::use(p.latitude, "la"), soci::use(p.longitude, "lo"),
      soci::use(n, "n");
}

std::optional<FacilityProfile> FacilityRepository::Find(int64_t org_id) {
  const long long o = org_id;
  FacilityProfile p;
  sql_ << kFind, soci::use(o), soci::into(p.kind), soci::into(p.sexes), soci::into(p.min_age),
      soci::into(p.max_age), soci::into(p.beds), soci::into(p.medical_level),
      soci::into(p.latitude), soci::into(p.longitude);
  if (!sql_.got_data()) return std::nullopt;
  return p;
}

int FacilityRepository::Occupied(int64_t org_id) {
  const long long o = org_id;
  int occupied = 0;
  sql_ << kOccupied, soci::use(o), soci::into(occupied);
  return occupied;
}

CapacityFacts FacilityRepository::Capacity(int64_t org_id, Date since, Date until) {
  const long long o = org_id;
  CapacityFacts f;
  f.occupied = Occupied(org_id);
  const std::string s = since.ToString(), u = until.ToString();
  std::string month;
  int count = 0;
  for (const auto& [action, target] :
       {std::pair<std::string, std::map<std::string, int>*>{"admit", &f.admissions},
        {"release", &f.releases}}) {
    soci::statement st =
        (sql_.prepare << kActionsByMonth, soci::use(o, "o"), soci::use(action, "a"),
         soci::use(s, "s"), soci::into(month), soci::into(count));
    st.execute();
    while (st.fetch()) (*target)[month] = count;
  }
  soci::statement st = (sql_.prepare << kExpected, soci::use(o, "o"), soci::use(u, "u"),
                        soci::into(month), soci::into(count));
  st.execute();
  while (st.fetch()) f.expected[month] = count;
  return f;
}

}  // namespace huigui::store
