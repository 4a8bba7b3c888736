#include "store/indicator_projection.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "domain/contact.h"
#include "domain/follow_up.h"
#include "domain/treatment.h"

namespace huigui::store {
namespace {

// Every query reads one table whole, or one person's rows when "%P%" becomes a person filter.
constexpr const char* kOrgs = "SELECT id, code, name, kind, path FROM org_units ORDER BY path";
constexpr const char* kBeds = "SELECT org_unit_id, beds FROM facility_profiles";
constexpr const char* kPosition = "SELECT COALESCE(MAX(seq), 0) FROM audit_log";
constexpr const char* kTail =
    "SELECT seq, action, COALESCE(person_id, 0) FROM audit_log WHERE seq > :s ORDER BY seq";
constexpr const char* kPersons =
    "SELECT p.id, p.home_org_id, p.sex, p.registration_date FROM persons p WHERE 1 = 1 %P%";
constexpr const char* kEpisodes =
    "SELECT e.id, e.person_id, e.kind, e.org_unit_id, e.start_date, COALESCE(e.end_date, ''), "
    "e.status, COALESCE(e.end_reason, '') FROM episodes e WHERE 1 = 1 %P%";
constexpr const char* kActions =
    "SELECT a.episode_id, a.action, a.effective_date FROM episode_actions a "
    "JOIN episodes e ON e.id = a.episode_id WHERE a.action IN ('admit', 'release') %P%";
constexpr const char* kTests =
    "SELECT t.person_id, t.at, t.result FROM drug_tests t "
    "WHERE t.result IN ('positive', 'negative') %P%";
constexpr const char* kRelapses = "SELECT r.person_id, r.at FROM relapses r WHERE 1 = 1 %P%";
constexpr const char* kLost =
    "SELECT a.person_id, a.raised_at FROM alerts a WHERE a.kind = 'lost_contact' %P%";
constexpr const char* kFollowUps =
    "SELECT u.person_id, u.release_episode_id, u.on_date, u.result FROM follow_ups u "
    "WHERE 1 = 1 %P% ORDER BY u.id";
constexpr const char* kHandovers =
    "SELECT h.person_id, h.to_org_id, h.report_due, COALESCE(h.reported_in_at, '') "
    "FROM handovers h WHERE 1 = 1 %P%";
constexpr const char* kAftercare =
    "SELECT c.person_id, c.org_unit_id, c.kind, c.at FROM contacts c "
    "JOIN org_units o ON o.id = c.org_unit_id WHERE o.kind = 'aftercare_station' %P%";
constexpr const char* kProgrammes =
    "SELECT DISTINCT s.episode_id, s.programme FROM treatment_sessions s WHERE 1 = 1 %P%";

// Audit actions that only read: they never change a fact.
bool ReadOnly(const std::string& action) {
  for (const char* suffix : {".read", ".list", ".search", ".reveal", ".counts", ".summary",
                             ".pending", ".survival", ".abstinence", ".activity", ".dashboard"}) {
    const std::string s(suffix);
    if (action.size() >= s.size() && action.compare(action.size() - s.size(), s.size(), s) == 0)
      return true;
  }
  return false;
}

// `column` holds the person id ("p.id", "t.person_id", ...).
std::string WithFilter(const char* query, const char* column, int64_t person_id) {
  std::string q(query);
  const auto at = q.find("%P%");
  const std::string filter =
      person_id == 0 ? "" : std::string("AND ") + column + " = " + std::to_string(person_id);
  q.replace(at, 3, filter);
  return q;
}

int32_t DayOf(const std::string& date) {
  auto d = Date::Parse(date.substr(0, 10));
  return d ? d->days() : kNoDay;
}

int32_t LocalDayOf(const std::string& at) {
  if (auto ts = Timestamp::Parse(at)) return ts->LocalDate().days();
  return DayOf(at);
}

uint8_t ContactKindIndex(const std::string& kind) {
  for (std::size_t i = 0; i < kContactKindNames.size(); ++i) {
    if (kContactKindNames[i].second == kind) return static_cast<uint8_t>(i);
  }
  return 0;
}

// What a person's facts are derived from, before the columns are built.
struct EpisodeRow {
  int64_t id = 0;
  std::string kind;
  int32_t org = -1;
  int32_t start = 0;
  int32_t end = kNoDay;
  bool open = false;
  std::string end_reason;
  bool admitted = false;
  uint8_t programmes = 0;
  std::vector<std::pair<int32_t, bool>> actions;  // day, admit
};

struct FollowUpRow {
  int64_t episode = 0;
  int32_t day = 0;
  FollowUpResult result = FollowUpResult::kUnreachable;
};

struct Pending {
  int32_t registered = kNoDay;
  std::vector<EpisodeRow> episodes;
  std::vector<int32_t> relapses;
  std::vector<FollowUpRow> follow_ups;
};

// Runs `query` (with `%P%` filled), binding `exchanges` (soci::into / soci::use), and calls
// `row` per fetched row.
template <typename Row, typename... Exchanges>
void Each(soci::session& sql, const std::string& query, Row&& row, Exchanges&&... exchanges) {
  soci::statement st(sql);
  st.alloc();
  (st.exchange(std::forward<Exchanges>(exchanges)), ...);
  st.prepare(query);
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) row();
}

void Derive(ProjectedPerson& p, Pending& pending) {
  auto& episodes = pending.episodes;
  std::sort(episodes.begin(), episodes.end(), [](const EpisodeRow& a, const EpisodeRow& b) {
    return std::tie(a.start, a.id) < std::tie(b.start, b.id);
  });
  std::sort(p.tests.begin(), p.tests.end());
  std::sort(p.lost.begin(), p.lost.end());
  // Evidence: use and abstinence days.
  std::vector<int32_t> uses = pending.relapses, abstinent;
  for (int32_t t : p.tests) ((t & 1) ? uses : abstinent).push_back(t >> 1);
  for (const auto& f : pending.follow_ups) {
    if (f.result == FollowUpResult::kRelapsed) uses.push_back(f.day);
    if (f.result == FollowUpResult::kAbstinent) abstinent.push_back(f.day);
  }
  p.last_use = pending.registered;
  for (int32_t u : uses) p.last_use = p.last_use == kNoDay ? u : std::max(p.last_use, u);
  p.last_abstinent = kNoDay;
  for (int32_t a : abstinent)
    p.last_abstinent = p.last_abstinent == kNoDay ? a : std::max(p.last_abstinent, a);

  for (const auto& e : episodes) {
    if (e.end_reason == "death" || e.end_reason == "left_country") p.gone = true;
    if (e.kind == "community_detox" || e.kind == "community_rehab") {
      p.community.push_back({e.org, e.start, e.end});
    }
    if (e.kind != "compulsory_isolation") continue;
    for (const auto& [day, admit] : e.actions) p.actions.push_back({e.org, day, admit});
    if (e.open && e.admitted) p.occupying = e.org;
    if (e.open || e.end == kNoDay ||
        (e.end_reason != "released" && e.end_reason != "early_release"))
      continue;
    ProjectedRelease r;
    r.episode_id = e.id;
    r.day = e.end;
    r.facility = e.org;
    r.programmes = e.programmes;
    int32_t window_end = kNoDay;
    for (const auto& n : episodes) {
      if (n.kind == "compulsory_isolation" && n.id != e.id && n.start >= e.end)
        window_end = std::min(window_end, n.start);
    }
    std::optional<int32_t> first_use, last_abstinent;
    for (int32_t u : uses) {
      if (u >= r.day && u <= window_end) first_use = std::min(first_use.value_or(u), u);
    }
    for (int32_t a : abstinent) {
      if (a >= r.day && a <= window_end) last_abstinent = std::max(last_abstinent.value_or(a), a);
    }
    r.observed = first_use || last_abstinent;
    r.relapsed = first_use.has_value();
    r.days = first_use ? *first_use - r.day : (last_abstinent ? *last_abstinent - r.day : 0);
    r.three_years_abstinent = !r.relapsed && last_abstinent && *last_abstinent - r.day >= 1095;
    std::vector<FollowUpFact> facts;
    for (const auto& f : pending.follow_ups) {
      if (f.episode == e.id) facts.push_back({Date::FromDays(f.day), f.result});
    }
    const FollowUpOutcome o = LatestFollowUp(facts);
    r.reached = o.reached;
    r.abstinent = o.abstinent;
    p.releases.push_back(r);
  }
  std::sort(p.releases.begin(), p.releases.end(), [](const auto& a, const auto& b) {
    return std::tie(a.day, a.episode_id) < std::tie(b.day, b.episode_id);
  });
}

bool InRange(const std::vector<int32_t>& days, int32_t lo, int32_t hi) {  // any day in [lo, hi]
  auto it = std::lower_bound(days.begin(), days.end(), lo);
  return it != days.end() && *it <= hi;
}

bool TestedIn(const std::vector<int32_t>& tests, int32_t lo, int32_t hi) {
  auto it = std::lower_bound(tests.begin(), tests.end(), lo * 2);
  return it != tests.end() && *it < (hi + 1) * 2;
}

// Per-thread visit marks: a query visits each person once however many orgs index it.
struct Marks {
  std::vector<uint32_t> stamp;
  uint32_t epoch = 0;
  uint32_t Next(std::size_t size) {
    if (stamp.size() < size) stamp.resize(size, 0);
    if (++epoch == 0) {
      std::fill(stamp.begin(), stamp.end(), 0);
      epoch = 1;
    }
    return epoch;
  }
};
thread_local Marks marks;

}  // namespace

