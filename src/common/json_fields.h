// Reading optional fields of a json::object: what the API's wire shapes leave out when
// they have nothing to say (a file object's `url`, an icon's `file`), read without a
// check at every use.
#pragma once

#include <string>
#include <string_view>

#include "common/json.h"

namespace localnotion {

// The string at `key`; "" when the key is absent or holds no string.
inline std::string StringAt(const json::object& o, std::string_view key) {
  const json::value* v = Find(o, key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

// The object at `key`; nullptr when the key is absent or holds no object.
inline const json::object* ObjectAt(const json::object& o, std::string_view key) {
  const json::value* v = Find(o, key);
  return v != nullptr && v->is_object() ? &v->get_object() : nullptr;
}

}  // namespace localnotion
