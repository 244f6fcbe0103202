// A page's properties written as JSON text from its stored values (RenderPageText).
//
// Building each value as a Boost.JSON object and the properties object around them, then
// writing that, costs more than the rest of answering GET /v1/pages/{id}. Here a value
// that Render would show exactly as stored (PropertyType::ShownAsStored: title, rich
// text, number, checkbox, url, email, phone number, files) is written from the record, inside
// the {id, type, <type>} it is shown in; any other is rendered alone (Context::RenderValue)
// and written; a type that writes its values as text (PropertyType::WriteShown: select,
// status, multi_select, date) writes them without building them. The text is what
// PageViewFrom's tree would serialize to, byte for byte (render_text_test.cc).
#include <algorithm>

#include "api/rich_text.h"
#include "common/json_arena.h"
#include "common/json_writer.h"
#include "schema/registry.h"
#include "service/core/context.h"

namespace localnotion::service {
namespace {

// Whether rich text holds a mention: those show their target's current name, which the
// stored value does not have (Context::NameMentions).
bool HasMention(const json::value& rich_text) {
  if (!rich_text.is_array()) return false;
  for (const json::value& item : rich_text.get_array()) {
    const json::object* o = item.if_object();
    const json::value* type = o ? o->if_contains("type") : nullptr;
    if (type != nullptr && type->is_string() && type->get_string() == "mention") return true;
  }
  return false;
}

// Whether the service shows `stored`, a value of `type`, as Render makes it, with nothing
// done to it after (RenderValue, LimitReferences). Files are, unless one of them is an
// attached upload, which is shown with a signed link (Context::RenderFilesIn leaves every
// other entry as it is).
bool ShownAsRendered(const schema::PropertyType& type, const json::value* stored) {
  if (type.computed_from() != schema::ComputedFrom::kStored) return false;
  const schema::RenderExtras extras = type.render_extras();
  if (extras.file_objects && stored != nullptr && Context::HoldsHostedFile(*stored)) return false;
  return !extras.visible_pages_only && !extras.capped_list;
}

// Whether WriteRendered writes the whole value as the page object shows it: a stored
// value whose extras other than the cap (LimitReferences) are none.
bool WritesRenderedText(const schema::PropertyType& type) {
  if (!type.writes_rendered() || type.computed_from() != schema::ComputedFrom::kStored) return false;
  const schema::RenderExtras extras = type.render_extras();
  return !extras.file_objects && !extras.visible_pages_only && !extras.mentions && !extras.has_more_when_capped;
}

// The stored value when it can be written as the page object shows it, else nullptr.
const json::value* WritableAsStored(const schema::PropertyType& type, const json::value* stored) {
  if (stored == nullptr || !ShownAsRendered(type, stored)) return nullptr;
  if (type.render_extras().mentions && HasMention(*stored)) return nullptr;
  return type.ShownAsStored(*stored);
}

}  // namespace

Status Context::WriteValuesText(const Caller& caller, const LoadedPage& page,
                                const std::vector<std::string>& filter_properties, api::PageView& view) {
  const schema::RenderContext ctx = RenderContextOf(caller, page);
  const json::storage_ptr storage = JsonArena::Storage();
  std::string& out = view.properties_text;
  out.clear();
  out.reserve(1024);
  JsonWriter w(out);
  char next = '{';
  for (const auto& def : *page.schema) {
    const schema::PropertyType* type = schema::TypeOf(def);
    if (type == nullptr) continue;
    const bool title = def.type == "title";
    const bool listed = filter_properties.empty() || std::find(filter_properties.begin(), filter_properties.end(),
                                                               def.id) != filter_properties.end();
    // The title is read for the page's URL even when the answer leaves it out.
    if (!title && !listed) continue;
    const json::value* stored = Find(page.Properties(), def.id);
    if (stored != nullptr && stored->is_null()) stored = nullptr;
    const json::value* shown = WritableAsStored(*type, stored);
    // A type that writes its values as text (select, status, multi_select, date) is
    // written without rendering; the title never is (its plain text is read below).
    const bool written = shown == nullptr && !title && type->writes_shown() && ShownAsRendered(*type, stored);
    // A type whose value shows users (people) writes them as text too.
    const bool rendered = shown == nullptr && !written && !title && WritesRenderedText(*type);
    json::object value(storage);
    if (shown == nullptr && !written && !rendered) {
      LN_RETURN_IF_ERROR(RenderValue(caller, page, def, *type, ctx, 0, nullptr, value));
    }
    if (title) view.title = api::PlainText((shown ? *shown : value.at("title")).as_array());
    if (!listed) continue;
    w.Room(1);
    w.Put(next);
    next = ',';
    if (shown != nullptr || written || rendered) {
      schema::WriteValuePrefix(def, w);
      if (written) {
        type->WriteShown(stored, def, w);
      } else if (rendered) {
        type->WriteRendered(stored, def, ctx, w);
      } else {
        w.Value(*shown);
      }
      w.Raw("}");
    } else {
      LimitReferences(value);
      w.String(def.name);
      w.Raw(":");
      w.Object(value);
    }
  }
  if (next == '{') w.Raw("{");
  w.Raw("}");
  w.Finish();
  return OkStatus();
}

}  // namespace localnotion::service
