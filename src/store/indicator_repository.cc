#include "store/indicator_repository.h"

namespace huigui::store {
namespace {

// The cohort: FROM and WHERE shared by every query (parameters :s1, :s2, :from, :to).
constexpr const char* kCohort =
    "FROM episodes e JOIN org_units f ON f.id = e.org_unit_id "
    "JOIN persons p ON p.id = e.person_id JOIN org_units h ON h.id = p.home_org_id "
    "WHERE e.kind = 'compulsory_isolation' AND e.status = 'closed' "
    "AND e.end_reason IN ('released', 'early_release') AND e.end_date IS NOT NULL "
    "AND e.end_date >= :from AND e.end_date <= :to AND (h.path LIKE :s1 OR f.path LIKE :s2)";
constexpr const char* kReleases =
    "SELECT e.id, e.person_id, e.end_date, f.code, f.name, p.sex, "
    "(SELECT MIN(n.start_date) FROM episodes n WHERE n.person_id = e.person_id "
    "AND n.kind = 'compulsory_isolation' AND n.id <> e.id AND n.start_date >= e.end_date) ";
constexpr const char* kReleasesOrder = " ORDER BY e.end_date, e.id";
constexpr const char* kRelapses =
    "SELECT r.person_id, r.at FROM relapses r WHERE r.at >= :since "
    "AND r.person_id IN (SELECT e.person_id ";
constexpr const char* kTests =
    "SELECT t.person_id, t.at, t.result FROM drug_tests t WHERE t.at >= :since "
    "AND t.result IN ('positive', 'negative') AND t.person_id IN (SELECT e.person_id ";
constexpr const char* kFollowUps =
    "SELECT u.release_episode_id, u.person_id, u.on_date, u.result FROM follow_ups u "
    "WHERE u.on_date >= :since AND u.person_id IN (SELECT e.person_id ";
constexpr const char* kProgramme =
    "SELECT DISTINCT s.episode_id FROM treatment_sessions s WHERE s.programme = :pg "
    "AND s.episode_id IN (SELECT e.id ";

struct Bound {
  std::string like, from, to, since;
  explicit Bound(const CohortQuery& q)
      : like(q.scope_path + "%"),
        from(q.from.ToString()),
        to(q.to.ToString()),
        // Timestamps are stored with their offset: one day earlier catches every local date.
        since(q.from.AddDays(-1).ToString()) {}
};

Date LocalDateOf(const std::string& at) {
  auto ts = Timestamp::Parse(at);
  return ts ? ts->LocalDate() : *Date::Parse(at.substr(0, 10));
}

}  // namespace

std::vector<CohortRelease> IndicatorRepository::Releases(const CohortQuery& q) {
  const Bound b(q);
  std::vector<CohortRelease> out;
  long long id = 0, person = 0;
  std::string end, code, name, sex, next;
  soci::indicator next_ind = soci::i_null;
  soci::statement st =
      (sql_.prepare << std::string(kReleases) + kCohort + kReleasesOrder, soci::use(b.from, "from"),
       soci::use(b.to, "to"), soci::use(b.like, "s1"), soci::use(b.like, "s2"), soci::into(id),
       soci::into(person), soci::into(end), soci::into(code), soci::into(name), soci::into(sex),
       soci::into(next, next_ind));
  st.execute();
  while (st.fetch()) {
    CohortRelease r;
    r.episode_id = id;
    r.person_id = person;
    r.release = *Date::Parse(end);
    if (next_ind == soci::i_ok) r.next_isolation = Date::Parse(next);
    r.facility_code = code;
    r.facility_name = name;
    r.sex = sex;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Evidence> IndicatorRepository::TestAndRelapseEvidence(const CohortQuery& q) {
  const Bound b(q);
  std::vector<Evidence> out;
  long long person = 0;
  std::string at, result;
  {
    soci::statement st =
        (sql_.prepare << std::string(kRelapses) + kCohort + ")", soci::use(b.since, "since"),
         soci::use(b.from, "from"), soci::use(b.to, "to"), soci::use(b.like, "s1"),
         soci::use(b.like, "s2"), soci::into(person), soci::into(at));
    st.execute();
    while (st.fetch()) out.push_back({person, LocalDateOf(at), EvidenceKind::kUse});
  }
  soci::statement st =
      (sql_.prepare << std::string(kTests) + kCohort + ")", soci::use(b.since, "since"),
       soci::use(b.from, "from"), soci::use(b.to, "to"), soci::use(b.like, "s1"),
       soci::use(b.like, "s2"), soci::into(person), soci::into(at), soci::into(result));
  st.execute();
  while (st.fetch()) {
    out.push_back({person, LocalDateOf(at),
                   result == "positive" ? EvidenceKind::kUse : EvidenceKind::kAbstinent});
  }
  return out;
}

std::vector<CohortFollowUp> IndicatorRepository::FollowUps(const CohortQuery& q) {
  const Bound b(q);
  std::vector<CohortFollowUp> out;
  long long episode = 0, person = 0;
  std::string date, result;
  soci::statement st =
      (sql_.prepare << std::string(kFollowUps) + kCohort + ")", soci::use(b.since, "since"),
       soci::use(b.from, "from"), soci::use(b.to, "to"), soci::use(b.like, "s1"),
       soci::use(b.like, "s2"), soci::into(episode), soci::into(person), soci::into(date),
       soci::into(result));
  st.execute();
  while (st.fetch()) {
    CohortFollowUp f;
    f.release_episode_id = episode;
    f.person_id = person;
    f.fact.date = *Date::Parse(date);
    f.fact.result = ParseName(kFollowUpResultNames, result).value_or(FollowUpResult::kUnreachable);
    out.push_back(f);
  }
  return out;
}

std::set<int64_t> IndicatorRepository::EpisodesWithProgramme(const CohortQuery& q,
                                                             const std::string& programme) {
  const Bound b(q);
  std::set<int64_t> out;
  long long episode = 0;
  soci::statement st =
      (sql_.prepare << std::string(kProgramme) + kCohort + ")", soci::use(programme, "pg"),
       soci::use(b.from, "from"), soci::use(b.to, "to"), soci::use(b.like, "s1"),
       soci::use(b.like, "s2"), soci::into(episode));
  st.execute();
  while (st.fetch()) out.insert(episode);
  return out;
}

}  // namespace huigui::store
