// MatchesMeetingNote and OrderMeetingNotes over hand-made notes.
#include "query/meeting_notes_filter.h"

#include <gtest/gtest.h>

#include "common/json.h"

namespace localnotion::query {
namespace {

constexpr Millis kNow = 1773230400000;  // 2026-03-11T12:00:00Z
constexpr const char* kAda = "11111111-1111-4111-8111-111111111111";

validation::MeetingNoteFilter Filter(std::string_view body) {
  auto v = ParseJson(body);
  EXPECT_TRUE(v.has_value());
  auto q = validation::ReadMeetingNotesQuery(json::value(json::object{{"filter", *v}}), kNow);
  EXPECT_TRUE(q.ok()) << q.error().message;
  return q.ok() ? *q->filter : validation::MeetingNoteFilter{};
}

MeetingNoteFields Note(std::string title, Millis created, std::vector<std::string> attendees = {}) {
  MeetingNoteFields f;
  f.title = std::move(title);
  f.created_time = created;
  f.last_edited_time = created;
  f.created_by = "bot";
  f.attendees = std::move(attendees);
  return f;
}

TEST(MeetingNotesFilter, TextCaseInsensitive) {
  auto f = Filter(R"({"operator":"and","filters":[{"property":"title","filter":{"operator":"string_starts_with",
    "value":{"type":"exact","value":"weekly"}}}]})");
  EXPECT_TRUE(MatchesMeetingNote(f, Note("Weekly sync", kNow)));
  EXPECT_FALSE(MatchesMeetingNote(f, Note("Retro", kNow)));
  auto empty = Filter(R"({"operator":"and","filters":[{"property":"title","filter":{"operator":"is_empty"}}]})");
  EXPECT_TRUE(MatchesMeetingNote(empty, Note("", kNow)));
  EXPECT_FALSE(MatchesMeetingNote(empty, Note("x", kNow)));
}

TEST(MeetingNotesFilter, DatesByDayAndOrGroups) {
  auto f = Filter(R"({"operator":"or","filters":[
    {"property":"created_time","filter":{"operator":"date_is","value":{"type":"relative","value":"yesterday"}}},
    {"property":"attendees","filter":{"operator":"person_contains",
      "value":[{"type":"exact","value":{"table":"notion_user","id":"11111111-1111-4111-8111-111111111111"}}]}}]})");
  EXPECT_TRUE(MatchesMeetingNote(f, Note("a", kNow - 86400000)));
  EXPECT_FALSE(MatchesMeetingNote(f, Note("a", kNow)));
  EXPECT_TRUE(MatchesMeetingNote(f, Note("a", kNow, {kAda})));
  auto before = Filter(R"({"operator":"and","filters":[{"property":"created_time","filter":{
    "operator":"date_is_before","value":{"type":"exact","value":{"type":"date","start_date":"2026-03-11"}}}}]})");
  EXPECT_TRUE(MatchesMeetingNote(before, Note("a", kNow - 86400000)));
  EXPECT_FALSE(MatchesMeetingNote(before, Note("a", kNow)));
  // An empty top-level filter passes everything.
  EXPECT_TRUE(MatchesMeetingNote(Filter(R"({"operator":"and"})"), Note("a", kNow)));
}

TEST(MeetingNotesFilter, OrderNewestFirstByDefaultAndBySort) {
  std::vector<MeetingNoteFields> notes = {Note("b", 1000), Note("C", 3000), Note("a", 2000)};
  EXPECT_EQ(OrderMeetingNotes(notes, {}), (std::vector<size_t>{1, 2, 0}));
  EXPECT_EQ(OrderMeetingNotes(notes, {{"title", false}}), (std::vector<size_t>{2, 0, 1}));
  EXPECT_EQ(OrderMeetingNotes(notes, {{"created_time", false}}), (std::vector<size_t>{0, 2, 1}));
}

}  // namespace
}  // namespace localnotion::query
