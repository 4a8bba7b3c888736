// FacilityService: units (大队) and placements in zones and units (issue 4 §1). The profile and
// capacity use cases are in facility_service.cc.
#include <algorithm>
#include <cctype>
#include <set>

#include "app/facility_service.h"
#include "app/transaction_runner.h"
#include "app/use_case_support.h"
#include "domain/legal_clock.h"
#include "domain/person.h"
#include "store/continuum_repository.h"
#include "store/org_unit_repository.h"
#include "store/person_repository.h"
#include "store/user_repository.h"

namespace huigui::app {

using store::Transaction;

namespace {

constexpr std::size_t kMaxOfficers = 20;

Result<OrgUnit> FacilityInScope(Transaction& tx, const RequestContext& ctx,
                                const std::string& code) {
  auto org = store::OrgUnitRepository(tx.sql()).FindInScope(code, ctx.actor->org_path);
  if (!org || org->kind != OrgUnitKind::kFacility) return Status::NotFound("no facility " + code);
  return *org;
}

Status RequireUnitManager(const RequestContext& ctx) {
  if (!ctx.actor) return Status::Unauthenticated("not logged in");
  if (ctx.actor->role != Role::kDirector && ctx.actor->role != Role::kFacilityOfficer) {
    return Status::PermissionDenied("directors and facility officers maintain units");
  }
  return Status::Ok();
}

bool IsUnitCode(const std::string& code) {
  if (code.empty() || code.size() > 20) return false;
  return std::all_of(code.begin(), code.end(),
                     [](unsigned char c) { return std::isalnum(c) != 0 || c == '-' || c == '_'; });
}

void CheckName(const std::optional<std::string>& name, bool required, FieldErrors& errors) {
  if (!name) {
    if (required) errors.Add("name", "required", "is required");
    return;
  }
  const auto length = Utf8Length(*name);
  if (!length || *length < 1 || *length > 50) {
    errors.Add("name", "length", "must be 1 to 50 characters");
  }
}

// Each officer is a facility officer or director working in the facility (its subtree), named
// once.
void CheckOfficers(Transaction& tx, const OrgUnit& facility,
                   const std::vector<std::string>& officers, FieldErrors& errors) {
  if (officers.size() > kMaxOfficers) {
    errors.Add("officers", "count", "at most 20 officers");
    return;
  }
  std::set<std::string> seen;
  store::UserRepository users(tx.sql());
  for (std::size_t i = 0; i < officers.size(); ++i) {
    const std::string field = "officers[" + std::to_string(i) + "]";
    if (!seen.insert(officers[i]).second) {
      errors.Add(field, "unique", "names the same officer twice");
      continue;
    }
    auto user = users.FindByUsername(officers[i]);
    if (!user || (user->role != Role::kFacilityOfficer && user->role != Role::kDirector) ||
        user->org.path.rfind(facility.path, 0) != 0) {
      errors.Add(field, "facility_officer",
                 "must be the username of an officer of " + facility.code);
    }
  }
}

// The admission date of a compulsory isolation episode whose person is in the facility today;
// nullopt when the episode is of another kind, not yet admitted, absconded or closed.
std::optional<Date> AdmittedInFacility(store::ContinuumRepository& repo,
                                       const store::EpisodeRow& episode, Date today) {
  if (episode.kind != EpisodeKind::kCompulsoryIsolation || episode.status != "open") {
    return std::nullopt;
  }
  const auto actions = repo.Actions(episode.id);
  if (ComputeClock(store::EpisodeFactsOf(episode, actions), today).state !=
      EpisodeState::kInFacility) {
    return std::nullopt;
  }
  return store::FirstAdmission(actions);
}

std::optional<ZoneMove> AsMove(const std::optional<store::PlacementRow>& p) {
  if (!p) return std::nullopt;
  return ZoneMove{p->zone, p->unit_code, p->date, p->reason};
}

}  // namespace

Result<std::vector<store::UnitRow>> FacilityService::Units(const RequestContext& ctx,
                                                           const std::string& code) {
  if (Status s = Require(ctx, Capability::kReadOrgUnits); !s.ok()) return s;
  return InTransaction(db_, Transaction::Mode::kRead,
                       [&](Transaction& tx) -> Result<std::vector<store::UnitRow>> {
                         auto org = FacilityInScope(tx, ctx, code);
                         if (!org.ok()) return org.status();
                         return store::PlacementRepository(tx.sql()).Units(org->id);
                       });
}

Result<store::UnitRow> FacilityService::CreateUnit(const RequestContext& ctx,
                                                   const std::string& facility,
                                                   const UnitInput& unit) {
  if (Status s = RequireUnitManager(ctx); !s.ok()) return s;
  FieldErrors errors;
  if (!IsUnitCode(unit.code)) {
    errors.Add("code", "format", "must be 1 to 20 letters, digits, '-' or '_'");
  }
  CheckName(unit.name, true, errors);
  if (!errors.empty()) return errors.ToStatus();
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<store::UnitRow> {
        auto org = FacilityInScope(tx, ctx, facility);
        if (!org.ok()) return org.status();
        FieldErrors officer_errors;
        const auto officers = unit.officers.value_or(std::vector<std::string>{});
        CheckOfficers(tx, *org, officers, officer_errors);
        if (!officer_errors.empty()) return officer_errors.ToStatus(Status::Code::kRuleViolation);
        store::UnitRow row{0, org->code, unit.code, *unit.name, officers};
        auto id = store::PlacementRepository(tx.sql()).InsertUnit(org->id, row, ctx.now);
        if (!id.ok()) return id.status();
        row.id = *id;
        Audit(tx, keys_, ctx, "facility.unit.create", std::nullopt, org->code + " " + unit.code);
        return row;
      });
}

