// Notion's enhanced markdown to block requests: the `markdown` of POST /v1/pages and the
// content of PATCH /v1/pages/{id}/markdown
// (https://developers.notion.com/guides/data-apis/enhanced-markdown).
//
// The format is line-oriented: each line is a block ("Multiple `>` lines render as
// separate quote blocks"), a deeper-indented line is a child of the line above, and
// container blocks are XML-like tags (<callout>, <details>, <columns>/<column>, <table>,
// <synced_block>). This file reads that outline (indentation, the tags, fenced code,
// $$ equations, the trailing {color="..."} attributes); every line of ordinary markdown
// in it, and every pipe table, is parsed by md4c, a CommonMark 0.30 parser (with its
// strikethrough, task list, table and LaTeX math extensions), so headings, list markers,
// emphasis, links, code spans, escapes and entities follow CommonMark exactly.
//
// Indentation is measured in columns (a tab is 4), so both Notion's tabs and the spaces
// of ordinary nested lists work. Blank lines only separate blocks; <empty-block/> is an
// empty paragraph. Choices where Notion does not say are in docs/compat.md ("Markdown").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"

namespace localnotion::api::markdown {

struct ParsedBlock {
  // A block request as PATCH /v1/blocks/{id}/children takes it, children nested inside;
  // empty for an <unknown> reference.
  json::object request;
  // <page url>, <database url> and <unknown url> name an existing object: its id (dashed)
  // and "page", "database" or "block". A <page> or <database> request is a
  // link_to_page to it.
  std::string ref_id;
  std::string ref_kind;
  // The block's lines as written, children included (not the blank lines after it).
  std::string source;
};

// The top-level blocks of `markdown`. Never fails: what is not recognized is text.
std::vector<ParsedBlock> ParseMarkdown(std::string_view markdown);

// The rich text request array of one line of inline markdown (a title, a comment).
json::array ParseInline(std::string_view markdown);

}  // namespace localnotion::api::markdown
