// The one write path for Notion objects: the only caller of the store's Put methods for
// pages, databases, data sources, blocks, comments and views. Each write, in the request's
// transaction:
//   - stores the record;
//   - for a page or database whose trash state changed, gives its child_page /
//     child_database block the same state (Notion shows the object as a block too);
//   - appends a row to the change outbox (storage/change_record.h), from which webhooks
//     are delivered: the change is durable exactly when the write is. A page's row
//     carries its history entry (PageHistoryEntry below; shown by
//     pages/page_history.cc), so one row records both.
// Callers stamp created_* and last_edited_* themselves (a fixture import keeps the
// times it is given). Imports (WriteMode::kImport) record neither history nor changes:
// a seeded workspace is a starting state, not a series of edits. Values dropped with
// their property (kNoHistory) are changes but not page history (docs/compat.md).
#include <algorithm>

#include "api/blocks/registry.h"
#include "api/rich_text.h"
#include "common/json_object.h"
#include "common/json_writer.h"
#include "schema/properties/options.h"
#include "schema/registry.h"
#include "service/core/block_limit.h"
#include "service/core/context.h"

namespace localnotion::service {
namespace {

// The ids of the page properties whose stored value differs between the two records.
std::vector<std::string> ChangedProperties(const storage::PageRecord* before, const storage::PageRecord& after,
                                           const std::vector<std::string>* touched) {
  std::vector<std::string> ids;
  if (before && touched) {  // only these can differ (Context::WritePage)
    for (const std::string& id : *touched) {
      const json::value* was = Find(before->properties, id);
      const json::value* now = Find(after.properties, id);
      if ((was == nullptr) != (now == nullptr) || (was != nullptr && *was != *now)) ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }
  for (const auto& kv : after.properties) {
    const json::value* was = before ? Find(before->properties, kv.key()) : nullptr;
    if (was == nullptr || *was != kv.value()) ids.emplace_back(kv.key());
  }
  if (before) {
    for (const auto& kv : before->properties) {
      if (Find(after.properties, kv.key()) == nullptr) ids.emplace_back(kv.key());
    }
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

// What happened to an object, for the outbox.
template <class Record>
std::string KindOf(const Record* before, const Record& after) {
  if (before == nullptr) return "created";
  if (before->in_trash != after.in_trash) return after.in_trash ? "trashed" : "restored";
  return "updated";
}

// The properties a data source write created, changed or deleted, each as the JSON text
// {"id","name","action"} that data_source.schema_updated lists
// (https://developers.notion.com/reference/webhooks-events-delivery); name is null for a
// deleted property.
std::vector<std::string> SchemaChanges(const storage::DataSourceRecord* before,
                                       const storage::DataSourceRecord& after) {
  std::vector<std::string> out;
  if (before == nullptr) return out;
  auto find = [](const json::array& schema, const json::value& id) -> const json::object* {
    for (const json::value& p : schema) {
      if (p.is_object() && Find(p.get_object(), "id") && *Find(p.get_object(), "id") == id) return &p.get_object();
    }
    return nullptr;
  };
  auto entry = [](const json::object& p, const char* action, bool named) {
    const json::value* id = Find(p, "id");
    const json::value* name = Find(p, "name");
    return SerializeJson(json::object{{"id", id ? *id : json::value(nullptr)},
                                      {"name", named && name ? *name : json::value(nullptr)},
                                      {"action", action}});
  };
  for (const json::value& p : after.schema) {
    if (!p.is_object() || Find(p.get_object(), "id") == nullptr) continue;
    const json::object* was = find(before->schema, *Find(p.get_object(), "id"));
    if (was == nullptr) {
      out.push_back(entry(p.get_object(), "created", true));
    } else if (*was != p.get_object()) {
      out.push_back(entry(p.get_object(), "updated", true));
    }
  }
  for (const json::value& p : before->schema) {
    if (!p.is_object() || Find(p.get_object(), "id") == nullptr) continue;
    if (find(after.schema, *Find(p.get_object(), "id")) == nullptr)
      out.push_back(entry(p.get_object(), "deleted", false));
  }
  return out;
}

// Whether neither value holds anything: both missing or null.
bool BothEmpty(const json::value* a, const json::value* b) {
  return (a == nullptr || a->is_null()) && (b == nullptr || b->is_null());
}

// Fields of the page itself, in the order they are listed, as pointers into the record
// (no copy of an icon or a cover to compare it).
// A field is a JSON value of the record (`value`) or a flag (`flag`), never both.
struct Field {
  const char* name;
  const json::value* (*value)(const storage::PageRecord&);
  bool (*flag)(const storage::PageRecord&);
};
const Field kFields[] = {
    {"icon", [](const storage::PageRecord& p) { return &p.icon; }, nullptr},
    {"cover", [](const storage::PageRecord& p) { return &p.cover; }, nullptr},
    {"in_trash", nullptr, [](const storage::PageRecord& p) { return p.in_trash; }},
    {"is_locked", nullptr, [](const storage::PageRecord& p) { return p.is_locked; }},
};

// The part of a definition that rendering a value needs: options (select, multi_select,
// status) and the unique_id prefix; other types render from the value alone. A type
// that renders from its config records its definition, ,"definition":[{"id","name",
// "type","config"}], the config with only the options the entry's two values name
// (schema::WriteConfigNaming: a select of 30 options records one or two). Any other
// type records only ,"type":T, its id and name being the entry's property_id and
// property (pages/page_history.cc rebuilds the definition). Both keep each history row
// short: a row of a six-property PATCH is about 1.3 KB, three to a 4 KiB page of the
// changes table where a longer one fits two (docs/benchmarks.md, "History rows three
// to a page").
void WriteHistoryDefinition(const schema::PropertyDef& def, const schema::PropertyType& type, const json::value* before,
                            const json::value* after, JsonWriter& w) {
  if (!type.renders_from_config()) {
    w.StringMember(",\"type\":", def.type);
    return;
  }
  w.StringMember(",\"definition\":[{\"id\":", def.id);
  w.StringMember(",\"name\":", def.name);
  w.StringMember(",\"type\":", def.type);
  w.Raw(",\"config\":");
  schema::WriteConfigNaming(def, before, after, w);
  w.Raw("}]");
}

}  // namespace

Status Context::AppendChange(const Caller& caller, std::string object, std::string id, std::string kind,
                             std::vector<std::string> properties, std::optional<storage::PageHistoryRecord> history) {
  storage::ChangeRecord change;
  change.object = std::move(object);
  change.object_id = std::move(id);
  change.kind = std::move(kind);
  change.properties = std::move(properties);
  change.author_id = caller.integration.bot_user_id;
  change.time = NowMillis();
  change.request_id = caller.request_id;
  change.history = std::move(history);
  return store_.AppendChange(change);
}

Status Context::WritePage(const Caller& caller, const storage::PageRecord* before, const storage::PageRecord& after,
                          const schema::Schema* schema, WriteMode mode, const std::vector<std::string>* touched) {
  // A created page is a block of the workspace's block limit (block_limit.h).
  if (before == nullptr && mode != WriteMode::kImport)
    LN_RETURN_IF_ERROR(ChargeBlockCreation(store_, state_.options, caller));
  // Compared once: the outbox row, the history entry and the store's write all use these.
  std::vector<std::string> changed = ChangedProperties(before, after, touched);
  std::optional<storage::PageHistoryRecord> history;
  if (mode == WriteMode::kEdit) {
    LN_ASSIGN_OR_RETURN(history, PageHistoryEntry(caller, before, after, changed, schema));
  }
  // What changed goes down too, and the schema: storage then re-derives only the changed
  // values' data (a checkbox change leaves the text index alone), and none for values
  // that no text condition reads (a select's option id).
  const storage::PageUpdate update{before, before ? &changed : nullptr, schema};
  LN_RETURN_IF_ERROR(store_.PutPage(after, &update));
  // The child row's flag follows every change of the object's (and only those).
  if (before && before->in_trash != after.in_trash)
    LN_RETURN_IF_ERROR(MirrorChildObjectTrash(after.id, after.in_trash));
  if (mode == WriteMode::kImport) return OkStatus();
  std::string kind = before && before->parent_id != after.parent_id ? "moved" : KindOf(before, after);
  // A lock change has its own kind: webhooks send page.locked / page.unlocked for it.
  if (kind == "updated" && before->is_locked != after.is_locked) kind = after.is_locked ? "locked" : "unlocked";
  return AppendChange(caller, "page", after.id, std::move(kind), std::move(changed), std::move(history));
}

Status Context::WriteDatabase(const Caller& caller, const storage::DatabaseRecord* before,
                              const storage::DatabaseRecord& after, WriteMode mode) {
  if (before == nullptr && mode != WriteMode::kImport)
    LN_RETURN_IF_ERROR(ChargeBlockCreation(store_, state_.options, caller));
  LN_RETURN_IF_ERROR(store_.PutDatabase(after));
  // The child row's flag follows every change of the object's (and only those).
  if (before && before->in_trash != after.in_trash)
    LN_RETURN_IF_ERROR(MirrorChildObjectTrash(after.id, after.in_trash));
  if (mode == WriteMode::kImport) return OkStatus();
  std::string kind = before && before->parent_id != after.parent_id ? "moved" : KindOf(before, after);
  return AppendChange(caller, "database", after.id, std::move(kind), {});
}

Status Context::WriteDataSource(const Caller& caller, const storage::DataSourceRecord* before,
                                const storage::DataSourceRecord& after, WriteMode mode) {
  LN_RETURN_IF_ERROR(store_.PutDataSource(after));
  if (mode == WriteMode::kImport) return OkStatus();
  return AppendChange(caller, "data_source", after.id, KindOf(before, after), SchemaChanges(before, after));
}

Status Context::WriteBlock(const Caller& caller, const storage::BlockRecord* before, const storage::BlockRecord& after,
                           WriteMode mode) {
  // A child_page / child_database row is its page or database, counted with it.
  if (before == nullptr && mode != WriteMode::kImport && after.type != "child_page" && after.type != "child_database") {
    LN_RETURN_IF_ERROR(ChargeBlockCreation(store_, state_.options, caller));
  }
  LN_RETURN_IF_ERROR(store_.PutBlock(after));
  if (mode == WriteMode::kImport) return OkStatus();
  return AppendChange(caller, "block", after.id, KindOf(before, after), {});
}

Status Context::WriteComment(const Caller& caller, const storage::CommentRecord& comment, WriteMode mode) {
  LN_RETURN_IF_ERROR(store_.PutComment(comment));
  if (mode == WriteMode::kImport) return OkStatus();
  return AppendChange(caller, "comment", comment.id, "created", {comment.parent_type, comment.parent_id});
}

Status Context::UpdateComment(const Caller& caller, const storage::CommentRecord& comment) {
  LN_RETURN_IF_ERROR(store_.PutComment(comment));
  return AppendChange(caller, "comment", comment.id, "updated", {comment.parent_type, comment.parent_id});
}

Status Context::DeleteComment(const Caller& caller, const storage::CommentRecord& comment) {
  LN_RETURN_IF_ERROR(store_.DeleteComment(comment.id));
  return AppendChange(caller, "comment", comment.id, "deleted", {comment.parent_type, comment.parent_id});
}

Status Context::WriteView(const Caller& caller, const storage::ViewRecord* before, const storage::ViewRecord& after,
                          WriteMode mode) {
  LN_RETURN_IF_ERROR(store_.PutView(after));
  if (mode == WriteMode::kImport) return OkStatus();
  std::vector<std::string> properties{after.database_id};
  if (before == nullptr) {
    properties.push_back(after.type);
  } else {
    if (before->name != after.name) properties.emplace_back("name");
    if (before->filter != after.filter) properties.emplace_back("filter");
    if (before->sorts != after.sorts) properties.emplace_back("sorts");
    if (before->configuration != after.configuration) properties.emplace_back("configuration");
  }
  return AppendChange(caller, "view", after.id, before == nullptr ? "created" : "updated", std::move(properties));
}

Status Context::DeleteView(const Caller& caller, const storage::ViewRecord& view) {
  LN_RETURN_IF_ERROR(store_.DeleteView(view.id));
  return AppendChange(caller, "view", view.id, "deleted", {view.database_id});
}

Status Context::MirrorChildObjectTrash(const std::string& id, bool in_trash) {
  LN_ASSIGN_OR_RETURN(auto row, store_.GetBlock(id));
  if (!row || row->in_trash == in_trash) return OkStatus();
  const api::blocks::BlockType* type = api::blocks::FindBlockType(row->type);
  if (type == nullptr || !type->shows_object) return OkStatus();
  row->in_trash = in_trash;
  return store_.PutBlock(*row);
}

Result<std::optional<storage::PageHistoryRecord>> Context::PageHistoryEntry(const Caller& caller,
                                                                            const storage::PageRecord* before,
                                                                            const storage::PageRecord& after,
                                                                            const std::vector<std::string>& changed_ids,
                                                                            const schema::Schema* schema) {
  using Entry = std::optional<storage::PageHistoryRecord>;
  if (!state_.options.record_page_history) return Entry();
  SchemaPtr loaded_schema;
  if (schema == nullptr) {
    LN_ASSIGN_OR_RETURN(LoadedPage loaded_after, LoadRecord(after));
    loaded_schema = loaded_after.schema;
    schema = loaded_schema.get();
  }
  // Only the properties whose stored value changed are recorded. A value that went from
  // null to missing (or back) is a change for the outbox but not for the history.
  struct Changed {
    const schema::PropertyDef* def;
    const schema::PropertyType* type;
    const json::value* before;
    const json::value* after;
  };
  std::vector<Changed> changed;  // in the schema's order
  changed.reserve(changed_ids.size());
  for (const auto& def : *schema) {
    if (!std::binary_search(changed_ids.begin(), changed_ids.end(), def.id)) continue;
    const schema::PropertyType* type = schema::TypeOf(def);
    if (type == nullptr || !type->stored()) continue;
    const json::value* a = Find(after.properties, def.id);
    const json::value* b = before ? Find(before->properties, def.id) : nullptr;
    // The values differ (`changed_ids`); only null against missing is no change here.
    if (!BothEmpty(a, b)) changed.push_back(Changed{&def, type, b, a});
  }
  // Recorded as stored, with the definition of the moment (options included); rendered
  // when the history is read (RenderRecordedValue), which keeps writes cheap. Written as
  // JSON text at once (PageHistoryRecord::changes_json), member for member what a
  // json::array of {property, property_id, definition or type, before_stored,
  // after_stored} and {field, before, after} objects would serialize to, without copying
  // the values.
  std::string changes;
  JsonWriter w(changes);
  w.Raw("[");
  bool first = true;
  auto member = [&w](std::string_view key, const json::value* v, bool compact_text = false) {
    w.Raw(key);
    if (v == nullptr) {
      w.Null();
    } else if (compact_text) {
      api::WriteCompactRichText(*v, w);
    } else {
      w.Value(*v);
    }
  };
  for (const Changed& c : changed) {
    const schema::PropertyDef& def = *c.def;
    w.StringMember(first ? "{\"property\":" : ",{\"property\":", def.name);
    first = false;
    w.StringMember(",\"property_id\":", def.id);
    WriteHistoryDefinition(def, *c.type, c.before, c.after, w);
    // Title and rich text in their short form (api::WriteCompactRichText), expanded when
    // the history is read.
    member(",\"before_stored\":", c.before, c.type->holds_rich_text());
    member(",\"after_stored\":", c.after, c.type->holds_rich_text());
    w.Raw("}");
  }
  for (const Field& f : kFields) {
    const json::value none;
    json::value a_flag, b_flag;  // a flag's values, as JSON
    const json::value* a = &a_flag;
    const json::value* b = &b_flag;
    if (f.value != nullptr) {
      a = f.value(after);
      b = before ? f.value(*before) : &none;
    } else {
      a_flag = f.flag(after);
      if (before) b_flag = f.flag(*before);
    }
    const bool differs = before ? *a != *b : !(a->is_null() || (a->is_bool() && !a->get_bool()));
    if (!differs) continue;
    w.StringMember(first ? "{\"field\":" : ",{\"field\":", f.name);
    first = false;
    member(",\"before\":", b);
    member(",\"after\":", a);
    w.Raw("}");
  }
  w.Raw("]");
  w.Finish();
  if (before && first) return Entry();
  storage::PageHistoryRecord entry;
  entry.page_id = after.id;
  entry.time = after.last_edited_time;
  entry.request_id = caller.request_id;
  entry.integration_id = caller.integration.id;
  entry.integration_name = caller.integration.name;
  entry.action = before ? "updated" : "created";
  entry.changes_json = std::move(changes);
  return Entry(std::move(entry));
}

}  // namespace localnotion::service
