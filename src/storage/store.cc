#include "storage/store.h"

#include "storage/caching_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace localnotion::storage {

Result<std::unique_ptr<Store>> OpenStore(std::string_view url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.substr(0, kSqlite.size()) == kSqlite) {
    std::string path(url.substr(kSqlite.size()));
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // sqlite://path
    if (path.empty()) return MakeError(ErrorCode::kInvalidRequest, "sqlite URL has no path");
    LN_ASSIGN_OR_RETURN(std::unique_ptr<Store> sqlite, SqliteStore::Open(path));
    return std::unique_ptr<Store>(std::make_unique<CachingStore>(std::move(sqlite)));
  }
  return MakeError(ErrorCode::kInvalidRequest,
                   "unsupported --db URL (expected sqlite:PATH): " + std::string(url));
}

}  // namespace localnotion::storage
