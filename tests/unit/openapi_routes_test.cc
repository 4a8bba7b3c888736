// Keeps the OpenAPI document true: every route the server registers is documented, and every
// documented operation is served.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "http/openapi.h"
#include "http/routes.h"

namespace huigui::http {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

TEST(OpenApiTest, DocumentIsOpenApi31) {
  auto doc = nlohmann::json::parse(OpenApiDocument());
  EXPECT_EQ(doc.at("openapi").get<std::string>().rfind("3.1", 0), 0u);
  EXPECT_TRUE(doc.at("components").at("schemas").contains("Problem"));
}

TEST(OpenApiTest, EveryRouteIsDocumentedAndEveryOperationServed) {
  auto doc = nlohmann::json::parse(OpenApiDocument());
  std::set<std::pair<std::string, std::string>> routes;
  for (const auto& [method, pattern] : RouteList()) routes.insert({Lower(method), pattern});
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, item] : doc.at("paths").items()) {
    for (const auto& [method, op] : item.items()) documented.insert({method, path});
  }
  for (const auto& r : routes) {
    EXPECT_TRUE(documented.count(r)) << "undocumented route: " << r.first << " " << r.second;
  }
  for (const auto& d : documented) {
    EXPECT_TRUE(routes.count(d)) << "documented but not served: " << d.first << " " << d.second;
  }
}

TEST(OpenApiTest, EveryOperationDocumentsItsErrorsAsProblems) {
  auto doc = nlohmann::json::parse(OpenApiDocument());
  for (const auto& [path, item] : doc.at("paths").items()) {
    for (const auto& [method, op] : item.items()) {
      for (const auto& [code, response] : op.at("responses").items()) {
        if (code[0] != '4') continue;
        EXPECT_TRUE(response.at("content").contains("application/problem+json"))
            << method << " " << path << " " << code;
      }
    }
  }
}

}  // namespace
}  // namespace huigui::http