// --- loading ----------------------------------------------------------------------------------

void IndicatorProjection::LoadOrgs(soci::session& sql) {
  orgs_.clear();
  org_by_id_.clear();
  org_by_code_.clear();
  long long id = 0;
  std::string code, name, kind, path;
  Each(
      sql, kOrgs,
      [&] {
        orgs_.push_back({id, code, name, kind, path, 0, 0});
      },
      soci::into(id), soci::into(code), soci::into(name), soci::into(kind), soci::into(path));
  // Paths end with '/', so a subtree is the run of paths with its path as prefix.
  for (std::size_t i = 0; i < orgs_.size(); ++i) {
    std::size_t end = i + 1;
    while (end < orgs_.size() &&
           orgs_[end].path.compare(0, orgs_[i].path.size(), orgs_[i].path) == 0)
      ++end;
    orgs_[i].end = static_cast<int32_t>(end);
    org_by_id_[orgs_[i].id] = static_cast<int32_t>(i);
    org_by_code_[orgs_[i].code] = static_cast<int32_t>(i);
  }
}

void IndicatorProjection::LoadFacilities(soci::session& sql) {
  for (auto& o : orgs_) o.beds = 0;
  long long org = 0;
  int beds = 0;
  Each(
      sql, kBeds,
      [&] {
        if (auto it = org_by_id_.find(org); it != org_by_id_.end()) orgs_[it->second].beds = beds;
      },
      soci::into(org), soci::into(beds));
}

