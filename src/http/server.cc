#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "http/connection.h"
#include "http/loop_threads.h"
#include "http/pipeline.h"

namespace localnotion::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;

namespace {

// How long accepting pauses when the process is out of descriptors (EMFILE, ENFILE) or
// the kernel out of memory for a socket: the listener stays readable meanwhile, so
// accepting again at once would spin a core. Waiting clients stay in the kernel's
// backlog and are served once descriptors are free again.
constexpr auto kAcceptBackoff = std::chrono::milliseconds(50);

bool OutOfResources(const beast::error_code& ec) {
  namespace errc = boost::system::errc;
  return ec == errc::too_many_files_open || ec == errc::too_many_files_open_in_system || ec == errc::no_buffer_space ||
         ec == errc::not_enough_memory;
}

}  // namespace

struct Server::Impl final : ConnectionHost {
  Impl(service::workspaces::Registry& workspaces, ServerOptions options)
      : pipeline_(workspaces, options.admin_token, options.rate_limit),
        options_(std::move(options)),
        access_log_(options_.log_format, options_.log_level),
        // No concurrency hint of 1: with it, asio does not wake a thread that waits
        // for work when another thread leaves the loop with work queued, and a
        // standby that stops serving (loop_threads.h) would leave the loop asleep.
        ioc(static_cast<int>(WorkerCount(this->options_.workers))),
        threads(ioc, WorkerCount(this->options_.workers)),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM) {
    pipeline_.SetServerInfo(options_.info);
    pipeline_.ReportIntegration(access_log_.enabled());
  }

  static size_t WorkerCount(int requested) {
    if (requested > 0) return static_cast<size_t>(requested);
    return LoopThreads::AvailableCpus() + 2;
  }

  Pipeline& pipeline() override { return pipeline_; }
  const ServerOptions& options() const override { return options_; }
  bool stopping() const override { return stopping_; }
  bool logging() const override { return access_log_.enabled(); }
  void Answered(const MatchedRoute& match, const AccessRecord& record) override {
    pipeline_.metrics().Observe(match.route, record.status, record.latency_ms);
    access_log_.Write(record);
  }

  asio::awaitable<void> Accept() {
    while (true) {
      beast::error_code ec;
      // Each connection gets a strand: its coroutine and the handlers posted to it run
      // one at a time, on whichever thread of the pool is free.
      tcp::socket socket =
          co_await acceptor.async_accept(asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (stopping_ || ec == asio::error::operation_aborted) co_return;
        if (OutOfResources(ec)) {
          asio::steady_timer backoff(ioc, kAcceptBackoff);
          co_await backoff.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        }
        continue;
      }
      auto executor = socket.get_executor();
      asio::co_spawn(executor, ServeConnection(std::move(socket), *this), asio::detached);
    }
  }

  // Where each connection is, for Stop(): idle ones are closed at once.
  void SetState(beast::tcp_stream* s, State state) override {
    std::lock_guard<std::mutex> lock(sessions_mu);
    if (state == State::kGone) {
      sessions.erase(s);
    } else {
      sessions[s] = state;
    }
  }

  void Stop() {
    stopping_ = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    // Idle keep-alive connections are closed now; busy ones close after their answer.
    // The cancel runs on the connection's strand, where its coroutine runs, and looks
    // the connection up again there, as it may have ended meanwhile.
    std::lock_guard<std::mutex> lock(sessions_mu);
    for (auto& [s, state] : sessions) {
      if (state != State::kIdle) continue;
      asio::post(s->get_executor(), [this, s = s] {
        std::lock_guard<std::mutex> again(sessions_mu);
        auto it = sessions.find(s);
        beast::error_code ignored;
        if (it != sessions.end() && it->second == State::kIdle) s->socket().cancel(ignored);
      });
    }
  }

  Pipeline pipeline_;
  ServerOptions options_;
  AccessLog access_log_;
  asio::io_context ioc;
  LoopThreads threads;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::mutex sessions_mu;
  std::map<beast::tcp_stream*, State> sessions;  // guarded by sessions_mu
  std::atomic<bool> stopping_{false};
};

Server::Server(service::workspaces::Registry& workspaces, ServerOptions options)
    : workspaces_(workspaces), impl_(std::make_unique<Impl>(workspaces, std::move(options))) {
  // Commit groups are timed by this loop (storage/store.h), in every workspace's store.
  workspaces_.SetLoopPoster([ioc = &impl_->ioc](std::function<void()> task) { asio::post(*ioc, std::move(task)); });
}

Server::Server(storage::Store& store, service::ServiceState& state, ServerOptions options)
    : owned_workspaces_(std::make_unique<service::workspaces::Registry>(store, state, "memory:")),
      workspaces_(*owned_workspaces_),
      impl_(std::make_unique<Impl>(workspaces_, std::move(options))) {
  workspaces_.SetLoopPoster([ioc = &impl_->ioc](std::function<void()> task) { asio::post(*ioc, std::move(task)); });
}

Server::~Server() { workspaces_.SetLoopPoster(nullptr); }

Status Server::Listen() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options_.host, ec);
  if (ec) return InternalError("invalid --host " + impl_->options_.host + ": " + ec.message());
  tcp::endpoint endpoint(address, static_cast<unsigned short>(impl_->options_.port));
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return InternalError("cannot listen on " + impl_->options_.host + ":" + std::to_string(impl_->options_.port) +
                         ": " + ec.message());
  return OkStatus();
}

int Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::Run() {
  impl_->signals.async_wait([this](const beast::error_code& ec, int) {
    if (!ec) impl_->Stop();
  });
  asio::co_spawn(impl_->ioc, impl_->Accept(), asio::detached);
  std::printf("localnotion listening on http://%s:%d\n", impl_->options_.host.c_str(), port());
  std::fflush(stdout);
  impl_->threads.Run();
}

}  // namespace localnotion::http
