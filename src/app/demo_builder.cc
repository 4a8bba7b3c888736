// The demo province. Everything random comes from one std::mt19937_64 seeded with the demo seed
// and is drawn in a fixed order, so a seed always builds the same persons, aliases and histories
// (dates relative to the day of `now`), on SQLite and PostgreSQL alike; only the sealed identities
// differ between runs (each box has a random nonce).
//
// The file reads top-down: SQL, portable randomness, the reference data of Hubei (real division
// codes and place names), the page's five people, synthetic persons, and the writers that put
// everything through the store's repositories.
#include "app/demo_builder.h"
#include "app/demo_seeds.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/demo_placements.h"
#include "app/demo_treatment.h"
#include "app/transaction_runner.h"
#include "domain/assessment.h"
#include "domain/breach.h"
#include "domain/contact.h"
#include "domain/drug_test.h"
#include "domain/episode.h"
#include "domain/follow_up.h"
#include "domain/legal_clock.h"
#include "domain/obligations.h"
#include "domain/org_unit.h"
#include "domain/person.h"
#include "domain/resident_id.h"
#include "domain/risk.h"
#include "domain/role.h"
#include "store/allocation_repository.h"
#include "store/assessment_repository.h"
#include "store/audit_log.h"
#include "store/care_event_repository.h"
#include "store/continuum_repository.h"
#include "store/facility_repository.h"
#include "store/follow_up_repository.h"
#include "store/org_unit_repository.h"
#include "store/person_repository.h"
#include "store/safety_repository.h"
#include "store/user_repository.h"

namespace huigui::app {
namespace {

using store::Transaction;

constexpr const char* kCountOrgUnits = "SELECT COUNT(*) FROM org_units";

// A run of many thousand persons must stay one short transaction; this bounds a typo.
constexpr int kMaxPersons = 100000;

// ------------------------------------------------------------------------------------------------
// Portable randomness. The standard fixes mt19937_64's output but not that of
// std::uniform_int_distribution, std::shuffle and friends, so those would build a different demo
// under libstdc++ and libc++. These helpers are all the shaping the demo needs.

using Rng = std::mt19937_64;

// Uniform over [lo, hi]; the modulo bias, span / 2^64, is negligible for the spans used here.
int64_t Uniform(Rng& rng, int64_t lo, int64_t hi) {
  const auto span = static_cast<uint64_t>(hi - lo) + 1;
  return lo + static_cast<int64_t>(rng() % span);
}

int UniformInt(Rng& rng, int lo, int hi) { return static_cast<int>(Uniform(rng, lo, hi)); }

bool Chance(Rng& rng, int percent) { return Uniform(rng, 0, 99) < percent; }

template <typename C>
const auto& Pick(Rng& rng, const C& items) {
  return items[static_cast<std::size_t>(Uniform(rng, 0, static_cast<int64_t>(items.size()) - 1))];
}

// Picks an element of `items` (each with a `weight`) with probability proportional to it.
template <typename C>
const auto& PickWeighted(Rng& rng, const C& items) {
  int64_t total = 0;
  for (const auto& item : items) total += item.weight;
  int64_t r = Uniform(rng, 0, total - 1);
  for (const auto& item : items) {
    if (r < item.weight) return item;
    r -= item.weight;
  }
  return items.back();
}

// Fisher–Yates with Uniform (std::shuffle's algorithm is unspecified).
template <typename T>
void Shuffle(Rng& rng, std::vector<T>& items) {
  for (std::size_t i = items.size(); i > 1; --i) {
    std::swap(items[i - 1], items[static_cast<std::size_t>(Uniform(rng, 0, i - 1))]);
  }
}

using demo::Weighted;

// ------------------------------------------------------------------------------------------------
// Text helpers.

// The code points of a UTF-8 string, each as its own string.
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

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

template <typename... Args>
std::string Format(const char* format, Args... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, format, args...);
  return buf;
}

// ------------------------------------------------------------------------------------------------
// Dates and instants.

Date Ymd(int year, int month, int day) { return *Date::FromYmd(year, month, day); }

// The instant of a wall-clock time in China Standard Time on `date`.
Timestamp LocalTime(Date date, int minute_of_day) {
  return Timestamp::FromUnixSeconds(int64_t{date.days()} * 86400 + int64_t{minute_of_day} * 60 -
                                    kChinaOffsetSeconds);
}

// ------------------------------------------------------------------------------------------------
// Reference data: Hubei. City and county codes are the real GB/T 2260 codes; township codes
// follow GB/T 10114 (county code + 001–099 for streets 街道, 100–199 for towns 镇, 200–399 for
// townships 乡). Township names are real places, their codes assigned in list order except the
// two the tests and the page rely on (420102002 大智街道, 420102003 一元街道).

constexpr std::string_view kProvinceCode = "420000";
constexpr std::string_view kProvinceName = "湖北省";
constexpr std::string_view kDazhi = "420102002";      // 江岸区大智街道
constexpr std::string_view kShizishan = "420000F01";  // 湖北省狮子山强制隔离戒毒所
constexpr std::string_view kWomensFacility = "420000F02";  // 湖北省女子强制隔离戒毒所
constexpr std::string_view kJuvenileFacility = "420000F03";  // 湖北省未成年人强制隔离戒毒所
constexpr std::string_view kShizishanAftercare = "420000F01A1";

struct CitySeed {
  std::string_view code;
  std::string_view name;
  int home_weight;  // relative share of synthetic persons per township (Wuhan is the big city)
};

constexpr auto kCities = std::to_array<CitySeed>({
    {"420100", "武汉市", 3},
    {"420200", "黄石市", 2},
    {"420300", "十堰市", 1},
    {"420500", "宜昌市", 1},
    {"420600", "襄阳市", 1},
    {"420700", "鄂州市", 1},
    {"420800", "荆门市", 1},
    {"420900", "孝感市", 1},
    {"421000", "荆州市", 1},
    {"421100", "黄冈市", 1},
    {"421200", "咸宁市", 1},
    {"421300", "随州市", 1},
    {"422800", "恩施土家族苗族自治州", 1},
});

struct CountySeed {
  std::string_view city;
  std::string_view code;
  std::string_view name;
  int first_street;            // sequence of the first 街道; 1 unless the real code says so
  std::string_view townships;  // space-separated names
};

constexpr auto kCounties = std::to_array<CountySeed>({
    {"420100", "420102", "江岸区", 2, "大智街道 一元街道 车站街道 四唯街道 永清街道 西马街道"},
    {"420100", "420103", "江汉区", 1, "民族街道 花楼街道 水塔街道 民权街道 满春街道"},
    {"420100", "420104", "硚口区", 1, "古田街道 韩家墩街道 宗关街道 汉水桥街道 汉正街道"},
    {"420100", "420105", "汉阳区", 1, "建桥街道 鹦鹉街道 洲头街道 四新街道 琴断口街道"},
    {"420100", "420106", "武昌区", 1,
     "积玉桥街道 杨园街道 徐家棚街道 中南路街道 首义路街道 紫阳街道"},
    {"420100", "420107", "青山区", 1, "红钢城街道 新沟桥街道 工人村街道 钢花村街道"},
    {"420100", "420111", "洪山区", 1, "珞南街道 关山街道 狮子山街道 张家湾街道 和平街道"},
    {"420100", "420115", "江夏区", 1, "纸坊街道 郑店街道 五里界街道 金口街道"},
    {"420200", "420202", "黄石港区", 1, "沈家营街道 黄石港街道 花湖街道 胜阳港街道"},
    {"420200", "420203", "西塞山区", 1, "八泉街道 澄月街道 临江街道 河口镇"},
    {"420200", "420204", "下陆区", 1, "老下陆街道 新下陆街道 团城山街道 东方山街道"},
    {"420200", "420222", "阳新县", 1, "兴国镇 富池镇 白沙镇 浮屠镇 王英镇"},
    {"420200", "420281", "大冶市", 1, "东岳路街道 东风路街道 金湖街道 陈贵镇 还地桥镇"},
    {"420300", "420302", "茅箭区", 1, "武当路街道 二堰街道 五堰街道"},
    {"420300", "420303", "张湾区", 1, "车城路街道 红卫街道 汉江路街道 花果街道"},
    {"420300", "420381", "丹江口市", 1, "均州路街道 大坝街道 丁家营镇 六里坪镇"},
    {"420500", "420502", "西陵区", 1, "西陵街道 学院街道 云集街道 葛洲坝街道 夜明珠街道"},
    {"420500", "420503", "伍家岗区", 1, "大公桥街道 万寿桥街道 宝塔河街道 伍家岗街道"},
    {"420500", "420506", "夷陵区", 1, "小溪塔街道 龙泉镇 鸦鹊岭镇 三斗坪镇"},
    {"420600", "420602", "襄城区", 1, "古城街道 庞公街道 真武山街道 檀溪街道 余家湖街道"},
    {"420600", "420606", "樊城区", 1, "汉江街道 王寨街道 中原街道 定中门街道 清河口街道"},
    {"420600", "420683", "枣阳市", 1, "北城街道 南城街道 环城街道 吴店镇"},
    {"420700", "420702", "梁子湖区", 1, "太和镇 东沟镇 梁子镇 涂家垴镇"},
    {"420700", "420703", "华容区", 1, "华容镇 葛店镇 段店镇 临江乡"},
    {"420700", "420704", "鄂城区", 1, "古楼街道 凤凰街道 西山街道 樊口街道"},
    {"420800", "420802", "东宝区", 1, "龙泉街道 泉口街道 子陵铺镇"},
    {"420800", "420804", "掇刀区", 1, "掇刀石街道 白庙街道 团林铺镇"},
    {"420800", "420881", "钟祥市", 1, "郢中街道 胡集镇 洋梓镇"},
    {"420900", "420902", "孝南区", 1, "书院街道 新华街道 广场街道 车站街道"},
    {"420900", "420982", "安陆市", 1, "府城街道 南城街道 巡店镇"},
    {"420900", "420984", "汉川市", 1, "仙女山街道 马口镇 分水镇"},
    {"421000", "421002", "沙市区", 1, "中山街道 崇文街道 解放街道 胜利街道 朝阳街道"},
    {"421000", "421003", "荆州区", 1, "西城街道 东城街道 城南街道 郢城镇"},
    {"421000", "421083", "洪湖市", 1, "新堤街道 峰口镇 府场镇"},
    {"421100", "421102", "黄州区", 1, "东湖街道 赤壁街道 禹王街道 南湖街道"},
    {"421100", "421181", "麻城市", 1, "鼓楼街道 龙池桥街道 南湖街道 宋埠镇"},
    {"421100", "421182", "武穴市", 1, "武穴街道 刊江街道 田家镇街道 梅川镇"},
    {"421200", "421202", "咸安区", 1, "温泉街道 永安街道 浮山街道 横沟桥镇"},
    {"421200", "421223", "崇阳县", 1, "天城镇 白霓镇 路口镇"},
    {"421200", "421281", "赤壁市", 1, "蒲圻街道 陆水湖街道 赤壁镇"},
    {"421300", "421303", "曾都区", 1, "西城街道 东城街道 南郊街道 北郊街道"},
    {"421300", "421321", "随县", 1, "厉山镇 高城镇 殷店镇"},
    {"421300", "421381", "广水市", 1, "应山街道 广水街道 十里街道 马坪镇"},
    {"422800", "422801", "恩施市", 1, "舞阳坝街道 六角亭街道 小渡船街道 龙凤镇"},
    {"422800", "422802", "利川市", 1, "都亭街道 东城街道 汪营镇 团堡镇"},
    {"422800", "422823", "巴东县", 1, "信陵镇 东瀼口镇 野三关镇"},
});

// Communities (社区) under 大智街道, so a social worker there has a subtree to look at.
constexpr auto kDazhiCommunities = std::to_array<std::pair<std::string_view, std::string_view>>({
    {"420102002001", "大智路社区"},
    {"420102002002", "天声街社区"},
    {"420102002003", "中山大道社区"},
});

struct FacilitySeed {
  std::string_view code;
  std::string_view name;
  std::string_view parent;
};

// The page's three provincial facilities (men's, women's, juveniles'; FacilityFor sends persons
// to them), and synthetic municipal ones for men, each named <city>F01.
constexpr auto kFacilities = std::to_array<FacilitySeed>({
    {"420000F01", "湖北省狮子山强制隔离戒毒所", "420000"},
    {"420000F02", "湖北省女子强制隔离戒毒所", "420000"},
    {"420000F03", "湖北省未成年人强制隔离戒毒所", "420000"},
    {"420100F01", "武汉市强制隔离戒毒所", "420100"},
    {"420200F01", "黄石市强制隔离戒毒所", "420200"},
    {"420500F01", "宜昌市强制隔离戒毒所", "420500"},
    {"420600F01", "襄阳市强制隔离戒毒所", "420600"},
    {"421000F01", "荆州市强制隔离戒毒所", "421000"},
    {"420300F01", "十堰市强制隔离戒毒所", "420300"},
    {"420700F01", "鄂州市强制隔离戒毒所", "420700"},
    {"420800F01", "荆门市强制隔离戒毒所", "420800"},
    {"420900F01", "孝感市强制隔离戒毒所", "420900"},
    {"421100F01", "黄冈市强制隔离戒毒所", "421100"},
    {"421200F01", "咸宁市强制隔离戒毒所", "421200"},
    {"421300F01", "随州市强制隔离戒毒所", "421300"},
    {"422800F01", "恩施州强制隔离戒毒所", "422800"},
});

// Every facility runs one aftercare station; Shizishan already opened its second ("each
// facility opens one new aftercare station a year", the page).
constexpr auto kAftercareStations = std::to_array<std::pair<std::string_view, std::string_view>>({
    {"420000F01A1", "狮子山强戒所后续照管站"},
    {"420000F01A2", "狮子山强戒所黄石后续照管站"},
    {"420000F02A1", "女子强戒所后续照管站"},
    {"420000F03A1", "未成年人强戒所后续照管站"},
    {"420100F01A1", "武汉市强戒所后续照管站"},
    {"420200F01A1", "黄石市强戒所后续照管站"},
    {"420500F01A1", "宜昌市强戒所后续照管站"},
    {"420600F01A1", "襄阳市强戒所后续照管站"},
    {"421000F01A1", "荆州市强戒所后续照管站"},
    {"420300F01A1", "十堰市强戒所后续照管站"},
    {"420700F01A1", "鄂州市强戒所后续照管站"},
    {"420800F01A1", "荆门市强戒所后续照管站"},
    {"420900F01A1", "孝感市强戒所后续照管站"},
    {"421100F01A1", "黄冈市强戒所后续照管站"},
    {"421200F01A1", "咸宁市强戒所后续照管站"},
    {"421300F01A1", "随州市强戒所后续照管站"},
    {"422800F01A1", "恩施州强戒所后续照管站"},
});

struct UserSeed {
  std::string_view username;
  Role role;
  std::string_view org_code;
};

// In the order `huigui demo` prints them. 420202001 is 沈家营街道, the first township of
// 黄石港区 in kCounties.
constexpr auto kUsers = std::to_array<UserSeed>({
    {"admin", Role::kAdmin, "420000"},
    {"director.hubei", Role::kDirector, "420000"},
    {"director.wuhan", Role::kDirector, "420100"},
    {"director.huangshi", Role::kDirector, "420200"},
    {"sw.dazhi", Role::kSocialWorker, "420102002"},
    {"sw.yiyuan", Role::kSocialWorker, "420102003"},
    {"sw.huangshigang", Role::kSocialWorker, "420202001"},
    {"officer.shizishan", Role::kFacilityOfficer, "420000F01"},
    {"officer.women", Role::kFacilityOfficer, "420000F02"},
    {"police.jiangan", Role::kPolice, "420102"},
    {"analyst", Role::kAnalyst, "420000"},
    {"auditor", Role::kAuditor, "420000"},
    {"inspector", Role::kPrecursorInspector, "420100"},
});

// Who records events at a site that has no demo user of its own.
constexpr std::string_view kDefaultRecorder = "demo";

// Common surnames, most frequent first (PickSurname favours the front).
constexpr std::string_view kSurnames =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤";
constexpr std::string_view kMaleGiven =
    "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清"
    "飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善"
    "厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家"
    "致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘";
constexpr std::string_view kFemaleGiven =
    "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺"
    "媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓仪荷丹蓉眉"
    "君琴蕊薇菁梦岚苑婕馨韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸"
    "菲寒伊亚宜可舒影荔思丽";

constexpr std::string_view kStreets =
    "解放大道 中山大道 建设大道 人民路 新华路 胜利街 和平大道 友谊路 青年路 沿江大道 黄河路 "
    "长江路 民主路 复兴路 光明路 园林路 团结路 工农路 文化路 振兴路 滨江路 育才路";

using demo::kSubstances;
constexpr std::string_view kHeroin = "海洛因";
constexpr std::string_view kEtomidate = "依托咪酯";

// ------------------------------------------------------------------------------------------------
// Contact notes, by where the contact happens.

constexpr auto kCommunityContactKinds = std::to_array<Weighted<ContactKind>>({
    {ContactKind::kOfficeVisit, 35},
    {ContactKind::kHomeVisit, 25},
    {ContactKind::kPhone, 20},
    {ContactKind::kWechat, 15},
    {ContactKind::kCounselling, 5},
});

constexpr auto kAftercareContactKinds = std::to_array<Weighted<ContactKind>>({
    {ContactKind::kPhone, 45},
    {ContactKind::kWechat, 35},
    {ContactKind::kHomeVisit, 12},
    {ContactKind::kPeerEducation, 5},
    {ContactKind::kCrisisIntervention, 3},
});

constexpr auto kCommunityResults = std::to_array<Weighted<TestResult>>({
    {TestResult::kNegative, 88},
    {TestResult::kPositive, 5},
    {TestResult::kRefused, 3},
    {TestResult::kMissed, 4},
});

constexpr auto kPhoneNotes = std::to_array<std::string_view>(
    {"电话联系，了解近况，情绪平稳", "电话提醒按时到工作站报到和尿检",
     "电话回访，自述无吸毒行为，正在找工作", "电话联系家属，了解其作息和交往情况"});
constexpr auto kWechatNotes = std::to_array<std::string_view>(
    {"微信视频联系，确认在本地居住", "微信联系，提醒下周尿检", "微信推送禁毒知识并交流近况"});
constexpr auto kHomeVisitNotes = std::to_array<std::string_view>(
    {"入户走访，与家属交流，居住稳定", "入户走访，了解就业意向，推荐社区就业岗位",
     "入户走访，本人在家，精神状态良好", "会同社区民警入户走访"});
constexpr auto kOfficeVisitNotes = std::to_array<std::string_view>(
    {"到工作站报到，签到并完成月度谈话", "按协议到工作站报到，汇报近期情况",
     "到工作站报到，参加禁毒教育小组活动"});
constexpr auto kCommunityCounsellingNotes = std::to_array<std::string_view>(
    {"心理疏导：讨论高危情境与拒毒技巧", "心理疏导：家庭关系紧张，给予情绪支持"});
constexpr auto kFacilityNotes = std::to_array<std::string_view>(
    {"个别谈话教育，了解思想动态", "心理咨询：入所适应期情绪焦虑，给予疏导",
     "参加心理健康教育课程后谈话，态度积极", "诊断评估谈话：生理脱毒情况良好",
     "大队民警谈话，鼓励参加康复训练"});
constexpr auto kAftercareCrisisNotes =
    std::to_array<std::string_view>({"危机干预：与家人争吵后情绪激动，自述渴求强烈，当日上门疏导",
                                     "危机干预：失业后情绪低落，民警电话疏导并联系社区帮扶",
                                     "危机干预：旧友邀约吸毒，及时电话劝阻并陪同就近报到"});
constexpr auto kPeerEducationNotes =
    std::to_array<std::string_view>({"邀请回所开展同伴教育，向在所戒毒人员讲述戒毒经历",
                                     "参加同伴教育活动，分享回归社会后的就业经历"});

// Aftercare has no tests or reporting duty: its calls and visits are help, not supervision.
constexpr auto kAftercareCallNotes = std::to_array<std::string_view>(
    {"电话心理援助：倾诉回归初期的彷徨失落，给予鼓励", "微信交流近况，鼓励坚持操守",
     "电话关心就业情况，介绍职业技能培训", "节日电话问候，了解家庭情况"});
constexpr auto kAftercareVisitNotes = std::to_array<std::string_view>(
    {"实地走访帮扶，了解生活和就业困难", "走访家庭，协调社区落实帮扶措施"});

enum class Setting { kCommunity, kFacility, kAftercare };

std::string_view NoteFor(Rng& rng, ContactKind kind, Setting setting) {
  const bool aftercare = setting == Setting::kAftercare;
  switch (kind) {
    case ContactKind::kPhone:
      return aftercare ? Pick(rng, kAftercareCallNotes) : Pick(rng, kPhoneNotes);
    case ContactKind::kWechat:
      return aftercare ? Pick(rng, kAftercareCallNotes) : Pick(rng, kWechatNotes);
    case ContactKind::kHomeVisit:
      return aftercare ? Pick(rng, kAftercareVisitNotes) : Pick(rng, kHomeVisitNotes);
    case ContactKind::kOfficeVisit:
      return Pick(rng, kOfficeVisitNotes);
    case ContactKind::kPeerEducation:
      return Pick(rng, kPeerEducationNotes);
    case ContactKind::kCrisisIntervention:
      return Pick(rng, kAftercareCrisisNotes);
    case ContactKind::kCounselling:
      return setting == Setting::kFacility ? Pick(rng, kFacilityNotes)
                                           : Pick(rng, kCommunityCounsellingNotes);
  }
  return "";
}

// ------------------------------------------------------------------------------------------------
// Synthetic histories.

// Where a synthetic person stands today; each profile is one open episode (or none) plus the
// closed ones that led to it.
enum class Profile {
  kInCommunityDetox,  // open 社区戒毒 at the home township
  kInIsolation,       // open 强制隔离戒毒 at a facility
  kInCommunityRehab,  // closed 强制隔离戒毒, then open 社区康复 at home
  kCompleted,         // a completed 社区戒毒, nothing open
  kInAftercare,       // closed 强制隔离戒毒, then open 后续照管 at the facility's station
};

constexpr auto kProfiles = std::to_array<Weighted<Profile>>({
    {Profile::kInCommunityDetox, 46},
    {Profile::kInIsolation, 17},
    {Profile::kInCommunityRehab, 12},
    {Profile::kCompleted, 19},
    {Profile::kInAftercare, 6},
});

constexpr auto kPriorEpisodeCounts = std::to_array<Weighted<int>>({{0, 50}, {1, 35}, {2, 15}});

// Days since the last visit of an open community episode, in ranges: with monthly schedules,
// under 23 days is not yet listed, 23–37 is due this week or just overdue, beyond is lapsed.
constexpr auto kLastVisitLag =
    std::to_array<Weighted<std::pair<int, int>>>({{{0, 22}, 55}, {{23, 37}, 25}, {{38, 90}, 20}});

constexpr int kMaxEpisodesPerPerson = 3;
constexpr int kMinDazhiPersons = 15;  // so sw.dazhi's worklist is never empty
constexpr int kIdentityPercent = 70;
constexpr int kMalePercent = 85;

// An action planned on top of the ones an episode's history implies (the scenario persons').
struct PlannedAction {
  ActionRecord record;
  nlohmann::json params = nlohmann::json::object();
};

// One episode of a history, planned before anything is written so that the person's registration
// date can precede the first of them. `start` is the order (community measures) or decision
// (compulsory isolation) date; a community term runs from the report-in `report_lag` days later.
struct PlannedEpisode {
  EpisodeKind kind = EpisodeKind::kCommunityDetox;
  std::string org_code;
  Date start;
  std::optional<Date> end;  // closed on this date; open when empty
  Date events_until;        // the last day contacts and tests are recorded
  bool abstinent = false;   // every test negative
  int report_lag = 0;       // community: days from the order to the report-in
  bool reported = true;     // community: false while the person has not reported in yet
  int admit_lag = 0;        // compulsory isolation: days from the decision to the admission
  // Set by LinkHistory from the episodes that follow: the facility a community detox escalated
  // to, the office that took over community rehabilitation on release, the aftercare enrolment.
  std::string escalate_to;
  std::string rehab_to;
  std::optional<Date> aftercare_on;
  std::string aftercare_at;
  std::vector<PlannedAction> extra;  // appended after the implied actions, in date order
};

Date ReportInDate(const PlannedEpisode& plan) { return plan.start.AddDays(plan.report_lag); }

bool IsCommunityKind(EpisodeKind kind) {
  return kind == EpisodeKind::kCommunityDetox || kind == EpisodeKind::kCommunityRehab;
}

// A closed episode of the past, its events recorded up to its end.
PlannedEpisode Past(EpisodeKind kind, std::string org_code, Date start, Date end,
                    bool abstinent = false) {
  PlannedEpisode plan;
  plan.kind = kind;
  plan.org_code = std::move(org_code);
  plan.start = start;
  plan.end = end;
  plan.events_until = end;
  plan.abstinent = abstinent;
  return plan;
}

// A closed episode that ran its whole statutory term: it ends on the term's last day ("from 13 May
// 2026 to 12 May 2028"), never after the planned end, so nothing reads it as extended. A community
// term runs from the report-in, `report_lag` days after the order.
PlannedEpisode FullTerm(EpisodeKind kind, std::string org_code, Date start, bool abstinent = false,
                        int report_lag = 0) {
  const int lag = IsCommunityKind(kind) ? report_lag : 0;
  PlannedEpisode plan = Past(kind, std::move(org_code), start,
                             *DefaultPlannedEnd(kind, start.AddDays(lag)), abstinent);
  plan.report_lag = lag;
  return plan;
}

// Fills the links between consecutive episodes of a history (oldest first): a community detox
// that ends the day a compulsory isolation is decided was escalated into it; a release followed
// the same day by community rehabilitation ordered it; an aftercare episode opening within 30
// days of a release was enrolled from it.
void LinkHistory(std::vector<PlannedEpisode>& history) {
  for (std::size_t i = 0; i + 1 < history.size(); ++i) {
    PlannedEpisode& e = history[i];
    if (!e.end) continue;
    const PlannedEpisode& next = history[i + 1];
    if (e.kind == EpisodeKind::kCommunityDetox && next.kind == EpisodeKind::kCompulsoryIsolation &&
        next.start == *e.end) {
      e.escalate_to = next.org_code;
    }
    if (e.kind != EpisodeKind::kCompulsoryIsolation) continue;
    if (next.kind == EpisodeKind::kCommunityRehab && next.start == *e.end) {
      e.rehab_to = next.org_code;
    }
    for (std::size_t j = i + 1; j < history.size(); ++j) {
      if (history[j].kind == EpisodeKind::kAftercare && history[j].start >= *e.end &&
          history[j].start - *e.end <= 30) {
        e.aftercare_on = history[j].start;
        e.aftercare_at = history[j].org_code;
        break;
      }
    }
  }
}

// Where an episode's contacts and tests are recorded, and by whom.
struct EventSite {
  int64_t person_id = 0;
  int64_t org_id = 0;
  std::string org_code;
  std::string recorded_by;
  std::string substance;
  bool abstinent = false;
};

struct TownshipRef {
  std::string code;
  int weight = 1;
};

// ------------------------------------------------------------------------------------------------

class DemoBuilder {
 public:
  DemoBuilder(Transaction& tx, const store::KeyRing& keys, const DemoOptions& options,
              Timestamp now, std::string password_hash)
      : sql_(tx.sql()),
        keys_(keys),
        options_(options),
        now_(now),
        today_(now.LocalDate()),
        password_hash_(std::move(password_hash)),
        rng_(options.seed),
        org_repo_(sql_),
        persons_(sql_),
        events_(sql_),
        continuum_(sql_) {}

