#include "schema/properties/id_list.h"

#include "api/limits.h"
#include "api/messages.h"
#include "common/uuid.h"

namespace localnotion::schema {

Result<json::array> ReadIdList(std::string_view path, const json::value& value,
                               std::initializer_list<std::string_view> allowed_keys) {
  if (!value.is_array()) return api::FailedValidation(path, "an array", &value);
  const auto& arr = value.get_array();
  if (arr.size() > api::kMaxArrayItems) return api::TooLong(path, api::kMaxArrayItems, arr.size());
  json::array ids;
  for (size_t i = 0; i < arr.size(); ++i) {
    std::string item_path = api::Index(path, i);
    if (!arr[i].is_object()) return api::FailedValidation(item_path, "an object", &arr[i]);
    const auto& obj = arr[i].get_object();
    for (const auto& kv : obj) {
      bool ok = kv.key() == "id";
      for (auto k : allowed_keys) ok = ok || kv.key() == k;
      if (!ok) return api::NotPresent(api::Field(item_path, kv.key()), kv.value());
    }
    const json::value* id = Find(obj, "id");
    std::string id_path = api::Field(item_path, "id");
    if (id == nullptr) return api::NotDefined(id_path);
    auto norm = id->is_string() ? NormalizeUuid(id->get_string()) : std::nullopt;
    if (!norm) return api::FailedValidation(id_path, "a valid uuid", id);
    bool dup = false;
    for (const auto& e : ids) dup = dup || e.get_string() == *norm;
    if (!dup) ids.push_back(json::value(*norm));
  }
  return ids;
}

}  // namespace localnotion::schema
