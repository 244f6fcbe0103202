// POST /v1/pages, GET /v1/pages/{id}, PATCH /v1/pages/{id}.
#include <fmt/format.h>

#include "api/messages.h"
#include "api/objects.h"
#include "common/uuid.h"
#include "schema/registry.h"
#include "service/service.h"
#include "validation/page_write.h"

namespace localnotion::service {
namespace {

// Notion's answer to any edit of a trashed page (2025 wording; the 2022-2024 text was
// "Can't update a page that is archived. You must unarchive the page before updating.").
constexpr std::string_view kArchivedMessage =
    "Can't edit block that is archived. You must unarchive the block before editing.";

void ApplyWrites(storage::PageRecord& page, validation::PropertyWrites& writes) {
  for (auto& w : writes.writes) {
    if (w.value.is_null()) {
      page.properties.erase(w.property_id);
    } else {
      page.properties[w.property_id] = std::move(w.value);
    }
  }
}

}  // namespace

struct Service::LoadedPage {
  storage::PageRecord page;
  DatabasePtr db;     // null for a page outside any database
  SchemaPtr schema;
};

Status Service::SaveGrownDefinitions(const Caller& caller, const DatabasePtr& db,
                                     std::vector<schema::PropertyDef> defs) {
  if (defs.empty() || !db) return OkStatus();
  LN_ASSIGN_OR_RETURN(SchemaPtr current, SchemaOf(db));
  schema::Schema updated = *current;
  for (auto& def : defs) {
    for (auto& existing : updated) {
      if (existing.id == def.id) existing = std::move(def);
    }
  }
  storage::DatabaseRecord record = *db;
  record.schema = schema::SchemaToStored(updated);
  record.last_edited_time = NowMillis();
  record.last_edited_by = caller.integration.bot_user_id;
  return store_.PutDatabase(record);
}

Result<Service::LoadedPage> Service::LoadPage(const std::string& id) {
  LN_ASSIGN_OR_RETURN(auto page, store_.GetPage(id));
  if (!page) {
    LN_ASSIGN_OR_RETURN(auto db, store_.GetDatabase(id));
    if (db) {
      return ValidationError(
          fmt::format("Provided ID {} is a database, not a page. Use the retrieve database API instead.", id));
    }
    return NotFound("page", id);
  }
  LoadedPage loaded{std::move(*page), nullptr, nullptr};
  LN_ASSIGN_OR_RETURN(loaded.db, ParentDatabaseOf(loaded.page));
  LN_ASSIGN_OR_RETURN(loaded.schema, SchemaOf(loaded.db));
  return loaded;
}

Result<json::value> Service::GetPage(const Caller& caller, std::string_view raw_id,
                                     const std::vector<std::string>& filter_properties) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("page_id", raw_id));
  LN_ASSIGN_OR_RETURN(LoadedPage loaded, LoadPage(id));
  return RenderPage(caller, loaded.page, loaded.db, filter_properties);
}

Result<json::value> Service::UpdatePage(const Caller& caller, std::string_view raw_id, const json::value& body,
                                        const std::vector<std::string>& filter_properties) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("page_id", raw_id));
  LN_ASSIGN_OR_RETURN(validation::PageBody req, validation::CheckUpdateBody(body));
  LN_ASSIGN_OR_RETURN(LoadedPage loaded, LoadPage(id));
  storage::PageRecord& page = loaded.page;

  const bool has_properties = req.properties != nullptr && !req.properties->empty();
  const bool restoring = req.in_trash.has_value() && !*req.in_trash;
  const bool edits = has_properties || req.icon || req.cover || (req.in_trash && *req.in_trash) || req.is_locked;
  if (page.in_trash && !restoring && edits) return ValidationError(std::string(kArchivedMessage));

  bool changed = false;
  if (has_properties) {
    LN_ASSIGN_OR_RETURN(validation::PropertyWrites writes,
                        validation::CheckProperties(*req.properties, *loaded.schema, caller.version));
    if (!writes.changed_defs.empty()) {
      LN_RETURN_IF_ERROR(SaveGrownDefinitions(caller, loaded.db, std::move(writes.changed_defs)));
      LN_ASSIGN_OR_RETURN(loaded.db, ParentDatabaseOf(page));
    }
    ApplyWrites(page, writes);
    changed = true;
  }
  if (req.icon) page.icon = std::move(*req.icon), changed = true;
  if (req.cover) page.cover = std::move(*req.cover), changed = true;
  if (req.in_trash && *req.in_trash != page.in_trash) page.in_trash = *req.in_trash, changed = true;
  if (req.is_locked && *req.is_locked != page.is_locked) page.is_locked = *req.is_locked, changed = true;
  if (changed) {
    page.last_edited_time = NowMillis();
    page.last_edited_by = caller.integration.bot_user_id;
    LN_RETURN_IF_ERROR(store_.PutPage(page));
  }
  return RenderPage(caller, page, loaded.db, filter_properties);
}

