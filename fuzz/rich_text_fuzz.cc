// Rich text and mentions (api/rich_text.h): the input is a rich text request array (or
// anything else a client may send in its place), normalized to the stored form as a
// title or rich_text value is; the stored form must normalize again to itself (a page
// read back and written unchanged stays the same). An object is also read as an icon
// and a cover (api/icon.h), the other small readers every page and database write uses.
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "api/icon.h"
#include "api/rich_text.h"
#include "fuzz/fuzz_util.h"

using namespace localnotion;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto v = fuzz::ParseInput(data, size);
  if (!v) return 0;
  auto normalized = api::NormalizeRichText("body.properties.Notes.rich_text", *v);
  if (normalized.ok()) {
    std::string plain = api::PlainText(*normalized);
    (void)api::Utf16Length(plain);
    for (const json::value& item : *normalized) {
      const json::value* ann = item.is_object() ? Find(item.get_object(), "annotations") : nullptr;
      const json::value* color = ann && ann->is_object() ? Find(ann->get_object(), "color") : nullptr;
      if (color == nullptr || !color->is_string() || !api::IsAnnotationColor(color->get_string())) __builtin_trap();
    }
    auto again = api::NormalizeRichText("body.properties.Notes.rich_text", json::value(*normalized));
    if (!again.ok() || SerializeJson(*again) != SerializeJson(*normalized)) {
      fprintf(stderr, "normalizing the stored form changes it:\n%s\n%s\n", SerializeJson(*normalized).c_str(),
              again.ok() ? SerializeJson(*again).c_str() : again.error().message.c_str());
      __builtin_trap();
    }
  }
  if (v->is_object()) {
    (void)api::NormalizeIcon("body.icon", *v);
    (void)api::NormalizeCover("body.cover", *v);
  }
  return 0;
}
