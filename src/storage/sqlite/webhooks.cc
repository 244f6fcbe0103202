// SqliteConnection: webhook subscriptions and deliveries (migrations/0007_webhooks.sql.h).
// They are written a few times per event, never on the path of a /v1 request, so the
// statements are prepared per call, but for the two the webhook pump runs on every pass
// (every 100 ms), which are kept. `rank` keeps the creation order across updates (an
// upsert keeps the row's rank).
#include <sqlite3.h>

#include "common/json.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {
namespace {

Result<std::unique_ptr<Statement>> PrepareWebhookSql(sqlite3* db, const char* sql) {
  auto st = std::make_unique<Statement>(db, sql);
  if (!st->valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
  return st;
}

// `kept`, prepared on first use.
Result<Statement*> KeptWebhookSql(sqlite3* db, std::unique_ptr<Statement>& kept, const std::string& sql) {
  if (!kept) {
    LN_ASSIGN_OR_RETURN(kept, PrepareWebhookSql(db, sql.c_str()));
  }
  return kept.get();
}

constexpr const char* kSubscriptionColumns =
    "id, integration_id, url, event_types, api_version, state, verification_token, created_time, after_sequence";

Result<WebhookSubscriptionRecord> ReadSubscription(const Statement& st) {
  WebhookSubscriptionRecord s;
  s.id = st.Text(0);
  s.integration_id = st.Text(1);
  s.url = st.Text(2);
  auto types = ParseJson(st.Text(3));
  if (!types || !types->is_array()) return InternalError("sqlite: corrupt webhook subscription row");
  for (const json::value& t : types->get_array()) {
    if (t.is_string()) s.event_types.emplace_back(t.get_string());
  }
  s.api_version = st.Text(4);
  s.state = st.Text(5);
  s.verification_token = st.Text(6);
  s.created_time = st.Int(7);
  s.after_sequence = st.Int(8);
  return s;
}

constexpr const char* kDeliveryColumns =
    "id, subscription_id, type, entity_id, status, payload, attempts, max_attempts, created_time, due_time, "
    "last_attempt_time, response_status, latency_ms, error, request_headers, request_body";

WebhookDeliveryRecord ReadDelivery(const Statement& st) {
  WebhookDeliveryRecord d;
  d.id = st.Text(0);
  d.subscription_id = st.Text(1);
  d.type = st.Text(2);
  d.entity_id = st.Text(3);
  d.status = st.Text(4);
  d.payload = st.Text(5);
  d.attempts = st.Int(6);
  d.max_attempts = st.Int(7);
  d.created_time = st.Int(8);
  d.due_time = st.Int(9);
  d.last_attempt_time = st.Int(10);
  if (std::optional<std::string> status = st.NullableText(11)) d.response_status = std::stoll(*status);
  d.latency_ms = st.Int(12);
  d.error = st.Text(13);
  d.request_headers = st.Text(14);
  d.request_body = st.Text(15);
  return d;
}

// Runs a prepared SELECT and reads every row with `read`.
template <class T, class F>
Result<std::vector<T>> ReadAll(Statement& st, F read) {
  std::vector<T> out;
  while (true) {
    auto row = st.StepRow();
    if (!row.ok()) {
      st.Reset();
      return std::move(row).error();
    }
    if (!*row) break;
    Result<T> item = read(st);
    if (!item.ok()) {
      st.Reset();
      return std::move(item).error();
    }
    out.push_back(std::move(*item));
  }
  st.Reset();
  return out;
}

}  // namespace

Status SqliteConnection::PutWebhookSubscription(const WebhookSubscriptionRecord& s) {
  LN_ASSIGN_OR_RETURN(
      auto st,
      PrepareWebhookSql(db_,
                        "INSERT INTO webhook_subscriptions (id, integration_id, url, event_types, api_version, state, "
                        "verification_token, created_time, after_sequence, rank) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                        "?8, ?9, (SELECT coalesce(max(rank), 0) + 1 FROM webhook_subscriptions)) "
                        "ON CONFLICT(id) DO UPDATE SET integration_id = ?2, url = ?3, event_types = ?4, "
                        "api_version = ?5, state = ?6, verification_token = ?7, created_time = ?8, "
                        "after_sequence = ?9"));
  json::array types;
  for (const std::string& t : s.event_types) types.emplace_back(t);
  st->Bind(1, s.id).Bind(2, s.integration_id).Bind(3, s.url).Bind(4, SerializeJson(types));
  st->Bind(5, s.api_version).Bind(6, s.state).Bind(7, s.verification_token);
  st->Bind(8, s.created_time).Bind(9, s.after_sequence);
  return st->Run();
}

Result<std::optional<WebhookSubscriptionRecord>> SqliteConnection::GetWebhookSubscription(std::string_view id) {
  LN_ASSIGN_OR_RETURN(
      auto st,
      PrepareWebhookSql(
          db_, (std::string("SELECT ") + kSubscriptionColumns + " FROM webhook_subscriptions WHERE id = ?1").c_str()));
  st->Bind(1, id);
  LN_ASSIGN_OR_RETURN(auto all, ReadAll<WebhookSubscriptionRecord>(*st, ReadSubscription));
  if (all.empty()) return std::optional<WebhookSubscriptionRecord>();
  return std::optional<WebhookSubscriptionRecord>(std::move(all[0]));
}

