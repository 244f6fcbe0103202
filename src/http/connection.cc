#include "http/connection.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <memory>

#include "common/uuid.h"
#include "http/beast_request.h"
#include "http/connection_io.h"
#include "http/error_response.h"
#include "http/loop_threads.h"
#include "http/wire_errors.h"

namespace localnotion::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;
using std::chrono::milliseconds;

namespace {

// Notion's limit on a request body: 500 KB
// (https://developers.notion.com/reference/request-limits).
constexpr uint64_t kMaxBodyBytes = 500 * 1024;

// Suspends the calling coroutine until `durable` completes, then resumes it on its own
// executor (for a connection, its strand). No timer and no thread is held meanwhile.
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

bool ExpectsContinue(const bhttp::request_header<>& h) {
  auto it = h.find(bhttp::field::expect);
  return it != h.end() && beast::iequals(it->value(), "100-continue");
}

// The final answer to a request that waits for `100 Continue` and is refused whatever
// its body: a route that does not exist, or a /v1 request without a bearer token.
// (Notion checks the JSON body before the token; a client that waits for 100 Continue
// gets the 401 first, as docs/compat.md records.)
std::optional<Response> RefusalBeforeBody(Pipeline& pipeline, const bhttp::request_header<>& h,
                                          const MatchedRoute& match) {
  Request req;
  req.method = std::string(h.method_string());
  req.target = std::string(h.target());
  if (auto it = h.find(bhttp::field::authorization); it != h.end()) req.authorization = std::string(it->value());
  if (auto it = h.find("notion-version"); it != h.end()) req.notion_version = std::string(it->value());
  if (auto it = h.find(bhttp::field::host); it != h.end()) req.host = std::string(it->value());
  if (match.route == nullptr) return pipeline.Handle(std::move(req), match);
  if (match.group == Auth::kBearerToken && !BearerToken(req.authorization)) {
    return ErrorResponse(MakeError(ErrorCode::kUnauthorized, std::string(kBadAuthorizationHeader)), NewUuid());
  }
  return std::nullopt;
}

}  // namespace

