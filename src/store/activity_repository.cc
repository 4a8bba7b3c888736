#include "store/activity_repository.h"

namespace huigui::store {
namespace {

constexpr const char* kMeasures =
    "SELECT e.person_id, o.path FROM episodes e JOIN org_units o ON o.id = e.org_unit_id "
    "WHERE e.kind IN ('community_detox', 'community_rehab') AND o.path LIKE :s "
    "AND e.start_date <= :t AND (e.end_date IS NULL OR e.end_date >= :f)";
constexpr const char* kTested =
    "SELECT DISTINCT person_id FROM drug_tests WHERE result IN ('negative', 'positive') "
    "AND at >= :lo AND at < :hi";
constexpr const char* kLost =
    "SELECT DISTINCT person_id FROM alerts WHERE kind = 'lost_contact' "
    "AND raised_at >= :lo AND raised_at < :hi";
constexpr const char* kHandovers =
    "SELECT o.path, h.report_due, COALESCE(h.reported_in_at, '') FROM handovers h "
    "JOIN org_units o ON o.id = h.to_org_id WHERE o.path LIKE :s "
    "AND h.report_due >= :f AND h.report_due <= :t";
constexpr const char* kAftercare =
    "SELECT c.person_id, o.path, c.kind FROM contacts c JOIN org_units o ON o.id = c.org_unit_id "
    "WHERE o.kind = 'aftercare_station' AND o.path LIKE :s AND c.at >= :lo AND c.at < :hi";
constexpr const char* kActions =
    "SELECT o.path, a.action FROM episode_actions a JOIN episodes e ON e.id = a.episode_id "
    "JOIN org_units o ON o.id = e.org_unit_id WHERE e.kind = 'compulsory_isolation' "
    "AND a.action IN ('admit', 'release') AND o.path LIKE :s "
    "AND a.effective_date >= :f AND a.effective_date <= :t";
constexpr const char* kChildren =
    "SELECT c.code, c.name, c.path FROM org_units c JOIN org_units p ON p.id = c.parent_id "
    "WHERE p.path = :p ORDER BY c.code";

// The UTC instant local day `d` starts at.
std::string DayStart(Date d) { return d.AddDays(-1).ToString() + "T16:00:00Z"; }

struct Bounds {
  std::string like, from, to, lo, hi;
  explicit Bounds(const ActivityQuery& q)
      : like(q.scope_path + "%"),
        from(q.from.ToString()),
        to(q.to.ToString()),
        lo(DayStart(q.from)),
        hi(DayStart(q.to.AddDays(1))) {}
};

std::vector<int64_t> Ids(soci::session& sql, const char* query, const Bounds& b) {
  std::vector<int64_t> out;
  long long id = 0;
  soci::statement st =
      (sql.prepare << query, soci::use(b.lo, "lo"), soci::use(b.hi, "hi"), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

}  // namespace

std::vector<PersonAt> ActivityRepository::UnderCommunityMeasures(const ActivityQuery& q) {
  const Bounds b(q);
  std::vector<PersonAt> out;
  long long person = 0;
  std::string path;
  soci::statement st = (sql_.prepare << kMeasures, soci::use(b.like, "s"), soci::use(b.to, "t"),
                        soci::use(b.from, "f"), soci::into(person), soci::into(path));
  st.execute();
  while (st.fetch()) out.push_back({person, path});
  return out;
}

std::vector<int64_t> ActivityRepository::PersonsTested(const ActivityQuery& q) {
  return Ids(sql_, kTested, Bounds(q));
}

std::vector<int64_t> ActivityRepository::PersonsLostContact(const ActivityQuery& q) {
  return Ids(sql_, kLost, Bounds(q));
}

std::vector<HandoverFact> ActivityRepository::HandoversDue(const ActivityQuery& q) {
  const Bounds b(q);
  std::vector<HandoverFact> out;
  std::string path, due, reported;
  soci::statement st =
      (sql_.prepare << kHandovers, soci::use(b.like, "s"), soci::use(b.from, "f"),
       soci::use(b.to, "t"), soci::into(path), soci::into(due), soci::into(reported));
  st.execute();
  while (st.fetch()) {
    HandoverFact h{path, *Date::Parse(due), std::nullopt};
    if (!reported.empty()) h.reported_in = Timestamp::Parse(reported);
    out.push_back(std::move(h));
  }
  return out;
}

std::vector<ContactFact> ActivityRepository::AftercareContacts(const ActivityQuery& q) {
  const Bounds b(q);
  std::vector<ContactFact> out;
  long long person = 0;
  std::string path, kind;
  soci::statement st =
      (sql_.prepare << kAftercare, soci::use(b.like, "s"), soci::use(b.lo, "lo"),
       soci::use(b.hi, "hi"), soci::into(person), soci::into(path), soci::into(kind));
  st.execute();
  while (st.fetch()) out.push_back({person, path, kind});
  return out;
}

std::vector<ActionFact> ActivityRepository::AdmissionsAndReleases(const ActivityQuery& q) {
  const Bounds b(q);
  std::vector<ActionFact> out;
  std::string path, action;
  soci::statement st = (sql_.prepare << kActions, soci::use(b.like, "s"), soci::use(b.from, "f"),
                        soci::use(b.to, "t"), soci::into(path), soci::into(action));
  st.execute();
  while (st.fetch()) out.push_back({path, action});
  return out;
}

std::vector<ChildUnit> ActivityRepository::Children(const std::string& path) {
  std::vector<ChildUnit> out;
  std::string code, name, child_path;
  soci::statement st = (sql_.prepare << kChildren, soci::use(path, "p"), soci::into(code),
                        soci::into(name), soci::into(child_path));
  st.execute();
  while (st.fetch()) out.push_back({code, name, child_path});
  return out;
}

}  // namespace huigui::store
