#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/problem.h"

namespace huigui::http {
namespace {

std::string ContentType(const std::string& path) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".map", "application/json"},
      {".txt", "text/plain; charset=utf-8"},
  };
  const auto ext = std::filesystem::path(path).extension().string();
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

}  // namespace

std::string PercentDecode(const std::string& text, bool plus_is_space) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

HttpResponse StaticFiles::Serve(const std::string& path) {
  std::string rel = path == "/" ? "/index.html" : path;
  if (rel.find("..") != std::string::npos || rel.find('\0') != std::string::npos) {
    return Problem(Status::NotFound("no such file"), "");
  }
  std::filesystem::path file = std::filesystem::path(root_) / rel.substr(1);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    file = std::filesystem::path(root_) / "index.html";
    rel = "/index.html";
    if (!std::filesystem::is_regular_file(file, ec)) {
      return Problem(Status::NotFound("the web app is not built (run ./scripts/build)"), "");
    }
  }
  HttpResponse r;
  r.content_type = ContentType(file.string());
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(file.string());
    if (it != cache_.end()) {
      r.body = it->second;
    } else {
      std::ifstream in(file, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      r.body = ss.str();
      cache_[file.string()] = r.body;
    }
  }
  // Vite fingerprints everything under assets/; index.html must always be revalidated.
  r.headers.emplace_back("Cache-Control", rel.rfind("/assets/", 0) == 0
                                              ? "public, max-age=31536000, immutable"
                                              : "no-cache");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace huigui::http
