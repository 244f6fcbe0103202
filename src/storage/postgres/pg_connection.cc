#include "storage/postgres/pg_connection.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "storage/txn.h"

namespace localnotion::storage {
namespace {

// PostgreSQL cannot be reached: Notion's own answer when its database is unavailable
// (503 service_unavailable, https://developers.notion.com/reference/status-codes). The
// detail goes to the server's log only.
Error Unavailable(const std::string& detail) {
  std::fprintf(stderr, "localnotion: postgresql unavailable: %s\n", detail.c_str());
  return MakeError(ErrorCode::kServiceUnavailable, "Notion is unavailable, please try again later.");
}

}  // namespace

PgParams& PgParams::Text(std::string_view v) {
  storage_.emplace_back(v);
  values_.push_back(storage_.back().c_str());
  lengths_.push_back(static_cast<int>(storage_.back().size()));
  formats_.push_back(0);
  return *this;
}

PgParams& PgParams::Int(int64_t v) { return Text(std::to_string(v)); }

PgParams& PgParams::Bool(bool v) { return Text(v ? "true" : "false"); }

PgParams& PgParams::Null() {
  values_.push_back(nullptr);
  lengths_.push_back(0);
  formats_.push_back(0);
  return *this;
}

PgParams& PgParams::Opt(const std::optional<std::string>& v) { return v ? Text(*v) : Null(); }

PgParams& PgParams::Bytes(std::string_view v) {
  Text(v);
  formats_.back() = 1;
  return *this;
}

std::string PgRows::Text(int row, int col) const {
  return std::string(PQgetvalue(result_.get(), row, col), static_cast<size_t>(PQgetlength(result_.get(), row, col)));
}

std::optional<std::string> PgRows::Nullable(int row, int col) const {
  if (IsNull(row, col)) return std::nullopt;
  return Text(row, col);
}

int64_t PgRows::Int(int row, int col) const { return std::strtoll(PQgetvalue(result_.get(), row, col), nullptr, 10); }

bool PgRows::Bool(int row, int col) const { return PQgetvalue(result_.get(), row, col)[0] == 't'; }

int64_t PgRows::Affected() const { return std::strtoll(PQcmdTuples(result_.get()), nullptr, 10); }

std::string QuoteIdent(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string QuoteLiteral(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

Result<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& conninfo, const std::string& schema,
                                                            int statement_timeout_ms) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return Unavailable("out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return Unavailable("cannot connect: " + message);
  }
  std::unique_ptr<PgConnection> c(new PgConnection(conn, schema));
  // Text in and out is UTF-8; string literals keep backslashes as they are; every
  // unqualified name is the store's schema's (pg_catalog is searched first anyway).
  LN_RETURN_IF_ERROR(
      c->Exec("SET client_encoding = 'UTF8'; SET client_min_messages = warning; SET standard_conforming_strings = on; "
              "SET search_path TO " +
              QuoteIdent(schema) +
              (statement_timeout_ms > 0 ? "; SET statement_timeout = " + std::to_string(statement_timeout_ms) : "")));
  return c;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::in_transaction() const {
  if (unanswered_) return false;
  PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

Status PgConnection::SendUnanswered(const std::string& sql) {
  if (PQsendQuery(conn_, sql.c_str()) != 1) return ErrorOf(nullptr);
  unanswered_ = true;
  return OkStatus();
}

Status PgConnection::Settle() {
  if (!unanswered_) return OkStatus();
  unanswered_ = false;
  std::optional<Error> failed;
  // The answers of the statements sent end with a null result; a lost connection gives
  // an error result and then null too.
  while (PGresult* result = PQgetResult(conn_)) {
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && !failed) failed = ErrorOf(result);
    PQclear(result);
  }
  if (!broken() && in_transaction()) (void)Exec("ROLLBACK");
  if (failed) return *std::move(failed);
  return OkStatus();
}

Error PgConnection::ErrorOf(const PGresult* result) const {
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  // Class 08 is a lost connection, except 08P01 (protocol_violation) on a connection that
  // is still up: the server refused what this process sent, such as a bind message with
  // the wrong number of parameters. That is a bug here, not PostgreSQL being away, so it
  // is an internal error rather than Notion's 503.
  const bool lost_class = sqlstate.rfind("08", 0) == 0 && sqlstate != "08P01";
  if (PQstatus(conn_) != CONNECTION_OK || lost_class || sqlstate == "57P01" || sqlstate == "57P02" ||
      sqlstate == "57P03" || (sqlstate.empty() && result == nullptr)) {
    return Unavailable("connection lost: " + message);
  }
  if (sqlstate == "40001" || sqlstate == "40P01") {
    conflicted_ = true;
    std::fprintf(stderr, "localnotion: postgresql: %s (SQLSTATE %s)\n", message.c_str(), sqlstate.c_str());
    return LostRaceError();
  }
  // statement_timeout (or a cancel): Notion's answer for work that did not finish in time.
  if (sqlstate == "57014") {
    std::fprintf(stderr, "localnotion: postgresql: %s\n", message.c_str());
    return MakeError(ErrorCode::kGatewayTimeout, "Gateway Timeout");
  }
  return InternalError("postgresql: " + message + (sqlstate.empty() ? "" : " (SQLSTATE " + sqlstate + ")"));
}

Result<PgRows> PgConnection::Query(const std::string& sql, const PgParams& params, bool prepare, bool binary) {
  PGresult* result = nullptr;
  if (prepare) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size() + 1);
      PGresult* made = PQprepare(conn_, name.c_str(), sql.c_str(), params.size(), nullptr);
      if (made == nullptr || PQresultStatus(made) != PGRES_COMMAND_OK) {
        Error error = ErrorOf(made);
        PQclear(made);
        return error;
      }
      PQclear(made);
      it = prepared_.emplace(sql, std::move(name)).first;
    }
    result = PQexecPrepared(conn_, it->second.c_str(), params.size(), params.values(), params.lengths(),
                            params.formats(), binary ? 1 : 0);
  } else {
    result = PQexecParams(conn_, sql.c_str(), params.size(), nullptr, params.values(), params.lengths(),
                          params.formats(), binary ? 1 : 0);
  }
  ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    Error error = ErrorOf(result);
    PQclear(result);
    return error;
  }
  return PgRows(result);
}

