#include "validation/markdown_body.h"

#include <array>

#include "api/messages.h"

namespace localnotion::validation {
namespace {

using api::Field;

constexpr size_t kMaxContentUpdates = 100;
constexpr std::array<std::string_view, 4> kTypes = {"insert_content", "replace_content_range", "update_content",
                                                    "replace_content"};

Result<std::string> ReadString(const json::object& o, const std::string& path, std::string_view key, bool required) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return required ? Result<std::string>(api::NotDefined(Field(path, key))) : std::string();
  if (!v->is_string()) {
    return api::FailedValidation(Field(path, key), required ? "a string" : "a string or `undefined`", v);
  }
  return std::string(v->get_string());
}

Result<bool> ReadBool(const json::object& o, const std::string& path, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return false;
  if (!v->is_bool()) return api::FailedValidation(Field(path, key), "a boolean or `undefined`", v);
  return v->get_bool();
}

Status ReadUpdates(const json::object& o, const std::string& path, MarkdownUpdate& out) {
  const std::string list_path = Field(path, "content_updates");
  const json::value* list = o.if_contains("content_updates");
  if (list == nullptr) return api::NotDefined(list_path);
  if (!list->is_array()) return api::FailedValidation(list_path, "an array", list);
  if (list->get_array().size() > kMaxContentUpdates) {
    return api::TooLong(list_path, kMaxContentUpdates, list->get_array().size());
  }
  for (size_t i = 0; i < list->get_array().size(); ++i) {
    const json::value& item = list->get_array()[i];
    const std::string item_path = api::Index(list_path, i);
    if (!item.is_object()) return api::FailedValidation(item_path, "an object", &item);
    const json::object& u = item.get_object();
    LN_RETURN_IF_ERROR(api::OnlyKeys(u, item_path, {"old_str", "new_str", "replace_all_matches"}));
    ContentUpdate update;
    LN_ASSIGN_OR_RETURN(update.old_str, ReadString(u, item_path, "old_str", true));
    LN_ASSIGN_OR_RETURN(update.new_str, ReadString(u, item_path, "new_str", true));
    LN_ASSIGN_OR_RETURN(update.replace_all_matches, ReadBool(u, item_path, "replace_all_matches"));
    out.updates.push_back(std::move(update));
  }
  return OkStatus();
}

}  // namespace

Result<MarkdownUpdate> ReadMarkdownUpdate(const json::value& body) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  const json::object& o = body.get_object();
  MarkdownUpdate out;
  const json::value* type = o.if_contains("type");
  if (type != nullptr &&
      (!type->is_string() || std::find(kTypes.begin(), kTypes.end(), type->get_string()) == kTypes.end())) {
    return api::FailedValidation("body.type",
                                 "`\"insert_content\"`, `\"replace_content_range\"`, `\"update_content\"`, or "
                                 "`\"replace_content\"`",
                                 type);
  }
  // Like Notion's other unions, the command object names the variant; `type` may agree.
  for (std::string_view t : kTypes) {
    if (o.contains(t) && (type == nullptr || type->get_string() == t)) out.type = std::string(t);
  }
  if (out.type.empty()) {
    if (type != nullptr) return api::NotDefined(Field("body", type->get_string()));
    std::vector<std::string> alts;
    for (std::string_view t : kTypes) alts.push_back(api::ShouldBe(Field("body", t), "defined", nullptr));
    return api::FixOne(alts);
  }
  LN_RETURN_IF_ERROR(api::OnlyKeys(o, "body", {"type", out.type, "allow_async"}));
  LN_ASSIGN_OR_RETURN(out.allow_async, ReadBool(o, "body", "allow_async"));
  const std::string path = Field("body", out.type);
  const json::value& command = o.at(out.type);
  if (!command.is_object()) return api::FailedValidation(path, "an object", &command);
  const json::object& c = command.get_object();
  if (out.type == "update_content") {
    LN_RETURN_IF_ERROR(api::OnlyKeys(c, path, {"content_updates", "allow_deleting_content"}));
    LN_RETURN_IF_ERROR(ReadUpdates(c, path, out));
  } else if (out.type == "replace_content") {
    LN_RETURN_IF_ERROR(api::OnlyKeys(c, path, {"new_str", "allow_deleting_content"}));
    LN_ASSIGN_OR_RETURN(out.content, ReadString(c, path, "new_str", true));
  } else if (out.type == "insert_content") {
    LN_RETURN_IF_ERROR(api::OnlyKeys(c, path, {"content", "after", "position"}));
    LN_ASSIGN_OR_RETURN(out.content, ReadString(c, path, "content", true));
    if (c.contains("after")) {
      LN_ASSIGN_OR_RETURN(out.after, ReadString(c, path, "after", false));
    }
    if (const json::value* position = c.if_contains("position")) {
      const std::string position_path = Field(path, "position");
      if (out.after) return api::NotPresent(position_path, *position);
      const json::value* kind = position->is_object() ? position->get_object().if_contains("type") : nullptr;
      if (kind == nullptr || !kind->is_string() || (kind->get_string() != "start" && kind->get_string() != "end")) {
        return api::FailedValidation(Field(position_path, "type"), "`\"start\"` or `\"end\"`", kind);
      }
      LN_RETURN_IF_ERROR(api::OnlyKeys(position->get_object(), position_path, {"type"}));
      out.position = std::string(kind->get_string());
    }
  } else {
    LN_RETURN_IF_ERROR(api::OnlyKeys(c, path, {"content", "content_range", "allow_deleting_content"}));
    LN_ASSIGN_OR_RETURN(out.content, ReadString(c, path, "content", true));
    LN_ASSIGN_OR_RETURN(out.content_range, ReadString(c, path, "content_range", true));
  }
  if (out.type != "insert_content") {
    LN_ASSIGN_OR_RETURN(out.allow_deleting_content, ReadBool(c, path, "allow_deleting_content"));
  }
  return out;
}

}  // namespace localnotion::validation
