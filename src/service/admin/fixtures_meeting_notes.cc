// The "meeting_notes" of a fixture (docs/fixtures.md): AI meeting notes blocks with the
// content of their Summary, Notes and Transcript tabs as enhanced markdown
// (https://developers.notion.com/guides/data-apis/enhanced-markdown), read after the
// pages they sit on and written back in creation order.
#include <set>

#include "api/markdown/render.h"
#include "service/admin/fixtures_reader.h"
#include "service/blocks/blocks.h"
#include "service/blocks/meeting_notes.h"
#include "service/pages/pages.h"

namespace localnotion::service::admin {
namespace {

struct TabKeys {
  const char* content;  // the tab's markdown
  const char* id;       // the tab block's id
};
constexpr TabKeys kTabs[] = {
    {"summary", "summary_block_id"}, {"notes", "notes_block_id"}, {"transcript", "transcript_block_id"}};

// The tab's content as blocks (empty for ""), its path in messages being the tab's key.
Result<std::vector<validation::NewBlock>> TabContent(const Reader& r, const char* key) {
  const json::value* v = r.Get(key);
  if (v == nullptr) return std::vector<validation::NewBlock>{};
  if (!v->is_string()) return api::FailedValidation(r.At(key), "a string of enhanced markdown or `null`", v);
  LN_ASSIGN_OR_RETURN(pages::MarkdownContent content, pages::ContentFromMarkdown(v->get_string(), false));
  return std::move(content.children);
}

Result<std::optional<json::object>> OptObject(const Reader& r, std::string_view key) {
  const json::value* v = r.Get(key);
  if (v == nullptr) return std::optional<json::object>();
  if (!v->is_object()) return api::FailedValidation(r.At(key), "an object or `null`", v);
  return std::optional<json::object>(v->get_object());
}

// The markdown of a tab's content, as GET /v1/pages/{id}/markdown renders blocks.
Result<std::string> TabMarkdown(Context& ctx, const std::string& tab_id) {
  LN_ASSIGN_OR_RETURN(blocks::BlockTarget t, blocks::LoadBlockTarget(ctx, tab_id));
  Caller caller;
  caller.version = api::ApiVersion::k2025_09_03;
  LN_ASSIGN_OR_RETURN(blocks::ContentTree tree, blocks::ReadContentTree(ctx, caller, t, 20000));
  if (tree.nodes.empty()) return std::string();
  api::markdown::RenderOptions options;
  options.page_id = t.row ? t.row->parent_id : tab_id;
  return api::markdown::RenderMarkdown(tree.nodes.front().children, options);
}

}  // namespace

Status SeedMeetingNotes(Context& ctx, const json::object& fixture,
                        const std::function<Result<std::string>(const Reader&, std::string_view)>& author) {
  LN_ASSIGN_OR_RETURN(auto notes, Items(fixture, "meeting_notes"));
  std::set<std::string> ids;
  for (const Reader& r : notes) {
    blocks::NewMeetingNote note;
    LN_ASSIGN_OR_RETURN(note.row.id, r.Id("id", true));
    LN_ASSIGN_OR_RETURN(auto existing, ctx.store().GetBlock(note.row.id));
    LN_ASSIGN_OR_RETURN(auto as_page, ctx.store().GetPage(note.row.id));
    if (!ids.insert(note.row.id).second || existing || as_page) {
      json::value shown(note.row.id);
      return api::FailedValidation(r.At("id"), "an id not used before in the fixture", &shown);
    }
    const json::value* parent = r.Get("parent");
    if (parent == nullptr) return api::NotDefined(r.At("parent"));
    const json::value* page_id = parent->is_object() ? Find(parent->get_object(), "page_id") : nullptr;
    auto parent_id = page_id && page_id->is_string() ? NormalizeUuid(page_id->get_string()) : std::nullopt;
    std::optional<storage::PageRecord> parent_page;
    if (parent_id) {
      LN_ASSIGN_OR_RETURN(parent_page, ctx.store().GetPage(*parent_id));
    }
    if (!parent_page) {
      return api::FailedValidation(r.At("parent"), "`{\"type\":\"page_id\",\"page_id\":<the id of one of body.pages>}`",
                                   parent);
    }
    note.row.parent_type = "page_id";
    note.row.parent_id = *parent_id;
    LN_ASSIGN_OR_RETURN(note.view.title, r.RichText("title"));
    LN_ASSIGN_OR_RETURN(note.view.status, r.String("status", std::string("notes_ready")));
    if (!api::IsMeetingNotesStatus(note.view.status)) {
      return api::FailedValidation(r.At("status"), "a meeting notes status such as `\"notes_ready\"`", r.Get("status"));
    }
    LN_ASSIGN_OR_RETURN(note.view.calendar_event, OptObject(r, "calendar_event"));
    LN_ASSIGN_OR_RETURN(note.view.recording, OptObject(r, "recording"));
    std::vector<validation::NewBlock>* contents[] = {&note.summary, &note.notes, &note.transcript};
    std::string* tab_ids[] = {&note.view.summary_block_id, &note.view.notes_block_id, &note.view.transcript_block_id};
    bool* makes[] = {&note.make_summary, &note.make_notes, &note.make_transcript};
    for (size_t i = 0; i < 3; ++i) {
      *makes[i] = r.Get(kTabs[i].content) != nullptr || r.Get(kTabs[i].id) != nullptr;
      if (r.Get(kTabs[i].id) != nullptr) {
        LN_ASSIGN_OR_RETURN(*tab_ids[i], r.Id(kTabs[i].id, false));
        if (!ids.insert(*tab_ids[i]).second) {
          json::value shown(*tab_ids[i]);
          return api::FailedValidation(r.At(kTabs[i].id), "an id not used before in the fixture", &shown);
        }
      }
      LN_ASSIGN_OR_RETURN(*contents[i], TabContent(r, kTabs[i].content));
    }
    LN_ASSIGN_OR_RETURN(note.row.in_trash, r.Bool("in_trash"));
    LN_ASSIGN_OR_RETURN(note.row.created_time, r.Time("created_time", NowMillis()));
    LN_ASSIGN_OR_RETURN(note.row.last_edited_time, r.Time("last_edited_time", note.row.created_time));
    LN_ASSIGN_OR_RETURN(note.row.created_by, author(r, "created_by"));
    LN_ASSIGN_OR_RETURN(note.row.last_edited_by, author(r, "last_edited_by"));
    LN_RETURN_IF_ERROR(blocks::StoreMeetingNote(ctx, Caller{}, note, std::nullopt, WriteMode::kImport));
  }
  return OkStatus();
}

Result<json::array> ExportMeetingNotes(Context& ctx) {
  json::array out;
  LN_ASSIGN_OR_RETURN(auto rows, ctx.store().ListBlocksOfType("meeting_notes"));
  for (const storage::BlockRecord& row : rows) {
    if (row.parent_type != "page_id") continue;  // only what a fixture can hold
    json::object o{{"id", row.id}, {"parent", json::object{{"type", "page_id"}, {"page_id", row.parent_id}}}};
    const json::value* title = Find(row.content, "title");
    o["title"] = title ? *title : json::value(json::array{});
    const json::value* status = Find(row.content, "status");
    o["status"] = status ? *status : json::value("notes_ready");
    const json::value* event = Find(row.content, "calendar_event");
    o["calendar_event"] = event ? *event : json::value(nullptr);
    const json::value* recording = Find(row.content, "recording");
    o["recording"] = recording ? *recording : json::value(nullptr);
    const json::value* children = Find(row.content, "children");
    for (const TabKeys& tab : kTabs) {
      const json::value* id = children && children->is_object() ? Find(children->get_object(), tab.id) : nullptr;
      if (id == nullptr || !id->is_string()) continue;
      LN_ASSIGN_OR_RETURN(o[tab.content], TabMarkdown(ctx, std::string(id->get_string())));
      o[tab.id] = *id;
    }
    o["in_trash"] = row.in_trash;
    o["created_time"] = FormatIso8601(row.created_time);
    o["created_by"] = row.created_by.empty() ? json::value(nullptr) : json::value(row.created_by);
    o["last_edited_time"] = FormatIso8601(row.last_edited_time);
    o["last_edited_by"] = row.last_edited_by.empty() ? json::value(nullptr) : json::value(row.last_edited_by);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace localnotion::service::admin