Result<std::vector<WebhookSubscriptionRecord>> SqliteConnection::ListWebhookSubscriptions() {
  LN_ASSIGN_OR_RETURN(Statement * st, KeptWebhookSql(db_, list_webhook_subscriptions_,
                                                     std::string("SELECT ") + kSubscriptionColumns +
                                                         " FROM webhook_subscriptions ORDER BY rank"));
  return ReadAll<WebhookSubscriptionRecord>(*st, ReadSubscription);
}

Status SqliteConnection::DeleteWebhookSubscription(std::string_view id) {
  LN_ASSIGN_OR_RETURN(auto deliveries,
                      PrepareWebhookSql(db_, "DELETE FROM webhook_deliveries WHERE subscription_id = ?1"));
  deliveries->Bind(1, id);
  LN_RETURN_IF_ERROR(deliveries->Run());
  LN_ASSIGN_OR_RETURN(auto st, PrepareWebhookSql(db_, "DELETE FROM webhook_subscriptions WHERE id = ?1"));
  st->Bind(1, id);
  return st->Run();
}

Status SqliteConnection::PutWebhookDelivery(const WebhookDeliveryRecord& d) {
  LN_ASSIGN_OR_RETURN(
      auto st,
      PrepareWebhookSql(db_,
                        "INSERT INTO webhook_deliveries (id, subscription_id, type, entity_id, status, payload, "
                        "attempts, max_attempts, created_time, due_time, last_attempt_time, response_status, "
                        "latency_ms, error, request_headers, request_body, rank) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                        "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                        "(SELECT coalesce(max(rank), 0) + 1 FROM webhook_deliveries)) "
                        "ON CONFLICT(id) DO UPDATE SET subscription_id = ?2, type = ?3, entity_id = ?4, status = ?5, "
                        "payload = ?6, attempts = ?7, max_attempts = ?8, created_time = ?9, due_time = ?10, "
                        "last_attempt_time = ?11, response_status = ?12, latency_ms = ?13, error = ?14, "
                        "request_headers = ?15, request_body = ?16"));
  st->Bind(1, d.id).Bind(2, d.subscription_id).Bind(3, d.type).Bind(4, d.entity_id).Bind(5, d.status);
  st->Bind(6, d.payload).Bind(7, d.attempts).Bind(8, d.max_attempts).Bind(9, d.created_time);
  st->Bind(10, d.due_time).Bind(11, d.last_attempt_time);
  st->BindNullable(12,
                   d.response_status ? std::optional<std::string>(std::to_string(*d.response_status)) : std::nullopt);
  st->Bind(13, d.latency_ms).Bind(14, d.error).Bind(15, d.request_headers).Bind(16, d.request_body);
  return st->Run();
}

Result<std::optional<WebhookDeliveryRecord>> SqliteConnection::GetWebhookDelivery(std::string_view id) {
  LN_ASSIGN_OR_RETURN(
      auto st,
      PrepareWebhookSql(
          db_, (std::string("SELECT ") + kDeliveryColumns + " FROM webhook_deliveries WHERE id = ?1").c_str()));
  st->Bind(1, id);
  LN_ASSIGN_OR_RETURN(auto all,
                      ReadAll<WebhookDeliveryRecord>(
                          *st, [](const Statement& s) -> Result<WebhookDeliveryRecord> { return ReadDelivery(s); }));
  if (all.empty()) return std::optional<WebhookDeliveryRecord>();
  return std::optional<WebhookDeliveryRecord>(std::move(all[0]));
}

Status SqliteConnection::DeleteWebhookDelivery(std::string_view id) {
  LN_ASSIGN_OR_RETURN(auto st, PrepareWebhookSql(db_, "DELETE FROM webhook_deliveries WHERE id = ?1"));
  st->Bind(1, id);
  return st->Run();
}

Result<std::vector<WebhookDeliveryRecord>> SqliteConnection::ListWebhookDeliveries(std::string_view subscription_id,
                                                                                   int limit) {
  LN_ASSIGN_OR_RETURN(auto st, PrepareWebhookSql(db_, (std::string("SELECT ") + kDeliveryColumns +
                                                       " FROM webhook_deliveries WHERE ?1 = '' OR subscription_id = ?1 "
                                                       "ORDER BY rank DESC LIMIT ?2")
                                                          .c_str()));
  st->Bind(1, subscription_id).Bind(2, int64_t{limit});
  return ReadAll<WebhookDeliveryRecord>(
      *st, [](const Statement& s) -> Result<WebhookDeliveryRecord> { return ReadDelivery(s); });
}

Result<std::vector<WebhookDeliveryRecord>> SqliteConnection::ListPendingWebhookDeliveries(int limit) {
  LN_ASSIGN_OR_RETURN(Statement * st, KeptWebhookSql(db_, list_pending_deliveries_,
                                                     std::string("SELECT ") + kDeliveryColumns +
                                                         " FROM webhook_deliveries WHERE status = 'pending' "
                                                         "ORDER BY due_time, rank LIMIT ?1"));
  st->Bind(1, int64_t{limit});
  return ReadAll<WebhookDeliveryRecord>(
      *st, [](const Statement& s) -> Result<WebhookDeliveryRecord> { return ReadDelivery(s); });
}

Result<int64_t> SqliteConnection::LastChangeSequence() {
  LN_ASSIGN_OR_RETURN(auto st, PrepareWebhookSql(db_, "SELECT coalesce(max(sequence), 0) FROM changes"));
  LN_ASSIGN_OR_RETURN(bool row, st->StepRow());
  int64_t last = row ? st->Int(0) : 0;
  st->Reset();
  return last;
}

}  // namespace localnotion::storage
