// One request's JSON values in one arena.
//
// Answering a page builds a tree of Boost.JSON values (the stored properties parsed,
// then the page object around them), serializes it and destroys it. With Boost.JSON's
// default resource every string, array and object of that tree is a malloc and a free,
// and destroying it walks the whole tree. A JsonArena is a monotonic resource
// (https://www.boost.org/doc/libs/1_81_0/libs/json/doc/html/json/allocators/background.html):
// values built in it are a pointer bump each, and destroying a container whose resource
// does not deallocate skips its elements; the arena frees its blocks at once when it ends.
//
// The contract. A JsonArena lives on the stack around the synchronous handling of one
// request (http::Pipeline::HandleApi). While it lives, JsonArena::Storage() on that
// thread names it; otherwise Storage() is Boost.JSON's default resource, so code that
// uses Storage() works the same outside a request. Only values that end with the request
// may be built in Storage(): the answer and what it is made of, and page rows read for
// it. Boost.JSON keeps a value's resource when it is copied or moved (a copy made with
// an explicit storage_ptr takes that one), so anything kept beyond the request (a cache,
// a queue) must copy with json::storage_ptr() or serialize. The arena's blocks come from
// the heap and go back to it when it ends, so AddressSanitizer reports a value that
// outlived it.
//
// The budget. A request that reads many pages (a query scanning a data source, an
// export) must not keep every page it looked at until it ends, as the arena would:
// once an arena has handed out kBudgetBytes, Storage() names the default resource
// again, and what is made after is freed as it goes. (A value copied into a container
// of the arena still lands in the arena; that is the answer itself, which exists whole
// before it is written anyway.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

#include "common/json.h"

namespace localnotion {

class JsonArena {
 public:
  static constexpr size_t kBudgetBytes = 8 * 1024 * 1024;

  JsonArena();
  ~JsonArena();
  JsonArena(const JsonArena&) = delete;
  JsonArena& operator=(const JsonArena&) = delete;

  // The innermost JsonArena alive on this thread while it is within its budget, else
  // the default resource.
  static json::storage_ptr Storage();

  // The bytes handed out so far (for tests).
  size_t used() const { return resource_.used(); }

  // While one lives, Storage() on its thread names the default resource, whatever arena
  // is alive: for values read during a request to be kept after it (a cache) without a
  // copy. Arenas made inside it are used as usual.
  class Outside {
   public:
    Outside();
    ~Outside();
    Outside(const Outside&) = delete;
    Outside& operator=(const Outside&) = delete;

   private:
    JsonArena* saved_;
  };

  // A bump allocator: blocks from the heap, the first kFirstBlockBytes and each next one
  // twice the last, all freed when it ends. (Boost.JSON's monotonic_resource does the
  // same through a second virtual call and costs about four times as much per value.)
  class Resource final : public json::memory_resource {
   public:
    Resource() = default;
    ~Resource() override;
    Resource(const Resource&) = delete;
    Resource& operator=(const Resource&) = delete;
    size_t used() const { return used_; }

   private:
    void* do_allocate(size_t n, size_t align) override {
      used_ += n;
      const uintptr_t at = (reinterpret_cast<uintptr_t>(next_) + align - 1) & ~(uintptr_t{align} - 1);
      if (next_ == nullptr || at + n > reinterpret_cast<uintptr_t>(end_)) return Grow(n, align);
      next_ = reinterpret_cast<char*>(at + n);
      return reinterpret_cast<void*>(at);
    }
    void do_deallocate(void*, size_t, size_t) override {}
    bool do_is_equal(const json::memory_resource& other) const noexcept override { return this == &other; }
    void* Grow(size_t n, size_t align);

    struct Block {
      Block* previous;
    };
    Block* last_ = nullptr;
    char* next_ = nullptr;
    char* end_ = nullptr;
    size_t next_block_bytes_ = 0;
    size_t used_ = 0;
  };

 private:
  Resource resource_;
  JsonArena* outer_;
};

// ParseJson (json.h) with the values made in `storage`.
std::optional<json::value> ParseJsonIn(std::string_view text, const json::storage_ptr& storage);

// Replaces `target` by `source` and its resource. (json::object's assignment keeps the
// target's resource and copies into it when the two differ.)
void ReplaceWithStorage(json::object& target, json::object&& source);

}  // namespace localnotion

// Values in a JsonArena are never freed one by one: Boost.JSON then skips walking a
// container's elements when it is destroyed.
template <>
struct boost::json::is_deallocate_trivial<localnotion::JsonArena::Resource> : std::true_type {};
