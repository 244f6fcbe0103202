#include "storage/store.h"

#include <chrono>
#include <random>
#include <thread>

#include "storage/caching_store.h"
#include "storage/postgres/pg_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace localnotion::storage {

Result<std::unique_ptr<Store>> OpenStore(std::string_view url) {
  constexpr std::string_view kSqlite = "sqlite:";
  constexpr std::string_view kMemory = "memory:";
  std::string path;
  if (IsPgUrl(url)) {
    // Other processes may write the same store: the cache notices through the store's
    // cache generation (Txn::SharedCacheGeneration), so instances stay stateless.
    LN_ASSIGN_OR_RETURN(std::unique_ptr<PgStore> pg, PgStore::Open(url));
    return std::unique_ptr<Store>(std::make_unique<CachingStore>(std::move(pg)));
  }
  if (url == kMemory) {
    path = ":memory:";
  } else if (url.substr(0, kSqlite.size()) == kSqlite) {
    path = std::string(url.substr(kSqlite.size()));
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // sqlite://path
    if (path.empty()) return MakeError(ErrorCode::kInvalidRequest, "sqlite URL has no path");
  } else {
    return MakeError(ErrorCode::kInvalidRequest,
                     "unsupported --db URL (expected sqlite:PATH, memory: or postgresql://...): " + std::string(url));
  }
  LN_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStore> sqlite, SqliteStore::Open(path));
  return std::unique_ptr<Store>(std::make_unique<CachingStore>(std::move(sqlite)));
}

}  // namespace localnotion::storage

namespace localnotion::storage {

void RetryPause(int attempt) {
  thread_local std::minstd_rand random(std::random_device{}());
  // 1-4 ms after the first attempt, 2-8 after the second, 4-16 after the third.
  const int base = 1 << (attempt - 1);
  std::uniform_int_distribution<int> micros(base * 1000, base * 4000);
  std::this_thread::sleep_for(std::chrono::microseconds(micros(random)));
}

PageRecord CopyPage(const PageRecord& page, const json::storage_ptr& storage, bool properties) {
  PageRecord out;
  out.id = page.id;
  out.parent_type = page.parent_type;
  out.parent_id = page.parent_id;
  if (properties) out.properties = json::object(page.properties, storage);
  out.icon = json::value(page.icon, storage);
  out.cover = json::value(page.cover, storage);
  out.in_trash = page.in_trash;
  out.is_locked = page.is_locked;
  out.created_time = page.created_time;
  out.created_by = page.created_by;
  out.last_edited_time = page.last_edited_time;
  out.last_edited_by = page.last_edited_by;
  out.store_row = page.store_row;
  return out;
}

}  // namespace localnotion::storage