  Result<DemoSummary> Build();

 private:
  // Org tree and users.
  Status BuildOrgTree();
  Status AddCounty(const CountySeed& county, int home_weight);
  Status AddOrg(const std::string& code, std::string_view name, OrgUnitKind kind,
                std::string_view parent);
  Status BuildUsers();
  void BuildSafetyRecord();
  void BuildFacilityProfiles();
  // Diagnostic assessments (issue 4 §4) of everyone in a facility whose assessment fell due.
  Status BuildAssessmentHistory();

  // 统一调配: county seats, and admissions decided after a crackdown that wait for a bed while
  // the facilities run nearly full (demo_builder.cc, "Pending admissions").
  void BuildOrgLocations();
  Status BuildPendingAdmissions();
  // Treatment plans, sessions and craving assessments of the admitted (demo_treatment.h).
  Status BuildTreatment();
  // Follow-ups (回访) of everyone released from compulsory isolation, on the default cadence.
  Status BuildFollowUps();

  // The page's five people.
  Status BuildPagePeople();
  Status BuildGaoLiang();
  Status BuildLiuJia();
  Status BuildZhuLin();
  Status BuildYanLiang();
  Status BuildWangFeng();

  // The scenario persons of 大智街道, one per path of the continuum.
  Status BuildScenarioPeople();
  Status BuildSeriousBreach();
  Status BuildRelapse();
  Status BuildLostContact();
  Status BuildLongTermLow();
  Status BuildAbsconded(bool returned);
  Status BuildEarlyReleasePending();
  Status BuildSuspended();
  Status BuildTransferred();
  Status BuildHandoverPending(int released_days_ago);
  Person ScenarioPerson(std::string alias, Sex sex, int birth_year, std::string_view substance,
                        Date registered);
  void NoteScenario(std::string_view path, const Person& p);

  // Synthetic persons.
  Status BuildSyntheticPersons();
  Status BuildSyntheticPerson(const std::string& home, Profile profile);
  std::vector<std::string> AssignHomes(int count);
  std::vector<PlannedEpisode> PlanHistory(const Person& p, Profile profile);
  std::vector<PlannedEpisode> PlanCurrent(const Person& p, Profile profile);
  std::optional<PlannedEpisode> PlanPrior(const Person& p, const PlannedEpisode& next);
  PlannedEpisode ClosedIsolation(const Person& p, Date last_day);
  PlannedEpisode OpenCommunity(const Person& p, EpisodeKind kind, Date start, int lag = -1);
  int ReportLag();
  std::string FacilityFor(const Person& p, Date start);
  Date RecentStart(int min_days, int max_days);
  Date LastVisit(Date start);

  // Writers: every row goes through the repositories, after the same domain rules the API runs.
  Result<int64_t> InsertPerson(Person& p, bool with_identity,
                               std::optional<Date> latest_birthday = std::nullopt);
  Status WriteEpisode(const Person& p, const PlannedEpisode& plan);
  Status WriteHistory(const Person& p, std::vector<PlannedEpisode> history);
  Result<int64_t> OpenEpisode(const Person& p, EpisodeKind kind, const std::string& org_code,
                              Date start);
  // The continuum: the actions a planned history implies, validated like the API validates them,
  // then the episode row brought in line with the clock.
  Status RecordActions(const Person& p, int64_t episode_id, const PlannedEpisode& plan);
  void RecordNotices(const Person& p, int64_t episode_id, const PlannedEpisode& plan, Date order);
  Status WriteHandover(const Person& p, int64_t episode_id, const PlannedEpisode& isolation);
  Result<int64_t> OpenHandover(const Person& p, int64_t episode_id, const std::string& from_org,
                               Date release);
  Status OpenBreachAlertIfAny(const Person& p, int64_t episode_id, Date term_start);
  Result<int64_t> AddTestId(const EventSite& site, Sample sample, TestResult result, Timestamp at);
  void FinishPerson();
  std::string CommonAncestor(const std::string& a, const std::string& b) const;
  Timestamp NotAfterNow(Timestamp t) const { return std::min(t, now_); }
  std::vector<Date> CommunityVisitDates(const PlannedEpisode& plan);
  Status WriteCommunityEvents(const EventSite& site, const PlannedEpisode& plan);
  Status WriteFacilityEvents(const EventSite& site, const PlannedEpisode& plan);
  Status WriteAftercareEvents(const EventSite& site, const PlannedEpisode& plan);
  Status AddContact(const EventSite& site, ContactKind kind, Timestamp at, std::string note);
  Status AddTest(const EventSite& site, Sample sample, TestResult result, Timestamp at);
  EventSite SiteFor(const Person& p, const std::string& org_code, bool abstinent = false) const;
  void AppendAudit();

  // Names, identities and numbers.
  std::string RandomName(Sex sex);
  std::string RandomSubstance(int birth_year);
  int RandomBirthYear();
  Identity MakeIdentity(const Person& p, std::optional<Date> latest_birthday);
  std::string MakeIdNumber(std::string_view area, Date birth, Sex sex);
  std::string MakeAddress(const std::string& home_code);
  std::string DecisionNumber(EpisodeKind kind, const std::string& home_code, Date start);
  Timestamp WorkingHours(Date date);
  const OrgUnit& Org(std::string_view code) const { return orgs_.at(std::string(code)); }
  std::string Recorder(std::string_view org_code) const;

