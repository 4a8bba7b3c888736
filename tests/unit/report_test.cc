// The printable indicators report (http/report.h) and printing it to PDF (http/pdf.h).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "http/pdf.h"
#include "http/problem.h"
#include "http/report.h"

namespace huigui::http {
namespace {

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Two facilities: A with relapses at 100 and 200 days among five releases, B with one relapse
// among four and a censoring at two years.
app::SurvivalIndicator Survival(bool analyst) {
  std::vector<SurvivalObservation> obs = {
      {"420000F01", 100, true},  {"420000F01", 200, true},  {"420000F01", 400, false},
      {"420000F01", 800, false}, {"420000F01", 0, false},   {"420000F02", 50, true},
      {"420000F02", 730, false}, {"420000F02", 300, false}, {"420000F02", 1200, false},
  };
  auto analysis = AnalyseSurvival(obs);
  EXPECT_TRUE(analysis.ok());
  app::SurvivalIndicator out;
  out.cohort = {.org_unit = "420000",
                .from = *Date::Parse("2020-01-01"),
                .to = *Date::Parse("2023-12-31"),
                .as_of = *Date::Parse("2026-11-29"),
                .group_by = app::IndicatorGrouping::kFacility,
                .programme = std::nullopt,
                .aggregates_only = analyst};
  for (auto& g : analysis->groups) {
    app::SurvivalGroupView v;
    v.label = g.name == "420000F01" ? "狮子山<强戒所>" : "女子 \"强戒所\"";
    v.persons = g.n;
    v.survival = g;
    out.groups.push_back(v);
  }
  if (analyst) {  // the second group withheld (as if it counted 1..4 persons)
    out.groups[1].suppressed = true;
    GroupSurvival only_name;
    only_name.name = out.groups[1].survival.name;
    out.groups[1].survival = only_name;
  } else {
    out.logrank = analysis->logrank;
  }
  return out;
}

app::AbstinenceIndicator Abstinence(bool analyst) {
  app::AbstinenceIndicator a;
  a.cohort = Survival(analyst).cohort;
  app::AbstinenceRow one{.name = "420000F01",
                         .label = "狮子山<强戒所>",
                         .suppressed = false,
                         .released = 12,
                         .reached = 10,
                         .abstinent = 7,
                         .rate = 0.7,
                         .three_years_eligible = 6,
                         .three_years_abstinent = 5,
                         .three_years_rate = 5.0 / 6};
  app::AbstinenceRow two = one;
  two.name = "420000F02";
  two.label = "女子 \"强戒所\"";
  if (analyst) {
    two.suppressed = true;
    two.reached = std::nullopt;
    two.abstinent = std::nullopt;
    two.rate = std::nullopt;
  }
  a.groups = {one, two};
  a.total = one;
  a.total.name = "total";
  a.total.released = 24;
  return a;
}

app::ActivityIndicator Activity(bool analyst) {
  app::ActivityIndicator a;
  a.org_unit = "420000";
  a.name = "湖北省 <&>";
  a.from = *Date::Parse("2020-01-01");
  a.to = *Date::Parse("2023-12-31");
  a.aggregates_only = analyst;
  a.total = {.code = "420000",
             .name = "湖北省",
             .under_measures = 40,
             .tested = 30,
             .lost_contact = 2,
             .handovers_due = 8,
             .handovers_on_time = 7,
             .aftercare_persons = 10,
             .aftercare_contacts = 25,
             .aftercare_by_kind = {{"visit", 20}, {"phone", 5}},
             .admissions = 9,
             .releases = 11};
  app::ActivityRow child = a.total;
  child.code = "420100";
  child.name = "武汉市";
  app::ActivityRow own;
  own.code = "";
  own.name = "湖北省";
  if (analyst) {
    own.suppressed = true;
  } else {
    own.under_measures = own.tested = own.lost_contact = 0;
    own.handovers_due = own.handovers_on_time = own.aftercare_persons = 0;
    own.aftercare_contacts = own.admissions = own.releases = 0;
  }
  a.children = {child, own};
  return a;
}

struct Fixture {
  app::SurvivalIndicator survival;
  app::AbstinenceIndicator abstinence;
  app::ActivityIndicator activity;
  explicit Fixture(bool analyst)
      : survival(Survival(analyst)), abstinence(Abstinence(analyst)), activity(Activity(analyst)) {}
  std::string Render(ReportLang lang, std::string who = "director.hubei") const {
    return RenderIndicatorReport({.lang = lang,
                                  .generated_at = Timestamp::FromUnixSeconds(1795968000),
                                  .generated_by = std::move(who),
                                  .role = "director",
                                  .survival = survival,
                                  .abstinence = abstinence,
                                  .activity = activity});
  }
};

TEST(ReportTest, EscapesHtml) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">O'Neil & co</a>"),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;");
  const std::string html = Fixture(false).Render(ReportLang::kZhCn, "<script>alert('x')</script>");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("狮子山<强戒所>"), std::string::npos);
  EXPECT_NE(html.find("狮子山&lt;强戒所&gt;"), std::string::npos);
  EXPECT_NE(html.find("女子 &quot;强戒所&quot;"), std::string::npos);
  EXPECT_NE(html.find("湖北省 &lt;&amp;&gt; (420000)"), std::string::npos);
}

