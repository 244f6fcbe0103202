// Custom emojis of the workspace (https://developers.notion.com/reference/list-custom-emojis):
//   GET /v1/custom_emojis?name=&start_cursor=&page_size=   the emojis, oldest first; `name`
//                                                          is an exact match
// A workspace has none until the admin API adds some (POST /_localnotion/custom_emojis
// {name, url}); they are kept as one list in the store's meta values, so that no
// migration is needed. A bad page_size or cursor gives 400 validation_error.
#pragma once

#include <optional>
#include <string>

#include "common/error.h"
#include "common/json.h"
#include "service/core/context.h"

namespace localnotion::service::emojis {

Result<json::value> ListCustomEmojis(Context& ctx, const std::optional<std::string>& name, const PageArgs& args);

// The workspace's emoji `id` as an icon's custom_emoji object {id, name, url}; 400
// validation_error "<path>.custom_emoji.id names no custom emoji of this workspace: <id>."
// when it has none of that id (text chosen, docs/compat.md).
Result<json::value> CustomEmojiIcon(Context& ctx, const std::string& id, std::string_view path);

// An icon that names a custom emoji ({type:"custom_emoji", custom_emoji:{id}}, as
// api::NormalizeIcon reads it) becomes CustomEmojiIcon's object; `path` is the icon's
// path ("body.icon", "body.children[0].callout.icon"). Other icons are left as they are.
// Used by page, database and block icons and by fixtures.
Status ResolveCustomEmojiIcon(Context& ctx, json::value& icon, std::string_view path);

// Admin API and fixtures: adds {id?, name, url} and answers the emoji {id, name, url}.
// An id or a name already taken gives 400 validation_error; without `id` one is made.
Result<json::value> AddCustomEmoji(Context& ctx, const json::value& body);

// Every emoji of the workspace, oldest first, as {id, name, url} (fixture export).
Result<json::array> AllCustomEmojis(Context& ctx);

}  // namespace localnotion::service::emojis