int32_t IndicatorProjection::SlotOf(int64_t person_id) {
  if (person_id < 0) return -1;
  if (static_cast<std::size_t>(person_id) >= slot_by_id_.size())
    slot_by_id_.resize(static_cast<std::size_t>(person_id) + 1, -1);
  int32_t& slot = slot_by_id_[static_cast<std::size_t>(person_id)];
  if (slot < 0) {
    slot = static_cast<int32_t>(persons_.size());
    persons_.emplace_back();
    persons_.back().id = person_id;
  }
  return slot;
}

namespace {

// The org indices a person's facts sit at (each once).
std::vector<int32_t> OrgsOf(const ProjectedPerson& p) {
  std::vector<int32_t> orgs;
  orgs.push_back(p.home);
  orgs.push_back(p.occupying);
  for (const auto& r : p.releases) orgs.push_back(r.facility);
  for (const auto& s : p.community) orgs.push_back(s.org);
  for (const auto& a : p.actions) orgs.push_back(a.org);
  for (const auto& h : p.handovers) orgs.push_back(h.org);
  for (const auto& c : p.aftercare) orgs.push_back(c.org);
  std::sort(orgs.begin(), orgs.end());
  orgs.erase(std::unique(orgs.begin(), orgs.end()), orgs.end());
  while (!orgs.empty() && orgs.front() < 0) orgs.erase(orgs.begin());
  return orgs;
}

}  // namespace

void IndicatorProjection::Index(int32_t slot) {
  for (int32_t o : OrgsOf(persons_[slot])) at_org_[o].push_back(slot);
}