TEST(ReportTest, IsSelfContainedAndPrintable) {
  const std::string html = Fixture(false).Render(ReportLang::kZhCn);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("@page { size: A4;"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));
  EXPECT_EQ(Count(html, "http://"), 1);
}

TEST(ReportTest, DrawsKaplanMeierCurvesWithBandsAndLegend) {
  const std::string html = Fixture(false).Render(ReportLang::kEn);
  EXPECT_EQ(Count(html, "<svg"), 1);
  EXPECT_EQ(Count(html, "<path class=\"km\""), 2);
  EXPECT_EQ(Count(html, "<polygon class=\"band\""), 2);
  // Group A's steps: from (0, 1) down at day 100 (to 3/4: one censored at day 0) and day 200.
  // x axis to 3 years (B's 3-year estimate is reported): 1,095 days over 600 px from x = 60.
  EXPECT_NE(html.find("<path class=\"km\" d=\"M60.0,12.0 L114.8,12.0 L114.8,77.0"),
            std::string::npos);
  EXPECT_NE(html.find(">1095</text>"), std::string::npos);
  EXPECT_NE(html.find(">3 yr</text>"), std::string::npos);
  EXPECT_NE(html.find("狮子山&lt;强戒所&gt; (n=5)</text>"), std::string::npos);
  EXPECT_NE(html.find("Days since release (years)"), std::string::npos);
  EXPECT_NE(html.find("Log-rank test: χ² = "), std::string::npos);
}

TEST(ReportTest, TablesShowNumeratorsDenominatorsAndHorizons) {
  const std::string html = Fixture(false).Render(ReportLang::kEn);
  // Abstinence: 7 of 10 reached, 70.0%; three years 5 of 6, 83.3%.
  EXPECT_NE(html.find("<td class=\"num\">10</td><td class=\"num\">7</td><td "
                      "class=\"num\">70.0%</td><td class=\"num\">6</td><td "
                      "class=\"num\">5</td><td class=\"num\">83.3%</td>"),
            std::string::npos);
  // Activity: testing 30/40.
  EXPECT_NE(html.find("75.0% <span class=\"muted\">(30/40)</span>"), std::string::npos);
  EXPECT_NE(html.find("湖北省 &lt;&amp;&gt; (total)"), std::string::npos);
  EXPECT_NE(html.find("<td>own records</td>"), std::string::npos);
  // Survival at 1 year for A: 0.75 * 2/3 = 50.0%; at 3 years A is not reached (last 800).
  EXPECT_NE(html.find("<td class=\"num\">50.0% <span class=\"muted\">("), std::string::npos);
  EXPECT_NE(html.find("not reached by follow-up"), std::string::npos);
  EXPECT_NE(html.find("Abstinence maintenance rate</dt>"), std::string::npos);
  EXPECT_EQ(html.find("withheld*"), std::string::npos);
  EXPECT_EQ(html.find("class=\"footnote\""), std::string::npos);
}

TEST(ReportTest, AnalystsSeeWithheldCellsWithAFootnote) {
  const std::string zh = Fixture(true).Render(ReportLang::kZhCn);
  EXPECT_NE(zh.find("<span class=\"withheld\">不显示*</span>"), std::string::npos);
  EXPECT_NE(zh.find("class=\"footnote\">* 分析人员仅见汇总数据：少于 5 人"), std::string::npos);
  EXPECT_NE(zh.find("1 个分组不予显示*"), std::string::npos);
  EXPECT_EQ(Count(zh, "<path class=\"km\""), 1);  // the withheld group is not drawn
  EXPECT_NE(zh.find("少于两组，无法检验"), std::string::npos);
  EXPECT_EQ(zh.find("女子 &quot;强戒所&quot; (n="), std::string::npos);
  const std::string en = Fixture(true).Render(ReportLang::kEn);
  EXPECT_NE(en.find("<span class=\"withheld\">withheld*</span>"), std::string::npos);
  EXPECT_NE(en.find("* Analysts see aggregates only"), std::string::npos);
}

