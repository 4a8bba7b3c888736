#include "app/allocation_service.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <set>

#include <nlohmann/json.hpp>

#include "app/transaction_runner.h"
#include "app/use_case_support.h"
#include "store/continuum_repository.h"
#include "store/facility_repository.h"
#include "store/org_unit_repository.h"
#include "store/person_repository.h"

namespace huigui::app {

using nlohmann::json;
using store::Transaction;

namespace {

constexpr int kMaxPenaltyKm = 5000;

Status RequireDirector(const RequestContext& ctx) {
  if (!ctx.actor) return Status::Unauthenticated("not logged in");
  if (ctx.actor->role != Role::kDirector) {
    return Status::PermissionDenied("only directors allocate admissions");
  }
  return Status::Ok();
}

// "/420000/420100/420102/" → {"420000", "420100", "420102"}.
std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t pos; (pos = path.find('/', start)) != std::string::npos; start = pos + 1) {
    if (pos > start) out.push_back(path.substr(start, pos - start));
  }
  return out;
}

// Everything the solver needs, read in the caller's transaction.
struct Inputs {
  std::vector<store::PendingRow> pending;
  std::vector<PendingAdmission> admissions;  // same order as pending
  std::vector<FacilityCapacity> capacities;
  std::vector<store::ProposalFacilityRow> facilities;  // same order as capacities
};

struct Point {
  double lat = 0, lon = 0;
};

// The facilities in scope that take compulsory isolation, with free beds now. A facility under a
// city belongs to that city's region; a provincial one to the region of the county seat nearest
// to it (Shizishan stands in Wuhan).
std::vector<std::pair<FacilityCapacity, store::ProposalFacilityRow>> LoadFacilities(
    Transaction& tx, const std::string& scope_path,
    const std::vector<store::LocationRow>& locations, Date today) {
  store::AllocationRepository repo(tx.sql());
  store::FacilityRepository profiles(tx.sql());
  std::vector<std::pair<FacilityCapacity, store::ProposalFacilityRow>> out;
  for (const auto& f : repo.FacilitiesInScope(scope_path)) {
    const auto profile = profiles.Find(f.org_unit_id);
    if (!profile || profile->kind == "voluntary") continue;
    const int occupied = profiles.Capacity(f.org_unit_id, today, today).occupied;
    FacilityCapacity c;
    c.code = f.code;
    c.lat = profile->latitude;
    c.lon = profile->longitude;
    c.free_beds = std::max(0, profile->beds - occupied);
    c.accepts_male = profile->sexes != "female";
    c.accepts_female = profile->sexes != "male";
    c.min_age = profile->min_age;
    c.max_age = profile->max_age;
    c.medical_level = profile->medical_level;
    c.kind = profile->max_age < 18        ? FacilityKind::kJuvenile
             : profile->sexes == "female" ? FacilityKind::kWomen
                                          : FacilityKind::kMen;
    const auto segments = Segments(f.path);
    if (segments.size() >= 3) {
      c.region = segments[1];
    } else {
      std::int64_t best = std::numeric_limits<std::int64_t>::max();
      c.region = segments.empty() ? f.code : segments[0];
      for (const auto& l : locations) {
        const auto ls = Segments(l.path);
        if (l.kind != "county" || ls.size() < 2) continue;
        const auto d = GreatCircleMetres(c.lat, c.lon, l.latitude, l.longitude);
        if (d < best) best = d, c.region = ls[1];
      }
    }
    store::ProposalFacilityRow row;
    row.org_unit_id = f.org_unit_id;
    row.code = f.code;
    row.name = f.name;
    row.region = c.region;
    row.beds = profile->beds;
    row.occupied = occupied;
    row.free_beds = c.free_beds;
    out.emplace_back(std::move(c), std::move(row));
  }
  return out;
}

