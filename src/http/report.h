// The printable indicators report (issue 5 §3): one self-contained HTML document (inline CSS,
// A4 print layout, inline SVG charts, no script and no external asset) built from the answers of
// the indicator services, so it shows exactly what the JSON endpoints show to the same caller —
// scope and analysts' withheld cells included. The PDF is this document printed by headless
// chromium (http/pdf.h). Wording of the definitions: docs/indicators.md.
#pragma once

#include <string>
#include <string_view>

#include "app/activity_service.h"
#include "app/indicator_service.h"
#include "domain/civil_time.h"
#include "domain/enum_names.h"

namespace huigui::http {

enum class ReportLang { kZhCn, kEn };
inline constexpr EnumNames<ReportLang, 2> kReportLangNames{{
    {ReportLang::kZhCn, "zh-CN"},
    {ReportLang::kEn, "en"},
}};

struct ReportInput {
  ReportLang lang = ReportLang::kZhCn;
  Timestamp generated_at;
  std::string generated_by;  // username
  std::string role;          // kRoleNames
  const app::SurvivalIndicator& survival;
  const app::AbstinenceIndicator& abstinence;
  const app::ActivityIndicator& activity;  // org unit name; same org unit and period
};

// The whole document. Every string from the data is HTML-escaped.
std::string RenderIndicatorReport(const ReportInput& in);

// Text with & < > " ' replaced by entities.
std::string HtmlEscape(std::string_view text);

// "indicators-<org>-<from>-<to>.<ext>"
std::string ReportFileName(const app::CohortHeader& cohort, const std::string& ext);

}  // namespace huigui::http
