// The reads and writes of one connection (connection.h), each with its bound: the
// connection timer behind the 408, the header read that counts every byte of the header, the answer
// written within the client timeout (a HEAD answer without its body), and the refusal
// that answers, then reads and drops what the client still sends before closing.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "http/response.h"

namespace localnotion::http {

// What one read asks of the socket.
inline constexpr size_t kReadBufferBytes = 16 * 1024;

// A deadline over a connection's reads and writes. Beast's own
// (tcp_stream::expires_after) closes the socket when it fires, which leaves no way to
// answer 408; this one cancels the pending operation and leaves the socket open. Used on
// the connection's strand only: the socket's executor, on which the timer's handler runs
// too.
//
// Arming and disarming only set the deadline: the asio timer is started when none is
// waiting, and when it goes off before the deadline (the deadline moved on since) it
// waits again for the rest. So a connection that serves request after request starts a
// timer about once per timeout, not once per read and write, and no cancelled wait goes
// through the loop for each request.
class ConnectionTimer {
 public:
  explicit ConnectionTimer(boost::asio::ip::tcp::socket& socket);
  ~ConnectionTimer();
  ConnectionTimer(const ConnectionTimer&) = delete;
  ConnectionTimer& operator=(const ConnectionTimer&) = delete;

  // The pending and following operations are cancelled once `timeout` has passed.
  void Arm(std::chrono::milliseconds timeout);
  void Disarm();
  // Whether the armed deadline passed (and cancelled the pending operation).
  bool fired() const { return state_->fired; }

 private:
  struct State {
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
    bool fired = false;
    bool waiting = false;  // a wait of `timer_` is pending, ...
    uint64_t wait = 0;     // ... this one: a wait replaced by a sooner one finds another number
  };
  void Wait();

  boost::asio::ip::tcp::socket& socket_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<State> state_;
};

// Reads the header of the next request into `head`, at most kMaxHeaderBytes
// (wire_errors.h) of it in all (else bhttp::error::header_limit), and leaves what follows
// it in `buffer`. A client that closes answers end_of_stream, or partial_message when it
// had begun a request.
boost::asio::awaitable<boost::beast::error_code> ReadHeader(
    boost::beast::tcp_stream& stream, boost::beast::flat_buffer& buffer,
    boost::beast::http::request_parser<boost::beast::http::empty_body>& head);

// The header WriteAnswer sends with `res`, byte for byte what Beast's serializer writes
// for a message of `res`'s status and `version` with AnswerHeaders(res) set in order,
// keep_alive(keep_alive), "Keep-Alive: timeout=<seconds>" when it stays open, and
// prepare_payload() of its body: the status line, each field as "Name: value", and the
// empty line. Written without making that message.
std::string AnswerHeaderBytes(const Response& res, unsigned version, bool keep_alive,
                              std::chrono::milliseconds timeout);

// Writes `res` (which must outlive the write) within `timeout` (armed on `timer`,
// disarmed after); for a HEAD request (`head_only`) the header alone, with the
// Content-Length of the body it would have had. A keep-alive answer advertises the
// timeout. When the timeout passes the write is cancelled and an error returned, and the
// caller closes: a client that does not take its answer is let go.
boost::asio::awaitable<boost::beast::error_code> WriteAnswer(boost::beast::tcp_stream& stream, ConnectionTimer& timer,
                                                             const Response& res, unsigned version, bool keep_alive,
                                                             bool head_only, std::chrono::milliseconds timeout);

// Answers `res` with Connection: close. With `linger`, the client may still be sending
// (a body, the rest of a header): the send side is shut, so that the client sees the
// whole answer, and what still comes is read and dropped until the client closes, for at
// most 2 s (or `timeout` if shorter) and 64 MiB, so that closing does not reset the
// connection under the answer. The caller closes the socket.
boost::asio::awaitable<void> AnswerAndClose(boost::beast::tcp_stream& stream, boost::beast::flat_buffer& buffer,
                                            ConnectionTimer& timer, Response res, bool head_only, bool linger,
                                            std::chrono::milliseconds timeout);

// Streams the events of `res` (Response::events) as a chunked text/event-stream answer,
// then closes (Connection: close): polls the source every 100 ms on the connection's
// strand, writes what it returns within `timeout`, and ends when a write fails or times
// out (the client left or stopped reading), or when `stopping()` turns true. The caller
// closes the socket.
boost::asio::awaitable<void> ServeEvents(boost::beast::tcp_stream& stream, Response res, unsigned version,
                                         std::function<bool()> stopping, std::chrono::milliseconds timeout);

}  // namespace localnotion::http