Result<Inputs> LoadInputs(Transaction& tx, const RequestContext& ctx) {
  store::AllocationRepository repo(tx.sql());
  const auto locations = repo.Locations();
  std::map<std::string, Point> where;
  for (const auto& l : locations) where[l.code] = {l.latitude, l.longitude};
  Inputs in;
  in.pending = repo.Pending(ctx.actor->org_path);
  std::set<std::string> missing;
  for (const auto& p : in.pending) {
    const auto segments = Segments(p.home_path);
    PendingAdmission a;
    a.id = std::to_string(p.episode_id);
    a.sex = p.sex == "female" ? Sex::kFemale : Sex::kMale;
    a.age = ctx.today().year() - p.birth_year;
    a.home_county = segments.size() >= 3 ? segments[2] : segments.back();
    a.home_region = segments.size() >= 2 ? segments[1] : segments.back();
    a.medical_needs = p.needs.medical_needs;
    a.pregnant = p.needs.pregnant;
    a.nursing_infant_under_1 = p.needs.nursing_infant_under_1;
    // The county seat; failing that the city's, then the province's.
    bool found = false;
    for (const auto& code : {a.home_county, a.home_region, segments.front()}) {
      if (where.count(code)) {
        found = true;
        a.home_lat = where[code].lat;
        a.home_lon = where[code].lon;
        break;
      }
    }
    if (!found) missing.insert(a.home_county);
    in.admissions.push_back(std::move(a));
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    return Status::RuleViolation(
        "no coordinates for the home county of some pending admissions",
        {{"home_county", "location_missing", "no location recorded for " + list}});
  }
  for (auto& [capacity, row] : LoadFacilities(tx, ctx.actor->org_path, locations, ctx.today())) {
    in.capacities.push_back(std::move(capacity));
    in.facilities.push_back(std::move(row));
  }
  return in;
}

json NearerJson(const std::vector<NearerFacility>& nearer) {
  json out = json::array();
  for (const auto& n : nearer) {
    json rules = json::array();
    for (auto r : n.rules) rules.push_back(NameOf(kEligibilityRuleNames, r));
    out.push_back({{"facility", n.facility_code},
                   {"distance_m", n.distance_m},
                   {"reason", NameOf(kNotChosenReasonNames, n.reason)},
                   {"rules", rules}});
  }
  return out;
}

json RulesJson(const std::vector<RuleCount>& rules) {
  json out = json::array();
  for (const auto& r : rules) {
    out.push_back({{"rule", NameOf(kEligibilityRuleNames, r.rule)}, {"facilities", r.facilities}});
  }
  return out;
}

// The stored view of proposal `p`: facilities and groups summarised, one page of people.
ProposalView ReadView(Transaction& tx, const store::ProposalRow& p, int limit, int offset) {
  store::AllocationRepository repo(tx.sql());
  ProposalView view;
  view.proposal = p;
  view.limit = limit;
  view.offset = offset;
  const auto outcomes = repo.Outcomes(p.id);
  std::map<std::string, AllocationFacilitySummary*> by_code;
  for (const auto& f : repo.Facilities(p.id)) {
    view.facilities.push_back({f, 0, 0, f.free_beds});
  }
  for (auto& f : view.facilities) by_code[f.facility.code] = &f;
  for (const auto& g : repo.Groups(p.id)) view.groups.push_back({g, {}, 0});
  for (const auto& o : outcomes) {
    if (o.reason) {
      view.unplaced.push_back(o);
      continue;
    }
    if (o.group_no >= 0 && o.group_no < static_cast<int>(view.groups.size())) {
      view.groups[o.group_no].placements.push_back(o);
      view.groups[o.group_no].placed += o.count;
    }
    if (auto it = by_code.find(o.facility_code); it != by_code.end()) {
      it->second->placed += o.count;
      if (o.out_of_region) it->second->out_of_region += o.count;
      it->second->free_beds_after -= o.count;
    }
  }
  view.items = repo.Items(p.id, limit, offset);
  view.items_total = repo.CountItems(p.id);
  return view;
}

}  // namespace

Status ValidateAllocationOptions(const AllocationOptions& options) {
  FieldErrors errors;
  if (options.out_of_region_penalty_km < 0 || options.out_of_region_penalty_km > kMaxPenaltyKm) {
    errors.Add("out_of_region_penalty_km", "range",
               "must be 0 to " + std::to_string(kMaxPenaltyKm));
  }
  return errors.ToStatus();
}

// --- needs and locations ----------------------------------------------------------------------

namespace {

// The episode, when it is a compulsory isolation of a person in scope.
Result<store::EpisodeRow> IsolationInScope(Transaction& tx, const RequestContext& ctx,
                                           int64_t episode_id) {
  auto episode = store::ContinuumRepository(tx.sql()).FindEpisode(episode_id);
  if (!episode ||
      !store::PersonRepository(tx.sql()).FindInScope(episode->person_id, ctx.actor->org_path)) {
    return NotFound("episode", episode_id);
  }
  if (episode->kind != EpisodeKind::kCompulsoryIsolation) {
    return Status::RuleViolation(
        "admission needs belong to a compulsory isolation",
        {{"episode", "admission_needs_episode_kind", "not a compulsory isolation"}});
  }
  return *episode;
}

Status RequirePoliceOrDirector(const RequestContext& ctx) {
  if (!ctx.actor) return Status::Unauthenticated("not logged in");
  if (ctx.actor->role != Role::kPolice && ctx.actor->role != Role::kDirector) {
    return Status::PermissionDenied("the deciding police unit or a director records needs");
  }
  return Status::Ok();
}

}  // namespace

