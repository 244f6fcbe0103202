#include "cli/store_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace localnotion::cli {

std::string StorePath(const std::string& db_url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (db_url.rfind(kSqlite, 0) != 0) return "";
  std::string path = db_url.substr(kSqlite.size());
  if (path.rfind("//", 0) == 0) path = path.substr(2);
  return path;
}

Result<StoreLock> StoreLock::Acquire(const std::string& db_url) {
  const std::string path = StorePath(db_url);
  if (path.empty()) return StoreLock(-1);
  const std::string lock_path = path + ".lock";
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return MakeError(ErrorCode::kInternalServerError,
                     "cannot open the lock file " + lock_path + ": " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return MakeError(ErrorCode::kInternalServerError, "another localnotion server is already serving " + db_url +
                                                            " (it holds " + lock_path +
                                                            "); stop it first, or give this one another --db");
    }
    return MakeError(ErrorCode::kInternalServerError, "cannot lock " + lock_path + ": " + std::strerror(err));
  }
  return StoreLock(fd);
}

StoreLock::~StoreLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace localnotion::cli
