#include "http/csv.h"

#include <gtest/gtest.h>

namespace huigui::http {
namespace {

using json = nlohmann::json;

// nlohmann::json keeps an object's keys sorted, so nested columns come in key order.
TEST(CsvTest, FlattensNestedObjectsAndUnionsColumns) {
  const std::string csv = CsvOfRows({
      json{{"name", "江岸区"}, {"testing", {{"numerator", 3}, {"denominator", 4}}}},
      json{{"name", "a, \"b\""}, {"testing", {{"numerator", nullptr}}}, {"extra", true}},
  });
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF"
            "name,testing.denominator,testing.numerator,extra\r\n"
            "江岸区,4,3,\r\n"
            "\"a, \"\"b\"\"\",,,true\r\n");
}

TEST(CsvTest, IdentifyingColumnsComeFirst) {
  EXPECT_EQ(CsvOfRows({json{{"admissions", 2}, {"name", "武汉市"}, {"org_unit", "420100"}}}),
            "\xEF\xBB\xBForg_unit,name,admissions\r\n420100,武汉市,2\r\n");
}

TEST(CsvTest, EmptyTableIsJustTheMark) { EXPECT_EQ(CsvOfRows({}), "\xEF\xBB\xBF\r\n"); }

TEST(CsvTest, ResponseIsADownload) {
  const HttpResponse r = CsvResponse("x", "a.csv");
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].second, "attachment; filename=\"a.csv\"");
}

}  // namespace
}  // namespace huigui::http
