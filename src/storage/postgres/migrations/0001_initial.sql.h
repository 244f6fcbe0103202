// PostgreSQL migration 1: the whole table layout of the SQLite store as of its
// migration 7 (docs/storage.md), in one step. Everything lives in the store's schema
// (pg_store.h), which the connection's search_path names.
//
// Differences from SQLite, and why:
//  - `seq` (an identity column) stands for SQLite's rowid: an upsert keeps it, so lists
//    ordered by it stay in creation order.
//  - JSON is kept as the exact text the service wrote (key order and number spelling
//    count, as on SQLite); pages also keep their properties as `jsonb` (`props`, a
//    stored generated column) for query push-down (pg_page_scan.cc).
//  - Ids that lists order or page by are COLLATE "C", so that they sort by bytes as
//    SQLite's BINARY collation does, whatever the database's default collation is.
//  - ln_num, ln_txt and ln_rank read a property value as SQLite's json_extract gives
//    it, so that scans compare and sort exactly as on SQLite: numbers (and booleans as
//    1 and 0) before text, text by bytes, JSON null as empty.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kPgMigration0001Initial = R"sql(
CREATE TABLE meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
CREATE TABLE users (
  id             text COLLATE "C" PRIMARY KEY,
  type           text NOT NULL,
  name           text NOT NULL,
  avatar_url     text,
  email          text,
  integration_id text
);
CREATE TABLE integrations (
  id           text COLLATE "C" PRIMARY KEY,
  name         text NOT NULL,
  secret_hash  text NOT NULL UNIQUE,
  bot_user_id  text NOT NULL,
  capabilities text NOT NULL,
  created_time bigint NOT NULL
);
CREATE TABLE databases (
  seq              bigint GENERATED ALWAYS AS IDENTITY,
  id               text PRIMARY KEY,
  parent_type      text NOT NULL,
  parent_id        text NOT NULL,
  title            text NOT NULL,
  description      text NOT NULL,
  icon             text NOT NULL,
  cover            text NOT NULL,
  in_trash         boolean NOT NULL,
  is_inline        boolean NOT NULL,
  created_time     bigint NOT NULL,
  created_by       text NOT NULL,
  last_edited_time bigint NOT NULL,
  last_edited_by   text NOT NULL
);
CREATE TABLE data_sources (
  seq              bigint GENERATED ALWAYS AS IDENTITY,
  id               text PRIMARY KEY,
  database_id      text NOT NULL,
  title            text NOT NULL,
  description      text NOT NULL,
  icon             text NOT NULL,
  in_trash         boolean NOT NULL,
  created_time     bigint NOT NULL,
  created_by       text NOT NULL,
  last_edited_time bigint NOT NULL,
  last_edited_by   text NOT NULL,
  schema           text NOT NULL,
  next_unique_id   bigint NOT NULL
);
CREATE INDEX data_sources_database ON data_sources (database_id, seq);
CREATE TABLE pages (
  seq              bigint GENERATED ALWAYS AS IDENTITY,
  id               text PRIMARY KEY,
  parent_type      text NOT NULL,
  parent_id        text NOT NULL,
  properties       text NOT NULL,
  props            jsonb GENERATED ALWAYS AS (properties::jsonb) STORED,
  icon             text NOT NULL,
  cover            text NOT NULL,
  in_trash         boolean NOT NULL,
  is_locked        boolean NOT NULL,
  created_time     bigint NOT NULL,
  created_by       text NOT NULL,
  last_edited_time bigint NOT NULL,
  last_edited_by   text NOT NULL,
  title_folded     text NOT NULL
);
CREATE INDEX pages_parent ON pages (parent_id, seq);
CREATE INDEX pages_seq ON pages (seq);
CREATE TABLE shares (
  seq            bigint GENERATED ALWAYS AS IDENTITY,
  integration_id text NOT NULL,
  object_id      text NOT NULL,
  PRIMARY KEY (integration_id, object_id)
);
CREATE TABLE file_uploads (
  seq              bigint GENERATED ALWAYS AS IDENTITY,
  id               text PRIMARY KEY,
  integration_id   text NOT NULL,
  created_by       text NOT NULL,
  mode             text NOT NULL,
  status           text NOT NULL,
  filename         text,
  content_type     text,
  content_length   bigint,
  number_of_parts  bigint NOT NULL,
  external_url     text,
  created_time     bigint NOT NULL,
  last_edited_time bigint NOT NULL,
  expiry_time      bigint NOT NULL,
  attached         boolean NOT NULL
);
CREATE INDEX file_uploads_integration ON file_uploads (integration_id, seq);
CREATE TABLE file_upload_parts (
  upload_id   text NOT NULL,
  part_number bigint NOT NULL,
  bytes       bytea NOT NULL,
  PRIMARY KEY (upload_id, part_number)
);
CREATE TABLE comments (
  seq              bigint GENERATED ALWAYS AS IDENTITY,
  id               text PRIMARY KEY,
  parent_type      text NOT NULL,
  parent_id        text NOT NULL,
  discussion_id    text NOT NULL,
  rich_text        text NOT NULL,
  attachments      text NOT NULL,
  display_name     text NOT NULL,
  created_time     bigint NOT NULL,
  last_edited_time bigint NOT NULL,
  created_by       text NOT NULL
);
CREATE INDEX comments_parent ON comments (parent_id, seq);
CREATE INDEX comments_discussion ON comments (discussion_id, seq);
CREATE TABLE blocks (
  id               text PRIMARY KEY,
  parent_type      text NOT NULL,
  parent_id        text NOT NULL,
  position         bigint NOT NULL,
  type             text NOT NULL,
  content          text NOT NULL,
  in_trash         boolean NOT NULL,
  created_time     bigint NOT NULL,
  created_by       text NOT NULL,
  last_edited_time bigint NOT NULL,
  last_edited_by   text NOT NULL
);
CREATE INDEX blocks_parent ON blocks (parent_id, position);
CREATE TABLE changes (
  sequence    bigint PRIMARY KEY,
  object      text NOT NULL,
  object_id   text NOT NULL,
  kind        text NOT NULL,
  properties  text NOT NULL,
  author_id   text NOT NULL,
  time        bigint NOT NULL,
  request_id  text NOT NULL,
  history     text
);
CREATE INDEX changes_page_history ON changes (object_id, sequence) WHERE history IS NOT NULL;
CREATE TABLE webhook_subscriptions (
  id                 text PRIMARY KEY,
  integration_id     text NOT NULL,
  url                text NOT NULL,
  event_types        text NOT NULL,
  api_version        text NOT NULL,
  state              text NOT NULL,
  verification_token text NOT NULL,
  created_time       bigint NOT NULL,
  after_sequence     bigint NOT NULL,
  rank               bigint NOT NULL
);
CREATE TABLE webhook_deliveries (
  id                text PRIMARY KEY,
  subscription_id   text NOT NULL,
  type              text NOT NULL,
  entity_id         text NOT NULL,
  status            text NOT NULL,
  payload           text NOT NULL,
  attempts          bigint NOT NULL,
  max_attempts      bigint NOT NULL,
  created_time      bigint NOT NULL,
  due_time          bigint NOT NULL,
  last_attempt_time bigint NOT NULL,
  response_status   bigint,
  latency_ms        bigint NOT NULL,
  error             text NOT NULL,
  request_headers   text NOT NULL,
  request_body      text NOT NULL,
  rank              bigint NOT NULL
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (due_time, rank) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, rank);
CREATE FUNCTION ln_num(v jsonb) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE jsonb_typeof(v) WHEN 'number' THEN (v #>> '{}')::numeric
                              WHEN 'boolean' THEN CASE WHEN v = 'true'::jsonb THEN 1 ELSE 0 END END
$$;
CREATE FUNCTION ln_txt(v jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE jsonb_typeof(v) WHEN 'string' THEN v #>> '{}' WHEN 'array' THEN v::text WHEN 'object' THEN v::text END
$$;
CREATE FUNCTION ln_rank(v jsonb) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE jsonb_typeof(v) WHEN 'number' THEN 1 WHEN 'boolean' THEN 1 WHEN 'string' THEN 2
                              WHEN 'array' THEN 2 WHEN 'object' THEN 2 END
$$;
)sql";

}  // namespace localnotion::storage
