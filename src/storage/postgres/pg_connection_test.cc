// PgConnection's errors: which failures mean PostgreSQL is away (503, the caller may try
// again) and which are a fault of this process (500).
#include <gtest/gtest.h>

#include <string>

#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_test_server.h"

namespace localnotion::storage {
namespace {

class PgConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LN_TEST_POSTGRES_OR_SKIP(server);
    ASSERT_TRUE(server->Psql("DROP SCHEMA IF EXISTS conn_errors CASCADE; CREATE SCHEMA conn_errors"));
    auto conn = PgConnection::Connect(server->url(), "conn_errors");
    ASSERT_TRUE(conn.ok()) << conn.error().message;
    conn_ = std::move(conn).value();
  }
  std::unique_ptr<PgConnection> conn_;
};

// Regression: a statement given fewer parameters than it names is refused with SQLSTATE
// 08P01 (protocol_violation), whose class 08 otherwise means a lost connection; it was
// answered 503 "Notion is unavailable" and logged as "connection lost".
TEST_F(PgConnectionTest, AParameterMismatchIsAnInternalErrorNotALostConnection) {
  auto rows = conn_->Query("SELECT $1::integer + $2::integer", PgParams().Int(1), /*prepare=*/false);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().code, ErrorCode::kInternalServerError);
  EXPECT_NE(rows.error().message.find("(SQLSTATE 08P01)"), std::string::npos) << rows.error().message;
  // The connection is still good for the next statement.
  auto next = conn_->Query("SELECT 2");
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->Int(0, 0), 2);
}

TEST_F(PgConnectionTest, AnErrorOfTheStatementIsInternalWithItsSqlstate) {
  auto rows = conn_->Query("SELECT * FROM no_such_table");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().code, ErrorCode::kInternalServerError);
  EXPECT_NE(rows.error().message.find("(SQLSTATE 42P01)"), std::string::npos) << rows.error().message;
}

}  // namespace
}  // namespace localnotion::storage
