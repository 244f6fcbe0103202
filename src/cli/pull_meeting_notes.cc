// AI meeting notes in `localnotion pull` (pull_meeting_notes.h).
#include "cli/pull_meeting_notes.h"

#include "common/json_fields.h"

namespace localnotion::cli {
namespace {

struct Tab {
  const char* content;  // the fixture's key for the tab's markdown
  const char* id;       // the key of the tab's id in the block's `children`, and in the fixture
};
constexpr Tab kTabs[] = {
    {"summary", "summary_block_id"}, {"notes", "notes_block_id"}, {"transcript", "transcript_block_id"}};

// Deeper than any tree the crawl can read from Notion, which nests at most a few levels;
// a guard against a synced block that names itself.
constexpr int kMaxDepth = 64;

}  // namespace

PulledMeetingNotes::PulledMeetingNotes(const std::vector<json::object>& blocks) {
  for (const json::object& b : blocks) {
    const json::object* parent = ObjectAt(b, "parent");
    if (parent && StringAt(*parent, "type") == "block_id") children_[StringAt(*parent, "block_id")].push_back(&b);
  }
}

bool PulledMeetingNotes::Is(const json::object& block) {
  const std::string type = StringAt(block, "type");
  return type == "transcription" || type == "meeting_notes";
}

std::vector<api::markdown::MdNode> PulledMeetingNotes::Tree(const std::string& id, int depth) const {
  std::vector<api::markdown::MdNode> out;
  auto it = children_.find(id);
  if (it == children_.end() || depth > kMaxDepth) return out;
  for (const json::object* b : it->second) {
    api::markdown::MdNode node{*b, {}, false};
    const std::string type = StringAt(*b, "type");
    std::string holder = StringAt(*b, "id");
    if (type == "child_page" || type == "child_database") holder.clear();
    if (type == "synced_block") {
      const json::object* content = ObjectAt(*b, "synced_block");
      const json::object* from = content ? ObjectAt(*content, "synced_from") : nullptr;
      if (from) holder = StringAt(*from, "block_id");
    }
    if (!holder.empty()) node.children = Tree(holder, depth + 1);
    out.push_back(std::move(node));
  }
  return out;
}

json::object PulledMeetingNotes::Entry(const json::object& block, const std::string& page_id) const {
  const std::string id = StringAt(block, "id");
  const json::object* content = ObjectAt(block, StringAt(block, "type"));
  const json::object empty;
  const json::object& c = content ? *content : empty;
  json::object o{{"id", id}, {"parent", json::object{{"type", "page_id"}, {"page_id", page_id}}}};
  const json::value* title = Find(c, "title");
  o["title"] = title && title->is_array() ? *title : json::value(json::array{});
  const std::string status = StringAt(c, "status");
  o["status"] = status.empty() ? "notes_ready" : status;
  for (const char* key : {"calendar_event", "recording"}) {
    const json::value* v = Find(c, key);
    o[key] = v && v->is_object() ? *v : json::value(nullptr);
  }
  const json::object* tabs = ObjectAt(c, "children");
  api::markdown::RenderOptions options;
  options.page_id = id;  // the export renders a tab's blocks with the note as their page
  for (const Tab& tab : kTabs) {
    const std::string tab_id = tabs ? StringAt(*tabs, tab.id) : "";
    if (tab_id.empty()) continue;
    o[tab.content] = api::markdown::RenderMarkdown(Tree(tab_id, 0), options);
    o[tab.id] = tab_id;
  }
  const json::value* trashed = Find(block, "in_trash");
  o["in_trash"] = trashed && trashed->is_bool() ? *trashed : json::value(false);
  for (const char* key : {"created_time", "last_edited_time"}) {
    if (const json::value* v = Find(block, key)) o[key] = *v;
  }
  return o;
}

}  // namespace localnotion::cli
