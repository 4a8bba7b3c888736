// Strict reading of JSON request bodies into DTOs: malformed JSON, a non-object body, unknown
// fields, missing required fields and wrong types each become a field-level error, and every
// error of a body is reported at once.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/civil_time.h"
#include "domain/enum_names.h"
#include "domain/status.h"

namespace huigui::http {

// Parses a request body that must be a JSON object.
Result<nlohmann::json> ParseJsonObject(const std::string& body);

class ObjectReader {
 public:
  // `prefix` is prepended to field names in errors ("identity.").
  ObjectReader(const nlohmann::json& object, FieldErrors& errors, std::string prefix = "");

  std::optional<std::string> String(const std::string& key, bool required);
  std::optional<int64_t> Int(const std::string& key, bool required);
  std::optional<bool> Bool(const std::string& key, bool required);
  std::optional<double> Number(const std::string& key, bool required);
  std::optional<Date> DateField(const std::string& key, bool required);
  std::optional<Timestamp> TimestampField(const std::string& key, bool required);
  std::optional<std::vector<std::string>> StringArray(const std::string& key, bool required);
  // A JSON array (its items unchecked), or nullptr (and an error if required / wrong type).
  const nlohmann::json* Array(const std::string& key, bool required);
  // A nested object, or nullptr (and an error if required / wrong type).
  const nlohmann::json* Object(const std::string& key, bool required);

  template <typename E, std::size_t N>
  std::optional<E> Enum(const std::string& key, const EnumNames<E, N>& names, bool required) {
    auto text = String(key, required);
    if (!text) return std::nullopt;
    auto value = ParseName(names, *text);
    if (!value) errors_.Add(prefix_ + key, "enum", "must be one of: " + AllowedNames(names));
    return value;
  }

  // Reports every key that no accessor asked for as unknown. Call after reading all fields.
  void RejectUnknown();

 private:
  const nlohmann::json* Get(const std::string& key, bool required);

  const nlohmann::json& object_;
  FieldErrors& errors_;
  std::string prefix_;
  std::set<std::string> seen_;
};

// Parses a query-string integer within [min, max]; errors name the parameter.
std::optional<int> QueryInt(const std::map<std::string, std::string>& query, const std::string& key,
                            int fallback, int min, int max, FieldErrors& errors);

}  // namespace huigui::http
