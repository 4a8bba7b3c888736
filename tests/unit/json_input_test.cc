#include "http/json_input.h"

#include <gtest/gtest.h>

#include "domain/contact.h"

namespace huigui::http {
namespace {

bool Has(const FieldErrors& errors, const std::string& field, const std::string& rule) {
  const Status status = errors.ToStatus();  // keep it alive while iterating its errors
  for (const auto& e : status.errors()) {
    if (e.field == field && e.rule == rule) return true;
  }
  return false;
}

TEST(JsonInputTest, RejectsMalformedAndNonObjectBodies) {
  EXPECT_EQ(ParseJsonObject("{").status().errors().at(0).rule, "json");
  EXPECT_EQ(ParseJsonObject("[1]").status().errors().at(0).rule, "object");
  EXPECT_EQ(ParseJsonObject("").status().errors().at(0).rule, "json");
  EXPECT_TRUE(ParseJsonObject("{}").ok());
}

TEST(JsonInputTest, ReportsMissingWrongTypeUnknownAndBadValuesTogether) {
  auto j = *ParseJsonObject(
      R"({"kind": "telegram", "at": "2026-02-30T10:00:00Z", "note": 5, "extra": true})");
  FieldErrors errors;
  ObjectReader r(j, errors);
  r.Enum("kind", kContactKindNames, true);
  r.TimestampField("at", true);
  r.String("note", false);
  r.String("by", true);
  r.RejectUnknown();
  EXPECT_TRUE(Has(errors, "kind", "enum"));
  EXPECT_TRUE(Has(errors, "at", "timestamp"));
  EXPECT_TRUE(Has(errors, "note", "type"));
  EXPECT_TRUE(Has(errors, "by", "required"));
  EXPECT_TRUE(Has(errors, "extra", "unknown"));
}

TEST(JsonInputTest, NestedObjectsPrefixFieldNames) {
  auto j = *ParseJsonObject(R"({"identity": {"name": 1, "nick": "x"}})");
  FieldErrors errors;
  ObjectReader r(j, errors);
  const auto* identity = r.Object("identity", true);
  ASSERT_NE(identity, nullptr);
  ObjectReader inner(*identity, errors, "identity.");
  inner.String("name", true);
  inner.String("id_number", true);
  inner.RejectUnknown();
  EXPECT_TRUE(Has(errors, "identity.name", "type"));
  EXPECT_TRUE(Has(errors, "identity.id_number", "required"));
  EXPECT_TRUE(Has(errors, "identity.nick", "unknown"));
}

TEST(JsonInputTest, IntegersMustBeIntegers) {
  auto j = *ParseJsonObject(R"({"a": 1.5, "b": "2", "c": 3})");
  FieldErrors errors;
  ObjectReader r(j, errors);
  EXPECT_FALSE(r.Int("a", true));
  EXPECT_FALSE(r.Int("b", true));
  EXPECT_EQ(*r.Int("c", true), 3);
  EXPECT_TRUE(Has(errors, "a", "type"));
  EXPECT_TRUE(Has(errors, "b", "type"));
}

TEST(JsonInputTest, QueryIntegersAreRangeChecked) {
  std::map<std::string, std::string> q{{"limit", "500"}, {"offset", "x"}};
  FieldErrors errors;
  EXPECT_FALSE(QueryInt(q, "limit", 50, 1, 200, errors));
  EXPECT_FALSE(QueryInt(q, "offset", 0, 0, 100, errors));
  EXPECT_EQ(*QueryInt(q, "absent", 7, 0, 100, errors), 7);
  EXPECT_TRUE(Has(errors, "limit", "range"));
  EXPECT_TRUE(Has(errors, "offset", "range"));
}

}  // namespace
}  // namespace huigui::http
