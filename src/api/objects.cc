#include "api/objects.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "api/rich_text.h"
#include "common/json_arena.h"
#include "common/json_shape.h"

namespace localnotion::api {
namespace {

json::value NullableString(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object RenderParent(const ParentRef& p, ApiVersion version) {
  // Parts of answers: made in the request's arena (common/json_arena.h).
  if (p.type == "workspace") return json::object({{"type", "workspace"}, {"workspace", true}}, JsonArena::Storage());
  if (p.type == "database_id" && HasDataSources(version) && !p.data_source_id.empty()) {
    return json::object({{"type", "data_source_id"}, {"data_source_id", p.data_source_id}, {"database_id", p.id}},
                        JsonArena::Storage());
  }
  return json::object({{"type", p.type}, {p.type, p.id}}, JsonArena::Storage());
}

}  // namespace

std::string NotionUrl(const std::string& title, const std::string& id) {
  // "https://www.notion.so/" + the title's letters and digits (ASCII or not), every other
  // run of characters one '-', + '-' + the id without dashes; written in one string.
  static constexpr std::string_view kBase = "https://www.notion.so/";
  std::string url;
  url.reserve(kBase.size() + title.size() + 1 + id.size());
  url.append(kBase);
  const size_t slug = url.size();
  for (unsigned char c : title) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
      url.push_back(static_cast<char>(c));
    } else if (url.size() > slug && url.back() != '-') {
      url.push_back('-');
    }
  }
  while (url.size() > slug && url.back() == '-') url.pop_back();
  if (url.size() > slug) url.push_back('-');
  for (char c : id) {
    if (c != '-') url.push_back(c);
  }
  return url;
}

// Parts of answers: made in the request's arena (common/json_arena.h).
json::object PartialUser(const std::string& id) {
  return json::object({{"object", "user"}, {"id", id}}, JsonArena::Storage());
}

json::object PartialObject(std::string_view object, const std::string& id) {
  return json::object({{"object", object}, {"id", id}}, JsonArena::Storage());
}

json::object RenderPage(PageView&& page, ApiVersion version) {
  // In the request's arena, with the values it takes over (common/json_arena.h), in the
  // shape of the request's version (common/json_shape.h).
  static const std::vector<std::string_view> kKeys = {
      "object",     "id",   "created_time", "last_edited_time", "created_by",  "last_edited_by",
      "cover",      "icon", "parent",       "in_trash",         "is_archived", "is_locked",
      "properties", "url",  "public_url"};
  static const json::object kShape = MakeShape(kKeys);
  // Versions before 2026-03-11 also say `archived`, after `parent` (HasArchivedAlias).
  static const json::object kShapeWithArchived = [] {
    std::vector<std::string_view> keys = kKeys;
    keys.insert(std::find(keys.begin(), keys.end(), "parent") + 1, "archived");
    return MakeShape(keys);
  }();
  const bool archived_alias = HasArchivedAlias(version);
  ShapedObject o(archived_alias ? kShapeWithArchived : kShape, JsonArena::Storage());
  o.Set("object", "page")
      .Set("id", page.id)
      .Set("created_time", FormatIso8601Minute(page.created_time))
      .Set("last_edited_time", FormatIso8601Minute(page.last_edited_time))
      .Set("created_by", PartialUser(page.created_by))
      .Set("last_edited_by", PartialUser(page.last_edited_by))
      .Set("cover", std::move(page.cover))
      .Set("icon", std::move(page.icon))
      .Set("parent", RenderParent(page.parent, version));
  if (archived_alias) o.Set("archived", page.in_trash);
  o.Set("in_trash", page.in_trash)
      .Set("is_archived", false)
      .Set("is_locked", page.is_locked)
      .Set("properties", std::move(page.properties))
      .Set("url", NotionUrl(page.title, page.id))
      .Set("public_url", nullptr);
  return o.Done();
}

json::object RenderDatabase(const DatabaseView& db, ApiVersion version) {
  json::object o;
  o["object"] = "database";
  o["id"] = db.id;
  o["title"] = db.title;
  o["description"] = db.description;
  o["parent"] = RenderParent(db.parent, version);
  o["is_inline"] = db.is_inline;
  o["in_trash"] = db.in_trash;
  o["created_time"] = FormatIso8601Minute(db.created_time);
  o["last_edited_time"] = FormatIso8601Minute(db.last_edited_time);
  if (HasDataSources(version)) {
    o["is_locked"] = false;
    o["data_sources"] = db.data_sources;
  } else {
    o["created_by"] = PartialUser(db.created_by);
    o["last_edited_by"] = PartialUser(db.last_edited_by);
    o["archived"] = db.in_trash;
    o["properties"] = db.properties;
  }
  o["icon"] = db.icon;
  o["cover"] = db.cover;
  o["url"] = NotionUrl("", db.id);
  o["public_url"] = nullptr;
  return o;
}

json::object RenderDataSource(const DataSourceView& ds) {
  json::object o;
  o["object"] = "data_source";
  o["id"] = ds.id;
  o["title"] = ds.title;
  o["description"] = ds.description;
  o["parent"] = json::object{{"type", "database_id"}, {"database_id", ds.database_id}};
  o["database_parent"] = RenderParent(ds.database_parent, ApiVersion::k2025_09_03);
  o["is_inline"] = ds.is_inline;
  o["in_trash"] = ds.in_trash;
  o["created_time"] = FormatIso8601Minute(ds.created_time);
  o["last_edited_time"] = FormatIso8601Minute(ds.last_edited_time);
  o["created_by"] = PartialUser(ds.created_by);
  o["last_edited_by"] = PartialUser(ds.last_edited_by);
  o["properties"] = ds.properties;
  o["icon"] = ds.icon;
  o["cover"] = nullptr;
  o["url"] = NotionUrl("", ds.id);
  o["public_url"] = nullptr;
  return o;
}

json::object RenderUser(const UserView& user) {
  json::object o;
  o["object"] = "user";
  o["id"] = user.id;
  o["name"] = user.name;
  o["avatar_url"] = NullableString(user.avatar_url);
  o["type"] = user.type;
  if (user.type == "person") {
    json::object person;
    if (user.email) person["email"] = *user.email;
    o["person"] = std::move(person);
  } else {
    o["bot"] = user.bot;
  }
  return o;
}

}  // namespace localnotion::api
