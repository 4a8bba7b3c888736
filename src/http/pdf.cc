#include "http/pdf.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace huigui::http {
namespace {

namespace fs = std::filesystem;

// The private directory, removed with everything in it when the print is over.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/huigui-report-XXXXXX";
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;  // mode 0700
  }
  ~TempDir() {
    if (path_.empty()) return;
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool WriteFile(const std::string& path, const std::string& data) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return ::close(fd) == 0;
}

// The environment chromium gets: ours, with HOME in the private directory so that it writes no
// profile, cache or crash dump anywhere else.
std::vector<std::string> ChildEnvironment(const std::string& home) {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    if (std::strncmp(*e, "HOME=", 5) != 0) env.emplace_back(*e);
  }
  env.push_back("HOME=" + home);
  return env;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

Result<std::string> PrintHtmlToPdf(const std::string& html, const PdfOptions& options) {
  if (options.chromium.empty() || ::access(options.chromium.c_str(), X_OK) != 0) {
    return Status::Unavailable("chromium is not installed at '" + options.chromium +
                               "' (setting chromium / HUIGUI_CHROMIUM): PDF reports need it");
  }
  TempDir dir;
  if (dir.path().empty()) return Status::Unavailable("cannot create a temporary directory");
  const std::string in = dir.path() + "/report.html";
  const std::string out = dir.path() + "/report.pdf";
  const std::string log = dir.path() + "/chromium.log";
  if (!WriteFile(in, html)) return Status::Unavailable("cannot write the report to print");

  // --headless is the new headless mode on chromium 12x; --no-pdf-header-footer is its flag for
  // no date/URL header and footer, --print-to-pdf-no-header the older one (unknown flags are
  // ignored). --no-sandbox: the server may run as root in a container, where the sandbox fails.
  std::vector<std::string> args = {
      options.chromium,         "--headless",
      "--no-sandbox",           "--disable-gpu",
      "--no-pdf-header-footer", "--print-to-pdf-no-header",
      "--no-first-run",         "--no-default-browser-check",
      "--disable-extensions",   "--disable-background-networking",
      "--disable-sync",         "--user-data-dir=" + dir.path() + "/profile",
      "--print-to-pdf=" + out,  "file://" + in};
  std::vector<std::string> env = ChildEnvironment(dir.path());
  std::vector<char*> argv = Pointers(args);
  std::vector<char*> envp = Pointers(env);

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);  // no sockets or database files
  posix_spawnattr_setpgroup(&attr, 0);                    // its own group: killed as one
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  const int spawned =
      ::posix_spawn(&pid, options.chromium.c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (spawned != 0) {
    return Status::Unavailable("cannot start chromium: " + std::string(std::strerror(spawned)));
  }

  // Wait for it without reaping (WNOWAIT), so that its process group id stays ours to kill
  // until every helper process it left behind is gone.
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  bool timed_out = false;
  for (;;) {
    siginfo_t info{};
    const int r = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    if (r == 0 && info.si_pid == pid) break;
    if (r != 0 && errno != EINTR) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    return Status::Unavailable("chromium did not finish printing within " +
                               std::to_string(options.timeout.count()) + " ms");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Status::Unavailable("chromium failed to print the report (" +
                               (WIFEXITED(status)
                                    ? "exit status " + std::to_string(WEXITSTATUS(status))
                                    : "signal " + std::to_string(WTERMSIG(status))) +
                               ")");
  }
  std::ifstream pdf(out, std::ios::binary);
  std::ostringstream bytes;
  bytes << pdf.rdbuf();
  std::string result = bytes.str();
  if (result.rfind("%PDF-", 0) != 0) {
    return Status::Unavailable("chromium wrote no PDF");
  }
  return result;
}

}  // namespace huigui::http