asio::awaitable<void> ServeConnection(tcp::socket raw, ConnectionHost& host) {
  using State = ConnectionHost::State;
  const ServerOptions& options = host.options();
  Pipeline& pipeline = host.pipeline();
  const milliseconds timeout(options.client_timeout_ms);
  const uint64_t upload_limit = static_cast<uint64_t>(options.max_upload_part_bytes) + 1024 * 1024;
  beast::tcp_stream stream(std::move(raw));
  beast::flat_buffer buffer;
  buffer.reserve(kReadBufferBytes);
  beast::error_code ec;
  stream.socket().set_option(tcp::no_delay(true), ec);
  ConnectionTimer timer(stream.socket());
  std::atomic<State> state{State::kIdle};
  host.Enter(&stream, &state);
  struct Leave {
    ConnectionHost* host;
    beast::tcp_stream* stream;
    ~Leave() { host->Leave(stream); }
  } leave{&host, &stream};

  while (!host.stopping()) {
    // The header first, with no body limit yet: the route it names picks the limit.
    bhttp::request_parser<bhttp::empty_body> head;
    head.header_limit(kMaxHeaderBytes);
    head.body_limit(boost::none);
    timer.Arm(timeout);
    ec = co_await ReadHeader(stream, buffer, head);
    if (ec) {
      const bool started = head.got_some() || buffer.size() > 0;
      auto wire = ClassifyReadError(ec, timer.fired(), started, head.get().target().size());
      timer.Disarm();
      if (wire) {
        co_await AnswerAndClose(stream, buffer, timer, WireErrorResponse(*wire), false,
                                *wire != WireError::kRequestTimeout, timeout);
      }
      break;
    }
    const auto& h = head.get();
    const auto header_read = std::chrono::steady_clock::now();
    const bool head_only = h.method() == bhttp::verb::head;
    if (h.target().size() > kMaxTargetBytes) {
      timer.Disarm();
      co_await AnswerAndClose(stream, buffer, timer, WireErrorResponse(WireError::kUriTooLong), head_only, true,
                              timeout);
      break;
    }
    // The route is matched once, here, and handed to the pipeline.
    MatchedRoute match = MatchRoute(h.method_string(), h.target());
    const bool upload = match.route != nullptr && match.route->raw_body;
    const uint64_t limit = upload ? upload_limit : kMaxBodyBytes;
    auto too_large = [&] {
      return upload ? pipeline.UploadTooLarge(options.max_upload_part_bytes) : pipeline.TooLarge();
    };
    const bool expect_continue = ExpectsContinue(h);
    if (auto length = head.content_length(); length && *length > limit) {
      timer.Disarm();
      co_await AnswerAndClose(stream, buffer, timer, too_large(), head_only, true, timeout);
      break;
    }
    if (expect_continue) {
      if (auto refusal = RefusalBeforeBody(pipeline, h, match)) {
        timer.Disarm();
        co_await AnswerAndClose(stream, buffer, timer, std::move(*refusal), head_only, true, timeout);
        break;
      }
      if (h.version() >= 11) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
        co_await bhttp::async_write(stream, go_on, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
      }
    }
    bhttp::request_parser<bhttp::string_body> parser(std::move(head));
    parser.body_limit(limit);  // for a chunked body
    // The body most often came with the header and is in the buffer: it is parsed here.
    // (An async_read that needs no I/O still completes through the loop, a post and a
    // resumption more per request.) What is missing is read as before.
    parser.eager(true);
    ec = {};
    if (!parser.is_done() && buffer.size() > 0) {
      buffer.consume(parser.put(buffer.data(), ec));
      if (ec == bhttp::error::need_more) ec = {};
    }
    if (!ec && !parser.is_done()) {
      co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    }
    const bool timed_out = timer.fired();
    timer.Disarm();
    if (ec == bhttp::error::body_limit) {
      co_await AnswerAndClose(stream, buffer, timer, too_large(), head_only, true, timeout);
      break;
    }
    if (ec) {
      if (auto wire = ClassifyReadError(ec, timed_out, true, parser.get().target().size())) {
        co_await AnswerAndClose(stream, buffer, timer, WireErrorResponse(*wire), false,
                                *wire != WireError::kRequestTimeout, timeout);
      }
      break;
    }

    state.store(State::kBusy, std::memory_order_relaxed);
    auto& msg = parser.get();
    Request req = RequestFromBeast(msg);
    // Answered here, on this thread; when it takes long, a standby thread serves the other
    // connections meanwhile (loop_threads.h). The request moves into the pipeline (its log
    // keeps its header fields and body); the access record below views the method in the
    // message, which keeps its header until the next request.
    Response res = [&] {
      LoopThreads::Busy busy;
      return pipeline.Handle(std::move(req), match);
    }();
    if (res.durable) {
      // A write is answered once the store says it is durable (group commit): the
      // report resumes this coroutine on its strand.
      co_await AwaitDurable(res.durable);
      if (Status s = res.durable->status(); !s.ok()) {
        res = ErrorResponse(InternalError("commit failed: " + s.error().message), res.request_id);
      }
    }
    if (res.events) {
      // An event stream (the live request log) holds the connection until the client
      // leaves; no other request follows it on this connection. It is counted and logged
      // once it ends, with its whole duration as latency.
      AccessRecord record;
      record.status = res.status;
      record.method = msg.method_string();
      record.path = match.path;
      const std::string stream_id = host.logging() ? res.request_id : std::string();
      record.request_id = stream_id;
      co_await ServeEvents(
          stream, std::move(res), msg.version(), [&host] { return host.stopping(); }, timeout);
      record.latency_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - header_read).count();
      host.Answered(match, record);
      break;
    }
    if (res.delay_ms > 0) {
      asio::steady_timer delay(stream.get_executor(), milliseconds(res.delay_ms));
      beast::error_code delay_ec;
      co_await delay.async_wait(asio::redirect_error(asio::use_awaitable, delay_ec));
    }
    const bool keep_alive = msg.keep_alive() && !host.stopping();
    ec = co_await WriteAnswer(stream, timer, res, msg.version(), keep_alive, head_only, timeout);
    // The access record views the answer, which the write left as it was; the ids are
    // given only when the log is on.
    AccessRecord record;
    record.status = res.status;
    record.method = msg.method_string();
    record.path = match.path;
    record.latency_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - header_read).count();
    if (host.logging()) {
      record.integration_id = res.integration_id;
      record.request_id = res.request_id;
    }
    host.Answered(match, record);
    state.store(State::kIdle, std::memory_order_relaxed);
    if (ec || !keep_alive) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream.socket().close(ignored);
}

}  // namespace localnotion::http
