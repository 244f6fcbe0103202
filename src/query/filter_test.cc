// Filters: every condition of every type, matching and not, on empty values too; compound
// filters and their depth limit; relative dates against a fixed `now`; and every error
// message exactly.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <tuple>

#include "query/filter.h"
#include "query/query_test_util.h"

namespace localnotion::query {
namespace {

using namespace testing;  // NOLINT

class FilterTest : public ::testing::Test {
 protected:
  schema::Schema schema_ = TestSchema();
  // Wednesday 12 June 2024, noon UTC.
  Millis now_ = Ms("2024-06-12T12:00:00.000Z");

  bool M(std::string_view filter, const Page& page) {
    auto f = ParseFilter(J(filter), schema_);
    EXPECT_TRUE(f.ok()) << filter << ": " << (f.ok() ? "" : f.error().message);
    if (!f.ok()) return false;
    return Matches(**f, page.facts(), now_);
  }
  // A property filter {property, <key>: <cond>}.
  bool P(std::string_view property, std::string_view key, std::string_view cond, const Page& page) {
    return M(fmt::format(R"({{"property":"{}","{}":{}}})", property, key, cond), page);
  }
  std::string Err(std::string_view filter) {
    auto f = ParseFilter(J(filter), schema_);
    if (f.ok()) return "accepted";
    EXPECT_EQ(f.error().code, ErrorCode::kValidationError);
    return f.error().message;
  }
};

// ---------------------------------------------------------------- text

TEST_F(FilterTest, TitleConditions) {
  Page p;
  p.Title("Write the Report");
  EXPECT_TRUE(P("Name", "title", R"({"equals":"Write the Report"})", p));
  EXPECT_FALSE(P("Name", "title", R"({"equals":"write the report"})", p));  // equals is exact
  EXPECT_FALSE(P("Name", "title", R"({"equals":"Write"})", p));
  EXPECT_TRUE(P("Name", "title", R"({"does_not_equal":"Write"})", p));
  EXPECT_FALSE(P("Name", "title", R"({"does_not_equal":"Write the Report"})", p));
  EXPECT_TRUE(P("Name", "title", R"({"contains":"the rep"})", p));  // contains ignores case
  EXPECT_FALSE(P("Name", "title", R"({"contains":"summary"})", p));
  EXPECT_TRUE(P("Name", "title", R"({"does_not_contain":"summary"})", p));
  EXPECT_FALSE(P("Name", "title", R"({"does_not_contain":"REPORT"})", p));
  EXPECT_TRUE(P("Name", "title", R"({"starts_with":"write"})", p));
  EXPECT_FALSE(P("Name", "title", R"({"starts_with":"Report"})", p));
  EXPECT_TRUE(P("Name", "title", R"({"ends_with":"REPORT"})", p));
  EXPECT_FALSE(P("Name", "title", R"({"ends_with":"Write"})", p));
  EXPECT_FALSE(P("Name", "title", R"({"is_empty":true})", p));
  EXPECT_TRUE(P("Name", "title", R"({"is_not_empty":true})", p));
}

TEST_F(FilterTest, TextConditionsOnEmptyValues) {
  Page empty;  // no value at all
  Page blank;
  blank.Title("").Notes("");
  for (const Page* p : {&empty, &blank}) {
    EXPECT_TRUE(P("Name", "title", R"({"is_empty":true})", *p));
    EXPECT_FALSE(P("Name", "title", R"({"is_not_empty":true})", *p));
    EXPECT_FALSE(P("Name", "title", R"({"equals":"x"})", *p));
    EXPECT_TRUE(P("Name", "title", R"({"does_not_equal":"x"})", *p));
    EXPECT_FALSE(P("Name", "title", R"({"contains":"x"})", *p));
    EXPECT_TRUE(P("Name", "title", R"({"does_not_contain":"x"})", *p));
    EXPECT_FALSE(P("Name", "title", R"({"starts_with":"x"})", *p));
    EXPECT_FALSE(P("Name", "title", R"({"ends_with":"x"})", *p));
    EXPECT_TRUE(P("Notes", "rich_text", R"({"is_empty":true})", *p));
  }
}

TEST_F(FilterTest, RichTextConcatenatesSegmentsAndFoldsNonAsciiCase) {
  Page p;
  json::array rt = RichText("Crème ");
  rt.push_back(RichText("BRÛLÉE")[0]);
  p.Set("rtxt", "rich_text", rt);
  EXPECT_TRUE(P("Notes", "rich_text", R"({"equals":"Crème BRÛLÉE"})", p));
  EXPECT_TRUE(P("Notes", "rich_text", R"({"contains":"me brûlée"})", p));
  EXPECT_TRUE(P("Notes", "rich_text", R"({"starts_with":"CRÈME"})", p));
  EXPECT_FALSE(P("Notes", "rich_text", R"({"contains":"creme"})", p));
}

TEST_F(FilterTest, UrlEmailPhoneConditions) {
  Page p;
  p.Link("https://example.com/a").Mail("Ann@Example.com").Phone("+1 555 0100");
  EXPECT_TRUE(P("Link", "url", R"({"equals":"https://example.com/a"})", p));
  EXPECT_TRUE(P("Link", "url", R"({"starts_with":"https://"})", p));
  EXPECT_FALSE(P("Link", "url", R"({"ends_with":".org"})", p));
  EXPECT_TRUE(P("Mail", "email", R"({"ends_with":"@example.com"})", p));
  EXPECT_TRUE(P("Mail", "email", R"({"does_not_equal":"bob@example.com"})", p));
  EXPECT_TRUE(P("Phone", "phone_number", R"({"contains":"555"})", p));
  EXPECT_FALSE(P("Phone", "phone_number", R"({"does_not_contain":"555"})", p));
  EXPECT_TRUE(P("Phone", "phone_number", R"({"is_not_empty":true})", p));
  Page none;
  none.Link(nullptr).Mail(nullptr).Phone(nullptr);
  EXPECT_TRUE(P("Link", "url", R"({"is_empty":true})", none));
  EXPECT_TRUE(P("Mail", "email", R"({"is_empty":true})", none));
  EXPECT_TRUE(P("Phone", "phone_number", R"({"is_empty":true})", none));
  EXPECT_FALSE(P("Phone", "phone_number", R"({"is_not_empty":true})", none));
}

TEST_F(FilterTest, TextFilterKeysAreInterchangeableAmongTextProperties) {
  Page p;
  p.Title("Alpha").Link("https://a");
  EXPECT_TRUE(P("Name", "rich_text", R"({"equals":"Alpha"})", p));
  EXPECT_TRUE(P("Link", "rich_text", R"({"starts_with":"https"})", p));
  EXPECT_TRUE(P("Notes", "title", R"({"is_empty":true})", p));
}

// ---------------------------------------------------------------- number

TEST_F(FilterTest, NumberConditions) {
  Page p;
  p.Count(42);
  EXPECT_TRUE(P("Count", "number", R"({"equals":42})", p));
  EXPECT_TRUE(P("Count", "number", R"({"equals":42.0})", p));
  EXPECT_FALSE(P("Count", "number", R"({"equals":41})", p));
  EXPECT_TRUE(P("Count", "number", R"({"does_not_equal":41})", p));
  EXPECT_FALSE(P("Count", "number", R"({"does_not_equal":42})", p));
  EXPECT_TRUE(P("Count", "number", R"({"greater_than":41.5})", p));
  EXPECT_FALSE(P("Count", "number", R"({"greater_than":42})", p));
  EXPECT_TRUE(P("Count", "number", R"({"less_than":100})", p));
  EXPECT_FALSE(P("Count", "number", R"({"less_than":42})", p));
  EXPECT_TRUE(P("Count", "number", R"({"greater_than_or_equal_to":42})", p));
  EXPECT_FALSE(P("Count", "number", R"({"greater_than_or_equal_to":43})", p));
  EXPECT_TRUE(P("Count", "number", R"({"less_than_or_equal_to":42})", p));
  EXPECT_FALSE(P("Count", "number", R"({"less_than_or_equal_to":-1})", p));
  EXPECT_FALSE(P("Count", "number", R"({"is_empty":true})", p));
  EXPECT_TRUE(P("Count", "number", R"({"is_not_empty":true})", p));
  Page zero;
  zero.Count(0);
  EXPECT_FALSE(P("Count", "number", R"({"is_empty":true})", zero));  // 0 is a value
  EXPECT_TRUE(P("Count", "number", R"({"less_than":0.5})", zero));
}

TEST_F(FilterTest, NumberConditionsOnEmptyValues) {
  Page p;
  p.Count(nullptr);
  EXPECT_TRUE(P("Count", "number", R"({"is_empty":true})", p));
  EXPECT_FALSE(P("Count", "number", R"({"is_not_empty":true})", p));
  EXPECT_FALSE(P("Count", "number", R"({"equals":0})", p));
  EXPECT_TRUE(P("Count", "number", R"({"does_not_equal":0})", p));
  EXPECT_FALSE(P("Count", "number", R"({"greater_than":-100})", p));
  EXPECT_FALSE(P("Count", "number", R"({"less_than":100})", p));
  EXPECT_FALSE(P("Count", "number", R"({"greater_than_or_equal_to":-100})", p));
  EXPECT_FALSE(P("Count", "number", R"({"less_than_or_equal_to":100})", p));
}

TEST_F(FilterTest, UniqueIdTakesNumberConditions) {
  Page p;
  p.Uid(7);
  EXPECT_TRUE(P("ID", "unique_id", R"({"equals":7})", p));
  EXPECT_FALSE(P("ID", "unique_id", R"({"equals":8})", p));
  EXPECT_TRUE(P("ID", "unique_id", R"({"does_not_equal":8})", p));
  EXPECT_TRUE(P("ID", "unique_id", R"({"greater_than":6})", p));
  EXPECT_FALSE(P("ID", "unique_id", R"({"less_than":7})", p));
  EXPECT_TRUE(P("ID", "unique_id", R"({"greater_than_or_equal_to":7})", p));
  EXPECT_TRUE(P("ID", "unique_id", R"({"less_than_or_equal_to":7})", p));
  EXPECT_TRUE(P("ID", "unique_id", R"({"is_not_empty":true})", p));
  EXPECT_FALSE(P("ID", "unique_id", R"({"is_empty":true})", p));
}

// ---------------------------------------------------------------- checkbox

TEST_F(FilterTest, CheckboxConditions) {
  Page on, off, missing;
  on.Done(true);
  off.Done(false);
  EXPECT_TRUE(P("Done", "checkbox", R"({"equals":true})", on));
  EXPECT_FALSE(P("Done", "checkbox", R"({"equals":true})", off));
  EXPECT_TRUE(P("Done", "checkbox", R"({"equals":false})", off));
  EXPECT_TRUE(P("Done", "checkbox", R"({"does_not_equal":true})", off));
  EXPECT_FALSE(P("Done", "checkbox", R"({"does_not_equal":true})", on));
  EXPECT_TRUE(P("Done", "checkbox", R"({"equals":false})", missing));  // no value is unchecked
}

// ---------------------------------------------------------------- select, status

TEST_F(FilterTest, SelectConditions) {
  Page bug, none;
  bug.Kind("o1", "Bug");
  none.NoKind();
  EXPECT_TRUE(P("Kind", "select", R"({"equals":"Bug"})", bug));
  EXPECT_FALSE(P("Kind", "select", R"({"equals":"bug"})", bug));
  EXPECT_FALSE(P("Kind", "select", R"({"equals":"Feature"})", bug));
  EXPECT_TRUE(P("Kind", "select", R"({"does_not_equal":"Feature"})", bug));
  EXPECT_FALSE(P("Kind", "select", R"({"does_not_equal":"Bug"})", bug));
  EXPECT_FALSE(P("Kind", "select", R"({"is_empty":true})", bug));
  EXPECT_TRUE(P("Kind", "select", R"({"is_not_empty":true})", bug));
  EXPECT_TRUE(P("Kind", "select", R"({"is_empty":true})", none));
  EXPECT_FALSE(P("Kind", "select", R"({"is_not_empty":true})", none));
  EXPECT_FALSE(P("Kind", "select", R"({"equals":"Bug"})", none));
  EXPECT_TRUE(P("Kind", "select", R"({"does_not_equal":"Bug"})", none));
}

TEST_F(FilterTest, StatusConditions) {
  Page p, none;
  p.State("s2", "In progress");
  none.Set("sta1", "status", nullptr);
  EXPECT_TRUE(P("State", "status", R"({"equals":"In progress"})", p));
  EXPECT_FALSE(P("State", "status", R"({"equals":"Done"})", p));
  EXPECT_TRUE(P("State", "status", R"({"does_not_equal":"Done"})", p));
  EXPECT_FALSE(P("State", "status", R"({"does_not_equal":"In progress"})", p));
  EXPECT_TRUE(P("State", "status", R"({"is_not_empty":true})", p));
  EXPECT_FALSE(P("State", "status", R"({"is_empty":true})", p));
  EXPECT_TRUE(P("State", "status", R"({"is_empty":true})", none));
}

TEST_F(FilterTest, MultiSelectConditions) {
  Page p, none;
  p.Tags({{"t1", "red"}, {"t3", "blue"}});
  none.Tags({});
  EXPECT_TRUE(P("Tags", "multi_select", R"({"contains":"red"})", p));
  EXPECT_TRUE(P("Tags", "multi_select", R"({"contains":"blue"})", p));
  EXPECT_FALSE(P("Tags", "multi_select", R"({"contains":"green"})", p));
  EXPECT_FALSE(P("Tags", "multi_select", R"({"contains":"re"})", p));  // whole option names
  EXPECT_TRUE(P("Tags", "multi_select", R"({"does_not_contain":"green"})", p));
  EXPECT_FALSE(P("Tags", "multi_select", R"({"does_not_contain":"red"})", p));
  EXPECT_FALSE(P("Tags", "multi_select", R"({"is_empty":true})", p));
  EXPECT_TRUE(P("Tags", "multi_select", R"({"is_not_empty":true})", p));
  EXPECT_TRUE(P("Tags", "multi_select", R"({"is_empty":true})", none));
  EXPECT_FALSE(P("Tags", "multi_select", R"({"contains":"red"})", none));
  EXPECT_TRUE(P("Tags", "multi_select", R"({"does_not_contain":"red"})", none));
}

// ---------------------------------------------------------------- date

TEST_F(FilterTest, DateOnlyValues) {
  Page p;
  p.Due("2024-05-20");
  EXPECT_TRUE(P("Due", "date", R"({"equals":"2024-05-20"})", p));
  EXPECT_FALSE(P("Due", "date", R"({"equals":"2024-05-21"})", p));
  // A date-time operand against a date-only value compares by day.
  EXPECT_TRUE(P("Due", "date", R"({"equals":"2024-05-20T18:00:00Z"})", p));
  EXPECT_TRUE(P("Due", "date", R"({"before":"2024-05-21"})", p));
  EXPECT_FALSE(P("Due", "date", R"({"before":"2024-05-20"})", p));
  EXPECT_TRUE(P("Due", "date", R"({"after":"2024-05-19"})", p));
  EXPECT_FALSE(P("Due", "date", R"({"after":"2024-05-20T23:00:00Z"})", p));
  EXPECT_TRUE(P("Due", "date", R"({"on_or_before":"2024-05-20"})", p));
  EXPECT_FALSE(P("Due", "date", R"({"on_or_before":"2024-05-19"})", p));
  EXPECT_TRUE(P("Due", "date", R"({"on_or_after":"2024-05-20"})", p));
  EXPECT_FALSE(P("Due", "date", R"({"on_or_after":"2024-05-21"})", p));
  EXPECT_TRUE(P("Due", "date", R"({"is_not_empty":true})", p));
  EXPECT_FALSE(P("Due", "date", R"({"is_empty":true})", p));
}

TEST_F(FilterTest, DateTimeValues) {
  Page p;
  p.Due("2024-05-20T10:30:00.000+02:00");  // 08:30 UTC
  // A date-only operand matches the whole (UTC) day.
  EXPECT_TRUE(P("Due", "date", R"({"equals":"2024-05-20"})", p));
  EXPECT_FALSE(P("Due", "date", R"({"equals":"2024-05-19"})", p));
  // Date-times compare to the millisecond.
  EXPECT_TRUE(P("Due", "date", R"({"equals":"2024-05-20T08:30:00.000Z"})", p));
  EXPECT_FALSE(P("Due", "date", R"({"equals":"2024-05-20T08:30:00.001Z"})", p));
  EXPECT_TRUE(P("Due", "date", R"({"before":"2024-05-20T08:30:00.001Z"})", p));
  EXPECT_FALSE(P("Due", "date", R"({"before":"2024-05-20T08:30:00.000Z"})", p));
  EXPECT_TRUE(P("Due", "date", R"({"after":"2024-05-20T08:29:59.999Z"})", p));
  EXPECT_FALSE(P("Due", "date", R"({"after":"2024-05-20T10:30:00+02:00"})", p));
  EXPECT_TRUE(P("Due", "date", R"({"on_or_before":"2024-05-20T10:30:00+02:00"})", p));
  EXPECT_TRUE(P("Due", "date", R"({"on_or_after":"2024-05-20T08:30:00Z"})", p));
  EXPECT_FALSE(P("Due", "date", R"({"on_or_after":"2024-05-20T08:30:01Z"})", p));
  // By day: not before its own day, on or before it.
  EXPECT_FALSE(P("Due", "date", R"({"before":"2024-05-20"})", p));
  EXPECT_TRUE(P("Due", "date", R"({"on_or_before":"2024-05-20"})", p));
  EXPECT_TRUE(P("Due", "date", R"({"after":"2024-05-19"})", p));
}

TEST_F(FilterTest, DateRangesCompareTheirStart) {
  Page p;
  p.Due("2024-05-20", "2024-05-25");
  EXPECT_TRUE(P("Due", "date", R"({"equals":"2024-05-20"})", p));
  EXPECT_FALSE(P("Due", "date", R"({"equals":"2024-05-22"})", p));
  EXPECT_TRUE(P("Due", "date", R"({"before":"2024-05-22"})", p));
}

TEST_F(FilterTest, DateConditionsOnEmptyValues) {
  Page p;
  p.NoDue();
  EXPECT_TRUE(P("Due", "date", R"({"is_empty":true})", p));
  EXPECT_FALSE(P("Due", "date", R"({"is_not_empty":true})", p));
  for (const char* c : {R"({"equals":"2024-05-20"})", R"({"before":"2030-01-01"})", R"({"after":"2000-01-01"})",
                        R"({"on_or_before":"2030-01-01"})", R"({"on_or_after":"2000-01-01"})", R"({"past_year":{}})",
                        R"({"next_year":{}})", R"({"this_week":{}})"}) {
    EXPECT_FALSE(P("Due", "date", c, p)) << c;
  }
}

TEST_F(FilterTest, RelativeDatesAgainstNow) {
  // now_ is Wednesday 2024-06-12 12:00 UTC.
  auto due = [&](const char* start, const char* cond) {
    Page p;
    p.Due(start);
    return P("Due", "date", cond, p);
  };
  // this_week: Sunday 9 June .. Saturday 15 June.
  EXPECT_TRUE(due("2024-06-09", R"({"this_week":{}})"));
  EXPECT_TRUE(due("2024-06-15T23:59:00Z", R"({"this_week":{}})"));
  EXPECT_FALSE(due("2024-06-08", R"({"this_week":{}})"));
  EXPECT_FALSE(due("2024-06-16", R"({"this_week":{}})"));
  // past_week: 5 June .. today.
  EXPECT_TRUE(due("2024-06-05", R"({"past_week":{}})"));
  EXPECT_TRUE(due("2024-06-12T18:00:00Z", R"({"past_week":{}})"));
  EXPECT_FALSE(due("2024-06-04", R"({"past_week":{}})"));
  EXPECT_FALSE(due("2024-06-13", R"({"past_week":{}})"));
  // past_month: 12 May .. today.
  EXPECT_TRUE(due("2024-05-12", R"({"past_month":{}})"));
  EXPECT_FALSE(due("2024-05-11", R"({"past_month":{}})"));
  EXPECT_FALSE(due("2024-06-20", R"({"past_month":{}})"));
  // past_year: 12 June 2023 .. today.
  EXPECT_TRUE(due("2023-06-12", R"({"past_year":{}})"));
  EXPECT_FALSE(due("2023-06-11", R"({"past_year":{}})"));
  // next_week: today .. 19 June.
  EXPECT_TRUE(due("2024-06-12", R"({"next_week":{}})"));
  EXPECT_TRUE(due("2024-06-19", R"({"next_week":{}})"));
  EXPECT_FALSE(due("2024-06-20", R"({"next_week":{}})"));
  EXPECT_FALSE(due("2024-06-11", R"({"next_week":{}})"));
  // next_month: today .. 12 July.
  EXPECT_TRUE(due("2024-07-12", R"({"next_month":{}})"));
  EXPECT_FALSE(due("2024-07-13", R"({"next_month":{}})"));
  // next_year: today .. 12 June 2025.
  EXPECT_TRUE(due("2025-06-12", R"({"next_year":{}})"));
  EXPECT_FALSE(due("2025-06-13", R"({"next_year":{}})"));
  EXPECT_FALSE(due("2024-06-01", R"({"next_year":{}})"));
}

TEST_F(FilterTest, PastMonthClampsToTheEndOfTheMonth) {
  now_ = Ms("2024-03-31T10:00:00Z");
  Page p;
  p.Due("2024-02-29");
  EXPECT_TRUE(P("Due", "date", R"({"past_month":{}})", p));
  p.Due("2024-02-28");
  EXPECT_FALSE(P("Due", "date", R"({"past_month":{}})", p));
}

// ---------------------------------------------------------------- timestamps

TEST_F(FilterTest, TimestampFilters) {
  Page p;  // created 2024-06-01T08:00:00.000Z, edited 2024-06-10T09:30:15.250Z
  EXPECT_TRUE(M(R"({"timestamp":"created_time","created_time":{"equals":"2024-06-01"}})", p));
  EXPECT_FALSE(M(R"({"timestamp":"created_time","created_time":{"after":"2024-06-01"}})", p));
  EXPECT_TRUE(M(R"({"timestamp":"created_time","created_time":{"before":"2024-06-01T08:00:00.001Z"}})", p));
  EXPECT_TRUE(M(R"({"timestamp":"last_edited_time","last_edited_time":{"past_week":{}}})", p));
  EXPECT_FALSE(M(R"({"timestamp":"created_time","created_time":{"past_week":{}}})", p));
  // Timestamps keep their milliseconds (the page object shows them cut to the minute).
  EXPECT_TRUE(M(R"({"timestamp":"last_edited_time","last_edited_time":{"after":"2024-06-10T09:30:00.000Z"}})", p));
  EXPECT_FALSE(M(R"({"timestamp":"last_edited_time","last_edited_time":{"after":"2024-06-10T09:30:15.250Z"}})", p));
  EXPECT_TRUE(
      M(R"({"timestamp":"last_edited_time","last_edited_time":{"on_or_after":"2024-06-10T09:30:15.250Z"}})", p));
  EXPECT_TRUE(M(R"({"timestamp":"created_time","type":"created_time","created_time":{"is_not_empty":true}})", p));
  EXPECT_FALSE(M(R"({"timestamp":"created_time","created_time":{"is_empty":true}})", p));
}

TEST_F(FilterTest, CreatedAndEditedTimeProperties) {
  Page p;
  EXPECT_TRUE(P("Created", "created_time", R"({"on_or_after":"2024-06-01"})", p));
  EXPECT_FALSE(P("Created", "created_time", R"({"after":"2024-06-01"})", p));
  EXPECT_TRUE(P("Edited", "last_edited_time", R"({"equals":"2024-06-10"})", p));
  EXPECT_TRUE(P("etm1", "last_edited_time", R"({"next_week":{}})", p) == false);
  EXPECT_TRUE(P("Created", "date", R"({"before":"2024-06-02"})", p));  // the date key reads them too
  EXPECT_FALSE(P("Created", "created_time", R"({"is_empty":true})", p));
}

// ---------------------------------------------------------------- people, relation, files

TEST_F(FilterTest, PeopleConditions) {
  Page p, none;
  p.Owners({{kUserA, "Ann"}});
  none.Owners({});
  EXPECT_TRUE(P("Owner", "people", fmt::format(R"({{"contains":"{}"}})", kUserA), p));
  // Ids may come without dashes and in upper case.
  EXPECT_TRUE(P("Owner", "people", R"({"contains":"598337872CF94FDF8782E53DB20768A5"})", p));
  EXPECT_FALSE(P("Owner", "people", fmt::format(R"({{"contains":"{}"}})", kUserB), p));
  EXPECT_TRUE(P("Owner", "people", fmt::format(R"({{"does_not_contain":"{}"}})", kUserB), p));
  EXPECT_FALSE(P("Owner", "people", fmt::format(R"({{"does_not_contain":"{}"}})", kUserA), p));
  EXPECT_FALSE(P("Owner", "people", R"({"is_empty":true})", p));
  EXPECT_TRUE(P("Owner", "people", R"({"is_not_empty":true})", p));
  EXPECT_TRUE(P("Owner", "people", R"({"is_empty":true})", none));
  EXPECT_FALSE(P("Owner", "people", R"({"is_not_empty":true})", none));
  EXPECT_TRUE(P("Owner", "people", fmt::format(R"({{"does_not_contain":"{}"}})", kUserA), none));
}

TEST_F(FilterTest, CreatedByAndLastEditedBy) {
  Page p;  // created by A, edited by B
  EXPECT_TRUE(P("Creator", "created_by", fmt::format(R"({{"contains":"{}"}})", kUserA), p));
  EXPECT_FALSE(P("Creator", "created_by", fmt::format(R"({{"contains":"{}"}})", kUserB), p));
  EXPECT_TRUE(P("Creator", "created_by", fmt::format(R"({{"does_not_contain":"{}"}})", kUserB), p));
  EXPECT_TRUE(P("Editor", "last_edited_by", fmt::format(R"({{"contains":"{}"}})", kUserB), p));
  EXPECT_FALSE(P("Editor", "last_edited_by", fmt::format(R"({{"does_not_contain":"{}"}})", kUserB), p));
  EXPECT_FALSE(P("Editor", "last_edited_by", R"({"is_empty":true})", p));
  EXPECT_TRUE(P("Editor", "last_edited_by", R"({"is_not_empty":true})", p));
  EXPECT_TRUE(P("Creator", "people", fmt::format(R"({{"contains":"{}"}})", kUserA), p));
}

TEST_F(FilterTest, RelationConditions) {
  Page p, none;
  p.Related({kPage1});
  none.Related({});
  EXPECT_TRUE(P("Related", "relation", fmt::format(R"({{"contains":"{}"}})", kPage1), p));
  EXPECT_FALSE(P("Related", "relation", fmt::format(R"({{"contains":"{}"}})", kPage2), p));
  EXPECT_TRUE(P("Related", "relation", fmt::format(R"({{"does_not_contain":"{}"}})", kPage2), p));
  EXPECT_FALSE(P("Related", "relation", fmt::format(R"({{"does_not_contain":"{}"}})", kPage1), p));
  EXPECT_FALSE(P("Related", "relation", R"({"is_empty":true})", p));
  EXPECT_TRUE(P("Related", "relation", R"({"is_not_empty":true})", p));
  EXPECT_TRUE(P("Related", "relation", R"({"is_empty":true})", none));
  EXPECT_FALSE(P("Related", "relation", R"({"is_not_empty":true})", none));
}

TEST_F(FilterTest, FilesConditions) {
  Page p, none;
  p.Files({"a.pdf"});
  none.Files({});
  EXPECT_TRUE(P("Files", "files", R"({"is_not_empty":true})", p));
  EXPECT_FALSE(P("Files", "files", R"({"is_empty":true})", p));
  EXPECT_TRUE(P("Files", "files", R"({"is_empty":true})", none));
  EXPECT_FALSE(P("Files", "files", R"({"is_not_empty":true})", none));
  EXPECT_TRUE(P("Files", "files", R"({"is_empty":true})", Page()));
}

// ---------------------------------------------------------------- formula

TEST_F(FilterTest, FormulaByResultType) {
  Page s, n, b, d, empty;
  s.Formula(R"({"type":"string","string":"Hello world"})");
  n.Formula(R"({"type":"number","number":12.5})");
  b.Formula(R"({"type":"boolean","boolean":true})");
  d.Formula(R"({"type":"date","date":{"start":"2024-06-10","end":null,"time_zone":null}})");
  empty.Formula(R"({"type":"string","string":null})");
  EXPECT_TRUE(P("F", "formula", R"({"string":{"contains":"WORLD"}})", s));
  EXPECT_FALSE(P("F", "formula", R"({"string":{"equals":"Hello"}})", s));
  EXPECT_TRUE(P("F", "formula", R"({"string":{"is_empty":true}})", empty));
  EXPECT_TRUE(P("F", "formula", R"({"number":{"greater_than":12}})", n));
  EXPECT_FALSE(P("F", "formula", R"({"number":{"less_than":12}})", n));
  EXPECT_TRUE(P("F", "formula", R"({"checkbox":{"equals":true}})", b));
  EXPECT_FALSE(P("F", "formula", R"({"checkbox":{"does_not_equal":true}})", b));
  EXPECT_TRUE(P("F", "formula", R"({"date":{"on_or_after":"2024-06-10"}})", d));
  EXPECT_TRUE(P("F", "formula", R"({"date":{"past_week":{}}})", d));
  EXPECT_FALSE(P("F", "formula", R"({"date":{"after":"2024-06-10"}})", d));
  // A result of another type reads as empty.
  EXPECT_FALSE(P("F", "formula", R"({"number":{"equals":12.5}})", s));
  EXPECT_TRUE(P("F", "formula", R"({"number":{"is_empty":true}})", s));
  EXPECT_FALSE(P("F", "formula", R"({"string":{"contains":"12"}})", n));
  EXPECT_FALSE(P("F", "formula", R"({"checkbox":{"equals":true}})", s));
}

// ---------------------------------------------------------------- rollup

TEST_F(FilterTest, RollupAnyEveryNone) {
  Page p;
  p.Rollup(R"({"type":"array","function":"show_original","array":[
      {"type":"number","number":3},{"type":"number","number":10}]})");
  EXPECT_TRUE(P("R", "rollup", R"({"any":{"number":{"greater_than":5}}})", p));
  EXPECT_FALSE(P("R", "rollup", R"({"any":{"number":{"greater_than":50}}})", p));
  EXPECT_FALSE(P("R", "rollup", R"({"every":{"number":{"greater_than":5}}})", p));
  EXPECT_TRUE(P("R", "rollup", R"({"every":{"number":{"greater_than":1}}})", p));
  EXPECT_TRUE(P("R", "rollup", R"({"none":{"number":{"equals":4}}})", p));
  EXPECT_FALSE(P("R", "rollup", R"({"none":{"number":{"equals":3}}})", p));
}

TEST_F(FilterTest, RollupItemsOfEachType) {
  Page p;
  p.Rollup(R"({"type":"array","function":"show_original","array":[
      {"type":"title","title":[{"type":"text","text":{"content":"Alpha","link":null},"plain_text":"Alpha","href":null}]},
      {"type":"title","title":[{"type":"text","text":{"content":"Beta","link":null},"plain_text":"Beta","href":null}]}]})");
  EXPECT_TRUE(P("R", "rollup", R"({"any":{"rich_text":{"equals":"Beta"}}})", p));
  EXPECT_TRUE(P("R", "rollup", R"({"every":{"rich_text":{"is_not_empty":true}}})", p));
  EXPECT_TRUE(P("R", "rollup", R"({"none":{"rich_text":{"contains":"gamma"}}})", p));
  EXPECT_FALSE(P("R", "rollup", R"({"every":{"rich_text":{"starts_with":"a"}}})", p));

  Page q;
  q.Rollup(R"({"type":"array","function":"show_original","array":[
      {"type":"select","select":{"id":"x","name":"High","color":"red"}},
      {"type":"status","status":{"id":"y","name":"Done","color":"green"}},
      {"type":"multi_select","multi_select":[{"id":"t1","name":"red","color":"red"}]},
      {"type":"checkbox","checkbox":true},
      {"type":"date","date":{"start":"2024-06-11","end":null,"time_zone":null}},
      {"type":"people","people":[{"object":"user","id":"59833787-2cf9-4fdf-8782-e53db20768a5"}]},
      {"type":"relation","relation":[{"id":"11111111-1111-4111-8111-111111111111"}]},
      {"type":"files","files":[]}]})");
  EXPECT_TRUE(P("R", "rollup", R"({"any":{"select":{"equals":"High"}}})", q));
  EXPECT_TRUE(P("R", "rollup", R"({"any":{"status":{"equals":"Done"}}})", q));
  EXPECT_TRUE(P("R", "rollup", R"({"any":{"multi_select":{"contains":"red"}}})", q));
  EXPECT_TRUE(P("R", "rollup", R"({"any":{"checkbox":{"equals":true}}})", q));
  EXPECT_TRUE(P("R", "rollup", R"({"any":{"date":{"past_week":{}}}})", q));
  EXPECT_TRUE(P("R", "rollup", fmt::format(R"({{"any":{{"people":{{"contains":"{}"}}}}}})", kUserA), q));
  EXPECT_TRUE(P("R", "rollup", fmt::format(R"({{"any":{{"relation":{{"contains":"{}"}}}}}})", kPage1), q));
  EXPECT_FALSE(P("R", "rollup", fmt::format(R"({{"any":{{"relation":{{"contains":"{}"}}}}}})", kPage2), q));
  EXPECT_TRUE(P("R", "rollup", R"({"any":{"files":{"is_empty":true}}})", q));
  EXPECT_FALSE(P("R", "rollup", R"({"every":{"select":{"equals":"High"}}})", q));
}

