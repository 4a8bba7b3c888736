#include "http/report.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <utility>
#include <vector>

#include "domain/activity.h"
#include "domain/outcomes.h"
#include "domain/treatment.h"

namespace huigui::http {
namespace {

using app::IndicatorGrouping;

// --- the strings, by language -----------------------------------------------------------------
// {name} placeholders are filled by Fill(). Definitions follow docs/indicators.md.

struct Strings {
  const char* title;
  const char* org_unit;
  const char* period;
  const char* period_note;
  const char* as_of;
  const char* grouping;
  const char* generated;
  const char* generated_by;
  const char* groupings[5];  // kIndicatorGroupingNames order
  const char* all;
  const char* no_programme;
  const char* male;
  const char* female;
  const char* programmes[kProgrammeCount];  // kProgrammeNames order
  // abstinence
  const char* abstinence_section;
  const char* group;
  const char* released;
  const char* reached;
  const char* abstinent;
  const char* rate;
  const char* abstinence_rate;
  const char* three_years;
  const char* eligible;
  const char* three_years_abstinent;
  const char* total;
  // survival
  const char* survival_section;
  const char* x_axis;
  const char* y_axis;
  const char* year_tick;  // {n}
  const char* n;
  const char* relapses;
  const char* median;
  const char* year_col;  // {n}
  const char* not_reached;
  const char* at_risk;  // {n}
  const char* logrank;  // {chisq} {df} {p}
  const char* no_logrank;
  const char* band;
  const char* no_releases;
  const char* withheld_groups;  // {n}
  // activity
  const char* activity_section;
  const char* unit;
  const char* unit_total;  // {name}
  const char* own;
  const char* testing;
  const char* loss;
  const char* handovers;
  const char* aftercare_persons;
  const char* aftercare_contacts;
  const char* per_person;
  const char* admissions;
  const char* releases;
  // definitions and notes
  const char* definitions;
  const char* defs[9][2];  // term, definition
  const char* withheld;
  const char* footnote;  // {n}
  const char* none;
};

constexpr Strings kZh = {
    .title = "戒毒成效指标报告",
    .org_unit = "单位",
    .period = "统计期间",
    .period_note = "出所队列按出所日期；工作指标按事件日期",
    .as_of = "随访截至",
    .grouping = "分组",
    .generated = "生成时间",
    .generated_by = "生成人",
    .groupings = {"不分组", "出所场所", "是否参加矫治项目", "性别", "出所年份"},
    .all = "全部",
    .no_programme = "未参加",
    .male = "男",
    .female = "女",
    .programmes = {"系统脱敏", "生物反馈", "心理咨询", "教育课程", "康复训练", "中医情志疗法"},
    .abstinence_section = "一、操守保持率与三年未复吸",
    .group = "分组",
    .released = "出所人次",
    .reached = "回访到（分母）",
    .abstinent = "保持操守（分子）",
    .rate = "比率",
    .abstinence_rate = "操守保持率",
    .three_years = "三年未复吸",
    .eligible = "出所满三年（分母）",
    .three_years_abstinent = "三年未复吸（分子）",
    .total = "合计",
    .survival_section = "二、出所后保持操守（Kaplan–Meier 生存曲线）",
    .x_axis = "出所后天数（年）",
    .y_axis = "保持操守比例",
    .year_tick = "{n} 年",
    .n = "出所人次",
    .relapses = "复吸",
    .median = "中位复吸时间（天，95% CI）",
    .year_col = "{n} 年",
    .not_reached = "随访未及",
    .at_risk = "在险 {n}",
    .logrank = "Log-rank 检验：χ² = {chisq}，自由度 {df}，P = {p}",
    .no_logrank = "Log-rank 检验：少于两组，无法检验",
    .band = "阴影为 95% 置信带",
    .no_releases = "该单位该期间无出所记录",
    .withheld_groups = "{n} 个分组不予显示*",
    .activity_section = "三、工作指标（本单位及下级单位）",
    .unit = "单位",
    .unit_total = "{name}（合计）",
    .own = "本级",
    .testing = "检测率",
    .loss = "脱管率",
    .handovers = "衔接及时率",
    .aftercare_persons = "后续照管人数",
    .aftercare_contacts = "联系次数",
    .per_person = "人均",
    .admissions = "收治",
    .releases = "解除",
    .definitions = "指标定义",
    .defs =
        {
            {"出所队列",
             "期间内解除强制隔离戒毒（期满或提前解除）、户籍地或出所场所在本单位辖区内的人员；"
             "每次出所为一个观察。"},
            {"操守保持率",
             "分母：出所后至少一次回访到本人（结果为保持操守或复吸）的出所人次；"
             "分子：其中最近一次回访为保持操守者。"},
            {"三年未复吸",
             "分母：出所满 1095 天的出所人次；分子：其中出所后无任何吸毒证据、且出所 1095 "
             "天后仍有操守证据者。"},
            {"保持操守（Kaplan–Meier）",
             "起点为出所日；事件为出所后首次吸毒证据（复吸记录或尿检阳性）；无复吸者在最后一次"
             "显示操守的回访或阴性检测时删失，无任何记录者在第 0 天删失。置信区间为 Greenwood "
             "标准误、对数尺度 95%（同 R survival 默认）；各组比较用 log-rank 检验。"},
            {"检测率",
             "期内处于社区戒毒、社区康复的人员中，期内接受检测（阴性或阳性）者所占比例。"},
            {"脱管率", "同一分母中，期内发生脱管预警者所占比例。"},
            {"衔接及时率", "期内报到期限届满的衔接中，按期报到的比例。"},
            {"后续照管", "后续照管站期内联系的人数、次数及人均次数。"},
            {"收治、解除", "期内本辖区场所强制隔离戒毒的收治与解除次数。"},
        },
    .withheld = "不显示",
    .footnote = "* 分析人员仅见汇总数据：少于 {n} 人的单元格及可推算出它的单元格不予显示。",
    .none = "—",
};

constexpr Strings kEn = {
    .title = "Outcome indicators report",
    .org_unit = "Org unit",
    .period = "Period",
    .period_note = "release cohort by release date; activity by event date",
    .as_of = "Followed up to",
    .grouping = "Grouping",
    .generated = "Generated",
    .generated_by = "Generated by",
    .groupings = {"No grouping", "Releasing facility", "Took part in a programme", "Sex",
                  "Release year"},
    .all = "All",
    .no_programme = "Did not take part",
    .male = "Male",
    .female = "Female",
    .programmes = {"Systematic desensitisation", "Biofeedback", "Psychological counselling",
                   "Education course", "Rehabilitation training", "TCM emotion therapy"},
    .abstinence_section = "1. Abstinence maintenance rate and three years abstinent",
    .group = "Group",
    .released = "Releases",
    .reached = "Reached (denominator)",
    .abstinent = "Abstinent (numerator)",
    .rate = "Rate",
    .abstinence_rate = "Abstinence maintenance rate",
    .three_years = "Three years abstinent without relapse",
    .eligible = "Released 3+ years (denominator)",
    .three_years_abstinent = "Abstinent 3 years (numerator)",
    .total = "Total",
    .survival_section = "2. Staying abstinent after release (Kaplan–Meier)",
    .x_axis = "Days since release (years)",
    .y_axis = "Share abstinent",
    .year_tick = "{n} yr",
    .n = "Releases",
    .relapses = "Relapses",
    .median = "Median days to relapse (95% CI)",
    .year_col = "{n} yr",
    .not_reached = "not reached by follow-up",
    .at_risk = "{n} at risk",
    .logrank = "Log-rank test: χ² = {chisq}, df {df}, p = {p}",
    .no_logrank = "Log-rank test: fewer than two groups, no test",
    .band = "shaded: 95% confidence band",
    .no_releases = "No releases for this unit and period",
    .withheld_groups = "{n} group(s) withheld*",
    .activity_section = "3. Activity of the unit and its children",
    .unit = "Unit",
    .unit_total = "{name} (total)",
    .own = "own records",
    .testing = "Testing rate",
    .loss = "Loss of supervision",
    .handovers = "Handovers on time",
    .aftercare_persons = "Aftercare persons",
    .aftercare_contacts = "Contacts",
    .per_person = "Per person",
    .admissions = "Admitted",
    .releases = "Released",
    .definitions = "Definitions",
    .defs =
        {
            {"Release cohort",
             "releases from compulsory isolation (at term or early) in the period of persons "
             "whose home unit or releasing facility is in the unit's subtree; each release is "
             "one observation."},
            {"Abstinence maintenance rate",
             "denominator: releases with at least one follow-up that reached the person "
             "(abstinent or relapsed); numerator: those whose latest such follow-up found "
             "abstinence."},
            {"Three years abstinent without relapse",
             "denominator: releases at least 1,095 days ago; numerator: those with no evidence "
             "of use since release and evidence of abstinence 1,095 days or more after it."},
            {"Staying abstinent (Kaplan–Meier)",
             "origin: the release date; event: the first evidence of use after release (a "
             "relapse record or a positive test); without it, censored at the last follow-up or "
             "negative test showing abstinence, with no record at all at day 0. Greenwood "
             "standard error, 95% interval on the log scale (R survival default); groups "
             "compared by the log-rank test."},
            {"Testing rate",
             "of the persons under community detox or rehabilitation in the period, those "
             "tested (negative or positive) in the period."},
            {"Loss of supervision",
             "of the same persons, those with a lost-contact alert in the period."},
            {"Handovers on time",
             "handovers whose report-in fell due in the period that were reported in on time."},
            {"Aftercare",
             "persons reached, contacts and contacts per person by aftercare "
             "stations in the period."},
            {"Admitted, released",
             "admissions to and releases from compulsory isolation by facilities in the "
             "subtree in the period."},
        },
    .withheld = "withheld",
    .footnote =
        "* Analysts see aggregates only: cells of fewer than {n} persons, and cells "
        "that would reveal them, are withheld.",
    .none = "—",
};

const Strings& StringsFor(ReportLang lang) { return lang == ReportLang::kEn ? kEn : kZh; }

std::string Fill(std::string text,
                 std::initializer_list<std::pair<const char*, std::string>> args) {
  for (const auto& [key, value] : args) {
    const std::string token = std::string("{") + key + "}";
    for (auto at = text.find(token); at != std::string::npos;
         at = text.find(token, at + value.size())) {
      text.replace(at, token.size(), value);
    }
  }
  return text;
}

std::string Format(const char* fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

// --- cells ------------------------------------------------------------------------------------

std::string WithheldMark(const Strings& s) {
  return std::string("<span class=\"withheld\">") + s.withheld + "*</span>";
}

std::string CountCell(const Strings& s, const std::optional<int>& v) {
  return "<td class=\"num\">" + (v ? std::to_string(*v) : WithheldMark(s)) + "</td>";
}

std::string Percent(const std::optional<double>& v, const Strings& s) {
  return v ? Format("%.1f%%", *v * 100) : std::string(s.none);
}

// "85.7%" when numerator and denominator are shown, the withheld mark when either is not.
std::string RateCell(const Strings& s, const std::optional<int>& num, const std::optional<int>& den,
                     const std::optional<double>& rate) {
  if (!num || !den) return "<td class=\"num\">" + WithheldMark(s) + "</td>";
  return "<td class=\"num\">" + Percent(rate, s) + "</td>";
}

// "85.7% (12/14)" for the activity table.
std::string RatioCell(const Strings& s, const std::optional<int>& num,
                      const std::optional<int>& den) {
  if (!num || !den) return "<td class=\"num\">" + WithheldMark(s) + "</td>";
  const Rate r = MakeRate(*num, *den);
  return "<td class=\"num\">" + Percent(r.rate, s) + " <span class=\"muted\">(" +
         std::to_string(*num) + "/" + std::to_string(*den) + ")</span></td>";
}

std::string Days(double v) {
  return v == std::floor(v) ? std::to_string(static_cast<int64_t>(v)) : Format("%.1f", v);
}

std::string GroupLabel(const Strings& s, IndicatorGrouping by, const std::string& name,
                       const std::string& label) {
  switch (by) {
    case IndicatorGrouping::kNone:
      return s.all;
    case IndicatorGrouping::kSex:
      if (name == "male") return s.male;
      if (name == "female") return s.female;
      return name;
    case IndicatorGrouping::kProgramme:
      if (name == "none") return s.no_programme;
      if (auto p = ParseName(kProgrammeNames, name)) return s.programmes[static_cast<int>(*p)];
      return name;
    case IndicatorGrouping::kFacility:
    case IndicatorGrouping::kReleaseYear:
      break;
  }
  return label.empty() ? name : label;
}

// "2026-11-29 17:05 (UTC+8)"
std::string LocalTime(Timestamp t) {
  const int64_t local = t.unix_seconds() + 8 * 3600;
  const int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  const int64_t sec = local - day * 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, " %02d:%02d (UTC+8)", static_cast<int>(sec / 3600),
                static_cast<int>(sec % 3600 / 60));
  return Date::FromDays(static_cast<int32_t>(day)).ToString() + buf;
}

// --- the survival chart -----------------------------------------------------------------------

constexpr const char* kColours[] = {"#1f4e8c", "#c0392b", "#2e9d5b", "#8e44ad",
                                    "#d68910", "#16a085", "#7f8c8d"};

struct Plot {
  double left = 60, top = 12, width = 600, height = 260;
  double xmax = 365;
  double X(double t) const { return left + t / xmax * width; }
  double Y(double s) const { return top + (1 - s) * height; }
};

std::string Pt(double x, double y) { return Format("%.1f", x) + "," + Format("%.1f", y); }

// Where a group's curve is drawn to: its last relapse or the last horizon follow-up reached.
int CurveEnd(const GroupSurvival& g) {
  int end = g.curve.empty() ? 0 : g.curve.back().t;
  for (const auto& h : g.horizons) {
    if (h.reported) end = std::max(end, h.t);
  }
  return end;
}

std::string SurvivalSvg(const Strings& s, IndicatorGrouping by,
                        const std::vector<const app::SurvivalGroupView*>& shown) {
  Plot p;
  int end = 365;
  for (const auto* g : shown) end = std::max(end, CurveEnd(g->survival));
  const int years = (end + 364) / 365;
  p.xmax = years * 365.0;
  const int step = years <= 8 ? 1 : (years + 7) / 8;
  const double legend_top = p.top + p.height + 46;
  const double total_height = legend_top + 18.0 * static_cast<double>(shown.size()) + 4;
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 680 " +
                    Format("%.0f", total_height) + "\" role=\"img\" aria-label=\"" +
                    HtmlEscape(s.survival_section) + "\" font-size=\"11\">";
  // Grid and y axis: 0% to 100% by 20%.
  for (int i = 0; i <= 5; ++i) {
    const double y = p.Y(i / 5.0);
    out += "<line x1=\"" + Format("%.1f", p.left) + "\" x2=\"" + Format("%.1f", p.left + p.width) +
           "\" y1=\"" + Format("%.1f", y) + "\" y2=\"" + Format("%.1f", y) + "\" stroke=\"#ddd\"/>";
    out += "<text x=\"" + Format("%.1f", p.left - 6) + "\" y=\"" + Format("%.1f", y + 4) +
           "\" text-anchor=\"end\">" + std::to_string(i * 20) + "%</text>";
  }
  // x axis: days, a tick per year (or every few years).
  for (int k = 0; k <= years; k += step) {
    const double x = p.X(k * 365.0);
    const double y0 = p.top + p.height;
    out += "<line x1=\"" + Format("%.1f", x) + "\" x2=\"" + Format("%.1f", x) + "\" y1=\"" +
           Format("%.1f", y0) + "\" y2=\"" + Format("%.1f", y0 + 4) + "\" stroke=\"#555\"/>";
    out += "<text x=\"" + Format("%.1f", x) + "\" y=\"" + Format("%.1f", y0 + 16) +
           "\" text-anchor=\"middle\">" + std::to_string(k * 365) + "</text>";
    if (k > 0) {
      out += "<text x=\"" + Format("%.1f", x) + "\" y=\"" + Format("%.1f", y0 + 28) +
             "\" text-anchor=\"middle\" fill=\"#666\">" +
             HtmlEscape(Fill(s.year_tick, {{"n", std::to_string(k)}})) + "</text>";
    }
  }
  out += "<line x1=\"" + Format("%.1f", p.left) + "\" x2=\"" + Format("%.1f", p.left + p.width) +
         "\" y1=\"" + Format("%.1f", p.top + p.height) + "\" y2=\"" +
         Format("%.1f", p.top + p.height) + "\" stroke=\"#555\"/>";
  out += "<line x1=\"" + Format("%.1f", p.left) + "\" x2=\"" + Format("%.1f", p.left) + "\" y1=\"" +
         Format("%.1f", p.top) + "\" y2=\"" + Format("%.1f", p.top + p.height) +
         "\" stroke=\"#555\"/>";
  out += "<text x=\"" + Format("%.1f", p.left + p.width / 2) + "\" y=\"" +
         Format("%.1f", p.top + p.height + 42) + "\" text-anchor=\"middle\">" +
         HtmlEscape(s.x_axis) + "</text>";
  out += "<text transform=\"translate(14," + Format("%.1f", p.top + p.height / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + HtmlEscape(s.y_axis) + "</text>";

  for (std::size_t i = 0; i < shown.size(); ++i) {
    const GroupSurvival& g = shown[i]->survival;
    const char* colour = kColours[i % std::size(kColours)];
    const double stop = CurveEnd(g);
    // The 95% band: the upper step line forward, the lower one back, as far as limits exist.
    std::vector<std::pair<double, double>> upper{{0, 1}}, lower{{0, 1}};
    double prev_u = 1, prev_l = 1, band_end = stop;
    for (const auto& pt : g.curve) {
      if (!pt.lower || !pt.upper) {
        band_end = pt.t;  // surv 0: no limits from here (docs/indicators.md)
        break;
      }
      upper.emplace_back(pt.t, prev_u);
      upper.emplace_back(pt.t, *pt.upper);
      lower.emplace_back(pt.t, prev_l);
      lower.emplace_back(pt.t, *pt.lower);
      prev_u = *pt.upper;
      prev_l = *pt.lower;
    }
    upper.emplace_back(band_end, prev_u);
    lower.emplace_back(band_end, prev_l);
    std::string band;
    for (const auto& [t, v] : upper) band += Pt(p.X(t), p.Y(v)) + " ";
    for (auto it = lower.rbegin(); it != lower.rend(); ++it) {
      band += Pt(p.X(it->first), p.Y(it->second)) + " ";
    }
    band.pop_back();
    out += std::string("<polygon class=\"band\" points=\"") + band + "\" fill=\"" + colour +
           "\" fill-opacity=\"0.15\" stroke=\"none\"/>";
    // The estimate: a step line from (0, 1).
    std::string path = "M" + Pt(p.X(0), p.Y(1));
    double prev = 1;
    for (const auto& pt : g.curve) {
      path += " L" + Pt(p.X(pt.t), p.Y(prev)) + " L" + Pt(p.X(pt.t), p.Y(pt.surv));
      prev = pt.surv;
    }
    path += " L" + Pt(p.X(stop), p.Y(prev));
    out += std::string("<path class=\"km\" d=\"") + path + "\" fill=\"none\" stroke=\"" + colour +
           "\" stroke-width=\"1.8\"/>";
    // Legend row.
    const double y = legend_top + 18.0 * static_cast<double>(i);
    out += "<line x1=\"" + Format("%.1f", p.left) + "\" x2=\"" + Format("%.1f", p.left + 24) +
           "\" y1=\"" + Format("%.1f", y) + "\" y2=\"" + Format("%.1f", y) + "\" stroke=\"" +
           colour + "\" stroke-width=\"3\"/>";
    out += "<text x=\"" + Format("%.1f", p.left + 30) + "\" y=\"" + Format("%.1f", y + 4) + "\">" +
           HtmlEscape(GroupLabel(s, by, g.name, shown[i]->label)) + " (n=" + std::to_string(g.n) +
           ")</text>";
  }
  out += "</svg>";
  return out;
}

// --- sections ---------------------------------------------------------------------------------

std::string AbstinenceRowHtml(const Strings& s, const app::AbstinenceRow& r,
                              const std::string& label, bool total) {
  std::string out = total ? "<tr class=\"total\">" : "<tr>";
  out += "<td>" + HtmlEscape(label) + "</td>";
  out += CountCell(s, r.released);
  out += CountCell(s, r.reached);
  out += CountCell(s, r.abstinent);
  out += RateCell(s, r.abstinent, r.reached, r.rate);
  out += CountCell(s, r.three_years_eligible);
  out += CountCell(s, r.three_years_abstinent);
  out += RateCell(s, r.three_years_abstinent, r.three_years_eligible, r.three_years_rate);
  return out + "</tr>";
}

std::string AbstinenceSection(const Strings& s, const app::AbstinenceIndicator& a) {
  const IndicatorGrouping by = a.cohort.group_by;
  std::string out = "<section class=\"abstinence\"><h2>" + HtmlEscape(s.abstinence_section) +
                    "</h2><table><thead><tr><th rowspan=\"2\">" + HtmlEscape(s.group) +
                    "</th><th rowspan=\"2\" class=\"num\">" + HtmlEscape(s.released) +
                    "</th><th colspan=\"3\">" + HtmlEscape(s.abstinence_rate) +
                    "</th><th colspan=\"3\">" + HtmlEscape(s.three_years) + "</th></tr><tr>";
  for (const char* h :
       {s.reached, s.abstinent, s.rate, s.eligible, s.three_years_abstinent, s.rate}) {
    out += "<th class=\"num\">" + HtmlEscape(h) + "</th>";
  }
  out += "</tr></thead><tbody>";
  if (by != IndicatorGrouping::kNone) {
    for (const auto& g : a.groups) {
      out += AbstinenceRowHtml(s, g, GroupLabel(s, by, g.name, g.label), false);
    }
  }
  out += AbstinenceRowHtml(s, a.total, s.total, true);
  return out + "</tbody></table></section>";
}

std::string HorizonCell(const Strings& s, const SurvivalAtHorizon& h) {
  if (!h.reported) return "<td class=\"num muted\">" + HtmlEscape(s.not_reached) + "</td>";
  return "<td class=\"num\">" + Percent(h.surv, s) + " <span class=\"muted\">(" +
         Percent(h.lower, s) + "–" + Percent(h.upper, s) + ")<br>" +
         HtmlEscape(Fill(s.at_risk, {{"n", std::to_string(h.at_risk)}})) + "</span></td>";
}

std::string SurvivalSection(const Strings& s, const app::SurvivalIndicator& sv) {
  const IndicatorGrouping by = sv.cohort.group_by;
  std::string out = "<section class=\"survival\"><h2>" + HtmlEscape(s.survival_section) + "</h2>";
  std::vector<const app::SurvivalGroupView*> shown;
  int withheld = 0;
  for (const auto& g : sv.groups) {
    if (g.suppressed) {
      ++withheld;
    } else {
      shown.push_back(&g);
    }
  }
  if (sv.groups.empty()) {
    return out + "<p class=\"muted\">" + HtmlEscape(s.no_releases) + "</p></section>";
  }
  if (!shown.empty()) {
    out += "<figure>" + SurvivalSvg(s, by, shown) + "<figcaption class=\"muted\">" +
           HtmlEscape(s.band) + "</figcaption></figure>";
  }
  if (withheld > 0) {
    out += "<p class=\"muted\">" +
           HtmlEscape(Fill(s.withheld_groups, {{"n", std::to_string(withheld)}})) + "</p>";
  }
  // The 1/2/3-year table.
  out += "<table class=\"horizons\"><thead><tr><th>" + HtmlEscape(s.group) +
         "</th><th class=\"num\">" + HtmlEscape(s.n) + "</th><th class=\"num\">" +
         HtmlEscape(s.relapses) + "</th>";
  for (int t : kDefaultSurvivalHorizons) {
    out += "<th class=\"num\">" + HtmlEscape(Fill(s.year_col, {{"n", std::to_string(t / 365)}})) +
           "</th>";
  }
  out += "<th class=\"num\">" + HtmlEscape(s.median) + "</th></tr></thead><tbody>";
  for (const auto& v : sv.groups) {
    const GroupSurvival& g = v.survival;
    out += "<tr><td>" + HtmlEscape(GroupLabel(s, by, g.name, v.label)) + "</td>";
    if (v.suppressed) {
      out += "<td class=\"num\">" + WithheldMark(s) + "</td><td class=\"num\">" + WithheldMark(s) +
             "</td>";
      for (std::size_t k = 0; k < std::size(kDefaultSurvivalHorizons); ++k) {
        out += "<td class=\"num\">" + WithheldMark(s) + "</td>";
      }
      out += "<td class=\"num\">" + WithheldMark(s) + "</td></tr>";
      continue;
    }
    out += "<td class=\"num\">" + std::to_string(g.n) + "</td><td class=\"num\">" +
           std::to_string(g.events) + "</td>";
    for (int t : kDefaultSurvivalHorizons) {
      const auto h = std::find_if(g.horizons.begin(), g.horizons.end(),
                                  [t](const SurvivalAtHorizon& x) { return x.t == t; });
      out += h == g.horizons.end() ? "<td class=\"num\">" + std::string(s.none) + "</td>"
                                   : HorizonCell(s, *h);
    }
    std::string median = g.median ? Days(*g.median) : std::string(s.none);
    if (g.median_lower || g.median_upper) {
      median += " <span class=\"muted\">(" +
                (g.median_lower ? Days(*g.median_lower) : std::string(s.none)) + "–" +
                (g.median_upper ? Days(*g.median_upper) : std::string(s.none)) + ")</span>";
    }
    out += "<td class=\"num\">" + median + "</td></tr>";
  }
  out += "</tbody></table>";
  if (sv.logrank) {
    out += "<p class=\"logrank\">" +
           HtmlEscape(Fill(s.logrank, {{"chisq", Format("%.3f", sv.logrank->chisq)},
                                       {"df", std::to_string(sv.logrank->df)},
                                       {"p", Format("%.3g", sv.logrank->p)}})) +
           "</p>";
  } else {
    out += "<p class=\"logrank muted\">" + HtmlEscape(s.no_logrank) + "</p>";
  }
  return out + "</section>";
}

std::string ActivityRowHtml(const Strings& s, const app::ActivityRow& r, const std::string& label,
                            bool total) {
  std::string out = total ? "<tr class=\"total\">" : "<tr>";
  out += "<td>" + HtmlEscape(label) + "</td>";
  out += RatioCell(s, r.tested, r.under_measures);
  out += RatioCell(s, r.lost_contact, r.under_measures);
  out += RatioCell(s, r.handovers_on_time, r.handovers_due);
  out += CountCell(s, r.aftercare_persons);
  out += CountCell(s, r.aftercare_contacts);
  if (r.aftercare_persons && r.aftercare_contacts) {
    out += "<td class=\"num\">" +
           (*r.aftercare_persons > 0
                ? Format("%.1f", static_cast<double>(*r.aftercare_contacts) / *r.aftercare_persons)
                : std::string(s.none)) +
           "</td>";
  } else {
    out += "<td class=\"num\">" + WithheldMark(s) + "</td>";
  }
  out += CountCell(s, r.admissions);
  out += CountCell(s, r.releases);
  return out + "</tr>";
}

std::string ActivitySection(const Strings& s, const app::ActivityIndicator& a) {
  std::string out = "<section class=\"activity\"><h2>" + HtmlEscape(s.activity_section) +
                    "</h2><table><thead><tr><th>" + HtmlEscape(s.unit) + "</th>";
  for (const char* h : {s.testing, s.loss, s.handovers, s.aftercare_persons, s.aftercare_contacts,
                        s.per_person, s.admissions, s.releases}) {
    out += "<th class=\"num\">" + HtmlEscape(h) + "</th>";
  }
  out += "</tr></thead><tbody>";
  out += ActivityRowHtml(s, a.total, Fill(s.unit_total, {{"name", a.name}}), true);
  for (const auto& c : a.children) {
    out += ActivityRowHtml(s, c, c.code.empty() ? std::string(s.own) : c.name, false);
  }
  return out + "</tbody></table></section>";
}

constexpr const char* kStyle = R"(
@page { size: A4; margin: 15mm 14mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif; font-size: 9.5pt; color: #222; margin: 0;
  line-height: 1.4; }
@media screen { body { max-width: 182mm; margin: 10mm auto; } }
h1 { font-size: 16pt; color: #1f4e8c; margin: 0 0 3mm; }
h2 { font-size: 11.5pt; color: #1f4e8c; border-bottom: 0.6pt solid #1f4e8c; margin: 6mm 0 2mm;
  padding-bottom: 1mm; break-after: avoid; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #b8c2d0; padding: 1mm 1.6mm; vertical-align: top; }
th { background: #eef2f8; font-weight: 600; text-align: left; word-break: keep-all; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; background: #f7f9fc; }
table.meta td { border: none; padding: 0.4mm 3mm 0.4mm 0; }
table.meta td:first-child { color: #555; white-space: nowrap; width: 1%; }
.muted { color: #666; }
.withheld { color: #777; font-style: italic; }
figure { margin: 0 0 2mm; break-inside: avoid; }
figcaption { font-size: 8.5pt; }
svg { width: 100%; height: auto; font-family: inherit; }
.logrank { margin: 2mm 0 0; }
dl { margin: 0; }
dt { font-weight: 600; margin-top: 1.5mm; }
dd { margin: 0 0 0 4mm; }
footer { margin-top: 6mm; font-size: 8.5pt; color: #555; border-top: 0.5pt solid #ccc;
  padding-top: 2mm; }
)";

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ReportFileName(const app::CohortHeader& cohort, const std::string& ext) {
  // Org unit codes are digits and letters (the store checks them); keep the name plain anyway.
  std::string org;
  for (char c : cohort.org_unit) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') org += c;
  }
  return "indicators-" + org + "-" + cohort.from.ToString() + "-" + cohort.to.ToString() + "." +
         ext;
}

std::string RenderIndicatorReport(const ReportInput& in) {
  const Strings& s = StringsFor(in.lang);
  const app::CohortHeader& c = in.survival.cohort;
  const std::string lang(NameOf(kReportLangNames, in.lang));
  const std::string unit =
      in.activity.name.empty() ? c.org_unit : in.activity.name + " (" + c.org_unit + ")";
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + lang +
                    "\"><head><meta charset=\"utf-8\"><title>" + HtmlEscape(s.title) + " · " +
                    HtmlEscape(unit) + "</title><style>" + kStyle + "</style></head><body>";
  out += "<header><h1>" + HtmlEscape(s.title) + "</h1><table class=\"meta\"><tbody>";
  const auto meta = [&](const char* key, const std::string& value) {
    out += "<tr><td>" + HtmlEscape(key) + "</td><td>" + HtmlEscape(value) + "</td></tr>";
  };
  meta(s.org_unit, unit);
  meta(s.period, c.from.ToString() + " – " + c.to.ToString() + " (" + s.period_note + ")");
  meta(s.as_of, c.as_of.ToString());
  meta(s.grouping, s.groupings[static_cast<int>(c.group_by)]);
  meta(s.generated, LocalTime(in.generated_at));
  meta(s.generated_by, in.generated_by + (in.role.empty() ? "" : " (" + in.role + ")"));
  out += "</tbody></table></header>";
  out += AbstinenceSection(s, in.abstinence);
  out += SurvivalSection(s, in.survival);
  out += ActivitySection(s, in.activity);
  out += "<section class=\"definitions\"><h2>" + HtmlEscape(s.definitions) + "</h2><dl>";
  for (const auto& d : s.defs) {
    out += "<dt>" + HtmlEscape(d[0]) + "</dt><dd>" + HtmlEscape(d[1]) + "</dd>";
  }
  out += "</dl></section><footer>";
  if (c.aggregates_only || in.activity.aggregates_only) {
    out += "<p class=\"footnote\">" +
           HtmlEscape(Fill(s.footnote, {{"n", std::to_string(SmallCellMinimum())}})) + "</p>";
  }
  out += "<p>Huigui · " + HtmlEscape(LocalTime(in.generated_at)) + "</p></footer></body></html>\n";
  return out;
}

}  // namespace huigui::http
