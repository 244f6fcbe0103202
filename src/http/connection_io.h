// The reads and writes of one connection (connection.h), each with its bound: the read
// timer behind the 408, the header read that counts every byte of the header, the answer
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
#include <boost/beast/http/parser.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

#include "http/response.h"

namespace localnotion::http {

// What one read asks of the socket.
inline constexpr size_t kReadBufferBytes = 16 * 1024;

// A deadline over a connection's reads. Beast's own (tcp_stream::expires_after) closes
// the socket when it fires, which leaves no way to answer 408; this one cancels the
// pending operation and leaves the socket open. Used on the connection's strand only:
// the socket's executor, on which the timer's handler runs too.
class ReadTimer {
 public:
  explicit ReadTimer(boost::asio::ip::tcp::socket& socket);
  ~ReadTimer();
  ReadTimer(const ReadTimer&) = delete;
  ReadTimer& operator=(const ReadTimer&) = delete;

  void Arm(std::chrono::milliseconds timeout);
  void Disarm();
  // Whether the armed deadline passed (and cancelled the pending read).
  bool fired() const { return token_ && *token_; }

 private:
  boost::asio::ip::tcp::socket& socket_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<bool> token_;
};

// Reads the header of the next request into `head`, at most kMaxHeaderBytes
// (wire_errors.h) of it in all (else bhttp::error::header_limit), and leaves what follows
// it in `buffer`. A client that closes answers end_of_stream, or partial_message when it
// had begun a request.
boost::asio::awaitable<boost::beast::error_code> ReadHeader(
    boost::beast::tcp_stream& stream, boost::beast::flat_buffer& buffer,
    boost::beast::http::request_parser<boost::beast::http::empty_body>& head);

// Writes `res` within `timeout`; for a HEAD request (`head_only`) the header alone, with
// the Content-Length of the body it would have had. A keep-alive answer advertises the
// timeout. Beast closes the socket when the timeout passes: a client that does not take
// its answer is let go.
boost::asio::awaitable<boost::beast::error_code> WriteAnswer(boost::beast::tcp_stream& stream, Response res,
                                                             unsigned version, bool keep_alive, bool head_only,
                                                             std::chrono::milliseconds timeout);

// Answers `res` with Connection: close. With `linger`, the client may still be sending
// (a body, the rest of a header): the send side is shut, so that the client sees the
// whole answer, and what still comes is read and dropped until the client closes, for at
// most 2 s (or `timeout` if shorter) and 64 MiB, so that closing does not reset the
// connection under the answer. The caller closes the socket.
boost::asio::awaitable<void> AnswerAndClose(boost::beast::tcp_stream& stream, boost::beast::flat_buffer& buffer,
                                            ReadTimer& timer, Response res, bool head_only, bool linger,
                                            std::chrono::milliseconds timeout);

// Streams the events of `res` (Response::events) as a chunked text/event-stream answer,
// then closes (Connection: close): polls the source every 100 ms on the connection's
// strand, writes what it returns within `timeout`, and ends when a write fails or times
// out (the client left or stopped reading), or when `stopping()` turns true. The caller
// closes the socket.
boost::asio::awaitable<void> ServeEvents(boost::beast::tcp_stream& stream, Response res, unsigned version,
                                         std::function<bool()> stopping, std::chrono::milliseconds timeout);

}  // namespace localnotion::http
