// The wire shapes of pages, databases, data sources and users, per Notion-Version.
// The service layer fills the *View structs (property values already rendered by the
// schema layer) and these functions build the JSON objects Notion returns.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/version.h"
#include "common/clock.h"
#include "common/json.h"
#include "common/json_writer.h"

namespace localnotion::api {

// Where an object lives. `type` is "workspace", "page_id", "block_id" or "database_id".
// For pages in a database, `id` is the database id and `data_source_id` its data source.
struct ParentRef {
  std::string type;
  std::string id;
  std::string data_source_id;
};

// The ids are views of the page record it is made from (service/core/render.cc), which
// outlives it: a view is written or built at once, never kept.
struct PageView {
  std::string_view id;
  ParentRef parent;
  Millis created_time = 0;
  std::string_view created_by;
  Millis last_edited_time = 0;
  std::string_view last_edited_by;
  json::value icon;
  json::value cover;
  bool in_trash = false;
  bool is_locked = false;
  std::string title;          // plain text, for the URL slug
  json::object properties;    // rendered values keyed by property name
  // When not empty, the properties object as JSON text, which WritePage writes in place of
  // `properties` (service/core/render.cc writes it from the stored values). RenderPage
  // reads it back into a tree.
  std::string properties_text;
};

struct DatabaseView {
  std::string id;
  json::array data_sources;   // [{id, name}] in creation order
  ParentRef parent;
  Millis created_time = 0;
  std::string created_by;
  Millis last_edited_time = 0;
  std::string last_edited_by;
  json::array title;
  json::array description;
  json::value icon;
  json::value cover;
  bool in_trash = false;
  bool is_inline = false;
  json::object properties;    // 2022-06-28: the rendered schema of its one data source
};

struct DataSourceView {
  std::string id;
  std::string database_id;
  ParentRef database_parent;
  Millis created_time = 0;
  std::string created_by;
  Millis last_edited_time = 0;
  std::string last_edited_by;
  json::array title;
  json::array description;
  json::value icon;
  bool in_trash = false;
  bool is_inline = false;
  json::object properties;    // rendered schema keyed by property name
};

struct UserView {
  std::string id;
  std::string type;           // "person" or "bot"
  std::string name;
  std::optional<std::string> avatar_url;
  std::optional<std::string> email;  // persons only; omitted without email capability
  json::object bot;           // bots only: {} or {owner, workspace_name, ...}
};

// Consumes `page`: its JSON parts are moved into the result.
json::object RenderPage(PageView&& page, ApiVersion version);
// The same page object as JSON text, appended to `out`: what SerializeJson(RenderPage(...))
// writes, without building the tree (common/json_writer.h). Leaves `page` as it was.
void WritePage(PageView& page, ApiVersion version, std::string& out);
// 2022-06-28: the database with its schema. 2025-09-03: the container with data_sources.
json::object RenderDatabase(const DatabaseView& db, ApiVersion version);
json::object RenderDataSource(const DataSourceView& source);
json::object RenderUser(const UserView& user);
// The same user object as JSON text, written to `w`: what SerializeJson(RenderUser(user))
// writes (a people value shows users; service/core/render_text.cc).
void WriteUser(const UserView& user, JsonWriter& w);
json::object PartialUser(std::string_view id);
// PartialUser as JSON text.
void WritePartialUser(std::string_view id, JsonWriter& w);

// {object, id}: what a write answers when the integration may not read content
// (https://developers.notion.com/reference/capabilities). `object` is "page", "database"
// or "data_source".
json::object PartialObject(std::string_view object, const std::string& id);

// "https://www.notion.so/<Title-slug>-<id without dashes>", as Notion builds page URLs.
std::string NotionUrl(std::string_view title, std::string_view id);

}  // namespace localnotion::api
