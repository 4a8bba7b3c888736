#include "http/json_input.h"

#include <charconv>

namespace huigui::http {

Result<nlohmann::json> ParseJsonObject(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::Invalid("body", "json", "is not well-formed JSON");
  if (!j.is_object()) return Status::Invalid("body", "object", "must be a JSON object");
  return j;
}

ObjectReader::ObjectReader(const nlohmann::json& object, FieldErrors& errors, std::string prefix)
    : object_(object), errors_(errors), prefix_(std::move(prefix)) {}

const nlohmann::json* ObjectReader::Get(const std::string& key, bool required) {
  seen_.insert(key);
  auto it = object_.find(key);
  if (it == object_.end()) {
    if (required) errors_.Add(prefix_ + key, "required", "is required");
    return nullptr;
  }
  if (it->is_null()) {
    // Leave a field out to leave it unset; null is never a value of these fields.
    errors_.Add(prefix_ + key, required ? "required" : "not_null", "must not be null");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> ObjectReader::String(const std::string& key, bool required) {
  const auto* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    errors_.Add(prefix_ + key, "type", "must be a string");
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<int64_t> ObjectReader::Int(const std::string& key, bool required) {
  const auto* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    errors_.Add(prefix_ + key, "type", "must be an integer");
    return std::nullopt;
  }
  return v->get<int64_t>();
}

std::optional<bool> ObjectReader::Bool(const std::string& key, bool required) {
  const auto* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    errors_.Add(prefix_ + key, "type", "must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<double> ObjectReader::Number(const std::string& key, bool required) {
  const auto* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    errors_.Add(prefix_ + key, "type", "must be a number");
    return std::nullopt;
  }
  return v->get<double>();
}

std::optional<Date> ObjectReader::DateField(const std::string& key, bool required) {
  auto text = String(key, required);
  if (!text) return std::nullopt;
  auto d = Date::Parse(*text);
  if (!d) errors_.Add(prefix_ + key, "date", "must be a real date as YYYY-MM-DD");
  return d;
}

std::optional<Timestamp> ObjectReader::TimestampField(const std::string& key, bool required) {
  auto text = String(key, required);
  if (!text) return std::nullopt;
  auto t = Timestamp::Parse(*text);
  if (!t) {
    errors_.Add(prefix_ + key, "timestamp",
                "must be an ISO 8601 timestamp with offset, e.g. 2026-11-29T10:00:00+08:00");
  }
  return t;
}

std::optional<std::vector<std::string>> ObjectReader::StringArray(const std::string& key,
                                                                  bool required) {
  const auto* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    errors_.Add(prefix_ + key, "type", "must be an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : *v) {
    if (!item.is_string()) {
      errors_.Add(prefix_ + key, "type", "must be an array of strings");
      return std::nullopt;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

const nlohmann::json* ObjectReader::Array(const std::string& key, bool required) {
  const auto* v = Get(key, required);
  if (!v) return nullptr;
  if (!v->is_array()) {
    errors_.Add(prefix_ + key, "type", "must be an array");
    return nullptr;
  }
  return v;
}

const nlohmann::json* ObjectReader::Object(const std::string& key, bool required) {
  const auto* v = Get(key, required);
  if (!v) return nullptr;
  if (!v->is_object()) {
    errors_.Add(prefix_ + key, "type", "must be an object");
    return nullptr;
  }
  return v;
}

void ObjectReader::RejectUnknown() {
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (!seen_.count(it.key())) errors_.Add(prefix_ + it.key(), "unknown", "is not a known field");
  }
}

std::optional<int> QueryInt(const std::map<std::string, std::string>& query, const std::string& key,
                            int fallback, int min, int max, FieldErrors& errors) {
  auto it = query.find(key);
  if (it == query.end()) return fallback;
  int v = 0;
  const auto& s = it->second;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v < min || v > max) {
    errors.Add(key, "range",
               "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return v;
}

}  // namespace huigui::http
