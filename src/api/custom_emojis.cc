#include "api/custom_emojis.h"

namespace localnotion::api {

json::object RenderCustomEmoji(const CustomEmojiView& emoji) {
  return json::object{{"id", emoji.id}, {"name", emoji.name}, {"url", emoji.url}};
}

json::object RenderCustomEmojiList(const std::vector<CustomEmojiView>& emojis, const std::string& next_cursor) {
  json::array results;
  for (const auto& e : emojis) results.push_back(RenderCustomEmoji(e));
  json::object o;
  o["object"] = "list";
  o["type"] = "custom_emoji";
  o["results"] = std::move(results);
  o["has_more"] = !next_cursor.empty();
  o["next_cursor"] = next_cursor.empty() ? json::value(nullptr) : json::value(next_cursor);
  return o;
}

}  // namespace localnotion::api
