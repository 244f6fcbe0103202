#include "common/json_shape.h"

namespace localnotion {

json::object MakeShape(const std::vector<std::string_view>& keys) {
  json::object o;
  o.reserve(keys.size());
  for (std::string_view key : keys) {
    [[maybe_unused]] const bool inserted = o.emplace(key, nullptr).second;
    assert(inserted);
  }
  return o;
}

}  // namespace localnotion
