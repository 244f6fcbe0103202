// Which change gives which event (docs/webhooks.md has the table):
//   page created / trashed / restored / moved / locked / unlocked: page.created, .deleted,
//     .undeleted, .moved, .locked, .unlocked; a page of a data source also gives its data
//     source (2022-06-28: database) .content_updated with the page in updated_blocks when it
//     is created, trashed or restored;
//   page properties written: page.properties_updated with the property ids;
//   block written: page.content_updated of the page that holds it, with the block in
//     updated_blocks (type "page" / "database" for child_page / child_database rows);
//   database created / trashed / restored / moved: database.created, .deleted, .undeleted,
//     .moved;
//   data source created (into an existing database), trashed, restored: data_source.created,
//     .deleted, .undeleted (2025-09-03 on); its properties changed: data_source.schema_updated
//     (2022-06-28: database.schema_updated of its database);
//   comment created / updated / deleted: comment.created, .updated, .deleted, with the
//     read_comments capability only;
//   file upload created / uploaded (single part sent, multi part completed, external
//     file imported): file_upload.created / .completed, without data; an import that
//     failed: file_upload.upload_failed with data {file_import_result}; an upload that
//     expired unattached (expiries.cc): file_upload.expired, without data; to the
//     integration that made it.
#include "service/webhooks/events.h"

#include "service/uploads/import.h"

namespace localnotion::service::webhooks {
namespace {

constexpr int kMaxDepth = 64;

json::object Ref(const std::string& id, const char* type) { return json::object{{"id", id}, {"type", type}}; }

Result<std::optional<api::WebhookParent>> PageParent(Context& ctx, const storage::PageRecord& page,
                                                     const EventScope& scope) {
  using Out = std::optional<api::WebhookParent>;
  if (page.parent_type == "data_source_id") {
    LN_ASSIGN_OR_RETURN(auto source, ctx.store().GetDataSource(page.parent_id));
    if (!source) return Out();
    api::WebhookParent p{source->database_id, "database", std::nullopt};
    if (api::WebhookHasDataSources(scope.api_version)) p.data_source_id = page.parent_id;
    return Out(p);
  }
  if (page.parent_type == "page_id") return Out(api::WebhookParent{page.parent_id, "page", std::nullopt});
  if (page.parent_type == "block_id") return Out(api::WebhookParent{page.parent_id, "block", std::nullopt});
  return Out(api::WebhookParent{scope.workspace_id, "space", std::nullopt});
}

api::WebhookParent DatabaseParent(const storage::DatabaseRecord& db, const EventScope& scope) {
  if (db.parent_type == "page_id") return {db.parent_id, "page", std::nullopt};
  if (db.parent_type == "block_id") return {db.parent_id, "block", std::nullopt};
  return {scope.workspace_id, "space", std::nullopt};
}

// The page that holds a block (its nearest page ancestor), "" when there is none.
Result<std::string> PageOfBlock(Context& ctx, std::string parent_type, std::string parent_id) {
  for (int depth = 0; depth < kMaxDepth && parent_type == "block_id"; ++depth) {
    LN_ASSIGN_OR_RETURN(auto block, ctx.store().GetBlock(parent_id));
    if (!block) return std::string();
    parent_type = block->parent_type;
    parent_id = block->parent_id;
  }
  return parent_type == "page_id" ? parent_id : std::string();
}

class Builder {
 public:
  Builder(Context& ctx, const EventScope& scope) : ctx_(ctx), scope_(scope) {}
  bool data_sources() const { return api::WebhookHasDataSources(scope_.api_version); }

  // Adds the event when the integration can see `visible_kind` `visible_id`.
  Status Add(std::string type, api::WebhookRef entity, std::optional<json::object> data, const char* visible_kind,
             const std::string& visible_id) {
    LN_ASSIGN_OR_RETURN(bool visible, ctx_.Visible(visible_kind, visible_id));
    if (visible) out_.push_back(ChangeEvent{std::move(type), std::move(entity), std::move(data)});
    return OkStatus();
  }
  std::vector<ChangeEvent> Take() { return std::move(out_); }

  Status Page(const storage::ChangeRecord& c) {
    LN_ASSIGN_OR_RETURN(auto page, ctx_.store().GetPage(c.object_id));
    if (!page) return OkStatus();
    LN_ASSIGN_OR_RETURN(auto parent, PageParent(ctx_, *page, scope_));
    if (!parent) return OkStatus();
    json::object with_parent{{"parent", api::RenderWebhookParent(*parent)}};
    const api::WebhookRef entity{page->id, "page"};
    static const std::pair<const char*, const char*> kKinds[] = {
        {"created", "page.created"}, {"trashed", "page.deleted"}, {"restored", "page.undeleted"},
        {"moved", "page.moved"},     {"locked", "page.locked"},   {"unlocked", "page.unlocked"}};
    for (auto [kind, type] : kKinds) {
      if (c.kind == kind) LN_RETURN_IF_ERROR(Add(type, entity, with_parent, "page", page->id));
    }
    if (!c.properties.empty() && c.kind != "created" && c.kind != "trashed" && c.kind != "restored") {
      json::array ids;
      for (const std::string& id : c.properties) ids.emplace_back(id);
      json::object data{{"parent", api::RenderWebhookParent(*parent)}, {"updated_properties", std::move(ids)}};
      LN_RETURN_IF_ERROR(Add("page.properties_updated", entity, std::move(data), "page", page->id));
    }
    if (page->parent_type == "data_source_id" && (c.kind == "created" || c.kind == "trashed" || c.kind == "restored")) {
      LN_RETURN_IF_ERROR(RowChanged(*page));
    }
    return OkStatus();
  }

