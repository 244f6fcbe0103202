// Rollup functions (https://developers.notion.com/reference/property-object#rollup and
// https://developers.notion.com/reference/page-property-values#rollup): count_* and
// percent_* count related pages (rows) or their values; sum .. range work on numbers;
// earliest/latest/date_range on dates; show_original / show_unique list the values
// themselves.
#include <algorithm>
#include <cmath>
#include <set>

#include "schema/formula/date_time.h"
#include "schema/properties/computed.h"

namespace localnotion::schema {
namespace {

const json::value* Inner(const json::value& v) {
  if (!v.is_object()) return nullptr;
  const json::value* type = Find(v.get_object(), "type");
  if (type == nullptr || !type->is_string()) return nullptr;
  return Find(v.get_object(), type->get_string());
}

// A value split into the items Notion counts: one per element for list types, one for
// a scalar, none when empty.
std::vector<json::value> Items(const json::value& v) {
  const json::value* inner = Inner(v);
  if (inner == nullptr || inner->is_null()) return {};
  std::string_view type = v.get_object().at("type").get_string();
  if (type == "formula" || type == "rollup") {
    const json::value* nested = Inner(*inner);
    if (nested == nullptr || nested->is_null()) return {};
    if (nested->is_array()) return std::vector<json::value>(nested->get_array().begin(), nested->get_array().end());
    if (nested->is_string() && nested->get_string().empty()) return {};
    return {*nested};
  }
  if (type == "title" || type == "rich_text") {
    std::string text;
    for (const auto& rt : inner->get_array()) text += rt.at("plain_text").get_string();
    if (text.empty()) return {};
    return {json::value(text)};
  }
  if (type == "checkbox") return {*inner};
  if (inner->is_array()) return std::vector<json::value>(inner->get_array().begin(), inner->get_array().end());
  if (inner->is_string() && inner->get_string().empty()) return {};
  return {*inner};
}

std::optional<double> NumberOf(const json::value& v) {
  const json::value* inner = Inner(v);
  if (inner == nullptr) return std::nullopt;
  std::string_view type = v.get_object().at("type").get_string();
  if (type == "formula" || type == "rollup") inner = Inner(*inner);
  if (type == "unique_id" && inner && inner->is_object()) inner = Find(inner->get_object(), "number");
  if (inner == nullptr) return std::nullopt;
  if (inner->is_int64()) return static_cast<double>(inner->get_int64());
  if (inner->is_uint64()) return static_cast<double>(inner->get_uint64());
  if (inner->is_double()) return inner->get_double();
  return std::nullopt;
}

// The start (and end) of a date value, as ISO strings; dates compare as strings when
// normalized, which localnotion's stored dates are.
std::vector<std::string> DatesOf(const json::value& v) {
  const json::value* inner = Inner(v);
  if (inner == nullptr) return {};
  std::string_view type = v.get_object().at("type").get_string();
  if (type == "created_time" || type == "last_edited_time") return {std::string(inner->get_string())};
  if (type == "formula" || type == "rollup") inner = Inner(*inner);
  if (inner == nullptr || !inner->is_object()) return {};
  std::vector<std::string> out;
  for (const char* k : {"start", "end"}) {
    const json::value* d = Find(inner->get_object(), k);
    if (d && d->is_string()) out.emplace_back(d->get_string());
  }
  return out;
}

// A JSON number, an integer when d is whole (as Notion prints rollup numbers).
json::value NumberJson(double d) {
  if (d == std::floor(d) && std::fabs(d) < 9e15) return json::value(static_cast<int64_t>(d));
  return json::value(d);
}

// The value without its property id, `type` first as Notion writes it.
json::value StripId(const json::value& v) {
  if (!v.is_object()) return v;
  json::object out;
  if (const json::value* type = Find(v.get_object(), "type")) out["type"] = *type;
  for (const auto& kv : v.get_object()) {
    if (kv.key() == "id" || kv.key() == "has_more" || kv.key() == "type") continue;
    out[kv.key()] = kv.value();
  }
  return out;
}

}  // namespace

json::object ComputeRollup(const json::object& config, const std::vector<json::value>& values) {
  const json::value* fn_value = Find(config, "function");
  std::string fn = fn_value && fn_value->is_string() ? std::string(fn_value->get_string()) : "count";
  auto number = [&](json::value n) { return json::object{{"type", "number"}, {"number", std::move(n)}, {"function", fn}}; };
  const double rows = static_cast<double>(values.size());
  size_t empty = 0, checked = 0, unchecked = 0;
  std::vector<json::value> items;
  for (const auto& v : values) {
    std::vector<json::value> its = Items(v);
    if (its.empty()) ++empty;
    const json::value* inner = Inner(v);
    if (inner && inner->is_bool()) (inner->get_bool() ? checked : unchecked) += 1;
    for (auto& i : its) items.push_back(std::move(i));
  }
  auto fraction = [&](size_t n) { return rows == 0 ? NumberJson(0) : NumberJson(static_cast<double>(n) / rows); };
  if (fn == "count") return number(NumberJson(rows));
  if (fn == "count_values") return number(NumberJson(static_cast<double>(items.size())));
  if (fn == "empty") return number(NumberJson(static_cast<double>(empty)));
  if (fn == "not_empty") return number(NumberJson(rows - static_cast<double>(empty)));
  if (fn == "percent_empty") return number(fraction(empty));
  if (fn == "percent_not_empty") return number(fraction(values.size() - empty));
  if (fn == "checked") return number(NumberJson(static_cast<double>(checked)));
  if (fn == "unchecked") return number(NumberJson(static_cast<double>(unchecked)));
  if (fn == "percent_checked") return number(fraction(checked));
  if (fn == "percent_unchecked") return number(fraction(unchecked));
  if (fn == "unique") {
    std::set<std::string> seen;
    for (const auto& i : items) seen.insert(SerializeJson(i));
    return number(NumberJson(static_cast<double>(seen.size())));
  }
  if (fn == "sum" || fn == "average" || fn == "median" || fn == "min" || fn == "max" || fn == "range") {
    std::vector<double> nums;
    for (const auto& v : values) {
      if (auto n = NumberOf(v)) nums.push_back(*n);
    }
    if (fn == "sum") {
      double s = 0;
      for (double n : nums) s += n;
      return number(NumberJson(s));
    }
    if (nums.empty()) return number(nullptr);
    std::sort(nums.begin(), nums.end());
    if (fn == "min") return number(NumberJson(nums.front()));
    if (fn == "max") return number(NumberJson(nums.back()));
    if (fn == "range") return number(NumberJson(nums.back() - nums.front()));
    if (fn == "average") {
      double s = 0;
      for (double n : nums) s += n;
      return number(NumberJson(s / static_cast<double>(nums.size())));
    }
    size_t mid = nums.size() / 2;
    return number(NumberJson(nums.size() % 2 ? nums[mid] : (nums[mid - 1] + nums[mid]) / 2));
  }
  if (fn == "earliest_date" || fn == "latest_date" || fn == "date_range") {
    // Compared as instants: stored date-times keep the offset they were written with.
    std::vector<std::pair<Millis, std::string>> dates;
    for (const auto& v : values) {
      for (auto& d : DatesOf(v)) {
        auto parsed = formula::ParseIsoDate(d);
        if (parsed) dates.emplace_back(parsed->start, std::move(d));
      }
    }
    json::value date = nullptr;
    if (!dates.empty()) {
      auto by_instant = [](const auto& a, const auto& b) { return a.first < b.first; };
      auto [lo_it, hi_it] = std::minmax_element(dates.begin(), dates.end(), by_instant);
      const std::string& lo_s = lo_it->second;
      const std::string& hi_s = hi_it->second;
      const std::string* lo = &lo_s;
      const std::string* hi = &hi_s;
      if (fn == "earliest_date") date = json::object{{"start", *lo}, {"end", nullptr}, {"time_zone", nullptr}};
      if (fn == "latest_date") date = json::object{{"start", *hi}, {"end", nullptr}, {"time_zone", nullptr}};
      if (fn == "date_range") date = json::object{{"start", *lo}, {"end", *hi}, {"time_zone", nullptr}};
    }
    return json::object{{"type", "date"}, {"date", std::move(date)}, {"function", fn}};
  }
  if (fn == "show_original" || fn == "show_unique") {
    json::array arr;
    std::set<std::string> seen;
    for (const auto& v : values) {
      json::value shown = StripId(v);
      if (fn == "show_unique" && !seen.insert(SerializeJson(shown)).second) continue;
      arr.push_back(std::move(shown));
    }
    return json::object{{"type", "array"}, {"array", std::move(arr)}, {"function", fn}};
  }
  // count_per_group and percent_per_group need the groups of a status property, which
  // the public API does not expose; Notion answers them as unsupported.
  return json::object{{"type", "unsupported"}, {"unsupported", json::object{}}, {"function", fn}};
}

}  // namespace localnotion::schema
