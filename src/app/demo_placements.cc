#include "app/demo_placements.h"

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "domain/org_unit.h"
#include "domain/zone.h"
#include "store/facility_repository.h"
#include "store/org_unit_repository.h"
#include "store/placement_repository.h"

namespace huigui::app {
namespace {

using Rng = std::mt19937_64;

// Portable shaping, as in demo_builder.cc (no std distributions: they differ between libraries).
int UniformInt(Rng& rng, int lo, int hi) {
  const auto span = static_cast<uint64_t>(hi - lo) + 1;
  return lo + static_cast<int>(rng() % span);
}
bool Chance(Rng& rng, int percent) { return UniformInt(rng, 0, 99) < percent; }

// Open, admitted compulsory isolation episodes of one facility with their admission date and the
// date of their latest transfer (the day they came to this facility, when later).
constexpr const char* kAdmitted =
    "SELECT e.id, e.person_id, COALESCE(e.planned_end_date, ''), "
    " (SELECT MIN(a.effective_date) FROM episode_actions a WHERE a.episode_id = e.id"
    "  AND a.action = 'admit'),"
    " COALESCE((SELECT MAX(a.effective_date) FROM episode_actions a WHERE a.episode_id = e.id"
    "  AND a.action = 'transfer'), '') "
    "FROM episodes e WHERE e.org_unit_id = :o AND e.status = 'open' "
    "AND e.kind = 'compulsory_isolation' AND EXISTS (SELECT 1 FROM episode_actions a "
    "WHERE a.episode_id = e.id AND a.action = 'admit') ORDER BY e.id";

// The demo's officer accounts by the facility they work in (demo_builder.cc kUsers).
const std::map<std::string, std::string> kFacilityOfficers = {
    {"420000F01", "officer.shizishan"},
    {"420000F02", "officer.women"},
};

constexpr const char* kUnitNames[] = {"一大队", "二大队", "三大队", "四大队", "五大队", "六大队"};

constexpr const char* kBackReasons[] = {
    "违反所规（私藏违禁物品），退回教育适应区强化教育",
    "与他人发生冲突，经评估退回教育适应区",
    "行为考核不合格，退回教育适应区",
};
constexpr const char* kRelapseOfSymptoms = "稽延性戒断症状反复，回生理脱毒区观察治疗";
constexpr const char* kTransferredIn = "转所收治，按原所阶段续接";

struct Episode {
  int64_t id = 0;
  int64_t person_id = 0;
  Date admitted;
  std::optional<Date> arrived;  // transfer in, after admission
  std::optional<Date> planned_end;
};

// The unit a zone is run by: 一大队 takes new arrivals (detox), 二大队 education and adaptation,
// the last one return guidance, the ones between rehabilitation consolidation.
std::string UnitFor(Zone zone, int units, Rng& rng) {
  int n = 1;
  switch (zone) {
    case Zone::kDetox:
      n = 1;
      break;
    case Zone::kEducationAdaptation:
      n = 2;
      break;
    case Zone::kRehabilitationConsolidation:
      n = UniformInt(rng, 3, units - 1);
      break;
    case Zone::kReturnGuidance:
      n = units;
      break;
  }
  return "D" + std::to_string(n);
}

// The planned path through the zones: ~30 days of detox, 2–3 months of education and
// adaptation, consolidation until about 3 months before the planned end, then return guidance;
// now and then a move back with its reason and the way forward again.
std::vector<ZoneMove> PlanMoves(const Episode& e, int units, Date today, Rng& rng) {
  std::vector<ZoneMove> moves;
  const Date detox = e.admitted;
  const Date education = detox.AddDays(UniformInt(rng, 24, 36));
  Date consolidation = education.AddDays(UniformInt(rng, 60, 92));
  const Date end = e.planned_end.value_or(e.admitted.AddYears(2));
  const Date guidance = std::max(consolidation, end.AddDays(-UniformInt(rng, 80, 100)));
  moves.push_back({Zone::kDetox, UnitFor(Zone::kDetox, units, rng), detox, ""});
  if (Chance(rng, 4)) {  // symptoms return early in education: back to detox for two weeks
    const Date back = education.AddDays(UniformInt(rng, 3, 15));
    moves.push_back({Zone::kEducationAdaptation, "D2", education, ""});
    moves.push_back({Zone::kDetox, "D1", back, kRelapseOfSymptoms});
    moves.push_back({Zone::kEducationAdaptation, "D2", back.AddDays(UniformInt(rng, 10, 20)), ""});
    consolidation = std::max(consolidation, moves.back().date.AddDays(30));
  } else {
    moves.push_back({Zone::kEducationAdaptation, "D2", education, ""});
  }
  const std::string consolidation_unit = UnitFor(Zone::kRehabilitationConsolidation, units, rng);
  moves.push_back({Zone::kRehabilitationConsolidation, consolidation_unit, consolidation, ""});
  if (Chance(rng, 7) && guidance - consolidation > 90) {  // a violation: back to education
    const Date back = consolidation.AddDays(UniformInt(rng, 20, guidance - consolidation - 60));
    moves.push_back({Zone::kEducationAdaptation, "D2", back,
                     kBackReasons[UniformInt(rng, 0, std::size(kBackReasons) - 1)]});
    moves.push_back({Zone::kRehabilitationConsolidation, consolidation_unit,
                     back.AddDays(UniformInt(rng, 20, 45)), ""});
  }
  moves.push_back({Zone::kReturnGuidance, "D" + std::to_string(units),
                   std::max(guidance, moves.back().date), ""});
  // Only what has happened by today; a transfer in starts the history at the arrival, in the
  // zone the person had reached.
  std::vector<ZoneMove> out;
  for (std::size_t i = 0; i < moves.size(); ++i) {
    if (moves[i].date > today) break;
    const bool superseded = i + 1 < moves.size() && e.arrived && moves[i + 1].date <= *e.arrived;
    if (superseded) continue;
    ZoneMove m = moves[i];
    if (e.arrived && out.empty() && m.date < *e.arrived) {
      m.date = *e.arrived;
      if (m.zone != Zone::kDetox) m.reason = kTransferredIn;
    }
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<Episode> AdmittedEpisodes(soci::session& sql, int64_t facility_id) {
  const long long o = facility_id;
  long long id = 0, person = 0;
  std::string end, admitted, transferred;
  soci::statement st =
      (sql.prepare << kAdmitted, soci::use(o, "o"), soci::into(id), soci::into(person),
       soci::into(end), soci::into(admitted), soci::into(transferred));
  st.execute();
  std::vector<Episode> out;
  while (st.fetch()) {
    Episode e;
    e.id = id;
    e.person_id = person;
    e.admitted = Date::Parse(admitted).value_or(Date());
    e.planned_end = Date::Parse(end);
    auto t = Date::Parse(transferred);
    if (t && *t > e.admitted) e.arrived = t;
    out.push_back(e);
  }
  return out;
}

Timestamp AtTen(Date date) {
  return Timestamp::FromUnixSeconds(int64_t{date.days()} * 86400 + 10 * 3600 - kChinaOffsetSeconds);
}

}  // namespace

Result<int> BuildDemoUnitsAndPlacements(soci::session& sql, uint64_t seed, Timestamp now) {
  Rng rng(seed ^ 0x5a6f6e6573ULL);  // "Zones": a stream of its own
  const Date today = now.LocalDate();
  store::FacilityRepository profiles(sql);
  store::PlacementRepository repo(sql);
  int written = 0;
  for (const auto& facility :
       store::OrgUnitRepository(sql).ListInScope("", std::nullopt, OrgUnitKind::kFacility)) {
    const auto profile = profiles.Find(facility.id);
    if (!profile || profile->kind == "voluntary") continue;
    const int units = UniformInt(rng, 4, 6);
    const auto officer = kFacilityOfficers.find(facility.code);
    std::map<std::string, int64_t> unit_ids;
    for (int n = 1; n <= units; ++n) {
      store::UnitRow unit;
      unit.code = "D" + std::to_string(n);
      unit.name = kUnitNames[n - 1];
      // The demo officer leads the two units that take new arrivals.
      if (officer != kFacilityOfficers.end() && n <= 2) unit.officers = {officer->second};
      auto id = repo.InsertUnit(facility.id, unit, now);
      if (!id.ok()) return id.status();
      unit_ids[unit.code] = *id;
    }
    const std::string recorder =
        officer != kFacilityOfficers.end() ? officer->second : std::string("demo");
    for (const auto& e : AdmittedEpisodes(sql, facility.id)) {
      if (today - e.admitted < 2) continue;  // admitted in the last days: not yet placed
      for (const auto& m : PlanMoves(e, units, today, rng)) {
        store::PlacementRow row;
        row.episode_id = e.id;
        row.person_id = e.person_id;
        row.zone = m.zone;
        row.unit_id = unit_ids.at(m.unit_code);
        row.date = m.date;
        row.reason = m.reason;
        row.recorded_by = recorder;
        repo.InsertPlacement(row, std::min(now, AtTen(m.date)));
        ++written;
      }
    }
  }
  return written;
}

}  // namespace huigui::app
