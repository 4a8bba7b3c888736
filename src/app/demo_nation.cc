// The nation-scale demo. Rows are generated person by person from one SplitMix64 stream (the
// draws happen in a fixed order, so a seed always gives the same rows), ids are assigned here so
// that parents and children can be written in bulk without RETURNING, and each table's rows are
// buffered column by column and written in large batches: SOCI vector binds on SQLite,
// `INSERT ... SELECT * FROM unnest(array, ...)` (one round trip per batch) on PostgreSQL.
#include "app/demo_nation.h"
#include "app/demo_seeds.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "domain/assessment.h"
#include "domain/contact.h"
#include "domain/drug_test.h"
#include "domain/episode.h"
#include "domain/follow_up.h"
#include "domain/legal_clock.h"
#include "domain/org_unit.h"
#include "domain/role.h"
#include "store/crypto.h"
#include "store/user_repository.h"

namespace huigui::app {
namespace {

using store::Backend;

// ------------------------------------------------------------------------------------------------
// Randomness: SplitMix64, fully specified, so every platform builds the same country.

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform over [lo, hi] (modulo bias negligible for these spans).
  int Int(int lo, int hi) {
    return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(int percent) { return Int(0, 99) < percent; }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

using demo::Weighted;

template <typename T, std::size_t N>
const T& PickWeighted(SplitMix64& rng, const std::array<Weighted<T>, N>& items) {
  int total = 0;
  for (const auto& i : items) total += i.weight;
  int r = rng.Int(0, total - 1);
  for (const auto& i : items) {
    if (r < i.weight) return i.value;
    r -= i.weight;
  }
  return items.back().value;
}

std::vector<std::string> CodePoints(std::string_view utf8) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    out.emplace_back(utf8.substr(i, len));
    i += len;
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Reference data: the 31 provincial-level divisions of the mainland (GB/T 2260 codes and names)
// with a weight close to their population in millions, which shares out cities and persons.

struct ProvinceSeed {
  std::string_view code2;
  std::string_view name;
  int weight;
};

constexpr auto kProvinces = std::to_array<ProvinceSeed>({
    {"11", "北京市", 22},           {"12", "天津市", 14},         {"13", "河北省", 74},
    {"14", "山西省", 35},           {"15", "内蒙古自治区", 24},   {"21", "辽宁省", 42},
    {"22", "吉林省", 24},           {"23", "黑龙江省", 31},       {"31", "上海市", 25},
    {"32", "江苏省", 85},           {"33", "浙江省", 65},         {"34", "安徽省", 61},
    {"35", "福建省", 42},           {"36", "江西省", 45},         {"37", "山东省", 102},
    {"41", "河南省", 99},           {"42", "湖北省", 58},         {"43", "湖南省", 66},
    {"44", "广东省", 127},          {"45", "广西壮族自治区", 50}, {"46", "海南省", 10},
    {"50", "重庆市", 32},           {"51", "四川省", 84},         {"52", "贵州省", 39},
    {"53", "云南省", 47},           {"54", "西藏自治区", 4},      {"61", "陕西省", 40},
    {"62", "甘肃省", 25},           {"63", "青海省", 6},          {"64", "宁夏回族自治区", 7},
    {"65", "新疆维吾尔自治区", 26},
});

// Syllables for synthetic place names (two of them, then 市 / 区 / 县 / 街道 / 镇).
constexpr std::string_view kPlaceSyllables =
    "东西南北安宁平阳江山清河永新丰泰和兴华顺德昌盛嘉庆长乐临湖宝金石龙凤云海川林桥源溪鹤"
    "明光福寿文武城乡湾岭";
constexpr std::string_view kSurnames =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程";
constexpr std::string_view kGiven =
    "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清"
    "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣";

using demo::kSubstances;

constexpr auto kCommunityContacts = std::to_array<Weighted<ContactKind>>({
    {ContactKind::kOfficeVisit, 35},
    {ContactKind::kHomeVisit, 25},
    {ContactKind::kPhone, 20},
    {ContactKind::kWechat, 15},
    {ContactKind::kCounselling, 5},
});
constexpr auto kAftercareContacts = std::to_array<Weighted<ContactKind>>({
    {ContactKind::kPhone, 45},
    {ContactKind::kWechat, 35},
    {ContactKind::kHomeVisit, 12},
    {ContactKind::kPeerEducation, 5},
    {ContactKind::kCrisisIntervention, 3},
});
constexpr auto kCommunityResults = std::to_array<Weighted<TestResult>>({
    {TestResult::kNegative, 90},
    {TestResult::kPositive, 4},
    {TestResult::kRefused, 3},
    {TestResult::kMissed, 3},
});

std::string_view NoteFor(ContactKind kind) {
  switch (kind) {
    case ContactKind::kPhone:
      return "电话联系，了解近况";
    case ContactKind::kWechat:
      return "微信联系，提醒按时尿检";
    case ContactKind::kHomeVisit:
      return "入户走访，居住稳定";
    case ContactKind::kOfficeVisit:
      return "到工作站报到";
    case ContactKind::kCounselling:
      return "心理咨询";
    case ContactKind::kPeerEducation:
      return "回所参加同伴教育";
    case ContactKind::kCrisisIntervention:
      return "危机干预";
    default:
      return "走访";
  }
}

constexpr std::string_view kRecorder = "demo";

// drug_tests.substances holds a JSON array of the substances found.
std::string Found(std::string_view substance) { return "[\"" + std::string(substance) + "\"]"; }

// ------------------------------------------------------------------------------------------------
// Bulk writing.

struct Column {
  const char* name;
  bool is_int;
};

// One table's pending rows, column by column.
class TableWriter {
 public:
  TableWriter(std::string table, std::vector<Column> columns)
      : table_(std::move(table)), columns_(std::move(columns)), slot_(columns_.size()) {
    std::size_t ints = 0, texts = 0;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      slot_[i] = columns_[i].is_int ? ints++ : texts++;
    }
    ints_.resize(ints);
    texts_.resize(texts);
    inds_.resize(columns_.size());
  }

  TableWriter& I(long long v) {
    ints_[slot_[col_]].push_back(v);
    inds_[col_++].push_back(soci::i_ok);
    return *this;
  }
  TableWriter& S(std::string_view v) {
    texts_[slot_[col_]].emplace_back(v);
    inds_[col_++].push_back(soci::i_ok);
    return *this;
  }
  TableWriter& Null() {
    if (columns_[col_].is_int) {
      ints_[slot_[col_]].push_back(0);
    } else {
      texts_[slot_[col_]].emplace_back();
    }
    inds_[col_++].push_back(soci::i_null);
    return *this;
  }
  void End() {
    col_ = 0;
    ++pending_;
  }
  std::size_t pending() const { return pending_; }
  int64_t written() const { return written_; }
  const std::string& table() const { return table_; }

  void Flush(soci::session& sql, Backend backend) {
    if (pending_ == 0) return;
    std::string names;
    for (const auto& c : columns_) names += (names.empty() ? "" : ", ") + std::string(c.name);
    if (backend == Backend::kSqlite) {
      std::string values;
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        values += (i ? ", :c" : ":c") + std::to_string(i);
      }
      const std::string text = "INSERT INTO " + table_ + " (" + names + ") VALUES (" + values + ")";
      soci::details::prepare_temp_type p = sql.prepare << text;
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (columns_[i].is_int) {
          p, soci::use(ints_[slot_[i]], inds_[i]);
        } else {
          p, soci::use(texts_[slot_[i]], inds_[i]);
        }
      }
      soci::statement st(p);
      st.execute(true);
    } else {
      // One statement per batch: each column travels as one array literal.
      std::vector<std::string> arrays(columns_.size());
      std::string sources;
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        arrays[i] = ArrayLiteral(i);
        sources += (i ? ", " : "") + std::string("CAST(:c") + std::to_string(i) +
                   (columns_[i].is_int ? " AS bigint[])" : " AS text[])");
      }
      const std::string text =
          "INSERT INTO " + table_ + " (" + names + ") SELECT * FROM unnest(" + sources + ")";
      soci::details::prepare_temp_type p = sql.prepare << text;
      for (auto& a : arrays) p, soci::use(a);
      soci::statement st(p);
      st.execute(true);
    }
    written_ += static_cast<int64_t>(pending_);
    pending_ = 0;
    for (auto& v : ints_) v.clear();
    for (auto& v : texts_) v.clear();
    for (auto& v : inds_) v.clear();
  }

 private:
  std::string ArrayLiteral(std::size_t column) const {
    std::string out = "{";
    const auto& ind = inds_[column];
    for (std::size_t r = 0; r < pending_; ++r) {
      if (r) out += ',';
      if (ind[r] == soci::i_null) {
        out += "NULL";
      } else if (columns_[column].is_int) {
        out += std::to_string(ints_[slot_[column]][r]);
      } else {
        out += '"';
        for (char c : texts_[slot_[column]][r]) {
          if (c == '"' || c == '\\') out += '\\';
          out += c;
        }
        out += '"';
      }
    }
    out += '}';
    return out;
  }

  std::string table_;
  std::vector<Column> columns_;
  std::vector<std::size_t> slot_;
  std::vector<std::vector<long long>> ints_;
  std::vector<std::vector<std::string>> texts_;
  std::vector<std::vector<soci::indicator>> inds_;
  std::size_t col_ = 0;
  std::size_t pending_ = 0;
  int64_t written_ = 0;
};

