// ReadMeetingNotesQuery: nested filters, value forms, sorts, limit, and exact errors.
#include "validation/meeting_notes_query_body.h"

#include <gtest/gtest.h>

#include "validation/body_test_util.h"

namespace localnotion::validation {
namespace {

// 2026-03-11T12:00:00Z, day 20523.
constexpr Millis kNow = 1773230400000;

TEST(ReadMeetingNotesQuery, DefaultsAndNestedFilter) {
  auto empty = ReadMeetingNotesQuery(BodyJson("{}"), kNow);
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->filter.has_value());
  EXPECT_TRUE(empty->sorts.empty());
  EXPECT_EQ(empty->limit, 50);

  auto r = ReadMeetingNotesQuery(BodyJson(R"({"filter":{"operator":"and","filters":[
      {"property":"title","filter":{"operator":"string_contains","value":{"type":"exact","value":"Weekly"}}},
      {"operator":"or","filters":[
        {"property":"attendees","filter":{"operator":"is_not_empty"}},
        {"property":"created_time","filter":{"operator":"date_is_within",
          "value":{"type":"relative","value":"custom","direction":"past","unit":"week","count":2}}}]}]},
    "sort":[{"property":"title","direction":"descending"}],"limit":3})"),
                                 kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(r->filter && r->filter->is_group);
  EXPECT_FALSE(r->filter->any);
  ASSERT_EQ(r->filter->filters.size(), 2u);
  EXPECT_EQ(r->filter->filters[0].condition.op, "string_contains");
  EXPECT_EQ(r->filter->filters[0].condition.text, "Weekly");
  const MeetingNoteFilter& inner = r->filter->filters[1];
  EXPECT_TRUE(inner.is_group && inner.any);
  const MeetingNoteCondition& within = inner.filters[1].condition;
  EXPECT_EQ(within.kind, MeetingNoteKind::kDate);
  EXPECT_EQ(within.date.first_day, 20523 - 14);
  EXPECT_EQ(within.date.last_day, 20523);
  ASSERT_EQ(r->sorts.size(), 1u);
  EXPECT_TRUE(r->sorts[0].descending);
  EXPECT_EQ(r->limit, 3);
}

TEST(ReadMeetingNotesQuery, DateAndPersonValues) {
  auto r = ReadMeetingNotesQuery(BodyJson(R"({"filter":{"operator":"or","filters":[
      {"property":"created_time","filter":{"operator":"date_is","value":{"type":"relative","value":"yesterday"}}},
      {"property":"last_edited_time","filter":{"operator":"date_is_after",
        "value":{"type":"exact","value":{"type":"datetime","start_date":"2026-03-11","start_time":"09:30",
                                          "time_zone":"Europe/Paris"}}}},
      {"property":"created_by","filter":{"operator":"person_contains",
        "value":[{"type":"exact","value":{"table":"notion_user","id":"598337872cf94fdf8782e53db20768a5"}}]}}]}})"),
                                 kNow);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& f = r->filter->filters;
  EXPECT_EQ(f[0].condition.date.first_day, 20522);
  EXPECT_TRUE(f[1].condition.date.is_datetime);
  // 09:30 in Paris (UTC+1 in March before the change) is 08:30 UTC.
  EXPECT_EQ(f[1].condition.date.minute, 20523 * 1440 + 8 * 60 + 30);
  EXPECT_EQ(f[2].condition.user_ids, std::vector<std::string>{"59833787-2cf9-4fdf-8782-e53db20768a5"});
}

TEST(ReadMeetingNotesQuery, Errors) {
  auto q = [](std::string_view body) { return ReadMeetingNotesQuery(BodyJson(body), kNow); };
  ExpectValidationError(q(R"({"cursor":"x"})"),
                        "body failed validation: body.cursor should be not present, instead was `\"x\"`.");
  ExpectValidationError(q(R"({"filter":{"operator":"xor"}})"),
                        "body failed validation: body.filter.operator should be `\"and\"` or `\"or\"`, instead was "
                        "`\"xor\"`.");
  ExpectValidationError(q(R"({"filter":{"operator":"and","filters":[{"property":"status","filter":{}}]}})"),
                        "body failed validation: body.filter.filters[0].property should be `\"title\"`, "
                        "`\"attendees\"`, `\"created_time\"`, `\"created_by\"`, `\"last_edited_time\"`, or "
                        "`\"last_edited_by\"`, instead was `\"status\"`.");
  ExpectValidationError(
      q(R"({"filter":{"operator":"and","filters":[{"property":"title","filter":{"operator":"date_is"}}]}})"),
      "body failed validation: body.filter.filters[0].filter.operator should be `\"string_is\"`, "
      "`\"string_is_not\"`, `\"string_contains\"`, `\"string_does_not_contain\"`, `\"string_starts_with\"`, "
      "`\"string_ends_with\"`, `\"is_empty\"`, or `\"is_not_empty\"`, instead was `\"date_is\"`.");
  ExpectValidationError(
      q(R"({"filter":{"operator":"and","filters":[{"property":"title","filter":{"operator":"string_is"}}]}})"),
      "body failed validation: body.filter.filters[0].filter.value should be defined, instead was `undefined`.");
  ExpectValidationError(
      q(R"({"filter":{"operator":"and","filters":[{"property":"created_time","filter":{"operator":"date_is",
        "value":{"type":"exact","value":{"type":"date","start_date":"11/03/2026"}}}}]}})"),
      "body failed validation: body.filter.filters[0].filter.value.value.start_date should be a date string "
      "(YYYY-MM-DD), instead was `\"11/03/2026\"`.");
  ExpectValidationError(
      q(R"({"filter":{"operator":"and","filters":[{"operator":"or","filters":[{"operator":"and","filters":[
        {"operator":"or","filters":[]}]}]}]}})"),
      "body failed validation: body.filter.filters[0].filters[0].filters[0] nests filter groups deeper than 3 "
      "levels; it may hold conditions only.");
  ExpectValidationError(q(R"({"sort":[{"property":"status","direction":"ascending"}]})"),
                        "body failed validation: body.sort[0].property should be `\"title\"`, `\"attendees\"`, "
                        "`\"created_time\"`, `\"created_by\"`, `\"last_edited_time\"`, or `\"last_edited_by\"`, "
                        "instead was `\"status\"`.");
  ExpectValidationError(q(R"({"limit":51})"),
                        "body failed validation: body.limit should be ≤ `50` or `undefined`, instead was `51`.");
  ExpectValidationError(q(R"({"limit":0})"),
                        "body failed validation: body.limit should be ≥ `1` or `undefined`, instead was `0`.");
  ExpectValidationError(q(R"({"limit":"5"})"),
                        "body failed validation: body.limit should be a number or `undefined`, instead was `\"5\"`.");
}

}  // namespace
}  // namespace localnotion::validation
