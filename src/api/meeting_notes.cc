#include "api/meeting_notes.h"

#include <array>

#include "api/rich_text.h"

namespace localnotion::api {

bool IsMeetingNotesStatus(std::string_view status) {
  static constexpr std::array<std::string_view, 6> kStatuses = {"transcription_not_started", "transcription_paused",
                                                                "transcription_in_progress", "transcription_failed",
                                                                "summary_in_progress",       "notes_ready"};
  for (std::string_view s : kStatuses) {
    if (s == status) return true;
  }
  return false;
}

json::object MeetingNotesContent(const MeetingNotesView& view) {
  json::object o;
  o["title"] = view.title;
  o["status"] = view.status;
  json::object children;
  if (!view.summary_block_id.empty()) children["summary_block_id"] = view.summary_block_id;
  if (!view.notes_block_id.empty()) children["notes_block_id"] = view.notes_block_id;
  if (!view.transcript_block_id.empty()) children["transcript_block_id"] = view.transcript_block_id;
  o["children"] = std::move(children);
  if (view.calendar_event) o["calendar_event"] = *view.calendar_event;
  if (view.recording) o["recording"] = *view.recording;
  return o;
}

json::object PlainTextItem(std::string_view text) {
  return json::object{{"type", "text"},
                      {"text", json::object{{"content", text}, {"link", nullptr}}},
                      {"annotations", DefaultAnnotations()},
                      {"plain_text", text},
                      {"href", nullptr}};
}

json::object MeetingNotesQueryResponse(json::array results, bool has_more) {
  return json::object{{"results", std::move(results)}, {"has_more", has_more}};
}

}  // namespace localnotion::api
