#include "validation/append_body.h"

#include "api/messages.h"
#include "common/uuid.h"

namespace localnotion::validation {
namespace {

constexpr std::string_view kPositionTypes = "`\"after_block\"`, `\"start\"`, or `\"end\"`";

Result<std::string> ReadBlockId(std::string_view path, const json::value& v) {
  auto norm = v.is_string() ? NormalizeUuid(v.get_string()) : std::nullopt;
  if (!norm) return api::FailedValidation(path, "a valid uuid", &v);
  return *norm;
}

// {"type": "after_block", "after_block": {"id": ID}} | {"type": "start"} | {"type": "end"}.
Status ReadPosition(const json::value& v, AppendBody& out) {
  if (!v.is_object()) return api::FailedValidation("body.position", "an object or `undefined`", &v);
  const json::object& o = v.get_object();
  const json::value* type = Find(o, "type");
  if (type == nullptr) return api::NotDefined("body.position.type");
  const std::string_view t = type->is_string() ? std::string_view(type->get_string()) : std::string_view();
  if (t == "start") {
    out.place = AppendPlace::kStart;
  } else if (t == "end") {
    out.place = AppendPlace::kEnd;
  } else if (t == "after_block") {
    out.place = AppendPlace::kAfterBlock;
  } else {
    return api::FailedValidation("body.position.type", kPositionTypes, type);
  }
  for (const auto& kv : o) {
    if (kv.key() == "type") continue;
    if (kv.key() != "after_block" || t != "after_block") {
      return api::NotPresent(api::Field("body.position", kv.key()), kv.value());
    }
  }
  if (out.place != AppendPlace::kAfterBlock) return OkStatus();
  const json::value* after = Find(o, "after_block");
  if (after == nullptr) return api::NotDefined("body.position.after_block");
  if (!after->is_object()) return api::FailedValidation("body.position.after_block", "an object", after);
  const json::value* id = nullptr;
  for (const auto& kv : after->get_object()) {
    if (kv.key() != "id") return api::NotPresent(api::Field("body.position.after_block", kv.key()), kv.value());
    id = &kv.value();
  }
  if (id == nullptr) return api::NotDefined("body.position.after_block.id");
  LN_ASSIGN_OR_RETURN(out.after_block_id, ReadBlockId("body.position.after_block.id", *id));
  return OkStatus();
}

}  // namespace

Result<AppendBody> ReadAppendBody(const json::value& body, api::ApiVersion version) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  AppendBody out;
  bool has_after = false;
  bool has_position = false;
  std::string after_id;
  for (const auto& kv : body.get_object()) {
    if (kv.key() == "children") {
      out.children = &kv.value();
    } else if (kv.key() == "after" && api::AppendTakesAfter(version)) {
      auto norm = kv.value().is_string() ? NormalizeUuid(kv.value().get_string()) : std::nullopt;
      if (!norm) return api::FailedValidation("body.after", "a valid uuid or `undefined`", &kv.value());
      after_id = *norm;
      has_after = true;
    } else if (kv.key() == "position") {
      LN_RETURN_IF_ERROR(ReadPosition(kv.value(), out));
      has_position = true;
    } else {
      return api::NotPresent(api::Field("body", kv.key()), kv.value());
    }
  }
  if (out.children == nullptr) return api::NotDefined("body.children");
  if (has_after && has_position) return ValidationError(std::string(kAfterWithPosition));
  if (has_after) {
    out.place = AppendPlace::kAfterBlock;
    out.after_block_id = std::move(after_id);
  }
  return out;
}

}  // namespace localnotion::validation