void IndicatorProjection::Unindex(int32_t slot) {
  for (int32_t o : OrgsOf(persons_[slot])) {
    auto& list = at_org_[o];
    list.erase(std::remove(list.begin(), list.end(), slot), list.end());
  }
}

void IndicatorProjection::ReadPersons(soci::session& sql, int64_t person_id) {
  std::unordered_map<int32_t, Pending> pending;
  std::unordered_map<int64_t, std::pair<int32_t, std::size_t>> episode_at;  // id → slot, index
  auto org_index = [&](long long id) {
    auto it = org_by_id_.find(id);
    return it == org_by_id_.end() ? -1 : it->second;
  };
  long long id = 0, person = 0, org = 0, episode = 0;
  std::string a, b, c, d, e, f;
  soci::indicator ind = soci::i_ok;
  Each(
      sql, WithFilter(kPersons, "p.id", person_id),
      [&] {
        const int32_t slot = SlotOf(id);
        ProjectedPerson& p = persons_[slot];
        p.home = org_index(org);
        auto known = std::find(sexes_.begin(), sexes_.end(), a);
        if (known == sexes_.end()) known = sexes_.insert(sexes_.end(), a);
        p.sex = static_cast<uint8_t>(known - sexes_.begin());
        pending[slot].registered = ind == soci::i_ok ? DayOf(b) : kNoDay;
      },
      soci::into(id), soci::into(org), soci::into(a), soci::into(b, ind));
  auto slot_of = [&](long long pid) -> int32_t {
    if (pid < 0 || static_cast<std::size_t>(pid) >= slot_by_id_.size()) return -1;
    return slot_by_id_[static_cast<std::size_t>(pid)];
  };
  Each(
      sql, WithFilter(kEpisodes, "e.person_id", person_id),
      [&] {
        const int32_t slot = slot_of(person);
        if (slot < 0) return;
        EpisodeRow row;
        row.id = id;
        row.kind = a;
        row.org = org_index(org);
        row.start = DayOf(b);
        row.end = c.empty() ? kNoDay : DayOf(c);
        row.open = d == "open";
        row.end_reason = e;
        auto& list = pending[slot].episodes;
        episode_at[id] = {slot, list.size()};
        list.push_back(std::move(row));
      },
      soci::into(id), soci::into(person), soci::into(a), soci::into(org), soci::into(b),
      soci::into(c), soci::into(d), soci::into(e));
  Each(
      sql, WithFilter(kActions, "e.person_id", person_id),
      [&] {
        auto it = episode_at.find(episode);
        if (it == episode_at.end()) return;
        EpisodeRow& row = pending[it->second.first].episodes[it->second.second];
        const bool admit = a == "admit";
        row.admitted = row.admitted || admit;
        row.actions.emplace_back(DayOf(b), admit);
      },
      soci::into(episode), soci::into(a), soci::into(b));
  Each(
      sql, WithFilter(kProgrammes, "s.person_id", person_id),
      [&] {
        auto it = episode_at.find(episode);
        if (it == episode_at.end()) return;
        if (auto pg = ParseName(kProgrammeNames, a)) {
          pending[it->second.first].episodes[it->second.second].programmes |=
              static_cast<uint8_t>(1u << static_cast<int>(*pg));
        }
      },
      soci::into(episode), soci::into(a));
  Each(
      sql, WithFilter(kTests, "t.person_id", person_id),
      [&] {
        const int32_t slot = slot_of(person);
        if (slot < 0) return;
        persons_[slot].tests.push_back(LocalDayOf(a) * 2 + (b == "positive" ? 1 : 0));
      },
      soci::into(person), soci::into(a), soci::into(b));
  Each(
      sql, WithFilter(kRelapses, "r.person_id", person_id),
      [&] {
        const int32_t slot = slot_of(person);
        if (slot >= 0) pending[slot].relapses.push_back(LocalDayOf(a));
      },
      soci::into(person), soci::into(a));
  Each(
      sql, WithFilter(kLost, "a.person_id", person_id),
      [&] {
        const int32_t slot = slot_of(person);
        if (slot >= 0) persons_[slot].lost.push_back(LocalDayOf(a));
      },
      soci::into(person), soci::into(a));
  Each(
      sql, WithFilter(kFollowUps, "u.person_id", person_id),
      [&] {
        const int32_t slot = slot_of(person);
        if (slot < 0) return;
        pending[slot].follow_ups.push_back(
            {episode, DayOf(a),
             ParseName(kFollowUpResultNames, b).value_or(FollowUpResult::kUnreachable)});
      },
      soci::into(person), soci::into(episode), soci::into(a), soci::into(b));
  Each(
      sql, WithFilter(kHandovers, "h.person_id", person_id),
      [&] {
        const int32_t slot = slot_of(person);
        if (slot < 0) return;
        persons_[slot].handovers.push_back(
            {org_index(org), DayOf(a), b.empty() ? kNoDay : LocalDayOf(b)});
      },
      soci::into(person), soci::into(org), soci::into(a), soci::into(b));
  Each(
      sql, WithFilter(kAftercare, "c.person_id", person_id),
      [&] {
        const int32_t slot = slot_of(person);
        if (slot < 0) return;
        persons_[slot].aftercare.push_back({org_index(org), LocalDayOf(b), ContactKindIndex(a)});
      },
      soci::into(person), soci::into(org), soci::into(a), soci::into(b));
  for (auto& [slot, facts] : pending) Derive(persons_[slot], facts);
}

