#include "service/webhooks/dispatcher.h"

#include <algorithm>
#include <chrono>
#include <limits>

#include "api/webhook_events.h"
#include "service/service.h"
#include "service/webhooks/webhooks.h"

namespace localnotion::service::webhooks {
namespace {

// How often the pump looks at the outbox and the due deliveries without being woken, at
// most: it looks sooner when a delivery it knows of falls due (NoteDue). Every look costs
// transactions, and each batch of events costs the store's writer once, so a longer
// interval makes events cheaper under load; events wait for their aggregation window
// (1 s by default) anyway, and the others (comments, locks) go out within this.
constexpr Millis kPumpIntervalMs = 100;
constexpr int kIngestBatch = 500;
constexpr int kDueBatch = 500;

struct Claimed {
  WebhookRequest request;
  int64_t attempt = 0;
};

}  // namespace

Dispatcher::Dispatcher(storage::Store& store, ServiceState& state, WebhookSender& sender, int senders)
    : store_(store), state_(state), sender_(sender), sender_count_(senders) {}

Dispatcher::~Dispatcher() { Stop(); }

void Dispatcher::Start() {
  threads_.emplace_back([this] { PumpLoop(); });
  for (int i = 0; i < sender_count_; ++i) threads_.emplace_back([this] { SenderLoop(); });
}

void Dispatcher::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  pump_cv_.notify_all();
  queue_cv_.notify_all();
  for (std::thread& t : threads_) t.join();
  threads_.clear();
}

void Dispatcher::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  pump_cv_.notify_one();
}

void Dispatcher::NoteDue(Millis due) {
  std::lock_guard<std::mutex> lock(mu_);
  next_due_ = std::min(next_due_, due);
}

void Dispatcher::PumpLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    const Millis wait = std::clamp<Millis>(next_due_ - NowMillis(), 1, kPumpIntervalMs);
    pump_cv_.wait_for(lock, std::chrono::milliseconds(wait), [this] { return stopping_ || woken_; });
    if (stopping_) break;
    woken_ = false;
    lock.unlock();
    PumpOnce();
    lock.lock();
  }
}

// New changes become deliveries in rounds of kIngestBatch: the events are made in a read
// transaction (PrepareIngest) and stored in a short write transaction (StoreIngest), so
// that requests, which need the store's writer, never wait for events to be made. Then
// one read transaction finds what is due (nothing at all without subscriptions, which is
// what an idle server without webhooks pays: two reads every 100 ms).
struct Dispatcher::Work {
  std::vector<std::string> due;
  Millis next_due = std::numeric_limits<Millis>::max();  // of the first pending one not due yet
};

void Dispatcher::Ingest() {
  // Bounded: a round whose cursor moved meanwhile (SendNow, another server) is read again.
  for (int round = 0; round < 64; ++round) {
    auto batch = RunInTxn(store_, state_, storage::TxnMode::kRead,
                          [](Context& ctx) { return PrepareIngest(ctx, kIngestBatch); });
    if (!batch.ok() || batch->changes == 0) return;
    const bool full = batch->changes >= kIngestBatch;
    auto stored = RunInTxn(store_, state_, storage::TxnMode::kWrite,
                           [&batch](Context& ctx) { return StoreIngest(ctx, std::move(*batch)); });
    if (!stored.ok() || (*stored && !full)) return;
  }
}

Result<Dispatcher::Work> Dispatcher::Look() {
  return RunInTxn(store_, state_, storage::TxnMode::kRead, [&](Context& ctx) -> Result<Work> {
    Work work;
    LN_ASSIGN_OR_RETURN(auto subs, ctx.store().ListWebhookSubscriptions());
    if (subs.empty()) return work;
    LN_ASSIGN_OR_RETURN(auto pending, ctx.store().ListPendingWebhookDeliveries(kDueBatch));
    const Millis now = NowMillis();
    for (const auto& d : pending) {
      if (d.due_time > now) {
        work.next_due = d.due_time;
        break;
      }
      for (const auto& s : subs) {
        if (s.id == d.subscription_id && (s.state == "active" || d.type == "verification")) work.due.push_back(d.id);
      }
    }
    return work;
  });
}

