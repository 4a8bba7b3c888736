#include "app/config.h"

#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>

namespace huigui::app {
namespace {

Status SetInt(const std::string& key, const std::string& value, int& out) {
  try {
    std::size_t pos = 0;
    const int v = std::stoi(value, &pos);
    if (pos != value.size() || v < 0) throw std::invalid_argument(value);
    out = v;
    return Status::Ok();
  } catch (const std::exception&) {
    return Status::Invalid(key, "integer", "must be a non-negative integer");
  }
}

Status Apply(Config& c, const std::string& key, const std::string& value) {
  const std::map<std::string, std::function<Status()>> setters = {
      {"db",
       [&] {
         c.db = value;
         return Status::Ok();
       }},
      {"key_file",
       [&] {
         c.key_file = value;
         return Status::Ok();
       }},
      {"host",
       [&] {
         c.host = value;
         return Status::Ok();
       }},
      {"port", [&] { return SetInt(key, value, c.port); }},
      {"web_root",
       [&] {
         c.web_root = value;
         return Status::Ok();
       }},
      {"io_threads", [&] { return SetInt(key, value, c.io_threads); }},
      {"worker_threads", [&] { return SetInt(key, value, c.worker_threads); }},
      {"session_hours", [&] { return SetInt(key, value, c.session_hours); }},
      {"min_cell",
       [&] {
         Status s = SetInt(key, value, c.min_cell);
         if (s.ok() && (c.min_cell < 2 || c.min_cell > 100))
           return Status::Invalid(key, "range", "must be 2 to 100");
         return s;
       }},
      {"lockout_threshold", [&] { return SetInt(key, value, c.lockout_threshold); }},
      {"lockout_minutes", [&] { return SetInt(key, value, c.lockout_minutes); }},
      {"log_level",
       [&] {
         c.log_level = value;
         return Status::Ok();
       }},
      {"chromium",
       [&] {
         c.chromium = value;
         return Status::Ok();
       }},
  };
  auto it = setters.find(key);
  if (it == setters.end()) return Status::Invalid(key, "known_key", "is not a setting");
  return it->second();
}

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

Status ApplyConfigFile(const std::string& path, Config& config) {
  std::ifstream in(path);
  if (!in) return Status::Invalid("config", "exists", "cannot read " + path);
  std::string line;
  while (std::getline(in, line)) {
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos)
      return Status::Invalid("config", "format", "expected key = value: " + line);
    Status s = Apply(config, Trim(line.substr(0, eq)), Trim(line.substr(eq + 1)));
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status ApplyEnvironment(Config& config) {
  const std::map<std::string, std::string> vars = {
      {"HUIGUI_DB", "db"},
      {"HUIGUI_KEY_FILE", "key_file"},
      {"HUIGUI_HOST", "host"},
      {"HUIGUI_PORT", "port"},
      {"HUIGUI_WEB_ROOT", "web_root"},
      {"HUIGUI_LOG_LEVEL", "log_level"},
      {"HUIGUI_CHROMIUM", "chromium"},
      {"HUIGUI_MIN_CELL", "min_cell"},
  };
  for (const auto& [var, key] : vars) {
    if (const char* v = std::getenv(var.c_str())) {
      Status s = Apply(config, key, v);
      if (!s.ok()) return s;
    }
  }
  return Status::Ok();
}

}  // namespace huigui::app