void IndicatorProjection::Load(soci::session& sql) {
  std::unique_lock lock(mutex_);
  LoadLocked(sql);
}

void IndicatorProjection::LoadLocked(soci::session& sql) {
  const auto started = std::chrono::steady_clock::now();
  long long position = 0;
  sql << kPosition, soci::into(position);  // first: later writes are caught up, not missed
  position_ = position;
  LoadOrgs(sql);
  LoadFacilities(sql);
  persons_.clear();
  slot_by_id_.clear();
  at_org_.assign(orgs_.size(), {});
  ReadPersons(sql, 0);
  for (int32_t slot = 0; slot < static_cast<int32_t>(persons_.size()); ++slot) Index(slot);
  load_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  loaded_ = true;
}

int64_t IndicatorProjection::CatchUp(soci::session& sql) {
  std::unique_lock lock(mutex_);
  if (!loaded_) {
    LoadLocked(sql);
    return 0;
  }
  long long seq = 0, person = 0;
  std::string action;
  std::vector<int64_t> changed;
  bool facilities = false;
  int64_t rows = 0;
  const long long from = position_;
  long long last = position_;
  Each(
      sql, kTail,
      [&] {
        ++rows;
        last = seq;
        if (ReadOnly(action)) return;
        if (person > 0) changed.push_back(person);
        if (action.rfind("facility.", 0) == 0) facilities = true;
      },
      soci::use(from, "s"), soci::into(seq), soci::into(action), soci::into(person));
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  try {
    if (facilities) LoadFacilities(sql);
    for (int64_t id : changed) {
      const int32_t slot = SlotOf(id);
      Unindex(slot);
      persons_[slot] = ProjectedPerson{};
      persons_[slot].id = id;
      ReadPersons(sql, id);
      Index(slot);
      ++refreshed_;
    }
  } catch (...) {
    loaded_ = false;  // half-applied: the next catch-up loads everything again
    throw;
  }
  position_ = last;
  return rows;
}

int64_t IndicatorProjection::CatchUp(Database& db) {
  Lease lease = db.Acquire();
  return CatchUp(lease.sql());
}

ProjectionStats IndicatorProjection::Stats() const {
  std::shared_lock lock(mutex_);
  ProjectionStats s;
  s.position = position_;
  s.persons = static_cast<int64_t>(persons_.size());
  for (const auto& p : persons_) {
    s.facts += static_cast<int64_t>(p.tests.size() + p.lost.size() + p.releases.size() +
                                    p.community.size() + p.actions.size() + p.handovers.size() +
                                    p.aftercare.size());
  }
  s.refreshed = refreshed_;
  s.load_seconds = load_seconds_;
  return s;
}

// --- queries ----------------------------------------------------------------------------------

std::optional<int32_t> IndicatorProjection::OrgIndex(const std::string& code) const {
  std::shared_lock lock(mutex_);
  auto it = org_by_code_.find(code);
  if (it == org_by_code_.end()) return std::nullopt;
  return it->second;
}

