// POST /v1/pages, GET /v1/pages/{id}, PATCH /v1/pages/{id}.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "api/messages.h"
#include "api/objects.h"
#include "common/json_arena.h"
#include "common/uuid.h"
#include "schema/registry.h"
#include "service/blocks/blocks.h"
#include "service/pages/pages.h"
#include "service/pages/relations.h"
#include "service/tasks/async_tasks.h"
#include "service/uploads/uploads.h"
#include "validation/page_write.h"

namespace localnotion::service::pages {

Status SaveSchema(Context& ctx, const Caller& caller, const DataSourcePtr& source, const schema::Schema& schema) {
  storage::DataSourceRecord record = *source;
  record.schema = schema::SchemaToStored(schema);
  record.last_edited_time = NowMillis();
  record.last_edited_by = caller.integration.bot_user_id;
  return ctx.WriteDataSource(caller, source.get(), record);
}

namespace {

// What a write of a page answers: the page, or {object, id} when the integration may not
// read content (https://developers.notion.com/reference/capabilities).
template <class Loaded>
Result<std::string> PageAnswerText(Context& ctx, const Caller& caller, Loaded&& loaded,
                                   const std::vector<std::string>& filter_properties) {
  if (!ctx.ReadsContent()) return SerializeJson(json::value(api::PartialObject("page", loaded.Record().id)));
  return ctx.RenderPageText(caller, std::forward<Loaded>(loaded), filter_properties);
}

Status SaveGrownDefinitions(Context& ctx, const Caller& caller, const DataSourcePtr& source,
                            std::vector<schema::PropertyDef> defs) {
  if (defs.empty() || !source) return OkStatus();
  LN_ASSIGN_OR_RETURN(SchemaPtr current, ctx.SchemaOf(source));
  schema::Schema updated = *current;
  for (auto& def : defs) {
    for (auto& existing : updated) {
      if (existing.id == def.id) existing = std::move(def);
    }
  }
  return SaveSchema(ctx, caller, source, updated);
}

}  // namespace

// People must be users of the workspace; relation ids must be pages of the related
// database. Messages: docs/compat.md.
Status CheckReferences(Context& ctx, const std::vector<validation::PropertyWrite>& writes) {
  for (const auto& [property_id, value, def] : writes) {
    const schema::PropertyType* type = def != nullptr ? schema::TypeOf(*def) : nullptr;
    if (type == nullptr || !value.is_array()) continue;
    // What the value points at is the type's to say (schema/property_type.h).
    const schema::References refs = type->ReferencesIn(value, *def);
    if (refs.kind == schema::References::Kind::kUsers) {
      for (const std::string& id : refs.ids) {
        LN_ASSIGN_OR_RETURN(auto user, ctx.store().GetUser(id));
        if (!user) return ValidationError(fmt::format("Could not find user with ID: {}.", id));
      }
    } else if (refs.kind == schema::References::Kind::kPages) {
      for (const std::string& id : refs.ids) {
        LN_ASSIGN_OR_RETURN(auto target, ctx.store().GetPage(id));
        // A page the integration cannot see is reported like a missing one.
        LN_ASSIGN_OR_RETURN(bool visible, target ? ctx.Visible("page", target->id) : Result<bool>(false));
        if (!target || !visible) return ValidationError(fmt::format("Could not find page with ID: {}.", id));
        DataSourcePtr target_source;
        if (target->parent_type == "data_source_id") {
          LN_ASSIGN_OR_RETURN(target_source, ctx.store().GetDataSource(target->parent_id));
        }
        // The relation points at one data source; a page of another data source, even of
        // the same database, does not belong to it.
        if (!target_source || refs.data_source_id.empty() || target_source->id != refs.data_source_id) {
          return ValidationError(fmt::format("Page {} is not in the related database {}.", id, refs.database_id));
        }
      }
    }
  }
  return OkStatus();
}

namespace {

// The page as an update found it, for its history and the outbox (Context::WritePage):
// every field but the values, and then the old values of the properties the request
// writes, so that a PATCH of one property does not copy and compare the whole page.
// `touched` lists them; without it (a template, which may change any value) `record`
// holds every value.
struct PageBefore {
  storage::PageRecord record;
  std::optional<std::vector<std::string>> touched;