TEST_F(FilterTest, RollupOverNoRelatedPages) {
  Page p;
  p.Rollup(R"({"type":"array","function":"show_original","array":[]})");
  EXPECT_FALSE(P("R", "rollup", R"({"any":{"number":{"equals":1}}})", p));
  EXPECT_TRUE(P("R", "rollup", R"({"every":{"number":{"equals":1}}})", p));
  EXPECT_TRUE(P("R", "rollup", R"({"none":{"number":{"equals":1}}})", p));
}

TEST_F(FilterTest, RollupNumberAndDate) {
  Page sum, latest, none;
  sum.Rollup(R"({"type":"number","number":15,"function":"sum"})");
  latest.Rollup(R"({"type":"date","date":{"start":"2024-06-01","end":null,"time_zone":null},"function":"latest_date"})");
  none.Rollup(R"({"type":"number","number":null,"function":"max"})");
  EXPECT_TRUE(P("R", "rollup", R"({"number":{"equals":15}})", sum));
  EXPECT_FALSE(P("R", "rollup", R"({"number":{"greater_than":15}})", sum));
  EXPECT_TRUE(P("R", "rollup", R"({"number":{"is_empty":true}})", none));
  EXPECT_TRUE(P("R", "rollup", R"({"date":{"on_or_after":"2024-06-01"}})", latest));
  EXPECT_FALSE(P("R", "rollup", R"({"date":{"before":"2024-06-01"}})", latest));
  EXPECT_TRUE(P("R", "rollup", R"({"date":{"past_month":{}}})", latest));
  EXPECT_FALSE(P("R", "rollup", R"({"date":{"equals":"2024-06-01"}})", sum));  // a number rollup has no date
  EXPECT_TRUE(P("R", "rollup", R"({"any":{"number":{"greater_than":10}}})", sum));  // one item of its own
}

