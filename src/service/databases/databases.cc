// POST/GET/PATCH /v1/databases and POST/GET/PATCH /v1/data_sources.
//
// A database is a container with one or more data sources; each data source has its
// own schema. 2022-06-28 shows a database with the schema of its one data source and
// refuses database-level calls for databases with several (upgrade guide 2025-09-03).
#include <fmt/format.h>

#include "api/icon.h"
#include "api/messages.h"
#include "api/objects.h"
#include "api/rich_text.h"
#include "common/uuid.h"
#include "service/blocks/blocks.h"
#include "service/databases/databases.h"
#include "service/databases/schema_requests.h"
#include "service/pages/pages.h"
#include "service/uploads/uploads.h"

namespace localnotion::service::databases {
namespace {

constexpr std::string_view kSeveralSources =
    "Databases with multiple data sources are not supported in this API version.";

// The fields a database or data source request may carry, validated one by one.
struct ContainerEdits {
  std::optional<json::array> title;
  std::optional<json::array> description;
  std::optional<json::value> icon;
  std::optional<json::value> cover;
  std::optional<bool> is_inline;
  std::optional<bool> in_trash;
  const json::value* properties = nullptr;
  const json::value* parent = nullptr;
};

Status ReadFlag(std::string_view path, const json::value& v, std::optional<bool>& out) {
  if (!v.is_bool()) return api::FailedValidation(path, "a boolean or `undefined`", &v);
  out = v.get_bool();
  return OkStatus();
}

// Reads `body`, accepting only `allowed` keys; anything else is "should be not present".
// A database's `parent` (create, and update from 2025-09-03): a page the integration can
// see, or the workspace. Sets db.parent_type and db.parent_id.
Status ReadDatabaseParent(Context& ctx, const json::value& parent, storage::DatabaseRecord& db) {
  const json::object* p = parent.is_object() ? &parent.get_object() : nullptr;
  const json::value* page_id = p ? Find(*p, "page_id") : nullptr;
  const json::value* workspace = p ? Find(*p, "workspace") : nullptr;
  if (page_id) {
    auto id = page_id->is_string() ? NormalizeUuid(page_id->get_string()) : std::nullopt;
    if (!id) return api::FailedValidation("body.parent.page_id", "a valid uuid", page_id);
    LN_ASSIGN_OR_RETURN(auto parent_page, ctx.store().GetPage(*id));
    LN_ASSIGN_OR_RETURN(bool visible, parent_page ? ctx.Visible("page", *id) : Result<bool>(false));
    if (!parent_page || !visible) return NotFound("page", *id);
    db.parent_type = "page_id";
    db.parent_id = *id;
  } else if (workspace && workspace->is_bool() && workspace->get_bool()) {
    db.parent_type = "workspace";
    db.parent_id.clear();
  } else {
    return api::FixOne({api::ShouldBe("body.parent.page_id", "defined", nullptr),
                        api::ShouldBe("body.parent.workspace", "defined", nullptr)});
  }
  return OkStatus();
}

Result<ContainerEdits> ReadEdits(const json::value& body, std::initializer_list<std::string_view> allowed) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  ContainerEdits e;
  std::optional<bool> archived;
  for (const auto& kv : body.get_object()) {
    std::string_view k = kv.key();
    std::string path = api::Field("body", k);
    bool ok = false;
    for (auto a : allowed) ok = ok || a == k;
    if (!ok) return api::NotPresent(path, kv.value());
    if (k == "title" || k == "description") {
      LN_ASSIGN_OR_RETURN(json::array rt, api::NormalizeRichText(path, kv.value()));
      (k == "title" ? e.title : e.description) = std::move(rt);
    } else if (k == "icon") {
      LN_ASSIGN_OR_RETURN(e.icon, api::NormalizeIcon(path, kv.value(), /*custom_emoji=*/true));
    } else if (k == "cover") {
      LN_ASSIGN_OR_RETURN(e.cover, api::NormalizeCover(path, kv.value()));
    } else if (k == "is_inline") {
      LN_RETURN_IF_ERROR(ReadFlag(path, kv.value(), e.is_inline));
    } else if (k == "in_trash") {
      LN_RETURN_IF_ERROR(ReadFlag(path, kv.value(), e.in_trash));
    } else if (k == "archived") {
      LN_RETURN_IF_ERROR(ReadFlag(path, kv.value(), archived));
    } else if (k == "properties") {
      e.properties = &kv.value();
    } else if (k == "parent") {
      e.parent = &kv.value();
    }
  }
  if (!e.in_trash && archived) e.in_trash = archived;
  return e;
}

}  // namespace