Result<store::UnitRow> FacilityService::UpdateUnit(const RequestContext& ctx,
                                                   const std::string& facility,
                                                   const UnitInput& unit) {
  if (Status s = RequireUnitManager(ctx); !s.ok()) return s;
  FieldErrors errors;
  CheckName(unit.name, false, errors);
  if (!unit.name && !unit.officers) {
    errors.Add("officers", "required", "give name, officers or both");
  }
  if (!errors.empty()) return errors.ToStatus();
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<store::UnitRow> {
        auto org = FacilityInScope(tx, ctx, facility);
        if (!org.ok()) return org.status();
        store::PlacementRepository repo(tx.sql());
        auto row = repo.FindUnit(org->id, unit.code);
        if (!row) return Status::NotFound("no unit " + unit.code + " in " + facility);
        if (unit.officers) {
          FieldErrors officer_errors;
          CheckOfficers(tx, *org, *unit.officers, officer_errors);
          if (!officer_errors.empty()) {
            return officer_errors.ToStatus(Status::Code::kRuleViolation);
          }
          row->officers = *unit.officers;
        }
        if (unit.name) row->name = *unit.name;
        repo.UpdateUnit(row->id, row->name, row->officers, ctx.now);
        Audit(tx, keys_, ctx, "facility.unit.update", std::nullopt, org->code + " " + unit.code);
        return *row;
      });
}

