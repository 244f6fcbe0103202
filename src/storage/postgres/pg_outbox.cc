// PgRecords: the change outbox with the page history it carries, and webhook
// subscriptions and deliveries. Sequences and ranks are the last one plus one, as
// SQLite's INTEGER PRIMARY KEY assigns them, and numbers start again at 1 once reset has
// emptied the outbox, as on SQLite. Ranks are taken under their table's advisory lock.
//
// Sequences follow commit order, so that a reader going forward from a sequence (the
// webhook ingest cursor) never misses a change committed later with a smaller number:
// AppendChange keeps the change in memory, and FlushChanges (called by PgStore just
// before COMMIT, and before anything here that reads changes) takes the outbox lock,
// numbers the changes after the last committed one and inserts them; the lock is held
// until the transaction has ended (pg_store.h, "Commits"). The changes of one object
// follow that object's row lock, so its history is in the order its writes committed.
#include "storage/postgres/pg_records.h"
#include "storage/record_columns.h"

namespace localnotion::storage {
namespace {

constexpr const char* kSubscriptionSelect =
    "SELECT id, integration_id, url, event_types, api_version, state, verification_token, created_time, "
    "after_sequence FROM webhook_subscriptions";
constexpr const char* kDeliverySelect =
    "SELECT id, subscription_id, type, entity_id, status, payload, attempts, max_attempts, created_time, due_time, "
    "last_attempt_time, response_status, latency_ms, error, request_headers, request_body FROM webhook_deliveries";

Result<std::vector<WebhookSubscriptionRecord>> ReadSubscriptions(const PgRows& rows) {
  std::vector<WebhookSubscriptionRecord> out;
  for (int r = 0; r < rows.size(); ++r) {
    WebhookSubscriptionRecord s;
    s.id = rows.Text(r, 0);
    s.integration_id = rows.Text(r, 1);
    s.url = rows.Text(r, 2);
    auto types = ParseJson(rows.Text(r, 3));
    if (!types || !types->is_array()) return InternalError("postgresql: corrupt webhook subscription row");
    for (const json::value& t : types->get_array()) {
      if (t.is_string()) s.event_types.emplace_back(t.get_string());
    }
    s.api_version = rows.Text(r, 4);
    s.state = rows.Text(r, 5);
    s.verification_token = rows.Text(r, 6);
    s.created_time = rows.Int(r, 7);
    s.after_sequence = rows.Int(r, 8);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<WebhookDeliveryRecord> ReadDeliveries(const PgRows& rows) {
  std::vector<WebhookDeliveryRecord> out;
  for (int r = 0; r < rows.size(); ++r) {
    WebhookDeliveryRecord d;
    d.id = rows.Text(r, 0);
    d.subscription_id = rows.Text(r, 1);
    d.type = rows.Text(r, 2);
    d.entity_id = rows.Text(r, 3);
    d.status = rows.Text(r, 4);
    d.payload = rows.Text(r, 5);
    d.attempts = rows.Int(r, 6);
    d.max_attempts = rows.Int(r, 7);
    d.created_time = rows.Int(r, 8);
    d.due_time = rows.Int(r, 9);
    d.last_attempt_time = rows.Int(r, 10);
    if (!rows.IsNull(r, 11)) d.response_status = rows.Int(r, 11);
    d.latency_ms = rows.Int(r, 12);
    d.error = rows.Text(r, 13);
    d.request_headers = rows.Text(r, 14);
    d.request_body = rows.Text(r, 15);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

Status PgRecords::AppendChange(const ChangeRecord& c) {
  LN_RETURN_IF_ERROR(CheckWritable());
  pending_.push_back(c);
  return OkStatus();
}

Status PgRecords::FlushChanges() {
  std::vector<PgStep> steps;
  LN_RETURN_IF_ERROR(FlushSteps(steps));
  return conn_.Pipeline(steps);
}

Status PgRecords::FlushSteps(std::vector<PgStep>& steps) {
  if (pending_.empty()) return OkStatus();
  LN_RETURN_IF_ERROR(CheckWritable());
  // The lock and the inserts go in one round trip; each insert, a statement of its own,
  // sees every change committed before the lock was granted.
  if (!flushed_) {
    PgParams key;
    key.Text("outbox");
    steps.push_back({kLockKeySql, std::move(key), true, ""});
  }
  flushed_ = true;
  std::vector<ChangeRecord> pending = std::move(pending_);
  pending_.clear();
  for (const ChangeRecord& c : pending) {
    json::array properties;
    for (const std::string& id : c.properties) properties.emplace_back(id);
    PgParams params;
    params.Text(c.object).Text(c.object_id).Text(c.kind).Text(SerializeJson(properties)).Text(c.author_id);
    params.Int(c.time).Text(c.request_id);
    params.Opt(c.history ? std::optional<std::string>(HistoryColumn(*c.history)) : std::nullopt);
    steps.push_back(
        {"INSERT INTO changes (sequence, object, object_id, kind, properties, author_id, time, request_id, history) "
         "SELECT coalesce(max(sequence), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8 FROM changes",
         std::move(params), true, ""});
  }
  return OkStatus();
}

Result<std::vector<ChangeRecord>> PgRecords::ListChanges(int64_t after_sequence, int limit, bool with_history) {
  LN_RETURN_IF_ERROR(FlushChanges());
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query("SELECT sequence, object, object_id, kind, properties, author_id, time, "
                                               "request_id, history FROM changes WHERE sequence > $1 "
                                               "ORDER BY sequence LIMIT $2",
                                               PgParams().Int(after_sequence).Int(limit)));
  std::vector<ChangeRecord> out;
  for (int r = 0; r < rows.size(); ++r) {
    ChangeRecord c;
    c.sequence = rows.Int(r, 0);
    c.object = rows.Text(r, 1);
    c.object_id = rows.Text(r, 2);
    c.kind = rows.Text(r, 3);
    auto properties = ParseJson(rows.Text(r, 4));
    if (!properties || !properties->is_array()) return InternalError("postgresql: corrupt change row");
    for (const auto& id : properties->get_array()) {
      if (id.is_string()) c.properties.emplace_back(id.get_string());
    }
    c.author_id = rows.Text(r, 5);
    c.time = rows.Int(r, 6);
    c.request_id = rows.Text(r, 7);
    if (std::optional<std::string> history = with_history ? rows.Nullable(r, 8) : std::nullopt) {
      c.history = ReadHistory(*history, c.sequence, c.object_id, c.request_id);
      if (!c.history) return InternalError("postgresql: corrupt change history");
    }
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<PageHistoryRecord>> PgRecords::ListPageHistory(std::string_view page_id) {
  LN_RETURN_IF_ERROR(FlushChanges());
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query("SELECT sequence, request_id, history FROM changes "
                                               "WHERE object_id = $1 AND history IS NOT NULL ORDER BY sequence",
                                               PgParams().Text(page_id)));
  std::vector<PageHistoryRecord> out;
  for (int r = 0; r < rows.size(); ++r) {
    auto entry = ReadHistory(rows.Text(r, 2), rows.Int(r, 0), std::string(page_id), rows.Text(r, 1));
    if (!entry) return InternalError("postgresql: corrupt page history");
    out.push_back(std::move(*entry));
  }
  return out;
}

Result<int64_t> PgRecords::LastChangeSequence() {
  LN_RETURN_IF_ERROR(FlushChanges());
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query("SELECT coalesce(max(sequence), 0) FROM changes"));
  return rows.Int(0, 0);
}

Status PgRecords::PutWebhookSubscription(const WebhookSubscriptionRecord& s) {
  json::array types;
  for (const std::string& t : s.event_types) types.emplace_back(t);
  PgParams params;
  params.Text(s.id).Text(s.integration_id).Text(s.url).Text(SerializeJson(types)).Text(s.api_version);
  params.Text(s.state).Text(s.verification_token).Int(s.created_time).Int(s.after_sequence);
  LN_RETURN_IF_ERROR(LockKey("rank:webhook_subscriptions"));  // max(rank) + 1
  return Run(
      "INSERT INTO webhook_subscriptions (id, integration_id, url, event_types, api_version, state, "
      "verification_token, created_time, after_sequence, rank) "
      "SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce(max(rank), 0) + 1 FROM webhook_subscriptions "
      "ON CONFLICT (id) DO UPDATE SET integration_id = EXCLUDED.integration_id, url = EXCLUDED.url, "
      "event_types = EXCLUDED.event_types, api_version = EXCLUDED.api_version, state = EXCLUDED.state, "
      "verification_token = EXCLUDED.verification_token, created_time = EXCLUDED.created_time, "
      "after_sequence = EXCLUDED.after_sequence",
      params);
}

Result<std::optional<WebhookSubscriptionRecord>> PgRecords::GetWebhookSubscription(std::string_view id) {
  LN_ASSIGN_OR_RETURN(
      PgRows rows, conn_.Query(std::string(kSubscriptionSelect) + " WHERE id = $1" + (writable_ ? " FOR UPDATE" : ""),
                               PgParams().Text(id)));
  LN_ASSIGN_OR_RETURN(auto all, ReadSubscriptions(rows));
  if (all.empty()) return std::optional<WebhookSubscriptionRecord>();
  return std::optional<WebhookSubscriptionRecord>(std::move(all.front()));
}

Result<std::vector<WebhookSubscriptionRecord>> PgRecords::ListWebhookSubscriptions() {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(std::string(kSubscriptionSelect) + " ORDER BY rank"));
  return ReadSubscriptions(rows);
}

Status PgRecords::DeleteWebhookSubscription(std::string_view id) {
  LN_RETURN_IF_ERROR(Run("DELETE FROM webhook_deliveries WHERE subscription_id = $1", PgParams().Text(id)));
  return Run("DELETE FROM webhook_subscriptions WHERE id = $1", PgParams().Text(id));
}

Status PgRecords::PutWebhookDelivery(const WebhookDeliveryRecord& d) {
  PgParams params;
  params.Text(d.id).Text(d.subscription_id).Text(d.type).Text(d.entity_id).Text(d.status).Text(d.payload);
  params.Int(d.attempts).Int(d.max_attempts).Int(d.created_time).Int(d.due_time).Int(d.last_attempt_time);
  if (d.response_status) {
    params.Int(*d.response_status);
  } else {
    params.Null();
  }
  params.Int(d.latency_ms).Text(d.error).Text(d.request_headers).Text(d.request_body);
  LN_RETURN_IF_ERROR(LockKey("rank:webhook_deliveries"));  // max(rank) + 1
  return Run(
      "INSERT INTO webhook_deliveries (id, subscription_id, type, entity_id, status, payload, attempts, "
      "max_attempts, created_time, due_time, last_attempt_time, response_status, latency_ms, error, "
      "request_headers, request_body, rank) "
      "SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, coalesce(max(rank), 0) + 1 "
      "FROM webhook_deliveries "
      "ON CONFLICT (id) DO UPDATE SET subscription_id = EXCLUDED.subscription_id, type = EXCLUDED.type, "
      "entity_id = EXCLUDED.entity_id, status = EXCLUDED.status, payload = EXCLUDED.payload, "
      "attempts = EXCLUDED.attempts, max_attempts = EXCLUDED.max_attempts, "
      "created_time = EXCLUDED.created_time, due_time = EXCLUDED.due_time, "
      "last_attempt_time = EXCLUDED.last_attempt_time, response_status = EXCLUDED.response_status, "
      "latency_ms = EXCLUDED.latency_ms, error = EXCLUDED.error, request_headers = EXCLUDED.request_headers, "
      "request_body = EXCLUDED.request_body",
      params);
}

Result<std::optional<WebhookDeliveryRecord>> PgRecords::GetWebhookDelivery(std::string_view id) {
  LN_ASSIGN_OR_RETURN(PgRows rows,
                      conn_.Query(std::string(kDeliverySelect) + " WHERE id = $1" + (writable_ ? " FOR UPDATE" : ""),
                                  PgParams().Text(id)));
  auto all = ReadDeliveries(rows);
  if (all.empty()) return std::optional<WebhookDeliveryRecord>();
  return std::optional<WebhookDeliveryRecord>(std::move(all.front()));
}

Status PgRecords::DeleteWebhookDelivery(std::string_view id) {
  return Run("DELETE FROM webhook_deliveries WHERE id = $1", PgParams().Text(id));
}

Result<std::vector<WebhookDeliveryRecord>> PgRecords::ListWebhookDeliveries(std::string_view subscription_id,
                                                                            int limit) {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(std::string(kDeliverySelect) +
                                                   " WHERE $1 = '' OR subscription_id = $1 ORDER BY rank DESC LIMIT $2",
                                               PgParams().Text(subscription_id).Int(limit)));
  return ReadDeliveries(rows);
}

Result<std::vector<WebhookDeliveryRecord>> PgRecords::ListPendingWebhookDeliveries(int limit) {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(std::string(kDeliverySelect) +
                                                   " WHERE status = 'pending' ORDER BY due_time, rank LIMIT $1",
                                               PgParams().Int(limit)));
  return ReadDeliveries(rows);
}

}  // namespace localnotion::storage