std::vector<int32_t> IndicatorProjection::Children(int32_t org) const {
  std::shared_lock lock(mutex_);
  std::vector<int32_t> out;
  const ProjectedOrg& parent = orgs_[org];
  for (int32_t i = org + 1; i < parent.end;) {
    out.push_back(i);
    i = orgs_[i].end;  // skip the child's subtree
  }
  std::sort(out.begin(), out.end(),
            [&](int32_t a, int32_t b) { return orgs_[a].code < orgs_[b].code; });
  return out;
}

template <typename Visit>
void IndicatorProjection::VisitSubtree(int32_t org, Visit&& visit) const {
  const uint32_t epoch = marks.Next(persons_.size());
  for (int32_t o = org; o < orgs_[org].end; ++o) {
    for (int32_t slot : at_org_[o]) {
      if (marks.stamp[slot] == epoch) continue;
      marks.stamp[slot] = epoch;
      visit(persons_[slot]);
    }
  }
}

void IndicatorProjection::Cohort(
    int32_t org, Date from, Date to,
    const std::function<void(const std::vector<CohortEntry>&)>& visit) const {
  std::shared_lock lock(mutex_);
  const int32_t lo = org, hi = orgs_[org].end;
  auto in = [&](int32_t o) { return o >= lo && o < hi; };
  std::vector<CohortEntry> out;
  VisitSubtree(org, [&](const ProjectedPerson& p) {
    const bool home = in(p.home);
    for (const auto& r : p.releases) {
      if (r.day < from.days() || r.day > to.days()) continue;
      if (home || in(r.facility)) out.push_back({p.id, &sexes_[p.sex], &r, &orgs_[r.facility]});
    }
  });
  std::sort(out.begin(), out.end(), [](const CohortEntry& a, const CohortEntry& b) {
    return std::tie(a.release->day, a.release->episode_id) <
           std::tie(b.release->day, b.release->episode_id);
  });
  visit(out);
}

