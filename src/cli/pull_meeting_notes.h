// AI meeting notes in `localnotion pull` (docs/fixtures.md "Pulling a workspace"). Under
// Notion-Version 2025-09-03 a meeting notes block is `"type": "transcription"` (it is
// `meeting_notes` from 2026-03-11, with the same object:
// https://developers.notion.com/reference/block#meeting-notes), and the block children
// endpoint lists its Summary, Notes and Transcript tabs under it, whose ids its
// `children` names; the crawl reads them as it reads any block with children. A fixture
// holds a note in `meeting_notes`, each tab's content as enhanced markdown
// (https://developers.notion.com/guides/data-apis/enhanced-markdown), which the pull
// renders from the tab's blocks as the export does (api/markdown/render.h).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "api/markdown/render.h"
#include "common/json.h"

namespace localnotion::cli {

class PulledMeetingNotes {
 public:
  // `blocks`: every block the crawl read (PulledWorkspace::blocks), which outlive this.
  explicit PulledMeetingNotes(const std::vector<json::object>& blocks);

  // Whether `block` is a meeting notes block (`transcription` or `meeting_notes`).
  static bool Is(const json::object& block);

  // The fixture's entry for the note `block` on the page `page_id`: id, parent, title,
  // status, calendar_event and recording (`null` when the block has none), for each tab
  // the block names its markdown and id, in_trash and times. Authors are the caller's.
  json::object Entry(const json::object& block, const std::string& page_id) const;

 private:
  // The blocks under `id` as the markdown renderer takes them: children of children, not
  // into sub-pages or databases, a synced block reference showing its original's.
  std::vector<api::markdown::MdNode> Tree(const std::string& id, int depth) const;

  std::map<std::string, std::vector<const json::object*>> children_;  // by parent id, in crawl order
};

}  // namespace localnotion::cli