  soci::session& sql_;
  const store::KeyRing& keys_;
  const DemoOptions& options_;
  const Timestamp now_;
  const Date today_;
  const std::string password_hash_;
  Rng rng_;
  store::OrgUnitRepository org_repo_;
  store::PersonRepository persons_;
  store::CareEventRepository events_;
  store::ContinuumRepository continuum_;
  const RiskModel model_ = DefaultRiskModel();

  // What the risk model needs of the person being built, gathered as it is written (cheaper than
  // reading it back). FinishPerson turns it into the initial risk row.
  struct PersonTrack {
    int64_t person_id = 0;
    std::string substance;
    int registration_year = 0;
    int birth_year = 0;
    int closed_episodes = 0;
    bool open_episode = false;
    bool serious_breach = false;
    std::optional<Timestamp> last_use;
    std::vector<TestFact> tests;
    std::optional<store::PersonRiskAttributes> attributes;  // set by a scenario; else drawn
  };
  PersonTrack track_;
  // 严良's desensitisation as his contacts tell it, for BuildTreatment.
  std::optional<int64_t> yan_liang_episode_;
  Date yan_liang_plan_day_;
  std::vector<PageDesensitisationSession> yan_liang_sessions_;
  int64_t last_episode_id_ = 0;
  std::vector<int64_t> history_ids_;  // the episodes of the last WriteHistory, in its order
  ClockState last_clock_;

