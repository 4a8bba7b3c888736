#include "store/dashboard_sql.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <vector>

#include "store/org_unit_repository.h"

namespace huigui::store {
namespace {

// --- SQL pieces shared by the statements ------------------------------------------------------

// The day number (days since 1970-01-01) of the "YYYY-MM-DD" text starting `x`: days-from-civil
// with March-based years, in the integer arithmetic both dialects share (division truncates).
std::string DayNumber(const std::string& x) {
  const std::string y = "CAST(SUBSTR(" + x + ", 1, 4) AS INTEGER)";
  const std::string m = "CAST(SUBSTR(" + x + ", 6, 2) AS INTEGER)";
  const std::string d = "CAST(SUBSTR(" + x + ", 9, 2) AS INTEGER)";
  const std::string yy = "(" + y + " - CASE WHEN " + m + " <= 2 THEN 1 ELSE 0 END)";
  return "(365 * " + yy + " + " + yy + " / 4 - " + yy + " / 100 + " + yy + " / 400 + (153 * ((" +
         m + " + 9) % 12) + 2) / 5 + " + d + " - 719469)";
}

// The day number of the local (UTC+8) date of the timestamp `x`: stored in UTC ("...Z"), the
// local date is the next day from 16:00; stored with +08:00, it is the written date.
std::string LocalDayNumber(const std::string& x) {
  return "(" + DayNumber(x) + " + CASE WHEN SUBSTR(" + x + ", 20, 1) = 'Z' AND SUBSTR(" + x +
         ", 12, 2) >= '16' THEN 1 ELSE 0 END)";
}

// The org subtree (:oid, :like): each unit with the child of the root whose subtree holds it
// (NULL for the root itself), and `subb`, each unit once per bucket it counts in ('*' = total).
constexpr const char* kScope =
    "sub(id, child, kind) AS (SELECT o.id, c.code, o.kind FROM org_units o "
    "LEFT JOIN org_units c ON c.parent_id = :oid AND SUBSTR(o.path, 1, LENGTH(c.path)) = c.path "
    "WHERE o.path LIKE :like), "
    "subb(id, b, kind) AS (SELECT id, '*', kind FROM sub "
    "UNION ALL SELECT id, child, kind FROM sub WHERE child IS NOT NULL)";

constexpr const char* kChildren =
    "SELECT c.code, c.name FROM org_units c WHERE c.parent_id = :oid ORDER BY c.code";

// --- current users ----------------------------------------------------------------------------
// Persons living in the subtree, not dead or gone abroad, less those three years abstinent: last
// use (registration, relapse rows, positive tests, relapsed follow-ups) 1,095+ days before today
// and abstinent evidence (negative test, abstinent follow-up) 1,095+ days after it. Evidence up
// to today. Parameters :oid, :like, :today1, :today2 (day numbers), :cut (today - 1,095).
const std::string& CurrentUsersSql() {
  static const std::string sql =
      std::string("WITH ") + kScope + ", pin(id, home, reg) AS (SELECT p.id, p.home_org_id, " +
      DayNumber("p.registration_date") +
      " FROM persons p JOIN sub s ON s.id = p.home_org_id WHERE NOT EXISTS (SELECT 1 FROM "
      "episodes x WHERE x.person_id = p.id AND x.end_reason IN ('death', 'left_country'))), "
      "used(person_id, day) AS (SELECT r.person_id, " +
      LocalDayNumber("r.at") +
      " FROM relapses r WHERE r.person_id IN (SELECT id FROM pin) "
      "UNION ALL SELECT t.person_id, " +
      LocalDayNumber("t.at") +
      " FROM drug_tests t WHERE t.result = 'positive' AND t.person_id IN (SELECT id FROM pin) "
      "UNION ALL SELECT u.person_id, " +
      DayNumber("u.on_date") +
      " FROM follow_ups u WHERE u.result = 'relapsed' AND u.person_id IN (SELECT id FROM pin)), "
      "clean(person_id, day) AS (SELECT t.person_id, " +
      LocalDayNumber("t.at") +
      " FROM drug_tests t WHERE t.result = 'negative' AND t.person_id IN (SELECT id FROM pin) "
      "UNION ALL SELECT u.person_id, " +
      DayNumber("u.on_date") +
      " FROM follow_ups u WHERE u.result = 'abstinent' AND u.person_id IN (SELECT id FROM pin)), "
      "lu(person_id, day) AS (SELECT person_id, MAX(day) FROM used WHERE day <= :today1 "
      "GROUP BY person_id), "
      "lc(person_id, day) AS (SELECT person_id, MAX(day) FROM clean WHERE day <= :today2 "
      "GROUP BY person_id), "
      "cu(home, last_use, last_clean) AS (SELECT pin.home, "
      "CASE WHEN lu.day > pin.reg THEN lu.day ELSE pin.reg END, lc.day FROM pin "
      "LEFT JOIN lu ON lu.person_id = pin.id LEFT JOIN lc ON lc.person_id = pin.id) "
      "SELECT sb.b, COUNT(*) FROM cu JOIN subb sb ON sb.id = cu.home "
      "WHERE NOT (cu.last_use <= :cut AND cu.last_clean IS NOT NULL "
      "AND cu.last_clean >= cu.last_use + 1095) GROUP BY sb.b";
  return sql;
}

// --- the release cohort -----------------------------------------------------------------------
// Releases dated :from..:to whose person lives in the subtree or whose facility is in it, with
// the observation window [release, min(next isolation start, today)] and the programme group;
// the dated evidence of their persons; per release the first use and last abstinent day in the
// window, the latest reaching follow-up (ties on the date: the higher id) and "three years".
// Rows: ('b', bucket, 0, released, reached, abstinent, eligible, three years),
//       ('g', group, 0, n, events, 0, 0, 0),
//       ('k', group, t, at risk, relapses at t, 0, 0, 0) for the relapse times t <= 1,095.
// Parameters :oid, :like, :today1, :today2, :from, :to (dates), :cut (today - 1,095 days),
// :since1..:since4 (from - 1 day, as the live repository reads evidence).
const std::string& CohortSql() {
  static const std::string sql =
      std::string("WITH ") + kScope +
      ", rel0(id, person_id, end_date, wend, home, fac) AS (SELECT e.id, e.person_id, "
      "e.end_date, COALESCE(MIN(n.start_date), :today2), p.home_org_id, e.org_unit_id "
      "FROM episodes e JOIN persons p ON p.id = e.person_id "
      "LEFT JOIN episodes n ON n.person_id = e.person_id AND n.kind = 'compulsory_isolation' "
      "AND n.id <> e.id AND n.start_date >= e.end_date AND n.start_date < :today1 "
      "WHERE e.kind = 'compulsory_isolation' AND e.status = 'closed' "
      "AND e.end_reason IN ('released', 'early_release') AND e.end_date IS NOT NULL "
      "AND e.end_date >= :from AND e.end_date <= :to "
      "AND (p.home_org_id IN (SELECT id FROM sub) OR e.org_unit_id IN (SELECT id FROM sub)) "
      "GROUP BY e.id, e.person_id, e.end_date, p.home_org_id, e.org_unit_id), "
      "rel(id, person_id, rday, eday, elig, hchild, fchild, grp) AS (SELECT r.id, r.person_id, " +
      DayNumber("r.end_date") + ", " + DayNumber("r.wend") +
      ", CASE WHEN r.end_date <= :cut THEN 1 ELSE 0 END, hs.child, fs.child, "
      "CASE WHEN EXISTS (SELECT 1 FROM treatment_sessions s WHERE s.episode_id = r.id "
      "AND s.programme = 'systematic_desensitisation') THEN 'systematic_desensitisation' "
      "ELSE 'none' END FROM rel0 r LEFT JOIN sub hs ON hs.id = r.home "
      "LEFT JOIN sub fs ON fs.id = r.fac), "
      "ev(person_id, day, used) AS (SELECT r.person_id, " +
      LocalDayNumber("r.at") +
      ", 1 FROM relapses r WHERE r.at >= :since1 AND r.person_id IN (SELECT person_id FROM rel) "
      "UNION ALL SELECT t.person_id, " +
      LocalDayNumber("t.at") +
      ", CASE WHEN t.result = 'positive' THEN 1 ELSE 0 END FROM drug_tests t "
      "WHERE t.at >= :since2 AND t.result IN ('positive', 'negative') "
      "AND t.person_id IN (SELECT person_id FROM rel) "
      "UNION ALL SELECT u.person_id, " +
      DayNumber("u.on_date") +
      ", CASE WHEN u.result = 'relapsed' THEN 1 ELSE 0 END FROM follow_ups u "
      "WHERE u.on_date >= :since3 AND u.result IN ('abstinent', 'relapsed') "
      "AND u.person_id IN (SELECT person_id FROM rel)), "
      "outc(id, first_use, last_clean) AS (SELECT r.id, "
      "MIN(CASE WHEN v.used = 1 THEN v.day - r.rday END), "
      "MAX(CASE WHEN v.used = 0 THEN v.day - r.rday END) FROM rel r "
      "LEFT JOIN ev v ON v.person_id = r.person_id AND v.day >= r.rday AND v.day <= r.eday "
      "GROUP BY r.id), "
      "fu(id, result, k) AS (SELECT u.release_episode_id, u.result, ROW_NUMBER() OVER "
      "(PARTITION BY u.release_episode_id ORDER BY u.on_date DESC, u.id DESC) FROM follow_ups u "
      "WHERE u.on_date >= :since4 AND u.result IN ('abstinent', 'relapsed') "
      "AND u.release_episode_id IN (SELECT id FROM rel)), "
      "fl(id, reached, abstinent, elig, three, grp, t, relapsed) AS (SELECT r.id, "
      "CASE WHEN f.id IS NULL THEN 0 ELSE 1 END, "
      "CASE WHEN f.result = 'abstinent' THEN 1 ELSE 0 END, r.elig, "
      "CASE WHEN r.elig = 1 AND o.first_use IS NULL AND o.last_clean >= 1095 THEN 1 ELSE 0 END, "
      "r.grp, COALESCE(o.first_use, o.last_clean, 0), "
      "CASE WHEN o.first_use IS NULL THEN 0 ELSE 1 END FROM rel r JOIN outc o ON o.id = r.id "
      "LEFT JOIN fu f ON f.id = r.id AND f.k = 1), "
      "bk(id, b) AS (SELECT id, '*' FROM rel UNION SELECT id, hchild FROM rel "
      "WHERE hchild IS NOT NULL UNION SELECT id, fchild FROM rel WHERE fchild IS NOT NULL), "
      "km(grp, t, d, c) AS (SELECT grp, t, SUM(relapsed), COUNT(*) FROM fl GROUP BY grp, t), "
      "kmn(grp, t, d, n) AS (SELECT grp, t, d, SUM(c) OVER (PARTITION BY grp ORDER BY t DESC "
      "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM km) "
      "SELECT 'b', bk.b, 0, COUNT(*), SUM(fl.reached), SUM(fl.abstinent), SUM(fl.elig), "
      "SUM(fl.three) FROM bk JOIN fl ON fl.id = bk.id GROUP BY bk.b "
      "UNION ALL SELECT 'g', grp, 0, COUNT(*), SUM(relapsed), 0, 0, 0 FROM fl GROUP BY grp "
      "UNION ALL SELECT 'k', grp, t, n, d, 0, 0, 0 FROM kmn WHERE d > 0 AND t <= 1095 "
      "ORDER BY 1, 2, 3";
  return sql;
}

// --- community measures, admissions and releases, per period --------------------------------
// `pd` lists the periods: 'P' = [from, to] (every bucket) and the trend's months 'YYYY-MM' (the
// total only), each with its first and last day and the UTC instants its local days span.

// Persons under community measures run in the subtree overlapping the period, and of them the
// tested (negative or positive test in the period, anywhere) and those with a lost-contact alert
// raised in the period. Rows (period, bucket, under, tested, lost).
std::string MeasuresSql(const std::string& periods) {
  static const std::string head = std::string("WITH ") + kScope + ", ";
  static const std::string tail =
      ", um(p, b, person_id, lo, hi) AS (SELECT DISTINCT pd.p, sb.b, e.person_id, pd.lo, pd.hi "
      "FROM episodes e JOIN subb sb ON sb.id = e.org_unit_id JOIN pd ON e.start_date <= pd.t "
      "AND (e.end_date IS NULL OR e.end_date >= pd.f) "
      "WHERE e.kind IN ('community_detox', 'community_rehab') AND (pd.p = 'P' OR sb.b = '*')) "
      "SELECT um.p, um.b, COUNT(*), "
      "SUM(CASE WHEN EXISTS (SELECT 1 FROM drug_tests t WHERE t.person_id = um.person_id "
      "AND t.result IN ('negative', 'positive') AND t.at >= um.lo AND t.at < um.hi) "
      "THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN EXISTS (SELECT 1 FROM alerts a WHERE a.person_id = um.person_id "
      "AND a.kind = 'lost_contact' AND a.raised_at >= um.lo AND a.raised_at < um.hi) "
      "THEN 1 ELSE 0 END) FROM um GROUP BY um.p, um.b";
  return head + periods + tail;
}

// admit and release actions dated in the period on compulsory isolation episodes run in the
// subtree: for :f1..:t1 by bucket ('P'), and for the trend's months :f2..:t2 in the total, the
// month being the date's first seven characters. Rows (period, bucket, admissions, releases).
const std::string& ActionsSql() {
  static const std::string sql =
      std::string("WITH ") + kScope +
      ", act(b, day, action) AS (SELECT sb.b, a.effective_date, a.action FROM episode_actions a "
      "JOIN episodes e ON e.id = a.episode_id JOIN subb sb ON sb.id = e.org_unit_id "
      "WHERE e.kind = 'compulsory_isolation' AND a.action IN ('admit', 'release')) "
      "SELECT 'P', b, SUM(CASE WHEN action = 'admit' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN action = 'release' THEN 1 ELSE 0 END) FROM act "
      "WHERE day >= :f1 AND day <= :t1 GROUP BY b "
      "UNION ALL SELECT SUBSTR(day, 1, 7), b, SUM(CASE WHEN action = 'admit' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN action = 'release' THEN 1 ELSE 0 END) FROM act "
      "WHERE b = '*' AND day >= :f2 AND day <= :t2 GROUP BY SUBSTR(day, 1, 7), b";
  return sql;
}

// Handovers to offices in the subtree whose report-in fell due :from..:to; on time when reported
// in on a local date up to the due date. Rows (bucket, due, on time).
const std::string& HandoversSql() {
  static const std::string sql =
      std::string("WITH ") + kScope +
      " SELECT sb.b, COUNT(*), SUM(CASE WHEN h.reported_in_at IS NOT NULL "
      "AND h.reported_in_at < (h.report_due || 'T16:00:00Z') THEN 1 ELSE 0 END) "
      "FROM handovers h JOIN subb sb ON sb.id = h.to_org_id "
      "WHERE h.report_due >= :from AND h.report_due <= :to GROUP BY sb.b";
  return sql;
}

// Contacts recorded by aftercare stations in the subtree at instants :lo <= at < :hi. Rows
// (bucket, '', persons, contacts) and (bucket, kind, 0, contacts).
const std::string& AftercareSql() {
  static const std::string sql =
      std::string("WITH ") + kScope +
      ", ac(b, person_id, kind) AS (SELECT sb.b, c.person_id, c.kind FROM contacts c "
      "JOIN subb sb ON sb.id = c.org_unit_id WHERE sb.kind = 'aftercare_station' "
      "AND c.at >= :lo AND c.at < :hi) "
      "SELECT b, '', COUNT(DISTINCT person_id), COUNT(*) FROM ac GROUP BY b "
      "UNION ALL SELECT b, kind, 0, COUNT(*) FROM ac GROUP BY b, kind";
  return sql;
}

// Beds of the facilities in the subtree and their persons admitted and still there. Rows
// (bucket, 'beds' | 'occupied', count).
const std::string& FacilitiesSql() {
  static const std::string sql =
      std::string("WITH ") + kScope +
      " SELECT sb.b, 'beds', SUM(f.beds) FROM facility_profiles f "
      "JOIN subb sb ON sb.id = f.org_unit_id GROUP BY sb.b "
      "UNION ALL SELECT sb.b, 'occupied', COUNT(*) FROM episodes e "
      "JOIN subb sb ON sb.id = e.org_unit_id WHERE e.status = 'open' "
      "AND e.kind = 'compulsory_isolation' AND EXISTS (SELECT 1 FROM episode_actions a "
      "WHERE a.episode_id = e.id AND a.action = 'admit') GROUP BY sb.b";
  return sql;
}

// --- placing the rows -------------------------------------------------------------------------

// The UTC instant local day `d` starts at.
std::string DayStart(Date d) { return d.AddDays(-1).ToString() + "T16:00:00Z"; }

struct Period {
  std::string key;  // "P" or "YYYY-MM"
  Date first, last;
};

// The VALUES list of `pd`. The literals are dates this function formats, never caller text.
std::string PeriodsCte(const std::vector<Period>& periods) {
  std::string out = "pd(p, f, t, lo, hi) AS (VALUES ";
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const Period& p = periods[i];
    if (i > 0) out += ", ";
    out += "('" + p.key + "', '" + p.first.ToString() + "', '" + p.last.ToString() + "', '" +
           DayStart(p.first) + "', '" + DayStart(p.last.AddDays(1)) + "')";
  }
  return out + ")";
}

std::string MonthKey(int year, int month) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

class Figures {
 public:
  explicit Figures(DashboardFigures& out) : out_(out) {}