Result<PlacementResult> FacilityService::Place(const RequestContext& ctx, int64_t episode_id,
                                               const PlacementInput& input) {
  if (Status s = Require(ctx, Capability::kWritePersons); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<PlacementResult> {
        store::ContinuumRepository continuum(tx.sql());
        auto episode = continuum.FindEpisode(episode_id);
        if (!episode || !store::PersonRepository(tx.sql()).FindInScope(episode->person_id,
                                                                       ctx.actor->org_path)) {
          return NotFound("episode", episode_id);
        }
        const auto admitted = AdmittedInFacility(continuum, *episode, ctx.today());
        if (!admitted) {
          return Status::RuleViolation(
              "placements are for a person admitted to a facility on compulsory isolation",
              {{"episode", "in_facility_only",
                "the episode is not an admitted compulsory isolation in a facility"}});
        }
        auto facility = store::OrgUnitRepository(tx.sql()).FindByCode(episode->org_code);
        store::PlacementRepository repo(tx.sql());
        auto unit = repo.FindUnit(facility->id, input.unit_code);
        if (!unit) {
          return Status::RuleViolation(
              "no unit " + input.unit_code + " in " + episode->org_code,
              {{"unit_code", "exists", "must be a unit of " + episode->org_code}});
        }
        const auto history = repo.OfEpisode(episode_id);
        std::optional<store::PlacementRow> previous;
        if (!history.empty()) previous = history.back();
        const ZoneMove next{input.zone, input.unit_code, input.date, input.reason};
        FieldErrors errors;
        // A move to another facility's unit code that happens to match is still a move: the
        // previous placement in an earlier facility keeps its zone for the order rule.
        auto kind = ValidateZoneMove(*admitted, AsMove(previous), next, ctx.today(), errors);
        if (!kind) return errors.ToStatus(Status::Code::kRuleViolation);
        store::PlacementRow row;
        row.episode_id = episode_id;
        row.person_id = episode->person_id;
        row.facility_code = facility->code;
        row.zone = input.zone;
        row.unit_id = unit->id;
        row.unit_code = unit->code;
        row.unit_name = unit->name;
        row.date = input.date;
        row.reason = input.reason;
        row.recorded_by = ctx.actor->username;
        row.recorded_at = ctx.now.ToString();
        row.id = repo.InsertPlacement(row, ctx.now);
        Audit(tx, keys_, ctx, "placement.create", episode->person_id,
              std::string(NameOf(kZoneNames, input.zone)) + " " + unit->code);
        return PlacementResult{row, *kind};
      });
}

Result<PersonPlacements> FacilityService::Placements(const RequestContext& ctx, int64_t person_id) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<PersonPlacements> {
        if (!store::PersonRepository(tx.sql()).FindInScope(person_id, ctx.actor->org_path)) {
          return NotFound("person", person_id);
        }
        PersonPlacements out;
        store::PlacementRepository repo(tx.sql());
        out.history = repo.OfPerson(person_id);
        store::ContinuumRepository continuum(tx.sql());
        for (const auto& e : continuum.EpisodesOfPerson(person_id)) {
          const auto admitted = AdmittedInFacility(continuum, e, ctx.today());
          if (!admitted) continue;
          out.episode_id = e.id;
          out.facility_code = e.org_code;
          out.admitted_on = admitted;
          for (const auto& p : out.history) {  // newest first
            if (p.episode_id != e.id) continue;
            if (p.facility_code == e.org_code) out.current = p;
            break;
          }
          break;
        }
        Audit(tx, keys_, ctx, "placement.list", person_id,
              "items=" + std::to_string(out.history.size()));
        return out;
      });
}

Result<std::vector<FacilitySummary>> FacilityService::List(const RequestContext& ctx) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(db_, Transaction::Mode::kRead,
                       [&](Transaction& tx) -> Result<std::vector<FacilitySummary>> {
                         store::FacilityRepository facilities(tx.sql());
                         store::PlacementRepository placements(tx.sql());
                         std::vector<FacilitySummary> out;
                         for (auto& org : store::OrgUnitRepository(tx.sql()).ListInScope(
                                  ctx.actor->org_path, std::nullopt, OrgUnitKind::kFacility)) {
                           FacilitySummary f;
                           f.profile = facilities.Find(org.id);
                           f.occupied = facilities.Occupied(org.id);
                           f.occupancy = placements.OccupancyOf(org.id);
                           f.units = static_cast<int>(placements.Units(org.id).size());
                           f.facility = std::move(org);
                           out.push_back(std::move(f));
                         }
                         return out;
                       });
}

}  // namespace huigui::app
