#include "store/org_unit_repository.h"

namespace huigui::store {
namespace {

constexpr const char* kInsert =
    "INSERT INTO org_units (code, name, kind, parent_id, path) "
    "VALUES (:code, :name, :kind, :parent_id, :path) RETURNING id";
constexpr const char* kSelectColumns =
    "SELECT o.id, o.code, o.name, o.kind, COALESCE(p.code, ''), o.path "
    "FROM org_units o LEFT JOIN org_units p ON p.id = o.parent_id ";
constexpr const char* kCountCode = "SELECT COUNT(*) FROM org_units WHERE code = :code";

struct OrgRow {
  long long id = 0;
  std::string code, name, kind, parent, path;
};

OrgUnit ToOrgUnit(const OrgRow& r) {
  OrgUnit o;
  o.id = r.id;
  o.code = r.code;
  o.name = r.name;
  o.kind = ParseName(kOrgUnitKindNames, r.kind).value_or(OrgUnitKind::kCommunity);
  if (!r.parent.empty()) o.parent_code = r.parent;
  o.path = r.path;
  return o;
}

}  // namespace

Result<OrgUnit> OrgUnitRepository::Insert(const std::string& code, const std::string& name,
                                          OrgUnitKind kind,
                                          const std::optional<std::string>& parent_code) {
  int count = 0;
  sql_ << kCountCode, soci::use(code), soci::into(count);
  if (count > 0) return Status::Conflict("org unit " + code + " already exists");
  std::string path = ChildPath("/", code);
  long long parent_id = 0;
  soci::indicator parent_ind = soci::i_null;
  if (parent_code) {
    auto parent = FindByCode(*parent_code);
    if (!parent) return Status::Invalid("parent", "exists", "no org unit " + *parent_code);
    path = ChildPath(parent->path, code);
    parent_id = parent->id;
    parent_ind = soci::i_ok;
  }
  const std::string kind_name(NameOf(kOrgUnitKindNames, kind));
  long long id = 0;
  sql_ << kInsert, soci::use(code, "code"), soci::use(name, "name"), soci::use(kind_name, "kind"),
      soci::use(parent_id, parent_ind, "parent_id"), soci::use(path, "path"), soci::into(id);
  OrgUnit o{id, code, name, kind, parent_code, path};
  return o;
}

std::optional<OrgUnit> OrgUnitRepository::FindByCode(const std::string& code) {
  OrgRow r;
  sql_ << std::string(kSelectColumns) + "WHERE o.code = :code", soci::use(code), soci::into(r.id),
      soci::into(r.code), soci::into(r.name), soci::into(r.kind), soci::into(r.parent),
      soci::into(r.path);
  if (!sql_.got_data()) return std::nullopt;
  return ToOrgUnit(r);
}

std::optional<OrgUnit> OrgUnitRepository::FindInScope(const std::string& code,
                                                      const std::string& scope_path) {
  auto o = FindByCode(code);
  if (!o || !InSubtree(o->path, scope_path)) return std::nullopt;
  return o;
}

std::vector<OrgUnit> OrgUnitRepository::ListInScope(const std::string& scope_path,
                                                    const std::optional<std::string>& parent_code,
                                                    const std::optional<OrgUnitKind>& kind) {
  const std::string like = scope_path + "%";
  const std::string parent = parent_code.value_or("");
  const std::string kind_name = kind ? std::string(NameOf(kOrgUnitKindNames, *kind)) : "";
  OrgRow r;
  soci::statement st =
      (sql_.prepare << std::string(kSelectColumns) +
                           "WHERE o.path LIKE :scope AND (:parent1 = '' OR p.code = :parent2) "
                           "AND (:kind1 = '' OR o.kind = :kind2) ORDER BY o.path",
       soci::use(like, "scope"), soci::use(parent, "parent1"), soci::use(parent, "parent2"),
       soci::use(kind_name, "kind1"), soci::use(kind_name, "kind2"), soci::into(r.id),
       soci::into(r.code), soci::into(r.name), soci::into(r.kind), soci::into(r.parent),
       soci::into(r.path));
  st.execute();
  std::vector<OrgUnit> out;
  while (st.fetch()) out.push_back(ToOrgUnit(r));
  return out;
}

}  // namespace huigui::store
