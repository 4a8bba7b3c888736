#include "store/person_repository.h"

namespace huigui::store {

const char* const kPersonInScope =
    "(h.path LIKE :scope_a OR EXISTS (SELECT 1 FROM episodes se JOIN org_units so "
    "ON so.id = se.org_unit_id WHERE se.person_id = p.id AND se.status = 'open' "
    "AND so.path LIKE :scope_b))";

namespace {

constexpr const char* kInsert =
    "INSERT INTO persons (alias, sex, birth_year, home_org_id, primary_substance, "
    "registration_date, identity_sealed, id_number_lookup, version, created_at, updated_at) "
    "VALUES (:alias, :sex, :by, :home, :subst, :reg, :sealed, :lookup, 1, :now1, :now2) "
    "RETURNING id";
constexpr const char* kCountLookup =
    "SELECT COUNT(*) FROM persons WHERE id_number_lookup = :lookup AND id <> :id";
constexpr const char* kColumns =
    "SELECT p.id, p.alias, p.sex, p.birth_year, h.code, h.name, p.primary_substance, "
    "p.registration_date, CASE WHEN p.identity_sealed IS NULL THEN 0 ELSE 1 END, p.version "
    "FROM persons p JOIN org_units h ON h.id = p.home_org_id ";
constexpr const char* kUpdate =
    "UPDATE persons SET alias = :alias, sex = :sex, birth_year = :by, home_org_id = :home, "
    "primary_substance = :subst, version = version + 1, updated_at = :now "
    "WHERE id = :id AND version = :version";
constexpr const char* kUpdateIdentity =
    "UPDATE persons SET identity_sealed = :sealed, id_number_lookup = :lookup WHERE id = :id";

struct Row {
  long long id = 0, version = 0;
  int birth_year = 0, has_identity = 0;
  std::string alias, sex, home_code, home_name, substance, registration;
};

void BindRow(soci::details::prepare_temp_type& p, Row& r) {
  p, soci::into(r.id), soci::into(r.alias), soci::into(r.sex), soci::into(r.birth_year),
      soci::into(r.home_code), soci::into(r.home_name), soci::into(r.substance),
      soci::into(r.registration), soci::into(r.has_identity), soci::into(r.version);
}

PersonRecord ToRecord(const Row& r) {
  PersonRecord rec;
  rec.person.id = r.id;
  rec.person.alias = r.alias;
  rec.person.sex = ParseName(kSexNames, r.sex).value_or(Sex::kMale);
  rec.person.birth_year = r.birth_year;
  rec.person.home_org_code = r.home_code;
  rec.person.primary_substance = r.substance;
  rec.person.registration_date = Date::Parse(r.registration).value_or(Date());
  rec.person.version = r.version;
  rec.home_org_name = r.home_name;
  rec.has_identity = r.has_identity != 0;
  return rec;
}

}  // namespace

std::string LikePrefix(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  return out + "%";
}

Result<int64_t> PersonRepository::Insert(const Person& p, int64_t home_org_id,
                                         const std::string& sealed, const std::string& lookup,
                                         Timestamp now) {
  if (!lookup.empty()) {
    int count = 0;
    long long none = 0;
    sql_ << kCountLookup, soci::use(lookup, "lookup"), soci::use(none, "id"), soci::into(count);
    if (count > 0) {
      return Status::Conflict("a person with this ID number is already registered",
                              {{"identity.id_number", "unique", "already registered"}});
    }
  }
  const std::string sex(NameOf(kSexNames, p.sex));
  const std::string reg = p.registration_date.ToString();
  const std::string t = now.ToString();
  const long long home = home_org_id;
  soci::indicator ind = sealed.empty() ? soci::i_null : soci::i_ok;
  long long id = 0;
  sql_ << kInsert, soci::use(p.alias, "alias"), soci::use(sex, "sex"),
      soci::use(p.birth_year, "by"), soci::use(home, "home"),
      soci::use(p.primary_substance, "subst"), soci::use(reg, "reg"),
      soci::use(sealed, ind, "sealed"), soci::use(lookup, ind, "lookup"), soci::use(t, "now1"),
      soci::use(t, "now2"), soci::into(id);
  return static_cast<int64_t>(id);
}

std::optional<PersonRecord> PersonRepository::FindInScope(int64_t id,
                                                          const std::string& scope_path) {
  const std::string like = scope_path + "%";
  const long long pid = id;
  Row r;
  auto p = (sql_.prepare << std::string(kColumns) + "WHERE p.id = :id AND " + kPersonInScope,
            soci::use(pid, "id"), soci::use(like, "scope_a"), soci::use(like, "scope_b"));
  BindRow(p, r);
  soci::statement st(p);
  st.execute(true);
  if (!st.got_data()) return std::nullopt;
  return ToRecord(r);
}

PersonPage PersonRepository::Search(const PersonQuery& q) {
  const std::string like = q.scope_path + "%";
  const std::string alias = q.alias_prefix ? LikePrefix(*q.alias_prefix) : std::string("%");
  const std::string lookup = q.id_number_lookup.value_or("");
  const std::string org = q.org_path ? *q.org_path + "%" : std::string("%");
  const std::string where = std::string("WHERE ") + kPersonInScope +
                            " AND p.alias LIKE :alias ESCAPE '!' AND h.path LIKE :org"
                            " AND (:lookup1 = '' OR p.id_number_lookup = :lookup2) ";
  PersonPage page;
  long long total = 0;
  sql_ << "SELECT COUNT(*) FROM persons p JOIN org_units h ON h.id = p.home_org_id " + where,
      soci::use(like, "scope_a"), soci::use(like, "scope_b"), soci::use(alias, "alias"),
      soci::use(org, "org"), soci::use(lookup, "lookup1"), soci::use(lookup, "lookup2"),
      soci::into(total);
  page.total = total;
  const int limit = q.limit, offset = q.offset;
  Row r;
  auto p = (sql_.prepare << std::string(kColumns) + where +
                                "ORDER BY p.alias, p.id LIMIT :limit OFFSET :offset",
            soci::use(like, "scope_a"), soci::use(like, "scope_b"), soci::use(alias, "alias"),
            soci::use(org, "org"), soci::use(lookup, "lookup1"), soci::use(lookup, "lookup2"),
            soci::use(limit, "limit"), soci::use(offset, "offset"));
  BindRow(p, r);
  soci::statement st(p);
  st.execute();
  while (st.fetch()) page.items.push_back(ToRecord(r));
  return page;
}

Status PersonRepository::Update(
    const Person& p, int64_t home_org_id, int64_t expected_version,
    const std::optional<std::pair<std::string, std::string>>& sealed_and_lookup, Timestamp now) {
  const long long id = p.id, home = home_org_id, version = expected_version;
  if (sealed_and_lookup) {
    int count = 0;
    sql_ << kCountLookup, soci::use(sealed_and_lookup->second, "lookup"), soci::use(id, "id"),
        soci::into(count);
    if (count > 0) {
      return Status::Conflict("a person with this ID number is already registered",
                              {{"identity.id_number", "unique", "already registered"}});
    }
  }
  const std::string sex(NameOf(kSexNames, p.sex));
  const std::string t = now.ToString();
  soci::statement st = (sql_.prepare << kUpdate, soci::use(p.alias, "alias"), soci::use(sex, "sex"),
                        soci::use(p.birth_year, "by"), soci::use(home, "home"),
                        soci::use(p.primary_substance, "subst"), soci::use(t, "now"),
                        soci::use(id, "id"), soci::use(version, "version"));
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    return Status::Conflict("the person was changed by someone else; reload and retry",
                            {{"version", "stale", "is not the current version"}});
  }
  if (sealed_and_lookup) {
    sql_ << kUpdateIdentity, soci::use(sealed_and_lookup->first, "sealed"),
        soci::use(sealed_and_lookup->second, "lookup"), soci::use(id, "id");
  }
  return Status::Ok();
}

std::optional<std::string> PersonRepository::SealedIdentity(int64_t id,
                                                            const std::string& scope_path) {
  const std::string like = scope_path + "%";
  const long long pid = id;
  std::string sealed;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT p.identity_sealed FROM persons p JOIN org_units h ON h.id = p.home_org_id "
          "WHERE p.id = :id AND " +
              std::string(kPersonInScope),
      soci::use(pid, "id"), soci::use(like, "scope_a"), soci::use(like, "scope_b"),
      soci::into(sealed, ind);
  if (!sql_.got_data()) return std::nullopt;
  return ind == soci::i_ok ? sealed : std::string();
}

}  // namespace huigui::store
