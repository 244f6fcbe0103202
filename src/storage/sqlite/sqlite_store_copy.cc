// SqliteStore's copies and held writes, for tests and fuzzing (sqlite_store.h).
#include "storage/sqlite/sqlite_store.h"

namespace localnotion::storage {

Status SqliteStore::CopyFrom(SqliteStore& source) {
  if (!in_memory() || !source.in_memory() || &source == this) {
    return InternalError("CopyFrom copies one in-memory store into another");
  }
  std::scoped_lock lock(writer_mu_, source.writer_mu_);
  if (held_ || source.held_) return InternalError("CopyFrom copies no store whose writes are held");
  if (batch_) Flush();
  if (source.batch_) source.Flush();
  return writer_->CopyFrom(*source.writer_);
}

Status SqliteStore::HoldWrites() {
  if (!in_memory()) return InternalError("only an in-memory store holds its writes");
  std::unique_lock<std::mutex> lock(writer_mu_);
  if (held_) return InternalError("the writes are held already");
  if (batch_) Flush();
  LN_RETURN_IF_ERROR(writer_->BeginBatch());
  batch_ = std::make_shared<Batch>();
  held_ = true;
  return OkStatus();
}

Status SqliteStore::UndoHeldWrites() {
  std::unique_lock<std::mutex> lock(writer_mu_);
  if (!held_) return InternalError("the writes are not held");
  // SQLite ends a transaction on its own after some errors; the savepoints after that
  // were transactions of their own, and committed.
  const bool lost = !writer_->InTransaction();
  writer_->RollbackBatch();
  batch_.reset();
  if (lost) {
    held_ = false;
    return InternalError("the held transaction had ended: writes since may have committed");
  }
  if (Status begun = writer_->BeginBatch(); !begun.ok()) {
    held_ = false;
    return begun;
  }
  batch_ = std::make_shared<Batch>();
  return OkStatus();
}

}  // namespace localnotion::storage
