// Org units: the tree province → city → county → township/street → community, plus the
// facilities, aftercare stations, police units, courts and procuratorates hung under it.
//
// Scope is a subtree. Each unit stores a materialised path ("/420000/420100/420102/") so the
// store can enforce scope with one indexed prefix comparison in the query itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/enum_names.h"

namespace huigui {

enum class OrgUnitKind {
  kProvince,
  kCity,
  kCounty,
  kTownship,  // 乡镇 / 街道
  kCommunity,
  kFacility,          // 强制隔离戒毒所 and other rehabilitation facilities
  kAftercareStation,  // 后续照管站
  kPoliceUnit,
  kCourt,
  kProcuratorate,
};

inline constexpr EnumNames<OrgUnitKind, 10> kOrgUnitKindNames{{
    {OrgUnitKind::kProvince, "province"},
    {OrgUnitKind::kCity, "city"},
    {OrgUnitKind::kCounty, "county"},
    {OrgUnitKind::kTownship, "township"},
    {OrgUnitKind::kCommunity, "community"},
    {OrgUnitKind::kFacility, "facility"},
    {OrgUnitKind::kAftercareStation, "aftercare_station"},
    {OrgUnitKind::kPoliceUnit, "police_unit"},
    {OrgUnitKind::kCourt, "court"},
    {OrgUnitKind::kProcuratorate, "procuratorate"},
}};

struct OrgUnit {
  int64_t id = 0;
  std::string code;  // administrative division code where one exists (420100 = Wuhan)
  std::string name;
  OrgUnitKind kind = OrgUnitKind::kProvince;
  std::optional<std::string> parent_code;
  std::string path;  // "/420000/420100/" — ancestors' codes then its own, slash-terminated
};

// The materialised path of a child of `parent_path` with `code`.
std::string ChildPath(std::string_view parent_path, std::string_view code);

// True when `path` lies in the subtree rooted at `scope_path` (a unit is in its own subtree).
bool InSubtree(std::string_view path, std::string_view scope_path);

// Codes are 2–20 characters of digits, ASCII letters and '-'.
bool IsValidOrgCode(std::string_view code);

}  // namespace huigui
