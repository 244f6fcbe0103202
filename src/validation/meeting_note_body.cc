#include "validation/meeting_note_body.h"

#include <array>
#include <string_view>

#include "api/messages.h"
#include "api/rich_text.h"
#include "common/uuid.h"

namespace localnotion::validation {
namespace {

// The languages of the SDK's CreateMeetingNoteBodyParameters, in its order.
constexpr std::array<std::string_view, 23> kLanguages = {"auto", "en", "zh-CN", "zh-TW", "es", "fr", "de", "ja",
                                                         "ko",   "pt", "ru",    "th",    "vi", "id", "da", "fi",
                                                         "no",   "nl", "it",    "sv",    "ar", "he", "pl"};

Result<std::string> ReadId(const std::string& path, const json::value* v) {
  if (v == nullptr) return api::NotDefined(path);
  auto norm = v->is_string() ? NormalizeUuid(v->get_string()) : std::nullopt;
  if (!norm) return api::FailedValidation(path, "a valid uuid", v);
  return *norm;
}

// A {type?, <key>: ID} object whose type is one of `types`; returns the type chosen and
// the id. Without `type`, the first key of `types` present names it.
Status ReadTaggedId(const std::string& path, const json::value& v, const std::vector<std::string>& types,
                    const std::vector<std::string>& keys, std::string& type_out, std::string& id_out) {
  if (!v.is_object()) return api::FailedValidation(path, "an object", &v);
  const json::object& o = v.get_object();
  size_t chosen = types.size();
  if (const json::value* type = Find(o, "type")) {
    for (size_t i = 0; i < types.size(); ++i) {
      if (type->is_string() && type->get_string() == types[i]) chosen = i;
    }
    if (chosen == types.size()) return api::FailedValidation(api::Field(path, "type"), api::EnumChoices(types), type);
  } else {
    for (size_t i = 0; i < keys.size() && chosen == types.size(); ++i) {
      if (Find(o, keys[i]) != nullptr) chosen = i;
    }
    if (chosen == types.size()) {
      if (keys.size() == 1) return api::NotDefined(api::Field(path, keys[0]));
      std::vector<std::string> alternatives;
      for (const std::string& k : keys) alternatives.push_back(api::ShouldBe(api::Field(path, k), "defined", nullptr));
      return api::FixOne(alternatives);
    }
  }
  for (const auto& kv : o) {
    if (kv.key() != "type" && kv.key() != keys[chosen]) return api::NotPresent(api::Field(path, kv.key()), kv.value());
  }
  type_out = types[chosen];
  LN_ASSIGN_OR_RETURN(id_out, ReadId(api::Field(path, keys[chosen]), Find(o, keys[chosen])));
  return OkStatus();
}

Status ReadOptions(const json::value& v, MeetingNoteCreate& out) {
  if (!v.is_object()) return api::FailedValidation("body.options", "an object", &v);
  for (const auto& kv : v.get_object()) {
    if (kv.key() != "kickoff_summary") return api::NotPresent(api::Field("body.options", kv.key()), kv.value());
    if (!kv.value().is_bool()) {
      return api::FailedValidation("body.options.kickoff_summary", "a boolean or `undefined`", &kv.value());
    }
    out.kickoff_summary = kv.value().get_bool();
  }
  return OkStatus();
}

}  // namespace

Result<MeetingNoteCreate> ReadMeetingNoteCreate(const json::value& body) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  const json::object& o = body.get_object();
  for (const auto& kv : o) {
    const std::string_view k = kv.key();
    if (k != "title" && k != "language" && k != "options" && k != "source" && k != "parent") {
      return api::NotPresent(api::Field("body", k), kv.value());
    }
  }
  MeetingNoteCreate out;
  if (const json::value* title = Find(o, "title")) {
    if (!title->is_string()) return api::FailedValidation("body.title", "a string or `undefined`", title);
    const size_t n = api::Utf16Length(title->get_string());
    if (n > kMaxMeetingNoteTitle) return api::TooLong("body.title", kMaxMeetingNoteTitle, n);
    out.title = std::string(title->get_string());
  }
  if (const json::value* language = Find(o, "language")) {
    bool known = false;
    for (std::string_view l : kLanguages) known = known || (language->is_string() && language->get_string() == l);
    if (!known) return api::FailedValidation("body.language", api::EnumChoices(kLanguages), language);
    out.language = std::string(language->get_string());
  }
  if (const json::value* options = Find(o, "options")) LN_RETURN_IF_ERROR(ReadOptions(*options, out));
  const json::value* source = Find(o, "source");
  if (source == nullptr) return api::NotDefined("body.source");
  LN_RETURN_IF_ERROR(ReadTaggedId("body.source", *source, {"file_upload", "block"}, {"file_upload_id", "block_id"},
                                  out.source_type, out.source_id));
  const json::value* parent = Find(o, "parent");
  if (out.source_type == "block") {
    // An existing block is transcribed where it is: the union's second member has no parent.
    if (parent != nullptr) return api::NotPresent("body.parent", *parent);
    return out;
  }
  if (parent == nullptr) return api::NotDefined("body.parent");
  std::string parent_type;
  LN_RETURN_IF_ERROR(ReadTaggedId("body.parent", *parent, {"page_id"}, {"page_id"}, parent_type, out.parent_page_id));
  return out;
}

}  // namespace localnotion::validation
