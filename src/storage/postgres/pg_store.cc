#include "storage/postgres/pg_store.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "common/uuid.h"
#include "storage/postgres/pg_migrations.h"
#include "storage/postgres/pg_records.h"
#include "storage/txn_wrapper.h"

namespace localnotion::storage {
namespace {

bool PlainIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 63 || (name[0] >= '0' && name[0] <= '9') || name.rfind("pg_", 0) == 0) {
    return false;
  }
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// How long Begin waits for a pooled connection when all are in use.
constexpr std::chrono::seconds kPoolWait{30};

}  // namespace

bool IsPgUrl(std::string_view url) { return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0; }

Result<PgUrl> ParsePgUrl(std::string_view url) {
  if (!IsPgUrl(url)) return MakeError(ErrorCode::kInvalidRequest, "not a postgresql:// URL: " + std::string(url));
  PgUrl out;
  const size_t question = url.find('?');
  std::string base(url.substr(0, question));
  std::string query;
  bool has_timeout = false;
  if (question != std::string_view::npos) {
    std::string_view rest = url.substr(question + 1);
    while (!rest.empty()) {
      const size_t amp = rest.find('&');
      std::string_view param = rest.substr(0, amp);
      rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
      if (param.rfind("schema=", 0) == 0) {
        out.schema = std::string(param.substr(7));
        continue;
      }
      if (param.rfind("statement_timeout_ms=", 0) == 0) {
        const std::string value(param.substr(21));
        char* end = nullptr;
        const long ms = std::strtol(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0' || ms < 0 || ms > 86400000) {
          return MakeError(
              ErrorCode::kInvalidRequest,
              "invalid statement_timeout_ms in the PostgreSQL URL (milliseconds, 0 to 86400000): " + value);
        }
        out.statement_timeout_ms = static_cast<int>(ms);
        continue;
      }
      if (param.rfind("connect_timeout=", 0) == 0) has_timeout = true;
      if (!param.empty()) query += (query.empty() ? "" : "&") + std::string(param);
    }
  }
  if (!PlainIdentifier(out.schema)) {
    return MakeError(ErrorCode::kInvalidRequest,
                     "invalid schema in the PostgreSQL URL (letters, digits and _ only): " + out.schema);
  }
  if (!has_timeout) query += std::string(query.empty() ? "" : "&") + "connect_timeout=5";
  out.conninfo = base + "?" + query;
  return out;
}

// A transaction on one pooled connection; rolled back (and the connection returned)
// when dropped without a commit.
class PgStore::PgTxn final : public TxnWrapper {
 public:
  PgTxn(PgStore& store, std::unique_ptr<PgConnection> conn, bool writable, bool exclusive, int64_t generation)
      : TxnWrapper(records_),
        store_(store),
        conn_(std::move(conn)),
        records_(*conn_, writable, exclusive, store.scan_indexes_.get()),
        writable_(writable),
        generation_(generation) {}
  ~PgTxn() override { (void)End("ROLLBACK"); }

  bool writable() const override { return writable_; }
  std::optional<int64_t> SharedCacheGeneration() const override { return generation_; }
  void ReadAhead(std::string page_id, PgRows rows) { records_.ReadAhead(std::move(page_id), std::move(rows)); }
  bool ShouldRetry() const override { return conflicted_ || (conn_ && conn_->conflicted()); }

  void CommitAsync(DurableCallback on_durable) override {
    if (!conn_) return on_durable(InternalError("the transaction has ended"));
    on_durable(End("COMMIT"));
  }

