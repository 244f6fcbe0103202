#include "storage/postgres/pg_controls.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <vector>

#include "common/json.h"

namespace localnotion::storage {
namespace {

constexpr const char* kBumpGeneration = "UPDATE cache_generation SET value = value + 1 WHERE id = 1";

// Appends to the log take turns on this transaction-level lock, so that sequence numbers
// commit in order and a reader that saw one has seen every smaller one (the live log
// follows the sequence, http/request_log.h).
constexpr const char* kLogLock =
    "SELECT pg_advisory_xact_lock(hashtextextended('localnotion:request_log:' || current_schema(), 0))";

// The rows of an append to the request log, the batch $1 (a JSON array), and the delete
// of the rows that fell out of the last $2 sequence numbers, above $3 (rows at or below
// it are gone already), in one statement run after kLogLock's lock was granted, so that
// its snapshot holds every append before it (PostgreSQL runs the delete whether or not
// the query reads it). Answers the sequence number at or below which every row is now
// gone, when that is above $3.
constexpr const char* kAppendRequests = R"sql(
WITH added AS (
  INSERT INTO request_log (path, status, integration_id, integration_name, entry)
  SELECT path, status, integration_id, integration_name, entry
  FROM json_to_recordset($1::json) AS x(path text, status int, integration_id text, integration_name text, entry json)
  RETURNING seq
), cut AS (
  SELECT max(seq) - $2::bigint AS at FROM added
), gone AS (
  DELETE FROM request_log WHERE seq > $3::bigint AND seq <= (SELECT at FROM cut)
)
SELECT at FROM cut)sql";

// A token bucket as one statement: refilled for the time since it was last touched (the
// database's clock, read once the row is locked), then one token taken if there is one.
// A refused request takes nothing; RETURNING gives the tokens left.
constexpr const char* kTakeFromBucket = R"sql(
INSERT INTO rate_limit_buckets AS b (key, tokens, since, used, allowed)
VALUES ($1, $3::float8 - 1, clock_timestamp(), 0, true)
ON CONFLICT (key) DO UPDATE SET
  tokens = least($3::float8, b.tokens + greatest(0, extract(epoch FROM clock_timestamp() - b.since)) * $2::float8)
           - CASE WHEN least($3::float8, b.tokens + greatest(0, extract(epoch FROM clock_timestamp() - b.since))
                                              * $2::float8) >= 1 THEN 1 ELSE 0 END,
  allowed = least($3::float8, b.tokens + greatest(0, extract(epoch FROM clock_timestamp() - b.since)) * $2::float8) >= 1,
  since = greatest(b.since, clock_timestamp())
RETURNING allowed, tokens)sql";

// A fixed window as one statement: a window over starts afresh with this request.
constexpr const char* kTakeFromWindow = R"sql(
INSERT INTO rate_limit_buckets AS b (key, tokens, since, used, allowed)
VALUES ($1, 0, clock_timestamp(), 1, true)
ON CONFLICT (key) DO UPDATE SET
  since = CASE WHEN clock_timestamp() - b.since >= $3::bigint * interval '1 millisecond'
               THEN clock_timestamp() ELSE b.since END,
  used = CASE WHEN clock_timestamp() - b.since >= $3::bigint * interval '1 millisecond' THEN 1
              WHEN b.used < $2::int THEN b.used + 1 ELSE b.used END,
  allowed = clock_timestamp() - b.since >= $3::bigint * interval '1 millisecond' OR b.used < $2::int
RETURNING allowed, extract(epoch FROM since + $3::bigint * interval '1 millisecond' - clock_timestamp())::float8)sql";

constexpr const char* kFindRequests = R"sql(
SELECT c.value::bigint, r.seq, r.entry
FROM shared_controls c LEFT JOIN LATERAL (
  SELECT seq, entry::text AS entry FROM request_log
  WHERE seq > $1::bigint
    AND ($2::text IS NULL OR CASE WHEN right($2::text, 1) = '*' THEN starts_with(path, left($2::text, -1))
                                  ELSE path = $2::text END)
    AND ($3::int IS NULL OR status = $3::int)
    AND ($4::text IS NULL OR integration_id = $4::text OR integration_name = $4::text)
  ORDER BY seq LIMIT $5::int) r ON true
WHERE c.key = 'request_log_clears'
ORDER BY r.seq)sql";

Status Done(const Result<PgRows>& rows) { return rows.ok() ? OkStatus() : Status(rows.error()); }

std::string Quoted(std::string_view text) { return SerializeJson(json::value(json::string(text))); }

std::optional<double> Wait(const PgRows& rows) {
  if (rows.Bool(0, 0)) return std::nullopt;
  return std::strtod(rows.Text(0, 1).c_str(), nullptr);
}

}  // namespace