  PageBefore(storage::PageRecord& page, bool whole) {
    json::object values = std::move(page.properties);
    record = page;
    page.properties = std::move(values);
    if (whole) {
      // The old values end with the request: copied into its arena (common/json_arena.h).
      ReplaceWithStorage(record.properties, json::object(JsonArena::Storage()));
      record.properties = page.properties;
    } else {
      // The old values are moved here as they are replaced (KeepReplaced), which is no copy
      // when both objects share a resource.
      ReplaceWithStorage(record.properties, json::object(page.properties.storage()));
      touched.emplace();
    }
  }

  // Prepares to keep the values `writes` replaces. A write that may change other values of
  // the page too (a relation kept in sync with itself, a definition that grows) keeps all
  // of them at once; otherwise KeepReplaced keeps each as it goes.
  void Keep(const LoadedPage& loaded, const validation::PropertyWrites& writes) {
    if (!touched) return;
    bool only_own = writes.changed_defs.empty();
    for (size_t i = 0; only_own && i < writes.writes.size(); ++i) {
      const auto& w = writes.writes[i];
      const schema::PropertyType* type = w.def != nullptr ? schema::TypeOf(*w.def) : nullptr;
      if (type && type->ReferencesIn(w.value, *w.def).kind == schema::References::Kind::kPages) only_own = false;
    }
    if (!only_own) {
      record.properties = loaded.page.properties;
      touched.reset();
      return;
    }
    // Room for the values replaced, made once.
    record.properties.reserve(writes.writes.size());
  }

  // Moves `value` (the page's value of `property_id`, about to be replaced; null when the
  // page has none) into `record`, at the first write of that property only (a request may
  // name one property twice, by name and by id).
  void KeepReplaced(json::value* value, const std::string& property_id) {
    if (!touched || std::find(touched->begin(), touched->end(), property_id) != touched->end()) return;
    touched->push_back(property_id);
    if (value != nullptr) record.properties.emplace(property_id, std::move(*value));
  }
};

// Validates `properties` against the page's schema and applies them to `loaded.page`
// (not saved here): options created on the way are saved into the schema, people and
// relations are checked, and dual relations update their other side. With `was` (an
// update) each value this replaces is kept in it first (PageBefore::Keep).
Status WriteProperties(Context& ctx, const Caller& caller, LoadedPage& loaded, const json::object& properties,
                       PageBefore* was = nullptr) {
  LN_ASSIGN_OR_RETURN(validation::PropertyWrites writes,
                      validation::CheckProperties(properties, *loaded.schema, caller.version));
  LN_RETURN_IF_ERROR(CheckReferences(ctx, writes.writes));
  if (was != nullptr) was->Keep(loaded, writes);
  // Saving grown definitions reloads the schema, which the writes' definitions were not
  // taken from.
  const bool reloaded = !writes.changed_defs.empty();
  if (reloaded) {
    LN_RETURN_IF_ERROR(SaveGrownDefinitions(ctx, caller, loaded.source, std::move(writes.changed_defs)));
    LN_ASSIGN_OR_RETURN(loaded, ctx.LoadRecord(std::move(loaded.page)));
  }
  const Millis now = NowMillis();
  for (auto& w : writes.writes) {
    const schema::PropertyDef* def = reloaded ? schema::FindPropertyById(*loaded.schema, w.property_id) : w.def;
    const schema::PropertyType* type = def != nullptr ? schema::TypeOf(*def) : nullptr;
    if (type) type->Stamp(w.value, caller.integration.bot_user_id, now);
    if (type && type->render_extras().file_objects) {
      LN_RETURN_IF_ERROR(uploads::AttachUploadsInFiles(ctx, caller, w.value, api::Field("body.properties", def->name)));
    }
    if (type && type->ReferencesIn(w.value, *def).kind == schema::References::Kind::kPages) {
      const json::value* before = Find(loaded.page.properties, w.property_id);
      json::value before_copy = before ? *before : json::value(nullptr);
      LN_RETURN_IF_ERROR(SyncDualRelations(ctx, caller, loaded.page, *def, &before_copy, &w.value));
    }
    // The page's value, found once for keeping and replacing it (Find on the page's own,
    // mutable, object).
    json::value* slot = const_cast<json::value*>(Find(loaded.page.properties, w.property_id));
    if (was != nullptr) was->KeepReplaced(slot, w.property_id);
    if (w.value.is_null()) {
      if (slot != nullptr) loaded.page.properties.erase(w.property_id);
    } else if (slot != nullptr) {
      *slot = std::move(w.value);
    } else {
      loaded.page.properties.emplace(w.property_id, std::move(w.value));
    }
  }
  return OkStatus();
}

}  // namespace

Result<std::string> GetPageText(Context& ctx, const Caller& caller, std::string_view raw_id,
                                const std::vector<std::string>& filter_properties) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("page_id", raw_id));
  LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx.LoadPageToShow(id));
  return ctx.RenderPageText(caller, std::move(loaded), filter_properties);
}

