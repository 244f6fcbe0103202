// Migration 7: webhook subscriptions and their deliveries (storage/webhook_records.h).
// `event_types` is a JSON array of strings, `request_headers` a JSON object. The index
// lets the delivery loop find what is due without reading delivered rows.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kMigration0007Webhooks = R"sql(
CREATE TABLE IF NOT EXISTS webhook_subscriptions (
  id                 TEXT PRIMARY KEY,
  integration_id     TEXT NOT NULL,
  url                TEXT NOT NULL,
  event_types        TEXT NOT NULL,
  api_version        TEXT NOT NULL,
  state              TEXT NOT NULL,
  verification_token TEXT NOT NULL,
  created_time       INTEGER NOT NULL,
  after_sequence     INTEGER NOT NULL,
  rank               INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id                TEXT PRIMARY KEY,
  subscription_id   TEXT NOT NULL,
  type              TEXT NOT NULL,
  entity_id         TEXT NOT NULL,
  status            TEXT NOT NULL,
  payload           TEXT NOT NULL,
  attempts          INTEGER NOT NULL,
  max_attempts      INTEGER NOT NULL,
  created_time      INTEGER NOT NULL,
  due_time          INTEGER NOT NULL,
  last_attempt_time INTEGER NOT NULL,
  response_status   INTEGER,
  latency_ms        INTEGER NOT NULL,
  error             TEXT NOT NULL,
  request_headers   TEXT NOT NULL,
  request_body      TEXT NOT NULL,
  rank              INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_pending ON webhook_deliveries(due_time) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS webhook_deliveries_by_subscription ON webhook_deliveries(subscription_id, rank);
)sql";

}  // namespace localnotion::storage