Result<json::value> CreateDatabase(Context& ctx, const Caller& caller, const json::value& body) {
  const bool data_sources = api::HasDataSources(caller.version);
  const json::value* properties = nullptr;
  json::value trimmed = body;
  if (data_sources && body.is_object()) {
    // initial_data_source: {properties} is the 2025-09-03 spelling of `properties`.
    if (const json::value* initial = Find(body.get_object(), "initial_data_source")) {
      if (!initial->is_object()) return api::FailedValidation("body.initial_data_source", "an object", initial);
      for (const auto& f : initial->get_object()) {
        if (f.key() != "properties") return api::NotPresent(api::Field("body.initial_data_source", f.key()), f.value());
        properties = &f.value();
      }
      trimmed.as_object().erase("initial_data_source");
    }
  }
  LN_ASSIGN_OR_RETURN(
      ContainerEdits e,
      data_sources
          ? ReadEdits(trimmed, {"parent", "title", "description", "icon", "cover", "is_inline"})
          : ReadEdits(trimmed, {"parent", "title", "description", "icon", "cover", "is_inline", "properties"}));
  if (!data_sources) properties = e.properties;
  if (e.parent == nullptr) return api::NotDefined("body.parent");
  LN_RETURN_IF_ERROR(uploads::AttachIconOrCover(ctx, caller, e.icon, "body.icon"));
  LN_RETURN_IF_ERROR(uploads::AttachIconOrCover(ctx, caller, e.cover, "body.cover"));
  if (properties == nullptr && !data_sources) return api::NotDefined("body.properties");

  storage::DatabaseRecord db;
  LN_RETURN_IF_ERROR(ReadDatabaseParent(ctx, *e.parent, db));
  json::value no_properties = json::object{};
  LN_ASSIGN_OR_RETURN(schema::Schema schema,
                      ParseSchemaRequest(ctx, caller, properties ? *properties : no_properties,
                                         data_sources ? "body.initial_data_source.properties" : "body.properties"));
  db.id = NewUuid();
  db.title = e.title.value_or(json::array{});
  db.description = e.description.value_or(json::array{});
  db.icon = e.icon.value_or(nullptr);
  db.cover = e.cover.value_or(nullptr);
  db.is_inline = e.is_inline.value_or(false);
  db.created_time = db.last_edited_time = NowMillis();
  db.created_by = db.last_edited_by = caller.integration.bot_user_id;
  LN_RETURN_IF_ERROR(ctx.WriteDatabase(caller, nullptr, db));
  if (db.parent_type == "page_id") {
    LN_RETURN_IF_ERROR(
        blocks::AddChildObjectBlock(ctx, caller, "child_database", db.id, db.parent_id, db.created_time));
  }

  storage::DataSourceRecord source;
  source.id = NewUuid();
  source.database_id = db.id;
  source.title = db.title;
  source.icon = nullptr;
  source.created_time = source.last_edited_time = db.created_time;
  source.created_by = source.last_edited_by = db.created_by;
  source.schema = schema::SchemaToStored(schema);
  LN_RETURN_IF_ERROR(ctx.WriteDataSource(caller, nullptr, source));
  LN_RETURN_IF_ERROR(CreateDefaultView(ctx, caller, db, source.id));
  LN_ASSIGN_OR_RETURN(DataSourcePtr stored, ctx.store().GetDataSource(source.id));
  LN_RETURN_IF_ERROR(pages::CreateSyncedRelations(ctx, caller, stored, schema, nullptr));
  LN_RETURN_IF_ERROR(pages::SaveSchema(ctx, caller, stored, schema));
  LN_RETURN_IF_ERROR(ctx.ShareCreated(db.id, db.parent_type));
  if (!ctx.ReadsContent()) return json::value(api::PartialObject("database", db.id));
  LN_ASSIGN_OR_RETURN(DatabasePtr created, ctx.store().GetDatabase(db.id));
  return ctx.RenderDatabaseObject(caller, created);
}

