// One HTTP/1.1 connection of the server (server.h): reads requests one after the other,
// runs each through the pipeline on the connection's strand, and writes the answers.
//
// Bounds, each answered in Notion's error envelope (wire_errors.h) before closing:
// - --client-timeout-ms covers reading a whole request (header and body: 408 once some
//   of it has arrived; an idle keep-alive connection is closed without a word) and
//   writing each answer (a client that pipelines and never reads is closed when an
//   answer has not been taken within the timeout, which frees what it held);
// - a header block over 16 KiB answers 431, a request target over 8 KiB 414, a request
//   line or header Beast cannot parse (a NUL, a bad method) 400;
// - a body over its limit (500 KB, or the upload part limit plus 1 MiB for
//   POST /v1/file_uploads/{id}/send) answers 413 from its header; then the server reads
//   and drops what the client still sends (up to 64 MiB, for at most 2 s) before it
//   closes. Fetch-based clients, the official SDK among them, send the whole body before
//   they read the answer: closing at once would reset the connection under the answer,
//   and they would see EPIPE or ECONNRESET instead of the 413.
//
// `Expect: 100-continue` is answered `100 Continue` before the body is read, unless the
// request is refused anyway (no route, no bearer token, a Content-Length over the
// limit): then the final answer comes at once. A HEAD request is answered with the
// header of the answer a GET would have (Content-Length included) and no body.
#pragma once

#include <atomic>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "http/pipeline.h"
#include "http/server.h"

namespace localnotion::http {

// What a connection needs of the server that accepted it. Thread-safe.
class ConnectionHost {
 public:
  enum class State { kIdle, kBusy };
  virtual ~ConnectionHost() = default;
  virtual Pipeline& pipeline() = 0;
  virtual const ServerOptions& options() const = 0;
  virtual bool stopping() const = 0;
  // Where the connection is, for shutdown: an idle one (waiting for a request) has its
  // read cancelled on its strand; a busy one closes after its answer. The connection
  // enters once with its state, changes the state itself (a store, so that a request
  // takes no lock shared with the other loop threads), and leaves before `stream` and
  // `state` go; all three on its strand.
  virtual void Enter(boost::beast::tcp_stream* stream, const std::atomic<State>* state) = 0;
  virtual void Leave(boost::beast::tcp_stream* stream) = 0;
  // Whether answered requests are written to the access log (they are always counted).
  virtual bool logging() const { return false; }
  // Called once an answer has been sent (or failed to send): counts it in the metrics
  // and writes its access log line.
  virtual void Answered(const MatchedRoute& match, const AccessRecord& record) {}
};

// Serves `socket` until the client closes, a bound above is hit, or the host stops. The
// socket's executor must be a strand of its own.
boost::asio::awaitable<void> ServeConnection(boost::asio::ip::tcp::socket socket, ConnectionHost& host);

}  // namespace localnotion::http