// ------------------------------------------------------------------------------------------------
// The org tree.

struct Township {
  int64_t id;
  int64_t county_police_id;
  int64_t facility_id;  // the city's compulsory isolation facility (men)
  int64_t women_id;     // the provincial women's facility
  int64_t station_id;   // the city facility's aftercare station
  int64_t women_station_id;
  std::string code;
};

// ------------------------------------------------------------------------------------------------

constexpr int kMaxPersons = 5000000;
constexpr std::size_t kFlushRows = 50000;
constexpr std::size_t kMaxEpisodes = 6;

class NationBuilder {
 public:
  NationBuilder(store::Database& db, const NationOptions& options, Timestamp now,
                const std::function<void(const NationProgress&)>& progress)
      : db_(db),
        lease_(db.Acquire()),
        options_(options),
        now_(now),
        today_(now.LocalDate()),
        now_text_(now.ToString()),
        rng_(options.seed),
        progress_(progress),
        surnames_(CodePoints(kSurnames)),
        given_(CodePoints(kGiven)),
        syllables_(CodePoints(kPlaceSyllables)),
        orgs_("org_units", {{"id", true},
                            {"code", false},
                            {"name", false},
                            {"kind", false},
                            {"parent_id", true},
                            {"path", false}}),
        persons_("persons", {{"id", true},
                             {"alias", false},
                             {"sex", false},
                             {"birth_year", true},
                             {"home_org_id", true},
                             {"primary_substance", false},
                             {"registration_date", false},
                             {"version", true},
                             {"created_at", false},
                             {"updated_at", false},
                             {"first_use_year", true}}),
        episodes_("episodes", {{"id", true},
                               {"person_id", true},
                               {"kind", false},
                               {"org_unit_id", true},
                               {"start_date", false},
                               {"planned_end_date", false},
                               {"end_date", false},
                               {"status", false},
                               {"decision_number", false},
                               {"recorded_by", false},
                               {"created_at", false},
                               {"deciding_org_id", true},
                               {"end_reason", false}}),
        owners_("episode_owners", {{"episode_id", true},
                                   {"person_id", true},
                                   {"org_unit_id", true},
                                   {"from_date", false},
                                   {"reason", false}}),
        actions_("episode_actions", {{"id", true},
                                     {"episode_id", true},
                                     {"action", false},
                                     {"effective_date", false},
                                     {"recorded_at", false},
                                     {"recorded_by", false},
                                     {"org_unit_id", true},
                                     {"params", false},
                                     {"reason", false}}),
        tests_("drug_tests", {{"id", true},
                              {"person_id", true},
                              {"sample", false},
                              {"result", false},
                              {"at", false},
                              {"substances", false},
                              {"recorded_by", false},
                              {"org_unit_id", true},
                              {"created_at", false}}),
        relapses_("relapses", {{"id", true},
                               {"person_id", true},
                               {"at", false},
                               {"evidence", false},
                               {"source", false},
                               {"drug_test_id", true},
                               {"recorded_by", false},
                               {"org_unit_id", true},
                               {"created_at", false}}),
        contacts_("contacts", {{"person_id", true},
                               {"kind", false},
                               {"at", false},
                               {"note", false},
                               {"recorded_by", false},
                               {"org_unit_id", true},
                               {"created_at", false}}),
        assessments_("diagnostic_assessments", {{"episode_id", true},
                                                {"kind", false},
                                                {"assessed_on", false},
                                                {"detox_items", false},
                                                {"physical_mental", false},
                                                {"behaviour", false},
                                                {"social_environment", false},
                                                {"detox_score", true},
                                                {"overall", false},
                                                {"recommendation", false},
                                                {"recorded_by", false},
                                                {"org_unit_id", true},
                                                {"created_at", false}}),
        follow_ups_("follow_ups", {{"person_id", true},
                                   {"release_episode_id", true},
                                   {"at", false},
                                   {"on_date", false},
                                   {"method", false},
                                   {"result", false},
                                   {"evidence", false},
                                   {"relapse_id", true},
                                   {"recorded_by", false},
                                   {"org_unit_id", true},
                                   {"created_at", false}}) {
    // Dates from ten years back to today, formatted once.
    first_day_ = today_.AddDays(-kHistoryDays - 400);
    for (Date d = first_day_; d <= today_; d = d.AddDays(1)) date_text_.push_back(d.ToString());
  }

