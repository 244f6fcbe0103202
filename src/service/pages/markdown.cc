// GET and PATCH /v1/pages/{page_id}/markdown and POST /v1/pages with `markdown`
// (https://developers.notion.com/reference/retrieve-page-markdown,
// https://developers.notion.com/reference/update-page-markdown,
// https://developers.notion.com/guides/data-apis/working-with-markdown-content).
//
// An update edits the page's markdown as text (the four commands), parses the result and
// changes only the top-level blocks whose markdown changed: the blocks before the first
// change and after the last keep their ids, the changed ones in between are moved to the
// trash and the new ones inserted in their place. A child page, database or <unknown>
// block still named in the new markdown stays as it is. Deleting a child page or database
// needs allow_deleting_content. Message texts Notion does not document are chosen in
// docs/compat.md ("Markdown").
#include <fmt/format.h>

#include <set>

#include "api/markdown/parse.h"
#include "api/markdown/render.h"
#include "api/messages.h"
#include "api/objects.h"
#include "api/rich_text.h"
#include "common/uuid.h"
#include "service/blocks/blocks.h"
#include "service/pages/pages.h"
#include "service/tasks/async_tasks.h"
#include "validation/markdown_body.h"

namespace localnotion::service::pages {
namespace {

// Notion renders about 20,000 blocks of a page and shows the rest as <unknown/>.
constexpr size_t kMarkdownBlockLimit = 20000;

// The page or block `id` names, with a missing or unshared one answered as a page.
Result<blocks::BlockTarget> LoadTarget(Context& ctx, const std::string& id) {
  Result<blocks::BlockTarget> t = blocks::LoadBlockTarget(ctx, id);
  if (!t.ok() && t.error().code == ErrorCode::kObjectNotFound) return NotFound("page", id);
  return t;
}

// The page a block is on, for block URLs: up through parent blocks.
Result<std::string> PageOf(Context& ctx, const blocks::BlockTarget& t) {
  if (t.type == "child_page" || !t.row) return t.id;
  std::string type = t.row->parent_type, id = t.row->parent_id;
  for (int depth = 0; depth < 256 && type == "block_id"; ++depth) {
    LN_ASSIGN_OR_RETURN(auto row, ctx.store().GetBlock(id));
    if (!row) break;
    type = row->parent_type, id = row->parent_id;
  }
  return id;
}

struct Rendered {
  std::string markdown;
  std::vector<std::string> top_level;  // each top-level block's text
  blocks::ContentTree tree;
};

Result<Rendered> Render(Context& ctx, const Caller& caller, const blocks::BlockTarget& t,
                        bool include_transcript = false) {
  Rendered out;
  LN_ASSIGN_OR_RETURN(out.tree, blocks::ReadContentTree(ctx, caller, t, kMarkdownBlockLimit));
  api::markdown::RenderOptions options;
  LN_ASSIGN_OR_RETURN(options.page_id, PageOf(ctx, t));
  options.include_transcript = include_transcript;
  options.title_of = [&ctx](const std::string& id) -> std::string {
    auto page = ctx.store().GetPage(id);
    if (page.ok() && *page) {
      const json::value* title = Find((*page)->properties, "title");
      return title && title->is_array() ? api::PlainText(title->get_array()) : std::string();
    }
    auto db = ctx.store().GetDatabase(id);
    return db.ok() && *db ? api::PlainText((*db)->title) : std::string();
  };
  out.markdown = api::markdown::RenderMarkdown(out.tree.nodes, options, &out.top_level);
  return out;
}

json::value PageMarkdownObject(const std::string& id, const Rendered& r) {
  json::array unknown;
  for (const std::string& u : r.tree.unknown_ids) unknown.push_back(json::string(u));
  return json::object{{"object", "page_markdown"},
                      {"id", id},
                      {"markdown", r.markdown},
                      {"truncated", r.tree.truncated},
                      {"unknown_block_ids", std::move(unknown)}};
}

size_t CountOf(std::string_view text, std::string_view needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// An ellipsis selection, "start text...end text" (or an exact text without "..."):
// from the first occurrence of the start to the end of the first end after it.
Result<std::pair<size_t, size_t>> Select(const std::string& md, const std::string& selection, std::string_view path) {
  const size_t dots = selection.find("...");
  const std::string start = dots == std::string::npos ? selection : selection.substr(0, dots);
  const std::string end = dots == std::string::npos ? std::string() : selection.substr(dots + 3);
  const size_t from = start.empty() ? std::string::npos : md.find(start);
  if (from != std::string::npos) {
    if (end.empty()) return std::make_pair(from, from + start.size());
    const size_t to = md.find(end, from + start.size());
    if (to != std::string::npos) return std::make_pair(from, to + end.size());
  }
  return ValidationError(fmt::format("{} does not match any content in the page: \"{}\".", path, selection));
}

// The end of the top-level block whose text contains offset `at`.
size_t EndOfBlockAt(const std::string& md, const std::vector<std::string>& top_level, size_t at) {
  size_t pos = 0;
  for (const std::string& chunk : top_level) {
    const size_t start = md.find(chunk, pos);
    if (start == std::string::npos) break;
    pos = start + chunk.size();
    if (at < pos) return pos;
  }
  const size_t line_end = md.find('\n', at);
  return line_end == std::string::npos ? md.size() : line_end;
}

Result<std::string> ApplyEdit(const validation::MarkdownUpdate& req, const Rendered& current) {
  std::string md = current.markdown;
  const std::string path = "body." + req.type;
  if (req.type == "replace_content") return req.content;
  if (req.type == "update_content") {
    for (size_t i = 0; i < req.updates.size(); ++i) {
      const validation::ContentUpdate& u = req.updates[i];
      const std::string at = fmt::format("{}.content_updates[{}].old_str", path, i);
      const size_t n = u.old_str.empty() ? 0 : CountOf(md, u.old_str);
      if (n == 0) return ValidationError(fmt::format("{} was not found in the page: \"{}\".", at, u.old_str));
      if (n > 1 && !u.replace_all_matches) {
        return ValidationError(fmt::format(
            "{} matches {} places in the page; set replace_all_matches to true to replace every one: \"{}\".", at, n,
            u.old_str));
      }
      ReplaceAll(md, u.old_str, u.new_str);
    }
    return md;
  }
  if (req.type == "insert_content") {
    if (req.position == "start") return req.content + "\n\n" + md;
    if (!req.after) return md.empty() ? req.content : md + "\n\n" + req.content;
    LN_ASSIGN_OR_RETURN(auto range, Select(md, *req.after, path + ".after"));
    const size_t at = EndOfBlockAt(md, current.top_level, range.second == 0 ? 0 : range.second - 1);
    return md.substr(0, at) + "\n\n" + req.content + "\n\n" + md.substr(at);
  }
  LN_ASSIGN_OR_RETURN(auto range, Select(md, req.content_range, path + ".content_range"));
  return md.substr(0, range.first) + req.content + md.substr(range.second);
}

std::string Title(const api::markdown::MdNode& node) {
  const json::value* type = node.block.if_contains("type");
  const json::value* content = type ? node.block.if_contains(type->as_string()) : nullptr;
  const json::value* title = content && content->is_object() ? content->as_object().if_contains("title") : nullptr;
  return title && title->is_string() ? std::string(title->as_string()) : std::string();
}

}  // namespace

Result<MarkdownContent> ContentFromMarkdown(std::string_view markdown, bool take_title) {
  std::vector<api::markdown::ParsedBlock> parsed = api::markdown::ParseMarkdown(markdown);
  MarkdownContent out;
  json::array requests;
  for (auto& block : parsed) {
    if (block.request.empty()) continue;  // an <unknown/> names nothing on a new page
    if (take_title && !out.title && block.request.at("type") == "heading_1") {
      out.title = std::move(block.request.at("heading_1").as_object().at("rich_text").as_array());
      continue;
    }
    requests.push_back(std::move(block.request));
  }
  LN_ASSIGN_OR_RETURN(out.children,
                      validation::CheckChildren("body.markdown", requests, validation::kMarkdownBlockLimits));
  LN_RETURN_IF_ERROR(validation::CheckPlacement("body.markdown", "child_page", {}, out.children));
  return out;
}

Result<json::value> GetPageMarkdown(Context& ctx, const Caller& caller, std::string_view raw_id,
                                    const std::optional<std::string>& include_transcript) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("page_id", raw_id));
  if (include_transcript && *include_transcript != "true" && *include_transcript != "false") {
    json::value got = json::string(*include_transcript);
    return api::FailedValidation("include_transcript", "a boolean or `undefined`", &got);
  }
  LN_ASSIGN_OR_RETURN(blocks::BlockTarget t, LoadTarget(ctx, id));
  if (t.type == "child_database") {
    return ValidationError(
        fmt::format("{} is a database, not a page or a block. Use the data sources API for it.", id));
  }
  LN_ASSIGN_OR_RETURN(Rendered r, Render(ctx, caller, t, include_transcript && *include_transcript == "true"));
  return PageMarkdownObject(id, r);
}

