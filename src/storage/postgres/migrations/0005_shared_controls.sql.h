// PostgreSQL migration 5: the test controls that instances over one store share
// (storage/shared_controls.h). `shared_controls` holds small named values: the rate
// limit's spelling and the count of request log clears. A bucket is either a token
// bucket (`tokens` refilled since `since`) or a fixed window (started at `since`, `used`
// requests in it); setting the limit empties them all. A fault's `spec` is the HTTP
// layer's JSON, `remaining` its uses left (NULL: unlimited). A log entry is kept as
// `json`, not `jsonb`, so that it reads back byte for byte, keys in their order.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kPgMigration0005SharedControls = R"sql(
CREATE TABLE shared_controls (
  key   text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO shared_controls (key, value) VALUES ('request_log_clears', '0');
CREATE TABLE rate_limit_buckets (
  key     text PRIMARY KEY,
  tokens  double precision NOT NULL,
  since   timestamptz NOT NULL,
  used    integer NOT NULL,
  allowed boolean NOT NULL
);
CREATE TABLE faults (
  position  bigserial PRIMARY KEY,
  id        text NOT NULL UNIQUE,
  spec      text NOT NULL,
  remaining integer
);
CREATE TABLE request_log (
  seq              bigserial PRIMARY KEY,
  path             text NOT NULL,
  status           integer NOT NULL,
  integration_id   text NOT NULL,
  integration_name text NOT NULL,
  entry            json NOT NULL
);
)sql";

}  // namespace localnotion::storage
