#include "http/connection.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <chrono>
#include <memory>

#include "common/uuid.h"
#include "http/beast_request.h"
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

constexpr size_t kReadBufferBytes = 16 * 1024;
// Notion's limit on a request body: 500 KB
// (https://developers.notion.com/reference/request-limits).
constexpr uint64_t kMaxBodyBytes = 500 * 1024;
// After a refusal, what the client still sends is read and dropped, up to this size and
// for at most this long (Refuse).
constexpr uint64_t kMaxDrainBytes = 64 * 1024 * 1024;
constexpr milliseconds kMaxLinger{2000};

// A deadline over a connection's reads. Beast's own (tcp_stream::expires_after) closes
// the socket when it fires, which leaves no way to answer 408; this one cancels the
// pending operation and leaves the socket open. Used on the connection's strand only:
// the socket's executor, on which the timer's handler runs too.
class ReadTimer {
 public:
  explicit ReadTimer(tcp::socket& socket) : socket_(socket), timer_(socket.get_executor()) {}
  ~ReadTimer() { Disarm(); }

  void Arm(milliseconds timeout) {
    Disarm();
    token_ = std::make_shared<bool>(false);
    timer_.expires_after(timeout);
    // A handler already queued when the timer is disarmed (or destroyed) finds its
    // token gone and does nothing.
    timer_.async_wait([weak = std::weak_ptr<bool>(token_), socket = &socket_](const beast::error_code& ec) {
      auto fired = weak.lock();
      if (ec || !fired) return;
      *fired = true;
      beast::error_code ignored;
      socket->cancel(ignored);
    });
  }
  void Disarm() {
    timer_.cancel();
    token_.reset();
  }
  bool fired() const { return token_ && *token_; }

 private:
  tcp::socket& socket_;
  asio::steady_timer timer_;
  std::shared_ptr<bool> token_;
};

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

// Reads the header of the next request into `head`, at most kMaxHeaderBytes of it in
// all, and leaves what follows it in `buffer`. Not Beast's async_read_header: Beast's
// header_limit bounds only the bytes it has not consumed yet, and it consumes the request
// line and each field as they arrive, so a header of many short fields passed any limit
// (and grew without bound until the timeout).
asio::awaitable<beast::error_code> ReadHeader(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                              bhttp::request_parser<bhttp::empty_body>& head) {
  beast::error_code ec;
  size_t consumed = 0;
  while (true) {
    if (buffer.size() > 0) {
      const size_t used = head.put(buffer.data(), ec);
      buffer.consume(used);
      consumed += used;
      if (!ec) co_return consumed > kMaxHeaderBytes ? bhttp::error::header_limit : ec;  // complete
      if (ec != bhttp::error::need_more) co_return ec;
      if (consumed + buffer.size() > kMaxHeaderBytes) co_return bhttp::error::header_limit;
      ec = {};
    }
    const size_t n = co_await stream.async_read_some(buffer.prepare(kReadBufferBytes),
                                                     asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::eof) co_return head.got_some() ? bhttp::error::partial_message : bhttp::error::end_of_stream;
    if (ec) co_return ec;
    buffer.commit(n);
  }
}

// Writes `res` within `timeout`; a HEAD request gets the header alone, with the
// Content-Length of the body it would have had. Beast closes the socket when the
// timeout fires: a client that does not take its answer is let go.
asio::awaitable<beast::error_code> Write(beast::tcp_stream& stream, Response res, unsigned version, bool keep_alive,
                                         bool head_only, milliseconds timeout) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
  out.set(bhttp::field::content_type, res.content_type.empty() ? "application/json; charset=utf-8" : res.content_type);
  out.set("x-notion-request-id", res.request_id);
  if (res.retry_after) out.set(bhttp::field::retry_after, std::to_string(*res.retry_after));
  out.keep_alive(keep_alive);
  if (keep_alive) {
    // How long the connection may idle: clients that pool connections (undici, and so
    // fetch and the SDK; node:http's agent) stop reusing it a second before, rather than
    // send a request on a connection the server is closing.
    const auto seconds = (timeout.count() + 999) / 1000;
    out.set(bhttp::field::keep_alive, "timeout=" + std::to_string(seconds));
  }
  out.body() = std::move(res.body);
  out.prepare_payload();
  beast::error_code ec;
  stream.expires_after(timeout);
  if (head_only) {
    bhttp::response_serializer<bhttp::string_body> serializer{out};
    co_await bhttp::async_write_header(stream, serializer, asio::redirect_error(asio::use_awaitable, ec));
  } else {
    co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
  }
  stream.expires_never();
  co_return ec;
}