TEST(ReportTest, SpeaksBothLanguages) {
  const std::string zh = Fixture(false).Render(ReportLang::kZhCn);
  EXPECT_NE(zh.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(zh.find("<h1>戒毒成效指标报告</h1>"), std::string::npos);
  EXPECT_NE(zh.find("出所后天数（年）"), std::string::npos);
  EXPECT_NE(zh.find("操守保持率</dt>"), std::string::npos);
  EXPECT_NE(zh.find("director.hubei (director)"), std::string::npos);
  EXPECT_NE(zh.find("2026-11-30 00:00 (UTC+8)"), std::string::npos);
  EXPECT_EQ(zh.find("Outcome indicators report"), std::string::npos);
  const std::string en = Fixture(false).Render(ReportLang::kEn);
  EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(en.find("<h1>Outcome indicators report</h1>"), std::string::npos);
  EXPECT_EQ(en.find("戒毒成效指标报告"), std::string::npos);
}

TEST(ReportTest, CurveFallingToZeroAndEmptyCohort) {
  Fixture f(false);
  auto analysis = AnalyseSurvival({{"all", 10, true}, {"all", 20, true}});
  ASSERT_TRUE(analysis.ok());
  f.survival.cohort.group_by = app::IndicatorGrouping::kNone;
  f.survival.groups = {{.label = "all", .persons = 2, .survival = analysis->groups[0]}};
  f.survival.logrank.reset();
  std::string html = f.Render(ReportLang::kEn);
  EXPECT_EQ(Count(html, "<path class=\"km\""), 1);
  EXPECT_NE(html.find("All (n=2)"), std::string::npos);
  f.survival.groups.clear();
  html = f.Render(ReportLang::kEn);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("No releases for this unit and period"), std::string::npos);
}

TEST(ReportTest, FileName) {
  EXPECT_EQ(ReportFileName(Survival(false).cohort, "pdf"),
            "indicators-420000-2020-01-01-2023-12-31.pdf");
}

// --- PDF --------------------------------------------------------------------------------------

class PdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("huigui-pdf-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  // An executable shell script standing in for chromium.
  std::string Script(const std::string& name, const std::string& body) {
    const auto path = dir_ / name;
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    ::chmod(path.c_str(), 0700);
    return path.string();
  }
  std::filesystem::path dir_;
};

TEST_F(PdfTest, UnavailableWithoutChromium) {
  auto r = PrintHtmlToPdf("<p>x</p>", {.chromium = "/nonexistent/chromium"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(r.status().detail().find("chromium is not installed"), std::string::npos);
  EXPECT_EQ(HttpStatusOf(Status::Code::kUnavailable), 503);
}

TEST_F(PdfTest, PrintsWithArgvInAPrivateDirectoryAndCleansUp) {
  // Writes a fake PDF where --print-to-pdf= says, and records its arguments and HOME.
  const std::string fake = Script("fake",
                                  "for a in \"$@\"; do echo \"$a\"; case \"$a\" in\n"
                                  "  --print-to-pdf=*) printf '%%PDF-1.4 fake' > "
                                  "\"${a#--print-to-pdf=}\";;\nesac; done > '" +
                                      (dir_ / "args").string() + "'\necho \"$HOME\" > '" +
                                      (dir_ / "home").string() + "'");
  auto r = PrintHtmlToPdf("<p>x</p>", {.chromium = fake});
  ASSERT_TRUE(r.ok()) << r.status().detail();
  EXPECT_EQ(*r, "%PDF-1.4 fake");
  std::string home, args, line;
  std::getline(std::ifstream(dir_ / "home"), home);
  std::ifstream in(dir_ / "args");
  while (std::getline(in, line)) args += line + "\n";
  EXPECT_NE(home.find("huigui-report-"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(home)) << "temporary directory left behind";
  EXPECT_NE(args.find("--headless\n"), std::string::npos);
  EXPECT_NE(args.find("--no-pdf-header-footer\n"), std::string::npos);
  EXPECT_NE(args.find("file://" + home + "/report.html\n"), std::string::npos);
}

TEST_F(PdfTest, FailureAndTimeoutAreUnavailable) {
  auto failed = PrintHtmlToPdf("<p>x</p>", {.chromium = Script("fail", "exit 3")});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(failed.status().detail().find("exit status 3"), std::string::npos);

  auto nothing = PrintHtmlToPdf("<p>x</p>", {.chromium = Script("nothing", "exit 0")});
  ASSERT_FALSE(nothing.ok());
  EXPECT_NE(nothing.status().detail().find("no PDF"), std::string::npos);

  // A child of the script sleeps too: the whole process group goes.
  const auto start = std::chrono::steady_clock::now();
  auto slow = PrintHtmlToPdf("<p>x</p>", {.chromium = Script("slow", "sleep 30 &\nsleep 30"),
                                          .timeout = std::chrono::milliseconds(300)});
  ASSERT_FALSE(slow.ok());
  EXPECT_NE(slow.status().detail().find("did not finish"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(PdfTest, RealChromiumPrintsTheReport) {
  if (::access("/usr/bin/chromium", X_OK) != 0) GTEST_SKIP() << "no /usr/bin/chromium";
  Fixture f(false);
  auto r = PrintHtmlToPdf(f.Render(ReportLang::kZhCn), {});
  ASSERT_TRUE(r.ok()) << r.status().detail();
  EXPECT_EQ(r->rfind("%PDF-", 0), 0u);
  EXPECT_GT(r->size(), 5000u);
}

}  // namespace
}  // namespace huigui::http