Status PgControls::With(const std::function<Status(PgConnection&)>& fn) {
  for (int attempt = 0;; ++attempt) {
    std::unique_ptr<PgConnection> conn;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        conn = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    const bool pooled = conn != nullptr;
    if (!conn) {
      LN_ASSIGN_OR_RETURN(conn, PgConnection::Connect(conninfo_, schema_));
    }
    Status done = fn(*conn);
    if (!done.ok() && conn->in_transaction() && !conn->broken()) (void)conn->Exec("ROLLBACK");
    const bool broken = conn->broken();
    if (!broken && !conn->in_transaction()) {
      std::lock_guard<std::mutex> lock(mu_);
      idle_.push_back(std::move(conn));
    } else if (broken) {
      // Usually the server restarted: the idle ones are broken too.
      std::lock_guard<std::mutex> lock(mu_);
      idle_.clear();
    }
    if (done.ok() || !broken || !pooled || attempt > 0) return done;
  }
}

Status PgControls::InTransaction(const std::function<Status(PgConnection&)>& fn) {
  return With([&](PgConnection& conn) -> Status {
    LN_RETURN_IF_ERROR(conn.Exec("BEGIN"));
    LN_RETURN_IF_ERROR(fn(conn));
    return conn.Exec("COMMIT");
  });
}

Status PgControls::BumpGeneration() {
  return With([](PgConnection& conn) { return Done(conn.Query(kBumpGeneration)); });
}

Result<std::optional<std::string>> PgControls::RateLimit() {
  std::optional<std::string> spelling;
  LN_RETURN_IF_ERROR(With([&](PgConnection& conn) -> Status {
    LN_ASSIGN_OR_RETURN(PgRows rows, conn.Query("SELECT value FROM shared_controls WHERE key = 'rate_limit'"));
    if (rows.size() == 1) spelling = rows.Text(0, 0);
    return OkStatus();
  }));
  return spelling;
}