Status CreateDefaultView(Context& ctx, const Caller& caller, const storage::DatabaseRecord& db,
                         const std::string& data_source_id, storage::ViewRecord* out) {
  storage::ViewRecord view;
  view.id = NewUuid();
  view.database_id = db.id;
  view.data_source_id = data_source_id;
  view.name = "Default view";
  view.type = "table";
  view.position = 1;
  view.created_time = view.last_edited_time = db.created_time;
  view.created_by = view.last_edited_by = db.created_by;
  LN_RETURN_IF_ERROR(ctx.WriteView(caller, nullptr, view));
  if (out != nullptr) *out = view;
  return OkStatus();
}

Result<json::value> GetDatabase(Context& ctx, const Caller& caller, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("database_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto db, ctx.store().GetDatabase(id));
  LN_ASSIGN_OR_RETURN(bool visible, db ? ctx.Visible("database", id) : Result<bool>(false));
  if (db && !visible) return NotFound("database", id);
  if (!db) {
    LN_ASSIGN_OR_RETURN(auto page, ctx.store().GetPage(id));
    LN_ASSIGN_OR_RETURN(bool page_visible, page ? ctx.Visible("page", id) : Result<bool>(false));
    if (page && page_visible) {
      return ValidationError(
          fmt::format("Provided ID {} is a page, not a database. Use the retrieve page API instead.", id));
    }
    return NotFound("database", id);
  }
  return ctx.RenderDatabaseObject(caller, db);
}

namespace {

// Drops the stored values of properties whose type changed or that were removed, on
// every page of the data source, so that no page keeps a value of the wrong shape.
// They are not page history (docs/compat.md), but they are changes.
Status DropStaleValues(Context& ctx, const Caller& caller, const std::string& source_id, const schema::Schema& before,
                       const schema::Schema& after) {
  std::vector<std::string> stale;
  for (const auto& old : before) {
    const schema::PropertyDef* now = schema::FindPropertyById(after, old.id);
    if (now == nullptr || now->type != old.type) stale.push_back(old.id);
  }
  if (stale.empty()) return OkStatus();
  LN_ASSIGN_OR_RETURN(auto pages, ctx.store().ListPagesOf(source_id));
  for (auto& page : pages) {
    const storage::PageRecord before_drop = page;
    bool changed = false;
    for (const auto& id : stale) changed = page.properties.erase(id) > 0 || changed;
    if (changed) LN_RETURN_IF_ERROR(ctx.WritePage(caller, &before_drop, page, nullptr, WriteMode::kNoHistory));
  }
  return OkStatus();
}

}  // namespace

Result<json::value> UpdateDatabase(Context& ctx, const Caller& caller, std::string_view raw_id,
                                   const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("database_id", raw_id));
  const bool edits_schema = api::DatabaseEditsSchema(caller.version);
  LN_ASSIGN_OR_RETURN(
      ContainerEdits e,
      edits_schema ? ReadEdits(body, {"title", "description", "icon", "cover", "is_inline", "in_trash", "archived",
                                      "properties"})
                   : ReadEdits(body, {"parent", "title", "description", "icon", "cover", "is_inline", "in_trash"}));
  LN_ASSIGN_OR_RETURN(auto found, ctx.LoadDatabase(id));
  LN_ASSIGN_OR_RETURN(auto sources, ctx.store().ListDataSources(id));
  if (edits_schema && sources.size() != 1) return ValidationError(std::string(kSeveralSources));
  if (found->in_trash && !(e.in_trash && !*e.in_trash)) {
    return api::ArchivedError();
  }
  storage::DatabaseRecord db = *found;
  LN_RETURN_IF_ERROR(uploads::AttachIconOrCover(ctx, caller, e.icon, "body.icon"));
  LN_RETURN_IF_ERROR(uploads::AttachIconOrCover(ctx, caller, e.cover, "body.cover"));
  if (e.title) db.title = *e.title;
  if (e.description) db.description = *e.description;
  if (e.icon) db.icon = *e.icon;
  if (e.cover) db.cover = *e.cover;
  if (e.is_inline) db.is_inline = *e.is_inline;
  if (e.in_trash) db.in_trash = *e.in_trash;
  // A new parent moves the database, as pages.move moves a page: the parent must not be
  // in the trash nor inside the database itself (Notion's move texts, pages/move.cc).
  const bool moves = e.parent != nullptr;
  if (moves) {
    LN_RETURN_IF_ERROR(ReadDatabaseParent(ctx, *e.parent, db));
    if (db.parent_type == "page_id") {
      LN_ASSIGN_OR_RETURN(LoadedPage parent, ctx.LoadPage(db.parent_id));
      if (parent.trashed || parent.ancestor_trashed) return api::ArchivedError();
      LN_ASSIGN_OR_RETURN(bool cycle, pages::IsUnder(ctx, db.parent_id, "page_id", id));
      if (cycle) {
        return ValidationError(
            fmt::format("New parent {} cannot be under the hierarchy of child {}", db.parent_id, id));
      }
    }
  }
  db.last_edited_time = NowMillis();
  db.last_edited_by = caller.integration.bot_user_id;
  LN_RETURN_IF_ERROR(ctx.WriteDatabase(caller, found.get(), db));
  if (moves && (db.parent_type != found->parent_type || db.parent_id != found->parent_id)) {
    LN_RETURN_IF_ERROR(pages::MoveChildObjectRow(ctx, caller, "child_database", db.id, db.parent_type, db.parent_id,
                                                 db.last_edited_time));
  }
  if (edits_schema && (e.properties || e.title)) {
    // 2022-06-28 edits the one data source through the database.
    const DataSourcePtr& source = sources.front();
    LN_ASSIGN_OR_RETURN(SchemaPtr before, ctx.SchemaOf(source));
    schema::Schema schema = *before;
    if (e.properties) {
      LN_ASSIGN_OR_RETURN(schema, ApplySchemaUpdate(ctx, caller, source, *e.properties, "body.properties"));
      LN_RETURN_IF_ERROR(pages::CreateSyncedRelations(ctx, caller, source, schema, before.get()));
      LN_RETURN_IF_ERROR(DropStaleValues(ctx, caller, source->id, *before, schema));
    }
    storage::DataSourceRecord record = *source;
    if (e.title) record.title = *e.title;
    record.schema = schema::SchemaToStored(schema);
    record.last_edited_time = db.last_edited_time;
    record.last_edited_by = db.last_edited_by;
    LN_RETURN_IF_ERROR(ctx.WriteDataSource(caller, source.get(), record));
  }
  if (!ctx.ReadsContent()) return json::value(api::PartialObject("database", id));
  LN_ASSIGN_OR_RETURN(DatabasePtr updated, ctx.store().GetDatabase(id));
  return ctx.RenderDatabaseObject(caller, updated);
}