Status PgConnection::Exec(const std::string& sql) {
  PGresult* result = PQexec(conn_, sql.c_str());
  ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    Error error = ErrorOf(result);
    PQclear(result);
    return error;
  }
  PQclear(result);
  return OkStatus();
}

Status PgConnection::Pipeline(std::vector<PgStep>& steps) {
  if (steps.empty()) return OkStatus();
  if (PQenterPipelineMode(conn_) != 1) return ErrorOf(nullptr);
  // Each step sends a Prepare first when its statement is new on this connection; the
  // name is kept only once the server has answered it.
  struct Sent {
    size_t step;
    std::string prepared;  // the name of a statement prepared by this message, else empty
  };
  std::vector<Sent> sent;
  std::map<std::string, std::string> preparing;  // SQL text -> name, new in this pipeline
  bool sending = true;
  for (size_t i = 0; i < steps.size() && sending; ++i) {
    const PgStep& step = steps[i];
    const PgParams& params = step.params;
    if (!step.prepare) {
      sending = PQsendQueryParams(conn_, step.sql.c_str(), params.size(), nullptr, params.values(), params.lengths(),
                                  params.formats(), 0) == 1;
      if (sending) sent.push_back({i, ""});
      continue;
    }
    auto it = prepared_.find(step.sql);
    auto fresh = preparing.find(step.sql);
    std::string name;
    if (it != prepared_.end()) {
      name = it->second;
    } else if (fresh != preparing.end()) {
      name = fresh->second;  // prepared by an earlier step of this pipeline
    } else {
      name = "s" + std::to_string(prepared_.size() + preparing.size() + 1);
      sending = PQsendPrepare(conn_, name.c_str(), step.sql.c_str(), params.size(), nullptr) == 1;
      if (!sending) break;
      preparing.emplace(step.sql, name);
      sent.push_back({i, name});
    }
    sending = PQsendQueryPrepared(conn_, name.c_str(), params.size(), params.values(), params.lengths(),
                                  params.formats(), 0) == 1;
    if (sending) sent.push_back({i, ""});
  }
  std::optional<Error> failed;
  if (!sending) failed = ErrorOf(nullptr);
  // The server runs nothing before the Sync; without it (a broken connection) nothing is
  // read, and the connection, still busy, is not reused (PgStore::Return).
  if (PQpipelineSync(conn_) != 1) return failed ? *std::move(failed) : ErrorOf(nullptr);
  // Every answer is read, so that the connection leaves pipeline mode idle.
  for (const Sent& s : sent) {
    if (PQstatus(conn_) != CONNECTION_OK) break;
    PGresult* result = PQgetResult(conn_);
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    const PgStep& step = steps[s.step];
    if (status == PGRES_PIPELINE_ABORTED) {
      // Skipped after an earlier failure, which is the answer.
    } else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      if (!failed) failed = ErrorOf(result);
    } else if (!s.prepared.empty()) {
      prepared_.emplace(step.sql, s.prepared);
    } else if (!step.tag.empty() && step.tag != PQcmdStatus(result) && !failed) {
      failed = InternalError("postgresql: " + step.sql + " answered " + PQcmdStatus(result));
    }
    const bool answered = result != nullptr;
    if (status == PGRES_TUPLES_OK && s.prepared.empty() && step.rows != nullptr) {
      step.rows->emplace(result);  // which now owns it
    } else {
      PQclear(result);
    }
    // A statement's answers end with a null result.
    while (answered && (result = PQgetResult(conn_)) != nullptr) PQclear(result);
  }
  if (PQstatus(conn_) == CONNECTION_OK) {
    PGresult* sync = PQgetResult(conn_);
    if ((sync == nullptr || PQresultStatus(sync) != PGRES_PIPELINE_SYNC) && !failed) failed = ErrorOf(sync);
    PQclear(sync);
  }
  if (PQstatus(conn_) == CONNECTION_OK && PQexitPipelineMode(conn_) != 1 && !failed) failed = ErrorOf(nullptr);
  if (failed) return *std::move(failed);
  return OkStatus();
}

}  // namespace localnotion::storage
