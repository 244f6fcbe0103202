// Key readers shared by several block families (block_type.h, KeyReader). Each checks
// the value sent under one key of a block's type object and writes it into the stored
// content under the same key. Messages follow Notion's validation grammar
// (api/messages.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/blocks/block_type.h"
#include "api/limits.h"

namespace localnotion::api::blocks {

// A boolean ("a boolean or `undefined`").
Status ReadBool(const ReadContext& ctx, std::string_view key, const std::string& key_path, const json::value& value,
                json::object& out);

// One of the annotation colors ("a valid color or `undefined`").
Status ReadColor(const ReadContext& ctx, std::string_view key, const std::string& key_path, const json::value& value,
                 json::object& out);

// A rich text array, normalized as api::NormalizeRichText does (rich_text, caption).
Status ReadRichText(const ReadContext& ctx, std::string_view key, const std::string& key_path,
                    const json::value& value, json::object& out);

// A URL string of at most kMaxUrl UTF-16 units, stored under "url".
Status ReadUrl(const ReadContext& ctx, std::string_view key, const std::string& key_path, const json::value& value,
               json::object& out);

// Accepts the key without reading it: read_first has read it already.
Status ReadElsewhere(const ReadContext& ctx, std::string_view key, const std::string& key_path,
                     const json::value& value, json::object& out);

// "`"a"`, `"b"`, or `"c"`", as Notion lists the values of an enum in a message.
std::string EnumList(const std::vector<std::string_view>& values);

}  // namespace localnotion::api::blocks
