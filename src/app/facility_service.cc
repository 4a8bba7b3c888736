#include "app/facility_service.h"

#include <cstdio>

#include "app/transaction_runner.h"
#include "app/use_case_support.h"
#include "store/org_unit_repository.h"

namespace huigui::app {

using store::Transaction;

namespace {

Result<OrgUnit> FacilityInScope(Transaction& tx, const RequestContext& ctx,
                                const std::string& code) {
  auto org = store::OrgUnitRepository(tx.sql()).FindInScope(code, ctx.actor->org_path);
  if (!org || org->kind != OrgUnitKind::kFacility) {
    return Status::NotFound("no facility " + code);
  }
  return *org;
}

std::string Month(Date d) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.year(), d.month());
  return buf;
}

}  // namespace

Status ValidateFacilityProfile(const store::FacilityProfile& p) {
  FieldErrors errors;
  if (p.kind != "police_isolation" && p.kind != "justice_isolation" && p.kind != "voluntary") {
    errors.Add("kind", "enum", "must be one of: police_isolation, justice_isolation, voluntary");
  }
  if (p.sexes != "male" && p.sexes != "female" && p.sexes != "both") {
    errors.Add("sexes", "enum", "must be one of: male, female, both");
  }
  if (p.min_age < 0 || p.min_age > 120) errors.Add("min_age", "range", "must be 0 to 120");
  if (p.max_age < p.min_age || p.max_age > 120) {
    errors.Add("max_age", "range", "must be from min_age to 120");
  }
  if (p.beds < 0 || p.beds > 100000) errors.Add("beds", "range", "must be 0 to 100000");
  if (p.medical_level < 0 || p.medical_level > 2) {
    errors.Add("medical_level", "range", "must be 0, 1 or 2");
  }
  if (p.latitude < -90 || p.latitude > 90) errors.Add("latitude", "range", "must be -90 to 90");
  if (p.longitude < -180 || p.longitude > 180) {
    errors.Add("longitude", "range", "must be -180 to 180");
  }
  return errors.ToStatus();
}

Result<store::FacilityProfile> FacilityService::Profile(const RequestContext& ctx,
                                                        const std::string& code) {
  if (Status s = Require(ctx, Capability::kReadOrgUnits); !s.ok()) return s;
  return InTransaction(db_, Transaction::Mode::kRead,
                       [&](Transaction& tx) -> Result<store::FacilityProfile> {
                         auto org = FacilityInScope(tx, ctx, code);
                         if (!org.ok()) return org.status();
                         auto p = store::FacilityRepository(tx.sql()).Find(org->id);
                         if (!p) return Status::NotFound("no profile recorded for " + code);
                         return *p;
                       });
}

Result<store::FacilityProfile> FacilityService::PutProfile(const RequestContext& ctx,
                                                           const std::string& code,
                                                           const store::FacilityProfile& profile) {
  if (!ctx.actor) return Status::Unauthenticated("not logged in");
  if (ctx.actor->role != Role::kAdmin && ctx.actor->role != Role::kDirector) {
    return Status::PermissionDenied("directors and administrators maintain facility profiles");
  }
  if (Status s = ValidateFacilityProfile(profile); !s.ok()) return s;
  return InTransaction(db_, Transaction::Mode::kWrite,
                       [&](Transaction& tx) -> Result<store::FacilityProfile> {
                         auto org = FacilityInScope(tx, ctx, code);
                         if (!org.ok()) return org.status();
                         store::FacilityRepository(tx.sql()).Put(org->id, profile, ctx.now);
                         Audit(tx, keys_, ctx, "facility.profile", std::nullopt, code);
                         return profile;
                       });
}

Result<CapacityView> FacilityService::Capacity(const RequestContext& ctx, const std::string& code) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(db_, Transaction::Mode::kRead, [&](Transaction& tx) -> Result<CapacityView> {
    auto org = FacilityInScope(tx, ctx, code);
    if (!org.ok()) return org.status();
    store::FacilityRepository repo(tx.sql());
    const Date today = ctx.today();
    const Date since = *Date::FromYmd(today.AddMonths(-11).year(), today.AddMonths(-11).month(), 1);
    const Date until = today.AddMonths(6);
    const auto facts = repo.Capacity(org->id, since, until);
    CapacityView view;
    view.facility = *org;
    view.profile = repo.Find(org->id);
    view.occupied = facts.occupied;
    store::PlacementRepository placements(tx.sql());
    view.occupancy = placements.OccupancyOf(org->id);
    view.units = placements.Units(org->id);
    // Twelve months back and six ahead, zeros included, so charts need no gaps filled.
    for (int i = -11; i <= 0; ++i) {
      const std::string m = Month(today.AddMonths(i));
      view.admissions[m] = facts.admissions.count(m) ? facts.admissions.at(m) : 0;
      view.releases[m] = facts.releases.count(m) ? facts.releases.at(m) : 0;
    }
    for (int i = 0; i < 6; ++i) view.expected[Month(today.AddMonths(i))] = 0;
    for (const auto& [m, n] : facts.expected) {
      // A term that ended before this month is an overdue release: it counts now.
      const std::string key = m < Month(today) ? Month(today) : m;
      if (view.expected.count(key)) view.expected[key] += n;
    }
    return view;
  });
}

}  // namespace huigui::app