IndicatorProjection::Tally IndicatorProjection::Count(int32_t org,
                                                      const std::vector<int32_t>& children,
                                                      Date from, Date to, Date today) const {
  const int32_t lo = org, hi = orgs_[org].end;
  // Buckets: each child's subtree, then the unit's own records, then the whole subtree.
  const int own = static_cast<int>(children.size()), total = own + 1;
  std::vector<int> bucket(static_cast<std::size_t>(hi - lo), own);
  for (int k = 0; k < own; ++k) {
    for (int32_t o = children[k]; o < orgs_[children[k]].end; ++o) bucket[o - lo] = k;
  }
  Tally out;
  std::vector<UnitFigures>& units = out.units;
  units.resize(static_cast<std::size_t>(total) + 1);
  for (int k = 0; k < own; ++k) {
    units[k].code = orgs_[children[k]].code;
    units[k].name = orgs_[children[k]].name;
  }
  units[own].name = units[total].name = orgs_[org].name;
  units[total].code = orgs_[org].code;
  // Each fact counts in its bucket and in the total.
  auto add = [&](int32_t o, const auto& fn) {
    fn(units[bucket[o - lo]]);
    fn(units[total]);
  };
  for (int32_t o = lo; o < hi; ++o) {
    if (orgs_[o].beds > 0) add(o, [&](UnitFigures& u) { u.beds += orgs_[o].beds; });
  }
  // Trend months: the 12 calendar months ending with `to`'s month.
  const Date last_month = *Date::FromYmd(to.year(), to.month(), 1);
  std::vector<std::pair<int32_t, int32_t>> months;
  for (int i = 11; i >= 0; --i) {
    const Date m = last_month.AddMonths(-i);
    months.emplace_back(m.days(), m.AddMonths(1).days() - 1);
    out.trend.push_back({m.year(), m.month(), 0, 0, 0, 0, 0});
  }
  const int32_t f = from.days(), t = to.days(), now = today.days();
  const int32_t trend_lo = months.front().first, trend_hi = months.back().second;
  const auto desens =
      static_cast<uint8_t>(1u << static_cast<int>(Programme::kSystematicDesensitisation));
  std::vector<std::array<int, kContactKindNames.size()>> kinds(units.size());
  std::vector<int> seen, seen_contacts;
  auto in = [&](int32_t o) { return o >= lo && o < hi; };

  VisitSubtree(org, [&](const ProjectedPerson& p) {
    const bool home = in(p.home);
    // Current users.
    if (home && !p.gone) {
      const bool three_years = p.last_use != kNoDay && now - p.last_use >= 1095 &&
                               p.last_abstinent != kNoDay && p.last_abstinent >= p.last_use + 1095;
      if (!three_years) add(p.home, [](UnitFigures& u) { ++u.current_users; });
    }
    // Release cohort.
    for (const auto& r : p.releases) {
      if (r.day < f || r.day > t) continue;
      const bool by_facility = in(r.facility);
      if (!home && !by_facility) continue;
      seen.clear();
      if (home) seen.push_back(bucket[p.home - lo]);
      if (by_facility) seen.push_back(bucket[r.facility - lo]);
      seen.push_back(total);
      std::sort(seen.begin(), seen.end());
      seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
      for (int k : seen) {
        UnitFigures& u = units[k];
        ++u.released;
        u.reached += r.reached ? 1 : 0;
        u.abstinent += r.abstinent ? 1 : 0;
        if (r.day <= now - 1095) {
          ++u.three_years_eligible;
          u.three_years_abstinent += r.three_years_abstinent ? 1 : 0;
        }
      }
      out.observations.push_back(
          {(r.programmes & desens) ? "systematic_desensitisation" : "none", r.days, r.relapsed});
    }
    // Community measures, in the period and in each trend month.
    seen.clear();
    uint16_t month_bits = 0;
    for (const auto& s : p.community) {
      if (!in(s.org)) continue;
      if (s.start <= t && s.end >= f) seen.push_back(bucket[s.org - lo]);
      if (s.start <= trend_hi && s.end >= trend_lo) {
        for (std::size_t m = 0; m < months.size(); ++m) {
          if (s.start <= months[m].second && s.end >= months[m].first) month_bits |= 1u << m;
        }
      }
    }
    if (!seen.empty()) {
      std::sort(seen.begin(), seen.end());
      seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
      const bool tested = TestedIn(p.tests, f, t);
      const bool lost = InRange(p.lost, f, t);
      auto count = [&](UnitFigures& u) {
        ++u.under_measures;
        u.tested += tested ? 1 : 0;
        u.lost_contact += lost ? 1 : 0;
      };
      for (int k : seen) count(units[k]);
      count(units[total]);
    }
    if (month_bits != 0) {
      // Months with a test or a lost-contact alert, from one walk over each sorted list.
      auto month_of = [&](int32_t day) {
        std::size_t m = 0;
        while (m + 1 < months.size() && day > months[m].second) ++m;
        return m;
      };
      uint16_t tested_bits = 0, lost_bits = 0;
      for (auto it = std::lower_bound(p.tests.begin(), p.tests.end(), trend_lo * 2);
           it != p.tests.end() && (*it >> 1) <= trend_hi; ++it) {
        tested_bits |= 1u << month_of(*it >> 1);
      }
      for (auto it = std::lower_bound(p.lost.begin(), p.lost.end(), trend_lo);
           it != p.lost.end() && *it <= trend_hi; ++it) {
        lost_bits |= 1u << month_of(*it);
      }
      for (std::size_t m = 0; m < months.size(); ++m) {
        if (!(month_bits & (1u << m))) continue;
        ++out.trend[m].under_measures;
        out.trend[m].tested += (tested_bits >> m) & 1;
        out.trend[m].lost_contact += (lost_bits >> m) & 1;
      }
    }
    for (const auto& h : p.handovers) {
      if (!in(h.org) || h.due < f || h.due > t) continue;
      const bool on_time = h.reported != kNoDay && h.reported <= h.due;
      add(h.org, [&](UnitFigures& u) {
        ++u.handovers_due;
        u.handovers_on_time += on_time ? 1 : 0;
      });
    }
    seen_contacts.clear();
    for (const auto& c : p.aftercare) {
      if (!in(c.org) || c.day < f || c.day > t) continue;
      for (int b : {bucket[c.org - lo], total}) {
        ++units[b].aftercare_contacts;
        ++kinds[b][c.kind];
        seen_contacts.push_back(b);
      }
    }
    std::sort(seen_contacts.begin(), seen_contacts.end());
    seen_contacts.erase(std::unique(seen_contacts.begin(), seen_contacts.end()),
                        seen_contacts.end());
    for (int b : seen_contacts) ++units[b].aftercare_persons;
    for (const auto& a : p.actions) {
      if (!in(a.org)) continue;
      if (a.day >= f && a.day <= t) {
        add(a.org, [&](UnitFigures& u) { (a.admit ? u.admissions : u.releases) += 1; });
      }
      if (a.day >= trend_lo && a.day <= trend_hi) {
        for (std::size_t m = 0; m < months.size(); ++m) {
          if (a.day >= months[m].first && a.day <= months[m].second)
            (a.admit ? out.trend[m].admissions : out.trend[m].releases) += 1;
        }
      }
    }
    if (p.occupying >= 0 && in(p.occupying)) add(p.occupying, [](UnitFigures& u) { ++u.occupied; });
  });

  for (std::size_t b = 0; b < units.size(); ++b) {
    for (std::size_t k = 0; k < kinds[b].size(); ++k) {
      if (kinds[b][k] > 0)
        units[b].aftercare_by_kind[std::string(kContactKindNames[k].second)] = kinds[b][k];
    }
  }
  return out;
}

