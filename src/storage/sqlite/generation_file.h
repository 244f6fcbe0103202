// A number that every process opening one SQLite store file shares: eight bytes in a file
// of its own beside the store (`<path>.generation`), mapped into each process. A process
// that commits a write of integrations, shares or users adds one once the commit is
// durable (SqliteStore), and a process that caches those records (CachingStore) drops
// them when the number it reads before a transaction's snapshot has moved
// (Txn::RecordsGeneration). This is how a running server sees what the CLI
// (`localnotion integration`, `share`, `unshare`) wrote beside it, without reading a row
// of the store on every request.
//
// The number is read and added to with atomic operations on the shared mapping, which
// Linux keeps coherent between processes. Adding one after the commit (never before)
// is what makes it safe: a transaction that read the old number either sees the old
// rows or, having begun after the commit, the new ones, and what it caches under the
// old number is dropped by the next transaction, which reads the new one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/error.h"

namespace localnotion::storage {

class GenerationFile {
 public:
  // Opens (creating when missing) the file of the store at `store_path`.
  static Result<std::unique_ptr<GenerationFile>> Open(const std::string& store_path);
  ~GenerationFile();
  GenerationFile(const GenerationFile&) = delete;
  GenerationFile& operator=(const GenerationFile&) = delete;

  static std::string PathOf(const std::string& store_path) { return store_path + ".generation"; }

  int64_t Read() const;
  void Bump();

 private:
  GenerationFile(int fd, int64_t* counter) : fd_(fd), counter_(counter) {}
  int fd_;
  int64_t* counter_;  // in the shared mapping
};

}  // namespace localnotion::storage