Result<json::value> GetDataSource(Context& ctx, const Caller& caller, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("data_source_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto source, ctx.LoadDataSource(id));
  return ctx.RenderDataSourceObject(caller, source);
}

Result<json::value> UpdateDataSource(Context& ctx, const Caller& caller, std::string_view raw_id,
                                     const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("data_source_id", raw_id));
  LN_ASSIGN_OR_RETURN(ContainerEdits e, api::HasArchivedAlias(caller.version)
                                            ? ReadEdits(body, {"title", "icon", "properties", "in_trash", "archived"})
                                            : ReadEdits(body, {"title", "icon", "properties", "in_trash"}));
  LN_ASSIGN_OR_RETURN(auto source, ctx.LoadDataSource(id));
  if (source->in_trash && !(e.in_trash && !*e.in_trash)) {
    return api::ArchivedError();
  }
  LN_ASSIGN_OR_RETURN(SchemaPtr before, ctx.SchemaOf(source));
  schema::Schema schema = *before;
  if (e.properties) {
    LN_ASSIGN_OR_RETURN(schema, ApplySchemaUpdate(ctx, caller, source, *e.properties, "body.properties"));
    LN_RETURN_IF_ERROR(pages::CreateSyncedRelations(ctx, caller, source, schema, before.get()));
    LN_RETURN_IF_ERROR(DropStaleValues(ctx, caller, source->id, *before, schema));
  }
  storage::DataSourceRecord record = *source;
  LN_RETURN_IF_ERROR(uploads::AttachIconOrCover(ctx, caller, e.icon, "body.icon"));
  if (e.title) record.title = *e.title;
  if (e.icon) record.icon = *e.icon;
  if (e.in_trash) record.in_trash = *e.in_trash;
  record.schema = schema::SchemaToStored(schema);
  record.last_edited_time = NowMillis();
  record.last_edited_by = caller.integration.bot_user_id;
  LN_RETURN_IF_ERROR(ctx.WriteDataSource(caller, source.get(), record));
  if (!ctx.ReadsContent()) return json::value(api::PartialObject("data_source", id));
  LN_ASSIGN_OR_RETURN(DataSourcePtr updated, ctx.store().GetDataSource(id));
  return ctx.RenderDataSourceObject(caller, updated);
}

