// The HTTP/1.1 server: Boost.Beast with C++20 coroutines on one io_context thread.
//
// Group commit. Every request runs synchronously on the loop thread inside a store
// unit; the first unit of a batch schedules a flush at the back of the loop's queue,
// so every request whose bytes were ready in the same turn joins the same batch. Each
// response is written only after its batch committed: a 200 is on disk. One thread
// also means read-modify-write of a page is never interleaved (no lost updates).
//
// Shutdown: Stop() (SIGTERM/SIGINT) closes the listener, lets requests in flight finish,
// closes idle keep-alive connections, and returns from Run() once all are gone.
#pragma once

#include <memory>
#include <string>

#include "http/rate_limit.h"
#include "service/service.h"
#include "storage/store.h"

namespace localnotion::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8787;
  std::string admin_token;  // for /_localnotion/
  RateLimit rate_limit;     // per integration; none by default
  int client_timeout_ms = 30000;  // to read a whole request, or to write an answer
  // The largest file part POST /v1/file_uploads/{id}/send takes (Notion: 20 MB); its
  // body may be that plus 1 MiB of multipart framing. Keep equal to the service's.
  int64_t max_upload_part_bytes = 20 * 1024 * 1024;
};

class Server {
 public:
  Server(storage::Store& store, service::Service& service, ServerOptions options);
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
