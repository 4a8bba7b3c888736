// Serves the built web app (web/dist) with single-page-app fallback: a GET for a path that is
// not a file answers index.html so client-side routes survive a reload.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "http/http_types.h"

namespace huigui::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}

  // 404 problem when the web app is not built; never serves a path outside the root.
  HttpResponse Serve(const std::string& path);

 private:
  std::string root_;
  std::mutex mutex_;
  std::map<std::string, std::string> cache_;  // GUARDED_BY(mutex_): files are small and fixed
};

// Percent-decodes a path or query component; '+' becomes a space when `plus_is_space`.
std::string PercentDecode(const std::string& text, bool plus_is_space);

}  // namespace huigui::http