  // A row added to or removed from a data source: its content changed.
  Status RowChanged(const storage::PageRecord& page) {
    LN_ASSIGN_OR_RETURN(auto source, ctx_.store().GetDataSource(page.parent_id));
    if (!source) return OkStatus();
    json::array blocks{Ref(page.id, "page")};
    if (data_sources()) {
      json::object data{{"updated_blocks", std::move(blocks)},
                        {"parent", api::RenderWebhookParent({source->database_id, "database", std::nullopt})}};
      return Add("data_source.content_updated", {source->id, "data_source"}, std::move(data), "data_source",
                 source->id);
    }
    LN_ASSIGN_OR_RETURN(auto db, ctx_.store().GetDatabase(source->database_id));
    if (!db) return OkStatus();
    json::object data{{"updated_blocks", std::move(blocks)},
                      {"parent", api::RenderWebhookParent(DatabaseParent(*db, scope_))}};
    return Add("database.content_updated", {db->id, "database"}, std::move(data), "database", db->id);
  }

  Status Block(const storage::ChangeRecord& c) {
    LN_ASSIGN_OR_RETURN(auto block, ctx_.store().GetBlock(c.object_id));
    if (!block) return OkStatus();
    LN_ASSIGN_OR_RETURN(std::string page_id, PageOfBlock(ctx_, block->parent_type, block->parent_id));
    if (page_id.empty()) return OkStatus();
    LN_ASSIGN_OR_RETURN(auto page, ctx_.store().GetPage(page_id));
    if (!page) return OkStatus();
    LN_ASSIGN_OR_RETURN(auto parent, PageParent(ctx_, *page, scope_));
    if (!parent) return OkStatus();
    const char* type = block->type == "child_page" ? "page" : block->type == "child_database" ? "database" : "block";
    json::object data{{"updated_blocks", json::array{Ref(block->id, type)}},
                      {"parent", api::RenderWebhookParent(*parent)}};
    return Add("page.content_updated", {page->id, "page"}, std::move(data), "page", page->id);
  }

  Status Database(const storage::ChangeRecord& c) {
    LN_ASSIGN_OR_RETURN(auto db, ctx_.store().GetDatabase(c.object_id));
    if (!db) return OkStatus();
    json::object data{{"parent", api::RenderWebhookParent(DatabaseParent(*db, scope_))}};
    static const std::pair<const char*, const char*> kKinds[] = {{"created", "database.created"},
                                                                 {"trashed", "database.deleted"},
                                                                 {"restored", "database.undeleted"},
                                                                 {"moved", "database.moved"}};
    for (auto [kind, type] : kKinds) {
      if (c.kind == kind) return Add(type, {db->id, "database"}, std::move(data), "database", db->id);
    }
    return OkStatus();
  }

  Status DataSource(const storage::ChangeRecord& c) {
    LN_ASSIGN_OR_RETURN(auto source, ctx_.store().GetDataSource(c.object_id));
    if (!source) return OkStatus();
    LN_ASSIGN_OR_RETURN(auto db, ctx_.store().GetDatabase(source->database_id));
    if (!db) return OkStatus();
    const api::WebhookRef entity{source->id, "data_source"};
    json::object in_database{{"parent", api::RenderWebhookParent({db->id, "database", std::nullopt})}};
    if (c.kind == "updated" && !c.properties.empty()) {
      json::array changes;
      for (const std::string& text : c.properties) {
        if (auto v = ParseJson(text)) changes.push_back(std::move(*v));
      }
      if (data_sources()) {
        in_database["updated_properties"] = std::move(changes);
        return Add("data_source.schema_updated", entity, std::move(in_database), "data_source", source->id);
      }
      json::object data{{"parent", api::RenderWebhookParent(DatabaseParent(*db, scope_))},
                        {"updated_properties", std::move(changes)}};
      return Add("database.schema_updated", {db->id, "database"}, std::move(data), "database", db->id);
    }
    if (!data_sources()) return OkStatus();
    if (c.kind == "created") {
      if (scope_.created_databases && scope_.created_databases->count(c.request_id + "/" + db->id)) return OkStatus();
      return Add("data_source.created", entity, std::move(in_database), "data_source", source->id);
    }
    if (c.kind == "trashed")
      return Add("data_source.deleted", entity, std::move(in_database), "data_source", source->id);
    if (c.kind == "restored") {
      return Add("data_source.undeleted", entity, std::move(in_database), "data_source", source->id);
    }
    return OkStatus();
  }