Result<store::AdmissionNeeds> AllocationService::Needs(const RequestContext& ctx,
                                                       int64_t episode_id) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(db_, Transaction::Mode::kWrite,
                       [&](Transaction& tx) -> Result<store::AdmissionNeeds> {
                         auto episode = IsolationInScope(tx, ctx, episode_id);
                         if (!episode.ok()) return episode.status();
                         Audit(tx, keys_, ctx, "admission_needs.read", episode->person_id,
                               "episode=" + std::to_string(episode_id));
                         return store::AllocationRepository(tx.sql())
                             .FindNeeds(episode_id)
                             .value_or(store::AdmissionNeeds{});
                       });
}

Result<store::AdmissionNeeds> AllocationService::SetNeeds(const RequestContext& ctx,
                                                          int64_t episode_id,
                                                          const store::AdmissionNeeds& needs) {
  if (Status s = RequirePoliceOrDirector(ctx); !s.ok()) return s;
  if (needs.medical_needs < 0 || needs.medical_needs > 2) {
    return Status::Invalid("medical_needs", "range", "must be 0, 1 or 2");
  }
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<store::AdmissionNeeds> {
        auto episode = IsolationInScope(tx, ctx, episode_id);
        if (!episode.ok()) return episode.status();
        store::AllocationRepository repo(tx.sql());
        bool decided = false;
        for (const auto& p : repo.Pending(ctx.actor->org_path)) {
          decided = decided || p.episode_id == episode_id;
        }
        if (!decided) {
          return Status::RuleViolation(
              "needs are recorded while the admission is pending",
              {{"episode", "admission_pending", "the episode is no longer decided"}});
        }
        const auto person =
            store::PersonRepository(tx.sql()).FindInScope(episode->person_id, ctx.actor->org_path);
        if (person->person.sex != Sex::kFemale) {
          FieldErrors errors;
          if (needs.pregnant) errors.Add("pregnant", "female_only", "only a woman can be pregnant");
          if (needs.nursing_infant_under_1) {
            errors.Add("nursing_infant_under_1", "female_only", "only a woman can be nursing");
          }
          if (!errors.empty()) {
            return Status::RuleViolation("the person is not a woman", errors.ToStatus().errors());
          }
        }
        store::AdmissionNeeds saved = needs;
        saved.recorded_by = ctx.actor->username;
        saved.updated_at = ctx.now.ToString();
        repo.PutNeeds(episode_id, saved, ctx.now);
        Audit(tx, keys_, ctx, "admission_needs.write", episode->person_id,
              "episode=" + std::to_string(episode_id));
        return saved;
      });
}

Result<store::LocationRow> AllocationService::SetLocation(const RequestContext& ctx,
                                                          const std::string& code, double latitude,
                                                          double longitude) {
  if (!ctx.actor) return Status::Unauthenticated("not logged in");
  if (ctx.actor->role != Role::kAdmin && ctx.actor->role != Role::kDirector) {
    return Status::PermissionDenied("directors and administrators maintain locations");
  }
  FieldErrors errors;
  if (!(latitude >= -90 && latitude <= 90)) errors.Add("latitude", "range", "must be -90 to 90");
  if (!(longitude >= -180 && longitude <= 180)) {
    errors.Add("longitude", "range", "must be -180 to 180");
  }
  if (!errors.empty()) return errors.ToStatus();
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<store::LocationRow> {
        auto org = store::OrgUnitRepository(tx.sql()).FindInScope(code, ctx.actor->org_path);
        if (!org) return Status::NotFound("no org unit " + code);
        store::AllocationRepository(tx.sql()).PutLocation(org->id, latitude, longitude, ctx.now);
        Audit(tx, keys_, ctx, "org_unit.location", std::nullopt, code);
        return store::LocationRow{
            org->id,   org->code, std::string(NameOf(kOrgUnitKindNames, org->kind)),
            org->path, latitude,  longitude};
      });
}

// --- proposals --------------------------------------------------------------------------------