 private:
  // Ends the transaction with `sql` and gives the connection back.
  Status End(const char* sql) {
    if (!conn_) return OkStatus();
    conflicted_ = conn_->conflicted();
    const bool commit = std::string_view(sql) == "COMMIT";
    Status ended = OkStatus();
    if (conn_->broken()) {
      ended = MakeError(ErrorCode::kServiceUnavailable, "Notion is unavailable, please try again later.");
    } else if (!commit) {
      ended = conn_->Exec(sql);
    } else {
      // The changes not yet inserted, the COMMIT and, for a transaction with changes, the
      // write mark go in one round trip (pg_store.h, "Commits"), as many as a COMMIT alone.
      std::vector<PgStep> steps;
      ended = records_.FlushSteps(steps);
      if (ended.ok() && !writable_ && steps.empty()) {
        // A read-only transaction's COMMIT changes nothing its request answers (in
        // REPEATABLE READ READ ONLY it cannot fail a serialization check), so the request
        // does not wait for it: its answer is read when the connection is next taken
        // (PgStore::Take), by then usually arrived. One round trip fewer for every read.
        ended = conn_->SendUnanswered("COMMIT");
      } else if (ended.ok()) {
        const bool changed = records_.flushed_changes();
        // Holding the outbox lock: commit without waiting for the WAL flush.
        if (changed) steps.push_back({"SET LOCAL synchronous_commit = off", {}, false, ""});
        steps.push_back({"COMMIT", {}, false, "COMMIT"});
        if (changed) {
          steps.push_back({"BEGIN", {}, false, ""});
          steps.push_back(
              {"INSERT INTO write_marks (pid, n) VALUES (pg_backend_pid(), 1) "
               "ON CONFLICT (pid) DO UPDATE SET n = write_marks.n + 1",
               {},
               true,
               ""});
          steps.push_back({"COMMIT", {}, false, "COMMIT"});
        }
        ended = conn_->Pipeline(steps);
      }
      // A failed step leaves the transaction aborted (or, after the COMMIT, the write mark's).
      if (!conn_->broken() && conn_->in_transaction()) (void)conn_->Exec("ROLLBACK");
    }
    conflicted_ = conflicted_ || conn_->conflicted();
    conn_->ClearConflicted();
    store_.Return(std::move(conn_));
    return ended;
  }

  PgStore& store_;
  std::unique_ptr<PgConnection> conn_;
  PgRecords records_;
  bool writable_;
  int64_t generation_;
  bool conflicted_ = false;  // the connection's, kept once it is returned
};

Result<std::unique_ptr<PgStore>> PgStore::Open(std::string_view url) {
  LN_ASSIGN_OR_RETURN(PgUrl parsed, ParsePgUrl(url));
  std::unique_ptr<PgStore> store(new PgStore(std::move(parsed)));
  LN_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn, store->Connect());
  LN_RETURN_IF_ERROR(MigratePostgres(*conn));
  store->controls_ = std::make_shared<PgControls>(store->url_.conninfo, store->url_.schema);
  PgStore* raw = store.get();
  store->scan_indexes_ = std::make_unique<PgScanIndexes>([raw] { return raw->Connect(); });
  {
    std::lock_guard<std::mutex> lock(store->mu_);
    ++store->open_;
  }
  store->Return(std::move(conn));
  return store;
}

PgStore::~PgStore() {
  std::lock_guard<std::mutex> lock(mu_);
  idle_.clear();
}

Result<std::unique_ptr<PgConnection>> PgStore::Connect() const {
  return PgConnection::Connect(url_.conninfo, url_.schema, url_.statement_timeout_ms);
}

Result<std::unique_ptr<PgConnection>> PgStore::Take() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (!freed_.wait_for(lock, kPoolWait, [&] { return !idle_.empty() || open_ < kMaxConnections; })) {
      std::fprintf(stderr, "localnotion: postgresql: every pooled connection stayed busy for %llds\n",
                   static_cast<long long>(kPoolWait.count()));
      return MakeError(ErrorCode::kServiceUnavailable, "Notion is unavailable, please try again later.");
    }
    if (!idle_.empty()) {
      std::unique_ptr<PgConnection> conn = std::move(idle_.back());
      idle_.pop_back();
      lock.unlock();
      // The COMMIT of the read that used it last (PgTxn::End): a failure there, which
      // also means it broke, the caller's first statement tells (Begin tries a fresh
      // connection then).
      (void)conn->Settle();
      return conn;
    }
    ++open_;
  }
  Result<std::unique_ptr<PgConnection>> conn = Connect();
  if (!conn.ok()) {
    std::lock_guard<std::mutex> lock(mu_);
    --open_;
    freed_.notify_one();
  }
  return conn;
}