  // The figures of bucket `b`: '*' the total, else a child by code (nullptr if not a child).
  UnitFigures* Unit(const std::string& b) {
    if (b == "*") return &out_.total;
    const auto it = std::lower_bound(
        out_.children.begin(), out_.children.end(), b,
        [](const UnitFigures& u, const std::string& code) { return u.code < code; });
    return it != out_.children.end() && it->code == b ? &*it : nullptr;
  }
  MonthFigures* Month(const std::string& key) {
    for (auto& m : out_.trend) {
      if (MonthKey(m.year, m.month) == key) return &m;
    }
    return nullptr;
  }

 private:
  DashboardFigures& out_;
};

int ToInt(long long v) { return static_cast<int>(v); }

}  // namespace

DashboardFigures DashboardBySql(soci::session& sql, const std::string& org_code, Date from, Date to,
                                Date today) {
  const auto org = OrgUnitRepository(sql).FindByCode(org_code);
  if (!org) throw std::invalid_argument("no org unit " + org_code);
  DashboardFigures out;
  out.org_unit = org->code;
  out.from = from;
  out.to = to;
  out.as_of = today;
  out.total.code = org->code;
  out.total.name = org->name;

  const long long oid = org->id;
  const std::string like = org->path + "%";
  {
    std::string code, name;
    soci::statement st =
        (sql.prepare << kChildren, soci::use(oid, "oid"), soci::into(code), soci::into(name));
    st.execute();
    while (st.fetch()) {
      UnitFigures u;
      u.code = code;
      u.name = name;
      out.children.push_back(std::move(u));
    }
    std::sort(out.children.begin(), out.children.end(),
              [](const UnitFigures& a, const UnitFigures& b) { return a.code < b.code; });
  }
  const Date first_month = *Date::FromYmd(to.year(), to.month(), 1);
  std::vector<Period> periods{{"P", from, to}};
  for (int i = 11; i >= 0; --i) {
    const Date m = first_month.AddMonths(-i);
    MonthFigures f;
    f.year = m.year();
    f.month = m.month();
    out.trend.push_back(f);
    periods.push_back({MonthKey(f.year, f.month), m, m.AddMonths(1).AddDays(-1)});
  }
  const std::string pd = PeriodsCte(periods);
  Figures fig(out);

  std::string b, key;
  long long v1 = 0, v2 = 0, v3 = 0, v4 = 0, v5 = 0, t = 0;

  // Current users.
  {
    const long long today_n = today.days(), cut = today.days() - 1095;
    soci::statement st =
        (sql.prepare << CurrentUsersSql(), soci::use(oid, "oid"), soci::use(like, "like"),
         soci::use(today_n, "today1"), soci::use(today_n, "today2"), soci::use(cut, "cut"),
         soci::into(b), soci::into(v1));
    st.execute();
    while (st.fetch()) {
      if (UnitFigures* u = fig.Unit(b)) u->current_users = ToInt(v1);
    }
  }
  // The release cohort and its survival.
  {
    const std::string today_s = today.ToString(), from_s = from.ToString(), to_s = to.ToString(),
                      cut = today.AddDays(-1095).ToString(), since = from.AddDays(-1).ToString();
    std::map<std::string, SurvivalFigures> groups;
    for (const char* g : {"none", "systematic_desensitisation"}) groups[g].group = g;
    soci::statement st =
        (sql.prepare << CohortSql(), soci::use(oid, "oid"), soci::use(like, "like"),
         soci::use(today_s, "today1"), soci::use(today_s, "today2"), soci::use(from_s, "from"),
         soci::use(to_s, "to"), soci::use(cut, "cut"), soci::use(since, "since1"),
         soci::use(since, "since2"), soci::use(since, "since3"), soci::use(since, "since4"),
         soci::into(key), soci::into(b), soci::into(t), soci::into(v1), soci::into(v2),
         soci::into(v3), soci::into(v4), soci::into(v5));
    st.execute();
    // Rows come ordered by kind, group and time: each 'k' row multiplies its group's estimate
    // at the horizons at or after its time.
    while (st.fetch()) {
      if (key == "b") {
        if (UnitFigures* u = fig.Unit(b)) {
          u->released = ToInt(v1);
          u->reached = ToInt(v2);
          u->abstinent = ToInt(v3);
          u->three_years_eligible = ToInt(v4);
          u->three_years_abstinent = ToInt(v5);
        }
      } else if (key == "g") {
        groups[b].group = b;
        groups[b].n = ToInt(v1);
        groups[b].events = ToInt(v2);
      } else if (key == "k") {
        SurvivalFigures& g = groups[b];
        const double factor = static_cast<double>(v1 - v2) / static_cast<double>(v1);
        if (t <= 365) g.at_1y *= factor;
        if (t <= 730) g.at_2y *= factor;
        if (t <= 1095) g.at_3y *= factor;
      }
    }
    for (auto& [name, g] : groups) out.survival.push_back(g);
  }
  // Community measures and actions, for the period and the trend's months.
  const auto place_month = [&](const std::string& p, const std::string& bucket, auto&& set_unit,
                               auto&& set_month) {
    if (p == "P") {
      if (UnitFigures* u = fig.Unit(bucket)) set_unit(*u);
    } else if (bucket == "*") {
      if (MonthFigures* m = fig.Month(p)) set_month(*m);
    }
  };
  {
    soci::statement st =
        (sql.prepare << MeasuresSql(pd), soci::use(oid, "oid"), soci::use(like, "like"),
         soci::into(key), soci::into(b), soci::into(v1), soci::into(v2), soci::into(v3));
    st.execute();
    while (st.fetch()) {
      const auto set = [&](auto& f) {
        f.under_measures = ToInt(v1);
        f.tested = ToInt(v2);
        f.lost_contact = ToInt(v3);
      };
      place_month(key, b, set, set);
    }
  }
  {
    const std::string from_s = from.ToString(), to_s = to.ToString(),
                      trend_from = periods[1].first.ToString(),
                      trend_to = periods.back().last.ToString();
    soci::statement st =
        (sql.prepare << ActionsSql(), soci::use(oid, "oid"), soci::use(like, "like"),
         soci::use(from_s, "f1"), soci::use(to_s, "t1"), soci::use(trend_from, "f2"),
         soci::use(trend_to, "t2"), soci::into(key), soci::into(b), soci::into(v1), soci::into(v2));
    st.execute();
    while (st.fetch()) {
      const auto set = [&](auto& f) {
        f.admissions = ToInt(v1);
        f.releases = ToInt(v2);
      };
      place_month(key, b, set, set);
    }
  }
  // Handovers.
  {
    const std::string from_s = from.ToString(), to_s = to.ToString();
    soci::statement st = (sql.prepare << HandoversSql(), soci::use(oid, "oid"),
                          soci::use(like, "like"), soci::use(from_s, "from"), soci::use(to_s, "to"),
                          soci::into(b), soci::into(v1), soci::into(v2));
    st.execute();
    while (st.fetch()) {
      if (UnitFigures* u = fig.Unit(b)) {
        u->handovers_due = ToInt(v1);
        u->handovers_on_time = ToInt(v2);
      }
    }
  }
  // Aftercare contacts.
  {
    const std::string lo = DayStart(from), hi = DayStart(to.AddDays(1));
    soci::statement st = (sql.prepare << AftercareSql(), soci::use(oid, "oid"),
                          soci::use(like, "like"), soci::use(lo, "lo"), soci::use(hi, "hi"),
                          soci::into(b), soci::into(key), soci::into(v1), soci::into(v2));
    st.execute();
    while (st.fetch()) {
      UnitFigures* u = fig.Unit(b);
      if (!u) continue;
      if (key.empty()) {
        u->aftercare_persons = ToInt(v1);
        u->aftercare_contacts = ToInt(v2);
      } else {
        u->aftercare_by_kind[key] = ToInt(v2);
      }
    }
  }
  // Beds and occupancy.
  {
    soci::statement st = (sql.prepare << FacilitiesSql(), soci::use(oid, "oid"),
                          soci::use(like, "like"), soci::into(b), soci::into(key), soci::into(v1));
    st.execute();
    while (st.fetch()) {
      if (UnitFigures* u = fig.Unit(b)) (key == "beds" ? u->beds : u->occupied) = ToInt(v1);
    }
  }
  return out;
}

}  // namespace huigui::store