  Result<NationSummary> Build();

 private:
  static constexpr int kHistoryDays = 3650;

  soci::session& sql() { return lease_.sql(); }
  const std::string& D(Date d) const {
    return date_text_[static_cast<std::size_t>(std::clamp(d, first_day_, today_) - first_day_)];
  }
  // An instant in working hours of local date `d`, as stored ("YYYY-MM-DDTHH:MM:00Z"; 09:00–
  // 16:59 local is 01:00–08:59 UTC the same day).
  std::string At(Date d) {
    const int minute = rng_.Int(60, 60 * 9 - 1);
    char buf[16];
    std::snprintf(buf, sizeof buf, "T%02d:%02d:00Z", minute / 60, minute % 60);
    return D(d) + buf;
  }
  std::string PlaceName(std::string_view suffix) {
    return syllables_[rng_.Int(0, static_cast<int>(syllables_.size()) - 1)] +
           syllables_[rng_.Int(0, static_cast<int>(syllables_.size()) - 1)] + std::string(suffix);
  }

  int64_t AddOrg(const std::string& code, const std::string& name, OrgUnitKind kind,
                 int64_t parent_id, const std::string& parent_path);
  void BuildOrgTree();
  void BuildUsers();
  Status BuildPerson();
  struct Plan;
  Status WriteEpisode(const Plan& plan, int64_t person_id, const Township& home, bool male,
                      std::string_view substance, bool validate);
  void CommunityEvents(int64_t person_id, int64_t org_id, Date from, Date until,
                       std::string_view substance);
  void FollowUps(int64_t person_id, int64_t episode_id, int64_t org_id, Date release, Date until);
  void FlushAll();
  int64_t Events() const;
  void Report(int64_t persons_done);

  store::Database& db_;
  store::Lease lease_;
  const NationOptions& options_;
  Timestamp now_;
  Date today_;
  std::string now_text_;
  SplitMix64 rng_;
  const std::function<void(const NationProgress&)>& progress_;
  std::vector<std::string> surnames_, given_, syllables_;
  Date first_day_;
  std::vector<std::string> date_text_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();

  TableWriter orgs_, persons_, episodes_, owners_, actions_, tests_, relapses_, contacts_,
      assessments_, follow_ups_;
  std::vector<Township> townships_;
  std::vector<double> township_cumulative_;
  std::vector<int64_t> province_ids_;
  int64_t next_org_ = 1, next_person_ = 1, next_episode_ = 1, next_action_ = 1, next_test_ = 1,
          next_relapse_ = 1;
  int64_t users_ = 0;
  int64_t decision_seq_ = 0;
  bool validate_all_ = false;
  int validate_every_ = 50;
};

// ------------------------------------------------------------------------------------------------

int64_t NationBuilder::AddOrg(const std::string& code, const std::string& name, OrgUnitKind kind,
                              int64_t parent_id, const std::string& parent_path) {
  const int64_t id = next_org_++;
  orgs_.I(id).S(code).S(name).S(NameOf(kOrgUnitKindNames, kind));
  if (parent_id) {
    orgs_.I(parent_id);
  } else {
    orgs_.Null();
  }
  orgs_.S(ChildPath(parent_path, code)).End();
  return id;
}