// ---------------------------------------------------------------- by name or id; compound

TEST_F(FilterTest, PropertyByNameOrId) {
  Page p;
  p.Count(5);
  EXPECT_TRUE(P("Count", "number", R"({"equals":5})", p));
  EXPECT_TRUE(P("numb", "number", R"({"equals":5})", p));
  EXPECT_TRUE(M(R"({"property":"Count","type":"number","number":{"equals":5}})", p));
}

TEST_F(FilterTest, ValuesKeyedByNameAreFoundToo) {
  json::object values;
  values["Count"] = json::object{{"id", "numb"}, {"type", "number"}, {"number", 5}};
  auto f = ParseFilter(J(R"({"property":"Count","number":{"equals":5}})"), schema_);
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(Matches(**f, PageFacts{&values, 0, 0, "", ""}, now_));
}

TEST_F(FilterTest, AndOr) {
  Page p;
  p.Title("Alpha").Count(3).Done(true);
  EXPECT_TRUE(M(R"({"and":[{"property":"Name","title":{"equals":"Alpha"}},
                           {"property":"Count","number":{"greater_than":2}}]})", p));
  EXPECT_FALSE(M(R"({"and":[{"property":"Name","title":{"equals":"Alpha"}},
                            {"property":"Count","number":{"greater_than":3}}]})", p));
  EXPECT_TRUE(M(R"({"or":[{"property":"Name","title":{"equals":"Beta"}},
                          {"property":"Count","number":{"equals":3}}]})", p));
  EXPECT_FALSE(M(R"({"or":[{"property":"Name","title":{"equals":"Beta"}},
                           {"property":"Count","number":{"equals":4}}]})", p));
}