// Answers `res` and ends the connection. With `linger`, the client may still be sending
// (a body, the rest of a header): the send side is shut, so that the client sees the
// whole answer, and what still comes is read and dropped until the client closes, for a
// bounded time and size, so that closing does not reset the connection under the answer.
asio::awaitable<void> Refuse(beast::tcp_stream& stream, beast::flat_buffer& buffer, ReadTimer& timer, Response res,
                             bool head_only, bool linger, milliseconds timeout) {
  beast::error_code ec = co_await Write(stream, std::move(res), 11, false, head_only, timeout);
  if (ec || !linger) co_return;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  buffer.consume(buffer.size());
  timer.Arm(std::min(timeout, kMaxLinger));
  uint64_t dropped = 0;
  while (!ec && dropped < kMaxDrainBytes) {
    auto space = buffer.prepare(kReadBufferBytes);
    dropped += co_await stream.async_read_some(space, asio::redirect_error(asio::use_awaitable, ec));
  }
  timer.Disarm();
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
  if (match.route == nullptr) return pipeline.Handle(req, match);
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
  ReadTimer timer(stream.socket());
  host.SetState(&stream, State::kIdle);
  struct Leave {
    ConnectionHost* host;
    beast::tcp_stream* stream;
    ~Leave() { host->SetState(stream, State::kGone); }
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
        co_await Refuse(stream, buffer, timer, WireErrorResponse(*wire), false, *wire != WireError::kRequestTimeout,
                        timeout);
      }
      break;
    }
    const auto& h = head.get();
    const bool head_only = h.method() == bhttp::verb::head;
    if (h.target().size() > kMaxTargetBytes) {
      timer.Disarm();
      co_await Refuse(stream, buffer, timer, WireErrorResponse(WireError::kUriTooLong), head_only, true, timeout);
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
      co_await Refuse(stream, buffer, timer, too_large(), head_only, true, timeout);
      break;
    }
    if (expect_continue) {
      if (auto refusal = RefusalBeforeBody(pipeline, h, match)) {
        timer.Disarm();
        co_await Refuse(stream, buffer, timer, std::move(*refusal), head_only, true, timeout);
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
    co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    const bool timed_out = timer.fired();
    timer.Disarm();
    if (ec == bhttp::error::body_limit) {
      co_await Refuse(stream, buffer, timer, too_large(), head_only, true, timeout);
      break;
    }
    if (ec) {
      if (auto wire = ClassifyReadError(ec, timed_out, true, parser.get().target().size())) {
        co_await Refuse(stream, buffer, timer, WireErrorResponse(*wire), false, *wire != WireError::kRequestTimeout,
                        timeout);
      }
      break;
    }

    host.SetState(&stream, State::kBusy);
    auto& msg = parser.get();
    Request req = RequestFromBeast(msg);
    // Here, on this thread; when it takes long, a standby thread serves the other
    // connections meanwhile (loop_threads.h).
    Response res = [&] {
      LoopThreads::Busy busy;
      return pipeline.Handle(req, match);
    }();
    if (res.durable) {
      // A write is answered once the store says it is durable (group commit): the
      // report resumes this coroutine on its strand.
      co_await AwaitDurable(res.durable);
      if (Status s = res.durable->status(); !s.ok()) {
        res = ErrorResponse(InternalError("commit failed: " + s.error().message), res.request_id);
      }
    }
    if (res.delay_ms > 0) {
      asio::steady_timer delay(stream.get_executor(), milliseconds(res.delay_ms));
      beast::error_code delay_ec;
      co_await delay.async_wait(asio::redirect_error(asio::use_awaitable, delay_ec));
    }
    const bool keep_alive = msg.keep_alive() && !host.stopping();
    ec = co_await Write(stream, std::move(res), msg.version(), keep_alive, head_only, timeout);
    host.SetState(&stream, State::kIdle);
    if (ec || !keep_alive) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream.socket().close(ignored);
}

}  // namespace localnotion::http
