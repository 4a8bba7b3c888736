// The HTTP server: Boost.Beast over Asio. Connections are read and written asynchronously on a
// few I/O threads; handlers that touch the database run on a bounded worker pool, so a slow
// client never holds a worker and a burst never opens more database work than the pool allows.
#pragma once

#include <memory>
#include <string>

#include "http/router.h"
#include "http/static_files.h"

namespace huigui::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())
  int io_threads = 1;
  int worker_threads = 4;
  std::size_t body_limit = 64 * 1024;
};

class Server {
 public:
  Server(const ServerOptions& options, Router& router, StaticFiles& files);
  ~Server();

  // Binds and listens; throws when the port cannot be bound.
  void Start();
  // Serves until SIGINT or SIGTERM, then drains and returns.
  void RunUntilSignalled();
  int port() const;

  class Impl;  // public so the connection type in server.cc can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace huigui::http
