// Validation of the page bodies of POST /v1/pages and PATCH /v1/pages/{id}, in Notion's
// order: first the body's shape (no store needed: unknown keys, icon, cover, flags),
// then, once the page and its schema are loaded, the property keys and values.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/version.h"
#include "common/error.h"
#include "common/json.h"
#include "schema/property_def.h"
#include "validation/block_write.h"
#include "validation/template_body.h"

namespace localnotion::validation {

// The checked top level of a page body.
struct PageBody {
  const json::object* properties = nullptr;  // points into the request body
  std::optional<json::value> icon;           // null means "remove"
  std::optional<json::value> cover;
  std::optional<bool> in_trash;  // from in_trash, else archived
  std::optional<bool> is_locked;
  const json::value* parent = nullptr;            // create only
  std::vector<NewBlock> children;                 // create only: the page's content (block_write.h)
  const json::value* children_value = nullptr;    // create only: `children` as sent
  std::optional<TemplateChoice> template_choice;  // template_body.h; on update never "none"
  std::optional<bool> erase_content;              // update only
  const json::value* markdown = nullptr;          // create only: the content as markdown (a string)
  // create only: where the page goes in its parent page's content
  // ({"type":"page_start"|"page_end"} or {"type":"after_block","after_block":{"id"}}).
  std::string position;        // "", "page_start", "page_end" or "after_block"
  std::string position_after;  // after_block: the sibling's id (dashed)
  // create only, with `markdown` only: answer an async task (service/tasks/async_tasks.h).
  bool allow_async = false;
};

// PATCH /v1/pages/{id}: properties, icon, cover, in_trash, archived (before 2026-03-11,
// api::HasArchivedAlias), is_locked, template (default or template_id) and erase_content
// (https://developers.notion.com/reference/patch-page). Returns kValidationError "body.<k> should be not
// present" for any other key (`parent` included: a page's parent never changes through
// this endpoint).
Result<PageBody> CheckUpdateBody(const json::value& body, api::ApiVersion version = api::ApiVersion::k2025_09_03);
// The result points into `body`, so a temporary body would leave it dangling.
Result<PageBody> CheckUpdateBody(json::value&& body, api::ApiVersion version = api::ApiVersion::k2025_09_03) = delete;

// POST /v1/pages: parent (required), properties, icon, cover, children (the page's
// content, with the limits of block_write.h), template (a template other than "none"
// refuses `children`: "body.children should be not present"). In 2022-06-28
// `properties` is required.
Result<PageBody> CheckCreateBody(const json::value& body, api::ApiVersion version);
Result<PageBody> CheckCreateBody(json::value&& body, api::ApiVersion version) = delete;

// A validated property value, ready to store: property id and stored value.
struct PropertyWrite {
  std::string property_id;
  json::value value;
  // The property's definition in the schema CheckProperties was given: valid while that
  // schema lives and is not replaced (a caller that saves grown definitions looks the
  // property up again in the schema it reloads).
  const schema::PropertyDef* def = nullptr;
};

struct PropertyWrites {
  std::vector<PropertyWrite> writes;
  // Definitions that gained options (select / multi_select names that were created);
  // the caller saves them into the schema in the same unit.
  std::vector<schema::PropertyDef> changed_defs;
  std::vector<std::string> user_ids;  // people referenced, to check they exist
};

// Resolves each key of `properties` against `schema` (by name, then id), checks the
// value's type against the property's type and validates the value. Messages:
//   "<key> is not a property that exists."          unknown key
//   "<Name> is expected to be <schema type>."       value of another type
// Several such errors are joined by one space, in request order. A value that names no
// writable type at all fails with the "Fix one:" union message.
Result<PropertyWrites> CheckProperties(const json::object& properties, const schema::Schema& schema,
                                       api::ApiVersion version);

// The schema of a page that is not in a database: only `title`.
schema::Schema StandalonePageSchema();

}  // namespace localnotion::validation