Result<json::value> CreateDataSource(Context& ctx, const Caller& caller, const json::value& body) {
  LN_ASSIGN_OR_RETURN(ContainerEdits e, ReadEdits(body, {"parent", "title", "icon", "properties"}));
  if (e.parent == nullptr) return api::NotDefined("body.parent");
  const json::value* db_id = e.parent->is_object() ? Find(e.parent->get_object(), "database_id") : nullptr;
  if (db_id == nullptr) return api::NotDefined("body.parent.database_id");
  auto id = db_id->is_string() ? NormalizeUuid(db_id->get_string()) : std::nullopt;
  if (!id) return api::FailedValidation("body.parent.database_id", "a valid uuid", db_id);
  LN_ASSIGN_OR_RETURN(auto db, ctx.LoadDatabase(*id));
  if (e.properties == nullptr) return api::NotDefined("body.properties");
  LN_ASSIGN_OR_RETURN(schema::Schema schema, ParseSchemaRequest(ctx, caller, *e.properties, "body.properties"));
  storage::DataSourceRecord source;
  source.id = NewUuid();
  source.database_id = db->id;
  source.title = e.title.value_or(json::array{});
  LN_RETURN_IF_ERROR(uploads::AttachIconOrCover(ctx, caller, e.icon, "body.icon"));
  source.icon = e.icon.value_or(nullptr);
  source.created_time = source.last_edited_time = NowMillis();
  source.created_by = source.last_edited_by = caller.integration.bot_user_id;
  source.schema = schema::SchemaToStored(schema);
  LN_RETURN_IF_ERROR(ctx.WriteDataSource(caller, nullptr, source));
  LN_ASSIGN_OR_RETURN(DataSourcePtr stored, ctx.store().GetDataSource(source.id));
  LN_RETURN_IF_ERROR(pages::CreateSyncedRelations(ctx, caller, stored, schema, nullptr));
  LN_RETURN_IF_ERROR(pages::SaveSchema(ctx, caller, stored, schema));
  if (!ctx.ReadsContent()) return json::value(api::PartialObject("data_source", source.id));
  LN_ASSIGN_OR_RETURN(DataSourcePtr created, ctx.store().GetDataSource(source.id));
  return ctx.RenderDataSourceObject(caller, created);
}

}  // namespace localnotion::service::databases