Status PgControls::SetRateLimit(std::string_view spelling) {
  return InTransaction([&](PgConnection& conn) -> Status {
    LN_RETURN_IF_ERROR(
        Done(conn.Query("INSERT INTO shared_controls (key, value) VALUES ('rate_limit', $1) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        PgParams().Text(spelling))));
    LN_RETURN_IF_ERROR(Done(conn.Query("DELETE FROM rate_limit_buckets")));
    return Done(conn.Query(kBumpGeneration));
  });
}

Result<std::optional<double>> PgControls::TakeFromBucket(std::string_view key, double per_second, double burst) {
  std::optional<double> wait;
  LN_RETURN_IF_ERROR(With([&](PgConnection& conn) -> Status {
    std::string rate = std::to_string(per_second), cap = std::to_string(burst);
    LN_ASSIGN_OR_RETURN(PgRows rows, conn.Query(kTakeFromBucket, PgParams().Text(key).Text(rate).Text(cap)));
    if (!rows.Bool(0, 0)) wait = (1 - std::strtod(rows.Text(0, 1).c_str(), nullptr)) / per_second;
    return OkStatus();
  }));
  return wait;
}

Result<std::optional<double>> PgControls::TakeFromWindow(std::string_view key, int per_window, int64_t window_ms) {
  std::optional<double> wait;
  LN_RETURN_IF_ERROR(With([&](PgConnection& conn) -> Status {
    LN_ASSIGN_OR_RETURN(PgRows rows, conn.Query(kTakeFromWindow, PgParams().Text(key).Int(per_window).Int(window_ms)));
    wait = Wait(rows);
    return OkStatus();
  }));
  return wait;
}

Result<SharedControls::FaultList> PgControls::ListFaults() {
  FaultList list;
  LN_RETURN_IF_ERROR(With([&](PgConnection& conn) -> Status {
    LN_ASSIGN_OR_RETURN(PgRows rows, conn.Query("SELECT g.value, f.id, f.spec, f.remaining FROM cache_generation g "
                                                "LEFT JOIN faults f ON f.remaining IS NULL OR f.remaining > 0 "
                                                "WHERE g.id = 1 ORDER BY f.position"));
    for (int i = 0; i < rows.size(); ++i) {
      list.generation = rows.Int(i, 0);
      if (rows.IsNull(i, 1)) continue;
      StoredFault f{rows.Text(i, 1), rows.Text(i, 2), std::nullopt};
      if (!rows.IsNull(i, 3)) f.remaining = static_cast<int>(rows.Int(i, 3));
      list.faults.push_back(std::move(f));
    }
    return OkStatus();
  }));
  return list;
}

Status PgControls::AddFault(const StoredFault& fault) {
  return InTransaction([&](PgConnection& conn) -> Status {
    PgParams params;
    params.Text(fault.id).Text(fault.spec);
    if (fault.remaining) {
      params.Int(*fault.remaining);
    } else {
      params.Null();
    }
    LN_RETURN_IF_ERROR(Done(conn.Query("INSERT INTO faults (id, spec, remaining) VALUES ($1, $2, $3::int)", params)));
    return Done(conn.Query(kBumpGeneration));
  });
}

Result<bool> PgControls::RemoveFault(std::string_view id) {
  bool removed = false;
  LN_RETURN_IF_ERROR(InTransaction([&](PgConnection& conn) -> Status {
    LN_ASSIGN_OR_RETURN(
        PgRows rows,
        conn.Query("DELETE FROM faults WHERE id = $1 AND (remaining IS NULL OR remaining > 0)", PgParams().Text(id)));
    removed = rows.Affected() > 0;
    return removed ? Done(conn.Query(kBumpGeneration)) : OkStatus();
  }));
  return removed;
}

Status PgControls::ClearFaults() {
  return InTransaction([&](PgConnection& conn) -> Status {
    LN_RETURN_IF_ERROR(Done(conn.Query("DELETE FROM faults")));
    return Done(conn.Query(kBumpGeneration));
  });
}

Result<std::optional<int>> PgControls::UseFault(std::string_view id) {
  std::optional<int> left;
  LN_RETURN_IF_ERROR(With([&](PgConnection& conn) -> Status {
    LN_ASSIGN_OR_RETURN(PgRows rows, conn.Query("UPDATE faults SET remaining = remaining - 1 "
                                                "WHERE id = $1 AND remaining > 0 RETURNING remaining",
                                                PgParams().Text(id)));
    if (rows.size() == 0) return OkStatus();
    left = static_cast<int>(rows.Int(0, 0));
    if (*left > 0) return OkStatus();
    return Done(conn.Query("DELETE FROM faults WHERE id = $1 AND remaining <= 0", PgParams().Text(id)));
  }));
  return left;
}

Status PgControls::AppendRequests(const std::vector<LoggedRequest>& entries, int keep) {
  if (entries.empty()) return OkStatus();
  // One statement for the batch: its rows as a JSON array, each entry embedded as is.
  std::string batch = "[";
  for (const LoggedRequest& e : entries) {
    if (batch.size() > 1) batch += ',';
    batch += "{\"path\":" + Quoted(e.path) + ",\"status\":" + std::to_string(e.status) +
             ",\"integration_id\":" + Quoted(e.integration_id) + ",\"integration_name\":" + Quoted(e.integration_name) +
             ",\"entry\":" + e.entry + "}";
  }
  batch += "]";
  // What falls out of the log is found by its sequence number, below the newest one
  // less `keep`, and only above what this process deleted before: finding the entry
  // `keep` places back (ORDER BY seq DESC OFFSET keep) and deleting everything below it
  // read a thousand index entries and then the dead rows of every earlier delete that
  // vacuum had not yet removed, about 1 ms of PostgreSQL's CPU per append, more than
  // the requests it logged (docs/benchmarks.md). The transaction's four statements go
  // in one round trip (PgConnection::Pipeline).
  const int64_t trimmed = log_trimmed_.load();
  int64_t cut = trimmed;
  Status appended = With([&](PgConnection& conn) -> Status {
    std::optional<PgRows> rows;
    std::vector<PgStep> steps;
    steps.push_back({"BEGIN", {}, false, "BEGIN"});
    steps.push_back({kLogLock, {}, true, ""});
    PgParams params;
    params.Text(batch).Int(keep).Int(trimmed);
    steps.push_back({kAppendRequests, std::move(params), true, "", &rows});
    steps.push_back({"COMMIT", {}, false, "COMMIT"});
    LN_RETURN_IF_ERROR(conn.Pipeline(steps));
    if (rows && rows->size() == 1 && !rows->IsNull(0, 0)) cut = std::max(trimmed, rows->Int(0, 0));
    return OkStatus();
  });
  // Moved only once the delete committed, and never back (another thread may have
  // committed a later one meanwhile).
  if (appended.ok()) {
    int64_t seen = trimmed;
    while (cut > seen && !log_trimmed_.compare_exchange_weak(seen, cut)) {
    }
  }
  return appended;
}

Result<SharedControls::LogPage> PgControls::FindRequests(const RequestFilter& filter, int64_t after_seq, int limit) {
  LogPage page;
  LN_RETURN_IF_ERROR(With([&](PgConnection& conn) -> Status {
    PgParams params;
    params.Int(after_seq).Opt(filter.path);
    if (filter.status) {
      params.Int(*filter.status);
    } else {
      params.Null();
    }
    params.Opt(filter.integration).Int(limit);
    LN_ASSIGN_OR_RETURN(PgRows rows, conn.Query(kFindRequests, params));
    for (int i = 0; i < rows.size(); ++i) {
      page.clears = rows.Int(i, 0);
      if (!rows.IsNull(i, 1)) page.entries.emplace_back(rows.Int(i, 1), rows.Text(i, 2));
    }
    return OkStatus();
  }));
  return page;
}

Status PgControls::ClearRequests() {
  return InTransaction([&](PgConnection& conn) -> Status {
    LN_RETURN_IF_ERROR(Done(conn.Query(kLogLock)));
    LN_RETURN_IF_ERROR(Done(conn.Query("DELETE FROM request_log")));
    return Done(
        conn.Query("UPDATE shared_controls SET value = (value::bigint + 1)::text WHERE key = 'request_log_clears'"));
  });
}

}  // namespace localnotion::storage