void NationBuilder::BuildOrgTree() {
  for (const auto& prov : kProvinces) {
    const std::string pcode = std::string(prov.code2) + "0000";
    const std::string ppath = ChildPath("", pcode);
    const int64_t pid = AddOrg(pcode, std::string(prov.name), OrgUnitKind::kProvince, 0, "");
    province_ids_.push_back(pid);
    AddOrg(pcode + "C", std::string(prov.name) + "高级人民法院", OrgUnitKind::kCourt, pid, ppath);
    AddOrg(pcode + "J", std::string(prov.name) + "人民检察院", OrgUnitKind::kProcuratorate, pid,
           ppath);
    const int64_t pmen = AddOrg(pcode + "F01", std::string(prov.name) + "强制隔离戒毒所",
                                OrgUnitKind::kFacility, pid, ppath);
    const std::string pmen_path = ChildPath(ppath, pcode + "F01");
    AddOrg(pcode + "F01A1", std::string(prov.name) + "强戒所后续照管站",
           OrgUnitKind::kAftercareStation, pmen, pmen_path);
    const int64_t women = AddOrg(pcode + "F02", std::string(prov.name) + "女子强制隔离戒毒所",
                                 OrgUnitKind::kFacility, pid, ppath);
    const int64_t women_station =
        AddOrg(pcode + "F02A1", std::string(prov.name) + "女子强戒所后续照管站",
               OrgUnitKind::kAftercareStation, women, ChildPath(ppath, pcode + "F02"));
    const int cities = std::clamp(prov.weight / 8, 2, 16);
    const std::size_t first_township = townships_.size();
    for (int c = 1; c <= cities; ++c) {
      char cc[8];
      std::snprintf(cc, sizeof cc, "%02d", c);
      const std::string ccode = std::string(prov.code2) + cc + "00";
      const std::string cname = PlaceName("市");
      const int64_t cid = AddOrg(ccode, cname, OrgUnitKind::kCity, pid, ppath);
      const std::string cpath = ChildPath(ppath, ccode);
      AddOrg(ccode + "C", cname + "中级人民法院", OrgUnitKind::kCourt, cid, cpath);
      AddOrg(ccode + "J", cname + "人民检察院", OrgUnitKind::kProcuratorate, cid, cpath);
      const int64_t fid =
          AddOrg(ccode + "F01", cname + "强制隔离戒毒所", OrgUnitKind::kFacility, cid, cpath);
      const int64_t sid =
          AddOrg(ccode + "F01A1", cname + "强戒所后续照管站", OrgUnitKind::kAftercareStation, fid,
                 ChildPath(cpath, ccode + "F01"));
      const int counties = rng_.Int(4, 7);
      for (int k = 1; k <= counties; ++k) {
        char kk[8];
        std::snprintf(kk, sizeof kk, "%02d", k);
        const std::string kcode = std::string(prov.code2) + cc + kk;
        const std::string kname = PlaceName(k <= 2 ? "区" : "县");
        const int64_t kid = AddOrg(kcode, kname, OrgUnitKind::kCounty, cid, cpath);
        const std::string kpath = ChildPath(cpath, kcode);
        const int64_t police =
            AddOrg(kcode + "P", kname + "公安局", OrgUnitKind::kPoliceUnit, kid, kpath);
        const int towns = rng_.Int(4, 8);
        for (int t = 1; t <= towns; ++t) {
          char tt[8];
          const bool street = k <= 2 || t <= 2;
          std::snprintf(tt, sizeof tt, "%03d", street ? t : 100 + t);
          const std::string tcode = kcode + tt;
          const int64_t tid =
              AddOrg(tcode, PlaceName(street ? "街道" : "镇"), OrgUnitKind::kTownship, kid, kpath);
          townships_.push_back({tid, police, fid, women, sid, women_station, tcode});
        }
      }
    }
    // Persons share out by province weight, evenly over the province's townships.
    const double each =
        static_cast<double>(prov.weight) / static_cast<double>(townships_.size() - first_township);
    for (std::size_t i = first_township; i < townships_.size(); ++i) {
      township_cumulative_.push_back(
          (township_cumulative_.empty() ? 0.0 : township_cumulative_.back()) + each);
    }
  }
  orgs_.Flush(sql(), lease_.backend());
}

// A director and an analyst per province and one administrator, sharing the demo password.
void NationBuilder::BuildUsers() {
  const std::string hash = store::PasswordHasher::Hash(options_.password);
  store::UserRepository users(sql());
  for (std::size_t i = 0; i < kProvinces.size(); ++i) {
    const std::string code2(kProvinces[i].code2);
    if (i == 0) users.Insert("admin", Role::kAdmin, province_ids_[i], hash, now_);
    users.Insert("director." + code2, Role::kDirector, province_ids_[i], hash, now_);
    users.Insert("analyst." + code2, Role::kAnalyst, province_ids_[i], hash, now_);
    users_ += i == 0 ? 3 : 2;
  }
}

// ------------------------------------------------------------------------------------------------
// Histories.

struct NationBuilder::Plan {
  EpisodeKind kind = EpisodeKind::kCommunityDetox;
  int64_t org_id = 0;
  Date order;               // order or decision date
  int report_lag = 0;       // community: days to the report-in
  std::optional<Date> end;  // closed on this date
  bool escalated = false;   // community detox ended by escalation
  bool early = false;       // compulsory isolation released early
  bool rehab = false;       // release ordered community rehabilitation
  bool imprisoned = false;  // community detox ended by imprisonment (history cut short)
  std::optional<Date> aftercare_on;
  int64_t id = 0;
};

