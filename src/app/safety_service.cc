#include "app/safety_service.h"

#include "app/transaction_runner.h"
#include "app/use_case_support.h"
#include "domain/person.h"
#include "store/continuum_repository.h"
#include "store/org_unit_repository.h"
#include "store/person_repository.h"

namespace huigui::app {

using store::Transaction;

namespace {

std::vector<Incident> AsIncidents(const std::vector<store::IncidentRow>& rows) {
  std::vector<Incident> out;
  for (const auto& r : rows) {
    out.push_back({std::to_string(r.id), r.facility_code, r.category, r.occurred_on});
  }
  return out;
}

int RecordsSince(Transaction& tx) {
  auto text = store::ContinuumRepository(tx.sql()).Setting("safety_records_since");
  if (!text) return SafetyService::kDefaultRecordsSince;
  try {
    return std::stoi(*text);
  } catch (const std::exception&) {
    return SafetyService::kDefaultRecordsSince;
  }
}

}  // namespace

Result<store::IncidentRow> SafetyService::Record(const RequestContext& ctx,
                                                 const std::string& facility_code,
                                                 store::IncidentRow incident) {
  if (Status s = Require(ctx, Capability::kWritePersons); !s.ok()) return s;
  FieldErrors errors;
  ValidateIncident({"new", facility_code, incident.category, incident.occurred_on}, ctx.today(),
                   errors);
  const auto len = Utf8Length(incident.description);
  if (!len || *len < 1 || *len > 2000) {
    errors.Add("description", "length", "must be 1 to 2000 characters");
  }
  if (!Utf8Length(incident.follow_up) || *Utf8Length(incident.follow_up) > 2000) {
    errors.Add("follow_up", "length", "must be at most 2000 characters");
  }
  if (!errors.empty()) return errors.ToStatus();
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<store::IncidentRow> {
        auto facility =
            store::OrgUnitRepository(tx.sql()).FindInScope(facility_code, ctx.actor->org_path);
        if (!facility || facility->kind != OrgUnitKind::kFacility) {
          return Status::Invalid("facility", "exists", "no such facility in your scope");
        }
        if (incident.person_id) {
          if (incident.category != SafetyCategory::kEscape) {
            return Status::Invalid("person_id", "escape_only", "only an escape names a person");
          }
          if (!store::PersonRepository(tx.sql()).FindInScope(*incident.person_id, "/")) {
            return Status::Invalid("person_id", "exists", "no such person");
          }
          incident.episode_action_id =
              store::SafetyRepository(tx.sql()).LatestAbscond(*incident.person_id, facility->id);
          if (!incident.episode_action_id) {
            return Status::RuleViolation(
                "record the person's abscond action on their episode first",
                {{"person_id", "escape_needs_abscond", "no abscond action at this facility"}});
          }
        }
        incident.recorded_by = ctx.actor->username;
        incident.facility_code = facility->code;
        incident.facility_name = facility->name;
        incident.id = store::SafetyRepository(tx.sql()).Insert(facility->id, incident, ctx.now);
        Audit(tx, keys_, ctx, "safety.incident", incident.person_id,
              std::string(NameOf(kSafetyCategoryNames, incident.category)) + " " + facility->code);
        return incident;
      });
}

Result<std::vector<store::IncidentRow>> SafetyService::List(
    const RequestContext& ctx, const std::optional<std::string>& facility,
    const std::optional<SafetyCategory>& category) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite,
      [&](Transaction& tx) -> Result<std::vector<store::IncidentRow>> {
        auto rows = store::SafetyRepository(tx.sql()).List(ctx.actor->org_path, facility, category);
        Audit(tx, keys_, ctx, "safety.list", std::nullopt, "items=" + std::to_string(rows.size()));
        return rows;
      });
}

Result<SafetyView> SafetyService::Streaks(const RequestContext& ctx, const std::string& org_code) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(db_, Transaction::Mode::kRead, [&](Transaction& tx) -> Result<SafetyView> {
    store::OrgUnitRepository orgs(tx.sql());
    auto org = orgs.FindInScope(org_code, ctx.actor->org_path);
    if (!org) return Status::NotFound("no org unit " + org_code);
    SafetyView view;
    view.org = *org;
    view.records_since = RecordsSince(tx);
    const auto incidents =
        AsIncidents(store::SafetyRepository(tx.sql()).List(org->path, std::nullopt, std::nullopt));
    if (org->kind == OrgUnitKind::kFacility) {
      view.record =
          ComputeFacilitySafetyRecord(incidents, org->code, view.records_since, ctx.today());
      return view;
    }
    view.record = ComputeSystemSafetyRecord(incidents, view.records_since, ctx.today());
    for (const auto& f : orgs.ListInScope(org->path, std::nullopt, OrgUnitKind::kFacility)) {
      view.facilities.emplace_back(
          f, ComputeFacilitySafetyRecord(incidents, f.code, view.records_since, ctx.today()));
    }
    return view;
  });
}

}  // namespace huigui::app
