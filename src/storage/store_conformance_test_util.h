// The store conformance suite (store_conformance_test.cc): the configurations it runs on
// and its fixture. Every Store backend runs the same tests through Store::Begin / Txn;
// docs/storage.md says how a new backend joins.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <utility>

#include "storage/store.h"
#include "testing/json.h"

namespace localnotion::storage {

// One way of opening a Store for the suite, and what it promises beyond the Txn contract.
struct StoreConfig {
  std::string name;  // the test name suffix: letters, digits and _ only
  // Opens the store for a test. `dir` is a fresh empty directory per test, removed after
  // it; the suite calls `open` again with the same `dir` to reopen the store.
  std::function<Result<std::unique_ptr<Store>>(const std::string& dir)> open;
  // Committed data is there again when the store is reopened on the same `dir`.
  bool persistent = true;
  // A read transaction may stay open while a write transaction begins and commits (each
  // read on its own snapshot). False when a read transaction holds the store until it
  // ends, as the one-connection in-memory SQLite does: tests that keep a read open across
  // a write then do not apply (they would wait for themselves).
  bool concurrent_reads = true;
  // Why the backend cannot run on this machine ("" when it can; null: always can). Its
  // tests then skip, or fail when `required` says the backend must be there.
  std::function<std::string()> unavailable;
  std::function<bool()> required;
};

inline void PrintTo(const StoreConfig& config, std::ostream* os) { *os << config.name; }

class StoreConformanceTest : public ::testing::TestWithParam<StoreConfig> {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ln_conformance_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    if (GetParam().unavailable) {
      const std::string why = GetParam().unavailable();
      if (!why.empty()) {
        if (GetParam().required && GetParam().required()) FAIL() << GetParam().name << " is required: " << why;
        GTEST_SKIP() << GetParam().name << " is not available: " << why;
      }
    }
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  // Closes the store (every Txn must have ended) and opens it again on the same directory.
  void Reopen() {
    store_.reset();
    Result<std::unique_ptr<Store>> opened = GetParam().open(dir_);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
  }

  // Begins a transaction; nullptr (with a failure recorded) when that fails.
  std::unique_ptr<Txn> Begin(TxnMode mode) {
    Result<std::unique_ptr<Txn>> txn = store_->Begin(mode);
    EXPECT_TRUE(txn.ok()) << txn.error().message;
    return txn.ok() ? std::move(txn).value() : nullptr;
  }
  // Runs `fn` in a write transaction and commits it, from any thread, without recording
  // a failure: a transaction that lost a race (Txn::ShouldRetry, PostgreSQL) runs again,
  // as every caller does (InTxn). The status of the last attempt.
  Status WriteRetrying(const std::function<Status(Txn&)>& fn) {
    Status s = OkStatus();
    for (int attempt = 1; attempt <= kTxnAttempts; ++attempt) {
      std::unique_ptr<Txn> txn;
      s = [&]() -> Status {
        LN_ASSIGN_OR_RETURN(txn, store_->Begin(TxnMode::kWrite));
        LN_RETURN_IF_ERROR(fn(*txn));
        return txn->Commit();
      }();
      if (s.ok() || !txn || !txn->ShouldRetry()) break;
      txn.reset();
      RetryPause(attempt);
    }
    return s;
  }
  // Runs `fn` in a write transaction and commits it.
  void Write(const std::function<void(Txn&)>& fn) {
    std::unique_ptr<Txn> txn = Begin(TxnMode::kWrite);
    ASSERT_NE(txn, nullptr);
    fn(*txn);
    if (HasFatalFailure()) return;  // rolled back
    Status committed = txn->Commit();
    ASSERT_TRUE(committed.ok()) << committed.error().message;
  }
  // Runs `fn` in a read transaction and ends it.
  void Read(const std::function<void(Txn&)>& fn) {
    std::unique_ptr<Txn> txn = Begin(TxnMode::kRead);
    ASSERT_NE(txn, nullptr);
    ASSERT_FALSE(txn->writable());
    fn(*txn);
    Status committed = txn->Commit();
    ASSERT_TRUE(committed.ok()) << committed.error().message;
  }
  // Runs `fn` in a read and in a write transaction (rolled back): both must see the same.
  void ReadBoth(const std::function<void(Txn&)>& fn) {
    Read(fn);
    std::unique_ptr<Txn> txn = Begin(TxnMode::kWrite);
    ASSERT_NE(txn, nullptr);
    fn(*txn);
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
};

// The value of a Result, or T{} with a failure recorded at the caller's line.
template <class T>
T ValueOr(Result<T> result, const char* expr, const char* file, int line) {
  if (!result.ok()) {
    ADD_FAILURE_AT(file, line) << expr << " failed: " << result.error().message;
    return T{};
  }
  return std::move(result).value();
}
#define LN_VAL(expr) ::localnotion::storage::ValueOr((expr), #expr, __FILE__, __LINE__)

// Fails the current test (and returns from the function) unless the Status is OK.
#define LN_ASSERT_OK(expr)                                                     \
  do {                                                                         \
    ::localnotion::Status ln_status_ = (expr);                                 \
    ASSERT_TRUE(ln_status_.ok()) << #expr << ": " << ln_status_.error().message; \
  } while (0)

// A page of data source `parent` with the properties `props` (JSON text), for the text
// scan suites (store_conformance_text_test.cc, store_conformance_text_exact_test.cc).
inline PageRecord PropsPage(std::string id, std::string_view props, bool trashed, std::string parent) {
  PageRecord p;
  p.id = std::move(id);
  p.parent_type = "data_source_id";
  p.parent_id = std::move(parent);
  p.properties = testing::J(props).as_object();
  p.icon = nullptr;
  p.cover = nullptr;
  p.in_trash = trashed;
  p.created_by = p.last_edited_by = "u";
  return p;
}

}  // namespace localnotion::storage