Result<json::value> Service::CreatePage(const Caller& caller, const json::value& body) {
  LN_ASSIGN_OR_RETURN(validation::PageBody req, validation::CheckCreateBody(body, caller.version));
  const json::value& parent = *req.parent;
  storage::PageRecord page;
  DatabasePtr db;

  const json::object* p = parent.is_object() ? &parent.get_object() : nullptr;
  auto id_in = [&](const char* key) -> Result<std::optional<std::string>> {
    const json::value* v = p ? Find(*p, key) : nullptr;
    if (v == nullptr) return std::optional<std::string>();
    auto norm = v->is_string() ? NormalizeUuid(v->get_string()) : std::nullopt;
    if (!norm) return api::FailedValidation(api::Field("body.parent", key), "a valid uuid", v);
    return norm;
  };
  LN_ASSIGN_OR_RETURN(auto database_id, id_in("database_id"));
  LN_ASSIGN_OR_RETURN(auto data_source_id, id_in("data_source_id"));
  LN_ASSIGN_OR_RETURN(auto page_id, id_in("page_id"));
  const json::value* workspace = p ? Find(*p, "workspace") : nullptr;
  if (database_id || data_source_id) {
    LN_ASSIGN_OR_RETURN(db, data_source_id ? store_.GetDatabaseByDataSource(*data_source_id)
                                           : store_.GetDatabase(*database_id));
    if (!db) return data_source_id ? NotFound("data source", *data_source_id) : NotFound("database", *database_id);
    page.parent_type = "database_id";
    page.parent_id = db->id;
  } else if (page_id) {
    LN_ASSIGN_OR_RETURN(auto parent_page, store_.GetPage(*page_id));
    if (!parent_page) return NotFound("page", *page_id);
    page.parent_type = "page_id";
    page.parent_id = *page_id;
  } else if (workspace && workspace->is_bool() && workspace->get_bool()) {
    page.parent_type = "workspace";
  } else {
    return api::FixOne({api::ShouldBe("body.parent.page_id", "defined", nullptr),
                        api::ShouldBe("body.parent.database_id", "defined", nullptr),
                        api::ShouldBe("body.parent.data_source_id", "defined", nullptr),
                        api::ShouldBe("body.parent.workspace", "defined", nullptr)});
  }

  LN_ASSIGN_OR_RETURN(SchemaPtr schema, SchemaOf(db));
  if (req.properties) {
    LN_ASSIGN_OR_RETURN(validation::PropertyWrites writes,
                        validation::CheckProperties(*req.properties, *schema, caller.version));
    if (!writes.changed_defs.empty()) {
      LN_RETURN_IF_ERROR(SaveGrownDefinitions(caller, db, std::move(writes.changed_defs)));
      LN_ASSIGN_OR_RETURN(db, store_.GetDatabase(db->id));
    }
    ApplyWrites(page, writes);
  }
  Millis now = NowMillis();
  if (db) {
    // unique_id numbers count per database, from 1, in creation order.
    bool numbered = false;
    for (const auto& def : *schema) {
      if (def.type == "unique_id") {
        page.properties[def.id] = db->next_unique_id;
        numbered = true;
      }
    }
    if (numbered) {
      storage::DatabaseRecord record = *db;
      ++record.next_unique_id;
      LN_RETURN_IF_ERROR(store_.PutDatabase(record));
    }
  }
  page.id = NewUuid();
  page.icon = req.icon.value_or(nullptr);
  page.cover = req.cover.value_or(nullptr);
  page.created_time = page.last_edited_time = now;
  page.created_by = page.last_edited_by = caller.integration.bot_user_id;
  LN_RETURN_IF_ERROR(store_.PutPage(page));
  return RenderPage(caller, page, db);
}

}  // namespace localnotion::service
