// The wire shape of GET /v1/custom_emojis (https://developers.notion.com/reference/list-custom-emojis):
//   {"object": "list", "type": "custom_emoji", "results": [{id, name, url}], "has_more", "next_cursor"}
// Unlike other lists it has no `custom_emoji: {}` key: the schema allows no other keys.
#pragma once

#include <string>
#include <vector>

#include "common/json.h"

namespace localnotion::api {

struct CustomEmojiView {
  std::string id;
  std::string name;
  std::string url;
};

// `next_cursor` empty means the last page.
json::object RenderCustomEmojiList(const std::vector<CustomEmojiView>& emojis, const std::string& next_cursor);

json::object RenderCustomEmoji(const CustomEmojiView& emoji);

}  // namespace localnotion::api