void PgStore::Return(std::unique_ptr<PgConnection> conn) {
  const bool broken = !conn || conn->broken();
  const bool keep = !broken && !conn->in_transaction();
  if (!keep) conn.reset();
  std::vector<std::unique_ptr<PgConnection>> stale;  // closed outside the lock
  std::lock_guard<std::mutex> lock(mu_);
  if (keep) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  // A broken connection usually means the server restarted: the idle ones are broken
  // too, and are dropped rather than tried one by one.
  if (broken) {
    open_ -= static_cast<int>(idle_.size());
    stale.swap(idle_);
  }
  freed_.notify_all();
}

Result<std::unique_ptr<Txn>> PgStore::Begin(TxnMode mode) { return BeginReadingPage(mode, {}); }

Result<std::unique_ptr<Txn>> PgStore::BeginReadingPage(TxnMode mode, std::string_view page_id) {
  const bool write = mode == TxnMode::kWrite;
  // The id as GetPage will be asked for it; one that is not a UUID reads nothing ahead
  // (the request is answered 400 before any read).
  const std::optional<std::string> ahead_id = write || page_id.empty() ? std::nullopt : NormalizeUuid(page_id);
  const bool read_ahead = ahead_id.has_value();
  // The retry of a transaction that needed the store lock exclusively (pg_records.h).
  const bool exclusive = write && ConsumeExclusiveBeginRequest();
  // A pooled connection may have broken while idle (the server restarted): the first
  // statement tells, and then one fresh connection is tried.
  for (int attempt = 0;; ++attempt) {
    LN_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn, Take());
    conn->ClearConflicted();
    // The cache generation is the transaction's first read, in BEGIN's round trip: for a
    // read, it is taken from the snapshot all its later reads see
    // (Txn::SharedCacheGeneration); for a write (READ COMMITTED), after the store lock
    // was granted, like every statement after it. Prepared, so that PostgreSQL does not
    // plan it again for every request (its planning cost more than the rest of a GET's
    // statements).
    std::optional<PgRows> generation;
    std::vector<PgStep> steps;
    steps.push_back({write ? "BEGIN ISOLATION LEVEL READ COMMITTED" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                     {},
                     false,
                     "BEGIN"});
    if (write) {
      steps.push_back({std::string("SELECT ") +
                           (exclusive ? "pg_advisory_xact_lock(" : "pg_advisory_xact_lock_shared(") + kStoreLockKey +
                           ")",
                       {},
                       true,
                       ""});
    }
    steps.push_back({"SELECT value FROM cache_generation WHERE id = 1", {}, true, "", &generation});
    std::optional<PgRows> page;
    if (read_ahead) steps.push_back(PgRecords::PageReadStep(*ahead_id, &page));
    Status begun = conn->Pipeline(steps);
    if (begun.ok() && generation && generation->size() == 1 && (!read_ahead || page)) {
      const int64_t value = generation->Int(0, 0);
      auto txn = std::make_unique<PgTxn>(*this, std::move(conn), write, exclusive, value);
      if (read_ahead) txn->ReadAhead(*ahead_id, std::move(*page));
      return std::unique_ptr<Txn>(std::move(txn));
    }
    if (begun.ok()) begun = InternalError("postgresql: no cache generation");
    const bool retry = conn->broken() && attempt == 0;
    Return(std::move(conn));
    if (!retry) return std::move(begun).error();
  }
}

}  // namespace localnotion::storage
