// Blocks to Notion's enhanced markdown, as GET /v1/pages/{id}/markdown answers
// (https://developers.notion.com/guides/data-apis/enhanced-markdown and
// https://developers.notion.com/guides/data-apis/working-with-markdown-content):
// one block per line, children one tab deeper, container blocks as XML-like tags
// (<callout>, <details>, <columns>, <table>, <synced_block>), a block's color as a
// trailing {color="..."}. Types the guide leaves out (bookmark, embed, link_preview,
// breadcrumb, template, unsupported, and tab) render as
// <unknown url="..." alt="<type>"/>.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/json.h"

namespace localnotion::api::markdown {

// One block and its children, as the API shows them (GET /v1/blocks/{id}).
struct MdNode {
  json::object block;
  std::vector<MdNode> children;
  // Not shown: not shared with the integration, or beyond the block limit. Renders as
  // <unknown url="..." alt="<type>"/>.
  bool unknown = false;
};

struct RenderOptions {
  std::string page_id;  // the page the blocks are on, for block URLs ("<page url>#<block id>")
  // The title a link_to_page shows; may be empty.
  std::function<std::string(const std::string& id)> title_of;
  // GET /v1/pages/{id}/markdown?include_transcript=true: a meeting note shows its Summary,
  // Notes and Transcript tabs inside its tag instead of being a placeholder.
  bool include_transcript = false;
};

// The markdown of `blocks`, siblings at the top level. With `top_level`, also the text
// of each top-level block (its lines, children included, without the blank line after it),
// for PATCH /v1/pages/{id}/markdown to tell which blocks an edit left as they were.
std::string RenderMarkdown(const std::vector<MdNode>& blocks, const RenderOptions& options,
                           std::vector<std::string>* top_level = nullptr);

// "https://www.notion.so/<page id>#<block id>", ids without dashes: a block's URL.
std::string BlockUrl(const std::string& page_id, const std::string& block_id);

// Block colors are "<color>_background" in the API and "<color>_bg" in markdown.
std::string ColorToMarkdown(const std::string& api_color);
std::string ColorFromMarkdown(const std::string& md_color);

}  // namespace localnotion::api::markdown