  std::map<std::string, OrgUnit> orgs_;
  std::vector<TownshipRef> townships_;  // every township, in tree order
  std::set<std::string> id_numbers_;    // the lookup column is unique: never issue one twice
  const std::vector<std::string> surnames_ = CodePoints(kSurnames);
  const std::vector<std::string> male_given_ = CodePoints(kMaleGiven);
  const std::vector<std::string> female_given_ = CodePoints(kFemaleGiven);
  const std::vector<std::string> streets_ = Words(kStreets);
  DemoSummary summary_;
};

// The demo writes below the services, so it runs their field rules itself: it must never store
// what the API would reject.
Status Checked(const FieldErrors& errors, std::string_view what) {
  if (errors.empty()) return Status::Ok();
  return Status::Internal("demo built an invalid " + std::string(what) + ": " +
                          errors.ToStatus().detail());
}

std::string CountyOf(const std::string& home_code) { return home_code.substr(0, 6); }
std::string CityOf(const std::string& home_code) { return home_code.substr(0, 4) + "00"; }

Result<DemoSummary> DemoBuilder::Build() {
  long long existing = 0;
  sql_ << kCountOrgUnits, soci::into(existing);
  if (existing > 0) {
    return Status::Conflict("the database already holds org units; a demo needs an empty one");
  }
  if (Status s = BuildOrgTree(); !s.ok()) return s;
  if (Status s = BuildUsers(); !s.ok()) return s;
  BuildSafetyRecord();
  BuildFacilityProfiles();
  BuildOrgLocations();
  // persons = 0 asks for the org tree and users only (demo_builder.h), without the page's five.
  if (options_.persons > 0) {
    if (Status s = BuildPagePeople(); !s.ok()) return s;
    if (Status s = BuildScenarioPeople(); !s.ok()) return s;
    if (Status s = BuildSyntheticPersons(); !s.ok()) return s;
    FinishPerson();
    if (Status s = BuildAssessmentHistory(); !s.ok()) return s;
    if (Status s = BuildPendingAdmissions(); !s.ok()) return s;
    if (Status s = BuildTreatment(); !s.ok()) return s;
    if (Status s = BuildFollowUps(); !s.ok()) return s;
  }
  if (auto placed = BuildDemoUnitsAndPlacements(sql_, options_.seed, now_); !placed.ok()) {
    return placed.status();
  }
  AppendAudit();
  summary_.password = options_.password;
  return summary_;
}

// ------------------------------------------------------------------------------------------------
// Org tree.

Status DemoBuilder::AddOrg(const std::string& code, std::string_view name, OrgUnitKind kind,
                           std::string_view parent) {
  std::optional<std::string> parent_code;
  if (!parent.empty()) parent_code = std::string(parent);
  auto org = org_repo_.Insert(code, std::string(name), kind, parent_code);
  if (!org.ok()) return org.status();
  orgs_.emplace(code, *org);
  ++summary_.org_units;
  return Status::Ok();
}

Status DemoBuilder::BuildOrgTree() {
  const std::string province(kProvinceCode);
  if (Status s = AddOrg(province, kProvinceName, OrgUnitKind::kProvince, ""); !s.ok()) return s;
  if (Status s = AddOrg(province + "C", "湖北省高级人民法院", OrgUnitKind::kCourt, province);
      !s.ok()) {
    return s;
  }
  if (Status s = AddOrg(province + "J", "湖北省人民检察院", OrgUnitKind::kProcuratorate, province);
      !s.ok()) {
    return s;
  }
  for (const auto& city : kCities) {
    const std::string code(city.code), name(city.name);
    if (Status s = AddOrg(code, name, OrgUnitKind::kCity, province); !s.ok()) return s;
    if (Status s = AddOrg(code + "C", name + "中级人民法院", OrgUnitKind::kCourt, code); !s.ok()) {
      return s;
    }
    if (Status s = AddOrg(code + "J", name + "人民检察院", OrgUnitKind::kProcuratorate, code);
        !s.ok()) {
      return s;
    }
    for (const auto& county : kCounties) {
      if (county.city != city.code) continue;
      if (Status s = AddCounty(county, city.home_weight); !s.ok()) return s;
    }
  }
  for (const auto& [code, name] : kDazhiCommunities) {
    if (Status s = AddOrg(std::string(code), name, OrgUnitKind::kCommunity, kDazhi); !s.ok()) {
      return s;
    }
  }
  for (const auto& f : kFacilities) {
    if (Status s = AddOrg(std::string(f.code), f.name, OrgUnitKind::kFacility, f.parent); !s.ok()) {
      return s;
    }
  }
  for (const auto& [code, name] : kAftercareStations) {
    const std::string station(code);
    const std::string facility = station.substr(0, station.find('A'));
    if (Status s = AddOrg(station, name, OrgUnitKind::kAftercareStation, facility); !s.ok()) {
      return s;
    }
  }
  return Status::Ok();
}

Status DemoBuilder::AddCounty(const CountySeed& county, int home_weight) {
  const std::string code(county.code), name(county.name);
  if (Status s = AddOrg(code, name, OrgUnitKind::kCounty, county.city); !s.ok()) return s;
  // 区 have a 公安分局 of the city police; 县 and county-level 市 their own 公安局.
  const std::string police = name + (EndsWith(name, "区") ? "公安分局禁毒大队" : "公安局禁毒大队");
  if (Status s = AddOrg(code + "P", police, OrgUnitKind::kPoliceUnit, code); !s.ok()) return s;
  int street = county.first_street, town = 100, xiang = 200;
  for (const auto& township : Words(county.townships)) {
    const int seq = EndsWith(township, "街道") ? street++
                    : EndsWith(township, "镇") ? town++
                                               : xiang++;
    const std::string township_code = code + Format("%03d", seq);
    if (Status s = AddOrg(township_code, township, OrgUnitKind::kTownship, code); !s.ok()) {
      return s;
    }
    townships_.push_back({township_code, home_weight});
  }
  return Status::Ok();
}

// The page: "场所安全已连续9年实现高质量'六无'……连续23年实现安全生产无事故". The demo's register
// ends the last six-no incident ten years back and the last work-safety accident 24 years back,
// so the province reports exactly those streaks in any year it is built.
// What each demo facility takes, its beds and where it is (city centres; the provincial
// facilities near Wuhan), for the capacity view and allocation distances.
void DemoBuilder::BuildFacilityProfiles() {
  struct Seed {
    const char* code;
    const char* kind;
    const char* sexes;
    int min_age, max_age, beds, medical;
    double lat, lon;
  };
  const Seed seeds[] = {
      {"420000F01", "justice_isolation", "male", 18, 65, 1200, 2, 30.48, 114.35},
      {"420000F02", "justice_isolation", "female", 18, 70, 400, 1, 30.52, 114.40},
      {"420000F03", "justice_isolation", "both", 12, 17, 200, 1, 30.60, 114.25},
      {"420100F01", "police_isolation", "male", 16, 65, 600, 1, 30.59, 114.31},
      {"420200F01", "police_isolation", "male", 16, 65, 350, 0, 30.20, 115.04},
      {"420500F01", "police_isolation", "male", 16, 65, 400, 1, 30.69, 111.29},
      {"420600F01", "police_isolation", "male", 16, 65, 400, 0, 32.01, 112.12},
      {"421000F01", "police_isolation", "male", 16, 65, 350, 0, 30.33, 112.24},
      {"420300F01", "police_isolation", "male", 16, 65, 300, 1, 32.63, 110.80},
      {"420700F01", "police_isolation", "male", 16, 65, 200, 0, 30.39, 114.89},
      {"420800F01", "police_isolation", "male", 16, 65, 250, 0, 31.04, 112.20},
      {"420900F01", "police_isolation", "male", 16, 65, 300, 0, 30.92, 113.92},
      {"421100F01", "police_isolation", "male", 16, 65, 350, 1, 30.45, 114.87},
      {"421200F01", "police_isolation", "male", 16, 65, 250, 0, 29.84, 114.32},
      {"421300F01", "police_isolation", "male", 16, 65, 200, 0, 31.69, 113.38},
      {"422800F01", "police_isolation", "male", 16, 65, 250, 1, 30.27, 109.49},
  };
  store::FacilityRepository facilities(sql_);
  for (const auto& s : seeds) {
    auto it = orgs_.find(s.code);
    if (it == orgs_.end()) continue;
    facilities.Put(it->second.id,
                   {s.kind, s.sexes, s.min_age, s.max_age, s.beds, s.medical, s.lat, s.lon}, now_);
  }
}

Status DemoBuilder::BuildTreatment() {
  TreatmentDemoInput input;
  input.seed = options_.seed;
  input.now = now_;
  input.officer = [this](std::string_view facility) { return Recorder(facility); };
  input.yan_liang_episode = yan_liang_episode_;
  input.yan_liang_plan_day = yan_liang_plan_day_;
  input.yan_liang_sessions = yan_liang_sessions_;
  auto built = BuildTreatmentDemo(sql_, input);
  return built.ok() ? Status::Ok() : built.status();
}

void DemoBuilder::BuildSafetyRecord() {
  struct Seed {
    const char* facility;
    SafetyCategory category;
    int years_ago;
    int month, day;
    const char* description;
    const char* follow_up;
  };
  const Seed seeds[] = {
      {"420000F01", SafetyCategory::kWorkSafetyAccident, 24, 6, 12, "习艺车间设备夹伤一名民警手指",
       "停工整改，完善设备防护罩与操作规程"},
      {"420100F01", SafetyCategory::kDrugsEntering, 14, 3, 5, "探视物品夹带少量毒品被查获",
       "升级探视物品安检，追究送物人员责任"},
      {"420200F01", SafetyCategory::kFoodSafetyIncident, 12, 8, 20, "食堂供餐致多名戒毒人员腹泻",
       "更换供应商，落实留样和食材溯源制度"},
      {"420500F01", SafetyCategory::kEscape, 10, 11, 3, "一名戒毒人员外诊途中脱逃，次日被追回",
       "修订外诊押解预案，加强押解警力配置"},
  };
  const Date today = now_.LocalDate();
  store::SafetyRepository safety(sql_);
  for (const auto& s : seeds) {
    auto date = Date::FromYmd(today.year() - s.years_ago, s.month, s.day);
    auto it = orgs_.find(s.facility);
    if (!date || it == orgs_.end()) continue;
    store::IncidentRow row;
    row.category = s.category;
    row.occurred_on = *date;
    row.description = s.description;
    row.follow_up = s.follow_up;
    row.recorded_by = "demo";
    safety.Insert(it->second.id, row, now_);
  }
}

Status DemoBuilder::BuildUsers() {
  for (const auto& u : kUsers) {
    const auto it = orgs_.find(std::string(u.org_code));
    if (it == orgs_.end()) {
      return Status::Internal("demo user org missing: " + std::string(u.org_code));
    }
    const std::string username(u.username);
    auto id =
        store::UserRepository(sql_).Insert(username, u.role, it->second.id, password_hash_, now_);
    if (!id.ok()) return id.status();
    summary_.logins.push_back(
        {username, std::string(NameOf(kRoleNames, u.role)), it->second.code, it->second.name});
  }
  return Status::Ok();
}

// The demo user who works at `org_code` or the facility that runs it: the social worker of the
// township, the officer of the facility (and of its aftercare stations).
std::string DemoBuilder::Recorder(std::string_view org_code) const {
  for (const auto& u : kUsers) {
    if (u.role != Role::kSocialWorker && u.role != Role::kFacilityOfficer) continue;
    if (org_code.substr(0, u.org_code.size()) == u.org_code) return std::string(u.username);
  }
  return std::string(kDefaultRecorder);
}

// ------------------------------------------------------------------------------------------------
// Diagnostic assessments. Every admitted person has the assessments whose due date has passed,
// as a facility that keeps its schedule would; about one in forty of the latest due is not yet
// recorded, so worklists show overdue assessments. Intake finds detox under way (few items met);
// the end of the detox stage mostly passes; a year in, most pass; before expiry, most pass and
// the social environment decides between release and community rehabilitation. An episode whose
// early release was proposed has its passing one-year assessment.

Status DemoBuilder::BuildAssessmentHistory() {
  store::AssessmentRepository repo(sql_);
  const AssessmentPolicy policy;
  auto episodes = continuum_.OpenEpisodesInScope("/" + std::string(kProvinceCode) + "/");
  std::vector<int64_t> ids;
  for (const auto& e : episodes) {
    if (e.kind == EpisodeKind::kCompulsoryIsolation) ids.push_back(e.id);
  }
  const auto actions = continuum_.ActionsOfEpisodes(ids);
  auto notices = continuum_.NoticesOfEpisodes(ids);
  for (const auto& e : episodes) {
    if (e.kind != EpisodeKind::kCompulsoryIsolation) continue;
    const auto& episode_actions = actions.at(e.id);
    const bool early_release_proposed = std::any_of(
        episode_actions.begin(), episode_actions.end(),
        [](const auto& a) { return a.record.action == EpisodeAction::kProposeEarlyRelease; });
    // The due dates are the facility's obligations, derived as the app derives them.
    EpisodeObligationInput input;
    input.episode_id = e.id;
    input.kind = e.kind;
    input.clock = ComputeClock(store::EpisodeFactsOf(e, episode_actions), today_);
    ApplyNotices(input.clock, notices[e.id]);
    input.admission_date = store::FirstAdmission(episode_actions);
    input.assessment_policy = policy;
    const auto org = orgs_.find(e.org_code);
    if (org == orgs_.end()) continue;
    const std::string by = Recorder(e.org_code);
    for (const auto& o : DeriveObligations(input, RiskTier::kLow, {}, today_)) {
      const auto kind =
          std::find_if(kAssessmentKindNames.begin(), kAssessmentKindNames.end(),
                       [&](const auto& k) { return AssessmentObligationKind(k.first) == o.kind; });
      if (kind == kAssessmentKindNames.end() || o.due > today_) continue;
      const Date when = o.due;
      const bool forced_pass =
          kind->first == AssessmentKind::kComprehensiveAfterOneYear && early_release_proposed;
      // The most recent one falls due within the last fortnight: sometimes still to be done.
      if (!forced_pass && today_ - when < 14 && Chance(rng_, 40)) continue;
      Assessment a;
      a.kind = kind->first;
      a.date = std::min(today_, when.AddDays(UniformInt(rng_, 0, 3)));
      int met = 5;
      PassFail pm = PassFail::kPass, behaviour = PassFail::kPass;
      switch (kind->first) {
        case AssessmentKind::kIntake:
          met = UniformInt(rng_, 0, 2);
          pm = Chance(rng_, 20) ? PassFail::kPass : PassFail::kFail;
          behaviour = Chance(rng_, 60) ? PassFail::kPass : PassFail::kFail;
          break;
        case AssessmentKind::kEndOfDetoxStage:
          met = Chance(rng_, 92) ? 5 : 4;
          pm = Chance(rng_, 85) ? PassFail::kPass : PassFail::kFail;
          behaviour = Chance(rng_, 92) ? PassFail::kPass : PassFail::kFail;
          break;
        case AssessmentKind::kComprehensiveAfterOneYear:
        case AssessmentKind::kBeforeExpiry:
          if (!forced_pass && Chance(rng_, 20)) {
            met = Chance(rng_, 50) ? 5 : 4;
            pm = Chance(rng_, 50) ? PassFail::kPass : PassFail::kFail;
            behaviour = pm == PassFail::kPass ? PassFail::kFail : PassFail::kPass;
          }
          break;
      }
      for (int i = 0; i < static_cast<int>(kDetoxItemCount); ++i) {
        a.detox_items[i] = i < met ? kDetoxItemPoints : 0;
      }
      a.physical_mental = pm;
      a.behaviour = behaviour;
      a.social_environment =
          Chance(rng_, 60) ? SocialEnvironment::kGood : SocialEnvironment::kAverage;
      repo.Insert(e.id, a, EvaluateAssessment(a, policy), by, org->second.id,
                  NotAfterNow(LocalTime(a.date, 10 * 60)));
      ++summary_.assessments;
    }
  }
  return Status::Ok();
}

// ------------------------------------------------------------------------------------------------
// Follow-ups. Each released person is followed up at the default cadence's points that have
// passed, most on time, some late, a few missed (so worklists show follow-ups due). About one in
// twenty-five calls does not reach the person, who is tried again a few days later. The chance of
// a relapse found at a point is set so that about 86% of those followed up are still abstinent,
// as the page reports, with relapses commonest early.

Status DemoBuilder::BuildFollowUps() {
  store::FollowUpRepository repo(sql_);
  const FollowUpCadence cadence;
  static constexpr auto kAbstinentEvidence = std::to_array<std::string_view>(
      {"电话回访，本人称未再吸食，家属确认", "上门回访，精神状态良好，已稳定就业", "尿检阴性",
       "回访时本人在岗，单位反映表现正常", "微信视频回访，生活规律"});
  static constexpr auto kRelapseEvidence = std::to_array<std::string_view>(
      {"尿检吗啡阳性", "本人承认近期复吸", "家属反映复吸，尿检甲基苯丙胺阳性"});
  const auto releases =
      repo.Releases("/" + std::string(kProvinceCode) + "/", today_.AddDays(-3650));
  for (const auto& r : releases) {
    const auto home = orgs_.find(r.home_code);
    if (home == orgs_.end()) continue;
    const std::string by = Recorder(r.home_code);
    for (std::size_t i = 0; i < cadence.days_after_release.size(); ++i) {
      const Date point = r.release.AddDays(cadence.days_after_release[i]);
      if (point > today_) break;
      // The latest point is sometimes still open; older ones are occasionally missed.
      if (today_ - point < 21 ? Chance(rng_, 30) : Chance(rng_, 3)) continue;
      Date when = std::min(today_, point.AddDays(UniformInt(rng_, -7, 10)));
      const int roll = UniformInt(rng_, 0, 99);
      const FollowUpMethod method = roll < 60   ? FollowUpMethod::kPhone
                                    : roll < 85 ? FollowUpMethod::kVisit
                                                : FollowUpMethod::kTest;
      if (Chance(rng_, 4)) {
        store::FollowUpRow missed;
        missed.person_id = r.person_id;
        missed.release_episode_id = r.episode_id;
        missed.at = NotAfterNow(LocalTime(when, 15 * 60));
        missed.date = when;
        missed.method = method;
        missed.result = FollowUpResult::kUnreachable;
        missed.evidence = "电话无人接听";
        missed.recorded_by = by;
        repo.Insert(missed, home->second.id, NotAfterNow(missed.at));
        when = std::min(today_, when.AddDays(UniformInt(rng_, 1, 5)));
      }
      // Relapse found at this point: 5% early, 2% from one year on (≈14% by three years).
      const bool relapsed = Chance(rng_, i < 3 ? 5 : 2);
      store::FollowUpRow row;
      row.person_id = r.person_id;
      row.release_episode_id = r.episode_id;
      row.at = NotAfterNow(LocalTime(when, 10 * 60));
      row.date = when;
      row.method = method;
      row.result = relapsed ? FollowUpResult::kRelapsed : FollowUpResult::kAbstinent;
      row.evidence =
          std::string(relapsed ? Pick(rng_, kRelapseEvidence) : Pick(rng_, kAbstinentEvidence));
      row.recorded_by = by;
      if (relapsed) {
        row.relapse_id = continuum_.InsertRelapse(r.person_id, row.at, row.evidence, "follow_up",
                                                  std::nullopt, by, home->second.id, row.at);
        // As the API does: the relapse alert of the home township, closed once dealt with
        // (the demo treats relapses older than 60 days as dealt with).
        const int64_t alert =
            continuum_.OpenAlert(r.person_id, "relapse", home->second.id,
                                 nlohmann::json{{"relapse_id", *row.relapse_id},
                                                {"at", row.at.ToString()},
                                                {"evidence", row.evidence},
                                                {"source", "follow_up"}}
                                     .dump(),
                                 "relapse:" + std::to_string(*row.relapse_id), row.at);
        if (today_ - when > 60)
          continuum_.CloseAlertById(alert, NotAfterNow(LocalTime(when.AddDays(7), 9 * 60)));
        ++summary_.relapses;
      }
      repo.Insert(row, home->second.id, row.at);
      ++summary_.follow_ups;
      if (relapsed) break;
    }
  }
  return Status::Ok();
}

// ------------------------------------------------------------------------------------------------
// Names, identities and numbers.

std::string DemoBuilder::RandomName(Sex sex) {
  // The smaller of two draws favours the common surnames at the front of the list.
  const int n = static_cast<int>(surnames_.size());
  std::string name = surnames_[std::min(UniformInt(rng_, 0, n - 1), UniformInt(rng_, 0, n - 1))];
  const auto& given = sex == Sex::kMale ? male_given_ : female_given_;
  name += Pick(rng_, given);
  if (Chance(rng_, 70)) name += Pick(rng_, given);
  return name;
}

int DemoBuilder::RandomBirthYear() {
  // Triangular over 1960–2006, peaking in the early 1980s like real registers.
  return 1960 + (UniformInt(rng_, 0, 46) + UniformInt(rng_, 0, 46)) / 2;
}

std::string DemoBuilder::RandomSubstance(int birth_year) {
  // Older users are mostly heroin users; etomidate is a drug of the young.
  if (birth_year < 1975 && Chance(rng_, 50)) return std::string(kHeroin);
  if (birth_year >= 1995 && Chance(rng_, 25)) return std::string(kEtomidate);
  return std::string(PickWeighted(rng_, kSubstances).value);
}

// A GB 11643 number: area code of the home county, birth date, a sequence whose last digit is odd
// for men and even for women, and the check character.
std::string DemoBuilder::MakeIdNumber(std::string_view area, Date birth, Sex sex) {
  for (;;) {
    const int sex_digit = 2 * UniformInt(rng_, 0, 4) + (sex == Sex::kMale ? 1 : 0);
    const std::string first17 =
        std::string(area) + Format("%04d%02d%02d%02d%d", birth.year(), birth.month(), birth.day(),
                                   UniformInt(rng_, 0, 99), sex_digit);
    std::string id = first17 + *ResidentIdCheckChar(first17);
    if (id_numbers_.insert(id).second) return id;
  }
}

std::string DemoBuilder::MakeAddress(const std::string& home_code) {
  const OrgUnit& township = Org(home_code);
  std::string address = std::string(kProvinceName) + Org(CityOf(home_code)).name +
                        Org(CountyOf(home_code)).name + township.name + Pick(rng_, streets_);
  address += Format("%d号", UniformInt(rng_, 1, 399));
  if (Chance(rng_, 70)) {
    // One draw per statement: the order in which a call's arguments are evaluated is
    // unspecified, and the demo must draw in the same order under every compiler.
    const int building = UniformInt(rng_, 1, 30);
    const int unit = UniformInt(rng_, 1, 6);
    const int floor = UniformInt(rng_, 1, 28);
    const int room = floor * 100 + UniformInt(rng_, 1, 6);
    address += Format("%d栋%d单元%d室", building, unit, room);
  }
  return address;
}

Identity DemoBuilder::MakeIdentity(const Person& p, std::optional<Date> latest_birthday) {
  const Date jan1 = Ymd(p.birth_year, 1, 1);
  Date last = Ymd(p.birth_year, 12, 31);
  if (latest_birthday) last = std::min(last, *latest_birthday);
  const Date birth = jan1.AddDays(UniformInt(rng_, 0, last - jan1));
  Identity id;
  id.name = RandomName(p.sex);
  id.id_number = MakeIdNumber(CountyOf(p.home_org_code), birth, p.sex);
  const int operator_digit = UniformInt(rng_, 3, 9);
  id.phone = "1" + std::to_string(operator_digit) + Format("%09d", UniformInt(rng_, 0, 999999999));
  id.address = MakeAddress(p.home_org_code);
  return id;
}

// "江岸公(禁)社戒决字〔2024〕0137号": the county police decide community detox, compulsory
// isolation and community rehabilitation; the other kinds carry no decision.
std::string DemoBuilder::DecisionNumber(EpisodeKind kind, const std::string& home_code,
                                        Date start) {
  std::string_view type;
  switch (kind) {
    case EpisodeKind::kCommunityDetox:
      type = "社戒";
      break;
    case EpisodeKind::kCompulsoryIsolation:
      type = "强戒";
      break;
    case EpisodeKind::kCommunityRehab:
      type = "社康";
      break;
    case EpisodeKind::kVoluntary:
    case EpisodeKind::kAftercare:
      return "";
  }
  auto chars = CodePoints(Org(CountyOf(home_code)).name);
  if (chars.size() > 2) chars.pop_back();  // 江岸区 → 江岸; 随县 stays 随县
  std::string county;
  for (const auto& c : chars) county += c;
  return county + "公(禁)" + std::string(type) +
         Format("决字〔%d〕%04d号", start.year(), UniformInt(rng_, 1, 2999));
}

Timestamp DemoBuilder::WorkingHours(Date date) {
  return LocalTime(date, UniformInt(rng_, 8 * 60 + 30, 17 * 60));
}

// ------------------------------------------------------------------------------------------------
// Writers.

Result<int64_t> DemoBuilder::InsertPerson(Person& p, bool with_identity,
                                          std::optional<Date> latest_birthday) {
  FieldErrors errors;
  ValidatePerson(p, today_, errors);
  std::string sealed, lookup;
  if (with_identity) {
    const Identity id = MakeIdentity(p, latest_birthday);
    ValidateIdentity(id, errors);
    const nlohmann::json j{{"name", id.name},
                           {"id_number", id.id_number},
                           {"phone", id.phone},
                           {"address", id.address}};
    sealed = keys_.Seal(j.dump());
    lookup = keys_.IdNumberLookup(id.id_number);
  }
  if (Status s = Checked(errors, "person " + p.alias); !s.ok()) return s;
  auto id = persons_.Insert(p, Org(p.home_org_code).id, sealed, lookup, now_);
  if (!id.ok()) return id.status();
  p.id = *id;
  ++summary_.persons;
  FinishPerson();  // the previous person is complete
  track_ = PersonTrack{};
  track_.person_id = *id;
  track_.substance = p.primary_substance;
  track_.registration_year = p.registration_date.year();
  track_.birth_year = p.birth_year;
  return *id;
}

EventSite DemoBuilder::SiteFor(const Person& p, const std::string& org_code, bool abstinent) const {
  return {p.id, Org(org_code).id, org_code, Recorder(org_code), p.primary_substance, abstinent};
}

Result<int64_t> DemoBuilder::OpenEpisode(const Person& p, EpisodeKind kind,
                                         const std::string& org_code, Date start) {
  Episode e;
  e.person_id = p.id;
  e.kind = kind;
  e.org_code = org_code;
  e.start_date = std::min(start, today_);
  e.planned_end_date = DefaultPlannedEnd(kind, e.start_date);
  e.decision_number = DecisionNumber(kind, p.home_org_code, e.start_date);
  FieldErrors errors;
  ValidateNewEpisode(e, today_, errors);
  if (Status s = Checked(errors, "episode"); !s.ok()) return s;
  const int64_t id = events_.InsertEpisode(e, Org(org_code).id, Recorder(org_code), now_);
  ++summary_.episodes;
  return id;
}

// Events later than `now` are dropped rather than written: the demo's fixed page dates and its
// relative synthetic ones must both stay in the past whatever `now` is.
Status DemoBuilder::AddContact(const EventSite& site, ContactKind kind, Timestamp at,
                               std::string note) {
  if (at > now_) return Status::Ok();
  Contact c;
  c.person_id = site.person_id;
  c.kind = kind;
  c.at = at;
  c.note = std::move(note);
  c.recorded_by = site.recorded_by;
  c.org_code = site.org_code;
  FieldErrors errors;
  ValidateContact(c, now_, errors);
  if (Status s = Checked(errors, "contact"); !s.ok()) return s;
  events_.InsertContact(c, site.org_id, now_);
  ++summary_.contacts;
  return Status::Ok();
}

Status DemoBuilder::AddTest(const EventSite& site, Sample sample, TestResult result, Timestamp at) {
  auto id = AddTestId(site, sample, result, at);
  return id.ok() ? Status::Ok() : id.status();
}

// The test's id, 0 when it lies after `now` and is dropped.
Result<int64_t> DemoBuilder::AddTestId(const EventSite& site, Sample sample, TestResult result,
                                       Timestamp at) {
  if (at > now_) return int64_t{0};
  DrugTest t;
  t.person_id = site.person_id;
  t.sample = sample;
  t.result = result;
  t.at = at;
  if (result == TestResult::kPositive) t.substances = {site.substance};
  t.recorded_by = site.recorded_by;
  t.org_code = site.org_code;
  FieldErrors errors;
  ValidateDrugTest(t, now_, errors);
  if (Status s = Checked(errors, "drug test"); !s.ok()) return s;
  const int64_t id = events_.InsertDrugTest(t, site.org_id, now_);
  ++summary_.drug_tests;
  if (site.person_id == track_.person_id) {
    track_.tests.push_back({id, at.LocalDate(), result});
    if (result == TestResult::kPositive && (!track_.last_use || *track_.last_use < at)) {
      track_.last_use = at;
    }
  }
  return id;
}

Status DemoBuilder::WriteEpisode(const Person& p, const PlannedEpisode& plan) {
  auto episode = OpenEpisode(p, plan.kind, plan.org_code, plan.start);
  if (!episode.ok()) return episode.status();
  const EventSite site = SiteFor(p, plan.org_code, plan.abstinent);
  Status s;
  switch (plan.kind) {
    case EpisodeKind::kCommunityDetox:
    case EpisodeKind::kCommunityRehab:
      s = WriteCommunityEvents(site, plan);
      break;
    case EpisodeKind::kCompulsoryIsolation:
    case EpisodeKind::kVoluntary:
      s = WriteFacilityEvents(site, plan);
      break;
    case EpisodeKind::kAftercare:
      s = WriteAftercareEvents(site, plan);
      break;
  }
  if (!s.ok()) return s;
  last_episode_id_ = *episode;
  return RecordActions(p, *episode, plan);
}

// The visit days of a community episode, oldest first, the first being the report-in on the
// start day (the term runs from it). An open episode is visited about monthly up to its last
// visit, counted backwards from it so that the worklist sees exactly the planned lag; a closed
// one about every half year, to keep the demo small where the worklist does not look.
std::vector<Date> DemoBuilder::CommunityVisitDates(const PlannedEpisode& plan) {
  std::vector<Date> dates;
  if (!plan.reported) return dates;  // nobody has seen the person yet
  const Date report_in = ReportInDate(plan);
  if (plan.end) {
    for (Date d = report_in; d <= plan.events_until; d = d.AddDays(UniformInt(rng_, 150, 240))) {
      dates.push_back(d);
    }
    return dates;
  }
  for (Date d = plan.events_until; d > report_in.AddDays(20);
       d = d.AddDays(-UniformInt(rng_, 26, 34))) {
    dates.push_back(d);
  }
  dates.push_back(report_in);
  std::reverse(dates.begin(), dates.end());
  return dates;
}

// Community measures: the report-in and agreement, then at each visit a contact and a urine test
// (community rehabilitation tests every other visit, as the schedules table says).
Status DemoBuilder::WriteCommunityEvents(const EventSite& site, const PlannedEpisode& plan) {
  const bool current = !plan.end;
  const std::size_t test_every = current && plan.kind == EpisodeKind::kCommunityRehab ? 2 : 1;
  const bool detox = plan.kind == EpisodeKind::kCommunityDetox;
  // Community detox is ordered on a positive test (吸毒成瘾认定), the last evidence of use before
  // the measure.
  if (detox && !site.abstinent) {
    if (Status s = AddTest(site, Sample::kUrine, TestResult::kPositive, WorkingHours(plan.start));
        !s.ok()) {
      return s;
    }
  }
  const std::vector<Date> visits = CommunityVisitDates(plan);
  // Three evaded or refused tests in a term are a serious breach (禁毒法 §38) that ends in
  // escalation; the synthetic histories stop at two, the scenario persons show the breach.
  int evaded = 0;
  for (std::size_t visit = 0; visit < visits.size(); ++visit) {
    const Timestamp at = WorkingHours(visits[visit]);
    Status s;
    if (visit == 0) {
      s = AddContact(site, ContactKind::kOfficeVisit, at,
                     detox ? "到工作站报到，签订社区戒毒协议，成立帮教小组"
                           : "到工作站报到，签订社区康复协议，落实帮扶措施");
    } else {
      const ContactKind kind = PickWeighted(rng_, kCommunityContactKinds).value;
      s = AddContact(site, kind, at, std::string(NoteFor(rng_, kind, Setting::kCommunity)));
    }
    if (!s.ok()) return s;
    if (visit % test_every != 0) continue;
    TestResult result =
        site.abstinent ? TestResult::kNegative : PickWeighted(rng_, kCommunityResults).value;
    if (result == TestResult::kRefused || result == TestResult::kMissed) {
      if (++evaded > kBreachTestCount - 1) result = TestResult::kNegative;
    }
    const Sample sample = Chance(rng_, 5) ? Sample::kHair : Sample::kUrine;
    const Timestamp test_at =
        Timestamp::FromUnixSeconds(at.unix_seconds() + int64_t{60} * UniformInt(rng_, 5, 40));
    if (Status t = AddTest(site, sample, result, test_at); !t.ok()) return t;
  }
  return Status::Ok();
}

// In a facility: the intake test, talks and counselling every month or two (sparser in closed
// episodes), and a last test before release.
Status DemoBuilder::WriteFacilityEvents(const EventSite& site, const PlannedEpisode& plan) {
  const TestResult intake =
      !site.abstinent && Chance(rng_, 80) ? TestResult::kPositive : TestResult::kNegative;
  if (Status s = AddTest(site, Sample::kUrine, intake, WorkingHours(plan.start)); !s.ok()) {
    return s;
  }
  const int min_gap = plan.end ? 150 : 45, max_gap = plan.end ? 250 : 90;
  for (Date d = plan.start.AddDays(UniformInt(rng_, 15, 30)); d <= plan.events_until;
       d = d.AddDays(UniformInt(rng_, min_gap, max_gap))) {
    const Timestamp at = WorkingHours(d);
    if (Status s = AddContact(site, ContactKind::kCounselling, at,
                              std::string(Pick(rng_, kFacilityNotes)));
        !s.ok()) {
      return s;
    }
  }
  if (!plan.end) return Status::Ok();
  return AddTest(site, Sample::kUrine, TestResult::kNegative,
                 WorkingHours(plan.end->AddDays(-UniformInt(rng_, 3, 10))));
}

// Aftercare is voluntary and sparse: calls and WeChat, now and then a visit, peer education or a
// crisis intervention.
Status DemoBuilder::WriteAftercareEvents(const EventSite& site, const PlannedEpisode& plan) {
  for (Date d = plan.start.AddDays(UniformInt(rng_, 7, 30)); d <= plan.events_until;
       d = d.AddDays(UniformInt(rng_, 45, 110))) {
    const ContactKind kind = PickWeighted(rng_, kAftercareContactKinds).value;
    const Timestamp at = WorkingHours(d);
    if (Status s =
            AddContact(site, kind, at, std::string(NoteFor(rng_, kind, Setting::kAftercare)));
        !s.ok()) {
      return s;
    }
  }
  return Status::Ok();
}

// ------------------------------------------------------------------------------------------------
// The continuum of care: actions, handovers, alerts and risk, written the way ContinuumService
// writes them (same params keys, alert keys and evidence), after the same rules.

// 95% report in within the 15 days (most in the first days), the rest up to 20 days late.
int DemoBuilder::ReportLag() {
  if (Chance(rng_, 5)) return UniformInt(rng_, kReportInDays + 1, kReportInDays + 20);
  return std::min(UniformInt(rng_, 0, kReportInDays), UniformInt(rng_, 0, kReportInDays));
}

Status DemoBuilder::RecordActions(const Person& p, int64_t episode_id, const PlannedEpisode& plan) {
  using A = EpisodeAction;
  const Date order = std::min(plan.start, today_);
  std::vector<PlannedAction> planned;
  const auto add = [&](A action, Date date, nlohmann::json params) -> PlannedAction& {
    PlannedAction a;
    a.record.action = action;
    a.record.date = date;
    a.params = std::move(params);
    planned.push_back(std::move(a));
    return planned.back();
  };
  const auto none = [] { return nlohmann::json::object(); };
  const bool community = IsCommunityKind(plan.kind);
  const bool isolation = plan.kind == EpisodeKind::kCompulsoryIsolation;
  if (community && plan.reported) {
    const Date report_in = ReportInDate(plan);
    add(A::kReportIn, report_in, none());
    add(A::kSignAgreement, report_in, none());
  }
  if (isolation) {
    // Taken in on the decision day or the next.
    Date admit = order.AddDays(Chance(rng_, 30) ? 1 : 0);
    if (plan.end) admit = std::min(admit, *plan.end);
    add(A::kAdmit, std::min(admit, today_), none());
  }
  for (const auto& x : plan.extra) planned.push_back(x);
  if (plan.end && *plan.end <= today_) {
    const Date end = *plan.end;
    if (community && !plan.escalate_to.empty()) {
      add(A::kEscalate, end, {{"org_unit", plan.escalate_to}});
    } else if (isolation) {
      if (end < *DefaultPlannedEnd(plan.kind, order)) {
        // Released early: proposed after a year with a passing assessment, approved within 7 days.
        Date decide = end.AddDays(-UniformInt(rng_, 0, 3));
        Date propose = decide.AddDays(-UniformInt(rng_, 1, 5));
        propose = std::max(propose, order.AddYears(kEarlyReleaseAfterYears));
        decide = std::max(decide, propose);
        add(A::kProposeEarlyRelease, propose, {{"assessment_passed", true}})
            .record.assessment_passed = true;
        add(A::kDecideEarlyRelease, decide, {{"approved", true}}).record.approved = true;
      }
      add(A::kRelease, end, none());
      if (!plan.rehab_to.empty()) {
        add(A::kOrderCommunityRehab, end, {{"org_unit", plan.rehab_to}});
      }
      if (plan.aftercare_on && *plan.aftercare_on <= today_) {
        add(A::kEnrolAftercare, *plan.aftercare_on, {{"org_unit", plan.aftercare_at}});
      }
    } else {
      add(A::kEnd, end, {{"end_reason", "completed"}}).record.end_reason = EndReason::kCompleted;
    }
  }

  // Deciding authority: the county police of the person's home orders community measures and
  // decides compulsory isolation. A municipal facility is police-run: a recent admission there
  // is still inside its 3–6 month stay before the transfer to a justice facility.
  const bool decided = community || isolation;
  const bool police_facility = isolation && plan.org_code.substr(0, 4) != "4200" &&
                               (!plan.end || *plan.end > today_) && today_ - order <= 150;
  if (decided || police_facility) {
    continuum_.SetEpisodeFlags(
        episode_id,
        decided ? std::optional<std::string>(CountyOf(p.home_org_code) + "P") : std::nullopt, false,
        police_facility);
  }

  EpisodeFacts facts;
  facts.kind = plan.kind;
  facts.order_date = order;
  facts.in_police_facility = police_facility;
  std::string recorder = Recorder(plan.org_code);
  int64_t org_id = Org(plan.org_code).id;
  for (const auto& a : planned) {
    if (a.record.date > today_) break;  // a history written against an early `now`
    if (Status s = ValidateAction(facts, a.record, today_); !s.ok()) {
      return Status::Internal(Format("demo planned a refused action %s on %s for %s: %s",
                                     NameOf(kEpisodeActionNames, a.record.action).data(),
                                     a.record.date.ToString().c_str(), p.alias.c_str(),
                                     s.detail().c_str()));
    }
    continuum_.InsertAction(episode_id, a.record, a.params.dump(), "", recorder, org_id, now_);
    ++summary_.actions;
    facts.actions.push_back(a.record);
    if (a.record.action == A::kTransfer) {
      const OrgUnit& to = Org(a.record.to_org);
      continuum_.TransferOwner(episode_id, p.id, to.id, a.record.date, "transfer");
      recorder = Recorder(to.code);
      org_id = to.id;
    }
  }
  last_clock_ = ComputeClock(facts, today_);
  if (!facts.actions.empty()) {
    store::EpisodeRow row;
    row.id = episode_id;
    row.status = last_clock_.state == EpisodeState::kClosed ? "closed" : "open";
    row.planned_end_date = last_clock_.planned_end;
    row.end_date = last_clock_.end_date;
    if (last_clock_.end_reason) {
      row.end_reason = std::string(NameOf(kEndReasonNames, *last_clock_.end_reason));
    }
    if (Status s = continuum_.UpdateEpisode(row, 1); !s.ok()) return s;
  }
  if (isolation) RecordNotices(p, episode_id, plan, order);
  if (last_clock_.state == EpisodeState::kClosed) {
    ++track_.closed_episodes;
  } else {
    track_.open_episode = true;
  }
  return Status::Ok();
}

// The statutory notices of a compulsory isolation, given on time: the family (by the deciding
// police) within a day of the decision, the deciding authority 3 days before release, the home
// township within 7 days after it. Only notices the clock owes, none after today.
void DemoBuilder::RecordNotices(const Person& p, int64_t episode_id, const PlannedEpisode& plan,
                                Date order) {
  const auto owed = [&](std::string_view kind) {
    return std::any_of(last_clock_.deadlines.begin(), last_clock_.deadlines.end(),
                       [&](const Deadline& d) { return d.kind == kind && !d.done; });
  };
  const auto give = [&](const char* kind, Date date, const std::string& by_org, const char* note) {
    if (date > today_ || date < order) return;
    const std::string by = CountyOf(by_org) == "420102" && EndsWith(by_org, "P")
                               ? std::string("police.jiangan")
                               : Recorder(by_org);
    continuum_.InsertNotice(episode_id, {kind, date}, note, by, Org(by_org).id, now_);
    ++summary_.notices;
  };
  if (owed("family_notice")) {
    give("family_notice", std::min(order.AddDays(Chance(rng_, 60) ? 0 : 1), today_),
         CountyOf(p.home_org_code) + "P", "已通知其家属、所在单位和户籍所在地公安派出所");
  }
  if (owed("release_notice") && last_clock_.planned_end) {
    const Date due = last_clock_.planned_end->AddDays(-kReleaseNoticeDays);
    give("release_notice", std::max(order, due.AddDays(-UniformInt(rng_, 0, 2))), plan.org_code,
         "提前三日通知强制隔离戒毒决定机关");
  }
  if (owed("township_notice") && last_clock_.end_date) {
    give("township_notice", last_clock_.end_date->AddDays(UniformInt(rng_, 0, 5)), plan.org_code,
         "通知户籍所在地乡镇（街道）社区戒毒社区康复工作办公室");
  }
}

// Writes a history, oldest first, then the handovers of its recent releases: every release of
// the last two years that no community episode followed (those hand over through the report-in
// of community rehabilitation instead).
Status DemoBuilder::WriteHistory(const Person& p, std::vector<PlannedEpisode> history) {
  LinkHistory(history);
  history_ids_.clear();
  for (const auto& plan : history) {
    if (Status s = WriteEpisode(p, plan); !s.ok()) return s;
    history_ids_.push_back(last_episode_id_);
  }
  for (std::size_t i = 0; i < history.size(); ++i) {
    const PlannedEpisode& e = history[i];
    if (e.kind != EpisodeKind::kCompulsoryIsolation || !e.end || *e.end > today_ ||
        today_ - *e.end > 730) {
      continue;
    }
    bool later_community = false;
    for (std::size_t j = i + 1; j < history.size(); ++j) {
      later_community =
          later_community || (IsCommunityKind(history[j].kind) && history[j].start >= *e.end);
    }
    if (later_community) continue;
    if (Status s = WriteHandover(p, history_ids_[i], e); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<int64_t> DemoBuilder::OpenHandover(const Person& p, int64_t episode_id,
                                          const std::string& from_org, Date release) {
  const int64_t id = continuum_.InsertHandover(
      p.id, episode_id, Org(from_org).id, Org(p.home_org_code).id, release,
      release.AddDays(kTownshipNoticeDays), release.AddDays(kReportInDays), now_);
  ++summary_.handovers;
  return id;
}

// A handover of the past: acknowledged within days, report-in and agreement within the 15 days.
// One released this week outside 大智街道 is still open (大智街道's open ones are the scenario's).
Status DemoBuilder::WriteHandover(const Person& p, int64_t episode_id,
                                  const PlannedEpisode& isolation) {
  const Date release = *isolation.end;
  auto id = OpenHandover(p, episode_id, isolation.org_code, release);
  if (!id.ok()) return id.status();
  if (today_ - release < 7 && p.home_org_code != kDazhi) return Status::Ok();
  const Date ack = std::min(release.AddDays(UniformInt(rng_, 0, 3)), today_);
  const Date report = std::min(std::max(ack, release.AddDays(UniformInt(rng_, 1, 14))), today_);
  store::HandoverRow row;
  row.id = *id;
  row.status = "completed";
  row.acknowledged_at = NotAfterNow(LocalTime(ack, 9 * 60 + UniformInt(rng_, 0, 60))).ToString();
  row.acknowledged_by = Recorder(p.home_org_code);
  const Timestamp reported = NotAfterNow(LocalTime(report, 10 * 60 + UniformInt(rng_, 30, 400)));
  row.reported_in_at = reported.ToString();
  row.agreement_at =
      NotAfterNow(Timestamp::FromUnixSeconds(reported.unix_seconds() + 1800)).ToString();
  continuum_.UpdateHandover(row);
  return Status::Ok();
}

Person PagePerson(std::string alias, Sex sex, int birth_year, std::string_view home,
                  std::string_view substance, Date registered);

// The serious-breach alert the service opens after a test, when the record shows one.
Status DemoBuilder::OpenBreachAlertIfAny(const Person& p, int64_t episode_id, Date term_start) {
  const auto findings = DetectSeriousBreach(track_.tests, {}, term_start, today_);
  if (findings.empty()) return Status::Ok();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : findings) {
    list.push_back({{"rule", f.rule}, {"summary", f.summary}, {"evidence_ids", f.evidence_ids}});
  }
  const std::string police = CountyOf(p.home_org_code) + "P";
  const nlohmann::json evidence{{"episode_id", episode_id},
                                {"findings", list},
                                {"proposal", "escalate to compulsory isolation"},
                                {"to", police}};
  continuum_.OpenAlert(p.id, "serious_breach", Org(police).id, evidence.dump(),
                       "serious_breach:" + std::to_string(episode_id), now_);
  ++summary_.alerts;
  track_.serious_breach = true;
  return Status::Ok();
}

// The lowest org unit above both codes (a late handover goes to the director over both sides).
std::string DemoBuilder::CommonAncestor(const std::string& a_code,
                                        const std::string& b_code) const {
  const std::string& a = Org(a_code).path;
  const std::string& b = Org(b_code).path;
  std::size_t i = 0, last_slash = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) {
    if (a[i] == '/') last_slash = i;
    ++i;
  }
  const std::string prefix = a.substr(0, last_slash);
  return prefix.substr(prefix.rfind('/') + 1);
}

// Risk factors for about 70% of persons, and the initial risk row of everyone with an open
// episode: AssessRisk with the default model on the facts of the history just written, the same
// facts ContinuumService gathers from the store.
void DemoBuilder::FinishPerson() {
  if (track_.person_id == 0) return;
  const int64_t id = track_.person_id;
  track_.person_id = 0;
  std::optional<store::PersonRiskAttributes> attributes = track_.attributes;
  if (!attributes && Chance(rng_, 70)) {
    store::PersonRiskAttributes a;
    a.employed = Chance(rng_, 45);
    a.family_support = Chance(rng_, 65);
    a.psychiatric_history = Chance(rng_, 3);
    const int first = track_.registration_year - UniformInt(rng_, 0, 6);
    a.first_use_year = std::min(today_.year(), std::max(first, track_.birth_year + 12));
    attributes = a;
  }
  if (attributes) continuum_.SetRiskAttributes(id, *attributes);
  if (!track_.open_episode) return;
  RiskFacts f;
  f.primary_substance = track_.substance;
  const int since = attributes && attributes->first_use_year ? *attributes->first_use_year
                                                             : track_.registration_year;
  f.years_of_use = std::max(0, today_.year() - since);
  f.prior_episodes = track_.closed_episodes;
  for (const auto& t : track_.tests) {
    if (today_ - t.date > 182 || t.date > today_) continue;
    if (t.result == TestResult::kPositive) ++f.positive_tests_6m;
    if (t.result == TestResult::kRefused || t.result == TestResult::kMissed) {
      ++f.refused_or_missed_tests_6m;
    }
  }
  if (attributes) {
    f.employed = attributes->employed;
    f.family_support = attributes->family_support;
    f.psychiatric_history = attributes->psychiatric_history;
  }
  if (track_.last_use) f.days_abstinent = today_ - track_.last_use->LocalDate();
  f.serious_breach = track_.serious_breach;
  const RiskResult result = AssessRisk(model_, f);
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& r : result.reasons) {
    reasons.push_back({{"factor", r.factor}, {"points", r.points}, {"detail", r.detail}});
  }
  continuum_.InsertRisk(id, result, reasons.dump(), model_.version, "demo", now_);
  ++summary_.risk_assessments;
}

// ------------------------------------------------------------------------------------------------
// The scenario persons: pseudonymous, at home in 大智街道 so that sw.dazhi (and the directors
// above) see each path of the continuum in the inbox, the worklist and the alerts.

Person DemoBuilder::ScenarioPerson(std::string alias, Sex sex, int birth_year,
                                   std::string_view substance, Date registered) {
  return PagePerson(std::move(alias), sex, birth_year, kDazhi, substance, registered);
}

void DemoBuilder::NoteScenario(std::string_view path, const Person& p) {
  summary_.scenarios.push_back({std::string(path), p.alias, p.id});
}

PlannedEpisode OpenPlan(EpisodeKind kind, std::string org_code, Date start, Date events_until,
                        int report_lag = 0, bool abstinent = false) {
  PlannedEpisode plan;
  plan.kind = kind;
  plan.org_code = std::move(org_code);
  plan.start = start;
  plan.events_until = events_until;
  plan.report_lag = report_lag;
  plan.abstinent = abstinent;
  return plan;
}

PlannedAction Action(EpisodeAction action, Date date,
                     nlohmann::json params = nlohmann::json::object()) {
  PlannedAction a;
  a.record.action = action;
  a.record.date = date;
  a.params = std::move(params);
  return a;
}

Status DemoBuilder::BuildScenarioPeople() {
  if (Status s = BuildSeriousBreach(); !s.ok()) return s;
  if (Status s = BuildRelapse(); !s.ok()) return s;
  if (Status s = BuildLostContact(); !s.ok()) return s;
  if (Status s = BuildLongTermLow(); !s.ok()) return s;
  if (Status s = BuildAbsconded(false); !s.ok()) return s;
  if (Status s = BuildAbsconded(true); !s.ok()) return s;
  if (Status s = BuildEarlyReleasePending(); !s.ok()) return s;
  if (Status s = BuildSuspended(); !s.ok()) return s;
  if (Status s = BuildTransferred(); !s.ok()) return s;
  if (Status s = BuildHandoverPending(3); !s.ok()) return s;
  return BuildHandoverPending(40);
}

// (a) Serious breach: community detox, three urine tests evaded or refused in the last months;
// the county police are asked to escalate.
Status DemoBuilder::BuildSeriousBreach() {
  Person p = ScenarioPerson("赵磊", Sex::kMale, 1988, "冰毒", today_.AddDays(-1100));
  if (auto id = InsertPerson(p, true); !id.ok()) return id.status();
  const std::string home(kDazhi);
  const PlannedEpisode plan = OpenPlan(EpisodeKind::kCommunityDetox, home, today_.AddDays(-240),
                                       today_.AddDays(-6), 3, true);
  if (Status s = WriteHistory(p, {plan}); !s.ok()) return s;
  const int64_t episode = last_episode_id_;
  const EventSite site = SiteFor(p, home);
  const auto misses = std::to_array<std::pair<int, TestResult>>(
      {{96, TestResult::kMissed}, {63, TestResult::kRefused}, {34, TestResult::kMissed}});
  for (const auto& [days, result] : misses) {
    if (auto t = AddTestId(site, Sample::kUrine, result, WorkingHours(today_.AddDays(-days)));
        !t.ok()) {
      return t.status();
    }
  }
  if (Status s = OpenBreachAlertIfAny(p, episode, ReportInDate(plan)); !s.ok()) return s;
  NoteScenario("serious_breach", p);
  return Status::Ok();
}

// (b) Relapse: a positive urine test 10 days ago, recorded as a relapse with its alert.
Status DemoBuilder::BuildRelapse() {
  Person p = ScenarioPerson("孙倩", Sex::kFemale, 1993, "冰毒", today_.AddDays(-900));
  if (auto id = InsertPerson(p, true); !id.ok()) return id.status();
  const std::string home(kDazhi);
  const PlannedEpisode plan = OpenPlan(EpisodeKind::kCommunityDetox, home, today_.AddDays(-300),
                                       today_.AddDays(-12), 5, true);
  if (Status s = WriteHistory(p, {plan}); !s.ok()) return s;
  const EventSite site = SiteFor(p, home);
  const Timestamp at = WorkingHours(today_.AddDays(-10));
  auto test = AddTestId(site, Sample::kUrine, TestResult::kPositive, at);
  if (!test.ok()) return test.status();
  if (Status s = AddContact(site, ContactKind::kOfficeVisit, at,
                            "尿检阳性，承认近期复吸，谈话了解原因并加强帮教");
      !s.ok()) {
    return s;
  }
  const std::string substances = p.primary_substance;
  const int64_t relapse =
      continuum_.InsertRelapse(p.id, at, "positive test: " + substances, "positive_test", *test,
                               site.recorded_by, site.org_id, now_);
  ++summary_.relapses;
  const nlohmann::json evidence{{"relapse_id", relapse},
                                {"drug_test_id", *test},
                                {"at", at.ToString()},
                                {"substances", substances}};
  continuum_.OpenAlert(p.id, "relapse", Org(home).id, evidence.dump(),
                       "relapse:" + std::to_string(relapse), now_);
  ++summary_.alerts;
  NoteScenario("relapse", p);
  return Status::Ok();
}

// (c) Loss of supervision: community detox, nobody has seen him for 80 days (the live sweep
// raises the lost_contact alert).
Status DemoBuilder::BuildLostContact() {
  Person p = ScenarioPerson("钱明", Sex::kMale, 1979, kHeroin, today_.AddDays(-2000));
  if (auto id = InsertPerson(p, true); !id.ok()) return id.status();
  const PlannedEpisode plan = OpenPlan(EpisodeKind::kCommunityDetox, std::string(kDazhi),
                                       today_.AddDays(-420), today_.AddDays(-80), 2, true);
  if (Status s = WriteHistory(p, {plan}); !s.ok()) return s;
  NoteScenario("lost_contact", p);
  return Status::Ok();
}

// (d) Long-term low, leaving dynamic control: released over four years ago, the last evidence of
// use is the intake test, every test since negative, in aftercare.
Status DemoBuilder::BuildLongTermLow() {
  Person p = ScenarioPerson("李长安", Sex::kMale, 1975, "冰毒", Ymd(2012, 5, 20));
  if (auto id = InsertPerson(p, true); !id.ok()) return id.status();
  store::PersonRiskAttributes attributes;
  attributes.first_use_year = 2009;
  attributes.employed = true;
  attributes.family_support = true;
  track_.attributes = attributes;
  const Date release = today_.AddDays(-1560);
  const Date start = release.AddDays(1).AddYears(-2);
  const std::string facility(kShizishan), station(kShizishanAftercare);
  const std::vector<PlannedEpisode> history = {
      FullTerm(EpisodeKind::kCompulsoryIsolation, facility, start, true),
      OpenPlan(EpisodeKind::kAftercare, station, release.AddDays(2), today_.AddDays(-5), 0, true),
  };
  if (Status s = WriteHistory(p, history); !s.ok()) return s;
  if (Status s = AddTest(SiteFor(p, facility), Sample::kUrine, TestResult::kPositive,
                         LocalTime(start, 15 * 60));
      !s.ok()) {
    return s;
  }
  const EventSite home = SiteFor(p, std::string(kDazhi), true);
  for (int year = 1; year <= 6; ++year) {
    if (Status s = AddTest(home, Sample::kHair, TestResult::kNegative,
                           WorkingHours(release.AddDays(365 * year - 20)));
        !s.ok()) {
      return s;
    }
  }
  NoteScenario("long_term_low", p);
  return Status::Ok();
}

// (e) Absconded from Shizishan 20 days ago and not back; or back after a month away, so the
// escaped days move the planned end.
Status DemoBuilder::BuildAbsconded(bool returned) {
  Person p = returned ? ScenarioPerson("郑凯", Sex::kMale, 1986, "冰毒", today_.AddDays(-1500))
                      : ScenarioPerson("周强", Sex::kMale, 1990, kHeroin, today_.AddDays(-800));
  if (auto id = InsertPerson(p, true); !id.ok()) return id.status();
  const Date start = today_.AddDays(returned ? -400 : -200);
  PlannedEpisode plan = OpenPlan(EpisodeKind::kCompulsoryIsolation, std::string(kShizishan), start,
                                 today_.AddDays(returned ? -5 : -21));
  if (returned) {
    plan.extra = {Action(EpisodeAction::kAbscond, today_.AddDays(-300)),
                  Action(EpisodeAction::kReturn, today_.AddDays(-270))};
  } else {
    plan.extra = {Action(EpisodeAction::kAbscond, today_.AddDays(-20))};
  }
  if (Status s = WriteHistory(p, {plan}); !s.ok()) return s;
  NoteScenario(returned ? "returned_after_escape" : "absconded", p);
  return Status::Ok();
}

// (f) Just past one year in Shizishan with a passing assessment: early release proposed two days
// ago, the deciding authority's decision due within 7 days.
Status DemoBuilder::BuildEarlyReleasePending() {
  Person p = ScenarioPerson("冯远", Sex::kMale, 1992, "麻果", today_.AddDays(-700));
  if (auto id = InsertPerson(p, true); !id.ok()) return id.status();
  PlannedEpisode plan =
      OpenPlan(EpisodeKind::kCompulsoryIsolation, std::string(kShizishan),
               today_.AddYears(-kEarlyReleaseAfterYears).AddDays(-10), today_.AddDays(-3));
  PlannedAction propose = Action(EpisodeAction::kProposeEarlyRelease, today_.AddDays(-2),
                                 {{"assessment_passed", true}});
  propose.record.assessment_passed = true;
  plan.extra = {propose};
  if (Status s = WriteHistory(p, {plan}); !s.ok()) return s;
  NoteScenario("early_release_pending", p);
  return Status::Ok();
}

// (g) Community detox suspended by detention 25 days ago.
Status DemoBuilder::BuildSuspended() {
  Person p = ScenarioPerson("何斌", Sex::kMale, 1984, "冰毒", today_.AddDays(-1300));
  if (auto id = InsertPerson(p, true); !id.ok()) return id.status();
  PlannedEpisode plan = OpenPlan(EpisodeKind::kCommunityDetox, std::string(kDazhi),
                                 today_.AddDays(-300), today_.AddDays(-26), 4);
  plan.extra = {Action(EpisodeAction::kSuspend, today_.AddDays(-25))};
  if (Status s = WriteHistory(p, {plan}); !s.ok()) return s;
  NoteScenario("suspended", p);
  return Status::Ok();
}

// (h) Moved from 一元街道 to 大智街道 four months ago: the community detox went with her, so
// its ownership history has two rows.
Status DemoBuilder::BuildTransferred() {
  Person p = ScenarioPerson("吕静", Sex::kFemale, 1995, "氯胺酮", today_.AddDays(-600));
  if (auto id = InsertPerson(p, true); !id.ok()) return id.status();
  const std::string from = "420102003", to(kDazhi);
  const Date moved = today_.AddDays(-120);
  PlannedEpisode plan = OpenPlan(EpisodeKind::kCommunityDetox, from, today_.AddDays(-400),
                                 moved.AddDays(-1), 6, true);
  PlannedAction transfer =
      Action(EpisodeAction::kTransfer, moved, {{"to_org", to}, {"org_unit", to}});
  transfer.record.to_org = to;
  plan.extra = {transfer};
  if (Status s = WriteHistory(p, {plan}); !s.ok()) return s;
  const EventSite site = SiteFor(p, to, true);
  bool first = true;
  for (Date d = moved; d <= today_.AddDays(-8); d = d.AddDays(UniformInt(rng_, 26, 34))) {
    const Timestamp at = WorkingHours(d);
    if (Status s = AddContact(site, ContactKind::kOfficeVisit, at,
                              first ? "迁居大智街道，社区戒毒随迁接续，到新工作站报到"
                                    : std::string(Pick(rng_, kOfficeVisitNotes)));
        !s.ok()) {
      return s;
    }
    first = false;
    if (Status s = AddTest(site, Sample::kUrine, TestResult::kNegative,
                           Timestamp::FromUnixSeconds(at.unix_seconds() + 1200));
        !s.ok()) {
      return s;
    }
  }
  NoteScenario("transferred", p);
  return Status::Ok();
}

// 衔接 into 大智街道: released from Shizishan `released_days_ago` days ago with community
// rehabilitation ordered, not reported in yet. After 15 days the handover is late: an alert to
// the province (the lowest unit above Shizishan and 大智街道), escalated.
Status DemoBuilder::BuildHandoverPending(int released_days_ago) {
  const bool late = released_days_ago > kReportInDays;
  Person p = late ? ScenarioPerson("韩冬", Sex::kMale, 1983, kHeroin, today_.AddDays(-2400))
                  : ScenarioPerson("蒋华", Sex::kMale, 1989, "冰毒", today_.AddDays(-1200));
  if (auto id = InsertPerson(p, true); !id.ok()) return id.status();
  const std::string facility(kShizishan), home(kDazhi);
  const Date release = today_.AddDays(-released_days_ago);
  PlannedEpisode isolation =
      FullTerm(EpisodeKind::kCompulsoryIsolation, facility, release.AddDays(1).AddYears(-2));
  PlannedEpisode rehab =
      OpenPlan(EpisodeKind::kCommunityRehab, home, *isolation.end, *isolation.end);
  rehab.reported = false;
  if (Status s = WriteHistory(p, {isolation, rehab}); !s.ok()) return s;
  auto handover = OpenHandover(p, history_ids_[0], facility, *isolation.end);
  if (!handover.ok()) return handover.status();
  if (late) {
    const Date report_due = isolation.end->AddDays(kReportInDays);
    const std::string owner = CommonAncestor(facility, home);
    const nlohmann::json evidence{{"handover_id", *handover},
                                  {"from", facility},
                                  {"to", home},
                                  {"release_date", isolation.end->ToString()},
                                  {"report_due", report_due.ToString()},
                                  {"days_late", today_ - report_due}};
    continuum_.OpenAlert(p.id, "handover_late", Org(owner).id, evidence.dump(),
                         "handover_late:" + std::to_string(*handover), now_);
    ++summary_.alerts;
    store::HandoverRow row;
    row.id = *handover;
    row.status = "open";
    row.escalated_at = now_.ToString();
    continuum_.UpdateHandover(row);
  }
  NoteScenario(late ? "handover_late" : "handover_open", p);
  return Status::Ok();
}

void DemoBuilder::AppendAudit() {
  const std::string detail = Format(
      "seed=%llu org_units=%d users=%d persons=%d episodes=%d contacts=%d drug_tests=%d "
      "actions=%d notices=%d handovers=%d alerts=%d risk_assessments=%d relapses=%d "
      "assessments=%d follow_ups=%d",
      static_cast<unsigned long long>(options_.seed), summary_.org_units,
      static_cast<int>(summary_.logins.size()), summary_.persons, summary_.episodes,
      summary_.contacts, summary_.drug_tests, summary_.actions, summary_.notices,
      summary_.handovers, summary_.alerts, summary_.risk_assessments, summary_.relapses,
      summary_.assessments, summary_.follow_ups);
  store::AuditLog(sql_, keys_)
      .Append({0, now_, "system", "admin", "demo.build", std::nullopt, std::string(kProvinceCode),
               "demo", detail});
}

// ------------------------------------------------------------------------------------------------
// The page's five people (《法治日报》, 湖北所内戒治与所外延伸一体发展). Their names are the page's
// pseudonyms; their legal identities are synthetic. Page facts are kept exactly; what the page
// leaves open (birth years, home townships, earlier treatments) is made plausible.

Person PagePerson(std::string alias, Sex sex, int birth_year, std::string_view home,
                  std::string_view substance, Date registered) {
  Person p;
  p.alias = std::move(alias);
  p.sex = sex;
  p.birth_year = birth_year;
  p.home_org_code = std::string(home);
  p.primary_substance = std::string(substance);
  p.registration_date = registered;
  return p;
}

Status DemoBuilder::BuildPagePeople() {
  if (Status s = BuildGaoLiang(); !s.ok()) return s;
  if (Status s = BuildLiuJia(); !s.ok()) return s;
  if (Status s = BuildZhuLin(); !s.ok()) return s;
  if (Status s = BuildYanLiang(); !s.ok()) return s;
  return BuildWangFeng();
}

// 高亮: first heroin in 1993 and "多次戒毒"; in 2015 he walked into Shizishan himself and has been
// clean since; after release a drug-control social worker, Huangshi's first outstanding one (2021).
Status DemoBuilder::BuildGaoLiang() {
  const std::string home = "420202001";  // 黄石港区沈家营街道, where sw.huangshigang works
  Person p = PagePerson("高亮", Sex::kMale, 1972, home, kHeroin, Ymd(1996, 5, 14));
  if (auto id = InsertPerson(p, true); !id.ok()) return id.status();
  const std::string huangshi_facility = "420200F01";
  const std::string shizishan(kShizishan);
  const std::vector<PlannedEpisode> history = {
      Past(EpisodeKind::kVoluntary, huangshi_facility, Ymd(1999, 3, 2), Ymd(1999, 5, 31)),
      FullTerm(EpisodeKind::kCompulsoryIsolation, huangshi_facility, Ymd(2005, 8, 16)),
      FullTerm(EpisodeKind::kCommunityDetox, home, Ymd(2010, 4, 12)),
      FullTerm(EpisodeKind::kCompulsoryIsolation, shizishan, Ymd(2015, 4, 8)),
      // Community rehabilitation ordered on release; he reported in 11 days later.
      FullTerm(EpisodeKind::kCommunityRehab, home, Ymd(2017, 4, 7), true, 11),
      Past(EpisodeKind::kAftercare, std::string(kShizishanAftercare), Ymd(2017, 4, 8),
           Ymd(2021, 4, 7), true),
  };
  if (Status s = WriteHistory(p, history); !s.ok()) return s;
  const EventSite township = SiteFor(p, home, true);
  if (Status s = AddContact(township, ContactKind::kOfficeVisit, LocalTime(Ymd(2021, 6, 26), 600),
                            "获评黄石市首届优秀禁毒社工，在工作站分享戒毒经历");
      !s.ok()) {
    return s;
  }
  // A yearly hair test since community rehabilitation ended: still abstinent.
  for (int year = 2021; year <= today_.year(); ++year) {
    if (Status s = AddTest(township, Sample::kHair, TestResult::kNegative,
                           LocalTime(Ymd(year, 9, 15), 9 * 60 + 30));
        !s.ok()) {
      return s;
    }
  }
  return Status::Ok();
}

// 刘嘉: well-off, a stable job, 麻果 through friends; arrested in September 2023 and still in
// Shizishan (the start moves later when 2023 would put the two-year term behind `now`); the
// brigade's "刺头" at first; in March a gastrointestinal bleed, an emergency external treatment
// and days of officers at his bedside; his grandmother and wife brought a banner.
Status DemoBuilder::BuildLiuJia() {
  const Date start = std::min(std::max(Ymd(2023, 9, 15), today_.AddDays(-700)), today_);
  Person p = PagePerson("刘嘉", Sex::kMale, 1991, kDazhi, "麻果", start);
  if (auto id = InsertPerson(p, true); !id.ok()) return id.status();
  const std::string facility(kShizishan);
  auto episode = OpenEpisode(p, EpisodeKind::kCompulsoryIsolation, facility, start);
  if (!episode.ok()) return episode.status();
  if (Status s = RecordActions(
          p, *episode, OpenPlan(EpisodeKind::kCompulsoryIsolation, facility, start, today_));
      !s.ok()) {
    return s;
  }
  const EventSite site = SiteFor(p, facility);
  if (Status s = AddTest(site, Sample::kUrine, TestResult::kPositive, LocalTime(start, 15 * 60));
      !s.ok()) {
    return s;
  }
  const auto early = std::to_array<std::string_view>(
      {"入所初期焦躁不安，难以融入集体生活；二大队民警个别谈话，引导其接受现实",
       "个别谈话教育：抵触管理，拒绝参加集体活动，继续做思想工作",
       "个别谈话教育：情绪有所缓和，同意参加戒治活动"});
  for (std::size_t i = 0; i < early.size(); ++i) {
    if (Status s = AddContact(site, ContactKind::kCounselling,
                              WorkingHours(start.AddDays(10 + 14 * static_cast<int>(i))),
                              std::string(early[i]));
        !s.ok()) {
      return s;
    }
  }
  Date march = Ymd(start.year(), 3, 8);
  if (march < start.AddDays(45)) march = Ymd(start.year() + 1, 3, 8);
  struct Moment {
    int day;
    int minute;
    ContactKind kind;
    std::string_view note;
  };
  const auto crisis = std::to_array<Moment>({
      {0, 6 * 60 + 40, ContactKind::kCrisisIntervention,
       "突发腹痛、呕吐，所医院诊断为消化道出血，启动紧急外诊预案，送所外医院救治"},
      {3, 15 * 60, ContactKind::kCounselling,
       "外诊住院期间，二大队民警连续数天轮流守护，安慰疏导，稳定思想情绪"},
      {9, 10 * 60, ContactKind::kCounselling,
       "出院回所谈话：精神面貌焕然一新，表示积极参与教育戒治，用实际行动回报民警"},
      {40, 14 * 60, ContactKind::kOfficeVisit,
       "奶奶和妻子来所探访，送来锦旗“法律卫士社会良心、警民携手共筑和谐”"},
  });
  for (const auto& m : crisis) {
    if (Status s = AddContact(site, m.kind, LocalTime(march.AddDays(m.day), m.minute),
                              std::string(m.note));
        !s.ok()) {
      return s;
    }
  }
  for (Date d = march.AddDays(70); d <= today_; d = d.AddDays(UniformInt(rng_, 45, 75))) {
    if (Status s = AddContact(site, ContactKind::kCounselling, WorkingHours(d),
                              "参加教育戒治活动，表现积极，情绪稳定");
        !s.ok()) {
      return s;
    }
  }
  for (Date d = start.AddDays(90); d <= today_; d = d.AddDays(90)) {
    if (Status s = AddTest(site, Sample::kUrine, TestResult::kNegative, WorkingHours(d)); !s.ok()) {
      return s;
    }
  }
  return Status::Ok();
}

// 朱林: over 30 years of heroin, a Wuhan woman; back in the women's facility "at the end of last
// year"; at first she led others into breaking rules, until officer 杨岚's patient talks and the
// facility's programmes ("妈妈读书会", "希望灯塔") turned her round.
Status DemoBuilder::BuildZhuLin() {
  const std::string home = "420106001";  // 武昌区积玉桥街道
  Person p = PagePerson("朱林", Sex::kFemale, 1968, home, kHeroin, Ymd(1995, 9, 3));
  if (auto id = InsertPerson(p, true); !id.ok()) return id.status();
  const std::string facility(kWomensFacility);
  const std::vector<PlannedEpisode> history = {
      // Relapse during community detox ended it with a compulsory isolation.
      Past(EpisodeKind::kCommunityDetox, home, Ymd(2009, 6, 15), Ymd(2011, 10, 20)),
      FullTerm(EpisodeKind::kCompulsoryIsolation, facility, Ymd(2011, 10, 20)),
      FullTerm(EpisodeKind::kCompulsoryIsolation, facility, Ymd(2017, 3, 8)),
  };
  if (Status s = WriteHistory(p, history); !s.ok()) return s;
  const Date start = std::min(Ymd(today_.year() - 1, 12, 18), today_);
  auto episode = OpenEpisode(p, EpisodeKind::kCompulsoryIsolation, facility, start);
  if (!episode.ok()) return episode.status();
  if (Status s = RecordActions(
          p, *episode, OpenPlan(EpisodeKind::kCompulsoryIsolation, facility, start, today_));
      !s.ok()) {
    return s;
  }
  const EventSite site = SiteFor(p, facility);
  if (Status s = AddTest(site, Sample::kUrine, TestResult::kPositive, LocalTime(start, 16 * 60));
      !s.ok()) {
    return s;
  }
  const auto talks = std::to_array<std::string_view>(
      {"入所谈话：态度消极，抵触情绪较大", "带头并唆使其他戒毒人员违反所规，杨岚个别谈话教育",
       "谈话中帮助解决生活困难（联系家属寄送衣物），情绪有所缓和",
       "参加“妈妈读书会”，主动分享读书体会", "参加“希望灯塔”教育项目，表示要告别过去的自己",
       "全身心投入教育戒治，阶段评估良好"});
  Date d = start.AddDays(2);
  for (const auto& note : talks) {
    if (Status s = AddContact(site, ContactKind::kCounselling, WorkingHours(d), std::string(note));
        !s.ok()) {
      return s;
    }
    d = d.AddDays(UniformInt(rng_, 21, 40));
  }
  return Status::Ok();
}

// 严良, 51: relapse after release, again and again (the page's "死循环"); Shizishan's systematic
// desensitisation with biofeedback — cue-induced craving, relaxation training, craving reduction
// — for six months brought his craving clearly down. One counselling contact per session.
Status DemoBuilder::BuildYanLiang() {
  const std::string home = "420105001";  // 汉阳区建桥街道
  const int birth_year = today_.year() - 51;
  Person p = PagePerson("严良", Sex::kMale, birth_year, home, kHeroin, Ymd(2004, 7, 19));
  // Born on or before today's date 51 years ago, so he is 51 now, not 50.
  if (auto id = InsertPerson(p, true, today_.AddYears(-51)); !id.ok()) return id.status();
  const std::string facility(kShizishan);
  const std::vector<PlannedEpisode> history = {
      FullTerm(EpisodeKind::kCommunityDetox, home, Ymd(2016, 3, 10)),
      FullTerm(EpisodeKind::kCompulsoryIsolation, facility, Ymd(2020, 8, 5)),
  };
  if (Status s = WriteHistory(p, history); !s.ok()) return s;
  const Date start = std::min(std::max(today_.AddDays(-420), Ymd(2022, 11, 1)), today_);
  auto episode = OpenEpisode(p, EpisodeKind::kCompulsoryIsolation, facility, start);
  if (!episode.ok()) return episode.status();
  if (Status s = RecordActions(
          p, *episode, OpenPlan(EpisodeKind::kCompulsoryIsolation, facility, start, today_));
      !s.ok()) {
    return s;
  }
  const EventSite site = SiteFor(p, facility);
  if (Status s = AddTest(site, Sample::kUrine, TestResult::kPositive, LocalTime(start, 11 * 60));
      !s.ok()) {
    return s;
  }
  const Date plan_day = start.AddDays(70);  // after physiological detox
  yan_liang_episode_ = *episode;
  yan_liang_plan_day_ = plan_day;
  if (Status s = AddContact(site, ContactKind::kCounselling, WorkingHours(plan_day),
                            "心理矫治中心制定个性化系统脱敏计划（半年），基线渴求评估 VAS 85");
      !s.ok()) {
    return s;
  }
  constexpr int kSessions = 24;  // weekly for six months
  for (int i = 1; i <= kSessions; ++i) {
    const int before = 84 - 2 * i + UniformInt(rng_, -4, 4);
    const int after = before - UniformInt(rng_, 12, 22);
    const int hr_before = 98 - i / 2 + UniformInt(rng_, -3, 3);
    const int hr_after = hr_before - UniformInt(rng_, 8, 16);
    const int sc_before = 112 - 2 * i + UniformInt(rng_, -5, 5);  // skin conductance, 0.1 μS
    const int sc_after = sc_before - UniformInt(rng_, 15, 30);
    const std::string note = Format(
        "系统脱敏第%d次（生物反馈）：诱发渴求→放松训练→降低渴求；渴求 VAS %d→%d，"
        "心率 %d→%d 次/分，皮电 %d.%d→%d.%d μS",
        i, before, after, hr_before, hr_after, sc_before / 10, sc_before % 10, sc_after / 10,
        sc_after % 10);
    yan_liang_sessions_.push_back(
        {plan_day.AddDays(7 * i), before, after, hr_after, sc_after / 10.0});
    if (Status s = AddContact(site, ContactKind::kCounselling,
                              WorkingHours(plan_day.AddDays(7 * i)), note);
        !s.ok()) {
      return s;
    }
  }
  return AddContact(site, ContactKind::kCounselling,
                    WorkingHours(plan_day.AddDays(7 * kSessions + 7)),
                    "半年系统训练结束评估：渴求评估明显下降，对毒品相关刺激的抵抗力提升");
}

// 王峰: heroin since 1994 (business in Kunming); his fourth admission to Shizishan in May 2013;
// since release the facility's aftercare: 100+ calls and WeChat talks, 11 invitations back for
// peer education, 14 home visits, 7 crisis interventions — the page's counts, exactly.
Status DemoBuilder::BuildWangFeng() {
  const std::string home = "420103001";  // 江汉区民族街道
  Person p = PagePerson("王峰", Sex::kMale, 1969, home, kHeroin, Ymd(1997, 6, 10));
  if (auto id = InsertPerson(p, true); !id.ok()) return id.status();
  const std::string facility(kShizishan);
  std::vector<PlannedEpisode> admissions = {
      Past(EpisodeKind::kCompulsoryIsolation, facility, Ymd(1997, 6, 10), Ymd(1998, 12, 10)),
      FullTerm(EpisodeKind::kCompulsoryIsolation, facility, Ymd(2003, 3, 20)),
      FullTerm(EpisodeKind::kCompulsoryIsolation, facility, Ymd(2008, 10, 15)),
      FullTerm(EpisodeKind::kCompulsoryIsolation, facility, Ymd(2013, 5, 16)),
  };
  const Date release = admissions.back().end->AddDays(1);
  const std::string station(kShizishanAftercare);
  admissions.back().aftercare_on = release;
  admissions.back().aftercare_at = station;
  if (Status s = WriteHistory(p, admissions); !s.ok()) return s;
  auto episode = OpenEpisode(p, EpisodeKind::kAftercare, station, release);
  if (!episode.ok()) return episode.status();
  if (Status s =
          RecordActions(p, *episode, OpenPlan(EpisodeKind::kAftercare, station, release, today_));
      !s.ok()) {
    return s;
  }
  const EventSite site = SiteFor(p, station);
  struct Planned {
    Date date;
    ContactKind kind;
  };
  std::vector<Planned> contacts;
  const int span = std::max(1, today_.AddDays(-3) - release.AddDays(3));
  const auto spread = [&](ContactKind kind, int count, int within_days) {
    for (int i = 0; i < count; ++i) {
      contacts.push_back({release.AddDays(3 + UniformInt(rng_, 0, within_days)), kind});
    }
  };
  spread(ContactKind::kPhone, 61, span);
  spread(ContactKind::kWechat, 42, span);
  spread(ContactKind::kPeerEducation, 11, span);
  spread(ContactKind::kHomeVisit, 14, span);
  // "出所回归社会之初": the crises came in the first years after release.
  spread(ContactKind::kCrisisIntervention, 7, std::min(span, 900));
  std::stable_sort(contacts.begin(), contacts.end(),
                   [](const Planned& a, const Planned& b) { return a.date < b.date; });
  int home_visits = 0;
  for (const auto& c : contacts) {
    std::string note(NoteFor(rng_, c.kind, Setting::kAftercare));
    // "如今的王峰…成立了一家戒毒公益服务中心": the latest visits find him at his centre.
    if (c.kind == ContactKind::kHomeVisit && ++home_visits > 11) {
      note = "走访其创办的戒毒公益服务中心，交流帮助戒毒人员回归社会的做法";
    }
    if (Status s = AddContact(site, c.kind, WorkingHours(c.date), std::move(note)); !s.ok()) {
      return s;
    }
  }
  return Status::Ok();
}

// ------------------------------------------------------------------------------------------------
// Synthetic persons.

// Home townships, shuffled: about 2% (at least kMinDazhiPersons) in 大智街道, then one in every
// other township while persons last, then the rest by city weight.
std::vector<std::string> DemoBuilder::AssignHomes(int count) {
  std::vector<std::string> homes;
  if (count <= 0) return homes;
  const auto n = static_cast<std::size_t>(count);
  const int dazhi = std::min(count, std::max(kMinDazhiPersons, (count + 25) / 50));
  homes.assign(static_cast<std::size_t>(dazhi), std::string(kDazhi));
  std::vector<TownshipRef> others;
  for (const auto& t : townships_) {
    if (t.code != kDazhi) others.push_back(t);
  }
  for (const auto& t : others) {
    if (homes.size() >= n) break;
    homes.push_back(t.code);
  }
  while (homes.size() < n) homes.push_back(PickWeighted(rng_, others).code);
  Shuffle(rng_, homes);
  return homes;
}

Status DemoBuilder::BuildSyntheticPersons() {
  int dazhi_seen = 0;
  for (const auto& home : AssignHomes(options_.persons)) {
    Profile profile = PickWeighted(rng_, kProfiles).value;
    // Three in four persons of 大智街道 are in community detox, so its worklist always has items.
    if (home == kDazhi && dazhi_seen++ % 4 != 3) profile = Profile::kInCommunityDetox;
    if (Status s = BuildSyntheticPerson(home, profile); !s.ok()) return s;
  }
  return Status::Ok();
}

Status DemoBuilder::BuildSyntheticPerson(const std::string& home, Profile profile) {
  Person p;
  p.sex = Chance(rng_, kMalePercent) ? Sex::kMale : Sex::kFemale;
  p.birth_year = RandomBirthYear();
  p.alias = RandomName(p.sex);
  p.home_org_code = home;
  p.primary_substance = RandomSubstance(p.birth_year);
  const std::vector<PlannedEpisode> history = PlanHistory(p, profile);
  // Registered 1–15 years ago, but never after the first episode nor before age 14.
  Date registered = today_.AddDays(-UniformInt(rng_, 365, 15 * 365));
  registered = std::min(registered, history.front().start);
  registered = std::max(registered, std::min(Ymd(p.birth_year + 14, 1, 1), history.front().start));
  p.registration_date = registered;
  if (auto id = InsertPerson(p, Chance(rng_, kIdentityPercent)); !id.ok()) return id.status();
  if (Status s = WriteHistory(p, history); !s.ok()) return s;
  return Status::Ok();
}

// Oldest first: the current situation, preceded by up to two earlier closed episodes.
std::vector<PlannedEpisode> DemoBuilder::PlanHistory(const Person& p, Profile profile) {
  std::vector<PlannedEpisode> history = PlanCurrent(p, profile);
  const int room = kMaxEpisodesPerPerson - static_cast<int>(history.size());
  const int priors = std::min(room, PickWeighted(rng_, kPriorEpisodeCounts).value);
  for (int i = 0; i < priors; ++i) {
    auto prior = PlanPrior(p, history.front());
    if (!prior) break;
    history.insert(history.begin(), *prior);
  }
  return history;
}

std::vector<PlannedEpisode> DemoBuilder::PlanCurrent(const Person& p, Profile profile) {
  switch (profile) {
    case Profile::kInCommunityDetox:
      return {OpenCommunity(p, EpisodeKind::kCommunityDetox, RecentStart(30, 900))};
    case Profile::kInIsolation: {
      const Date start = RecentStart(30, 700);
      // The law lets a child under 16 do community detox instead; the demo always does.
      if (start.year() - p.birth_year < 16) {
        return {OpenCommunity(p, EpisodeKind::kCommunityDetox, start)};
      }
      return {OpenPlan(EpisodeKind::kCompulsoryIsolation, FacilityFor(p, start), start, today_)};
    }
    case Profile::kInCommunityRehab: {
      // Ordered on release; the report-in within 15 days.
      const Date report_in = RecentStart(30, 1000);
      const int lag = UniformInt(rng_, 3, 15);
      const Date release = report_in.AddDays(-lag);
      return {ClosedIsolation(p, release),
              OpenCommunity(p, EpisodeKind::kCommunityRehab, release, lag)};
    }
    case Profile::kCompleted: {
      const Date end = today_.AddDays(-UniformInt(rng_, 200, 2500));
      const Date report_in = end.AddDays(1).AddYears(-3);
      const int lag = ReportLag();
      return {FullTerm(EpisodeKind::kCommunityDetox, p.home_org_code, report_in.AddDays(-lag),
                       false, lag)};
    }
    case Profile::kInAftercare: {
      const Date release = today_.AddDays(-UniformInt(rng_, 60, 1100));
      PlannedEpisode isolation = ClosedIsolation(p, release);
      const std::string station = isolation.org_code + "A1";
      const Date start = release.AddDays(UniformInt(rng_, 0, 10));
      const Date last = std::max(start, today_.AddDays(-UniformInt(rng_, 0, 60)));
      return {isolation, OpenPlan(EpisodeKind::kAftercare, station, start, last)};
    }
  }
  return {};
}

// An earlier closed episode before `next`; nullopt when the person would have been under 16 at
// its start. A community detox either ran its term, or — when a compulsory isolation follows —
// was escalated into it on the day of the decision (serious breach, use during the measure).
std::optional<PlannedEpisode> DemoBuilder::PlanPrior(const Person& p, const PlannedEpisode& next) {
  const Date before = next.start;
  if (next.kind == EpisodeKind::kCompulsoryIsolation && Chance(rng_, 30)) {
    const int lag = std::min(UniformInt(rng_, 0, kReportInDays), UniformInt(rng_, 0, 10));
    const Date start = before.AddDays(-UniformInt(rng_, 120, 900) - lag);
    if (start.year() - p.birth_year < 16) return std::nullopt;
    PlannedEpisode escalated = Past(EpisodeKind::kCommunityDetox, p.home_org_code, start, before);
    escalated.report_lag = lag;
    return escalated;
  }
  const Date end = before.AddDays(-UniformInt(rng_, 60, 1800));
  const bool isolation = Chance(rng_, 45);
  if (isolation) {
    const Date start = end.AddDays(1).AddYears(-2);
    if (start.year() - p.birth_year < 16) return std::nullopt;
    return FullTerm(EpisodeKind::kCompulsoryIsolation, FacilityFor(p, start), start);
  }
  const int lag = ReportLag();
  const Date start = end.AddDays(1).AddYears(-3).AddDays(-lag);
  if (start.year() - p.birth_year < 16) return std::nullopt;
  return FullTerm(EpisodeKind::kCommunityDetox, p.home_org_code, start, false, lag);
}

// Two years whose last day is about `last_day`; one in five released early after a good
// assessment in the second year.
PlannedEpisode DemoBuilder::ClosedIsolation(const Person& p, Date last_day) {
  if (Chance(rng_, 20)) {
    const Date start = last_day.AddDays(-UniformInt(rng_, 370, 700));
    return Past(EpisodeKind::kCompulsoryIsolation, FacilityFor(p, start), start, last_day);
  }
  const Date start = last_day.AddDays(1).AddYears(-2);
  return FullTerm(EpisodeKind::kCompulsoryIsolation, FacilityFor(p, start), start);
}

// An open community measure ordered on `start`, reported in `lag` days later (drawn when
// negative), visited up to its last visit.
PlannedEpisode DemoBuilder::OpenCommunity(const Person& p, EpisodeKind kind, Date start, int lag) {
  PlannedEpisode plan;
  plan.kind = kind;
  plan.org_code = p.home_org_code;
  plan.start = start;
  plan.report_lag = std::max(0, std::min(lag < 0 ? ReportLag() : lag, today_ - start));
  plan.events_until = LastVisit(ReportInDate(plan));
  return plan;
}

// The start of a current episode, `min_days`–`max_days` ago and more often recent: admissions
// rose with the province's campaign "since last August" (the page).
Date DemoBuilder::RecentStart(int min_days, int max_days) {
  const int span = max_days - min_days;
  return today_.AddDays(
      -(min_days + std::min(UniformInt(rng_, 0, span), UniformInt(rng_, 0, span))));
}

// The last visit of an open community episode, 0–90 days ago: most persons are up to date, some
// fall due this week, some have lapsed (the worklist's overdue, candidates for 脱管失控).
Date DemoBuilder::LastVisit(Date start) {
  const auto& lag = PickWeighted(rng_, kLastVisitLag).value;
  return std::max(start, today_.AddDays(-UniformInt(rng_, lag.first, lag.second)));
}

// Women go to the women's facility, those under 18 at admission to the juvenile one, men to
// Shizishan or to their own city's facility.
// ------------------------------------------------------------------------------------------------
// Pending admissions (统一调配, issue 4 §2).

// Seats of the province, its cities and the demo's counties: real, rounded to 0.01°.
struct SeatSeed {
  std::string_view code;
  double lat, lon;
};
constexpr auto kSeats = std::to_array<SeatSeed>({
    {"420000", 30.55, 114.34}, {"420100", 30.59, 114.31}, {"420102", 30.60, 114.31},
    {"420103", 30.60, 114.27}, {"420104", 30.58, 114.21}, {"420105", 30.55, 114.22},
    {"420106", 30.55, 114.32}, {"420107", 30.63, 114.39}, {"420111", 30.50, 114.34},
    {"420115", 30.38, 114.32}, {"420200", 30.20, 115.04}, {"420202", 30.22, 115.07},
    {"420203", 30.20, 115.11}, {"420204", 30.17, 114.96}, {"420222", 29.83, 115.21},
    {"420281", 30.10, 114.98}, {"420300", 32.63, 110.80}, {"420302", 32.59, 110.81},
    {"420303", 32.65, 110.77}, {"420381", 32.54, 111.51}, {"420500", 30.69, 111.29},
    {"420502", 30.70, 111.29}, {"420503", 30.64, 111.36}, {"420506", 30.77, 111.33},
    {"420600", 32.01, 112.12}, {"420602", 32.01, 112.13}, {"420606", 32.04, 112.14},
    {"420683", 32.13, 112.77}, {"420700", 30.39, 114.89}, {"420702", 30.10, 114.68},
    {"420703", 30.53, 114.73}, {"420704", 30.40, 114.89}, {"420800", 31.04, 112.20},
    {"420802", 31.05, 112.20}, {"420804", 30.97, 112.21}, {"420881", 31.17, 112.59},
    {"420900", 30.92, 113.92}, {"420902", 30.92, 113.91}, {"420982", 31.26, 113.69},
    {"420984", 30.66, 113.84}, {"421000", 30.33, 112.24}, {"421002", 30.31, 112.26},
    {"421003", 30.35, 112.19}, {"421083", 29.83, 113.47}, {"421100", 30.45, 114.87},
    {"421102", 30.43, 114.88}, {"421181", 31.17, 115.01}, {"421182", 29.84, 115.56},
    {"421200", 29.84, 114.32}, {"421202", 29.85, 114.30}, {"421223", 29.56, 114.04},
    {"421281", 29.72, 113.90}, {"421300", 31.69, 113.38}, {"421303", 31.72, 113.37},
    {"421321", 31.85, 113.30}, {"421381", 31.62, 113.83}, {"422800", 30.27, 109.49},
    {"422801", 30.27, 109.49}, {"422802", 30.29, 108.94}, {"422823", 31.04, 110.34},
});

void DemoBuilder::BuildOrgLocations() {
  store::AllocationRepository repo(sql_);
  for (const auto& seat : kSeats) {
    auto it = orgs_.find(std::string(seat.code));
    if (it != orgs_.end()) repo.PutLocation(it->second.id, seat.lat, seat.lon, now_);
  }
}

// A few hundred people decided into compulsory isolation in the last two weeks and not yet
// admitted: mostly men, some women (one pregnant, one nursing), two children under 16, some
// with medical needs. Then the facilities are set nearly full, as after a crackdown: Wuhan's
// own facility has few beds left, so a proposal sends people out of their region.
Status DemoBuilder::BuildPendingAdmissions() {
  const int count = std::clamp(options_.persons, 40, 300);
  std::vector<TownshipRef> homes;
  for (const auto& t : townships_) {
    if (t.code != kDazhi) homes.push_back(t);
  }
  store::AllocationRepository needs_repo(sql_);
  int women_eligible = 0;
  for (int i = 0; i < count; ++i) {
    Person p;
    p.sex = i % 10 == 3 ? Sex::kFemale : Sex::kMale;
    p.birth_year = today_.year() - UniformInt(rng_, 19, 52);
    if (i == 7) p.birth_year = today_.year() - 15;  // under 16: excluded at the director's option
    if (i == 17) p.birth_year = today_.year() - 14;
    if (i == 27 || i == 37 || i == 57) p.birth_year = today_.year() - 17;  // juvenile facility
    p.alias = RandomName(p.sex);
    p.home_org_code = PickWeighted(rng_, homes).code;
    p.primary_substance = RandomSubstance(p.birth_year);
    const Date decided = today_.AddDays(-UniformInt(rng_, 1, 14));
    p.registration_date = decided.AddDays(-UniformInt(rng_, 30, 2000));
    p.registration_date = std::max(p.registration_date, Ymd(p.birth_year + 13, 1, 1));
    if (auto id = InsertPerson(p, Chance(rng_, kIdentityPercent)); !id.ok()) return id.status();
    track_.open_episode = true;
    const int age = today_.year() - p.birth_year;
    std::string facility = p.sex == Sex::kFemale ? std::string(kWomensFacility)
                           : age < 18            ? std::string(kJuvenileFacility)
                                                 : CityOf(p.home_org_code) + "F01";
    if (!orgs_.count(facility)) facility = std::string(kShizishan);
    auto episode = OpenEpisode(p, EpisodeKind::kCompulsoryIsolation, facility, decided);
    if (!episode.ok()) return episode.status();
    continuum_.SetEpisodeFlags(*episode, CountyOf(p.home_org_code) + "P", false, false);
    store::AdmissionNeeds needs;
    const int roll = UniformInt(rng_, 0, 99);
    needs.medical_needs = roll < 4 ? 2 : roll < 16 ? 1 : 0;
    if (p.sex == Sex::kFemale) {
      if (i == 3) needs.pregnant = true;
      if (i == 13) needs.nursing_infant_under_1 = true;
      if (i == 23) needs.medical_needs = 2;  // beyond the women's facility's infirmary
      if (!needs.pregnant && !needs.nursing_infant_under_1 && needs.medical_needs < 2) {
        ++women_eligible;
      }
    }
    if (needs.medical_needs > 0 || needs.pregnant || needs.nursing_infant_under_1) {
      needs.recorded_by = std::string(kDefaultRecorder);
      needs_repo.PutNeeds(*episode, needs, now_);
    }
  }
  FinishPerson();
  // Free beds after the crackdown, as shares of the pending men (the women's facility is three
  // short); beds = occupied + free, so the capacity view shows the same load.
  struct Load {
    std::string_view code;
    int free_per_100;  // free beds per 100 pending, or -1: three fewer than the eligible women
  };
  constexpr Load kLoads[] = {
      {"420000F01", 22}, {"420000F02", -1}, {"420000F03", 2},  {"420100F01", 6},
      {"420200F01", 10}, {"420500F01", 18}, {"420600F01", 16}, {"421000F01", 12},
      {"420300F01", 5},  {"420700F01", 3},  {"420800F01", 4},  {"420900F01", 6},
      {"421100F01", 8},  {"421200F01", 3},  {"421300F01", 2},  {"422800F01", 4},
  };
  store::FacilityRepository facilities(sql_);
  for (const auto& load : kLoads) {
    auto it = orgs_.find(std::string(load.code));
    if (it == orgs_.end()) continue;
    auto profile = facilities.Find(it->second.id);
    if (!profile) continue;
    const int occupied = facilities.Capacity(it->second.id, today_, today_).occupied;
    const int free =
        load.free_per_100 < 0 ? std::max(1, women_eligible - 3) : count * load.free_per_100 / 100;
    profile->beds = occupied + std::max(1, free);
    facilities.Put(it->second.id, *profile, now_);
  }
  return Status::Ok();
}

std::string DemoBuilder::FacilityFor(const Person& p, Date start) {
  if (p.sex == Sex::kFemale) return std::string(kWomensFacility);
  if (start.year() - p.birth_year < 18) return std::string(kJuvenileFacility);
  std::string city_facility = CityOf(p.home_org_code) + "F01";
  if (orgs_.count(city_facility) > 0 && Chance(rng_, 50)) return city_facility;
  return std::string(kShizishan);
}

}  // namespace

Result<DemoSummary> BuildDemo(store::Database& db, const store::KeyRing& keys,
                              const DemoOptions& options, Timestamp now) {
  if (options.persons < 0 || options.persons > kMaxPersons) {
    return Status::Invalid("persons", "range",
                           "must be between 0 and " + std::to_string(kMaxPersons));
  }
  // Hashed once, before the write transaction: argon2id takes most of a second and 64 MiB, and
  // every demo user shares the password.
  const std::string hash = store::PasswordHasher::Hash(options.password);
  return InTransaction(db, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<DemoSummary> {
    DemoBuilder builder(tx, keys, options, now, hash);
    return builder.Build();
  });
}

}  // namespace huigui::app
