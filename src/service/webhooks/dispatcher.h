// The webhook dispatcher: the threads that turn the change outbox into deliveries and
// send them (docs/webhooks.md). It never runs on a request's thread, so a slow or dead
// receiver costs the API nothing: requests only append to the outbox.
//
//   - the pump thread wakes every few milliseconds (or on Wake), makes the events of new
//     changes in a read transaction and stores them as deliveries in a short write
//     transaction (PrepareIngest, StoreIngest), and hands the deliveries that are due to
//     the senders;
//   - each sender thread claims a delivery in a write transaction (attempts + 1, the
//     exact headers and body recorded, the next attempt scheduled in case the process
//     dies), sends it through the WebhookSender, and records the outcome: a 2xx is
//     "delivered"; anything else, a timeout or a refused connection is retried after
//     RetryDelayMs until max_attempts, then "failed".
// Deliveries are records, so a restart (or kill -9) resumes them: at-least-once, with
// the same event id. Times come from NowMillis, so under --deterministic the windows and
// retries follow the controlled clock.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/error.h"
#include "service/service_state.h"
#include "storage/store.h"

namespace localnotion::service::webhooks {

struct WebhookRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int timeout_ms = 10000;
};

struct WebhookResponse {
  std::optional<int> status;  // none when no answer came back
  std::string error;          // why there was no answer ("connection refused", ...)
};

// Sends one POST (http/webhook_client.h is the real one).
class WebhookSender {
 public:
  virtual ~WebhookSender() = default;
  virtual WebhookResponse Send(const WebhookRequest& request) = 0;
};

class Dispatcher {
 public:
  Dispatcher(storage::Store& store, ServiceState& state, WebhookSender& sender, int senders = 4);
  ~Dispatcher();
  void Start();
  // Finishes the attempts in flight and joins the threads.
  void Stop();
  // Looks for work now.
  void Wake();
  // One pump round on the caller's thread (tests): ingest, then queue what is due.
  void PumpOnce();

 private:
  struct Work;
  void Ingest();
  // The pump looks again by `due` at the latest.
  void NoteDue(Millis due);
  Result<Work> Look();
  void PumpLoop();
  void SenderLoop();
  void Deliver(const std::string& id);

  storage::Store& store_;
  ServiceState& state_;
  WebhookSender& sender_;
  int sender_count_;
  std::mutex mu_;
  std::condition_variable pump_cv_;
  std::condition_variable queue_cv_;
  bool stopping_ = false;
  bool woken_ = false;
  Millis next_due_ = 0;
  std::chrono::steady_clock::time_point
      last_expiry_look_;  // pump thread only  // when a known delivery falls due (Look, NoteDue)
  std::deque<std::string> queue_;
  std::set<std::string> in_flight_;  // queued or being sent
  std::vector<std::thread> threads_;
};

}  // namespace localnotion::service::webhooks
