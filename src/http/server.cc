#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <map>
#include <thread>
#include <vector>

#include "http/beast_request.h"
#include "http/error_response.h"
#include "http/loop_threads.h"
#include "http/pipeline.h"
#include "http/routes.h"

namespace localnotion::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;

namespace {

constexpr size_t kReadBufferBytes = 16 * 1024;
// Notion's limit on a request body: 500 KB
// (https://developers.notion.com/reference/request-limits).
constexpr size_t kMaxBodyBytes = 500 * 1024;

}  // namespace

// Suspends the calling coroutine until `durable` completes, then resumes it on its own
// executor (for a session, its strand). No timer and no thread is held meanwhile.
asio::awaitable<void> AwaitDurable(std::shared_ptr<Durability> durable) {
  auto initiate = [durable](auto handler) {
    auto executor = asio::get_associated_executor(handler);
    // std::function needs a copyable callable; the handler is move-only.
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    auto resume = [executor, shared] { asio::post(executor, [shared] { std::move (*shared)(); }); };
    if (!durable->OnComplete(resume)) resume();
  };
  co_await asio::async_initiate<decltype(asio::use_awaitable), void()>(initiate, asio::use_awaitable);
}

struct Server::Impl {
  Impl(storage::Store& store, service::ServiceState& state, ServerOptions options)
      : pipeline(store, state, options.admin_token, options.rate_limit),
        options(std::move(options)),
        // No concurrency hint of 1: with it, asio does not wake a thread that waits
        // for work when another thread leaves the loop with work queued, and a
        // standby that stops serving (loop_threads.h) would leave the loop asleep.
        ioc(static_cast<int>(WorkerCount(this->options.workers))),
        threads(ioc, WorkerCount(this->options.workers)),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM) {}

  static size_t WorkerCount(int requested) {
    if (requested > 0) return static_cast<size_t>(requested);
    return LoopThreads::AvailableCpus() + 2;
  }

  asio::awaitable<void> Session(tcp::socket raw) {
    // A client that trickles its request in (or goes quiet) is cut off after the
    // timeout, so it cannot hold the server; the timer is Beast's, per operation.
    beast::tcp_stream socket(std::move(raw));
    const auto timeout = std::chrono::milliseconds(options.client_timeout_ms);
    beast::flat_buffer buffer;
    buffer.reserve(kReadBufferBytes);
    socket.socket().set_option(tcp::no_delay(true));
    SetState(&socket, State::kIdle);
    struct Leave {
      Impl* self;
      beast::tcp_stream* s;
      ~Leave() { self->SetState(s, State::kGone); }
    } leave{this, &socket};
    beast::error_code ec;
    while (!stopping) {
      bhttp::request_parser<bhttp::string_body> parser;
      // The header first, under the upload limit (Beast checks Content-Length against
      // the limit as soon as the header is complete); then an upload route
      // (Route::raw_body) keeps it and every other route gets 500 KB.
      const uint64_t upload_limit = static_cast<uint64_t>(options.max_upload_part_bytes) + 1024 * 1024;
      parser.body_limit(upload_limit);
      socket.expires_after(timeout);
      bool upload = false;
      MatchedRoute match;
      co_await bhttp::async_read_header(socket, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (!ec || ec == bhttp::error::body_limit) {
        // The request line and fields are parsed even when the limit was exceeded. The
        // route is matched once, here, and handed to the pipeline.
        match = MatchRoute(parser.get().method_string(), parser.get().target());
        upload = match.route != nullptr && match.route->raw_body;
      }
      if (!ec && !upload) {
        if (auto length = parser.content_length(); length && *length > kMaxBodyBytes) {
          ec = bhttp::error::body_limit;
        } else {
          parser.body_limit(kMaxBodyBytes);  // for a chunked body
        }
      }
      if (!ec) co_await bhttp::async_read(socket, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      socket.expires_never();
      if (ec == bhttp::error::body_limit) {
        // Answer, then close: the rest of the body is still on the wire.
        Response res = upload ? pipeline.UploadTooLarge(options.max_upload_part_bytes) : pipeline.TooLarge();
        bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), 11};
        out.set(bhttp::field::content_type, "application/json; charset=utf-8");
        out.set("x-notion-request-id", res.request_id);
        out.keep_alive(false);
        out.body() = std::move(res.body);
        out.prepare_payload();
        co_await bhttp::async_write(socket, out, asio::redirect_error(asio::use_awaitable, ec));
        break;
      }
      if (ec) break;
      SetState(&socket, State::kBusy);
      auto& msg = parser.get();
      Request req = RequestFromBeast(msg);
      // Here, on this thread; when it takes long, a standby thread serves the other
      // connections meanwhile (loop_threads.h).
      Response res = [&] {
        LoopThreads::Busy busy;
        return pipeline.Handle(req, match);
      }();
      auto executor = socket.get_executor();
      if (res.durable) {
        // A write is answered once the store says it is durable (group commit): the
        // report resumes this coroutine on its strand.
        co_await AwaitDurable(res.durable);
        if (Status s = res.durable->status(); !s.ok()) {
          res = ErrorResponse(InternalError("commit failed: " + s.error().message), res.request_id);
        }
      }

      if (res.delay_ms > 0) {
        asio::steady_timer delay(executor, std::chrono::milliseconds(res.delay_ms));
        beast::error_code delay_ec;
        co_await delay.async_wait(asio::redirect_error(asio::use_awaitable, delay_ec));
      }
      bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), msg.version()};
      out.set(bhttp::field::content_type, res.content_type.empty() ? "application/json; charset=utf-8" : res.content_type);
      out.set("x-notion-request-id", res.request_id);
      if (res.retry_after) out.set(bhttp::field::retry_after, std::to_string(*res.retry_after));
      out.keep_alive(msg.keep_alive() && !stopping);
      out.body() = std::move(res.body);
      out.prepare_payload();
      // Writes have no timer: the kernel's buffer takes the answer, and a client that
      // never reads holds only its own connection.
      co_await bhttp::async_write(socket, out, asio::redirect_error(asio::use_awaitable, ec));
      SetState(&socket, State::kIdle);
      if (ec || !out.keep_alive()) break;
    }
    beast::error_code ignored;
    socket.socket().shutdown(tcp::socket::shutdown_send, ignored);
    socket.socket().close(ignored);
  }

  asio::awaitable<void> Accept() {
    while (true) {
      beast::error_code ec;
      // Each connection gets a strand: its coroutine and the handlers posted to it run
      // one at a time, on whichever thread of the pool is free.
      tcp::socket socket =
          co_await acceptor.async_accept(asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        continue;
      }
      auto executor = socket.get_executor();
      asio::co_spawn(executor, Session(std::move(socket)), asio::detached);
    }
  }

  enum class State { kIdle, kBusy, kGone };
  // Where each connection is, for Stop(): idle ones are closed at once.
  void SetState(beast::tcp_stream* s, State state) {
    std::lock_guard<std::mutex> lock(sessions_mu);
    if (state == State::kGone) {
      sessions.erase(s);
    } else {
      sessions[s] = state;
    }
  }

  void Stop() {
    stopping = true;
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

  Pipeline pipeline;
  ServerOptions options;
  asio::io_context ioc;
  LoopThreads threads;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::mutex sessions_mu;
  std::map<beast::tcp_stream*, State> sessions;  // guarded by sessions_mu
  std::atomic<bool> stopping{false};
};

Server::Server(storage::Store& store, service::ServiceState& state, ServerOptions options)
    : store_(store), impl_(std::make_unique<Impl>(store, state, std::move(options))) {
  // Commit groups are timed by this loop (storage/store.h).
  store_.SetLoopPoster([ioc = &impl_->ioc](std::function<void()> task) { asio::post(*ioc, std::move(task)); });
}

Server::~Server() { store_.SetLoopPoster(nullptr); }

Status Server::Listen() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return InternalError("invalid --host " + impl_->options.host + ": " + ec.message());
  tcp::endpoint endpoint(address, static_cast<unsigned short>(impl_->options.port));
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return InternalError("cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) + ": " + ec.message());
  return OkStatus();
}

int Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::Run() {
  impl_->signals.async_wait([this](const beast::error_code& ec, int) {
    if (!ec) impl_->Stop();
  });
  asio::co_spawn(impl_->ioc, impl_->Accept(), asio::detached);
  std::printf("localnotion listening on http://%s:%d\n", impl_->options.host.c_str(), port());
  std::fflush(stdout);
  impl_->threads.Run();
}

}  // namespace localnotion::http
