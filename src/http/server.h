// The HTTP/1.1 server: Boost.Beast with C++20 coroutines.
//
// Threads (loop_threads.h). One thread per CPU runs an io_context of its own all the
// time, the connections dealt out to the contexts in turn, and standbys (up to
// ServerOptions::workers threads in all) run a context whose thread is inside a slow
// request. Each connection is a coroutine on a strand of its own: it reads a request, runs the
// pipeline on it right there (in a transaction of its own), and writes the answer. No
// request crosses threads, which on one core is most of what a small request costs; a
// slow request holds the thread it runs on, and within a few milliseconds a standby
// thread serves every other connection. Whether requests run in parallel is the store's
// business (storage/store.h): reads do, writes take the one writer in turn, and a
// write's answer waits, without holding a thread, until the store reports it durable
// (group commit), so an answer is written only after its transaction is on disk.
//
// Connections (connection.h): the request and answer bounds, the refusals at the HTTP
// level, 100-continue and HEAD. Out of descriptors, accepting pauses briefly and resumes
// (server.cc) rather than spinning.
//
// Shutdown: Stop() (SIGTERM/SIGINT) closes the listener, lets requests in flight finish,
// closes idle keep-alive connections, and returns from Run() once all are gone.
#pragma once

#include <memory>
#include <string>

#include "http/access_log.h"
#include "http/metrics.h"
#include "http/rate_limit.h"
#include "service/service_state.h"
#include "service/workspaces/workspaces.h"
#include "storage/store.h"

namespace localnotion::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8787;
  std::string admin_token;  // for /_localnotion/
  RateLimit rate_limit;     // per integration; none by default
  // A client that takes longer to send a whole request is answered 408 and cut off; one
  // that does not take an answer within it (pipelining without reading) is cut off,
  // which frees what its connection held (connection.h).
  int client_timeout_ms = 30000;
  // The most threads that run requests at once; 0 picks the CPUs this process may use
  // plus 2 standbys.
  int workers = 0;
  // The largest file part POST /v1/file_uploads/{id}/send takes (Notion: 20 MB); its
  // body may be that plus 1 MiB of multipart framing. Keep equal to the service's.
  int64_t max_upload_part_bytes = 20 * 1024 * 1024;
  // The access log on stderr (access_log.h): a line per request at level info.
  LogFormat log_format = LogFormat::kText;
  spdlog::level::level_enum log_level = spdlog::level::info;
  // What GET /metrics and the landing page show (metrics.h).
  ServerInfo info;
};

class Server {
 public:
  // Serves the workspaces of `workspaces` (service/workspaces/workspaces.h).
  Server(service::workspaces::Registry& workspaces, ServerOptions options);
  // Serves `store` as the default workspace; workspaces created through the admin API
  // keep their stores in memory.
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
  std::unique_ptr<service::workspaces::Registry> owned_workspaces_;
  service::workspaces::Registry& workspaces_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace localnotion::http
