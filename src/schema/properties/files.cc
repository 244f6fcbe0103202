// files: an array of file objects; `[]` clears; the array replaces the whole value.
// External files need a `name` and an `external.url`. Notion-hosted `file` entries that
// a client read and sends back ({file:{url, expiry_time}}) are kept as they are.
// {file_upload:{id}, name?} entries name an upload; the service attaches it.
#include "api/messages.h"
#include "api/limits.h"
#include "api/rich_text.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {


Result<json::value> Url(const std::string& path, const json::value& holder) {
  if (!holder.is_object()) return api::FailedValidation(path, "an object", &holder);
  const json::value* url = Find(holder.get_object(), "url");
  std::string url_path = api::Field(path, "url");
  if (url == nullptr) return api::NotDefined(url_path);
  if (!url->is_string() || url->get_string().empty()) return api::FailedValidation(url_path, "a non-empty string", url);
  size_t len = api::Utf16Length(url->get_string());
  if (len > api::kMaxUrl) return api::TooLong(url_path, api::kMaxUrl, len);
  return *url;
}

Result<json::object> ReadFile(const std::string& path, const json::value& v) {
  if (!v.is_object()) return api::FailedValidation(path, "an object", &v);
  const auto& obj = v.get_object();
  for (const auto& kv : obj) {
    if (kv.key() != "name" && kv.key() != "type" && kv.key() != "external" && kv.key() != "file" &&
        kv.key() != "file_upload") {
      return api::NotPresent(api::Field(path, kv.key()), kv.value());
    }
  }
  const json::value* name = Find(obj, "name");
  if (name != nullptr && !name->is_string()) return api::FailedValidation(api::Field(path, "name"), "a string", name);
  if (const json::value* ext = Find(obj, "external")) {
    if (name == nullptr) return api::NotDefined(api::Field(path, "name"));
    LN_ASSIGN_OR_RETURN(json::value url, Url(api::Field(path, "external"), *ext));
    return json::object{{"name", *name}, {"type", "external"}, {"external", json::object{{"url", url}}}};
  }
  if (const json::value* fu = Find(obj, "file_upload")) {
    // An upload to attach; the service replaces it (service::uploads::AttachFileUpload) and uses
    // the upload's filename when `name` is absent.
    std::string fu_path = api::Field(path, "file_upload");
    if (!fu->is_object()) return api::FailedValidation(fu_path, "an object", fu);
    const json::value* id = Find(fu->get_object(), "id");
    if (id == nullptr) return api::NotDefined(api::Field(fu_path, "id"));
    if (!id->is_string()) return api::FailedValidation(api::Field(fu_path, "id"), "a string", id);
    json::object out{{"type", "file_upload"}, {"file_upload", json::object{{"id", *id}}}};
    if (name != nullptr) out["name"] = *name;
    return out;
  }
  if (const json::value* file = Find(obj, "file")) {
    LN_ASSIGN_OR_RETURN(json::value url, Url(api::Field(path, "file"), *file));
    const json::value* expiry = file->is_object() ? Find(file->get_object(), "expiry_time") : nullptr;
    return json::object{{"name", name ? *name : json::value("")},
                        {"type", "file"},
                        {"file", json::object{{"url", url}, {"expiry_time", expiry ? *expiry : json::value(nullptr)}}}};
  }
  return api::FixOne({api::ShouldBe(api::Field(path, "external"), "defined", nullptr),
                      api::ShouldBe(api::Field(path, "file"), "defined", nullptr)});
}

class Files : public PropertyType {
 public:
  std::string_view name() const override { return "files"; }
  FilterFamily filter_family() const override { return FilterFamily::kFiles; }
  SortBy sort_by() const override { return SortBy::kFirstFileName; }
  RenderExtras render_extras() const override { return {.file_objects = true}; }
  Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef&, PropertyDef* grown) const override {
    if (!value.is_array()) return api::FailedValidation(path, "an array", &value);
    const auto& arr = value.get_array();
    if (arr.size() > api::kMaxArrayItems) return api::TooLong(path, api::kMaxArrayItems, arr.size());
    json::array out;
    for (size_t i = 0; i < arr.size(); ++i) {
      LN_ASSIGN_OR_RETURN(json::object f, ReadFile(api::Index(path, i), arr[i]));
      out.push_back(std::move(f));
    }
    return json::value(std::move(out));
  }
  // An array is shown as it is stored; an attached upload's entry then gets its signed link
  // from the service (RenderExtras::file_objects), which shows any other entry unchanged.
  const json::value* ShownAsStored(const json::value& stored) const override {
    return stored.is_array() ? &stored : nullptr;
  }
  void Render(const json::value* stored, const PropertyDef&, const RenderContext&,
              json::object& out) const override {
    // Copied once, into `out`'s resource (a temporary of the conditional was a second copy).
    if (stored && stored->is_array()) {
      out["files"] = *stored;
    } else {
      out["files"] = json::array(out.storage());
    }
  }
};

}  // namespace

const PropertyType& FilesType() {
  static const Files t;
  return t;
}

}  // namespace localnotion::schema
