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

// How many waiting clients one turn of the accept loop takes from the kernel's backlog.
constexpr int kAcceptBurst = 64;

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
        contexts(MakeContexts(WorkerCount(this->options_.workers))),
        threads(contexts.size() == 1 ? LoopThreads(*contexts[0], WorkerCount(this->options_.workers))
                                     : LoopThreads(Pointers(contexts), WorkerCount(this->options_.workers))),
        acceptor(*contexts[0]),
        signals(*contexts[0], SIGINT, SIGTERM) {
    pipeline_.SetServerInfo(options_.info);
    pipeline_.ReportIntegration(access_log_.enabled());
    // A context without connections keeps its thread in the loop until Stop().
    for (auto& ioc : contexts) keep_running.emplace_back(ioc->get_executor());
  }

  // One io_context per CPU this process may use when there are threads left over for
  // standbys (the default: CPUs + 2 workers), each run by a thread of its own
  // (loop_threads.h). With no more workers than CPUs there would be no standby to
  // serve a context whose thread is in a slow request, so then every thread runs one
  // shared context, as `--workers N` always did. No concurrency hint of 1: a context
  // may be run by two threads, and with that hint asio does not wake a thread that
  // waits for work when another leaves the loop with work queued.
  static std::vector<std::unique_ptr<asio::io_context>> MakeContexts(size_t workers) {
    std::vector<std::unique_ptr<asio::io_context>> out;
    const size_t cpus = LoopThreads::AvailableCpus();
    const size_t n = workers > cpus ? cpus : 1;
    for (size_t i = 0; i < n; ++i) out.push_back(std::make_unique<asio::io_context>(2));
    return out;
  }
  static std::vector<asio::io_context*> Pointers(const std::vector<std::unique_ptr<asio::io_context>>& contexts) {
    std::vector<asio::io_context*> out;
    for (const auto& ioc : contexts) out.push_back(ioc.get());
    return out;
  }
  // Commit groups are timed by the loop (storage/store.h), in every workspace's store:
  // the flush goes to the context of the thread whose write opened the group, behind
  // the requests that context has queued, and a context keeps running while its
  // connections wait for it.
  storage::Store::LoopPoster Poster() {
    return [first = contexts[0].get()](std::function<void()> task) {
      asio::io_context* ioc = LoopThreads::CurrentContext();
      asio::post(ioc != nullptr ? *ioc : *first, std::move(task));
    };
  }

  // The context the next connection runs on: each in turn.
  asio::io_context& NextContext() { return *contexts[next_context++ % contexts.size()]; }

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
      // Each connection gets a strand on one of the contexts: its coroutine and the
      // handlers posted to it run one at a time, on that context's thread or on a standby
      // that stands in for it.
      tcp::socket socket = co_await acceptor.async_accept(asio::make_strand(NextContext()),
                                                          asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (stopping_ || ec == asio::error::operation_aborted) co_return;
        if (OutOfResources(ec)) {
          asio::steady_timer backoff(acceptor.get_executor(), kAcceptBackoff);
          co_await backoff.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        }
        continue;
      }
      Spawn(std::move(socket));
      // The rest of the backlog is accepted in the same turn. The acceptor shares its
      // context with connections, so one accept per turn would let 20 clients that connect
      // together wait behind 20 turns of the others' work, and the first ones could time
      // out before the last were accepted.
      for (int i = 1; i < kAcceptBurst && !stopping_; ++i) {
        tcp::socket more(asio::make_strand(NextContext()));
        acceptor.accept(more, ec);  // the acceptor is non-blocking: would_block when none waits
        if (ec) break;              // out of descriptors: the next async_accept backs off
        Spawn(std::move(more));
      }
    }
  }

  void Spawn(tcp::socket socket) {
    auto executor = socket.get_executor();
    asio::co_spawn(executor, ServeConnection(std::move(socket), *this), asio::detached);
  }

  // Where each connection is, for Stop(): idle ones are closed at once.
  void Enter(beast::tcp_stream* s, const std::atomic<State>* state) override {
    std::lock_guard<std::mutex> lock(sessions_mu);
    sessions[s] = state;
  }
  void Leave(beast::tcp_stream* s) override {
    std::lock_guard<std::mutex> lock(sessions_mu);
    sessions.erase(s);
  }

  void Stop() {
    stopping_ = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    for (auto& guard : keep_running) guard.reset();
    // Idle keep-alive connections are closed now; busy ones close after their answer.
    // The cancel runs on the connection's strand, where its coroutine runs, and looks
    // the connection and its state up again there: it may have ended, or begun a
    // request, meanwhile.
    std::lock_guard<std::mutex> lock(sessions_mu);
    for (auto& [s, state] : sessions) {
      if (state->load(std::memory_order_relaxed) != State::kIdle) continue;
      asio::post(s->get_executor(), [this, s = s] {
        std::lock_guard<std::mutex> again(sessions_mu);
        auto it = sessions.find(s);
        beast::error_code ignored;
        if (it != sessions.end() && it->second->load(std::memory_order_relaxed) == State::kIdle) {
          s->socket().cancel(ignored);
        }
      });
    }
  }

  Pipeline pipeline_;
  ServerOptions options_;
  AccessLog access_log_;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  size_t next_context = 0;  // used by Accept() only
  LoopThreads threads;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::mutex sessions_mu;
  // Each connection's state, written by the connection on its strand (ConnectionHost::Enter).
  std::map<beast::tcp_stream*, const std::atomic<State>*> sessions;  // guarded by sessions_mu
  std::atomic<bool> stopping_{false};
};

Server::Server(service::workspaces::Registry& workspaces, ServerOptions options)
    : workspaces_(workspaces), impl_(std::make_unique<Impl>(workspaces, std::move(options))) {
  workspaces_.SetLoopPoster(impl_->Poster());
}

Server::Server(storage::Store& store, service::ServiceState& state, ServerOptions options)
    : owned_workspaces_(std::make_unique<service::workspaces::Registry>(store, state, "memory:")),
      workspaces_(*owned_workspaces_),
      impl_(std::make_unique<Impl>(workspaces_, std::move(options))) {
  workspaces_.SetLoopPoster(impl_->Poster());
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
  if (!ec) acceptor.non_blocking(true, ec);
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
  asio::co_spawn(*impl_->contexts[0], impl_->Accept(), asio::detached);
  std::printf("localnotion listening on http://%s:%d\n", impl_->options_.host.c_str(), port());
  std::fflush(stdout);
  impl_->threads.Run();
}

}  // namespace localnotion::http
