// What the pipeline answers: a status, a body and the request id that the server sends
// as x-notion-request-id (https://developers.notion.com/reference/request-limits and
// https://developers.notion.com/reference/status-codes show the envelope's request_id).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"

namespace localnotion::http {

// When a write's answer may be sent: the store reports that the transaction is durable
// (storage::Txn::CommitAsync) on whichever thread commits the group; the server's
// connection waits for it without holding a thread (server.cc). Thread-safe.
class Durability {
 public:
  // The store's report.
  void Complete(Status status) {
    std::function<void()> waiter;
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
      status_ = std::move(status);
      waiter = std::move(waiter_);
    }
    if (waiter) waiter();
  }
  // Registers `waiter` to run on completion (on the completing thread). Returns false,
  // and never runs it, when the report is already in.
  bool OnComplete(std::function<void()> waiter) {
    std::lock_guard<std::mutex> lock(mu_);
    if (done_) return false;
    waiter_ = std::move(waiter);
    return true;
  }
  Status status() const {
    std::lock_guard<std::mutex> lock(mu_);
    return status_;
  }

 private:
  mutable std::mutex mu_;
  bool done_ = false;
  Status status_;
  std::function<void()> waiter_;
};

// A stream of server-sent events (https://html.spec.whatwg.org/multipage/server-sent-events.html)
// answered instead of a body: the connection writes a text/event-stream header, then
// what Poll() returns, polled every 100 ms on the connection's own strand, until the
// client leaves, a write is not taken within the client timeout, or the server stops
// (ServeEvents in connection_io.h). Polling holds no thread between polls, and a slow
// reader only ever holds its own connection.
class EventSource {
 public:
  virtual ~EventSource() = default;
  // The events that happened since the last call, as event-stream text ("" for none).
  virtual std::string Poll() = 0;
};

struct Response {
  int status = 200;
  std::string body;
  std::string request_id;
  int delay_ms = 0;                               // an injected latency, applied before answering
  std::optional<int> retry_after = std::nullopt;  // seconds, sent as Retry-After
  // Empty for JSON; set for the bytes of a hosted file (/_localnotion/files/...).
  std::string content_type = {};
  // Set for a redirect (302 of the OAuth authorize page): the Location header.
  std::string location = {};
  // Set for a write that succeeded: answer only once it completes OK (server.cc).
  std::shared_ptr<Durability> durable = nullptr;
  // The integration that made a /v1 request, for the access log; set only when the
  // pipeline is asked to (Pipeline::ReportIntegration).
  std::string integration_id = {};
  // Sent as Cache-Control when set (the web UI's files, ui.cc).
  std::string cache_control = {};
  // Set for an event stream: the body is empty and the connection streams (EventSource).
  std::shared_ptr<EventSource> events = nullptr;
};

// A message's header fields, names in lower case, in order.
using HeaderFields = std::vector<std::pair<std::string, std::string>>;

// What an answer's header fields are made of besides its request id: the request log
// keeps this, and writes the fields (AnswerHeaders) only when it is read.
struct AnswerHead {
  std::optional<int> retry_after;
  std::string content_type;  // "" for JSON
  std::string location;
  std::string cache_control;
};

inline AnswerHead HeadOf(const Response& res) {
  return AnswerHead{res.retry_after, res.content_type, res.location, res.cache_control};
}

// The header fields of an answer other than the connection's own (Content-Length,
// Connection, Keep-Alive): what WriteAnswer (connection_io.cc) sends with an answer, and
// what the request log shows of it.
inline HeaderFields AnswerHeaders(const AnswerHead& head, const std::string& request_id) {
  HeaderFields h;
  h.emplace_back("content-type", head.content_type.empty() ? "application/json; charset=utf-8" : head.content_type);
  h.emplace_back("x-notion-request-id", request_id);
  if (head.retry_after) h.emplace_back("retry-after", std::to_string(*head.retry_after));
  if (!head.location.empty()) h.emplace_back("location", head.location);
  if (!head.cache_control.empty()) {
    h.emplace_back("cache-control", head.cache_control);
    // The web UI's files: a browser takes each for what its Content-Type says.
    h.emplace_back("x-content-type-options", "nosniff");
  }
  return h;
}

inline HeaderFields AnswerHeaders(const Response& res) { return AnswerHeaders(HeadOf(res), res.request_id); }

}  // namespace localnotion::http
