// Objects whose keys are known in advance (a page object), made without looking
// keys up.
//
// Inserting into a json::object by key compares the key with every key before it
// (Boost.JSON keeps small objects unhashed), so a page object's 16 keys cost about 230
// instructions each. Copying an object takes its keys as they are. So a shape, the keys
// in order with null values, is made once, and each object copies it into the request's
// storage and sets the values in the same order:
//
//   static const json::object kShape = MakeShape({"object", "id", "name"});
//   json::object o = ShapedObject(kShape, sp).Set("object", "user").Set("id", id).Set("name", name).Done();
//
// Set names the key it fills; a build with assertions checks it against the shape, and
// Done checks that every key was filled.
#pragma once

#include <cassert>
#include <string_view>
#include <utility>
#include <vector>

#include "common/json.h"

namespace localnotion {

// Keys must be distinct.
json::object MakeShape(const std::vector<std::string_view>& keys);

class ShapedObject {
 public:
  ShapedObject(const json::object& shape, json::storage_ptr sp) : o_(shape, std::move(sp)), next_(o_.begin()) {}

  template <class V>
  ShapedObject& Set([[maybe_unused]] std::string_view key, V&& value) {
    assert(next_ != o_.end() && next_->key() == key);
    next_->value() = std::forward<V>(value);
    ++next_;
    return *this;
  }

  // Moves the object out; the ShapedObject is spent.
  json::object Done() {
    assert(next_ == o_.end());
    return std::move(o_);
  }

 private:
  json::object o_;
  json::object::iterator next_;
};

}  // namespace localnotion