TEST_F(FilterTest, NestedTwoLevels) {
  Page p;
  p.Title("Alpha").Count(3).Done(true);
  const char* f = R"({"and":[
      {"property":"Done","checkbox":{"equals":true}},
      {"or":[{"property":"Name","title":{"equals":"Beta"}},
             {"and":[{"property":"Count","number":{"equals":3}},
                     {"timestamp":"created_time","created_time":{"before":"2025-01-01"}}]}]}]})";
  // {and:[{or:[{and:...}]}]} is three levels: refused. Two levels work:
  EXPECT_NE(Err(f), "accepted");
  EXPECT_TRUE(M(R"({"and":[
      {"property":"Done","checkbox":{"equals":true}},
      {"or":[{"property":"Name","title":{"equals":"Beta"}},
             {"property":"Count","number":{"equals":3}}]}]})", p));
  EXPECT_FALSE(M(R"({"or":[
      {"property":"Done","checkbox":{"equals":false}},
      {"and":[{"property":"Name","title":{"equals":"Alpha"}},
              {"property":"Count","number":{"equals":4}}]}]})", p));
}

TEST_F(FilterTest, EmptyCompoundsMatchEverything) {
  Page p;
  EXPECT_TRUE(M(R"({"and":[]})", p));
  EXPECT_TRUE(M(R"({"or":[]})", p));
  EXPECT_TRUE(M(R"({"and":[{"or":[]}]})", p));
}

