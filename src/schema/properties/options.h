// Options shared by select, multi_select and status. An option is
// {id, name, color, description}; a page value refers to one by id or by name.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "schema/property_def.h"
#include "schema/property_type.h"

namespace localnotion::schema {

// The option colors Notion accepts, in the order auto-created options cycle through.
bool IsOptionColor(std::string_view color);
std::string_view ColorForNewOption(size_t index);

// An option name: a string of at most 100 characters without commas.
Status CheckName(std::string_view path, const json::value& name);

// Parses a request's {"options":[...]} into stored options (ids and colors filled in).
Result<json::array> ParseOptions(std::string_view path, const json::value& config);

// Resolves a page value's option reference ({id} or {name}, optional color) at `path`.
// An unknown name is added to grown->config.options when `grown` is given (select and
// multi_select; `grown` starts as a copy of `def`); otherwise it is an error (status).
// Returns the option id.
Result<std::string> ResolveOption(std::string_view path, const json::value& ref, const PropertyDef& def,
                                  PropertyDef* grown);

// A status property's configuration after a schema update's {"options":[...]}
// (PATCH /v1/data_sources/{id}, since 2026-03-19): options named by id or name are
// renamed, recolored or described; other names are new options in the To-do group.
// Groups cannot be set. Options not named stay.
Result<json::object> UpdateStatusConfig(std::string_view path, const json::object& existing,
                                        const json::value& request);

// {id, name, color} of option `id`, or null when the option no longer exists.
json::value RenderOption(std::string_view id, const PropertyDef& def);
// RenderOption's value written as JSON text (PropertyType::WriteShown), after `prefix`;
// false, with nothing written, when the option no longer exists. A derived definition's
// options are written already (DerivedProperty::shown_options).
bool WriteOption(std::string_view id, const PropertyDef& def, JsonWriter& w, std::string_view prefix = {});
// What DerivedProperty::shown_options holds for `def`: each option with a string id, and
// that option as WriteOption writes it.
std::vector<std::pair<std::string, std::string>> ShownOptions(const PropertyDef& def);

// `def.config` as JSON text with only the options that stored values `a` and `b` name
// (select and status store an option id, multi_select an array of them), in the
// config's order, and every other member as it is: all that rendering those two values
// reads (page history records it, service/core/writer.cc). A null value names none.
void WriteConfigNaming(const PropertyDef& def, const json::value* a, const json::value* b, JsonWriter& w);

// The common part of select and multi_select: a configuration of options, and unknown
// names written to a page become new options.
class CreatableOptionsType : public PropertyType {
 public:
  bool creates_options() const override { return true; }
  Result<json::object> ParseConfig(std::string_view path, const json::value& config,
                                   const ConfigContext&) const override {
    LN_ASSIGN_OR_RETURN(json::array options, ParseOptions(path, config));
    return json::object{{"options", std::move(options)}};
  }
};

}  // namespace localnotion::schema
