// POST /v1/blocks/meeting_notes and POST /v1/blocks/meeting_notes/query, and the
// storing of a meeting note with its tabs (shared with fixtures). Choices where Notion
// documents no behaviour: docs/compat.md ("Meeting notes").
#include "service/blocks/meeting_notes.h"

#include <fmt/format.h>

#include "api/meeting_notes.h"
#include "api/messages.h"
#include "api/rich_text.h"
#include "common/uuid.h"
#include "query/meeting_notes_filter.h"
#include "service/blocks/block_tree.h"
#include "service/blocks/blocks.h"
#include "service/uploads/uploads.h"
#include "validation/meeting_note_body.h"
#include "validation/meeting_notes_query_body.h"

namespace localnotion::service::blocks {
namespace {

// A tab: a toggle block titled "Summary", "Notes" or "Transcript", in its stored form.
Result<validation::NewBlock> TabBlock(std::string_view title) {
  json::array request{json::object{
      {"type", "toggle"},
      {"toggle", json::object{{"rich_text", json::array{json::object{{"text", json::object{{"content", title}}}}}}}}}};
  LN_ASSIGN_OR_RETURN(std::vector<validation::NewBlock> blocks, validation::CheckChildren("tab", request));
  return std::move(blocks.front());
}

// Writes `blocks` (and theirs) under the block `parent_id`, with the times and authors
// of `like`.
Status WriteTree(Context& ctx, const Caller& caller, const std::string& parent_id,
                 std::vector<validation::NewBlock>& blocks, const storage::BlockRecord& like, WriteMode mode) {
  int64_t position = 0;
  for (validation::NewBlock& b : blocks) {
    storage::BlockRecord row = like;
    row.id = NewUuid();
    row.parent_type = "block_id";
    row.parent_id = parent_id;
    row.position = ++position;
    row.type = b.type;
    row.content = std::move(b.content);
    row.in_trash = false;
    LN_RETURN_IF_ERROR(ctx.WriteBlock(caller, nullptr, row, mode));
    LN_RETURN_IF_ERROR(WriteTree(ctx, caller, row.id, b.children, like, mode));
  }
  return OkStatus();
}

// Audio and video can be transcribed; Notion's guide: "WebM audio is not supported".
bool Transcribable(std::string_view content_type) {
  if (content_type == "audio/webm") return false;
  return content_type.starts_with("audio/") || content_type.starts_with("video/");
}

Error NotTranscribable(std::string_view what, std::string_view content_type) {
  return ValidationError(fmt::format(
      "{} has content type `{}`. Meeting notes can be made from audio or video only (WebM audio is not supported).",
      what, content_type));
}

std::string ContentTypeOf(const json::object& stored) {
  const json::value* file = Find(stored, "file");
  const json::value* ct = file && file->is_object() ? Find(file->get_object(), "content_type") : nullptr;
  return ct && ct->is_string() ? std::string(ct->get_string()) : std::string();
}

std::string FilenameOf(const json::object& stored) {
  const json::value* file = Find(stored, "file");
  const json::value* name = file && file->is_object() ? Find(file->get_object(), "filename") : nullptr;
  return name && name->is_string() ? std::string(name->get_string()) : std::string();
}

query::MeetingNoteFields FieldsOf(const storage::BlockRecord& row) {
  query::MeetingNoteFields f;
  if (const json::value* title = Find(row.content, "title"); title && title->is_array()) {
    f.title = api::PlainText(title->get_array());
  }
  const json::value* event = Find(row.content, "calendar_event");
  const json::value* attendees = event && event->is_object() ? Find(event->get_object(), "attendees") : nullptr;
  if (attendees && attendees->is_array()) {
    for (const json::value& a : attendees->get_array()) {
      if (a.is_string()) f.attendees.emplace_back(a.get_string());
    }
  }
  f.created_time = row.created_time;
  f.created_by = row.created_by;
  f.last_edited_time = row.last_edited_time;
  f.last_edited_by = row.last_edited_by;
  return f;
}

}  // namespace

Result<storage::BlockRecord> StoreMeetingNote(Context& ctx, const Caller& caller, NewMeetingNote& note,
                                              std::optional<int64_t> after_position, WriteMode mode) {
  storage::BlockRecord row = note.row;
  if (row.id.empty()) row.id = NewUuid();
  if (after_position) {
    LN_RETURN_IF_ERROR(ctx.store().ShiftBlockPositions(row.parent_id, *after_position, 1));
    row.position = *after_position + 1;
  } else {
    LN_ASSIGN_OR_RETURN(int64_t last, ctx.store().LastBlockPosition(row.parent_id));
    row.position = last + 1;
  }
  row.type = "meeting_notes";
  struct Tab {
    std::string_view title;
    bool make;
    std::string* id;
    std::vector<validation::NewBlock>* content;
  };
  std::vector<Tab> tabs = {{kSummaryTab, note.make_summary, &note.view.summary_block_id, &note.summary},
                           {kNotesTab, note.make_notes, &note.view.notes_block_id, &note.notes},
                           {kTranscriptTab, note.make_transcript, &note.view.transcript_block_id, &note.transcript}};
  for (Tab& tab : tabs) {
    if (tab.make && tab.id->empty()) *tab.id = NewUuid();
  }
  row.content = api::MeetingNotesContent(note.view);
  LN_RETURN_IF_ERROR(ctx.WriteBlock(caller, nullptr, row, mode));
  int64_t position = 0;
  for (Tab& tab : tabs) {
    if (tab.id->empty()) continue;
    LN_ASSIGN_OR_RETURN(validation::NewBlock block, TabBlock(tab.title));
    storage::BlockRecord tab_row = row;
    tab_row.id = *tab.id;
    tab_row.parent_type = "block_id";
    tab_row.parent_id = row.id;
    tab_row.position = ++position;
    tab_row.type = block.type;
    tab_row.content = std::move(block.content);
    tab_row.in_trash = false;
    LN_RETURN_IF_ERROR(ctx.WriteBlock(caller, nullptr, tab_row, mode));
    LN_RETURN_IF_ERROR(WriteTree(ctx, caller, tab_row.id, *tab.content, row, mode));
  }
  return row;
}

Result<json::value> CreateMeetingNote(Context& ctx, const Caller& caller, const json::value& body) {
  LN_ASSIGN_OR_RETURN(validation::MeetingNoteCreate req, validation::ReadMeetingNoteCreate(body));
  NewMeetingNote note;
  std::optional<int64_t> after_position;
  std::string recording_name;
  if (req.source_type == "file_upload") {
    LN_ASSIGN_OR_RETURN(LoadedPage parent, ctx.LoadPage(req.parent_page_id));
    if (parent.trashed || parent.ancestor_trashed) return api::ArchivedError();
    // The upload is checked (the caller's, `uploaded`) and marked attached as any
    // attachment is; a failure later rolls that back with the rest of the request.
    json::value request(json::object{{"file_upload", json::object{{"id", req.source_id}}}});
    LN_ASSIGN_OR_RETURN(json::value stored, uploads::AttachFileUpload(ctx, caller, request, "body.source"));
    const std::string content_type = ContentTypeOf(stored.get_object());
    if (!Transcribable(content_type)) {
      return NotTranscribable(fmt::format("File upload {}", req.source_id), content_type);
    }
    recording_name = FilenameOf(stored.get_object());
    note.row.parent_type = "page_id";
    note.row.parent_id = parent.page.id;
  } else {
    // Notion: "Read content is also required to use an existing block as the source".
    if (!ctx.ReadsContent()) return MissingCapability();
    LN_ASSIGN_OR_RETURN(BlockTarget source, LoadBlockTarget(ctx, req.source_id));
    if (source.self_trashed || source.ancestor_trashed) return api::ArchivedError();
    if (!source.row || (source.type != "audio" && source.type != "video" && source.type != "file")) {
      return ValidationError(
          fmt::format("Block {} is a {} block. Meeting notes can be made from an audio, video or file block only.",
                      source.id, source.type));
    }
    const json::value* kind = Find(source.row->content, "type");
    if (kind == nullptr || *kind != "file") {
      return ValidationError(fmt::format(
          "Block {} holds an external file. Meeting notes can be made from a block backed by a file upload only.",
          source.id));
    }
    const std::string content_type = ContentTypeOf(source.row->content);
    if (!Transcribable(content_type)) return NotTranscribable(fmt::format("Block {}", source.id), content_type);
    recording_name = FilenameOf(source.row->content);
    note.row.parent_type = source.row->parent_type;
    note.row.parent_id = source.row->parent_id;
    after_position = source.row->position;
  }
  // Without a title the note is named after its recording (Notion makes one up when it
  // summarizes; it may replace a given one too).
  note.view.title = json::array{api::PlainTextItem(req.title.value_or(recording_name))};
  if (req.title && req.title->empty()) note.view.title.clear();
  note.view.status = "notes_ready";
  note.make_summary = req.kickoff_summary;
  const Millis now = NowMillis();
  note.row.created_time = note.row.last_edited_time = now;
  note.row.created_by = note.row.last_edited_by = caller.integration.bot_user_id;
  LN_ASSIGN_OR_RETURN(storage::BlockRecord row, StoreMeetingNote(ctx, caller, note, after_position, WriteMode::kEdit));
  // Without read content the answer is the partial block, the first member of the
  // response union ({object, id}).
  if (!ctx.ReadsContent()) return json::value(json::object{{"object", "block"}, {"id", row.id}});
  return RenderBlockRow(ctx, caller, row, false);
}

Result<json::value> QueryMeetingNotes(Context& ctx, const Caller& caller, const json::value& body) {
  LN_ASSIGN_OR_RETURN(validation::MeetingNotesQuery req, validation::ReadMeetingNotesQuery(body, NowMillis()));
  LN_ASSIGN_OR_RETURN(std::vector<storage::BlockRecord> rows, ctx.store().ListBlocksOfType("meeting_notes"));
  std::vector<query::MeetingNoteFields> fields;
  std::vector<size_t> row_of;  // the row of each entry of `fields`
  for (size_t i = 0; i < rows.size(); ++i) {
    const storage::BlockRecord& row = rows[i];
    if (row.in_trash) continue;
    LN_ASSIGN_OR_RETURN(bool visible, ctx.Visible("block", row.id));
    if (!visible) continue;
    LN_ASSIGN_OR_RETURN(bool trashed, ctx.ContainerTrashed(row.parent_type, row.parent_id));
    if (trashed) continue;
    query::MeetingNoteFields f = FieldsOf(row);
    if (req.filter && !query::MatchesMeetingNote(*req.filter, f)) continue;
    fields.push_back(std::move(f));
    row_of.push_back(i);
  }
  std::vector<size_t> order = query::OrderMeetingNotes(fields, req.sorts);
  const bool has_more = order.size() > static_cast<size_t>(req.limit);
  if (has_more) order.resize(static_cast<size_t>(req.limit));
  json::array results;
  results.reserve(order.size());
  for (size_t i : order) {
    LN_ASSIGN_OR_RETURN(json::value block, RenderBlockRow(ctx, caller, rows[row_of[i]], false));
    results.push_back(std::move(block));
  }
  return json::value(api::MeetingNotesQueryResponse(std::move(results), has_more));
}

}  // namespace localnotion::service::blocks