std::vector<ActivityCounts> IndicatorProjection::Activity(int32_t org,
                                                          const std::vector<int32_t>& children,
                                                          Date from, Date to) const {
  std::shared_lock lock(mutex_);
  const Tally tally = Count(org, children, from, to, to);
  std::vector<ActivityCounts> out;
  for (const UnitFigures& u : tally.units) {
    out.push_back({u.under_measures, u.tested, u.lost_contact, u.handovers_due, u.handovers_on_time,
                   u.aftercare_persons, u.aftercare_contacts, u.admissions, u.releases,
                   u.aftercare_by_kind});
  }
  return out;
}

DashboardFigures IndicatorProjection::Dashboard(int32_t org, Date from, Date to, Date today) const {
  const std::vector<int32_t> children = Children(org);
  Tally tally;
  {
    std::shared_lock lock(mutex_);
    tally = Count(org, children, from, to, today);
  }
  DashboardFigures out;
  out.org_unit = orgs_[org].code;
  out.from = from;
  out.to = to;
  out.as_of = today;
  out.total = std::move(tally.units.back());
  tally.units.resize(children.size());  // the unit's own records count in the total only
  out.children = std::move(tally.units);
  out.trend = std::move(tally.trend);
  // Survival of the two groups (domain/survival.h): S(t) at 1, 2 and 3 years is the estimate
  // after the last relapse time <= t.
  const auto analysis = AnalyseSurvival(tally.observations);
  for (const char* group : {"none", "systematic_desensitisation"}) {
    SurvivalFigures s;
    s.group = group;
    if (analysis.ok()) {
      for (const auto& g : analysis->groups) {
        if (g.name != group) continue;
        s.n = g.n;
        s.events = g.events;
        for (const auto& point : g.curve) {
          if (point.t <= 365) s.at_1y = point.surv;
          if (point.t <= 730) s.at_2y = point.surv;
          if (point.t <= 1095) s.at_3y = point.surv;
        }
      }
    }
    out.survival.push_back(s);
  }
  return out;
}

int64_t IndicatorProjection::RawPass(int32_t org) const {
  std::shared_lock lock(mutex_);
  int64_t sum = 0;
  VisitSubtree(org, [&](const ProjectedPerson& p) {
    sum += p.home + p.occupying + p.last_use + p.last_abstinent;
    for (int32_t t : p.tests) sum += t;
    for (int32_t d : p.lost) sum += d;
    for (const auto& r : p.releases) sum += r.day + r.facility + r.days + r.programmes;
    for (const auto& s : p.community) sum += s.org + s.start + s.end;
    for (const auto& h : p.handovers) sum += h.org + h.due + h.reported;
    for (const auto& c : p.aftercare) sum += c.org + c.day + c.kind;
    for (const auto& a : p.actions) sum += a.org + a.day;
  });
  return sum;
}

}  // namespace huigui::store
