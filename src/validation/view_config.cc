#include "validation/view_config.h"

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "api/messages.h"

namespace localnotion::validation {
namespace {

using Check = std::function<Status(std::string_view path, const json::value& v)>;

struct Key {
  std::string_view name;
  Check check;
  bool required = false;
  bool nullable = true;
};

std::string Quoted(std::initializer_list<std::string_view> values) {
  std::string out;
  size_t i = 0;
  for (std::string_view v : values) {
    if (i > 0) out += values.size() == 2 ? " or " : (i + 1 == values.size() ? ", or " : ", ");
    out += "`\"" + std::string(v) + "\"`";
    ++i;
  }
  return out;
}

Check Enum(std::initializer_list<std::string_view> values) {
  std::vector<std::string> list(values.begin(), values.end());
  std::string expectation = Quoted(values);
  return [list, expectation](std::string_view path, const json::value& v) -> Status {
    if (v.is_string()) {
      for (const std::string& s : list) {
        if (v.get_string() == s) return OkStatus();
      }
    }
    return api::FailedValidation(path, expectation, &v);
  };
}

Status Bool(std::string_view path, const json::value& v) {
  return v.is_bool() ? OkStatus() : api::FailedValidation(path, "a boolean", &v);
}

Status String(std::string_view path, const json::value& v) {
  return v.is_string() ? OkStatus() : api::FailedValidation(path, "a string", &v);
}

Status Number(std::string_view path, const json::value& v) {
  return v.is_number() ? OkStatus() : api::FailedValidation(path, "a number", &v);
}

// A whole number ≥ `min`.
Check Integer(int64_t min) {
  return [min](std::string_view path, const json::value& v) -> Status {
    if (!v.is_number()) return api::FailedValidation(path, "a number", &v);
    double d = v.to_number<double>();
    if (d != std::floor(d)) return api::FailedValidation(path, "an integer", &v);
    if (d < static_cast<double>(min)) return api::FailedValidation(path, "≥ `" + std::to_string(min) + "`", &v);
    return OkStatus();
  };
}

// Checks an object against `keys`: unknown keys are refused, required ones must be
// there, null only where the key is nullable.
Status CheckObject(std::string_view path, const json::value& v, const std::vector<Key>& keys) {
  if (!v.is_object()) return api::FailedValidation(path, "an object", &v);
  const json::object& o = v.get_object();
  for (const auto& kv : o) {
    const Key* key = nullptr;
    for (const Key& k : keys) {
      if (k.name == kv.key()) key = &k;
    }
    const std::string at = api::Field(path, kv.key());
    if (key == nullptr) return api::NotPresent(at, kv.value());
    if (kv.value().is_null()) {
      if (key->nullable && !key->required) continue;
      return api::FailedValidation(at, "defined", &kv.value());
    }
    LN_RETURN_IF_ERROR(key->check(at, kv.value()));
  }
  for (const Key& k : keys) {
    if (k.required && Find(o, k.name) == nullptr) return api::NotDefined(api::Field(path, k.name));
  }
  return OkStatus();
}

Check Object(std::vector<Key> keys) {
  return [keys](std::string_view path, const json::value& v) { return CheckObject(path, v, keys); };
}

Check ArrayOf(Check item) {
  return [item](std::string_view path, const json::value& v) -> Status {
    if (!v.is_array()) return api::FailedValidation(path, "an array", &v);
    for (size_t i = 0; i < v.get_array().size(); ++i) LN_RETURN_IF_ERROR(item(api::Index(path, i), v.get_array()[i]));
    return OkStatus();
  };
}

const Check& GroupSort() {
  static const Check check = Object({{"type", Enum({"manual", "ascending", "descending"}), true, false}});
  return check;
}

// A group-by (GroupByConfigRequest): its extra keys follow its `type`.
Status GroupBy(std::string_view path, const json::value& v) {
  if (!v.is_object()) return api::FailedValidation(path, "an object", &v);
  const json::value* type = Find(v.get_object(), "type");
  if (type == nullptr) return api::NotDefined(api::Field(path, "type"));
  const std::string t = type->is_string() ? std::string(type->get_string()) : "";
  std::vector<Key> keys = {{"type", String, true, false},
                           {"property_id", String, true, false},
                           {"sort", GroupSort(), true, false},
                           {"hide_empty_groups", Bool, false, false}};
  if (t == "select" || t == "multi_select" || t == "person" || t == "created_by" || t == "last_edited_by" ||
      t == "relation" || t == "checkbox") {
  } else if (t == "status") {
    keys.push_back({"group_by", Enum({"group", "option"}), true, false});
  } else if (t == "date" || t == "created_time" || t == "last_edited_time") {
    keys.push_back({"group_by", Enum({"relative", "day", "week", "month", "year"}), true, false});
    keys.push_back({"start_day_of_week", Integer(0), false, false});
  } else if (t == "text" || t == "title" || t == "url" || t == "email" || t == "phone_number") {
    keys.push_back({"group_by", Enum({"exact", "alphabet_prefix"}), true, false});
  } else if (t == "number") {
    keys.push_back({"range_start", Number, false, false});
    keys.push_back({"range_end", Number, false, false});
    keys.push_back({"range_size", Integer(1), false, false});
  } else if (t == "formula") {
    keys.push_back({"group_by",
                    Object({{"type", Enum({"date", "text", "number", "checkbox"}), true, false},
                            {"group_by", String, false, false},
                            {"sort", GroupSort(), true, false},
                            {"start_day_of_week", Integer(0), false, false},
                            {"range_start", Number, false, false},
                            {"range_end", Number, false, false},
                            {"range_size", Integer(1), false, false}}),
                    true, false});
  } else {
    return api::FailedValidation(api::Field(path, "type"),
                                 Quoted({"select", "multi_select", "status", "person", "created_by", "last_edited_by",
                                         "relation", "date", "created_time", "last_edited_time", "text", "title", "url",
                                         "email", "phone_number", "number", "checkbox", "formula"}),
                                 type);
  }
  return CheckObject(path, v, keys);
}

// The entries of `properties` (ViewPropertyConfigRequest). Widths are ≥ 1: Notion
// refuses 0 (changelog 2026-03-30, https://developers.notion.com/page/changelog).
const Check& Properties() {
  static const Check check = ArrayOf(Object({
      {"property_id", String, true, false},
      {"visible", Bool, false, false},
      {"width", Integer(1), false, false},
      {"wrap", Bool, false, false},
      {"status_show_as", Enum({"select", "checkbox"}), false, false},
      {"card_property_width_mode", Enum({"full_line", "inline"}), false, false},
      {"date_format", Enum({"full", "short", "month_day_year", "day_month_year", "year_month_day", "relative"}), false,
       false},
      {"time_format", Enum({"12_hour", "24_hour", "hidden"}), false, false},
  }));
  return check;
}

Check Cover() {
  return Object(
      {{"type", Enum({"page_cover", "page_content", "property"}), true, false}, {"property_id", String, false, false}});
}

Check Aggregation() {
  return Object({{"aggregator",
                  Enum({"count",
                        "count_values",
                        "sum",
                        "average",
                        "median",
                        "min",
                        "max",
                        "range",
                        "unique",
                        "empty",
                        "not_empty",
                        "percent_empty",
                        "percent_not_empty",
                        "checked",
                        "unchecked",
                        "percent_checked",
                        "percent_unchecked",
                        "earliest_date",
                        "latest_date",
                        "date_range"}),
                  true, false},
                 {"property_id", String, false, false}});
}

Check Height() { return Enum({"small", "medium", "large", "extra_large"}); }

// The keys each view type's configuration takes, besides `type`.
std::vector<Key> KeysOf(std::string_view t) {
  const std::vector<Key> cards = {{"properties", Properties()},
                                  {"cover", Cover()},
                                  {"cover_size", Enum({"small", "medium", "large"})},
                                  {"cover_aspect", Enum({"contain", "cover"})},
                                  {"card_layout", Enum({"list", "compact"})}};
  if (t == "table") {
    return {{"properties", Properties()},
            {"group_by", GroupBy},
            {"subtasks", Object({{"property_id", String, false, false},
                                 {"display_mode", Enum({"show", "hidden", "flattened", "disabled"}), false, false},
                                 {"filter_scope", Enum({"parents", "parents_and_subitems", "subitems"}), false, false},
                                 {"toggle_column_id", String, false, false}})},
            {"wrap_cells", Bool, false, false},
            {"frozen_column_index", Integer(0), false, false},
            {"show_vertical_lines", Bool, false, false}};
  }
  if (t == "board") {
    std::vector<Key> keys = {{"group_by", GroupBy, true, false}, {"sub_group_by", GroupBy}};
    keys.insert(keys.end(), cards.begin(), cards.end());
    return keys;
  }
  if (t == "gallery") return cards;
  if (t == "calendar") {
    return {{"date_property_id", String, true, false},
            {"properties", Properties()},
            {"view_range", Enum({"week", "month"})},
            {"show_weekends", Bool}};
  }
  if (t == "timeline") {
    return {{"date_property_id", String, true, false},
            {"end_date_property_id", String},
            {"properties", Properties()},
            {"show_table", Bool},
            {"table_properties", Properties()},
            {"preference",
             Object({{"zoom_level", Enum({"hours", "day", "week", "bi_week", "month", "quarter", "year", "5_years"}),
                      true, false},
                     {"center_timestamp", Number, false, false}})},
            {"arrows_by", Object({{"property_id", String}})},
            {"color_by", Bool}};
  }
  if (t == "list") return {{"properties", Properties()}};
  if (t == "map") return {{"height", Height()}, {"map_by", String}, {"properties", Properties()}};
  if (t == "form") {
    return {{"is_form_closed", Bool},
            {"anonymous_submissions", Bool},
            {"submission_permissions", Enum({"none", "comment_only", "reader", "read_and_write", "editor"})}};
  }
  if (t == "chart") {
    return {{"chart_type", Enum({"column", "bar", "line", "donut", "number"}), true, false},
            {"x_axis", GroupBy},
            {"y_axis", Aggregation()},
            {"x_axis_property_id", String},
            {"y_axis_property_id", String},
            {"value", Aggregation()},
            {"sort", Enum({"manual", "x_ascending", "x_descending", "y_ascending", "y_descending"})},
            {"color_theme",
             Enum({"gray", "blue", "yellow", "green", "purple", "teal", "orange", "pink", "red", "auto", "colorful"})},
            {"height", Height()},
            {"hide_empty_groups", Bool},
            {"legend_position", Enum({"off", "bottom", "side"})},
            {"show_data_labels", Bool},
            {"axis_labels", Enum({"none", "x_axis", "y_axis", "both"})},
            {"grid_lines", Enum({"none", "horizontal", "vertical", "both"})},
            {"cumulative", Bool},
            {"smooth_line", Bool},
            {"hide_line_fill_area", Bool},
            {"group_style", Enum({"normal", "percent", "side_by_side"})},
            {"y_axis_min", Number},
            {"y_axis_max", Number},
            {"donut_labels", Enum({"none", "value", "name", "name_and_value"})},
            {"hide_title", Bool},
            {"stack_by", GroupBy},
            {"reference_lines", ArrayOf(Object({{"value", Number, true, false},
                                                {"label", String, true, false},
                                                {"color",
                                                 Enum({"gray", "lightgray", "brown", "yellow", "orange", "green",
                                                       "blue", "purple", "pink", "red"}),
                                                 true, false},
                                                {"dash_style", Enum({"solid", "dash"}), true, false},
                                                {"id", String, false, false}}))},
            {"caption", String},
            {"color_by_value", Bool}};
  }
  return {};
}

}  // namespace

std::string_view ViewTypeExpectation() {
  static const std::string text =
      Quoted({"table", "board", "list", "calendar", "timeline", "gallery", "form", "chart", "map", "dashboard"});
  return text;
}

Status CheckViewConfiguration(const json::value& config, std::string_view view_type) {
  const std::string_view path = "body.configuration";
  if (!config.is_object()) return api::FailedValidation(path, "an object", &config);
  const json::value* type = Find(config.get_object(), "type");
  if (type == nullptr) return api::NotDefined("body.configuration.type");
  // The request union has every type but dashboard, whose layout is read-only.
  static const std::string kConfigTypes =
      Quoted({"table", "board", "calendar", "timeline", "gallery", "list", "map", "form", "chart"});
  const std::string t = type->is_string() ? std::string(type->get_string()) : "";
  if (t.empty() || t == "dashboard" || KeysOf(t).empty()) {
    return api::FailedValidation("body.configuration.type", kConfigTypes, type);
  }
  if (t != view_type) {
    return api::FailedValidation("body.configuration.type", "`\"" + std::string(view_type) + "\"`", type);
  }
  std::vector<Key> keys = KeysOf(t);
  keys.insert(keys.begin(), Key{"type", String, true, false});
  return CheckObject(path, config, keys);
}

json::value MergeViewConfiguration(const json::value& current, const json::object& patch) {
  json::object merged = current.is_object() ? current.get_object() : json::object{};
  const bool had = current.is_object();
  for (const auto& kv : patch) {
    if (kv.value().is_null()) {
      merged.erase(kv.key());
    } else {
      merged[kv.key()] = kv.value();
    }
  }
  if (!had && merged.size() <= 1) return nullptr;
  return merged;
}

}  // namespace localnotion::validation
