// The interface every property type implements, one file per type under properties/,
// found through the registry (registry.h). A type knows how to
//   - read its configuration from a create-database request (ParseConfig),
//   - validate a page value written to it and turn it into the stored form (Write),
//   - render a stored value the way Notion returns it (Render),
// and declares what the layers above need to know about it, so that none of them
// switches on type names: the filter conditions it takes, what it sorts by, what
// storage may compare, which ids it references, and what rendering adds. Where a layer
// needs data this layer cannot see (users, pages, visibility), the type returns a
// description (References, RenderExtras) and that layer acts on it.
// Stored values are the type's own compact form: select keeps the option id, people
// keep user ids, relation keeps page ids, title keeps the complete rich text array.
#pragma once

#include <functional>
#include <vector>
#include <string>
#include <string_view>

#include "api/version.h"
#include "common/clock.h"
#include "common/error.h"
#include "common/json.h"
#include "common/json_writer.h"
#include "schema/property_def.h"

namespace localnotion::schema {

// What rendering may need beyond the stored value: the page's own metadata (for
// created_time and friends) and a way to turn a user id into a user object.
struct RenderContext {
  api::ApiVersion version = api::ApiVersion::k2025_09_03;
  Millis created_time = 0;
  Millis last_edited_time = 0;
  std::string created_by;
  std::string last_edited_by;
  std::function<json::value(const std::string& user_id)> user;
  // The same user as JSON text (PropertyType::WriteRendered).
  std::function<void(const std::string& user_id, JsonWriter& w)> write_user;
};

// A user as a rendered value shows it, as JSON text: `write_user`'s, or {object, id}
// in a context without it.
void WriteRenderedUser(const RenderContext& ctx, const std::string& user_id, JsonWriter& w);

// What a schema configuration may need: the version (relations name a database_id in
// 2022-06-28 and a data_source_id in 2025-09-03) and a way to resolve data sources.
struct ConfigContext {
  api::ApiVersion version = api::ApiVersion::k2025_09_03;
  // Returns {database_id, data_source_id} for a database or data source id, or an error.
  std::function<Result<std::pair<std::string, std::string>>(std::string_view id, bool is_data_source)>
      resolve_database;
};

// The condition family of the filter key named after a type (Notion's
// https://developers.notion.com/reference/post-database-query-filter): the conditions
// it allows and how they are evaluated (query/conditions.h). kNone: no filter key of
// that name takes a condition object (formula and rollup have their own grammar;
// button and place take none).
enum class FilterFamily {
  kNone,
  kText,
  kNumber,
  kCheckbox,
  kSelect,
  kMultiSelect,
  kDate,
  kPeople,
  kRelation,
  kFiles,
  kVerification,  // `{"status": "verified" | "expired" | "none"}`
};

// A value that is the page's own metadata rather than a stored property value. Filters
// and sorts read these from the page (to the millisecond), not from the rendered value.
enum class PageField { kNone, kCreatedTime, kLastEditedTime, kCreatedBy, kLastEditedBy };

// What a sort orders a rendered value by (query/QUERY.md "Sort order").
enum class SortBy {
  kNone,           // not sortable: every value is empty
  kText,           // the plain text, ignoring case
  kNumber,         // the number
  kCheckbox,       // unchecked before checked; never empty
  kDate,           // the start, to the millisecond
  kOption,         // the option's position in the schema
  kOptions,        // the options' positions, as a sequence
  kFirstUserName,  // the first user's name (id when it has none)
  kUserName,       // the one user's name
  kFirstFileName,  // the first file's name
  kFirstId,        // the first referenced id
  kFormulaResult,  // the formula's result
  kRollupResult,   // the rollup's number or date, or an array's first item
};

// What storage may compare of the stored value (query/plan.cc builds query/scan.h terms
// from it). kNone: conditions on the type stay with the service's evaluation.
enum class ScanAs { kNone, kNumber, kCheckbox, kOptionId };

// The ids a stored value points at, which the service checks before a write: users of
// the workspace, or pages of the related data source.
struct References {
  enum class Kind { kNone, kUsers, kPages };
  Kind kind = Kind::kNone;
  std::vector<std::string> ids;
  std::string data_source_id;  // kPages: the data source the pages must belong to ("" when unknown)
  std::string database_id;     // kPages: the related database, named in the error message
};

// How many references a page object shows per property
// (https://developers.notion.com/reference/retrieve-a-page#limits): list items of people
// and relations (then `has_more: true`), or mentions in rich text (RenderExtras).
inline constexpr size_t kMaxReferencesShown = 25;

// What rendering a value needs from the service beyond Render. A page object shows at
// most 25 references per property (https://developers.notion.com/reference/page-property-values):
// list items, or mentions in rich text.
struct RenderExtras {
  // files: the value holds file objects; uploads they name are attached on write and
  // hosted files get their URLs on read.
  bool file_objects = false;
  bool mentions = false;              // rich text: mentions show their target's name; 25 mentions shown
  bool visible_pages_only = false;    // relation: pages the integration cannot see are left out
  bool capped_list = false;           // people, relation: 25 items shown
  bool has_more_when_capped = false;  // relation: `has_more: true` when items were left out
  // GET /v1/pages/{id}/properties/{id} answers with a paginated list of items
  // (https://developers.notion.com/reference/retrieve-a-page-property).
  bool paginated_item = false;
};

// Where a value comes from when it is not stored: computed from the related pages'
// values (rollup) or from the page's own other values (formula, computed last).
enum class ComputedFrom { kStored, kRelatedPages, kPageValues };

class PropertyType {
 public:
  virtual ~PropertyType() = default;

