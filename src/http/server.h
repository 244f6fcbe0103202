// The HTTP/1.1 server: Boost.Beast with C++20 coroutines.
//
// Threads. One I/O thread runs every connection's coroutine: it reads requests and
// writes answers, and never blocks. Each parsed request is handed to a pool of worker
// threads (ServerOptions::workers), where the pipeline runs it in a transaction of its
// own; the coroutine resumes on the I/O thread with the answer. So a slow request holds
// one worker, never the others nor the I/O. Whether requests run in parallel is the
// store's business (storage/store.h): reads do, writes take the one writer in turn, and
// a write's Commit() returns once it is durable, so an answer is written only after its
// transaction is on disk.
//
// Shutdown: Stop() (SIGTERM/SIGINT) closes the listener, lets requests in flight finish,
// closes idle keep-alive connections, and returns from Run() once all are gone.
#pragma once

#include <memory>
#include <string>

#include "http/rate_limit.h"
#include "service/service_state.h"
#include "storage/store.h"

namespace localnotion::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8787;
  std::string admin_token;  // for /_localnotion/
  RateLimit rate_limit;     // per integration; none by default
  // A client that takes longer to send a whole request is cut off. Answers are written
  // without a timer: the kernel buffers them, and a client that never reads holds only
  // its own connection.
  int client_timeout_ms = 30000;
  // Threads that run requests; 0 picks the number of cores (at least 2).
  int workers = 0;
  // The largest file part POST /v1/file_uploads/{id}/send takes (Notion: 20 MB); its
  // body may be that plus 1 MiB of multipart framing. Keep equal to the service's.
  int64_t max_upload_part_bytes = 20 * 1024 * 1024;
};

class Server {
 public:
  Server(storage::Store& store, service::ServiceState& state, ServerOptions options);
  ~Server();

  // Binds and listens. Returns kInternalServerError with the reason on failure.
  Status Listen();
  // The port actually bound (useful with port 0).
  int port() const;
  // Serves until SIGTERM or SIGINT. Prints "localnotion listening on http://HOST:PORT".
  void Run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace localnotion::http