Status NationBuilder::BuildPerson() {
  const int64_t person_id = next_person_++;
  // Home township, proportional to the province weights.
  const double r = rng_.Unit() * township_cumulative_.back();
  const auto it = std::upper_bound(township_cumulative_.begin(), township_cumulative_.end(), r);
  const Township& home = townships_[std::min<std::size_t>(
      static_cast<std::size_t>(it - township_cumulative_.begin()), townships_.size() - 1)];
  const bool male = rng_.Chance(85);
  const int birth_year = today_.year() - rng_.Int(18, 62);
  const std::string_view substance = PickWeighted(rng_, kSubstances);
  std::string alias = surnames_[rng_.Int(0, static_cast<int>(surnames_.size()) - 1)] +
                      given_[rng_.Int(0, static_cast<int>(given_.size()) - 1)];
  if (rng_.Chance(60)) alias += given_[rng_.Int(0, static_cast<int>(given_.size()) - 1)];

  // The history, oldest first: a first measure some time in the last ten years, then what the
  // law makes follow it.
  std::vector<Plan> plans;
  Date start = today_.AddDays(-rng_.Int(20, kHistoryDays));
  const int64_t facility = male ? home.facility_id : home.women_id;
  const int64_t station = male ? home.station_id : home.women_station_id;
  EpisodeKind kind =
      rng_.Chance(62) ? EpisodeKind::kCommunityDetox : EpisodeKind::kCompulsoryIsolation;
  while (start <= today_) {
    Plan p;
    p.kind = kind;
    p.order = start;
    std::optional<Date> next_start;
    EpisodeKind next_kind = EpisodeKind::kCommunityDetox;
    if (kind == EpisodeKind::kCommunityDetox || kind == EpisodeKind::kCommunityRehab) {
      p.org_id = home.id;
      p.report_lag = std::min(rng_.Int(0, 15), rng_.Int(0, 15));
      const Date report_in = start.AddDays(p.report_lag);
      const Date term_end = *DefaultPlannedEnd(kind, report_in);
      const Date earliest = report_in.AddDays(60);
      const bool escalates = kind == EpisodeKind::kCommunityDetox && rng_.Chance(25) &&
                             earliest < std::min(term_end, today_);
      if (escalates) {
        const Date on = earliest.AddDays(rng_.Int(0, std::min(term_end, today_) - earliest));
        p.end = on;
        p.escalated = true;
        next_start = on;
        next_kind = EpisodeKind::kCompulsoryIsolation;
      } else if (term_end < today_) {
        p.end = term_end;
        // Some relapse later and come back under a new order.
        if (rng_.Chance(20)) {
          next_start = term_end.AddDays(rng_.Int(60, 900));
          next_kind = EpisodeKind::kCommunityDetox;
        }
      }
    } else if (kind == EpisodeKind::kCompulsoryIsolation) {
      p.org_id = facility;
      const Date term_end = *DefaultPlannedEnd(kind, start);
      if (term_end < today_) {
        const Date year = start.AddYears(1);
        if (rng_.Chance(25) && year.AddDays(40) < term_end) {
          p.early = true;
          p.end = year.AddDays(rng_.Int(10, std::min(term_end, today_) - year - 30));
        } else {
          p.end = term_end;
        }
        const Date release = *p.end;
        const int after = rng_.Int(0, 99);
        if (after < 50) {
          p.rehab = true;
          next_start = release;
          next_kind = EpisodeKind::kCommunityRehab;
        } else if (after < 80) {
          p.aftercare_on = release.AddDays(rng_.Int(1, 30));
          next_start = p.aftercare_on;
          next_kind = EpisodeKind::kAftercare;
        } else if (rng_.Chance(30)) {
          next_start = release.AddDays(rng_.Int(90, 1200));
          next_kind = EpisodeKind::kCommunityDetox;
        }
      }
    } else {  // aftercare at the releasing facility's station
      p.org_id = station;
      const Date until = start.AddDays(rng_.Int(180, 900));
      if (until < today_) p.end = until;
    }
    if (next_start && *next_start > today_) next_start.reset();
    if (p.aftercare_on && !next_start) p.aftercare_on.reset();
    if (next_start && plans.size() + 1 >= kMaxEpisodes) {
      // The history stops here: an escalation becomes imprisonment, a release stands alone.
      if (p.escalated) {
        p.escalated = false;
        p.imprisoned = true;
      }
      p.rehab = false;
      p.aftercare_on.reset();
      next_start.reset();
    }
    plans.push_back(p);
    if (!next_start) break;
    start = *next_start;
    kind = next_kind;
  }

  const Date registered = plans.front().order.AddDays(-rng_.Int(0, 60));
  persons_.I(person_id)
      .S(alias)
      .S(male ? "male" : "female")
      .I(birth_year)
      .I(home.id)
      .S(substance)
      .S(D(registered))
      .I(1)
      .S(now_text_)
      .S(now_text_)
      .I(std::max(birth_year + 14, registered.year() - rng_.Int(0, 12)))
      .End();

  const bool validate = validate_all_ || (validate_every_ > 0 && person_id % validate_every_ == 0);
  for (auto& p : plans) {
    p.id = next_episode_++;
    if (Status s = WriteEpisode(p, person_id, home, male, substance, validate); !s.ok()) return s;
  }
  return Status::Ok();
}

