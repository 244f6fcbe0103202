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

namespace localnotion::api {

// Validates `v` (found at `path`) as a rich text request array and returns the complete
// response form. Returns kValidationError with Notion's message otherwise.
Result<json::array> NormalizeRichText(std::string_view path, const json::value& v);

// The annotations of an item that gives none: not bold, ..., color "default".
json::object DefaultAnnotations();

// The concatenated plain_text of a complete rich text array.
std::string PlainText(const json::array& rich_text);

// True for the annotation colors Notion accepts (the ten base colors and *_background).
bool IsAnnotationColor(std::string_view color);

// The number of characters as JavaScript counts them (UTF-16 code units), which is how
// Notion measures the 2000-character limits.
size_t Utf16Length(std::string_view utf8);

}  // namespace localnotion::api
