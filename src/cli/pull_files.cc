// Notion-hosted files in `localnotion pull` (pull_files.h).
#include "cli/pull_files.h"

#include "common/base64.h"
#include "common/json_fields.h"
#include "common/sha256.h"
#include "http/routes.h"

namespace localnotion::cli {
namespace {

// The link of a Notion-hosted file object {type:"file", file:{url}}; "" for anything else.
std::string HostedUrl(const json::value* v) {
  if (v == nullptr || !v->is_object() || StringAt(v->get_object(), "type") != "file") return "";
  const json::object* file = ObjectAt(v->get_object(), "file");
  return file ? StringAt(*file, "url") : "";
}

void Add(std::vector<std::string>& out, std::string url) {
  if (!url.empty()) out.push_back(std::move(url));
}

}  // namespace

std::string HostedFileKey(std::string_view url) { return std::string(url.substr(0, url.find_first_of("?#"))); }

std::vector<std::string> HostedFileUrls(const json::object& o) {
  std::vector<std::string> out;
  Add(out, HostedUrl(Find(o, "icon")));
  Add(out, HostedUrl(Find(o, "cover")));
  const std::string object = StringAt(o, "object");
  if (object == "page") {
    if (const json::object* props = ObjectAt(o, "properties")) {
      for (const auto& kv : *props) {
        const json::value* files = kv.value().is_object() ? Find(kv.value().get_object(), "files") : nullptr;
        if (files == nullptr || !files->is_array()) continue;
        for (const auto& entry : files->get_array()) Add(out, HostedUrl(&entry));
      }
    }
  } else if (object == "block") {
    const json::value* content = Find(o, StringAt(o, "type"));
    Add(out, HostedUrl(content));
    if (content && content->is_object()) Add(out, HostedUrl(Find(content->get_object(), "icon")));
  } else if (object == "comment") {
    const json::value* attachments = Find(o, "attachments");
    if (attachments && attachments->is_array()) {
      for (const auto& a : attachments->get_array()) {
        const json::object* file = a.is_object() ? ObjectAt(a.get_object(), "file") : nullptr;
        if (file) Add(out, StringAt(*file, "url"));
      }
    }
  }
  return out;
}

std::string FileNameOf(std::string_view url) {
  const std::string key = HostedFileKey(url);  // the view below must not outlive it
  std::string_view path = key;
  if (size_t scheme = path.find("://"); scheme != std::string_view::npos) {
    path.remove_prefix(scheme + 3);
    size_t slash = path.find('/');
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  }
  std::string name = http::PercentDecode(path.substr(path.rfind('/') + 1));
  return name.empty() || name.find('/') != std::string::npos ? "file" : name;
}

std::string DerivedUuid(std::string_view seed) {
  std::string hex = Sha256Hex(seed).substr(0, 32);
  hex[12] = '8';                                                    // version 8: custom (RFC 9562)
  hex[16] = "89ab"[std::stoi(hex.substr(16, 1), nullptr, 16) & 3];  // the RFC's variant
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

std::optional<json::object> FixtureFiles::Stored(const std::string& url) {
  const std::string key = HostedFileKey(url);
  auto file = files_.find(key);
  if (file == files_.end() || !file->second.kept) return std::nullopt;
  if (auto used = used_.find(key); used != used_.end()) return used->second;
  const PulledFile& f = file->second;
  const std::string id = DerivedUuid("localnotion pull: file\n" + key);
  const std::string filename = FileNameOf(url);
  const json::value content_type = f.content_type.empty() ? json::value(nullptr) : json::value(f.content_type);
  uploads_.push_back(json::object{{"id", id},
                                  {"integration_id", integration_id_},
                                  {"mode", "single_part"},
                                  {"status", "uploaded"},
                                  {"filename", filename},
                                  {"content_type", content_type},
                                  {"content_length", static_cast<int64_t>(f.bytes.size())},
                                  {"attached", true},
                                  {"content_base64", Base64Encode(f.bytes)}});
  json::object stored{{"file_upload_id", id}, {"filename", filename}, {"content_type", content_type}};
  used_.emplace(key, stored);
  return stored;
}

json::value FixtureFiles::Linked(const json::value& v) {
  const json::object& o = v.get_object();
  json::object out = o;
  const json::object* file = ObjectAt(o, "file");
  out.erase("file");
  out["type"] = "external";
  out["external"] = json::object{{"url", file ? StringAt(*file, "url") : ""}};
  return out;
}

std::string FixtureFiles::KnownEmoji(const json::value& v) const {
  const json::object* emoji = ObjectAt(v.get_object(), "custom_emoji");
  const std::string id = emoji ? StringAt(*emoji, "id") : "";
  return custom_emojis_.count(id) ? id : "";
}

json::value FixtureFiles::Portable(const json::value& v) {
  if (!v.is_object()) return v;
  const std::string type = StringAt(v.get_object(), "type");
  if (type == "custom_emoji") {
    const std::string id = KnownEmoji(v);
    if (id.empty()) return nullptr;
    return json::object{{"type", "custom_emoji"}, {"custom_emoji", json::object{{"id", id}}}};
  }
  if (type == "file_upload") return nullptr;
  if (type != "file") return v;
  std::optional<json::object> stored = Stored(HostedUrl(&v));
  if (!stored) return Linked(v);
  json::object out = v.get_object();
  out["file"] = std::move(*stored);
  return out;
}

json::value FixtureFiles::BlockIcon(const json::value& v) {
  if (v.is_object() && StringAt(v.get_object(), "type") == "custom_emoji") {
    return KnownEmoji(v).empty() ? json::value(nullptr) : v;
  }
  return Portable(v);
}

std::optional<json::value> FixtureFiles::Attachment(const json::value& attachment) {
  const json::object* file = attachment.is_object() ? ObjectAt(attachment.get_object(), "file") : nullptr;
  std::optional<json::object> stored = file ? Stored(StringAt(*file, "url")) : std::nullopt;
  if (!stored) return std::nullopt;
  const std::string category = StringAt(attachment.get_object(), "category");
  return json::value(json::object{{"category", category.empty() ? json::value(nullptr) : json::value(category)},
                                  {"file", json::object{{"type", "file"}, {"file", std::move(*stored)}}}});
}

}  // namespace localnotion::cli
