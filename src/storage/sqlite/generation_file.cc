#include "storage/sqlite/generation_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace localnotion::storage {

Result<std::unique_ptr<GenerationFile>> GenerationFile::Open(const std::string& store_path) {
  const std::string path = PathOf(store_path);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return InternalError("cannot open " + path + ": " + std::strerror(errno));
  // A new file is made eight zero bytes long; processes that do this at once all make it
  // the same, and a longer file keeps its length.
  struct stat st {};
  if (::fstat(fd, &st) != 0 ||
      (st.st_size < static_cast<off_t>(sizeof(int64_t)) && ::ftruncate(fd, static_cast<off_t>(sizeof(int64_t))) != 0)) {
    const int err = errno;
    ::close(fd);
    return InternalError("cannot size " + path + ": " + std::strerror(err));
  }
  void* map = ::mmap(nullptr, sizeof(int64_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) {
    const int err = errno;
    ::close(fd);
    return InternalError("cannot map " + path + ": " + std::strerror(err));
  }
  return std::unique_ptr<GenerationFile>(new GenerationFile(fd, static_cast<int64_t*>(map)));
}

GenerationFile::~GenerationFile() {
  ::munmap(counter_, sizeof(int64_t));
  ::close(fd_);
}

int64_t GenerationFile::Read() const { return __atomic_load_n(counter_, __ATOMIC_ACQUIRE); }

void GenerationFile::Bump() { __atomic_add_fetch(counter_, 1, __ATOMIC_ACQ_REL); }

}  // namespace localnotion::storage