Status NationBuilder::WriteEpisode(const Plan& plan, int64_t person_id, const Township& home,
                                   bool male, std::string_view substance, bool validate) {
  using A = EpisodeAction;
  struct Planned {
    ActionRecord record;
    std::string params = "{}";
  };
  std::vector<Planned> planned;
  const auto add = [&](A action, Date date) -> Planned& {
    planned.push_back({});
    planned.back().record.action = action;
    planned.back().record.date = date;
    return planned.back();
  };
  const bool community =
      plan.kind == EpisodeKind::kCommunityDetox || plan.kind == EpisodeKind::kCommunityRehab;
  const bool isolation = plan.kind == EpisodeKind::kCompulsoryIsolation;
  const Date report_in = plan.order.AddDays(plan.report_lag);
  const Date events_until = plan.end ? std::min(*plan.end, today_) : today_;
  // The person's facility (the city's for men, the province's women's facility) and its
  // aftercare station, by code.
  const std::string facility_code =
      male ? home.code.substr(0, 4) + "00F01" : home.code.substr(0, 2) + "0000F02";
  const std::string station_code = facility_code + "A1";
  if (community && report_in <= today_) {
    add(A::kReportIn, report_in);
    add(A::kSignAgreement, report_in);
  }
  Date admit = plan.order;
  if (isolation) {
    admit = std::min(plan.order.AddDays(rng_.Chance(30) ? 1 : 0), today_);
    if (plan.end) admit = std::min(admit, *plan.end);
    add(A::kAdmit, admit);
  }
  if (plan.end) {
    const Date end = *plan.end;
    if (plan.escalated) {
      add(A::kEscalate, end).params = R"({"org_unit":")" + facility_code + R"("})";
    } else if (isolation) {
      if (plan.early) {
        Date decide = end.AddDays(-rng_.Int(0, 3));
        Date propose = std::max(decide.AddDays(-rng_.Int(1, 5)), plan.order.AddYears(1));
        decide = std::max(decide, propose);
        auto& pr = add(A::kProposeEarlyRelease, propose);
        pr.record.assessment_passed = true;
        pr.params = R"({"assessment_passed":true})";
        auto& de = add(A::kDecideEarlyRelease, decide);
        de.record.approved = true;
        de.params = R"({"approved":true})";
      }
      add(A::kRelease, end);
      if (plan.rehab) {
        add(A::kOrderCommunityRehab, end).params = R"({"org_unit":")" + home.code + R"("})";
      }
      if (plan.aftercare_on) {
        add(A::kEnrolAftercare, *plan.aftercare_on).params =
            R"({"org_unit":")" + station_code + R"("})";
      }
    } else {
      const EndReason why = plan.imprisoned ? EndReason::kImprisonment : EndReason::kCompleted;
      auto& e = add(A::kEnd, end);
      e.record.end_reason = why;
      e.params = R"({"end_reason":")" + std::string(NameOf(kEndReasonNames, why)) + R"("})";
    }
  }
  EpisodeFacts facts;
  facts.kind = plan.kind;
  facts.order_date = plan.order;
  for (const auto& a : planned) {
    if (a.record.date > today_) break;
    if (validate) {
      if (Status s = ValidateAction(facts, a.record, today_); !s.ok()) {
        return Status::Internal("nation demo planned a refused action " +
                                std::string(NameOf(kEpisodeActionNames, a.record.action)) + " on " +
                                a.record.date.ToString() + ": " + s.detail());
      }
    }
    actions_.I(next_action_++)
        .I(plan.id)
        .S(NameOf(kEpisodeActionNames, a.record.action))
        .S(D(a.record.date))
        .S(now_text_)
        .S(kRecorder)
        .I(plan.org_id)
        .S(a.params)
        .S("")
        .End();
    facts.actions.push_back(a.record);
  }
  const ClockState clock = ComputeClock(facts, today_);
  const bool decided = community || isolation;
  char number[48];
  std::snprintf(number, sizeof number, "%sP-%d-%06lld", home.code.substr(0, 6).c_str(),
                plan.order.year(), static_cast<long long>(++decision_seq_ % 1000000));
  episodes_.I(plan.id)
      .I(person_id)
      .S(NameOf(kEpisodeKindNames, plan.kind))
      .I(plan.org_id)
      .S(D(plan.order));
  const std::optional<Date> planned_end =
      facts.actions.empty() ? DefaultPlannedEnd(plan.kind, plan.order) : clock.planned_end;
  if (planned_end) {
    episodes_.S(planned_end->ToString());
  } else {
    episodes_.Null();
  }
  if (clock.state == EpisodeState::kClosed && clock.end_date) {
    episodes_.S(D(*clock.end_date)).S("closed");
  } else {
    episodes_.Null().S("open");
  }
  episodes_.S(decided ? std::string_view(number) : std::string_view()).S(kRecorder).S(now_text_);
  if (decided) {
    episodes_.I(home.county_police_id);
  } else {
    episodes_.Null();
  }
  if (clock.state == EpisodeState::kClosed && clock.end_reason) {
    episodes_.S(NameOf(kEndReasonNames, *clock.end_reason));
  } else {
    episodes_.Null();
  }
  episodes_.End();
  owners_.I(plan.id).I(person_id).I(plan.org_id).S(D(plan.order)).S("opened").End();

  // Events.
  if (community) {
    // The positive test that led to the order, then the supervision itself.
    const int64_t test_id = next_test_++;
    tests_.I(test_id)
        .I(person_id)
        .S("urine")
        .S("positive")
        .S(At(plan.order))
        .S(Found(substance))
        .S(kRecorder)
        .I(plan.org_id)
        .S(now_text_)
        .End();
    if (report_in <= events_until) {
      CommunityEvents(person_id, plan.org_id, report_in, events_until, substance);
    }
  } else if (isolation) {
    const bool intake_positive = rng_.Chance(80);
    tests_.I(next_test_++)
        .I(person_id)
        .S("urine")
        .S(intake_positive ? "positive" : "negative")
        .S(At(admit))
        .S(intake_positive ? Found(substance) : std::string("[]"))
        .S(kRecorder)
        .I(plan.org_id)
        .S(now_text_)
        .End();
    for (Date d = admit.AddDays(rng_.Int(10, 30)); d <= events_until;
         d = d.AddDays(rng_.Int(20, 40))) {
      contacts_.I(person_id)
          .S("counselling")
          .S(At(d))
          .S("所内个别谈话教育")
          .S(kRecorder)
          .I(plan.org_id)
          .S(now_text_)
          .End();
    }
    for (Date d = admit.AddDays(rng_.Int(60, 100)); d <= events_until;
         d = d.AddDays(rng_.Int(80, 100))) {
      tests_.I(next_test_++)
          .I(person_id)
          .S("urine")
          .S("negative")
          .S(At(d))
          .S("[]")
          .S(kRecorder)
          .I(plan.org_id)
          .S(now_text_)
          .End();
    }
    // Diagnostic assessments: intake, end of the detox stage, after one year, before expiry.
    const auto assess = [&](AssessmentKind kind, Date on, bool pass, bool good_env) {
      if (on > events_until) return;
      const int score = pass ? 100 : 80;
      assessments_.I(plan.id)
          .S(NameOf(kAssessmentKindNames, kind))
          .S(D(on))
          .S(pass ? "[20,20,20,20,20]" : "[20,20,20,0,20]")
          .S(pass ? "pass" : "fail")
          .S("pass")
          .S(good_env ? "good" : "average")
          .I(score)
          .S(pass ? "pass" : "fail");
      if (kind == AssessmentKind::kBeforeExpiry) {
        assessments_.S(!pass ? "extension" : good_env ? "release" : "community_rehab");
      } else {
        assessments_.Null();
      }
      assessments_.S(kRecorder).I(plan.org_id).S(now_text_).End();
    };
    assess(AssessmentKind::kIntake, admit, false, rng_.Chance(50));
    assess(AssessmentKind::kEndOfDetoxStage, admit.AddDays(30), rng_.Chance(85), rng_.Chance(50));
    const Date year = plan.order.AddYears(1);
    assess(AssessmentKind::kComprehensiveAfterOneYear, std::max(year.AddDays(-10), admit),
           plan.early || rng_.Chance(60), rng_.Chance(50));
    if (plan.end && !plan.early) {
      assess(AssessmentKind::kBeforeExpiry, plan.end->AddDays(-30), true, !plan.rehab);
    }
    if (plan.end && *plan.end <= today_) {
      FollowUps(person_id, plan.id, home.id, *plan.end, today_);
    }
  } else {  // aftercare
    for (Date d = plan.order.AddDays(rng_.Int(7, 30)); d <= events_until;
         d = d.AddDays(rng_.Int(30, 90))) {
      const ContactKind kind = PickWeighted(rng_, kAftercareContacts);
      contacts_.I(person_id)
          .S(NameOf(kContactKindNames, kind))
          .S(At(d))
          .S(NoteFor(kind))
          .S(kRecorder)
          .I(plan.org_id)
          .S(now_text_)
          .End();
    }
  }
  return Status::Ok();
}

