// Rich text arrays (title, rich_text, database titles). A request item may omit `type`
// and give partial annotations; the stored and returned form is always complete:
// {type, <type>, annotations{bold,italic,strikethrough,underline,code,color}, plain_text,
// href}. Limits from reference/request-limits: content and link URL at most 2000
// characters, equation expression at most 1000, at most 100 items.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"
#include "common/json.h"
#include "common/json_writer.h"

namespace localnotion::api {

// Validates `v` (found at `path`) as a rich text request array and returns the complete
// response form. Returns kValidationError with Notion's message otherwise.
Result<json::array> NormalizeRichText(std::string_view path, const json::value& v);

// The annotations of an item that gives none: not bold, ..., color "default".
json::object DefaultAnnotations();

// Page history keeps rich text values shorter than they are stored: an item that is
// only text, with the default annotations, no link and its content as its plain text,
// is written as {"type":"text","text":{"content":C}}, about 50 bytes instead of about
// 240; any other item, and any value that is not an array, is written as it is.
// ExpandCompactRichText restores every such item to exactly the stored form (members in
// the same order), so a value written compact and expanded serializes as it did.
void WriteCompactRichText(const json::value& stored, JsonWriter& w);
void ExpandCompactRichText(json::value& value);

// The concatenated plain_text of a complete rich text array.
std::string PlainText(const json::array& rich_text);

// True for the annotation colors Notion accepts (the ten base colors and *_background).
bool IsAnnotationColor(std::string_view color);

// The number of characters as JavaScript counts them (UTF-16 code units), which is how
// Notion measures the 2000-character limits.
size_t Utf16Length(std::string_view utf8);

}  // namespace localnotion::api
