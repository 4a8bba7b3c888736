// Printing an HTML document to PDF with headless chromium (the indicators report, issue 5 §3).
// The document is written to a private temporary directory (mode 0700) and chromium is started
// directly with an argument vector (posix_spawn, no shell), in its own process group, with its
// profile and HOME inside that directory, stdin from /dev/null and no inherited descriptors
// beyond stdout/stderr (both to a log file there). It is killed with its whole process group
// when it runs past the timeout; the directory is removed in every case. Blocking: call it on a
// worker thread, never on the I/O thread.
#pragma once

#include <chrono>
#include <string>

#include "domain/status.h"

namespace huigui::http {

struct PdfOptions {
  std::string chromium = "/usr/bin/chromium";  // Config::chromium
  std::chrono::milliseconds timeout{30'000};
};

// The PDF's bytes. Unavailable (503) naming the reason when chromium is missing, not executable,
// fails, times out or writes no PDF.
Result<std::string> PrintHtmlToPdf(const std::string& html, const PdfOptions& options);

}  // namespace huigui::http