Result<PendingOverview> AllocationService::Pending(const RequestContext& ctx) {
  if (Status s = RequireDirector(ctx); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<PendingOverview> {
        store::AllocationRepository repo(tx.sql());
        PendingOverview out;
        out.by_sex = {{"male", 0}, {"female", 0}};
        out.by_medical_needs = {{0, 0}, {1, 0}, {2, 0}};
        for (const auto& p : repo.Pending(ctx.actor->org_path)) {
          ++out.total;
          ++out.by_sex[p.sex];
          ++out.by_medical_needs[p.needs.medical_needs];
          out.pregnant += p.needs.pregnant ? 1 : 0;
          out.nursing_infant_under_1 += p.needs.nursing_infant_under_1 ? 1 : 0;
          out.under_16 += ctx.today().year() - p.birth_year < 16 ? 1 : 0;
        }
        for (auto& [capacity, row] :
             LoadFacilities(tx, ctx.actor->org_path, repo.Locations(), ctx.today())) {
          out.facilities.push_back(std::move(row));
        }
        Audit(tx, keys_, ctx, "allocation.pending", std::nullopt,
              "pending=" + std::to_string(out.total));
        return out;
      });
}

Result<ProposalView> AllocationService::Propose(const RequestContext& ctx,
                                                const AllocationOptions& options) {
  if (Status s = RequireDirector(ctx); !s.ok()) return s;
  if (Status s = ValidateAllocationOptions(options); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<ProposalView> {
        auto in = LoadInputs(tx, ctx);
        if (!in.ok()) return in.status();
        const auto started = std::chrono::steady_clock::now();
        auto result = Allocate(in->admissions, in->capacities, options);
        const double solve_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        if (!result.ok()) return result.status();

        store::AllocationRepository repo(tx.sql());
        store::ProposalRow p;
        p.scope_org_id = store::OrgUnitRepository(tx.sql()).FindByCode(ctx.actor->org_code)->id;
        p.status = "proposed";
        p.out_of_region_penalty_km = options.out_of_region_penalty_km;
        p.exclude_under_16 = options.exclude_under_16;
        p.pending = static_cast<int>(in->admissions.size());
        p.placed = result->placed;
        p.unplaced = result->unplaced_total;
        for (const auto& pl : result->placements)
          p.out_of_region += pl.out_of_region ? pl.count : 0;
        p.distance_m = result->distance_m;
        p.placement_cost = result->placement_cost;
        p.objective = result->objective;
        p.solve_ms = std::round(solve_ms * 1000) / 1000;
        p.created_by = ctx.actor->username;
        p.created_at = ctx.now.ToString();
        p.id = repo.InsertProposal(p);

        std::map<std::string, int64_t> facility_ids;
        for (const auto& f : in->facilities) {
          repo.InsertFacility(p.id, f);
          facility_ids[f.code] = f.org_unit_id;
        }
        std::map<std::string, const store::PendingRow*> by_episode;
        for (const auto& row : in->pending) by_episode[std::to_string(row.episode_id)] = &row;

        for (int g = 0; g < static_cast<int>(result->groups.size()); ++g) {
          const AdmissionGroup& group = result->groups[g];
          repo.InsertGroup(
              p.id, {g, std::string(NameOf(kSexNames, group.sex)), group.age_from, group.age_to,
                     group.home_county, group.home_region, "", group.medical_needs, group.pregnant,
                     group.nursing_infant_under_1, group.size()});
          // The group's people go to its placements in input order; the rest are unplaced.
          std::size_t next = 0;
          const auto add_items = [&](int count, std::optional<int64_t> facility,
                                     std::int64_t distance, std::int64_t cost, bool out_of_region,
                                     const std::string& why) {
            for (int k = 0; k < count && next < group.admission_ids.size(); ++k, ++next) {
              const store::PendingRow& row = *by_episode.at(group.admission_ids[next]);
              repo.InsertItem(p.id, {row.episode_id, row.person_id, row.alias, g, facility, "",
                                     distance, cost, out_of_region, why});
            }
          };
          for (const auto& pl : result->placements) {
            if (pl.group != g) continue;
            store::OutcomeRow o;
            o.group_no = g;
            o.facility_org_id = facility_ids.at(pl.facility_code);
            o.count = pl.count;
            o.distance_m = pl.distance_m;
            o.cost = pl.cost;
            o.out_of_region = pl.out_of_region;
            o.nearer = NearerJson(pl.nearer).dump();
            o.rules = "[]";
            o.explanation = pl.explanation;
            repo.InsertOutcome(p.id, o);
            add_items(pl.count, o.facility_org_id, pl.distance_m, pl.cost, pl.out_of_region,
                      pl.explanation);
          }
          for (const auto& u : result->unplaced) {
            if (u.group != g) continue;
            store::OutcomeRow o;
            o.group_no = g;
            o.count = u.count;
            o.nearer = "[]";
            o.reason = std::string(NameOf(kUnplacedReasonNames, u.reason));
            o.rules = RulesJson(u.rules).dump();
            o.explanation = u.explanation;
            repo.InsertOutcome(p.id, o);
            add_items(u.count, std::nullopt, 0, 0, false, u.explanation);
          }
        }
        Audit(tx, keys_, ctx, "allocation.propose", std::nullopt,
              "proposal=" + std::to_string(p.id) + " pending=" + std::to_string(p.pending) +
                  " placed=" + std::to_string(p.placed));
        return ReadView(tx, *repo.FindProposal(p.id, ctx.actor->org_path), 50, 0);
      });
}

