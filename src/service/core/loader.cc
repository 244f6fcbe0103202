// Loading: pages with their data source, database and schema; the data source a
// database names as a parent; whether something above a page or block is in the trash.
#include <fmt/format.h>

#include "schema/registry.h"
#include "service/core/context.h"
#include "validation/page_write.h"

namespace localnotion::service {

Status Context::CheckPageLoadable(const std::string& id, const storage::PageRecord* page) {
  const bool exists = page != nullptr;
  // An unshared page answers like a missing one (access.cc).
  LN_ASSIGN_OR_RETURN(bool visible, exists ? Visible("page", id, page) : Result<bool>(false));
  if (exists && !visible) return NotFound("page", id);
  if (!exists) {
    LN_ASSIGN_OR_RETURN(auto db, store_.GetDatabase(id));
    LN_ASSIGN_OR_RETURN(bool db_visible, db ? Visible("database", id) : Result<bool>(false));
    if (db && db_visible) {
      return ValidationError(
          fmt::format("Provided ID {} is a database, not a page. Use the retrieve database API instead.", id));
    }
    return NotFound("page", id);
  }
  return OkStatus();
}

Result<LoadedPage> Context::LoadPage(const std::string& id) {
  LN_ASSIGN_OR_RETURN(auto page, store_.GetPage(id));
  LN_RETURN_IF_ERROR(CheckPageLoadable(id, page ? &*page : nullptr));
  return LoadRecord(std::move(*page));
}

Result<LoadedPage> Context::LoadPageToShow(const std::string& id) {
  LN_ASSIGN_OR_RETURN(std::shared_ptr<const storage::PageRecord> shown, store_.GetPageShared(id));
  LN_RETURN_IF_ERROR(CheckPageLoadable(id, shown.get()));
  return LoadShownRecord(std::move(shown));
}

namespace {

// Trashing a database or a data source trashes its pages, as in Notion (`in_trash` of
// https://developers.notion.com/reference/update-a-database and
// https://developers.notion.com/reference/update-a-data-source).
bool TrashedWithParents(const LoadedPage& loaded) {
  return loaded.Record().in_trash || (loaded.source && loaded.source->in_trash) || (loaded.db && loaded.db->in_trash);
}

}  // namespace

Result<LoadedPage> Context::LoadShownRecord(std::shared_ptr<const storage::PageRecord> shown, PageParents* parents) {
  // The record is read where the store keeps it: nothing of it is copied.
  LoadedPage loaded;
  loaded.shown = std::move(shown);
  const storage::PageRecord& page = *loaded.shown;
  if (parents != nullptr && parents->source && page.parent_type == "data_source_id" &&
      page.parent_id == parents->source->id) {
    // What LoadRecord finds for a page of a data source, without reading it again.
    loaded.source = parents->source;
    loaded.db = parents->db;
    loaded.schema = parents->schema;
    loaded.trashed = TrashedWithParents(loaded);
    return loaded;
  }
  LN_RETURN_IF_ERROR(LoadParents(loaded));
  if (parents != nullptr && loaded.source) *parents = PageParents{loaded.source, loaded.db, loaded.schema};
  return loaded;
}

Result<SchemaPtr> Context::SchemaOf(const DataSourcePtr& source) {
  if (!source) {
    static const SchemaPtr kStandalone = std::make_shared<const schema::Schema>(validation::StandalonePageSchema());
    return kStandalone;
  }
  if (SchemaPtr cached = state_.schemas.Find(source)) return cached;
  LN_ASSIGN_OR_RETURN(schema::Schema parsed, schema::SchemaFromStored(source->schema));
  SchemaPtr schema = std::make_shared<const schema::Schema>(std::move(parsed));
  state_.schemas.Put(source, schema);
  return schema;
}

Result<LoadedPage> Context::LoadRecord(storage::PageRecord page) {
  LoadedPage loaded;
  loaded.page = std::move(page);
  LN_RETURN_IF_ERROR(LoadParents(loaded));
  return loaded;
}

Status Context::LoadParents(LoadedPage& loaded) {
  const storage::PageRecord& page = loaded.Record();
  if (page.parent_type == "data_source_id") {
    LN_ASSIGN_OR_RETURN(loaded.source, store_.GetDataSource(page.parent_id));
    if (!loaded.source) return InternalError("page's data source is missing");
    LN_ASSIGN_OR_RETURN(loaded.db, store_.GetDatabase(loaded.source->database_id));
    if (!loaded.db) return InternalError("data source's database is missing");
  }
  LN_ASSIGN_OR_RETURN(loaded.schema, SchemaOf(loaded.source));
  loaded.trashed = TrashedWithParents(loaded);
  // A page under a page or block in the trash is in the trash too (blocks/).
  if (page.parent_type == "page_id" || page.parent_type == "block_id") {
    LN_ASSIGN_OR_RETURN(loaded.ancestor_trashed, ContainerTrashed(page.parent_type, page.parent_id));
    loaded.trashed = loaded.trashed || loaded.ancestor_trashed;
  }
  return OkStatus();
}

Result<DataSourcePtr> Context::SourceForDatabaseParent(const std::string& database_id) {
  LN_ASSIGN_OR_RETURN(auto db, LoadDatabase(database_id));
  LN_ASSIGN_OR_RETURN(auto sources, store_.ListDataSources(database_id));
  if (sources.size() != 1) {
    return ValidationError("Databases with multiple data sources are not supported in this API version.");
  }
  return sources.front();
}

// Notion keeps no separate trash state for content: trashing a page or block hides
// everything below it. Walks up from the container until the workspace (or a database)
// and answers whether any page or block on the way is in the trash. Pages in a trashed
// database or data source count as trashed.
Result<bool> Context::ContainerTrashed(const std::string& parent_type, const std::string& parent_id) {
  std::string type = parent_type;
  std::string id = parent_id;
  // Trees are shallow; the bound only guards against a corrupt cycle.
  for (int guard = 0; guard < 10000; ++guard) {
    if (type == "block_id") {
      LN_ASSIGN_OR_RETURN(auto row, store_.GetBlock(id));
      if (!row) return false;
      if (row->in_trash) return true;
      type = row->parent_type;
      id = row->parent_id;
    } else if (type == "page_id") {
      LN_ASSIGN_OR_RETURN(auto page, store_.GetPage(id));
      if (!page) return false;
      if (page->in_trash) return true;
      if (page->parent_type == "data_source_id") {
        LN_ASSIGN_OR_RETURN(auto source, store_.GetDataSource(page->parent_id));
        if (!source) return false;
        if (source->in_trash) return true;
        LN_ASSIGN_OR_RETURN(auto db, store_.GetDatabase(source->database_id));
        if (!db) return false;
        if (db->in_trash) return true;
        type = db->parent_type;
        id = db->parent_id;
        continue;
      }
      type = page->parent_type;
      id = page->parent_id;
    } else {
      return false;
    }
  }
  return InternalError("block tree has a cycle");
}

}  // namespace localnotion::service