Result<json::value> GetPage(Context& ctx, const Caller& caller, std::string_view page_id,
                            const std::vector<std::string>& filter_properties) {
  LN_ASSIGN_OR_RETURN(std::string text, GetPageText(ctx, caller, page_id, filter_properties));
  return AnswerValue(text);
}

Result<json::value> UpdatePage(Context& ctx, const Caller& caller, std::string_view page_id, const json::value& body,
                               const std::vector<std::string>& filter_properties) {
  LN_ASSIGN_OR_RETURN(std::string text, UpdatePageText(ctx, caller, page_id, body, filter_properties));
  return AnswerValue(text);
}

Result<std::string> UpdatePageText(Context& ctx, const Caller& caller, std::string_view raw_id, const json::value& body,
                                   const std::vector<std::string>& filter_properties) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("page_id", raw_id));
  LN_ASSIGN_OR_RETURN(validation::PageBody req, validation::CheckUpdateBody(body, caller.version));
  LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx.LoadPage(id));
  storage::PageRecord& page = loaded.page;
  PageBefore before(page, /*whole=*/static_cast<bool>(req.template_choice));

  const bool has_properties = req.properties != nullptr && !req.properties->empty();
  const bool restoring = req.in_trash.has_value() && !*req.in_trash;
  const bool content_edits = req.template_choice || (req.erase_content && *req.erase_content);
  const bool edits =
      has_properties || req.icon || req.cover || (req.in_trash && *req.in_trash) || req.is_locked || content_edits;
  // A page trashed with its database stays trashed until the database is restored.
  const bool parent_trashed =
      (loaded.source && loaded.source->in_trash) || (loaded.db && loaded.db->in_trash) || loaded.ancestor_trashed;
  if (parent_trashed && (edits || restoring)) return api::ArchivedError();
  if (page.in_trash && !restoring && edits) return api::ArchivedError();

  bool changed = false;
  if (has_properties) {
    LN_RETURN_IF_ERROR(WriteProperties(ctx, caller, loaded, *req.properties, &before));
    changed = true;
  }
  std::string template_id;
  if (req.template_choice) {
    // The template fills the values the page does not have yet: the request's values and
    // the page's own non-empty ones stay (docs/compat.md).
    json::object keep = req.properties ? *req.properties : json::object();
    for (const auto& kv : loaded.page.properties) {
      const json::value& v = kv.value();
      const bool empty = v.is_null() || (v.is_array() && v.get_array().empty()) ||
                         (v.is_string() && v.get_string().empty()) || (v.is_bool() && !v.get_bool());
      if (!empty) keep[kv.key()] = v;
    }
    LN_ASSIGN_OR_RETURN(template_id, ApplyTemplateProperties(ctx, loaded, *req.template_choice, &keep));
    changed = true;
  }
  storage::PageRecord& p = loaded.page;
  LN_RETURN_IF_ERROR(uploads::AttachIconOrCover(ctx, caller, req.icon, "body.icon"));
  LN_RETURN_IF_ERROR(uploads::AttachIconOrCover(ctx, caller, req.cover, "body.cover"));
  if (req.icon) p.icon = std::move(*req.icon), changed = true;
  if (req.cover) p.cover = std::move(*req.cover), changed = true;
  if (req.in_trash && *req.in_trash != p.in_trash) p.in_trash = *req.in_trash, changed = true;
  if (req.is_locked && *req.is_locked != p.is_locked) p.is_locked = *req.is_locked, changed = true;
  if (changed) {
    p.last_edited_time = NowMillis();
    p.last_edited_by = caller.integration.bot_user_id;
    LN_RETURN_IF_ERROR(ctx.WritePage(caller, &before.record, p, loaded.schema.get(), WriteMode::kEdit,
                                     before.touched ? &*before.touched : nullptr));
  }
  // erase_content empties the page (its blocks, child pages and databases go to the
  // trash); a template's content then replaces it, or without erase_content follows it.
  if (req.erase_content && *req.erase_content) LN_RETURN_IF_ERROR(EraseContent(ctx, caller, p.id));
  if (!template_id.empty()) LN_RETURN_IF_ERROR(CopyTemplateContent(ctx, caller, template_id, p.id));
  loaded.trashed = p.in_trash || parent_trashed;
  if (!changed) return PageAnswerText(ctx, caller, std::move(loaded), filter_properties);
  // The answer leaves the written page as it is, so that the store may keep it for the
  // next read or write of the page instead of reading it again (KeepWrittenPage).
  LN_ASSIGN_OR_RETURN(std::string answer, PageAnswerText(ctx, caller, std::as_const(loaded), filter_properties));
  ctx.store().KeepWrittenPage(std::move(loaded.page));
  return answer;
}

