// The text blocks (https://developers.notion.com/reference/block#paragraph and the
// sections after it): a required rich_text array and a color, plus is_toggleable for
// headings, checked for to_do and icon for callout. All of them keep children.
// heading_4 (added 2026-03-30, https://developers.notion.com/page/changelog) is shaped
// exactly as heading_3. A paragraph also takes `icon` when it is a tab item (tab.cc).
#include <string>

#include "api/blocks/families.h"
#include "api/blocks/readers.h"
#include "api/icon.h"

namespace localnotion::api::blocks {
namespace {

Status ReadIcon(const ReadContext&, std::string_view, const std::string& key_path, const json::value& value,
                json::object& out) {
  LN_ASSIGN_OR_RETURN(out["icon"], NormalizeIcon(key_path, value, /*custom_emoji=*/true));
  return OkStatus();
}

// `extra` is the type's own key, read by `read`; `extra_default` its stored default,
// placed before color for to_do and callout and after it for headings, as Notion shows it.
BlockType TextBlock(std::string_view name, std::string_view extra = {}, KeyReader read = nullptr,
                    json::value extra_default = nullptr, bool extra_after_color = false) {
  BlockType t;
  t.name = name;
  t.keys = {{"rich_text", ReadRichText, true}, {"color", ReadColor}};
  t.defaults["rich_text"] = json::array{};
  if (!extra.empty() && !extra_after_color) t.defaults[extra] = extra_default;
  t.defaults["color"] = "default";
  if (!extra.empty()) {
    t.keys.push_back({extra, read});
    if (extra_after_color) t.defaults[extra] = extra_default;
  }
  t.children.takes_children = true;
  t.rich_text_keys = {"rich_text"};
  return t;
}

}  // namespace

std::vector<BlockType> TextBlocks() {
  std::vector<BlockType> v;
  BlockType paragraph = TextBlock("paragraph");
  paragraph.keys.push_back({"icon", ReadTabItemIcon, /*required=*/false, /*only_inside=*/"tab"});
  v.push_back(std::move(paragraph));
  for (std::string_view name : {"bulleted_list_item", "numbered_list_item", "quote", "toggle"}) {
    v.push_back(TextBlock(name));
  }
  v.push_back(TextBlock("to_do", "checked", ReadBool, false));
  v.push_back(TextBlock("callout", "icon", ReadIcon, nullptr));
  for (std::string_view name : {"heading_1", "heading_2", "heading_3", "heading_4"}) {
    v.push_back(TextBlock(name, "is_toggleable", ReadBool, false, /*extra_after_color=*/true));
  }
  return v;
}

}  // namespace localnotion::api::blocks
