#include "common/json_arena.h"

#include <algorithm>
#include <memory>
#include <new>
#include <utility>

namespace localnotion {
namespace {

thread_local JsonArena* current = nullptr;

// The first block: the stored row and the answer of one page fit in it (callgrind: one
// block per request for the bench's GET and its PATCH of a fifteen-property page), so
// most requests take one block from the heap. Later blocks double.
constexpr size_t kFirstBlockBytes = 16 * 1024;

}  // namespace

JsonArena::JsonArena() : outer_(current) { current = this; }

JsonArena::~JsonArena() { current = outer_; }

JsonArena::Outside::Outside() : saved_(current) { current = nullptr; }

JsonArena::Outside::~Outside() { current = saved_; }

json::storage_ptr JsonArena::Storage() {
  if (current == nullptr || current->resource_.used() >= kBudgetBytes) return json::storage_ptr();
  return json::storage_ptr(&current->resource_);
}

JsonArena::Resource::~Resource() {
  while (last_ != nullptr) {
    Block* previous = last_->previous;
    ::operator delete(last_);
    last_ = previous;
  }
}

void* JsonArena::Resource::Grow(size_t n, size_t align) {
  next_block_bytes_ = next_block_bytes_ == 0 ? kFirstBlockBytes : next_block_bytes_ * 2;
  const size_t bytes = std::max(next_block_bytes_, sizeof(Block) + n + align);
  auto* block = static_cast<Block*>(::operator new(bytes));
  block->previous = last_;
  last_ = block;
  char* start = reinterpret_cast<char*>(block) + sizeof(Block);
  end_ = reinterpret_cast<char*>(block) + bytes;
  const uintptr_t at = (reinterpret_cast<uintptr_t>(start) + align - 1) & ~(uintptr_t{align} - 1);
  next_ = reinterpret_cast<char*>(at + n);
  return reinterpret_cast<void*>(at);
}

void ReplaceWithStorage(json::object& target, json::object&& source) {
  std::destroy_at(&target);
  std::construct_at(&target, std::move(source));
}

}  // namespace localnotion