void Dispatcher::PumpOnce() {
  // Uploads expire with the passing of time, not with a write: looked for once a second.
  const auto now = std::chrono::steady_clock::now();
  if (now - last_expiry_look_ >= std::chrono::seconds(1)) {
    last_expiry_look_ = now;
    (void)RunInTxn(store_, state_, storage::TxnMode::kWrite, [](Context& ctx) { return RecordExpiredUploads(ctx); });
  }
  Ingest();
  auto work = Look();
  if (!work.ok()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    next_due_ = work->next_due;
    for (std::string& id : work->due) {
      if (in_flight_.insert(id).second) queue_.push_back(std::move(id));
    }
  }
  queue_cv_.notify_all();
}

void Dispatcher::SenderLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) break;
    std::string id = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    Deliver(id);
    lock.lock();
    in_flight_.erase(id);
  }
}

// The claim below clears the outcome; recording it sets a status or an error (a sender
// always says why there was no answer).
bool AttemptInFlight(const storage::WebhookDeliveryRecord& d) {
  return d.attempts > 0 && !d.response_status && d.error.empty();
}

void Dispatcher::Deliver(const std::string& id) {
  const double scale = state_.options.webhook_retry_scale;
  auto claimed =
      RunInTxn(store_, state_, storage::TxnMode::kWrite, [&](Context& ctx) -> Result<std::optional<Claimed>> {
        using Out = std::optional<Claimed>;
        LN_ASSIGN_OR_RETURN(auto d, ctx.store().GetWebhookDelivery(id));
        // Claimed meanwhile (its due time moved on with the attempt), possibly by another
        // server sharing the store: one attempt at a time, whichever server makes it.
        if (!d || d->status != "pending" || d->due_time > NowMillis()) return Out();
        LN_ASSIGN_OR_RETURN(auto sub, ctx.store().GetWebhookSubscription(d->subscription_id));
        if (!sub || (sub->state != "active" && d->type != "verification")) return Out();
        const Millis now = NowMillis();
        d->attempts += 1;
        Claimed c;
        c.attempt = d->attempts;
        c.request.url = sub->url;
        c.request.body = d->type == "verification"
                             ? d->payload
                             : api::WebhookBodyForAttempt(d->payload, static_cast<int>(d->attempts));
        c.request.headers = {{"Content-Type", "application/json"},
                             {"User-Agent", "notion-api"},
                             {"X-Notion-Signature", api::WebhookSignature(c.request.body, sub->verification_token)}};
        json::object headers;
        for (const auto& [name, value] : c.request.headers) headers[name] = value;
        d->request_headers = SerializeJson(headers);
        d->request_body = c.request.body;
        d->last_attempt_time = now;
        // Were the process to die during the attempt, the next one waits as after a failure.
        d->due_time = now + RetryDelayMs(d->attempts, scale);
        d->response_status.reset();
        d->error.clear();
        d->latency_ms = 0;
        LN_RETURN_IF_ERROR(ctx.store().PutWebhookDelivery(*d));
        return Out(std::move(c));
      });
  if (!claimed.ok() || !*claimed) return;
  const auto start = std::chrono::steady_clock::now();
  WebhookResponse response = sender_.Send((*claimed)->request);
  const int64_t latency =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  const int64_t attempt = (*claimed)->attempt;
  (void)RunInTxn(store_, state_, storage::TxnMode::kWrite, [&](Context& ctx) -> Result<bool> {
    LN_ASSIGN_OR_RETURN(auto d, ctx.store().GetWebhookDelivery(id));
    // Gone (subscription deleted, reset) or redelivered meanwhile: that state stands.
    if (!d || d->status != "pending" || d->attempts != attempt) return false;
    d->response_status = response.status;
    d->latency_ms = latency;
    const bool acked = response.status && *response.status >= 200 && *response.status < 300;
    d->error = acked ? "" : response.status ? "HTTP " + std::to_string(*response.status) : response.error;
    if (acked) {
      d->status = "delivered";
    } else if (d->attempts >= d->max_attempts) {
      d->status = "failed";
    } else {
      NoteDue(d->due_time);  // the retry
    }
    LN_RETURN_IF_ERROR(ctx.store().PutWebhookDelivery(*d));
    return true;
  });
}

}  // namespace localnotion::service::webhooks