// ---------------------------------------------------------------- errors

TEST_F(FilterTest, UnknownProperty) {
  EXPECT_EQ(Err(R"({"property":"Nope","number":{"equals":1}})"), "Could not find property with name or id: Nope");
  EXPECT_EQ(Err(R"({"or":[{"property":"Count","number":{"equals":1}},{"property":"Gone","title":{"is_empty":true}}]})"),
            "Could not find property with name or id: Gone");
}

TEST_F(FilterTest, TypeMismatch) {
  EXPECT_EQ(Err(R"({"property":"Count","rich_text":{"equals":"x"}})"),
            "The property type in the database does not match the property type of the filter provided: database "
            "property number does not match filter rich_text");
  EXPECT_EQ(Err(R"({"property":"Name","number":{"equals":1}})"),
            "The property type in the database does not match the property type of the filter provided: database "
            "property title does not match filter number");
  EXPECT_EQ(Err(R"({"property":"Kind","status":{"equals":"Bug"}})"),
            "The property type in the database does not match the property type of the filter provided: database "
            "property select does not match filter status");
  EXPECT_EQ(Err(R"({"property":"ID","number":{"equals":1}})"),
            "The property type in the database does not match the property type of the filter provided: database "
            "property unique_id does not match filter number");
  EXPECT_EQ(Err(R"({"property":"Go","rich_text":{"is_empty":true}})"),
            "The property type in the database does not match the property type of the filter provided: database "
            "property button does not match filter rich_text");
}

