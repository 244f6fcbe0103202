// Backend-neutral JSON columns (storage/record_columns.h).
#include "storage/record_columns.h"

#include <charconv>
#include <cstdint>
#include <limits>
#include <utility>

#include "common/json.h"
#include "common/json_arena.h"
#include "common/json_object.h"
#include "common/json_writer.h"

namespace localnotion::storage {
namespace {

json::value Setting(const json::object& settings, const char* key) {
  const json::value* v = Find(settings, key);
  return v ? *v : json::value(nullptr);
}

}  // namespace

void NormalizeAsStored(json::value& v) {
  switch (v.kind()) {
    case json::kind::double_: {
      // The text written (json_serialize.cc), read as ParseStoredJson reads it: with a
      // '.' or an exponent it is the shortest text of the same double; plain digits are an
      // int64, else a uint64, else (beyond 64 bits) a double again, the one they name.
      std::string text;
      AppendJsNumber(v.get_double(), text);
      if (text == "null") {
        v = nullptr;
        return;
      }
      if (text.find_first_of(".e") != std::string::npos) return;
      const char* end = text.data() + text.size();
      int64_t i = 0;
      if (auto r = std::from_chars(text.data(), end, i); r.ec == std::errc() && r.ptr == end) {
        v = i;
        return;
      }
      uint64_t u = 0;
      if (auto r = std::from_chars(text.data(), end, u); r.ec == std::errc() && r.ptr == end) {
        v = u;
        return;
      }
      double d = 0;
      if (auto r = std::from_chars(text.data(), end, d); r.ec == std::errc() && r.ptr == end) v = d;
      return;
    }
    case json::kind::uint64:
      if (v.get_uint64() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        v = static_cast<int64_t>(v.get_uint64());
      }
      return;
    case json::kind::array:
      for (json::value& e : v.get_array()) NormalizeAsStored(e);
      return;
    case json::kind::object:
      NormalizeAsStored(v.get_object());
      return;
    default:
      return;
  }
}

void NormalizeAsStored(json::object& o) {
  for (auto& kv : o) NormalizeAsStored(kv.value());
}

Result<json::value> ParseStoredJson(std::string_view text, const json::storage_ptr& storage) {
  // Most pages have no icon and no cover: their columns hold "null", read without a parser.
  if (text == "null") return json::value(nullptr);
  auto v = ParseJsonIn(text, storage);
  if (!v) return InternalError("stored JSON is corrupt");
  return std::move(*v);
}

std::string HistoryColumn(const PageHistoryRecord& h) {
  // The object {"integration_id","integration_name","action","time","changes"}, written
  // member by member with one writer: the changes hold whole stored values, which a
  // json::object of the five would copy first.
  std::string out;
  out.reserve(h.changes_json.size() + h.integration_name.size() + 160);
  JsonWriter w(out);
  w.StringMember("{\"integration_id\":", h.integration_id);
  w.StringMember(",\"integration_name\":", h.integration_name);
  w.StringMember(",\"action\":", h.action);
  w.Raw(",\"time\":");
  w.Value(json::value(h.time));
  w.Raw(",\"changes\":");
  if (!h.changes_json.empty()) {
    w.Raw(h.changes_json);
  } else {
    w.Raw("[");
    for (size_t i = 0; i < h.changes.size(); ++i) {
      if (i > 0) w.Raw(",");
      w.Value(h.changes[i]);
    }
    w.Raw("]");
  }
  w.Raw("}");
  w.Finish();
  return out;
}

std::optional<PageHistoryRecord> ReadHistory(std::string_view text, int64_t sequence, std::string page_id,
                                             std::string request_id) {
  auto parsed = ParseJson(text);
  if (!parsed || !parsed->is_object()) return std::nullopt;
  const json::object& o = parsed->get_object();
  const json::value* changes = o.if_contains("changes");
  const json::value* time = o.if_contains("time");
  if (changes == nullptr || !changes->is_array() || time == nullptr || !time->is_int64()) return std::nullopt;
  PageHistoryRecord e;
  e.sequence = sequence;
  e.page_id = std::move(page_id);
  e.request_id = std::move(request_id);
  e.time = time->get_int64();
  for (auto [key, field] : {std::pair{"integration_id", &e.integration_id},
                            std::pair{"integration_name", &e.integration_name}, std::pair{"action", &e.action}}) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr || !v->is_string()) return std::nullopt;
    *field = std::string(v->get_string());
  }
  e.changes = changes->get_array();
  return e;
}

std::string ViewSettingsColumn(const ViewRecord& v) {
  return SerializeJson(json::object{{"filter", v.filter},
                                    {"sorts", v.sorts},
                                    {"quick_filters", v.quick_filters},
                                    {"configuration", v.configuration}});
}

bool ReadViewSettings(std::string_view text, ViewRecord& v) {
  auto settings = ParseJson(text);
  if (!settings || !settings->is_object()) return false;
  const json::object& o = settings->get_object();
  v.filter = Setting(o, "filter");
  v.sorts = Setting(o, "sorts");
  v.quick_filters = Setting(o, "quick_filters");
  v.configuration = Setting(o, "configuration");
  return true;
}

}  // namespace localnotion::storage
