// The interface every property type implements, one file per type under properties/,
// found through the registry (registry.h). A type knows how to
//   - read its configuration from a create-database request (ParseConfig),
//   - validate a page value written to it and turn it into the stored form (Write),
//   - render a stored value the way Notion returns it (Render).
// Stored values are the type's own compact form: select keeps the option id, people
// keep user ids, relation keeps page ids, title keeps the complete rich text array.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "api/version.h"
#include "common/clock.h"
#include "common/error.h"
#include "common/json.h"
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
};

// What a schema configuration may need: the version (relations name a database_id in
// 2022-06-28 and a data_source_id in 2025-09-03) and a way to resolve data sources.
struct ConfigContext {
  api::ApiVersion version = api::ApiVersion::k2025_09_03;
  // Returns {database_id, data_source_id} for a database or data source id, or an error.
  std::function<Result<std::pair<std::string, std::string>>(std::string_view id, bool is_data_source)>
      resolve_database;
};

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
  // options get `grown`, a copy of `def` to add unknown names to; others get nullptr.
  virtual Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef& def,
                                    PropertyDef* grown) const;

  // Fills out[type] (and any sibling keys such as relation's has_more) from the stored
  // value, which is nullptr when the page has none.
  virtual void Render(const json::value* stored, const PropertyDef& def, const RenderContext& ctx,
                      json::object& out) const;

  // The configuration as the schema response shows it.
  virtual json::object RenderConfig(const PropertyDef& def, api::ApiVersion version) const { return def.config; }
};

}  // namespace localnotion::schema