TEST_F(FilterTest, VerificationStatus) {
  Page verified, expired, unverified, missing;
  verified.Verification("verified");
  expired.Verification("expired");
  unverified.Verification("unverified");
  for (auto [status, v, e, u] : {std::tuple{"verified", true, false, false}, std::tuple{"expired", false, true, false},
                                 std::tuple{"none", false, false, true}}) {
    std::string cond = fmt::format(R"({{"status":"{}"}})", status);
    EXPECT_EQ(P("Verified", "verification", cond, verified), v) << status;
    EXPECT_EQ(P("Verified", "verification", cond, expired), e) << status;
    EXPECT_EQ(P("Verified", "verification", cond, unverified), u) << status;
    EXPECT_EQ(P("Verified", "verification", cond, missing), u) << status;  // no value: unverified
  }
  EXPECT_EQ(Err(R"({"property":"Verified","verification":{"status":"unverified"}})"),
            "body failed validation: body.filter.verification.status should be `\"verified\"`, `\"expired\"`, or "
            "`\"none\"`, instead was `\"unverified\"`.");
  EXPECT_EQ(Err(R"({"property":"Verified","verification":{}})"),
            "body failed validation. Fix one:\nbody.filter.verification.status should be defined, instead was "
            "`undefined`.");
  EXPECT_EQ(Err(R"({"property":"Verified","verification":{"equals":"verified"}})"),
            "body failed validation: body.filter.verification.equals should be not present, instead was "
            "`\"verified\"`.");
  EXPECT_EQ(Err(R"({"property":"Verified","checkbox":{"equals":true}})"),
            "The property type in the database does not match the property type of the filter provided: database "
            "property verification does not match filter checkbox");
}

