#include "store/allocation_repository.h"

#include "store/person_repository.h"

namespace huigui::store {
namespace {

constexpr const char* kDeleteNeeds = "DELETE FROM admission_needs WHERE episode_id = :e";
constexpr const char* kInsertNeeds =
    "INSERT INTO admission_needs (episode_id, medical_needs, pregnant, nursing_infant_under_1, "
    "recorded_by, updated_at) VALUES (:e, :m, :p, :n, :by, :at)";
constexpr const char* kFindNeeds =
    "SELECT medical_needs, pregnant, nursing_infant_under_1, recorded_by, updated_at "
    "FROM admission_needs WHERE episode_id = :e";

constexpr const char* kDeleteLocation = "DELETE FROM org_unit_locations WHERE org_unit_id = :o";
constexpr const char* kInsertLocation =
    "INSERT INTO org_unit_locations (org_unit_id, latitude, longitude, updated_at) "
    "VALUES (:o, :la, :lo, :at)";
constexpr const char* kLocations =
    "SELECT o.id, o.code, o.kind, o.path, l.latitude, l.longitude FROM org_unit_locations l "
    "JOIN org_units o ON o.id = l.org_unit_id ORDER BY o.path";

// Decided, not admitted: open compulsory isolation without an admit action (every state after
// `decided` needs one, and the closing actions close the row).
const std::string kPending =
    std::string(
        "SELECT e.id, p.id, p.alias, p.sex, p.birth_year, h.path, eo.code, "
        "COALESCE(n.medical_needs, 0), COALESCE(n.pregnant, 0), "
        "COALESCE(n.nursing_infant_under_1, 0), COALESCE(n.recorded_by, ''), "
        "COALESCE(n.updated_at, '') FROM episodes e JOIN persons p ON p.id = e.person_id "
        "JOIN org_units h ON h.id = p.home_org_id JOIN org_units eo ON eo.id = e.org_unit_id "
        "LEFT JOIN admission_needs n ON n.episode_id = e.id "
        "WHERE e.kind = 'compulsory_isolation' AND e.status = 'open' AND NOT EXISTS "
        "(SELECT 1 FROM episode_actions a WHERE a.episode_id = e.id AND a.action = 'admit') "
        "AND ") +
    kPersonInScope + " ORDER BY e.id";

constexpr const char* kFacilitiesInScope =
    "SELECT o.id, o.code, o.name, o.path FROM org_units o "
    "JOIN facility_profiles f ON f.org_unit_id = o.id "
    "WHERE o.kind = 'facility' AND o.path LIKE :s ORDER BY o.code";

constexpr const char* kInsertProposal =
    "INSERT INTO allocation_proposals (scope_org_id, status, out_of_region_penalty_km, "
    "exclude_under_16, pending, placed, unplaced, out_of_region, distance_m, placement_cost, "
    "objective, solve_ms, created_by, created_at) VALUES (:s, :st, :pk, :ex, :pe, :pl, :un, :oo, "
    ":d, :pc, :ob, :ms, :by, :at) RETURNING id";
constexpr const char* kInsertFacility =
    "INSERT INTO allocation_facilities (proposal_id, org_unit_id, region, beds, occupied, "
    "free_beds) VALUES (:p, :o, :r, :b, :oc, :f)";
constexpr const char* kInsertGroup =
    "INSERT INTO allocation_groups (proposal_id, group_no, sex, age_from, age_to, home_county, "
    "home_region, medical_needs, pregnant, nursing_infant_under_1, size) "
    "VALUES (:p, :g, :s, :af, :at, :hc, :hr, :m, :pr, :nu, :sz)";
constexpr const char* kInsertOutcome =
    "INSERT INTO allocation_outcomes (proposal_id, group_no, facility_org_id, count, distance_m, "
    "cost, out_of_region, nearer, reason, rules, explanation) "
    "VALUES (:p, :g, :f, :c, :d, :co, :oo, :ne, :r, :ru, :ex)";
constexpr const char* kInsertItem =
    "INSERT INTO allocation_items (proposal_id, episode_id, person_id, group_no, "
    "facility_org_id, distance_m, cost, out_of_region, explanation) "
    "VALUES (:p, :e, :pe, :g, :f, :d, :co, :oo, :ex)";

constexpr const char* kProposalColumns =
    "SELECT a.id, a.scope_org_id, s.code, a.status, a.out_of_region_penalty_km, "
    "a.exclude_under_16, a.pending, a.placed, a.unplaced, a.out_of_region, a.distance_m, "
    "a.placement_cost, a.objective, a.solve_ms, a.created_by, a.created_at, "
    "COALESCE(a.approved_by, ''), COALESCE(a.approved_at, '') "
    "FROM allocation_proposals a JOIN org_units s ON s.id = a.scope_org_id ";
constexpr const char* kProposalFacilities =
    "SELECT f.org_unit_id, o.code, o.name, f.region, f.beds, f.occupied, f.free_beds "
    "FROM allocation_facilities f JOIN org_units o ON o.id = f.org_unit_id "
    "WHERE f.proposal_id = :p ORDER BY o.code";
constexpr const char* kProposalGroups =
    "SELECT g.group_no, g.sex, g.age_from, g.age_to, g.home_county, g.home_region, "
    "COALESCE(c.name, ''), g.medical_needs, g.pregnant, g.nursing_infant_under_1, g.size "
    "FROM allocation_groups g LEFT JOIN org_units c ON c.code = g.home_county "
    "WHERE g.proposal_id = :p ORDER BY g.group_no";
constexpr const char* kProposalOutcomes =
    "SELECT r.group_no, COALESCE(r.facility_org_id, 0), COALESCE(o.code, ''), r.count, "
    "r.distance_m, r.cost, r.out_of_region, r.nearer, COALESCE(r.reason, ''), r.rules, "
    "r.explanation FROM allocation_outcomes r LEFT JOIN org_units o ON o.id = r.facility_org_id "
    "WHERE r.proposal_id = :p ORDER BY r.id";
constexpr const char* kProposalItems =
    "SELECT i.episode_id, i.person_id, p.alias, i.group_no, COALESCE(i.facility_org_id, 0), "
    "COALESCE(o.code, ''), i.distance_m, i.cost, i.out_of_region, i.explanation "
    "FROM allocation_items i JOIN persons p ON p.id = i.person_id "
    "LEFT JOIN org_units o ON o.id = i.facility_org_id WHERE i.proposal_id = :p "
    "ORDER BY CASE WHEN i.facility_org_id IS NULL THEN 1 ELSE 0 END, o.code, i.id "
    "LIMIT :l OFFSET :off";
constexpr const char* kCountItems = "SELECT COUNT(*) FROM allocation_items WHERE proposal_id = :p";
constexpr const char* kApprove =
    "UPDATE allocation_proposals SET status = 'approved', approved_by = :by, approved_at = :at "
    "WHERE id = :id AND status = 'proposed'";

}  // namespace

void AllocationRepository::PutNeeds(int64_t episode_id, const AdmissionNeeds& n, Timestamp now) {
  const long long e = episode_id;
  const int p = n.pregnant ? 1 : 0, nu = n.nursing_infant_under_1 ? 1 : 0;
  const std::string at = now.ToString();
  sql_ << kDeleteNeeds, soci::use(e);
  sql_ << kInsertNeeds, soci::use(e, "e"), soci::use(n.medical_needs, "m"), soci::use(p, "p"),
      soci::use(nu, "n"), soci::use(n.recorded_by, "by"), soci::use(at, "at");
}

std::optional<AdmissionNeeds> AllocationRepository::FindNeeds(int64_t episode_id) {
  const long long e = episode_id;
  AdmissionNeeds n;
  int p = 0, nu = 0;
  sql_ << kFindNeeds, soci::use(e), soci::into(n.medical_needs), soci::into(p), soci::into(nu),
      soci::into(n.recorded_by), soci::into(n.updated_at);
  if (!sql_.got_data()) return std::nullopt;
  n.pregnant = p != 0;
  n.nursing_infant_under_1 = nu != 0;
  return n;
}

void AllocationRepository::PutLocation(int64_t org_unit_id, double latitude, double longitude,
                                       Timestamp now) {
  const long long o = org_unit_id;
  const std::string at = now.ToString();
  sql_ << kDeleteLocation, soci::use(o);
  sql_ << kInsertLocation, soci::use(o, "o"), soci::use(latitude, "la"), soci::use(longitude, "lo"),
      soci::use(at, "at");
}

std::vector<LocationRow> AllocationRepository::Locations() {
  LocationRow r;
  long long id = 0;
  soci::statement st =
      (sql_.prepare << kLocations, soci::into(id), soci::into(r.code), soci::into(r.kind),
       soci::into(r.path), soci::into(r.latitude), soci::into(r.longitude));
  st.execute();
  std::vector<LocationRow> out;
  while (st.fetch()) {
    r.org_unit_id = id;
    out.push_back(r);
  }
  return out;
}

std::vector<PendingRow> AllocationRepository::Pending(const std::string& scope_path) {
  const std::string like = scope_path + "%";
  PendingRow r;
  long long e = 0, p = 0;
  int pregnant = 0, nursing = 0;
  soci::statement st =
      (sql_.prepare << kPending, soci::use(like, "scope_a"), soci::use(like, "scope_b"),
       soci::into(e), soci::into(p), soci::into(r.alias), soci::into(r.sex),
       soci::into(r.birth_year), soci::into(r.home_path), soci::into(r.org_code),
       soci::into(r.needs.medical_needs), soci::into(pregnant), soci::into(nursing),
       soci::into(r.needs.recorded_by), soci::into(r.needs.updated_at));
  st.execute();
  std::vector<PendingRow> out;
  while (st.fetch()) {
    r.episode_id = e;
    r.person_id = p;
    r.needs.pregnant = pregnant != 0;
    r.needs.nursing_infant_under_1 = nursing != 0;
    out.push_back(r);
  }
  return out;
}

std::vector<FacilityRow> AllocationRepository::FacilitiesInScope(const std::string& scope_path) {
  const std::string like = scope_path + "%";
  FacilityRow r;
  long long id = 0;
  soci::statement st = (sql_.prepare << kFacilitiesInScope, soci::use(like, "s"), soci::into(id),
                        soci::into(r.code), soci::into(r.name), soci::into(r.path));
  st.execute();
  std::vector<FacilityRow> out;
  while (st.fetch()) {
    r.org_unit_id = id;
    out.push_back(r);
  }
  return out;
}

int64_t AllocationRepository::InsertProposal(const ProposalRow& p) {
  const long long s = p.scope_org_id, d = p.distance_m, pc = p.placement_cost, ob = p.objective;
  const int ex = p.exclude_under_16 ? 1 : 0;
  long long id = 0;
  sql_ << kInsertProposal, soci::use(s, "s"), soci::use(p.status, "st"),
      soci::use(p.out_of_region_penalty_km, "pk"), soci::use(ex, "ex"), soci::use(p.pending, "pe"),
      soci::use(p.placed, "pl"), soci::use(p.unplaced, "un"), soci::use(p.out_of_region, "oo"),
      soci::use(d, "d"), soci::use(pc, "pc"), soci::use(ob, "ob"), soci::use(p.solve_ms, "ms"),
      soci::use(p.created_by, "by"), soci::use(p.created_at, "at"), soci::into(id);
  return id;
}

void AllocationRepository::InsertFacility(int64_t proposal_id, const ProposalFacilityRow& f) {
  const long long p = proposal_id, o = f.org_unit_id;
  sql_ << kInsertFacility, soci::use(p, "p"), soci::use(o, "o"), soci::use(f.region, "r"),
      soci::use(f.beds, "b"), soci::use(f.occupied, "oc"), soci::use(f.free_beds, "f");
}

void AllocationRepository::InsertGroup(int64_t proposal_id, const ProposalGroupRow& g) {
  const long long p = proposal_id;
  const int pr = g.pregnant ? 1 : 0, nu = g.nursing_infant_under_1 ? 1 : 0;
  sql_ << kInsertGroup, soci::use(p, "p"), soci::use(g.group_no, "g"), soci::use(g.sex, "s"),
      soci::use(g.age_from, "af"), soci::use(g.age_to, "at"), soci::use(g.home_county, "hc"),
      soci::use(g.home_region, "hr"), soci::use(g.medical_needs, "m"), soci::use(pr, "pr"),
      soci::use(nu, "nu"), soci::use(g.size, "sz");
}

void AllocationRepository::InsertOutcome(int64_t proposal_id, const OutcomeRow& o) {
  const long long p = proposal_id, f = o.facility_org_id.value_or(0), d = o.distance_m, co = o.cost;
  const int oo = o.out_of_region ? 1 : 0;
  const std::string reason = o.reason.value_or("");
  soci::indicator fi = o.facility_org_id ? soci::i_ok : soci::i_null;
  soci::indicator ri = o.reason ? soci::i_ok : soci::i_null;
  sql_ << kInsertOutcome, soci::use(p, "p"), soci::use(o.group_no, "g"), soci::use(f, fi, "f"),
      soci::use(o.count, "c"), soci::use(d, "d"), soci::use(co, "co"), soci::use(oo, "oo"),
      soci::use(o.nearer, "ne"), soci::use(reason, ri, "r"), soci::use(o.rules, "ru"),
      soci::use(o.explanation, "ex");
}

void AllocationRepository::InsertItem(int64_t proposal_id, const ItemRow& i) {
  const long long p = proposal_id, e = i.episode_id, pe = i.person_id,
                  f = i.facility_org_id.value_or(0), d = i.distance_m, co = i.cost;
  const int oo = i.out_of_region ? 1 : 0;
  soci::indicator fi = i.facility_org_id ? soci::i_ok : soci::i_null;
  sql_ << kInsertItem, soci::use(p, "p"), soci::use(e, "e"), soci::use(pe, "pe"),
      soci::use(i.group_no, "g"), soci::use(f, fi, "f"), soci::use(d, "d"), soci::use(co, "co"),
      soci::use(oo, "oo"), soci::use(i.explanation, "ex");
}

namespace {

std::vector<ProposalRow> FetchProposals(soci::session& sql, const std::string& where,
                                        const std::string& like, long long id) {
  ProposalRow r;
  long long pid = 0, scope = 0, d = 0, pc = 0, ob = 0;
  int ex = 0;
  std::string by, at;
  soci::statement st =
      (sql.prepare << std::string(kProposalColumns) + where, soci::use(like, "s"),
       soci::use(id, "i1"), soci::use(id, "i2"), soci::into(pid), soci::into(scope),
       soci::into(r.scope_code), soci::into(r.status), soci::into(r.out_of_region_penalty_km),
       soci::into(ex), soci::into(r.pending), soci::into(r.placed), soci::into(r.unplaced),
       soci::into(r.out_of_region), soci::into(d), soci::into(pc), soci::into(ob),
       soci::into(r.solve_ms), soci::into(r.created_by), soci::into(r.created_at), soci::into(by),
       soci::into(at));
  st.execute();
  std::vector<ProposalRow> out;
  while (st.fetch()) {
    r.id = pid;
    r.scope_org_id = scope;
    r.exclude_under_16 = ex != 0;
    r.distance_m = d;
    r.placement_cost = pc;
    r.objective = ob;
    r.approved_by = by.empty() ? std::nullopt : std::optional<std::string>(by);
    r.approved_at = at.empty() ? std::nullopt : std::optional<std::string>(at);
    out.push_back(r);
  }
  return out;
}

}  // namespace

std::vector<ProposalRow> AllocationRepository::Proposals(const std::string& scope_path) {
  return FetchProposals(sql_, "WHERE s.path LIKE :s AND (:i1 = 0 OR a.id = :i2) ORDER BY a.id DESC",
                        scope_path + "%", 0);
}

std::optional<ProposalRow> AllocationRepository::FindProposal(int64_t id,
                                                              const std::string& scope_path) {
  auto rows = FetchProposals(sql_, "WHERE s.path LIKE :s AND (:i1 = 0 OR a.id = :i2)",
                             scope_path + "%", static_cast<long long>(id));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<ProposalFacilityRow> AllocationRepository::Facilities(int64_t proposal_id) {
  const long long p = proposal_id;
  ProposalFacilityRow r;
  long long o = 0;
  soci::statement st = (sql_.prepare << kProposalFacilities, soci::use(p, "p"), soci::into(o),
                        soci::into(r.code), soci::into(r.name), soci::into(r.region),
                        soci::into(r.beds), soci::into(r.occupied), soci::into(r.free_beds));
  st.execute();
  std::vector<ProposalFacilityRow> out;
  while (st.fetch()) {
    r.org_unit_id = o;
    out.push_back(r);
  }
  return out;
}

std::vector<ProposalGroupRow> AllocationRepository::Groups(int64_t proposal_id) {
  const long long p = proposal_id;
  ProposalGroupRow r;
  int pr = 0, nu = 0;
  soci::statement st =
      (sql_.prepare << kProposalGroups, soci::use(p, "p"), soci::into(r.group_no),
       soci::into(r.sex), soci::into(r.age_from), soci::into(r.age_to), soci::into(r.home_county),
       soci::into(r.home_region), soci::into(r.home_county_name), soci::into(r.medical_needs),
       soci::into(pr), soci::into(nu), soci::into(r.size));
  st.execute();
  std::vector<ProposalGroupRow> out;
  while (st.fetch()) {
    r.pregnant = pr != 0;
    r.nursing_infant_under_1 = nu != 0;
    out.push_back(r);
  }
  return out;
}

std::vector<OutcomeRow> AllocationRepository::Outcomes(int64_t proposal_id) {
  const long long p = proposal_id;
  OutcomeRow r;
  long long f = 0, d = 0, co = 0;
  int oo = 0;
  std::string reason;
  soci::statement st =
      (sql_.prepare << kProposalOutcomes, soci::use(p, "p"), soci::into(r.group_no), soci::into(f),
       soci::into(r.facility_code), soci::into(r.count), soci::into(d), soci::into(co),
       soci::into(oo), soci::into(r.nearer), soci::into(reason), soci::into(r.rules),
       soci::into(r.explanation));
  st.execute();
  std::vector<OutcomeRow> out;
  while (st.fetch()) {
    r.facility_org_id = f ? std::optional<int64_t>(f) : std::nullopt;
    r.distance_m = d;
    r.cost = co;
    r.out_of_region = oo != 0;
    r.reason = reason.empty() ? std::nullopt : std::optional<std::string>(reason);
    out.push_back(r);
  }
  return out;
}

std::vector<ItemRow> AllocationRepository::Items(int64_t proposal_id, int limit, int offset) {
  const long long p = proposal_id;
  const int l = limit < 0 ? 1'000'000'000 : limit;
  ItemRow r;
  long long e = 0, pe = 0, f = 0, d = 0, co = 0;
  int oo = 0;
  soci::statement st =
      (sql_.prepare << kProposalItems, soci::use(p, "p"), soci::use(l, "l"),
       soci::use(offset, "off"), soci::into(e), soci::into(pe), soci::into(r.alias),
       soci::into(r.group_no), soci::into(f), soci::into(r.facility_code), soci::into(d),
       soci::into(co), soci::into(oo), soci::into(r.explanation));
  st.execute();
  std::vector<ItemRow> out;
  while (st.fetch()) {
    r.episode_id = e;
    r.person_id = pe;
    r.facility_org_id = f ? std::optional<int64_t>(f) : std::nullopt;
    r.distance_m = d;
    r.cost = co;
    r.out_of_region = oo != 0;
    out.push_back(r);
  }
  return out;
}

int AllocationRepository::CountItems(int64_t proposal_id) {
  const long long p = proposal_id;
  long long n = 0;
  sql_ << kCountItems, soci::use(p), soci::into(n);
  return static_cast<int>(n);
}

bool AllocationRepository::MarkApproved(int64_t id, const std::string& by, Timestamp at) {
  const long long i = id;
  const std::string a = at.ToString();
  soci::statement st =
      (sql_.prepare << kApprove, soci::use(by, "by"), soci::use(a, "at"), soci::use(i, "id"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace huigui::store
