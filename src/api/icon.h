// Page and database icons and covers (reference/emoji-and-icon). On write an icon is an
// `emoji` or an `external` file, and a cover is an `external` file; `null` removes
// either. Notion-hosted `file` objects are response-only and refused on write.
#pragma once

#include <string_view>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::api {

// Returns the stored (and returned) form: null, {type:"emoji",emoji} or
// {type:"external",external:{url}}; or {type:"file_upload",file_upload:{id}} for an
// upload, which the service must replace by service::uploads::AttachFileUpload before storing.
// With `custom_emoji` (page and database icons), also {type:"custom_emoji",custom_emoji:{id}}
// (https://developers.notion.com/reference/emoji-and-icon), which the service fills in
// with the emoji's name and url (service::uploads::AttachIconOrCover).
Result<json::value> NormalizeIcon(std::string_view path, const json::value& v, bool custom_emoji = false);
Result<json::value> NormalizeCover(std::string_view path, const json::value& v);

}  // namespace localnotion::api
