// The rows the Store keeps. Records carry JSON values for the parts Notion defines as
// JSON (rich text, icons, property values, schemas); how they are laid out on disk is
// the business of each Store implementation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "schema/property_def.h"

namespace localnotion::storage {

struct UserRecord {
  std::string id;
  std::string type;  // "person" or "bot"
  std::string name;
  std::optional<std::string> avatar_url;
  std::optional<std::string> email;  // persons
  std::string integration_id;        // bots: the integration they act for
};

struct IntegrationRecord {
  std::string id;
  std::string name;
  std::string secret_hash;  // SHA-256 of the bearer token, hex
  std::string bot_user_id;
  std::string capabilities;  // comma-separated; see service/capabilities
  Millis created_time = 0;
};

// A database: the container. Its rows live in one or more data sources.
struct DatabaseRecord {
  std::string id;
  std::string parent_type;  // "page_id", "workspace" or "block_id"
  std::string parent_id;
  json::array title;
  json::array description;
  json::value icon;
  json::value cover;
  bool in_trash = false;
  bool is_inline = false;
  Millis created_time = 0;
  std::string created_by;
  Millis last_edited_time = 0;
  std::string last_edited_by;
};

// A data source of a database: the schema its pages follow.
struct DataSourceRecord {
  std::string id;
  std::string database_id;
  json::array title;
  json::array description;
  json::value icon;
  bool in_trash = false;
  Millis created_time = 0;
  std::string created_by;
  Millis last_edited_time = 0;
  std::string last_edited_by;
  json::array schema;  // schema::SchemaToStored form
  int64_t next_unique_id = 1;
};

struct PageRecord {
  std::string id;
  std::string parent_type;  // "data_source_id", "page_id", "workspace" or "block_id"
  std::string parent_id;    // empty for the workspace
  json::object properties;  // property id -> stored value
  json::value icon;
  json::value cover;
  bool in_trash = false;
  bool is_locked = false;
  Millis created_time = 0;
  std::string created_by;
  Millis last_edited_time = 0;
  std::string last_edited_by;
  // The store's own number for the page's row (SQLite's rowid), 0 when not known: a hint
  // that lets a write find the row without the index of its id, checked against the id
  // (storage/sqlite). A store fills it in when it reads the row and when it writes it, the
  // latter through the const record it is handed (hence mutable): only a record its
  // writer owns is ever written (Context::WritePage is the one caller of PutPage).
  mutable int64_t store_row = 0;
};

// What search needs of a page to choose its results (PageRecords::ListPageHeads): where
// it is, whether it is in the trash and when it was last edited, without its values.
struct PageHead {
  std::string id;
  std::string parent_type;
  std::string parent_id;
  bool in_trash = false;
  Millis last_edited_time = 0;
};

// Search's order of pages (POST /v1/search without a query,
// https://developers.notion.com/reference/post-search): by last_edited_time, newest first
// unless ascending, pages edited at the same time in creation order. A list in that order
// starts with the page `page_id` (its place, whatever its trash flag), or when `page_id`
// is empty, with the first page edited strictly after `edited` in that order (past every
// page edited at `edited`: where the list goes on after a data source of that edit time).
struct EditOrderStart {
  std::string page_id;
  Millis edited = 0;
};

// A copy of `page` with its JSON values made in `storage` (PageRecord's own copy keeps
// the resource of the values it copies), or without its properties when `properties` is
// false (store.cc).
PageRecord CopyPage(const PageRecord& page, const json::storage_ptr& storage, bool properties = true);

// What a writer knows of a page write, for a backend that keeps data derived from the
// values (the text rows of page_text, sqlite/page_text.h) and would otherwise derive all
// of it again on every write. A write that knows nothing passes no PageUpdate at all.
//   - `before` is the page as stored when the write began (read in the same
//     transaction), and `changed_properties` the ids of the properties whose value
//     differs between `before` and the page written (added, changed or removed), sorted.
//     A backend may leave what it derived from every other property as it is, so both
//     must be exact. Both null for a write that cannot tell (a new page, an import):
//     everything is derived again.
//   - `schema` is the page's schema when the writer has it. With it, only the values of
//     properties whose type has text conditions (schema::FilterFamily::kText: title,
//     rich text, url, email, phone number) get a text row; without it, every string or
//     rich text value does, the stored option id of a select or a status too.
// The second of an edit time: the column `edit_second` of pages and its index (SQLite
// migration 13, PostgreSQL migration 10), which search without a query reads in order.
// Truncated, as both databases' integer division truncates (the migrations fill it so).
inline int64_t EditSecond(Millis edited) { return edited / 1000; }

struct PageUpdate {
  const PageRecord* before = nullptr;
  const std::vector<std::string>* changed_properties = nullptr;
  const schema::Schema* schema = nullptr;
};

}  // namespace localnotion::storage
