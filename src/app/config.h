// Settings of a Huigui process, from (in rising precedence) built-in defaults, a config file of
// `key = value` lines, HUIGUI_* environment variables, and command-line flags.
#pragma once

#include <string>

#include "domain/status.h"

namespace huigui::app {

struct Config {
  std::string db = "sqlite:data/huigui.db";  // relative paths resolve against the cwd
  std::string key_file = "data/huigui.key";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web_root = "web/dist";
  int io_threads = 1;      // Beast/Asio event loop threads
  int worker_threads = 0;  // 0: the database pool size
  int session_hours = 12;
  int min_cell = 5;           // analysts: cells of 1..min_cell-1 persons withheld (2..100)
  int lockout_threshold = 5;  // failed logins before lockout
  int lockout_minutes = 15;
  std::size_t body_limit = 64 * 1024;
  std::string log_level = "info";
  std::string chromium = "/usr/bin/chromium";  // prints PDF reports (docs/operations.md)
};

// Applies `key = value` lines of `path` onto `config` (unknown keys are an error naming them).
Status ApplyConfigFile(const std::string& path, Config& config);
// Applies HUIGUI_DB, HUIGUI_KEY_FILE, HUIGUI_HOST, HUIGUI_PORT, HUIGUI_WEB_ROOT, HUIGUI_LOG_LEVEL,
// HUIGUI_CHROMIUM.
Status ApplyEnvironment(Config& config);

}  // namespace huigui::app