// Monthly contacts; urine tests monthly in the first year, every two months in the second and
// every three in the third (the default schedule, domain §6). A positive test is a relapse.
void NationBuilder::CommunityEvents(int64_t person_id, int64_t org_id, Date from, Date until,
                                    std::string_view substance) {
  for (Date d = from.AddDays(rng_.Int(20, 34)); d <= until; d = d.AddDays(rng_.Int(26, 34))) {
    const ContactKind kind = PickWeighted(rng_, kCommunityContacts);
    contacts_.I(person_id)
        .S(NameOf(kContactKindNames, kind))
        .S(At(d))
        .S(NoteFor(kind))
        .S(kRecorder)
        .I(org_id)
        .S(now_text_)
        .End();
  }
  for (Date d = from.AddDays(rng_.Int(25, 35)); d <= until;) {
    const TestResult result = PickWeighted(rng_, kCommunityResults);
    const int64_t id = next_test_++;
    const std::string at = At(d);
    const bool positive = result == TestResult::kPositive;
    tests_.I(id)
        .I(person_id)
        .S("urine")
        .S(NameOf(kTestResultNames, result))
        .S(at)
        .S(positive ? Found(substance) : std::string("[]"))
        .S(kRecorder)
        .I(org_id)
        .S(now_text_)
        .End();
    if (positive) {
      relapses_.I(next_relapse_++)
          .I(person_id)
          .S(at)
          .S("positive test: " + std::string(substance))
          .S("positive_test")
          .I(id)
          .S(kRecorder)
          .I(org_id)
          .S(now_text_)
          .End();
    }
    const int year = (d - from) / 365;
    const int gap = year == 0 ? 30 : year == 1 ? 60 : 90;
    d = d.AddDays(gap + rng_.Int(-4, 4));
  }
}

// Follow-ups after a release on the default cadence (30, 90, 180, 365, 545, 730, 1095 days): a
// few unreachable, relapse found with 5% per early point and 2% later; a relapse ends them.
void NationBuilder::FollowUps(int64_t person_id, int64_t episode_id, int64_t org_id, Date release,
                              Date until) {
  const FollowUpCadence cadence;
  for (std::size_t i = 0; i < cadence.days_after_release.size(); ++i) {
    const Date point = release.AddDays(cadence.days_after_release[i]);
    if (point > until) break;
    if (rng_.Chance(3)) continue;
    Date when = std::min(until, point.AddDays(rng_.Int(-7, 10)));
    const int roll = rng_.Int(0, 99);
    const std::string_view method = roll < 60 ? "phone" : roll < 85 ? "visit" : "test";
    if (rng_.Chance(4)) {
      follow_ups_.I(person_id)
          .I(episode_id)
          .S(At(when))
          .S(D(when))
          .S(method)
          .S("unreachable")
          .S("电话无人接听")
          .Null()
          .S(kRecorder)
          .I(org_id)
          .S(now_text_)
          .End();
      when = std::min(until, when.AddDays(rng_.Int(1, 5)));
    }
    const bool relapsed = rng_.Chance(i < 3 ? 5 : 2);
    const std::string at = At(when);
    follow_ups_.I(person_id).I(episode_id).S(at).S(D(when)).S(method);
    if (relapsed) {
      const int64_t rid = next_relapse_++;
      relapses_.I(rid)
          .I(person_id)
          .S(at)
          .S("回访发现复吸")
          .S("follow_up")
          .Null()
          .S(kRecorder)
          .I(org_id)
          .S(now_text_)
          .End();
      follow_ups_.S("relapsed").S("回访发现复吸").I(rid);
    } else {
      follow_ups_.S("abstinent").S(method == "test" ? "尿检阴性" : "自述未吸毒，家属证实").Null();
    }
    follow_ups_.S(kRecorder).I(org_id).S(now_text_).End();
    if (relapsed) break;
  }
}

// Parents before children, so PostgreSQL's immediate foreign-key checks pass.
void NationBuilder::FlushAll() {
  const Backend b = lease_.backend();
  for (TableWriter* w : {&persons_, &episodes_, &owners_, &actions_, &tests_, &relapses_,
                         &contacts_, &assessments_, &follow_ups_}) {
    w->Flush(sql(), b);
  }
}