Result<json::value> CreatePage(Context& ctx, const Caller& caller, const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string text, CreatePageText(ctx, caller, body));
  return AnswerValue(text);
}

Result<std::string> CreatePageText(Context& ctx, const Caller& caller, const json::value& body) {
  LN_ASSIGN_OR_RETURN(validation::PageBody req, validation::CheckCreateBody(body, caller.version));
  const json::value& parent = *req.parent;
  storage::PageRecord record;
  DataSourcePtr source;

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
  if (data_source_id) {
    LN_ASSIGN_OR_RETURN(source, ctx.LoadDataSource(*data_source_id));
  } else if (database_id) {
    LN_ASSIGN_OR_RETURN(source, ctx.SourceForDatabaseParent(*database_id));
  } else if (page_id) {
    LN_ASSIGN_OR_RETURN(auto parent_page, ctx.store().GetPage(*page_id));
    LN_ASSIGN_OR_RETURN(bool visible, parent_page ? ctx.Visible("page", *page_id) : Result<bool>(false));
    if (!parent_page || !visible) return NotFound("page", *page_id);
    record.parent_type = "page_id";
    record.parent_id = *page_id;
  } else if (workspace && workspace->is_bool() && workspace->get_bool()) {
    record.parent_type = "workspace";
  } else {
    return api::FixOne({api::ShouldBe("body.parent.page_id", "defined", nullptr),
                        api::ShouldBe("body.parent.database_id", "defined", nullptr),
                        api::ShouldBe("body.parent.data_source_id", "defined", nullptr),
                        api::ShouldBe("body.parent.workspace", "defined", nullptr)});
  }
  if (source) {
    record.parent_type = "data_source_id";
    record.parent_id = source->id;
  }
  record.id = NewUuid();
  LN_RETURN_IF_ERROR(uploads::AttachIconOrCover(ctx, caller, req.icon, "body.icon"));
  LN_RETURN_IF_ERROR(uploads::AttachIconOrCover(ctx, caller, req.cover, "body.cover"));
  record.icon = req.icon.value_or(nullptr);
  record.cover = req.cover.value_or(nullptr);
  record.created_time = record.last_edited_time = NowMillis();
  record.created_by = record.last_edited_by = caller.integration.bot_user_id;
  LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx.LoadRecord(record));
  if (loaded.trashed || (loaded.source && loaded.source->in_trash)) return api::ArchivedError();

  if (req.properties) LN_RETURN_IF_ERROR(WriteProperties(ctx, caller, loaded, *req.properties));
  if (req.markdown != nullptr) {
    // Without a title property, the first "# " heading names the page.
    const schema::PropertyDef* title_def = nullptr;
    for (const auto& def : *loaded.schema) {
      if (def.type == "title") title_def = &def;
    }
    bool has_title = false;
    for (const auto& kv : req.properties ? *req.properties : json::object()) {
      has_title =
          has_title || (title_def && (kv.key() == title_def->name || kv.key() == title_def->id)) || kv.key() == "title";
    }
    LN_ASSIGN_OR_RETURN(MarkdownContent content,
                        ContentFromMarkdown(req.markdown->get_string(), !has_title && title_def != nullptr));
    req.children = std::move(content.children);
    if (content.title) {
      json::object title{{title_def->name, json::object{{"title", std::move(*content.title)}}}};
      LN_RETURN_IF_ERROR(WriteProperties(ctx, caller, loaded, title));
    }
  }
  std::string template_id;
  if (req.template_choice && req.template_choice->type != "none") {
    LN_ASSIGN_OR_RETURN(template_id, ApplyTemplateProperties(ctx, loaded, *req.template_choice, req.properties));
  }
  if (loaded.source) {
    // unique_id numbers count per data source, from 1, in creation order.
    bool numbered = false;
    for (const auto& def : *loaded.schema) {
      const schema::PropertyType* type = schema::TypeOf(def);
      if (type && type->numbered()) {
        loaded.page.properties[def.id] = loaded.source->next_unique_id;
        numbered = true;
      }
    }
    if (numbered) {
      storage::DataSourceRecord next = *loaded.source;
      ++next.next_unique_id;
      LN_RETURN_IF_ERROR(ctx.WriteDataSource(caller, loaded.source.get(), next));
    }
  }
  LN_RETURN_IF_ERROR(ctx.WritePage(caller, nullptr, loaded.page, loaded.schema.get()));
  if (record.parent_type == "page_id") {
    // `position` places the page in its parent's content; under a data source or the
    // workspace it has no content to go in and is ignored (docs/compat.md).
    std::optional<int64_t> after_position;
    if (req.position == "page_start") after_position = 0;
    if (req.position == "after_block") {
      LN_ASSIGN_OR_RETURN(auto sibling, ctx.store().GetBlock(req.position_after));
      if (!sibling || sibling->parent_id != record.parent_id || sibling->in_trash) {
        return ValidationError(fmt::format("Block {} is not a child of {}.", req.position_after, record.parent_id));
      }
      after_position = sibling->position;
    }
    LN_RETURN_IF_ERROR(blocks::AddChildObjectBlock(ctx, caller, "child_page", record.id, record.parent_id,
                                                   record.created_time, after_position));
  }
  LN_RETURN_IF_ERROR(blocks::InsertBlocks(ctx, caller, "page_id", record.id, std::nullopt, req.children, nullptr));
  if (!template_id.empty()) LN_RETURN_IF_ERROR(CopyTemplateContent(ctx, caller, template_id, record.id));
  LN_RETURN_IF_ERROR(ctx.ShareCreated(loaded.page.id, loaded.page.parent_type));
  // As UpdatePageText: the answer leaves the page as written, for the store to keep.
  LN_ASSIGN_OR_RETURN(std::string page, PageAnswerText(ctx, caller, std::as_const(loaded), {}));
  ctx.store().KeepWrittenPage(std::move(loaded.page));
  if (!req.allow_async) return page;
  // allow_async: the work is done; the answer is the task that did it, which holds the page
  // (read back as a value: a rare path).
  LN_ASSIGN_OR_RETURN(json::value answer, AnswerValue(page));
  LN_ASSIGN_OR_RETURN(json::value task, tasks::RecordSucceeded(ctx, caller, "create_page", std::move(answer)));
  return SerializeJson(task);
}

}  // namespace localnotion::service::pages