TEST_F(FilterTest, GrammarErrorsComeBeforeUnknownProperties) {
  EXPECT_EQ(Err(R"({"and":[{"property":"Nope","number":{"equals":1}},{"property":"Count","number":{"equals":"1"}}]})"),
            "body failed validation: body.filter.and[1].number.equals should be a number, instead was `\"1\"`.");
}

TEST_F(FilterTest, OperandTypeErrors) {
  EXPECT_EQ(Err(R"({"property":"Count","number":{"greater_than":"x"}})"),
            "body failed validation: body.filter.number.greater_than should be a number, instead was `\"x\"`.");
  EXPECT_EQ(Err(R"({"property":"Name","title":{"contains":5}})"),
            "body failed validation: body.filter.title.contains should be a string, instead was `5`.");
  EXPECT_EQ(Err(R"({"property":"Done","checkbox":{"equals":"true"}})"),
            "body failed validation: body.filter.checkbox.equals should be a boolean, instead was `\"true\"`.");
  EXPECT_EQ(Err(R"({"property":"Kind","select":{"equals":null}})"),
            "body failed validation: body.filter.select.equals should be a string, instead was `null`.");
  EXPECT_EQ(Err(R"({"property":"Due","date":{"after":"yesterday"}})"),
            "body failed validation: body.filter.date.after should be a valid ISO 8601 date string, instead was "
            "`\"yesterday\"`.");
  EXPECT_EQ(Err(R"({"property":"Due","date":{"past_week":true}})"),
            "body failed validation: body.filter.date.past_week should be an object, instead was `true`.");
  EXPECT_EQ(Err(R"({"property":"Due","date":{"past_week":{"days":3}}})"),
            "body failed validation: body.filter.date.past_week.days should be not present, instead was `3`.");
  EXPECT_EQ(Err(R"({"property":"Due","date":{"is_empty":false}})"),
            "body failed validation: body.filter.date.is_empty should be `true`, instead was `false`.");
  EXPECT_EQ(Err(R"({"property":"Owner","people":{"contains":"bob"}})"),
            "body failed validation: body.filter.people.contains should be a valid uuid, instead was `\"bob\"`.");
  EXPECT_EQ(Err(R"({"property":"Related","relation":{"does_not_contain":12}})"),
            "body failed validation: body.filter.relation.does_not_contain should be a valid uuid, instead was `12`.");
  EXPECT_EQ(Err(R"({"property":"Count","number":5})"),
            "body failed validation: body.filter.number should be an object, instead was `5`.");
  EXPECT_EQ(Err(R"({"timestamp":"created_time","created_time":{"on_or_after":"2024-13-01"}})"),
            "body failed validation: body.filter.created_time.on_or_after should be a valid ISO 8601 date string, "
            "instead was `\"2024-13-01\"`.");
}

TEST_F(FilterTest, UnknownOrExtraConditions) {
  EXPECT_EQ(Err(R"({"property":"Count","number":{"bogus":1}})"),
            "body failed validation: body.filter.number.bogus should be not present, instead was `1`.");
  EXPECT_EQ(Err(R"({"property":"Count","number":{"equals":1,"greater_than":0}})"),
            "body failed validation: body.filter.number.greater_than should be not present, instead was `0`.");
  EXPECT_EQ(Err(R"({"property":"Done","checkbox":{"is_empty":true}})"),
            "body failed validation: body.filter.checkbox.is_empty should be not present, instead was `true`.");
  EXPECT_EQ(Err(R"({"property":"Files","files":{"contains":"a"}})"),
            "body failed validation: body.filter.files.contains should be not present, instead was `\"a\"`.");
  EXPECT_EQ(Err(R"({"property":"Kind","select":{"contains":"a"}})"),
            "body failed validation: body.filter.select.contains should be not present, instead was `\"a\"`.");
  EXPECT_EQ(Err(R"({"property":"Count","number":{"equals":1},"extra":true})"),
            "body failed validation: body.filter.extra should be not present, instead was `true`.");
  EXPECT_EQ(Err(R"({"property":"Count","number":{"equals":1},"title":{"equals":"x"}})"),
            "body failed validation: body.filter.title should be not present, instead was `{\"equals\":\"x\"}`.");
  EXPECT_EQ(Err(R"({"property":"Count","type":"title","number":{"equals":1}})"),
            "body failed validation: body.filter.type should be `\"number\"`, instead was `\"title\"`.");
}

TEST_F(FilterTest, EmptyConditionListsTheAlternatives) {
  EXPECT_EQ(Err(R"({"property":"Done","checkbox":{}})"),
            "body failed validation. Fix one:\n"
            "body.filter.checkbox.equals should be defined, instead was `undefined`.\n"
            "body.filter.checkbox.does_not_equal should be defined, instead was `undefined`.");
  EXPECT_EQ(Err(R"({"property":"Files","files":{}})"),
            "body failed validation. Fix one:\n"
            "body.filter.files.is_empty should be defined, instead was `undefined`.\n"
            "body.filter.files.is_not_empty should be defined, instead was `undefined`.");
  EXPECT_EQ(Err(R"({"property":"F","formula":{}})"),
            "body failed validation. Fix one:\n"
            "body.filter.formula.string should be defined, instead was `undefined`.\n"
            "body.filter.formula.checkbox should be defined, instead was `undefined`.\n"
            "body.filter.formula.number should be defined, instead was `undefined`.\n"
            "body.filter.formula.date should be defined, instead was `undefined`.");
}

