// Boost 1.74's Asio needs <utility> before its headers under -std=c++20.
#include <utility>

#include "http/server.h"

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <thread>
#include <vector>

#include "http/problem.h"

namespace huigui::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kIdleTimeout = std::chrono::seconds(30);

HttpRequest ToRequest(const bhttp::request<bhttp::string_body>& in) {
  HttpRequest out;
  out.method = std::string(in.method_string());
  const std::string target(in.target());
  const auto q = target.find('?');
  out.path = PercentDecode(target.substr(0, q), false);
  if (q != std::string::npos) {
    const std::string query = target.substr(q + 1);
    std::size_t start = 0;
    while (start <= query.size()) {
      auto amp = query.find('&', start);
      if (amp == std::string::npos) amp = query.size();
      const std::string pair = query.substr(start, amp - start);
      if (!pair.empty()) {
        const auto eq = pair.find('=');
        out.query[PercentDecode(pair.substr(0, eq), true)] =
            eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1), true);
      }
      start = amp + 1;
    }
  }
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = in.body();
  return out;
}

bhttp::response<bhttp::string_body> ToBeast(const HttpResponse& in, unsigned version,
                                            bool keep_alive) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(in.status), version};
  res.set(bhttp::field::server, "huigui");
  if (in.status != 204) res.set(bhttp::field::content_type, in.content_type);
  for (const auto& [k, v] : in.headers) res.insert(k, v);
  res.body() = in.body;
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

}  // namespace

class Server::Impl {
 public:
  Impl(const ServerOptions& o, Router& router, StaticFiles& files)
      : options_(o),
        router_(router),
        files_(files),
        ioc_(o.io_threads),
        workers_(static_cast<std::size_t>(o.worker_threads)),
        acceptor_(ioc_) {}

  void Start() {
    const tcp::endpoint endpoint(asio::ip::make_address(options_.host),
                                 static_cast<unsigned short>(options_.port));
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    Accept();
  }

  int port() const { return acceptor_.local_endpoint().port(); }

  void RunUntilSignalled() {
    asio::signal_set signals(ioc_, SIGINT, SIGTERM);
    signals.async_wait([this](const beast::error_code&, int) {
      spdlog::info("shutting down");
      acceptor_.close();
      ioc_.stop();
    });
    std::vector<std::thread> threads;
    for (int i = 1; i < options_.io_threads; ++i) threads.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : threads) t.join();
    workers_.join();
  }

  Router& router() { return router_; }
  StaticFiles& files() { return files_; }
  asio::thread_pool& workers() { return workers_; }
  const ServerOptions& options() const { return options_; }

 private:
  void Accept();

  ServerOptions options_;
  Router& router_;
  StaticFiles& files_;
  asio::io_context ioc_;
  asio::thread_pool workers_;
  tcp::acceptor acceptor_;
};

namespace {

// One connection: read a request, hand it to a worker (or answer inline), write, repeat.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {}

  void Start() { Read(); }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(server_.options().body_limit);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(kIdleTimeout);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      auto res =
          Problem(Status::PayloadTooLarge("the body exceeds " +
                                          std::to_string(server_.options().body_limit) + " bytes"),
                  "");
      return Write(res, 11, false);
    }
    if (ec) return Close();
    auto beast_req = parser_->release();
    const unsigned version = beast_req.version();
    const bool keep_alive = beast_req.keep_alive();
    auto req = std::make_shared<HttpRequest>(ToRequest(beast_req));
    Router& router = server_.router();
    const bool api = req->path.rfind("/api/", 0) == 0 || router.Handles(req->path);
    if (api && router.RunsInline(req->method, req->path)) {
      return Write(router.Dispatch(*req), version, keep_alive);
    }
    asio::post(server_.workers(), [self = shared_from_this(), req, api, version, keep_alive] {
      HttpResponse res = api ? self->server_.router().Dispatch(*req)
                         : (req->method == "GET" || req->method == "HEAD")
                             ? self->server_.files().Serve(req->path)
                             : Problem(Status::NotFound("no such endpoint"), "");
      asio::post(self->stream_.get_executor(), [self, res = std::move(res), version, keep_alive] {
        self->Write(res, version, keep_alive);
      });
    });
  }

  void Write(const HttpResponse& res, unsigned version, bool keep_alive) {
    auto msg =
        std::make_shared<bhttp::response<bhttp::string_body>>(ToBeast(res, version, keep_alive));
    stream_.expires_after(kIdleTimeout);
    bhttp::async_write(stream_, *msg,
                       [self = shared_from_this(), msg](beast::error_code ec, std::size_t) {
                         if (ec || !msg->keep_alive()) return self->Close();
                         self->Read();
                       });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
};

}  // namespace

void Server::Impl::Accept() {
  acceptor_.async_accept(asio::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == asio::error::operation_aborted) return;
      spdlog::warn("accept failed: {}", ec.message());
    } else {
      std::make_shared<Connection>(std::move(socket), *this)->Start();
    }
    Accept();
  });
}

Server::Server(const ServerOptions& options, Router& router, StaticFiles& files)
    : impl_(std::make_unique<Impl>(options, router, files)) {}
Server::~Server() = default;
void Server::Start() { impl_->Start(); }
void Server::RunUntilSignalled() { impl_->RunUntilSignalled(); }
int Server::port() const { return impl_->port(); }

}  // namespace huigui::http
