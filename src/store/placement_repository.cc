#include "store/placement_repository.h"

#include <nlohmann/json.hpp>

namespace huigui::store {
namespace {

constexpr const char* kCountUnitCode =
    "SELECT COUNT(*) FROM facility_units WHERE facility_id = :f AND code = :c";
constexpr const char* kInsertUnit =
    "INSERT INTO facility_units (facility_id, code, name, officers, created_at, updated_at) "
    "VALUES (:f, :c, :n, :o, :t1, :t2) RETURNING id";
constexpr const char* kUpdateUnit =
    "UPDATE facility_units SET name = :n, officers = :o, updated_at = :t WHERE id = :id";
constexpr const char* kUnits =
    "SELECT u.id, f.code, u.code, u.name, u.officers FROM facility_units u "
    "JOIN org_units f ON f.id = u.facility_id WHERE u.facility_id = :f AND (:c1 = '' OR u.code = "
    ":c2) ORDER BY u.code";
constexpr const char* kInsertPlacement =
    "INSERT INTO placements (episode_id, person_id, zone, unit_id, effective_date, reason, "
    "recorded_by, recorded_at) VALUES (:e, :p, :z, :u, :d, :r, :by, :at) RETURNING id";
constexpr const char* kPlacementColumns =
    "SELECT x.id, x.episode_id, x.person_id, f.code, x.zone, u.id, u.code, u.name, "
    "x.effective_date, x.reason, x.recorded_by, x.recorded_at FROM placements x "
    "JOIN facility_units u ON u.id = x.unit_id JOIN org_units f ON f.id = u.facility_id ";
constexpr const char* kOfEpisode = "WHERE x.episode_id = :id ORDER BY x.effective_date, x.id";
constexpr const char* kOfPerson =
    "WHERE x.person_id = :id ORDER BY x.effective_date DESC, x.id DESC";
// The same episodes as FacilityRepository's occupied count, each with its latest placement if
// that placement's unit belongs to this facility (a transfer leaves the old facility's unit
// behind: unplaced until placed here).
constexpr const char* kOccupancy =
    "SELECT COALESCE(x.zone, ''), COALESCE(u.code, ''), COUNT(*) FROM episodes e "
    "LEFT JOIN placements x ON x.id = (SELECT p.id FROM placements p WHERE p.episode_id = e.id "
    "  ORDER BY p.effective_date DESC, p.id DESC LIMIT 1) "
    "LEFT JOIN facility_units u ON u.id = x.unit_id AND u.facility_id = e.org_unit_id "
    "WHERE e.org_unit_id = :o AND e.status = 'open' AND e.kind = 'compulsory_isolation' "
    "AND EXISTS (SELECT 1 FROM episode_actions a WHERE a.episode_id = e.id AND a.action = "
    "'admit') GROUP BY COALESCE(x.zone, ''), COALESCE(u.code, '')";

std::vector<std::string> ParseOfficers(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return {};
  return j.get<std::vector<std::string>>();
}

}  // namespace

Result<int64_t> PlacementRepository::InsertUnit(int64_t facility_id, const UnitRow& unit,
                                                Timestamp now) {
  const long long f = facility_id;
  int count = 0;
  sql_ << kCountUnitCode, soci::use(f, "f"), soci::use(unit.code, "c"), soci::into(count);
  if (count > 0) {
    return Status::Conflict("the facility already has a unit " + unit.code,
                            {{"code", "unique", "a unit with this code exists in the facility"}});
  }
  const std::string officers = nlohmann::json(unit.officers).dump(), t = now.ToString();
  long long id = 0;
  sql_ << kInsertUnit, soci::use(f, "f"), soci::use(unit.code, "c"), soci::use(unit.name, "n"),
      soci::use(officers, "o"), soci::use(t, "t1"), soci::use(t, "t2"), soci::into(id);
  return static_cast<int64_t>(id);
}

void PlacementRepository::UpdateUnit(int64_t unit_id, const std::string& name,
                                     const std::vector<std::string>& officers, Timestamp now) {
  const long long id = unit_id;
  const std::string o = nlohmann::json(officers).dump(), t = now.ToString();
  sql_ << kUpdateUnit, soci::use(name, "n"), soci::use(o, "o"), soci::use(t, "t"),
      soci::use(id, "id");
}

std::vector<UnitRow> PlacementRepository::Units(int64_t facility_id) {
  const long long f = facility_id;
  const std::string all;
  long long id = 0;
  std::string facility, code, name, officers;
  soci::statement st = (sql_.prepare << kUnits, soci::use(f, "f"), soci::use(all, "c1"),
                        soci::use(all, "c2"), soci::into(id), soci::into(facility),
                        soci::into(code), soci::into(name), soci::into(officers));
  st.execute();
  std::vector<UnitRow> out;
  while (st.fetch()) out.push_back({id, facility, code, name, ParseOfficers(officers)});
  return out;
}

std::optional<UnitRow> PlacementRepository::FindUnit(int64_t facility_id, const std::string& code) {
  if (code.empty()) return std::nullopt;
  const long long f = facility_id;
  long long id = 0;
  std::string facility, unit_code, name, officers;
  sql_ << kUnits, soci::use(f, "f"), soci::use(code, "c1"), soci::use(code, "c2"), soci::into(id),
      soci::into(facility), soci::into(unit_code), soci::into(name), soci::into(officers);
  if (!sql_.got_data()) return std::nullopt;
  return UnitRow{id, facility, unit_code, name, ParseOfficers(officers)};
}

int64_t PlacementRepository::InsertPlacement(const PlacementRow& p, Timestamp now) {
  const long long e = p.episode_id, person = p.person_id, u = p.unit_id;
  const std::string zone(NameOf(kZoneNames, p.zone)), d = p.date.ToString(), at = now.ToString();
  long long id = 0;
  sql_ << kInsertPlacement, soci::use(e, "e"), soci::use(person, "p"), soci::use(zone, "z"),
      soci::use(u, "u"), soci::use(d, "d"), soci::use(p.reason, "r"),
      soci::use(p.recorded_by, "by"), soci::use(at, "at"), soci::into(id);
  return id;
}

std::vector<PlacementRow> PlacementRepository::Query(const char* where, int64_t key) {
  const long long k = key;
  long long id = 0, episode = 0, person = 0, unit = 0;
  std::string facility, zone, code, name, date, reason, by, at;
  soci::statement st =
      (sql_.prepare << std::string(kPlacementColumns) + where, soci::use(k, "id"), soci::into(id),
       soci::into(episode), soci::into(person), soci::into(facility), soci::into(zone),
       soci::into(unit), soci::into(code), soci::into(name), soci::into(date), soci::into(reason),
       soci::into(by), soci::into(at));
  st.execute();
  std::vector<PlacementRow> out;
  while (st.fetch()) {
    PlacementRow r;
    r.id = id;
    r.episode_id = episode;
    r.person_id = person;
    r.facility_code = facility;
    r.zone = ParseName(kZoneNames, zone).value_or(Zone::kDetox);
    r.unit_id = unit;
    r.unit_code = code;
    r.unit_name = name;
    r.date = Date::Parse(date).value_or(Date());
    r.reason = reason;
    r.recorded_by = by;
    r.recorded_at = at;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<PlacementRow> PlacementRepository::OfEpisode(int64_t episode_id) {
  return Query(kOfEpisode, episode_id);
}

std::vector<PlacementRow> PlacementRepository::OfPerson(int64_t person_id) {
  return Query(kOfPerson, person_id);
}

Occupancy PlacementRepository::OccupancyOf(int64_t facility_id) {
  const long long o = facility_id;
  std::string zone, unit;
  int count = 0;
  soci::statement st = (sql_.prepare << kOccupancy, soci::use(o, "o"), soci::into(zone),
                        soci::into(unit), soci::into(count));
  st.execute();
  Occupancy out;
  for (const auto& [z, name] : kZoneNames) out.by_zone[z] = 0;
  while (st.fetch()) {
    const auto z = ParseName(kZoneNames, zone);
    if (!z || unit.empty()) {
      out.unplaced += count;
      continue;
    }
    out.by_zone[*z] += count;
    out.by_unit[unit] += count;
  }
  return out;
}

}  // namespace huigui::store