int64_t NationBuilder::Events() const {
  const auto n = [](const TableWriter& w) {
    return w.written() + static_cast<int64_t>(w.pending());
  };
  return n(episodes_) + n(actions_) + n(tests_) + n(relapses_) + n(contacts_) + n(assessments_) +
         n(follow_ups_);
}

void NationBuilder::Report(int64_t persons_done) {
  if (!progress_) return;
  NationProgress p;
  p.persons = persons_done;
  p.persons_total = options_.persons;
  p.events = Events();
  p.rows = p.events + persons_done + orgs_.written() + owners_.written() +
           static_cast<int64_t>(owners_.pending()) + users_;
  p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  progress_(p);
}

Result<NationSummary> NationBuilder::Build() {
  long long existing = 0;
  sql() << "SELECT COUNT(*) FROM org_units", soci::into(existing);
  if (existing > 0) {
    return Status::Conflict("the database already holds org units; the demo needs an empty one");
  }
  const Backend backend = lease_.backend();
  // For the generation only, restored however Build returns. SQLite: no fsync, a large page
  // cache, foreign keys unchecked. PostgreSQL: no wait for the WAL flush at commit, and foreign-key
  // triggers skipped where the role may (session_replication_role needs a superuser; otherwise
  // the checks run). The builder writes parents before children either way, and the tests check
  // referential integrity.
  struct Restore {
    soci::session* sql = nullptr;
    Backend backend = Backend::kSqlite;
    bool replica = false;
    ~Restore() {
      if (!sql) return;
      try {
        if (backend == Backend::kSqlite) {
          *sql << "PRAGMA synchronous=FULL";
          *sql << "PRAGMA foreign_keys=ON";
          *sql << "PRAGMA cache_size=-2000";
        } else {
          *sql << "RESET synchronous_commit";
          if (replica) *sql << "RESET session_replication_role";
        }
      } catch (const soci::soci_error&) {
        // a broken session: the pool replaces it
      }
    }
  } restore{&sql(), backend};
  if (backend == Backend::kSqlite) {
    sql() << "PRAGMA foreign_keys=OFF";
    sql() << "PRAGMA synchronous=OFF";
    sql() << "PRAGMA cache_size=-262144";
  } else {
    sql() << "SET synchronous_commit = off";
    bool superuser = false;
    std::string su;
    sql() << "SELECT CASE WHEN rolsuper THEN 'on' ELSE 'off' END FROM pg_roles "
             "WHERE rolname = current_user",
        soci::into(su);
    superuser = su == "on";
    if (superuser) {
      sql() << "SET session_replication_role = replica";
      restore.replica = true;
    }
  }
  // Ids continue after any rows already there (none in an empty database).
  const auto next_id = [&](const char* table) {
    long long max = 0;
    soci::indicator ind = soci::i_ok;
    sql() << std::string("SELECT MAX(id) FROM ") + table, soci::into(max, ind);
    return ind == soci::i_null ? int64_t{1} : int64_t{max} + 1;
  };
  next_person_ = next_id("persons");
  next_episode_ = next_id("episodes");
  next_action_ = next_id("episode_actions");
  next_test_ = next_id("drug_tests");
  next_relapse_ = next_id("relapses");
  validate_all_ =
      options_.validate_every == 1 || (options_.validate_every == 0 && options_.persons <= 50000);
  validate_every_ = options_.validate_every > 0 ? options_.validate_every : 50;

  {
    store::Transaction tx(lease_, store::Transaction::Mode::kWrite);
    BuildOrgTree();
    BuildUsers();
    tx.Commit();
  }
  const int per_tx = std::max(1, options_.persons_per_transaction);
  const int64_t step = std::max<int64_t>(1, options_.persons / 20);
  int64_t next_report = step;
  int done = 0;
  while (done < options_.persons) {
    store::Transaction tx(lease_, store::Transaction::Mode::kWrite);
    const int end = std::min(options_.persons, done + per_tx);
    for (; done < end; ++done) {
      if (Status s = BuildPerson(); !s.ok()) return s;
      if (contacts_.pending() >= kFlushRows || tests_.pending() >= kFlushRows) FlushAll();
      if (done + 1 >= next_report) {
        Report(done + 1);
        next_report += step;
      }
    }
    FlushAll();
    tx.Commit();
  }
  if (backend == Backend::kPostgresql) {
    // Ids were assigned here: move the identity sequences past them.
    for (const char* table :
         {"org_units", "persons", "episodes", "episode_owners", "episode_actions", "drug_tests",
          "relapses", "contacts", "diagnostic_assessments", "follow_ups"}) {
      sql() << std::string("SELECT setval(pg_get_serial_sequence('") + table +
                   "', 'id'), COALESCE((SELECT MAX(id) FROM " + table + "), 0) + 1, false)";
    }
    sql() << "ANALYZE";
  } else {
    sql() << "ANALYZE";
  }
  NationSummary s;
  s.org_units = orgs_.written();
  s.users = users_;
  s.persons = persons_.written();
  s.episodes = episodes_.written();
  s.episode_owners = owners_.written();
  s.actions = actions_.written();
  s.drug_tests = tests_.written();
  s.contacts = contacts_.written();
  s.assessments = assessments_.written();
  s.follow_ups = follow_ups_.written();
  s.relapses = relapses_.written();
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  return s;
}

}  // namespace

Result<NationSummary> BuildNation(store::Database& db, const NationOptions& options, Timestamp now,
                                  const std::function<void(const NationProgress&)>& progress) {
  if (options.persons < 0 || options.persons > kMaxPersons) {
    return Status::Invalid("persons", "range",
                           "must be between 0 and " + std::to_string(kMaxPersons));
  }
  NationBuilder builder(db, options, now, progress);
  return builder.Build();
}

}  // namespace huigui::app
