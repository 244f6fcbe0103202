// A real PostgreSQL 15 for tests (no mocks): started once per test process on first
// use, stopped and deleted when the process exits. initdb runs into a fresh temporary
// directory as the unprivileged `postgres` user when the tests run as root (PostgreSQL
// refuses to run as root), and the server listens on a free loopback port with its
// socket in that directory. fsync is off: the tests kill processes, never the machine.
//
// When PostgreSQL is not installed, Get() says why. Tests then skip, unless the
// environment sets LOCALNOTION_REQUIRE_POSTGRES=1 (as `make test` does): then they fail.
#pragma once

#include <string>

#include "common/error.h"

namespace localnotion::storage {

class TestPostgres {
 public:
  // The shared server, or why there is none.
  static Result<TestPostgres*> Get();
  // Whether a missing PostgreSQL must fail the tests rather than skip them.
  static bool Required();
  ~TestPostgres();

  // postgresql://postgres@127.0.0.1:PORT/postgres
  const std::string& url() const { return url_; }
  // A URL of the shared database in `schema` (letters, digits and _), which the store
  // creates on open.
  std::string UrlWithSchema(const std::string& schema) const { return url_ + "?schema=" + schema; }
  // Runs `sql` with psql as the superuser; false when it fails.
  bool Psql(const std::string& sql) const;

 private:
  TestPostgres() = default;
  Status Start();

  std::string bin_;
  std::string dir_;
  int port_ = 0;
  bool started_ = false;
  std::string url_;
};

}  // namespace localnotion::storage

// In a GoogleTest body or SetUp: declares `var`, the shared server (TestPostgres*). The
// test is skipped, saying why, when there is none, or fails when Required().
#define LN_TEST_POSTGRES_OR_SKIP(var)                                            \
  auto var##_or = ::localnotion::storage::TestPostgres::Get();                   \
  if (!var##_or.ok()) {                                                          \
    if (::localnotion::storage::TestPostgres::Required())                        \
      FAIL() << "PostgreSQL is required: " << var##_or.error().message;          \
    GTEST_SKIP() << "PostgreSQL is not available: " << var##_or.error().message; \
  }                                                                              \
  ::localnotion::storage::TestPostgres* var = *var##_or
