#include "validation/block_write.h"

#include <fmt/format.h>

#include <algorithm>

#include "api/icon.h"
#include "api/messages.h"
#include "api/rich_text.h"
#include "common/uuid.h"

namespace localnotion::validation {
namespace {

using api::Field;

constexpr size_t kMaxChildren = 100;
constexpr size_t kMaxUrl = 2000;
constexpr size_t kMaxExpression = 1000;

// The code block languages of Notion's request schema (languageRequest).
const std::vector<std::string_view>& Languages() {
  static const std::vector<std::string_view> k = {
      "abap", "abc", "agda", "arduino", "ascii art", "assembly", "bash", "basic", "bnf", "c", "c#", "c++",
      "clojure", "coffeescript", "coq", "css", "dart", "dhall", "diff", "docker", "ebnf", "elixir", "elm",
      "erlang", "f#", "flow", "fortran", "gherkin", "glsl", "go", "graphql", "groovy", "haskell", "hcl", "html",
      "idris", "java", "javascript", "json", "julia", "kotlin", "latex", "less", "lisp", "livescript", "llvm ir",
      "lua", "makefile", "markdown", "markup", "matlab", "mathematica", "mermaid", "nix", "notion formula",
      "objective-c", "ocaml", "pascal", "perl", "php", "plain text", "powershell", "prolog", "protobuf",
      "purescript", "python", "r", "racket", "reason", "ruby", "rust", "sass", "scala", "scheme", "scss", "shell",
      "smalltalk", "solidity", "sql", "swift", "toml", "typescript", "vb.net", "verilog", "vhdl", "visual basic",
      "webassembly", "xml", "yaml", "java/c/c++/c#"};
  return k;
}

bool IsTextType(std::string_view t) {
  return t == "paragraph" || t == "bulleted_list_item" || t == "numbered_list_item" || t == "quote" ||
         t == "toggle" || t == "to_do" || t == "callout" || t == "heading_1" || t == "heading_2" || t == "heading_3";
}

bool IsMediaType(std::string_view t) {
  return t == "image" || t == "video" || t == "pdf" || t == "file" || t == "audio";
}

bool Contains(const std::vector<std::string_view>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// "`"a"`, `"b"`, or `"c"`" as Notion lists the values of an enum.
std::string EnumList(const std::vector<std::string_view>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += values.size() == 2 ? " or " : (i + 1 == values.size() ? ", or " : ", ");
    out += fmt::format("`\"{}\"`", values[i]);
  }
  return out;
}

Status ReadBool(const std::string& path, const json::value& v, json::object& out, std::string_view key) {
  if (!v.is_bool()) return api::FailedValidation(path, "a boolean or `undefined`", &v);
  out[key] = v.get_bool();
  return OkStatus();
}

Status ReadColor(const std::string& path, const json::value& v, json::object& out) {
  if (!v.is_string() || !api::IsAnnotationColor(v.get_string())) {
    return api::FailedValidation(path, "a valid color or `undefined`", &v);
  }
  out["color"] = v;
  return OkStatus();
}

Status ReadRichText(const std::string& path, const json::value& v, json::object& out, std::string_view key) {
  LN_ASSIGN_OR_RETURN(json::array rt, api::NormalizeRichText(path, v));
  out[key] = std::move(rt);
  return OkStatus();
}

Status ReadUrl(const std::string& path, const json::value& v, json::object& out) {
  if (!v.is_string()) return api::FailedValidation(path, "a string", &v);
  size_t len = api::Utf16Length(v.get_string());
  if (len > kMaxUrl) return api::TooLong(path, kMaxUrl, len);
  out["url"] = v;
  return OkStatus();
}

// The external file or file upload of a media block (image, video, pdf, file, audio).
Status ReadMediaSource(const std::string& path, const json::object& in, json::object& out) {
  const json::value* external = Find(in, "external");
  const json::value* upload = Find(in, "file_upload");
  if (external == nullptr && upload == nullptr) {
    return api::FixOne({api::ShouldBe(Field(path, "external"), "defined", nullptr),
                        api::ShouldBe(Field(path, "file_upload"), "defined", nullptr)});
  }
  if (external != nullptr && upload != nullptr) return api::NotPresent(Field(path, "file_upload"), *upload);
  if (external != nullptr) {
    std::string ext_path = Field(path, "external");
    if (!external->is_object()) return api::FailedValidation(ext_path, "an object", external);
    json::object ext;
    for (const auto& kv : external->get_object()) {
      if (kv.key() != "url") return api::NotPresent(Field(ext_path, kv.key()), kv.value());
    }
    const json::value* url = Find(external->get_object(), "url");
    if (url == nullptr) return api::NotDefined(Field(ext_path, "url"));
    LN_RETURN_IF_ERROR(ReadUrl(Field(ext_path, "url"), *url, ext));
    out["type"] = "external";
    out["external"] = std::move(ext);
    out.erase("file_upload");
    out.erase("file");
    return OkStatus();
  }
  std::string up_path = Field(path, "file_upload");
  const json::value* id = upload->is_object() ? Find(upload->get_object(), "id") : nullptr;
  if (!upload->is_object()) return api::FailedValidation(up_path, "an object", upload);
  if (id == nullptr) return api::NotDefined(Field(up_path, "id"));
  auto norm = id->is_string() ? NormalizeUuid(id->get_string()) : std::nullopt;
  if (!norm) return api::FailedValidation(Field(up_path, "id"), "a valid uuid", id);
  // Kept as given; the service resolves it (service/blocks.cc, ResolveFileUpload).
  out["type"] = "file_upload";
  out["file_upload"] = json::object{{"id", *norm}};
  out.erase("external");
  return OkStatus();
}

// Checks the object under the type key of a block request and writes the stored fields
// into `out` (which holds the defaults on create, the current content on update).
// `partial` (updates) lets required fields be left out. `children` receives the
// `children` array, when the type takes one and the request has it.
Status CheckContent(const std::string& path, std::string_view type, const json::value& v, bool partial,
                    json::object& out, const json::value** children) {
  if (!v.is_object()) return api::FailedValidation(path, "an object", &v);
  const json::object& in = v.get_object();
  auto required = [&](std::string_view key) -> Status {
    if (!partial && Find(in, key) == nullptr) return api::NotDefined(Field(path, key));
    return OkStatus();
  };
  const bool media = IsMediaType(type);
  if (media && (!partial || Find(in, "external") || Find(in, "file_upload"))) {
    LN_RETURN_IF_ERROR(ReadMediaSource(path, in, out));
  }
  if (IsTextType(type) || type == "code") LN_RETURN_IF_ERROR(required("rich_text"));
  if (type == "code") LN_RETURN_IF_ERROR(required("language"));
  if (type == "equation") LN_RETURN_IF_ERROR(required("expression"));
  if (type == "bookmark" || type == "embed") LN_RETURN_IF_ERROR(required("url"));
  if (type == "table") LN_RETURN_IF_ERROR(required("table_width"));
  if (type == "table_row") LN_RETURN_IF_ERROR(required("cells"));

  for (const auto& kv : in) {
    const std::string key(kv.key());
    const json::value& val = kv.value();
    const std::string kp = Field(path, key);
    const bool heading = type.starts_with("heading_");
    if (key == "children" && children != nullptr && BlockTypeTakesChildren(type)) {
      *children = &val;
    } else if (key == "rich_text" && (IsTextType(type) || type == "code")) {
      LN_RETURN_IF_ERROR(ReadRichText(kp, val, out, key));
    } else if (key == "color" && (IsTextType(type) || type == "table_of_contents")) {
      LN_RETURN_IF_ERROR(ReadColor(kp, val, out));
    } else if (key == "is_toggleable" && heading) {
      LN_RETURN_IF_ERROR(ReadBool(kp, val, out, key));
    } else if (key == "checked" && type == "to_do") {
      LN_RETURN_IF_ERROR(ReadBool(kp, val, out, key));
    } else if (key == "icon" && type == "callout") {
      LN_ASSIGN_OR_RETURN(out["icon"], api::NormalizeIcon(kp, val));
    } else if (key == "caption" && (type == "code" || type == "bookmark" || type == "embed" || media)) {
      LN_RETURN_IF_ERROR(ReadRichText(kp, val, out, key));
    } else if (key == "language" && type == "code") {
      if (!val.is_string() || !Contains(Languages(), val.get_string())) {
        return api::FailedValidation(kp, EnumList(Languages()), &val);
      }
      out["language"] = val;
    } else if (key == "expression" && type == "equation") {
      if (!val.is_string()) return api::FailedValidation(kp, "a string", &val);
      size_t len = api::Utf16Length(val.get_string());
      if (len > kMaxExpression) return api::TooLong(kp, kMaxExpression, len);
      out["expression"] = val;
    } else if (key == "url" && (type == "bookmark" || type == "embed")) {
      LN_RETURN_IF_ERROR(ReadUrl(kp, val, out));
    } else if (media && (key == "external" || key == "file_upload")) {
      // Read above.
    } else if (media && key == "type") {
      std::string_view given = val.is_string() ? std::string_view(val.get_string()) : std::string_view{};
      if (given != "external" && given != "file_upload") {
        return api::FailedValidation(kp, "`\"external\"` or `\"file_upload\"`", &val);
      }
      if (!Find(in, given)) return api::NotDefined(Field(path, given));
    } else if (key == "name" && type == "file") {
      if (!val.is_string()) return api::FailedValidation(kp, "a string or `undefined`", &val);
      out["name"] = val;
    } else if (key == "table_width" && type == "table") {
      if (!val.is_int64() || val.get_int64() < 1) return api::FailedValidation(kp, "a positive integer", &val);
      if (partial) return api::NotPresent(kp, val);  // a table's width never changes
      out["table_width"] = val;
    } else if ((key == "has_column_header" || key == "has_row_header") && type == "table") {
      LN_RETURN_IF_ERROR(ReadBool(kp, val, out, key));
    } else if (key == "cells" && type == "table_row") {
      if (!val.is_array()) return api::FailedValidation(kp, "an array", &val);
      if (val.get_array().size() > kMaxChildren) return api::TooLong(kp, kMaxChildren, val.get_array().size());
      json::array cells;
      for (size_t i = 0; i < val.get_array().size(); ++i) {
        LN_ASSIGN_OR_RETURN(json::array cell, api::NormalizeRichText(api::Index(kp, i), val.get_array()[i]));
        cells.push_back(std::move(cell));
      }
      out["cells"] = std::move(cells);
    } else if (key == "width_ratio" && type == "column") {
      if (!val.is_number() || val.to_number<double>() <= 0 || val.to_number<double>() > 1) {
        return api::FailedValidation(kp, "a number between 0 and 1", &val);
      }
      out["width_ratio"] = val;
    } else if (type == "link_to_page" && (key == "page_id" || key == "database_id")) {
      auto norm = val.is_string() ? NormalizeUuid(val.get_string()) : std::nullopt;
      if (!norm) return api::FailedValidation(kp, "a valid uuid", &val);
      out = json::object{{"type", key}, {key, *norm}};
    } else if (type == "link_to_page" && key == "type") {
      if (!val.is_string() || (val.get_string() != "page_id" && val.get_string() != "database_id")) {
        return api::FailedValidation(kp, "`\"page_id\"` or `\"database_id\"`", &val);
      }
    } else {
      return api::NotPresent(kp, val);
    }
  }
  if (type == "link_to_page" && !partial && !Find(out, "type")) {
    return api::FixOne({api::ShouldBe(Field(path, "page_id"), "defined", nullptr),
                        api::ShouldBe(Field(path, "database_id"), "defined", nullptr)});
  }
  return OkStatus();
}

// The stored content a new block of `type` starts from.
json::object Defaults(std::string_view type) {
  json::object o;
  if (IsTextType(type)) {
    o["rich_text"] = json::array{};
    if (type == "to_do") o["checked"] = false;
    if (type == "callout") o["icon"] = nullptr;
    o["color"] = "default";
    if (type.starts_with("heading_")) o["is_toggleable"] = false;
  } else if (type == "code" || type == "bookmark" || type == "embed" || IsMediaType(type)) {
    o["caption"] = json::array{};
  } else if (type == "table") {
    o["has_column_header"] = false;
    o["has_row_header"] = false;
  } else if (type == "table_of_contents") {
    o["color"] = "default";
  }
  return o;
}

// A file block always has a `name` (the response schema requires it). Without one in
// the request it is the last segment of the external URL's path ("" for an upload).
std::string FileNameOf(const json::object& content) {
  const json::value* external = Find(content, "external");
  const json::value* url = external && external->is_object() ? Find(external->get_object(), "url") : nullptr;
  if (url == nullptr || !url->is_string()) return "";
  std::string_view u = url->get_string();
  u = u.substr(0, u.find_first_of("?#"));
  size_t scheme = u.find("://");
  if (scheme != std::string_view::npos) {
    u.remove_prefix(scheme + 3);
    size_t slash = u.find('/');
    u = slash == std::string_view::npos ? std::string_view{} : u.substr(slash);
  }
  while (!u.empty() && u.back() == '/') u.remove_suffix(1);
  size_t last = u.rfind('/');
  return std::string(last == std::string_view::npos ? u : u.substr(last + 1));
}

// The type key of a block request: the first key of Notion's union that is present.
std::string_view TypeKey(const json::object& item) {
  for (std::string_view t : WritableBlockTypes()) {
    if (item.contains(t)) return t;
  }
  return {};
}

size_t CountBlocks(const std::vector<NewBlock>& blocks) {
  size_t n = blocks.size();
  for (const auto& b : blocks) n += CountBlocks(b.children);
  return n;
}

Result<std::vector<NewBlock>> CheckLevel(const std::string& path, const json::value& v, int level);

// One block request at `path`, `level` 1 for the top-level array.
Result<NewBlock> CheckBlock(const std::string& path, const json::value& item, int level) {
  if (!item.is_object()) return api::FailedValidation(path, "an object", &item);
  const json::object& obj = item.get_object();
  std::string_view type = TypeKey(obj);
  if (type.empty()) {
    std::vector<std::string> alts;
    for (std::string_view t : WritableBlockTypes()) alts.push_back(api::ShouldBe(Field(path, t), "defined", nullptr));
    return api::FixOne(alts);
  }
  for (const auto& kv : obj) {
    if (kv.key() == type) continue;
    if (kv.key() == "type") {
      if (!kv.value().is_string() || kv.value().get_string() != type) {
        return api::FailedValidation(Field(path, "type"), fmt::format("`\"{}\"` or `undefined`", type), &kv.value());
      }
    } else if (kv.key() == "object") {
      if (!kv.value().is_string() || kv.value().get_string() != "block") {
        return api::FailedValidation(Field(path, "object"), "`\"block\"` or `undefined`", &kv.value());
      }
    } else {
      return api::NotPresent(Field(path, kv.key()), kv.value());
    }
  }
  NewBlock block;
  block.path = path;
  block.type = std::string(type);
  block.content = Defaults(type);
  const std::string content_path = Field(path, type);
  const json::value* children = nullptr;
  LN_RETURN_IF_ERROR(CheckContent(content_path, type, obj.at(type), false, block.content, &children));
  if (type == "file" && !block.content.contains("name")) block.content["name"] = FileNameOf(block.content);
  const std::string children_path = Field(content_path, "children");
  if (children != nullptr) {
    // Two levels per request; the columns of a column list and the rows of a table are
    // part of their container, so their own children do not count as a level.
    const bool allowed = level == 1 || (level == 2 && (type == "column" || type == "table"));
    if (!allowed) return api::NotPresent(children_path, *children);
    LN_ASSIGN_OR_RETURN(block.children, CheckLevel(children_path, *children, level + 1));
  }
  if ((type == "table" || type == "column_list" || type == "column") && children == nullptr) {
    return api::NotDefined(children_path);
  }
  LN_RETURN_IF_ERROR(CheckPlacement(children_path, type, block.content, block.children));
  return block;
}

Result<std::vector<NewBlock>> CheckLevel(const std::string& path, const json::value& v, int level) {
  if (!v.is_array()) return api::FailedValidation(path, "an array", &v);
  const json::array& arr = v.get_array();
  if (arr.size() > kMaxChildren) return api::TooLong(path, kMaxChildren, arr.size());
  std::vector<NewBlock> out;
  out.reserve(arr.size());
  for (size_t i = 0; i < arr.size(); ++i) {
    LN_ASSIGN_OR_RETURN(NewBlock b, CheckBlock(api::Index(path, i), arr[i], level));
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace

const std::vector<std::string_view>& WritableBlockTypes() {
  static const std::vector<std::string_view> k = {
      "embed",     "bookmark",   "image",     "video",     "pdf",       "file",      "audio",
      "code",      "equation",   "divider",   "breadcrumb", "table_of_contents", "link_to_page", "table_row",
      "table",     "column_list", "column",   "heading_1", "heading_2", "heading_3", "paragraph",
      "bulleted_list_item", "numbered_list_item", "quote", "to_do", "toggle", "callout"};
  return k;
}

bool BlockTypeTakesChildren(std::string_view type) {
  return IsTextType(type) || type == "table" || type == "column_list" || type == "column";
}

Error TooManyBlocks(size_t count) {
  return ValidationError(fmt::format(
      "body failed validation: the number of blocks in body.children, nested ones included, should be ≤ `{}`, "
      "instead was `{}`.",
      kMaxBlocksPerRequest, count));
}

Status CheckPlacement(std::string_view path, std::string_view parent_type, const json::object& parent_content,
                      const std::vector<NewBlock>& children) {
  const std::string_view want = parent_type == "table" ? "table_row" : parent_type == "column_list" ? "column" : "";
  for (size_t i = 0; i < children.size(); ++i) {
    const NewBlock& child = children[i];
    const std::string child_path = api::Index(path, i);
    if (!want.empty() && child.type != want) {
      json::value got = json::string(child.type);
      return api::FailedValidation(Field(child_path, "type"), fmt::format("`\"{}\"`", want), &got);
    }
    if (want.empty() && (child.type == "table_row" || child.type == "column")) {
      return ValidationError(fmt::format("body failed validation: {} is a {} block, which is only allowed inside a {} block.",
                                         child_path, child.type, child.type == "column" ? "column_list" : "table"));
    }
    if (parent_type == "table") {
      size_t cells = child.content.contains("cells") ? child.content.at("cells").as_array().size() : 0;
      const json::value* width = Find(parent_content, "table_width");
      int64_t w = width && width->is_int64() ? width->get_int64() : 0;
      if (static_cast<int64_t>(cells) != w) {
        json::value got = static_cast<int64_t>(cells);
        return api::FailedValidation(Field(Field(child_path, "table_row"), "cells.length"),
                                     fmt::format("`{}` (the table_width of the table)", w), &got);
      }
    }
  }
  return OkStatus();
}

Result<std::vector<NewBlock>> CheckChildren(std::string_view path, const json::value& v) {
  LN_ASSIGN_OR_RETURN(std::vector<NewBlock> blocks, CheckLevel(std::string(path), v, 1));
  size_t count = CountBlocks(blocks);
  if (count > kMaxBlocksPerRequest) return TooManyBlocks(count);
  return blocks;
}

Result<BlockUpdate> CheckBlockUpdate(const json::value& body, std::string_view type, const json::object& current) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  BlockUpdate out;
  std::optional<bool> archived;
  const Error wrong_type = ValidationError(fmt::format("Expected block type {} in request body", type));
  for (const auto& kv : body.get_object()) {
    const std::string_view key = kv.key();
    const std::string path = Field("body", key);
    if (key == "in_trash" || key == "archived") {
      if (!kv.value().is_bool()) return api::FailedValidation(path, "a boolean or `undefined`", &kv.value());
      (key == "in_trash" ? out.in_trash : archived) = kv.value().get_bool();
    } else if (key == "type") {
      if (!kv.value().is_string() || kv.value().get_string() != type) return wrong_type;
    } else if (Contains(WritableBlockTypes(), key)) {
      if (key != type) return wrong_type;
      json::object content = current;
      LN_RETURN_IF_ERROR(CheckContent(path, type, kv.value(), true, content, nullptr));
      out.content = std::move(content);
    } else {
      return api::NotPresent(path, kv.value());
    }
  }
  // `archived` is the older alias of `in_trash`; when both are sent, in_trash wins.
  if (!out.in_trash && archived) out.in_trash = archived;
  return out;
}

}  // namespace localnotion::validation
