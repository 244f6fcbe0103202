#include "http/connection_io.h"

#include <boost/asio.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>

#include "http/wire_errors.h"

namespace localnotion::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;
using std::chrono::milliseconds;

namespace {

// After a refusal, what the client still sends is read and dropped, up to this size and
// for at most this long (AnswerAndClose).
constexpr uint64_t kMaxDrainBytes = 64 * 1024 * 1024;
constexpr milliseconds kMaxLinger{2000};
// How often an event stream looks for new events (ServeEvents).
constexpr milliseconds kEventPoll{100};

}  // namespace

ConnectionTimer::ConnectionTimer(tcp::socket& socket)
    : socket_(socket), timer_(socket.get_executor()), state_(std::make_shared<State>()) {}

ConnectionTimer::~ConnectionTimer() {
  // A handler already queued finds the state gone and does nothing.
  state_.reset();
  timer_.cancel();
}

void ConnectionTimer::Arm(milliseconds timeout) {
  State& s = *state_;
  s.fired = false;
  s.deadline = std::chrono::steady_clock::now() + timeout;
  // A wait that ends later than this deadline (a shorter timeout) is replaced.
  if (!s.waiting || timer_.expiry() > s.deadline) Wait();
}

void ConnectionTimer::Disarm() {
  state_->deadline = std::chrono::steady_clock::time_point::max();
  state_->fired = false;
}

void ConnectionTimer::Wait() {
  State& s = *state_;
  s.waiting = true;
  const uint64_t wait = ++s.wait;
  timer_.expires_at(s.deadline);  // cancels the wait it replaces
  timer_.async_wait([weak = std::weak_ptr<State>(state_), wait, this](const beast::error_code&) {
    auto state = weak.lock();
    if (!state || state->wait != wait) return;  // the timer is gone, or a sooner wait replaced this one
    state->waiting = false;
    if (state->deadline == std::chrono::steady_clock::time_point::max()) return;  // disarmed: Arm waits again
    if (std::chrono::steady_clock::now() < state->deadline) {
      Wait();  // armed again since this wait began: the rest of the new deadline
      return;
    }
    state->fired = true;
    beast::error_code ignored;
    socket_.cancel(ignored);
  });
}

// Not Beast's async_read_header: Beast's
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