  // An upload is seen by the integration that made it only.
  Status FileUpload(const storage::ChangeRecord& c) {
    LN_ASSIGN_OR_RETURN(auto upload, ctx_.store().GetFileUpload(c.object_id));
    if (!upload || upload->integration_id != scope_.integration_id) return OkStatus();
    if (c.kind == "upload_failed") {
      LN_ASSIGN_OR_RETURN(auto stored, ctx_.store().GetMeta(uploads::ImportResultKey(upload->id)));
      std::optional<json::value> result = stored ? ParseJson(*stored) : std::nullopt;
      json::object data{{"file_import_result", result ? *result : json::value(json::object{})}};
      out_.push_back(ChangeEvent{"file_upload.upload_failed", {upload->id, "file_upload"}, std::move(data)});
      return OkStatus();
    }
    const char* type = c.kind == "created"     ? "file_upload.created"
                       : c.kind == "completed" ? "file_upload.completed"
                       : c.kind == "expired"   ? "file_upload.expired"
                                               : "";
    if (*type != '\0') out_.push_back(ChangeEvent{type, {upload->id, "file_upload"}, std::nullopt});
    return OkStatus();
  }

  // comment.created, .updated and .deleted carry the same data: the page the comment is
  // on and its parent, a page or a block (https://developers.notion.com/reference/webhooks-events-delivery).
  // The change carries the parent, since the comment may be deleted before its events are
  // made (outbox rows written before it did not: those read the comment).
  Status Comment(const storage::ChangeRecord& c) {
    if (!scope_.read_comments) return OkStatus();
    const char* type = c.kind == "created"   ? "comment.created"
                       : c.kind == "updated" ? "comment.updated"
                       : c.kind == "deleted" ? "comment.deleted"
                                             : nullptr;
    if (type == nullptr) return OkStatus();
    std::string parent_type;
    std::string parent_id;
    if (c.properties.size() >= 2) {
      parent_type = c.properties[0];
      parent_id = c.properties[1];
    } else {
      LN_ASSIGN_OR_RETURN(auto comment, ctx_.store().GetComment(c.object_id));
      if (!comment) return OkStatus();
      parent_type = comment->parent_type;
      parent_id = comment->parent_id;
    }
    std::string page_id = parent_id;
    if (parent_type == "block_id") {
      LN_ASSIGN_OR_RETURN(page_id, PageOfBlock(ctx_, "block_id", parent_id));
      if (page_id.empty()) return OkStatus();
    }
    json::object data{{"page_id", page_id}, {"parent", Ref(parent_id, parent_type == "block_id" ? "block" : "page")}};
    return Add(type, {c.object_id, "comment"}, std::move(data), "page", page_id);
  }

  // A view of a database the integration can see (view.created, view.updated,
  // view.deleted): the change carries the database id, then the type or the fields that
  // changed (Context::WriteView).
  Status View(const storage::ChangeRecord& c) {
    if (!data_sources() || c.properties.empty()) return OkStatus();
    const std::string& database_id = c.properties[0];
    json::object data{{"parent", api::RenderWebhookParent({database_id, "database", std::nullopt})}};
    const api::WebhookRef entity{c.object_id, "view"};
    if (c.kind == "created") {
      if (c.properties.size() > 1) data["view_type"] = c.properties[1];
      return Add("view.created", entity, std::move(data), "database", database_id);
    }
    if (c.kind == "deleted") return Add("view.deleted", entity, std::move(data), "database", database_id);
    if (c.properties.size() < 2) return OkStatus();  // only the position or quick filters changed
    json::array fields;
    for (size_t i = 1; i < c.properties.size(); ++i) fields.emplace_back(c.properties[i]);
    data["updated_fields"] = std::move(fields);
    return Add("view.updated", entity, std::move(data), "database", database_id);
  }

 private:
  Context& ctx_;
  const EventScope& scope_;
  std::vector<ChangeEvent> out_;
};

}  // namespace

Result<std::vector<ChangeEvent>> EventsOfChange(Context& ctx, const storage::ChangeRecord& change,
                                                const EventScope& scope) {
  Builder b(ctx, scope);
  if (change.object == "page") {
    LN_RETURN_IF_ERROR(b.Page(change));
  } else if (change.object == "block") {
    LN_RETURN_IF_ERROR(b.Block(change));
  } else if (change.object == "database") {
    LN_RETURN_IF_ERROR(b.Database(change));
  } else if (change.object == "data_source") {
    LN_RETURN_IF_ERROR(b.DataSource(change));
  } else if (change.object == "comment") {
    LN_RETURN_IF_ERROR(b.Comment(change));
  } else if (change.object == "file_upload") {
    LN_RETURN_IF_ERROR(b.FileUpload(change));
  } else if (change.object == "view") {
    LN_RETURN_IF_ERROR(b.View(change));
  }
  return b.Take();
}

}  // namespace localnotion::service::webhooks
