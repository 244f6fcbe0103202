// PgConnection::Pipeline, which sends a write transaction's last statements and its
// COMMIT in one round trip (pg_store.h, "Commits"): the steps run in order, a statement
// repeated in one pipeline is prepared once, the first error is the answer and the rest
// is skipped, a COMMIT that answers ROLLBACK is no commit, and a step gives its rows
// when asked. And SendUnanswered, which a read's COMMIT uses, and Settle.
#include <gtest/gtest.h>

#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_test_server.h"

namespace localnotion::storage {
namespace {

class PgPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LN_TEST_POSTGRES_OR_SKIP(server);
    // Unquoted in SQL, so lower case (search_path quotes it).
    std::string schema = "pipe_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name());
    for (char& c : schema) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(server->Psql("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema +
                             "; CREATE TABLE " + schema + ".t (n integer PRIMARY KEY)"));
    auto conn = PgConnection::Connect(server->url(), schema);
    ASSERT_TRUE(conn.ok()) << conn.error().message;
    conn_ = std::move(conn).value();
  }

  static PgStep Insert(int n) {
    PgParams params;
    params.Int(n);
    return {"INSERT INTO t (n) VALUES ($1)", std::move(params), true, ""};
  }
  static PgStep Plain(const char* sql, const char* tag = "") { return {sql, {}, false, tag}; }

  int64_t Count() {
    auto rows = conn_->Query("SELECT count(*) FROM t");
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    return rows.ok() ? rows->Int(0, 0) : -1;
  }

  std::unique_ptr<PgConnection> conn_;
};

TEST_F(PgPipelineTest, TheStepsRunInOrderAndARepeatedStatementIsPreparedOnce) {
  std::vector<PgStep> steps;
  steps.push_back(Plain("BEGIN"));
  steps.push_back(Insert(1));
  steps.push_back(Insert(2));
  steps.push_back(Insert(3));
  steps.push_back(Plain("COMMIT", "COMMIT"));
  ASSERT_TRUE(conn_->Pipeline(steps).ok());
  EXPECT_FALSE(conn_->in_transaction());
  EXPECT_EQ(Count(), 3);
  // The names given in the pipeline and those Query gives later do not collide.
  auto rows = conn_->Query("SELECT max(n) FROM t");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  EXPECT_EQ(rows->Int(0, 0), 3);
  std::vector<PgStep> again;
  again.push_back(Insert(4));
  ASSERT_TRUE(conn_->Pipeline(again).ok());
  EXPECT_EQ(Count(), 4);
}

TEST_F(PgPipelineTest, TheFirstErrorIsTheAnswerAndTheStepsAfterItAreSkipped) {
  std::vector<PgStep> steps;
  steps.push_back(Plain("BEGIN"));
  steps.push_back(Insert(1));
  steps.push_back(Plain("INSERT INTO missing_table VALUES (1)"));
  steps.push_back(Insert(1));  // would be a duplicate key, but never runs
  steps.push_back(Plain("COMMIT", "COMMIT"));
  Status done = conn_->Pipeline(steps);
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, ErrorCode::kInternalServerError);
  EXPECT_NE(done.error().message.find("relation \"missing_table\" does not exist"), std::string::npos)
      << done.error().message;
  EXPECT_TRUE(conn_->in_transaction());  // aborted, waiting for ROLLBACK
  ASSERT_TRUE(conn_->Exec("ROLLBACK").ok());
  EXPECT_EQ(Count(), 0);
  // The connection serves on, its prepared statement included.
  std::vector<PgStep> next;
  next.push_back(Insert(5));
  ASSERT_TRUE(conn_->Pipeline(next).ok());
  EXPECT_EQ(Count(), 1);
}

TEST_F(PgPipelineTest, ACommitThatAnswersRollbackIsNoCommit) {
  ASSERT_TRUE(conn_->Exec("BEGIN").ok());
  ASSERT_TRUE(conn_->Query("INSERT INTO t (n) VALUES (1)", {}, /*prepare=*/false).ok());
  // A failed statement aborts the transaction; its COMMIT then answers ROLLBACK, no error.
  ASSERT_FALSE(conn_->Query("SELECT 1 / 0", {}, /*prepare=*/false).ok());
  std::vector<PgStep> steps;
  steps.push_back(Plain("COMMIT", "COMMIT"));
  Status done = conn_->Pipeline(steps);
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().message, "postgresql: COMMIT answered ROLLBACK");
  EXPECT_FALSE(conn_->in_transaction());
  EXPECT_EQ(Count(), 0);
}

TEST_F(PgPipelineTest, AStepGivesItsRowsWhenAsked) {
  ASSERT_TRUE(conn_->Exec("INSERT INTO t (n) VALUES (8), (7)").ok());
  std::optional<PgRows> rows;
  std::optional<PgRows> none;
  std::vector<PgStep> steps;
  steps.push_back(Plain("BEGIN"));
  steps.push_back({"SELECT n FROM t ORDER BY n", {}, true, "", &rows});
  steps.push_back({"SELECT n FROM t ORDER BY n DESC", {}, false, "", nullptr});
  steps.push_back({"DELETE FROM t WHERE n = 8", {}, false, "", &none});
  steps.push_back(Plain("COMMIT", "COMMIT"));
  ASSERT_TRUE(conn_->Pipeline(steps).ok());
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2);
  EXPECT_EQ(rows->Int(0, 0), 7);
  EXPECT_EQ(rows->Int(1, 0), 8);
  EXPECT_FALSE(none.has_value());  // a statement without rows gives none
  EXPECT_EQ(Count(), 1);
}

TEST_F(PgPipelineTest, SettleReadsWhatWasSentUnanswered) {
  ASSERT_TRUE(conn_->Exec("BEGIN").ok());
  ASSERT_TRUE(conn_->Query("INSERT INTO t (n) VALUES (1)", {}, /*prepare=*/false).ok());
  ASSERT_TRUE(conn_->SendUnanswered("COMMIT").ok());
  EXPECT_TRUE(conn_->unanswered());
  EXPECT_FALSE(conn_->in_transaction());
  ASSERT_TRUE(conn_->Settle().ok());
  EXPECT_FALSE(conn_->unanswered());
  EXPECT_EQ(Count(), 1);
  // A statement that fails: Settle answers its error and leaves no transaction open.
  ASSERT_TRUE(conn_->Exec("BEGIN").ok());
  ASSERT_TRUE(conn_->Query("INSERT INTO t (n) VALUES (2)", {}, /*prepare=*/false).ok());
  ASSERT_TRUE(conn_->SendUnanswered("INSERT INTO missing_table VALUES (1)").ok());
  Status settled = conn_->Settle();
  ASSERT_FALSE(settled.ok());
  EXPECT_EQ(settled.error().code, ErrorCode::kInternalServerError);
  EXPECT_NE(settled.error().message.find("relation \"missing_table\" does not exist"), std::string::npos)
      << settled.error().message;
  EXPECT_FALSE(conn_->in_transaction());
  EXPECT_EQ(Count(), 1);              // the insert of 2 was rolled back
  EXPECT_TRUE(conn_->Settle().ok());  // nothing sent since
}

}  // namespace
}  // namespace localnotion::storage
