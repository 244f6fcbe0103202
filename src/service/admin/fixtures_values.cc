// Reading the schemas and page values of a fixture (docs/fixtures.md).
//
// A property definition with an "id" is the export form: {"id","type"?, <type>: config}
// with the configuration exactly as stored (and as Notion's schema responses show it);
// it is kept as written, so ids of options and synced relations survive. Without an
// id, the definition is read like one property of a create-database request (2025-09-03
// form: relations name a data_source_id) and ids are generated.
//
// Page values are read like a create-page request, keyed by property name or id; a
// unique_id value ({"unique_id": {"number": N}} or {"unique_id": N}) is taken as the
// page's number, which the API itself never lets a client write. A files entry in the
// stored form of an uploaded file (naming an upload of body.file_uploads) is kept as
// written (TakeStoredFiles).
#include <fmt/format.h>

#include <map>

#include "api/messages.h"
#include "common/uuid.h"
#include "schema/registry.h"
#include "service/admin/admin.h"
#include "service/admin/fixtures.h"
#include "service/admin/fixtures_reader.h"
#include "validation/page_write.h"

namespace localnotion::service::admin {

Error FixtureErrorAt(Error e, const std::string& page_path) {
  const std::string from = "body.properties";
  size_t at = e.message.find(from);
  if (at != std::string::npos) {
    e.message.replace(at, from.size(), page_path + ".properties");
  } else {
    e.message = page_path + ".properties: " + e.message;
  }
  return e;
}

Result<schema::Schema> ReadFixtureSchema(Context& ctx, const json::value* properties, const std::string& path) {
  schema::Schema out;
  json::object none;
  if (properties != nullptr && !properties->is_object()) return api::FailedValidation(path, "an object", properties);
  schema::ConfigContext config_context;
  config_context.version = api::ApiVersion::k2025_09_03;
  config_context.resolve_database = [&ctx](std::string_view raw,
                                           bool is_source) -> Result<std::pair<std::string, std::string>> {
    auto id = NormalizeUuid(raw);
    if (!id) return NotFound(is_source ? "data source" : "database", raw);
    LN_ASSIGN_OR_RETURN(auto target, ctx.store().GetDataSource(*id));
    if (!target) return NotFound("data source", *id);
    return std::make_pair(target->database_id, target->id);
  };
  for (const auto& kv : properties ? properties->get_object() : none) {
    std::string prop_path = api::Field(path, kv.key());
    if (!kv.value().is_object()) return api::FailedValidation(prop_path, "an object", &kv.value());
    const json::object& o = kv.value().get_object();
    std::string type_name;
    if (const json::value* t = Find(o, "type"); t && t->is_string() && schema::FindType(t->get_string())) {
      type_name = std::string(t->get_string());
    } else {
      for (const auto& field : o) {
        if (field.key() == "name" || field.key() == "description" || field.key() == "type" || field.key() == "id") continue;
        if (schema::FindType(field.key()) == nullptr) return api::NotPresent(api::Field(prop_path, field.key()), field.value());
        type_name = std::string(field.key());
        break;
      }
    }
    if (type_name.empty()) {
      return ValidationError(fmt::format("body failed validation: {} should be a property schema object, instead was `{}`.",
                                         prop_path, api::MessageValue(&kv.value())));
    }
    const schema::PropertyType* type = schema::FindType(type_name);
    const json::value* config = Find(o, type_name);
    json::value empty = json::object{};
    if (config == nullptr || config->is_null()) config = &empty;
    if (!config->is_object()) return api::FailedValidation(api::Field(prop_path, type_name), "an object", config);
    schema::PropertyDef def;
    def.name = std::string(kv.key());
    def.type = type_name;
    if (const json::value* id = Find(o, "id"); id && !id->is_null()) {
      if (!id->is_string() || id->get_string().empty()) {
        return api::FailedValidation(api::Field(prop_path, "id"), "a non-empty string", id);
      }
      def.id = std::string(id->get_string());
      def.config = config->get_object();
      // The export form names every option by id; one without would never render.
      if (const json::value* options = Find(def.config, "options")) {
        std::string options_path = api::Field(api::Field(prop_path, type_name), "options");
        if (!options->is_array()) return api::FailedValidation(options_path, "an array", options);
        for (size_t i = 0; i < options->get_array().size(); ++i) {
          const json::value& opt = options->get_array()[i];
          const json::value* opt_id = opt.is_object() ? Find(opt.get_object(), "id") : nullptr;
          const json::value* opt_name = opt.is_object() ? Find(opt.get_object(), "name") : nullptr;
          if (!opt_id || !opt_id->is_string() || !opt_name || !opt_name->is_string()) {
            return api::FailedValidation(api::Index(options_path, i),
                                         "an option with an `id` and a `name` (a property with an `id` is read as exported)",
                                         &opt);
          }
        }
      }
    } else {
      LN_ASSIGN_OR_RETURN(def.config, type->ParseConfig(api::Field(prop_path, type_name), *config, config_context));
      def.id = type_name == "title" ? "title" : NewShortId();
    }
    for (const auto& other : out) {
      if (other.id == def.id || (type_name == "title" && other.type == "title")) {
        if (type_name == "title" && other.type == "title") return ValidationError("Databases can only have one title property.");
        if (Find(o, "id")) return api::FailedValidation(api::Field(prop_path, "id"), "an id no other property has", Find(o, "id"));
        def.id = NewShortId();  // a generated id that collided: draw again
      }
    }
    out.push_back(std::move(def));
  }
  bool has_title = false;
  for (const auto& def : out) has_title = has_title || def.type == "title";
  // Notion gives a database created without a title property one called "Name".
  if (!has_title) out.insert(out.begin(), schema::PropertyDef{"title", "Name", "title", json::object{}});
  return out;
}

Result<std::vector<validation::PropertyWrite>> ReadFixtureValues(Context& ctx, LoadedPage& loaded,
                                                                 const json::value* properties,
                                                                 const std::string& page_path) {
  std::string path = api::Field(page_path, "properties");
  if (properties == nullptr) properties = nullptr;
  if (properties != nullptr && !properties->is_object()) return api::FailedValidation(path, "an object", properties);
  json::object writable;
  std::map<std::string, std::string> authors;  // property id -> the user a value names as its author
  std::vector<std::string> numbered;  // unique_id properties given a number
  std::map<std::string, StoredFiles> stored_files;  // property id -> entries naming uploads
  if (properties != nullptr) {
    for (const auto& kv : properties->get_object()) {
      const schema::PropertyDef* def = schema::FindProperty(*loaded.schema, kv.key());
      const schema::PropertyType* type = def != nullptr ? schema::TypeOf(*def) : nullptr;
      if (type == nullptr || !type->numbered()) {
        // A value as an export shows it goes back through the API's validation in the
        // form a request would send it (schema::PropertyType::FromRendered).
        json::value value = kv.value();
        if (type != nullptr && value.is_object()) {
          if (json::value* inner = value.as_object().if_contains(def->type)) {
            std::string author;
            *inner = type->FromRendered(*inner, &author);
            if (!author.empty()) authors[def->id] = std::move(author);
            if (def->type == "files") {
              LN_ASSIGN_OR_RETURN(
                  stored_files[def->id],
                  TakeStoredFiles(ctx, *inner, api::Field(api::Field(path, kv.key()), def->type)));
            }
          }
        }
        writable[kv.key()] = std::move(value);
        continue;
      }
      const json::value* v = kv.value().is_object() ? Find(kv.value().get_object(), def->type) : nullptr;
      if (v && v->is_object()) v = Find(v->get_object(), "number");
      if (!v || !v->is_int64() || v->get_int64() < 1) {
        return api::FailedValidation(api::Field(path, kv.key()), "`{\"unique_id\": {\"number\": N}}` with N ≥ 1",
                                     &kv.value());
      }
      loaded.page.properties[def->id] = v->get_int64();
      numbered.push_back(def->id);
      // Numbers given by the fixture are never handed out again.
      if (loaded.source && loaded.source->next_unique_id <= v->get_int64()) {
        storage::DataSourceRecord next = *loaded.source;
        next.next_unique_id = v->get_int64() + 1;
        LN_RETURN_IF_ERROR(ctx.WriteDataSource(Caller{}, nullptr, next, WriteMode::kImport));
        LN_ASSIGN_OR_RETURN(loaded.source, ctx.store().GetDataSource(next.id));
      }
    }
  }
  auto writes = validation::CheckProperties(writable, *loaded.schema, api::ApiVersion::k2025_09_03);
  if (!writes.ok()) return FixtureErrorAt(std::move(writes).error(), page_path);
  if (!writes->changed_defs.empty() && loaded.source) {
    // Options named by a page and not yet in the schema are added to it, as the API
    // does; the data source's own times are left as the fixture gave them.
    schema::Schema updated = *loaded.schema;
    for (auto& def : writes->changed_defs) {
      for (auto& existing : updated) {
        if (existing.id == def.id) existing = std::move(def);
      }
    }
    storage::DataSourceRecord record = *loaded.source;
    record.schema = schema::SchemaToStored(updated);
    LN_RETURN_IF_ERROR(ctx.WriteDataSource(Caller{}, nullptr, record, WriteMode::kImport));
    LN_ASSIGN_OR_RETURN(loaded, ctx.LoadRecord(std::move(loaded.page)));
  }
  for (auto& w : writes->writes) {
    if (auto stored = stored_files.find(w.property_id); stored != stored_files.end()) {
      PutStoredFiles(stored->second, w.value);
    }
    const schema::PropertyDef* def = schema::FindPropertyById(*loaded.schema, w.property_id);
    if (auto author = authors.find(w.property_id); def != nullptr && author != authors.end()) {
      schema::TypeOf(*def)->Stamp(w.value, author->second, NowMillis());
    }
    if (w.value.is_null()) {
      loaded.page.properties.erase(w.property_id);
    } else {
      loaded.page.properties[w.property_id] = w.value;
    }
  }
  // A page without a number gets the next one, as a created page does.
  if (loaded.source) {
    std::vector<std::string> missing;
    for (const auto& def : *loaded.schema) {
      const schema::PropertyType* type = schema::TypeOf(def);
      if (type && type->numbered() && std::find(numbered.begin(), numbered.end(), def.id) == numbered.end()) {
        missing.push_back(def.id);
      }
    }
    for (const auto& id : missing) {
      LN_ASSIGN_OR_RETURN(auto source, ctx.store().GetDataSource(loaded.source->id));
      loaded.page.properties[id] = source->next_unique_id;
      storage::DataSourceRecord next = *source;
      ++next.next_unique_id;
      LN_RETURN_IF_ERROR(ctx.WriteDataSource(Caller{}, nullptr, next, WriteMode::kImport));
    }
    if (!missing.empty()) {
      LN_ASSIGN_OR_RETURN(loaded, ctx.LoadRecord(std::move(loaded.page)));
    }
  }
  // Each write's definition from the schema `loaded` holds as this returns (it was
  // reloaded above when definitions grew or numbers were handed out), which
  // pages::CheckReferences reads once every page is seeded.
  for (auto& w : writes->writes) w.def = schema::FindPropertyById(*loaded.schema, w.property_id);
  return std::move(writes->writes);
}

}  // namespace localnotion::service::admin