namespace {

// A field's value as Beast keeps it: without the spaces and tabs around it.
std::string_view TrimmedValue(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

// Writes into a buffer sized beforehand (HeaderText::Bound): about a third of the
// instructions of appending to a std::string piece by piece, which checks and may grow
// the string at each piece.
class HeaderText {
 public:
  explicit HeaderText(std::string& out) : out_(out), p_(out.data()) {}
  void Put(std::string_view s) {
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void Put(char c) { *p_++ = c; }
  void Number(int64_t n) { p_ = std::to_chars(p_, p_ + 20, n).ptr; }
  void Field(std::string_view name, std::string_view value) {
    Put(name);
    Put(": ");
    Put(TrimmedValue(value));
    Put("\r\n");
  }
  void Finish() { out_.resize(static_cast<size_t>(p_ - out_.data())); }

 private:
  std::string& out_;
  char* p_;
};

}  // namespace

std::string AnswerHeaderBytes(const Response& res, unsigned version, bool keep_alive, milliseconds timeout) {
  const std::string_view reason = bhttp::obsolete_reason(static_cast<bhttp::status>(res.status));
  // Room for every field below: the values of the response's own lengths, and 512 bytes
  // for the names, the separators and the rest (a status, a reason, numbers of at most
  // 20 characters, the fixed values), which take under 400.
  std::string out;
  out.resize(512 + reason.size() + res.content_type.size() + res.request_id.size() + res.location.size() +
             res.cache_control.size());
  HeaderText h(out);
  h.Put("HTTP/");
  h.Put(static_cast<char>('0' + version / 10 % 10));
  h.Put('.');
  h.Put(static_cast<char>('0' + version % 10));
  h.Put(' ');
  h.Number(res.status);
  h.Put(' ');
  h.Put(reason);
  h.Put("\r\n");
  // AnswerHeaders' fields, in its order, without making them first.
  h.Field("content-type", res.content_type.empty() ? "application/json; charset=utf-8" : res.content_type);
  h.Field("x-notion-request-id", res.request_id);
  if (res.retry_after) {
    h.Put("retry-after: ");
    h.Number(*res.retry_after);
    h.Put("\r\n");
  }
  if (!res.location.empty()) h.Field("location", res.location);
  if (!res.cache_control.empty()) {
    h.Field("cache-control", res.cache_control);
    h.Field("x-content-type-options", "nosniff");
  }
  // Beast's keep_alive(): HTTP/1.1 says when it closes, HTTP/1.0 when it stays open.
  if (version >= 11 && !keep_alive) h.Field("Connection", "close");
  if (version < 11 && keep_alive) h.Field("Connection", "keep-alive");
  if (keep_alive) {
    // How long the connection may idle: clients that pool connections (undici, and so
    // fetch and the SDK; node:http's agent) stop reusing it a second before, rather than
    // send a request on a connection the server is closing.
    h.Put("Keep-Alive: timeout=");
    h.Number((timeout.count() + 999) / 1000);
    h.Put("\r\n");
  }
  h.Put("Content-Length: ");
  h.Number(static_cast<int64_t>(res.body.size()));
  h.Put("\r\n\r\n");
  h.Finish();
  return out;
}

asio::awaitable<beast::error_code> WriteAnswer(beast::tcp_stream& stream, ConnectionTimer& timer, const Response& res,
                                               unsigned version, bool keep_alive, bool head_only,
                                               milliseconds timeout) {
  // The header, written here as Beast's would be (AnswerHeaderBytes), and the body, in one
  // gathered write: Beast's serializer walks its buffer sequences through several layers
  // of views, which cost a GET about 18k instructions (docs/benchmarks.md, "The answer's
  // header written without Beast's serializer"), and its fields an allocation each.
  const std::string head = AnswerHeaderBytes(res, version, keep_alive, timeout);
  const std::array<asio::const_buffer, 2> answer{asio::buffer(head), asio::buffer(res.body)};
  beast::error_code ec;
  timer.Arm(timeout);
  if (head_only) {
    co_await asio::async_write(stream, asio::buffer(head), asio::redirect_error(asio::use_awaitable, ec));
  } else {
    co_await asio::async_write(stream, answer, asio::redirect_error(asio::use_awaitable, ec));
  }
  timer.Disarm();
  co_return ec;
}

asio::awaitable<void> AnswerAndClose(beast::tcp_stream& stream, beast::flat_buffer& buffer, ConnectionTimer& timer,
                                     Response res, bool head_only, bool linger, milliseconds timeout) {
  beast::error_code ec = co_await WriteAnswer(stream, timer, res, 11, false, head_only, timeout);
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

asio::awaitable<void> ServeEvents(beast::tcp_stream& stream, Response res, unsigned version,
                                  std::function<bool()> stopping, milliseconds timeout) {
  bhttp::response<bhttp::empty_body> head{bhttp::status::ok, version};
  head.set(bhttp::field::content_type, "text/event-stream; charset=utf-8");
  head.set(bhttp::field::cache_control, "no-store");
  head.set("x-notion-request-id", res.request_id);
  head.keep_alive(false);
  head.chunked(true);
  beast::error_code ec;
  stream.expires_after(timeout);
  bhttp::response_serializer<bhttp::empty_body> serializer{head};
  co_await bhttp::async_write_header(stream, serializer, asio::redirect_error(asio::use_awaitable, ec));
  asio::steady_timer tick(stream.get_executor());
  auto quiet_since = std::chrono::steady_clock::now();
  while (!ec && !stopping()) {
    std::string text = res.events->Poll();
    // A comment line every 15 s keeps proxies from closing a quiet stream, and finds a
    // client that left.
    if (text.empty() && std::chrono::steady_clock::now() - quiet_since > std::chrono::seconds(15)) text = ": idle\n\n";
    if (!text.empty()) {
      stream.expires_after(timeout);
      co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(text)),
                                 asio::redirect_error(asio::use_awaitable, ec));
      quiet_since = std::chrono::steady_clock::now();
      if (ec) break;
    }
    stream.expires_never();
    tick.expires_after(kEventPoll);
    co_await tick.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  stream.expires_never();
  if (!ec) {
    stream.expires_after(timeout);
    co_await asio::async_write(stream, bhttp::make_chunk_last(), asio::redirect_error(asio::use_awaitable, ec));
    stream.expires_never();
  }
}

}  // namespace localnotion::http
