// The media blocks: image, video, pdf, file and audio
// (https://developers.notion.com/reference/block#image and the file object,
// https://developers.notion.com/reference/file-object). A request gives the file as
// `external: {url}` or as `file_upload: {id}` (https://developers.notion.com/reference/file-upload),
// optionally with a matching `type`, and a caption; a file block also takes a name.
#include <string>

#include "api/blocks/families.h"
#include "api/blocks/readers.h"
#include "api/messages.h"
#include "common/uuid.h"

namespace localnotion::api::blocks {
namespace {

// Reads the external file or file upload into out[type] and out[external|file_upload].
// On create one of them is required; on update it is read only when given.
Status ReadSource(const ReadContext& ctx, json::object& out) {
  const json::value* external = Find(ctx.in, "external");
  const json::value* upload = Find(ctx.in, "file_upload");
  if (ctx.partial && external == nullptr && upload == nullptr) return OkStatus();
  if (external == nullptr && upload == nullptr) {
    return FixOne({ShouldBe(Field(ctx.path, "external"), "defined", nullptr),
                   ShouldBe(Field(ctx.path, "file_upload"), "defined", nullptr)});
  }
  if (external != nullptr && upload != nullptr) return NotPresent(Field(ctx.path, "file_upload"), *upload);
  if (external != nullptr) {
    std::string ext_path = Field(ctx.path, "external");
    if (!external->is_object()) return FailedValidation(ext_path, "an object", external);
    json::object ext;
    for (const auto& kv : external->get_object()) {
      if (kv.key() != "url") return NotPresent(Field(ext_path, kv.key()), kv.value());
    }
    const json::value* url = Find(external->get_object(), "url");
    if (url == nullptr) return NotDefined(Field(ext_path, "url"));
    LN_RETURN_IF_ERROR(ReadUrl(ctx, "url", Field(ext_path, "url"), *url, ext));
    out["type"] = "external";
    out["external"] = std::move(ext);
    out.erase("file_upload");
    out.erase("file");
    return OkStatus();
  }
  std::string up_path = Field(ctx.path, "file_upload");
  const json::value* id = upload->is_object() ? Find(upload->get_object(), "id") : nullptr;
  if (!upload->is_object()) return FailedValidation(up_path, "an object", upload);
  if (id == nullptr) return NotDefined(Field(up_path, "id"));
  auto norm = id->is_string() ? NormalizeUuid(id->get_string()) : std::nullopt;
  if (!norm) return FailedValidation(Field(up_path, "id"), "a valid uuid", id);
  // Kept as given; the service resolves it to the uploaded file (service/blocks/block_tree.cc,
  // ResolveFileUpload).
  out["type"] = "file_upload";
  out["file_upload"] = json::object{{"id", *norm}};
  out.erase("external");
  return OkStatus();
}

// The optional `type` must name the source key the request gives.
Status ReadSourceType(const ReadContext& ctx, std::string_view, const std::string& key_path, const json::value& value,
                      json::object&) {
  std::string_view given = value.is_string() ? std::string_view(value.get_string()) : std::string_view{};
  if (given != "external" && given != "file_upload") {
    return FailedValidation(key_path, "`\"external\"` or `\"file_upload\"`", &value);
  }
  if (!Find(ctx.in, given)) return NotDefined(Field(ctx.path, given));
  return OkStatus();
}

Status ReadName(const ReadContext&, std::string_view, const std::string& key_path, const json::value& value,
                json::object& out) {
  if (!value.is_string()) return FailedValidation(key_path, "a string or `undefined`", &value);
  out["name"] = value;
  return OkStatus();
}

// The last segment of the external URL's path ("" for an upload).
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

// A file block always has a `name` (the response schema requires it): without one in
// the create request it is named after its URL.
Status NameFile(const ReadContext& ctx, json::object& out) {
  if (!ctx.partial && !out.contains("name")) out["name"] = FileNameOf(out);
  return OkStatus();
}

BlockType MediaBlock(std::string_view name) {
  BlockType t;
  t.name = name;
  t.keys = {{"external", ReadElsewhere}, {"file_upload", ReadElsewhere}, {"type", ReadSourceType},
            {"caption", ReadRichText}};
  t.defaults["caption"] = json::array{};
  t.read_first = ReadSource;
  t.rich_text_keys = {"caption"};
  return t;
}

}  // namespace

std::vector<BlockType> MediaBlocks() {
  BlockType file = MediaBlock("file");
  file.keys.push_back({"name", ReadName});
  file.read_last = NameFile;
  std::vector<BlockType> v;
  for (std::string_view name : {"image", "video", "pdf", "audio"}) v.push_back(MediaBlock(name));
  v.push_back(std::move(file));
  return v;
}

}  // namespace localnotion::api::blocks