  virtual std::string_view name() const = 0;

  // True for types whose Write may add options to the definition (select, multi_select).
  virtual bool creates_options() const { return false; }

  // False for computed types (formula, rollup, created_*, last_edited_*, unique_id, ...).
  virtual bool writable() const { return true; }

  // Validates the configuration object sent under the type key when a database is
  // created or its schema updated. Returns the stored configuration.
  virtual Result<json::object> ParseConfig(std::string_view path, const json::value& config,
                                           const ConfigContext& ctx) const;

  // Validates `value` (the JSON under the type key, e.g. the array of `title`) written
  // at `path`. Returns the stored value; json null means "empty". Types that create
  // options may get `grown`, a copy of `def` to add unknown names to; without it
  // (nullptr, and always for other types) a name that no option has is an error. A
  // Write has no other effect (validation::CheckProperties relies on it).
  virtual Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef& def,
                                    PropertyDef* grown) const;

  // Fills out[type] (and any sibling keys such as relation's has_more) from the stored
  // value, which is nullptr when the page has none.
  virtual void Render(const json::value* stored, const PropertyDef& def, const RenderContext& ctx,
                      json::object& out) const;
  // Render, for a caller that no longer needs the stored value (a page read only to be
  // shown, as GET /v1/pages/{id} reads it): a type may move from `stored` rather than
  // copy it. `out` must be what Render would fill.
  virtual void RenderTaking(json::value* stored, const PropertyDef& def, const RenderContext& ctx,
                            json::object& out) const {
    Render(stored, def, ctx, out);
  }

  // `stored` itself when Render shows exactly it under the type's key, and nothing else,
  // whatever the version: an answer written as text may then write the stored value
  // without rendering a copy (service/core/render.cc). nullptr when Render makes
  // something else of it. Types opt in; properties_test checks every type's answer
  // against its Render.
  virtual const json::value* ShownAsStored(const json::value& stored) const { return nullptr; }

  // True for types whose Render fills only out[name()], from the stored value and the
  // definition alone (not the context): WriteShown then writes that value as JSON text,
  // byte for byte what serializing Render's would give, without building it. Types opt
  // in; properties_test checks every one against its Render.
  virtual bool writes_shown() const { return false; }
  virtual void WriteShown(const json::value* stored, const PropertyDef& def, JsonWriter& w) const { w.Null(); }

  // The same for types whose Render needs the context (people: RenderContext::user):
  // WriteRendered writes what a page object shows of out[name()] as JSON text, capped
  // at kMaxReferencesShown items when the type's list is (RenderExtras::capped_list), with
  // RenderContext::write_user for users. service/core/render_text_test checks it against
  // the tree.
  virtual bool writes_rendered() const { return false; }
  virtual void WriteRendered(const json::value* stored, const PropertyDef& def, const RenderContext& ctx,
                             JsonWriter& w) const {
    w.Null();
  }

  // Types whose value records who wrote it and when (verification: `verified_by`, and the
  // time of verification when the request names none). Every value a request writes is
  // stamped with the acting user and the current time after Write; a fixture stamps with
  // the user it names.
  virtual void Stamp(json::value& stored, std::string_view user_id, Millis now) const {}

  // A rendered value (what GET and a fixture export show) in the form Write accepts, and
  // the user it names as its author ("" when none). Fixtures export rendered values and
  // load them through the API's validation, so a type whose response shape differs from
  // its request shape says here how to go back.
  virtual json::value FromRendered(const json::value& rendered, std::string* author) const { return rendered; }

  // The configuration as the schema response shows it.
  virtual json::object RenderConfig(const PropertyDef& def, api::ApiVersion version) const { return def.config; }

  // Whether pages keep a value of this type in their record: the writable types, and
  // unique_id, whose number is handed out when the page is created. Page history and
  // fixture export show these.
  virtual bool stored() const { return writable(); }

  // True when a page gets the next number of its data source when created (unique_id).
  virtual bool numbered() const { return false; }

  // True when rendering a stored value reads the configuration (options, a prefix), so
  // that a recorded value must keep it.
  virtual bool renders_from_config() const { return false; }

  // True when the stored value is a rich text array (title, rich_text), which page
  // history records in api::WriteCompactRichText's short form.
  virtual bool holds_rich_text() const { return false; }

  virtual ComputedFrom computed_from() const { return ComputedFrom::kStored; }

  // Filters: the family of the filter key named after this type, and the one other
  // key a property of this type also accepts ("" when none; created_time takes `date`,
  // created_by takes `people`). Text types accept each other's keys.
  virtual FilterFamily filter_family() const { return FilterFamily::kNone; }
  virtual std::string_view also_filtered_as() const { return {}; }
  virtual PageField page_field() const { return PageField::kNone; }

  // Sorts and push-down.
  virtual SortBy sort_by() const { return SortBy::kNone; }
  virtual ScanAs scan_as() const { return ScanAs::kNone; }

  // The ids `stored` (the stored form Write returned) points at.
  virtual References ReferencesIn(const json::value& stored, const PropertyDef& def) const { return {}; }

  virtual RenderExtras render_extras() const { return {}; }
};

}  // namespace localnotion::schema