Result<std::vector<store::ProposalRow>> AllocationService::List(const RequestContext& ctx) {
  if (Status s = RequireDirector(ctx); !s.ok()) return s;
  return InTransaction(db_, Transaction::Mode::kWrite,
                       [&](Transaction& tx) -> Result<std::vector<store::ProposalRow>> {
                         auto rows =
                             store::AllocationRepository(tx.sql()).Proposals(ctx.actor->org_path);
                         Audit(tx, keys_, ctx, "allocation.list", std::nullopt);
                         return rows;
                       });
}

Result<ProposalView> AllocationService::Get(const RequestContext& ctx, int64_t id, int limit,
                                            int offset) {
  if (Status s = RequireDirector(ctx); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<ProposalView> {
        auto p = store::AllocationRepository(tx.sql()).FindProposal(id, ctx.actor->org_path);
        if (!p) return NotFound("allocation", id);
        Audit(tx, keys_, ctx, "allocation.read", std::nullopt, "proposal=" + std::to_string(id));
        return ReadView(tx, *p, limit, offset);
      });
}

Result<ProposalView> AllocationService::Approve(const RequestContext& ctx, int64_t id) {
  if (Status s = RequireDirector(ctx); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<ProposalView> {
        store::AllocationRepository repo(tx.sql());
        auto p = repo.FindProposal(id, ctx.actor->org_path);
        if (!p) return NotFound("allocation", id);
        if (p->status != "proposed") {
          return Status::Conflict("the allocation is already " + p->status,
                                  {{"status", "already_approved",
                                    "approved by " + p->approved_by.value_or("") + " at " +
                                        p->approved_at.value_or("")}});
        }
        // Stale items: a person no longer waiting, a facility that lost the beds it was counted
        // with.
        std::set<int64_t> still_pending;
        for (const auto& row : repo.Pending(ctx.actor->org_path))
          still_pending.insert(row.episode_id);
        std::vector<store::ItemRow> placed;
        std::map<std::string, int> needed;
        FieldErrors stale;
        for (auto& item : repo.Items(id, -1, 0)) {
          if (!item.facility_org_id) continue;
          if (!still_pending.count(item.episode_id)) {
            stale.Add("episodes[" + std::to_string(item.episode_id) + "]", "not_decided",
                      item.alias + " is no longer waiting for admission");
          }
          ++needed[item.facility_code];
          placed.push_back(std::move(item));
        }
        store::FacilityRepository profiles(tx.sql());
        for (const auto& f : repo.Facilities(id)) {
          if (!needed.count(f.code)) continue;
          const auto profile = profiles.Find(f.org_unit_id);
          const int occupied = profiles.Capacity(f.org_unit_id, ctx.today(), ctx.today()).occupied;
          const int free = profile ? profile->beds - occupied : 0;
          if (free < needed[f.code]) {
            stale.Add("facilities[" + f.code + "]", "free_beds_insufficient",
                      std::to_string(free) + " free beds now, " + std::to_string(needed[f.code]) +
                          " placed");
          }
        }
        if (!stale.empty()) {
          return Status::Conflict("the allocation is stale; propose again",
                                  stale.ToStatus().errors());
        }
        for (const auto& item : placed) {
          ActionInput admit;
          admit.action = EpisodeAction::kAdmit;
          admit.at = ctx.now;
          admit.org_unit = item.facility_code;
          admit.reason = "统一调配 allocation " + std::to_string(id);
          auto done = continuum_.TakeActionIn(tx, ctx, item.episode_id, admit);
          if (!done.ok()) return done.status();
        }
        if (!repo.MarkApproved(id, ctx.actor->username, ctx.now)) {
          return Status::Conflict("the allocation was approved meanwhile",
                                  {{"status", "already_approved", "approved meanwhile"}});
        }
        Audit(tx, keys_, ctx, "allocation.approve", std::nullopt,
              "proposal=" + std::to_string(id) + " admitted=" + std::to_string(placed.size()));
        ProposalView view = ReadView(tx, *repo.FindProposal(id, ctx.actor->org_path), 50, 0);
        view.admitted = std::move(placed);
        return view;
      });
}

}  // namespace huigui::app
