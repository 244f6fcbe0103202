#include "validation/move_body.h"

#include "api/messages.h"
#include "common/uuid.h"

namespace localnotion::validation {

Result<MoveBody> ReadMoveBody(const json::value& body) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  for (const auto& kv : body.get_object()) {
    if (kv.key() != "parent") return api::NotPresent(api::Field("body", kv.key()), kv.value());
  }
  const json::value* parent = Find(body.get_object(), "parent");
  if (parent == nullptr) return api::NotDefined("body.parent");
  if (!parent->is_object()) return api::FailedValidation("body.parent", "an object", parent);
  const json::object& p = parent->get_object();
  const json::value* type = Find(p, "type");
  const json::value* page_id = Find(p, "page_id");
  const json::value* data_source_id = Find(p, "data_source_id");
  MoveBody out;
  if (type != nullptr) {
    const std::string_view t = type->is_string() ? std::string_view(type->get_string()) : std::string_view();
    if (t != "page_id" && t != "data_source_id") {
      return api::FailedValidation("body.parent.type", "`\"page_id\"` or `\"data_source_id\"`", type);
    }
    out.parent_type = std::string(t);
  } else if (page_id != nullptr || data_source_id != nullptr) {
    out.parent_type = page_id != nullptr ? "page_id" : "data_source_id";
  } else {
    return api::FixOne({api::ShouldBe("body.parent.page_id", "defined", nullptr),
                        api::ShouldBe("body.parent.data_source_id", "defined", nullptr)});
  }
  for (const auto& kv : p) {
    if (kv.key() != "type" && kv.key() != out.parent_type) {
      return api::NotPresent(api::Field("body.parent", kv.key()), kv.value());
    }
  }
  const json::value* id = out.parent_type == "page_id" ? page_id : data_source_id;
  const std::string path = api::Field("body.parent", out.parent_type);
  if (id == nullptr) return api::NotDefined(path);
  auto norm = id->is_string() ? NormalizeUuid(id->get_string()) : std::nullopt;
  if (!norm) return api::FailedValidation(path, "a valid uuid", id);
  out.parent_id = *norm;
  return out;
}

}  // namespace localnotion::validation