TEST_F(FilterTest, FormulaAndRollupGrammar) {
  EXPECT_EQ(Err(R"({"property":"F","formula":{"text":{"equals":"x"}}})"),
            "body failed validation: body.filter.formula.text should be not present, instead was "
            "`{\"equals\":\"x\"}`.");
  EXPECT_EQ(Err(R"({"property":"F","formula":{"number":{"equals":"x"}}})"),
            "body failed validation: body.filter.formula.number.equals should be a number, instead was `\"x\"`.");
  EXPECT_EQ(Err(R"({"property":"R","rollup":{"some":{}}})"),
            "body failed validation: body.filter.rollup.some should be not present, instead was `{}`.");
  EXPECT_EQ(Err(R"({"property":"R","rollup":{"any":{"title":{"equals":"x"}}}})"),
            "body failed validation: body.filter.rollup.any.title should be not present, instead was "
            "`{\"equals\":\"x\"}`.");
  EXPECT_EQ(Err(R"({"property":"R","rollup":{"every":{"number":{"greater_than":true}}}})"),
            "body failed validation: body.filter.rollup.every.number.greater_than should be a number, instead was "
            "`true`.");
  EXPECT_EQ(Err(R"({"property":"R","rollup":{"any":{}}})"),
            "body failed validation. Fix one:\n"
            "body.filter.rollup.any.rich_text should be defined, instead was `undefined`.\n"
            "body.filter.rollup.any.number should be defined, instead was `undefined`.\n"
            "body.filter.rollup.any.checkbox should be defined, instead was `undefined`.\n"
            "body.filter.rollup.any.select should be defined, instead was `undefined`.\n"
            "body.filter.rollup.any.multi_select should be defined, instead was `undefined`.\n"
            "body.filter.rollup.any.relation should be defined, instead was `undefined`.\n"
            "body.filter.rollup.any.date should be defined, instead was `undefined`.\n"
            "body.filter.rollup.any.people should be defined, instead was `undefined`.\n"
            "body.filter.rollup.any.files should be defined, instead was `undefined`.\n"
            "body.filter.rollup.any.status should be defined, instead was `undefined`.");
  EXPECT_EQ(Err(R"({"property":"R","rollup":{}})"),
            "body failed validation. Fix one:\n"
            "body.filter.rollup.any should be defined, instead was `undefined`.\n"
            "body.filter.rollup.none should be defined, instead was `undefined`.\n"
            "body.filter.rollup.every should be defined, instead was `undefined`.\n"
            "body.filter.rollup.date should be defined, instead was `undefined`.\n"
            "body.filter.rollup.number should be defined, instead was `undefined`.");
}

// The filter keys in the order of the 2026-03-11 OpenAPI's propertyFilter union (verification last).
std::string TopLevelUnion(std::string_view path, bool with_compound) {
  std::string msg = "body failed validation. Fix one:";
  std::vector<std::string_view> keys;
  if (with_compound) keys = {"or", "and"};
  for (std::string_view k : {"title", "rich_text", "number", "checkbox", "select", "multi_select", "status", "date",
                             "people", "files", "url", "email", "phone_number", "relation", "created_by",
                             "created_time", "last_edited_by", "last_edited_time", "formula", "unique_id", "rollup",
                             "verification"}) {
    keys.push_back(k);
  }
  for (std::string_view k : keys) msg += fmt::format("\n{}.{} should be defined, instead was `undefined`.", path, k);
  return msg;
}

TEST_F(FilterTest, NeitherPropertyNorCompound) {
  EXPECT_EQ(Err(R"({"property":"Name","text":{"equals":"x"}})"), TopLevelUnion("body.filter", true));
  EXPECT_EQ(Err(R"({})"), TopLevelUnion("body.filter", true));
  EXPECT_EQ(Err(R"({"and":[{"property":"Name"}]})"), TopLevelUnion("body.filter.and[0]", true));
}

TEST_F(FilterTest, DepthLimit) {
  // A third level of and/or is not part of the grammar: the item must be a property or
  // timestamp filter.
  EXPECT_EQ(Err(R"({"and":[{"or":[{"and":[{"property":"Count","number":{"equals":1}}]}]}]})"),
            TopLevelUnion("body.filter.and[0].or[0]", false));
  EXPECT_EQ(Err(R"({"or":[{"property":"Count","number":{"equals":1}},{"or":[{"or":[]}]}]})"),
            TopLevelUnion("body.filter.or[1].or[0]", false));
}

TEST_F(FilterTest, ShapeErrors) {
  EXPECT_EQ(Err(R"("Name")"), "body failed validation: body.filter should be an object, instead was `\"Name\"`.");
  EXPECT_EQ(Err(R"({"and":{"property":"Name"}})"),
            "body failed validation: body.filter.and should be an array, instead was `{\"property\":\"Name\"}`.");
  EXPECT_EQ(Err(R"({"or":[1]})"), "body failed validation: body.filter.or[0] should be an object, instead was `1`.");
  EXPECT_EQ(Err(R"({"and":[],"or":[]})"),
            "body failed validation: body.filter.or should be not present, instead was `[]`.");
  EXPECT_EQ(Err(R"({"and":[],"property":"Name"})"),
            "body failed validation: body.filter.property should be not present, instead was `\"Name\"`.");
  EXPECT_EQ(Err(R"({"title":{"equals":"x"}})"),
            "body failed validation: body.filter.property should be defined, instead was `undefined`.");
  EXPECT_EQ(Err(R"({"property":3,"title":{"equals":"x"}})"),
            "body failed validation: body.filter.property should be a string, instead was `3`.");
  std::string many = R"({"or":[)";
  for (int i = 0; i < 101; ++i) many += std::string(i ? "," : "") + R"({"property":"Done","checkbox":{"equals":true}})";
  many += "]}";
  EXPECT_EQ(Err(many), "body failed validation: body.filter.or.length should be ≤ `100`, instead was `101`.");
}

TEST_F(FilterTest, TimestampErrors) {
  EXPECT_EQ(Err(R"({"timestamp":"edited","created_time":{}})"),
            "body failed validation: body.filter.timestamp should be `\"created_time\"` or `\"last_edited_time\"`, "
            "instead was `\"edited\"`.");
  EXPECT_EQ(Err(R"({"timestamp":"created_time"})"),
            "body failed validation: body.filter.created_time should be defined, instead was `undefined`.");
  EXPECT_EQ(Err(R"({"timestamp":"created_time","last_edited_time":{"past_week":{}}})"),
            "body failed validation: body.filter.last_edited_time should be not present, instead was "
            "`{\"past_week\":{}}`.");
  EXPECT_EQ(Err(R"({"timestamp":"last_edited_time","last_edited_time":{"contains":"x"}})"),
            "body failed validation: body.filter.last_edited_time.contains should be not present, instead was "
            "`\"x\"`.");
}

}  // namespace
}  // namespace localnotion::query
