// Turning stored records into the objects Notion returns.
#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

#include "api/objects.h"
#include "api/rich_text.h"
#include "common/deadline.h"
#include "common/json_arena.h"
#include "schema/properties/computed.h"
#include "schema/registry.h"
#include "service/core/context.h"
#include "service/core/kept_by_view.h"
#include "validation/page_write.h"

namespace localnotion::service {
namespace {

// 2022-06-28 shows a database with the schema of its one data source.
constexpr std::string_view kSeveralSources =
    "Databases with multiple data sources are not supported in this API version.";

api::ParentRef ParentOf(const storage::DatabaseRecord& db) { return api::ParentRef{db.parent_type, db.parent_id, ""}; }

}  // namespace

void LimitReferences(json::object& value) {
  const json::value* type = Find(value, "type");
  if (type == nullptr || !type->is_string()) return;
  // A copy: value[t] may rehash the object and free the string `type` points into.
  const std::string t(type->get_string());
  const schema::PropertyType* property_type = schema::FindType(t);
  if (property_type == nullptr) return;
  const schema::RenderExtras extras = property_type->render_extras();
  if (extras.capped_list) {
    json::array& arr = value[t].as_array();
    if (arr.size() > schema::kMaxReferencesShown) {
      arr.resize(schema::kMaxReferencesShown);
      if (extras.has_more_when_capped) value["has_more"] = true;
    }
  } else if (extras.mentions) {
    json::array& arr = value[t].as_array();
    size_t mentions = 0;
    for (size_t i = 0; i < arr.size(); ++i) {
      if (arr[i].as_object().at("type") == "mention" && ++mentions > schema::kMaxReferencesShown) {
        arr.resize(i);
        break;
      }
    }
  }
}

api::UserView ToUserView(const storage::UserRecord& u) {
  api::UserView v;
  v.id = u.id;
  v.type = u.type;
  v.name = u.name;
  v.avatar_url = u.avatar_url;
  v.email = u.email;
  return v;
}

Result<json::value> Context::RenderUserById(const std::string& id) {
  // Without user information an integration sees users as {object, id} only; without
  // email addresses, persons as `person: {}` (capabilities reference).
  if (access_.caps.user_info == UserInfo::kNone) return json::value(api::PartialUser(id));
  LN_ASSIGN_OR_RETURN(auto user, store_.GetUser(id));
  if (!user) return json::value(api::PartialUser(id));
  api::UserView view = ToUserView(*user);
  if (access_.caps.user_info != UserInfo::kWithEmail) view.email.reset();
  view.bot = json::object{};
  return json::value(api::RenderUser(view));
}

Status Context::WriteUserById(const std::string& id, JsonWriter& w) {
  // RenderUserById, written as text; nothing is written when it fails.
  if (access_.caps.user_info == UserInfo::kNone) {
    api::WritePartialUser(id, w);
    return OkStatus();
  }
  const bool email = access_.caps.user_info == UserInfo::kWithEmail;
  // The users this thread wrote, as text, kept while the store shows the same records
  // (kept_by_view.h; every write of a user moves the view): a people value or a mention
  // looked its user up and wrote it for about 2.3k instructions (docs/benchmarks.md).
  // Each kind of user information has its own texts.
  using Texts = std::array<std::unordered_map<std::string, std::string>, 2>;
  static constexpr size_t kMaxKept = 4096;
  thread_local KeptByView<Texts> kept;
  const auto view = store_.CachedRecordsView();
  std::unordered_map<std::string, std::string>* texts = nullptr;
  if (Texts* all = kept.Under(view)) {
    texts = &(*all)[email];
    if (texts->size() >= kMaxKept) texts->clear();
    if (auto it = texts->find(id); it != texts->end()) {
      w.Raw(it->second);
      return OkStatus();
    }
  }
  LN_ASSIGN_OR_RETURN(auto user, store_.GetUser(id));
  std::string text;
  JsonWriter own(text);
  if (!user) {
    api::WritePartialUser(id, own);
  } else {
    api::UserView shown = ToUserView(*user);
    if (!email) shown.email.reset();
    shown.bot = json::object{};
    api::WriteUser(shown, own);
  }
  own.Finish();
  w.Raw(text);
  if (texts != nullptr && KeptByView<Texts>::StillUnder(store_, view)) texts->emplace(id, std::move(text));
  return OkStatus();
}

// Mentions show the current name of what they point at, as Notion fills plain_text on
// read: "@Name" for a user, the title for a page, database or data source. They are
// named as the caller sees them (https://developers.notion.com/reference/rich-text):
// a page or database the integration cannot see keeps its id, its plain_text is
// "Untitled" and its annotations are the defaults; a user reads "@Anonymous" for an
// integration without user information.
Status Context::NameMentions(json::array& rich_text) {
  for (auto& item : rich_text) {
    if (!item.is_object()) continue;
    json::object& o = item.as_object();
    const json::value* rt_type = Find(o, "type");
    if (rt_type == nullptr || *rt_type != "mention") continue;
    json::value* mention_value = o.if_contains("mention");
    if (mention_value == nullptr || !mention_value->is_object()) continue;
    json::object& mention = mention_value->as_object();
    const json::value* kind = Find(mention, "type");
    if (kind == nullptr || !kind->is_string()) continue;
    const json::value* target = Find(mention, kind->get_string());
    const json::value* id_value = target && target->is_object() ? Find(target->get_object(), "id") : nullptr;
    if (id_value == nullptr || !id_value->is_string()) continue;
    const std::string k(kind->get_string());
    const std::string id(id_value->get_string());
    if (k == "user") {
      std::string name = "@Anonymous";
      if (access_.caps.user_info != UserInfo::kNone) {
        LN_ASSIGN_OR_RETURN(auto user, store_.GetUser(id));
        if (user) name = "@" + user->name;
      }
      o["plain_text"] = name;
      continue;
    }
    if (k != "page" && k != "database") continue;
    LN_ASSIGN_OR_RETURN(bool visible, Visible(k, id));
    if (!visible) {
      o["plain_text"] = "Untitled";
      o["annotations"] = api::DefaultAnnotations();
      continue;
    }
    std::string name;
    if (k == "page") {
      LN_ASSIGN_OR_RETURN(auto page, store_.GetPage(id));
      if (page) {
        const json::value* title = Find(page->properties, "title");
        name = title && title->is_array() ? api::PlainText(title->get_array()) : "";
        if (name.empty()) name = "Untitled";
      }
    } else {
      LN_ASSIGN_OR_RETURN(auto db, store_.GetDatabase(id));
      if (db) name = api::PlainText(db->title);
    }
    if (!name.empty()) o["plain_text"] = name;
  }
  return OkStatus();
}

Result<json::object> Context::RenderValues(const Caller& caller, const LoadedPage& page, int depth) {
  return RenderValuesFrom(caller, page, depth, nullptr);
}

schema::RenderContext Context::RenderContextOf(const Caller& caller, const LoadedPage& page) {
  schema::RenderContext ctx;
  ctx.version = caller.version;
  ctx.created_time = page.Record().created_time;
  ctx.last_edited_time = page.Record().last_edited_time;
  ctx.created_by = page.Record().created_by;
  ctx.last_edited_by = page.Record().last_edited_by;
  ctx.user = [this](const std::string& id) {
    auto r = RenderUserById(id);
    return r.ok() ? std::move(r).value() : json::value(api::PartialUser(id));
  };
  ctx.write_user = [this](const std::string& id, JsonWriter& w) {
    if (!WriteUserById(id, w).ok()) api::WritePartialUser(id, w);
  };
  return ctx;
}

Status Context::RenderValue(const Caller& caller, const LoadedPage& page, const schema::PropertyDef& def,
                            const schema::PropertyType& type, const schema::RenderContext& ctx, int depth,
                            json::object* takeable, json::object& value) {
  const json::value* stored = Find(page.Properties(), def.id);
  if (stored && stored->is_null()) stored = nullptr;
  value.reserve(4);  // id, type, the value, has_more: sized once, not grown three times
  value["id"] = def.id;
  value["type"] = def.type;
  const schema::RenderExtras extras = type.render_extras();
  if (type.computed_from() == schema::ComputedFrom::kRelatedPages) {
    // A rollup reads the related pages: the relation's ids, then each target's value.
    std::vector<json::value> targets;
    const json::value* relation_id = Find(def.config, "relation_property_id");
    const json::value* target_prop = Find(def.config, "rollup_property_id");
    const json::value* ids = relation_id && relation_id->is_string() ? Find(page.Properties(), relation_id->get_string()) : nullptr;
    if (ids && ids->is_array() && target_prop && target_prop->is_string() && depth < 3) {
      for (const auto& id : ids->get_array()) {
        LN_ASSIGN_OR_RETURN(auto target, store_.GetPage(id.get_string()));
        if (!target) continue;
        // Rollups, like relations, leave out pages the integration cannot see.
        LN_ASSIGN_OR_RETURN(bool visible, Visible("page", target->id));
        if (!visible) continue;
        LN_ASSIGN_OR_RETURN(LoadedPage loaded, LoadRecord(std::move(*target)));
        LN_ASSIGN_OR_RETURN(json::object target_values, RenderValues(caller, loaded, depth + 1));
        if (const json::value* v = Find(target_values, target_prop->get_string())) targets.push_back(*v);
      }
    }
    value[def.type] = schema::ComputeRollup(def.config, targets);
    return OkStatus();
  }
  if (takeable != nullptr && stored != nullptr) {
    // `stored` points into *takeable, the page's own properties, which nothing reads
    // again but the relation ids of rollups (never a value a type takes).
    type.RenderTaking(takeable->if_contains(def.id), def, ctx, value);
  } else {
    type.Render(stored, def, ctx, value);
  }
  if (extras.file_objects) LN_RETURN_IF_ERROR(RenderFilesIn(caller, value.at(def.type)));
  if (extras.mentions) LN_RETURN_IF_ERROR(NameMentions(value.at(def.type).as_array()));
  if (extras.visible_pages_only && !access_.everything) {
    // Notion leaves relations to pages not shared with the integration out of the
    // value, as if they were not there (docs/compat.md).
    json::array kept;
    for (auto& ref : value.at(def.type).as_array()) {
      const json::value* ref_id = Find(ref.as_object(), "id");
      LN_ASSIGN_OR_RETURN(bool visible, ref_id && ref_id->is_string() ? Visible("page", std::string(ref_id->get_string()))
                                                                      : Result<bool>(false));
      if (visible) kept.push_back(std::move(ref));
    }
    value[def.type] = std::move(kept);
  }
  return OkStatus();
}

Result<json::object> Context::RenderValuesFrom(const Caller& caller, const LoadedPage& page, int depth,
                                               json::object* takeable) {
  const schema::RenderContext ctx = RenderContextOf(caller, page);
  // The answer's values are made in the request's arena (common/json_arena.h).
  const json::storage_ptr storage = JsonArena::Storage();
  json::object values(storage);
  values.reserve(page.schema->size());
  for (const auto& def : *page.schema) {
    const schema::PropertyType* type = schema::TypeOf(def);
    if (type == nullptr) continue;
    json::object value(storage);
    LN_RETURN_IF_ERROR(RenderValue(caller, page, def, *type, ctx, depth, takeable, value));
    values[def.id] = std::move(value);
  }
  // Formulas last: they read the other values of the page.
  for (const auto& def : *page.schema) {
    const schema::PropertyType* type = schema::TypeOf(def);
    if (type == nullptr || type->computed_from() != schema::ComputedFrom::kPageValues) continue;
    values[def.id].as_object()[def.type] = schema::ComputeFormula(def, *page.schema, values, NowMillis());
  }
  return values;
}

Result<json::value> Context::RenderPage(const Caller& caller, const LoadedPage& page,
                                        const std::vector<std::string>& filter_properties) {
  api::PageView view;
  LN_RETURN_IF_ERROR(PageViewFrom(caller, page, filter_properties, nullptr, view));
  return json::value(api::RenderPage(std::move(view), caller.version));
}

Result<json::value> Context::RenderPage(const Caller& caller, LoadedPage&& page,
                                        const std::vector<std::string>& filter_properties) {
  api::PageView view;
  LN_RETURN_IF_ERROR(PageViewFrom(caller, page, filter_properties, page.TakeableProperties(), view));
  return json::value(api::RenderPage(std::move(view), caller.version));
}

Result<json::value> AnswerValue(const std::string& text) {
  std::optional<json::value> v = ParseJson(text);
  if (!v) return InternalError("an answer that is not JSON");
  return std::move(*v);
}

Result<std::string> Context::RenderPageText(const Caller& caller, LoadedPage&& page,
                                            const std::vector<std::string>& filter_properties) {
  return RenderPageTextFrom(caller, page, filter_properties, page.TakeableProperties());
}

Result<std::string> Context::RenderPageText(const Caller& caller, const LoadedPage& page,
                                            const std::vector<std::string>& filter_properties) {
  return RenderPageTextFrom(caller, page, filter_properties, nullptr);
}

Result<std::string> Context::RenderPageTextFrom(const Caller& caller, const LoadedPage& page,
                                                const std::vector<std::string>& filter_properties,
                                                json::object* takeable) {
  const bool formulas = std::any_of(page.schema->begin(), page.schema->end(), [](const schema::PropertyDef& def) {
    const schema::PropertyType* type = schema::TypeOf(def);
    return type != nullptr && type->computed_from() == schema::ComputedFrom::kPageValues;
  });
  api::PageView view;
  if (formulas) {
    LN_RETURN_IF_ERROR(PageViewFrom(caller, page, filter_properties, takeable, view));
  } else {
    // Without formulas no value reads another: each is written as it is rendered.
    LN_RETURN_IF_ERROR(PageShell(caller, page, view));
    LN_RETURN_IF_ERROR(WriteValuesText(caller, page, filter_properties, view));
    // As PageViewFrom: a request past its deadline answers the timeout (common/deadline.h).
    LN_RETURN_IF_ERROR(CheckDeadline());
  }
  std::string out;
  // A page object is about 1 KB: one allocation holds it, without the copies of growing.
  out.reserve(2048);
  api::WritePage(view, caller.version, out);
  return out;
}

Status Context::PageViewFrom(const Caller& caller, const LoadedPage& page,
                             const std::vector<std::string>& filter_properties, json::object* takeable,
                             api::PageView& view) {
  LN_ASSIGN_OR_RETURN(json::object values, RenderValuesFrom(caller, page, 0, takeable));
  // Formulas stop at the request's deadline with empty values; the answer is then the
  // timeout, never a page with values cut short (common/deadline.h).
  LN_RETURN_IF_ERROR(CheckDeadline());
  LN_RETURN_IF_ERROR(PageShell(caller, page, view));
  // In the arena of the values it takes (common/json_arena.h), so that they move.
  ReplaceWithStorage(view.properties, json::object(values.storage()));
  view.properties.reserve(page.schema->size());
  for (const auto& def : *page.schema) {
    json::value* v = values.if_contains(def.id);
    if (v == nullptr) continue;
    if (def.type == "title") view.title = api::PlainText(v->as_object().at("title").as_array());
    if (!filter_properties.empty() &&
        std::find(filter_properties.begin(), filter_properties.end(), def.id) == filter_properties.end()) {
      continue;
    }
    LimitReferences(v->as_object());
    view.properties[def.name] = std::move(*v);
  }
  return OkStatus();
}

Status Context::PageShell(const Caller& caller, const LoadedPage& page, api::PageView& view) {
  view.id = page.Record().id;
  if (page.source) {
    view.parent.type = "database_id";
    view.parent.id = page.db->id;
    view.parent.data_source_id = page.source->id;
  } else {
    view.parent.type = page.Record().parent_type;
    view.parent.id = page.Record().parent_id;
    view.parent.data_source_id.clear();
  }
  view.created_time = page.Record().created_time;
  view.created_by = page.Record().created_by;
  view.last_edited_time = page.Record().last_edited_time;
  view.last_edited_by = page.Record().last_edited_by;
  LN_ASSIGN_OR_RETURN(view.icon, RenderFileObject(caller, page.Record().icon));
  LN_ASSIGN_OR_RETURN(view.cover, RenderFileObject(caller, page.Record().cover));
  view.in_trash = page.trashed;
  view.is_locked = page.Record().is_locked;
  return OkStatus();
}

Result<json::object> Context::RenderSchema(const DataSourcePtr& source, api::ApiVersion version) {
  LN_ASSIGN_OR_RETURN(SchemaPtr schema, SchemaOf(source));
  json::object out;
  for (const auto& def : *schema) {
    const schema::PropertyType* type = schema::TypeOf(def);
    if (type == nullptr) continue;
    out[def.name] = json::object{{"id", def.id},
                                 {"name", def.name},
                                 {"type", def.type},
                                 {"description", nullptr},
                                 {def.type, type->RenderConfig(def, version)}};
  }
  return out;
}

Result<json::value> Context::RenderDatabaseObject(const Caller& caller, const DatabasePtr& db) {
  LN_ASSIGN_OR_RETURN(auto sources, store_.ListDataSources(db->id));
  api::DatabaseView v;
  v.id = db->id;
  v.parent = ParentOf(*db);
  v.created_time = db->created_time;
  v.created_by = db->created_by;
  v.last_edited_time = db->last_edited_time;
  v.last_edited_by = db->last_edited_by;
  v.title = db->title;
  v.description = db->description;
  LN_ASSIGN_OR_RETURN(v.icon, RenderFileObject(caller, db->icon));
  LN_ASSIGN_OR_RETURN(v.cover, RenderFileObject(caller, db->cover));
  v.in_trash = db->in_trash;
  v.is_inline = db->is_inline;
  for (const auto& s : sources) {
    v.data_sources.push_back(json::object{{"id", s->id}, {"name", api::PlainText(s->title)}});
  }
  if (!api::HasDataSources(caller.version)) {
    if (sources.size() != 1) return ValidationError(std::string(kSeveralSources));
    LN_ASSIGN_OR_RETURN(v.properties, RenderSchema(sources.front(), caller.version));
  }
  return json::value(api::RenderDatabase(v, caller.version));
}

Result<json::value> Context::RenderDataSourceObject(const Caller& caller, const DataSourcePtr& source) {
  LN_ASSIGN_OR_RETURN(DatabasePtr db, store_.GetDatabase(source->database_id));
  if (!db) return InternalError("data source's database is missing");
  api::DataSourceView v;
  v.id = source->id;
  v.database_id = db->id;
  v.database_parent = ParentOf(*db);
  v.created_time = source->created_time;
  v.created_by = source->created_by;
  v.last_edited_time = source->last_edited_time;
  v.last_edited_by = source->last_edited_by;
  v.title = source->title;
  v.description = source->description;
  LN_ASSIGN_OR_RETURN(v.icon, RenderFileObject(caller, source->icon));
  v.in_trash = source->in_trash || db->in_trash;
  v.is_inline = db->is_inline;
  LN_ASSIGN_OR_RETURN(v.properties, RenderSchema(source, caller.version));
  return json::value(api::RenderDataSource(v));
}

}  // namespace localnotion::service