Result<json::value> UpdatePageMarkdown(Context& ctx, const Caller& caller, std::string_view raw_id,
                                       const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("page_id", raw_id));
  LN_ASSIGN_OR_RETURN(validation::MarkdownUpdate req, validation::ReadMarkdownUpdate(body));
  LN_ASSIGN_OR_RETURN(blocks::BlockTarget t, LoadTarget(ctx, id));
  if (t.type == "child_database") {
    return ValidationError(
        fmt::format("{} is a database, not a page. Only a page's content can be updated as markdown.", id));
  }
  if (t.type != "child_page") {
    return ValidationError(
        fmt::format("{} is a {} block, not a page. Only a page's content can be updated as markdown.", id, t.type));
  }
  if (t.self_trashed || t.ancestor_trashed) return api::ArchivedError();
  LN_ASSIGN_OR_RETURN(Rendered before, Render(ctx, caller, t));
  LN_ASSIGN_OR_RETURN(std::string markdown, ApplyEdit(req, before));
  std::vector<api::markdown::ParsedBlock> parsed = api::markdown::ParseMarkdown(markdown);

  // The unchanged blocks at both ends.
  const std::vector<api::markdown::MdNode>& old_nodes = before.tree.nodes;
  size_t prefix = 0, suffix = 0;
  while (prefix < old_nodes.size() && prefix < parsed.size() && before.top_level[prefix] == parsed[prefix].source) {
    ++prefix;
  }
  while (suffix < old_nodes.size() - prefix && suffix < parsed.size() - prefix &&
         before.top_level[old_nodes.size() - 1 - suffix] == parsed[parsed.size() - 1 - suffix].source) {
    ++suffix;
  }
  // Old blocks in the changed part that the new markdown still names stay.
  std::set<std::string> old_mid, kept;
  for (size_t i = prefix; i < old_nodes.size() - suffix; ++i)
    old_mid.insert(std::string(old_nodes[i].block.at("id").as_string()));
  json::array requests;
  for (size_t i = prefix; i < parsed.size() - suffix; ++i) {
    if (!parsed[i].ref_id.empty() && old_mid.contains(parsed[i].ref_id)) {
      kept.insert(parsed[i].ref_id);
      continue;
    }
    if (!parsed[i].request.empty()) requests.push_back(std::move(parsed[i].request));
  }
  std::vector<std::string> deleted, lost_objects;
  for (size_t i = prefix; i < old_nodes.size() - suffix; ++i) {
    const api::markdown::MdNode& node = old_nodes[i];
    const std::string node_id(node.block.at("id").as_string());
    if (kept.contains(node_id)) continue;
    deleted.push_back(node_id);
    const json::value& type = node.block.at("type");
    if (type == "child_page" || type == "child_database") {
      lost_objects.push_back(
          fmt::format("{} \"{}\" ({})", type == "child_page" ? "page" : "database", Title(node), node_id));
    }
  }
  if (!lost_objects.empty() && !req.allow_deleting_content) {
    std::string list;
    for (const std::string& s : lost_objects) list += (list.empty() ? "" : ", ") + s;
    return ValidationError(
        fmt::format("This update would delete {}. Set allow_deleting_content to true to delete them.", list));
  }
  LN_ASSIGN_OR_RETURN(std::vector<validation::NewBlock> blocks,
                      validation::CheckChildren("body." + req.type, requests, validation::kMarkdownBlockLimits));
  LN_RETURN_IF_ERROR(validation::CheckPlacement("body." + req.type, "child_page", {}, blocks));

  for (const std::string& gone : deleted) {
    Result<json::value> trashed = blocks::DeleteBlock(ctx, caller, gone);
    if (!trashed.ok()) return std::move(trashed).error();
  }
  std::optional<int64_t> after_position = 0;
  if (prefix > 0) {
    LN_ASSIGN_OR_RETURN(auto row, ctx.store().GetBlock(std::string(old_nodes[prefix - 1].block.at("id").as_string())));
    if (row) after_position = row->position;
  }
  if (!blocks.empty())
    LN_RETURN_IF_ERROR(blocks::InsertBlocks(ctx, caller, "page_id", id, after_position, blocks, nullptr));
  LN_ASSIGN_OR_RETURN(blocks::BlockTarget after, LoadTarget(ctx, id));
  LN_ASSIGN_OR_RETURN(Rendered r, Render(ctx, caller, after));
  json::value answer = PageMarkdownObject(id, r);
  // allow_async: the update is done; the answer is the task that did it.
  if (req.allow_async) return tasks::RecordSucceeded(ctx, caller, "update_page_markdown", std::move(answer));
  return answer;
}

}  // namespace localnotion::service::pages
