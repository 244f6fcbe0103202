#include "validation/view_body.h"

#include <gtest/gtest.h>

#include "validation/body_test_util.h"
#include "validation/view_config.h"

namespace localnotion::validation {
namespace {

constexpr const char* kDb = "248104cd-477e-80fd-b757-e945d38000bd";

TEST(ViewBodyTest, ReadsACreateBodyForEachTarget) {
  const json::value body1 = BodyJson(
      R"({"database_id":"248104cd477e80fdb757e945d38000bd","data_source_id":"248104cd-477e-80af-bc30-000bd28de8f9",
          "name":"N","type":"table","position":{"type":"after_view","view_id":"a3f1b2c4-5678-4def-abcd-1234567890ab"},
          "filter":{"property":"P","checkbox":{"equals":true}}})");
  auto b = ReadCreateViewBody(body1);
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(b->target, ViewTarget::kDatabase);
  EXPECT_EQ(b->database_id, kDb);
  EXPECT_EQ(b->position, "after_view");
  EXPECT_EQ(b->after_view_id, "a3f1b2c4-5678-4def-abcd-1234567890ab");
  ASSERT_NE(b->filter, nullptr);

  const json::value body2 = BodyJson(
      R"({"view_id":"a3f1b2c4-5678-4def-abcd-1234567890ab","data_source_id":"248104cd-477e-80af-bc30-000bd28de8f9",
          "name":"W","type":"list","placement":{"type":"existing_row","row_index":2}})");
  auto w = ReadCreateViewBody(body2);
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_EQ(w->target, ViewTarget::kDashboard);
  EXPECT_EQ(w->placement, "existing_row");
  EXPECT_EQ(w->row_index, 2);

  const json::value body3 = BodyJson(
      R"({"create_database":{"parent":{"type":"page_id","page_id":"248104cd477e80fdb757e945d38000bd"}},
          "data_source_id":"248104cd-477e-80af-bc30-000bd28de8f9","name":"L","type":"table"})");
  auto l = ReadCreateViewBody(body3);
  ASSERT_TRUE(l.ok()) << l.error().message;
  EXPECT_EQ(l->target, ViewTarget::kCreateDatabase);
  EXPECT_EQ(l->parent_page_id, kDb);
}

TEST(ViewBodyTest, RefusesBadCreateBodies) {
  const std::string ds = R"("data_source_id":"248104cd-477e-80af-bc30-000bd28de8f9")";
  const json::value body4 = BodyJson("{" + ds + R"(,"name":"N","type":"table"})");
  ExpectValidationError(ReadCreateViewBody(body4),
                        "body failed validation. Fix one:\n"
                        "body.database_id should be defined, instead was `undefined`.\n"
                        "body.view_id should be defined, instead was `undefined`.\n"
                        "body.create_database should be defined, instead was `undefined`.");
  const json::value body5 =
      BodyJson("{" + ds + R"(,"name":"N","type":"table","database_id":")" + kDb + R"(","view_id":")" + kDb + R"("})");
  ExpectValidationError(
      ReadCreateViewBody(body5),
      std::string("body failed validation: body.view_id should be not present, instead was `\"") + kDb + "\"`.");
  const json::value body6 = BodyJson(R"({"name":"N","type":"table","database_id":")" + std::string(kDb) + R"("})");
  ExpectValidationError(ReadCreateViewBody(body6),
                        "body failed validation: body.data_source_id should be defined, instead was `undefined`.");
  const json::value body7 =
      BodyJson("{" + ds + R"(,"name":"N","type":"table","database_id":")" + kDb + R"(","position":{"type":"middle"}})");
  ExpectValidationError(
      ReadCreateViewBody(body7),
      "body failed validation: body.position.type should be `\"start\"`, `\"end\"`, or `\"after_view\"`, instead was "
      "`\"middle\"`.");
  const json::value body8 =
      BodyJson("{" + ds + R"(,"name":"N","type":"table","database_id":")" + kDb + R"(","colour":1})");
  ExpectValidationError(ReadCreateViewBody(body8),
                        "body failed validation: body.colour should be not present, instead was `1`.");
  const json::value body9 =
      BodyJson("{" + ds + R"(,"name":"N","type":"table","database_id":")" + kDb + R"(","quick_filters":{"Status":3}})");
  ExpectValidationError(ReadCreateViewBody(body9),
                        "body failed validation: body.quick_filters.Status should be an object, instead was `3`.");
}

TEST(ViewBodyTest, ChecksConfigurationsPerType) {
  auto check = [](const char* config, const char* type) { return CheckViewConfiguration(BodyJson(config), type); };
  EXPECT_TRUE(
      check(R"({"type":"table","wrap_cells":true,"group_by":null,"properties":[{"property_id":"t","width":1}]})",
            "table")
          .ok());
  EXPECT_TRUE(check(R"({"type":"chart","chart_type":"donut","donut_labels":"name","reference_lines":[
                        {"value":1,"label":"L","color":"red","dash_style":"dash"}]})",
                    "chart")
                  .ok());
  ExpectValidationError(check(R"({"type":"board","group_by":null})", "board"),
                        "body failed validation: body.configuration.group_by should be defined, instead was `null`.");
  ExpectValidationError(check(R"({"type":"table","wrap_cells":null})", "table"),
                        "body failed validation: body.configuration.wrap_cells should be defined, instead was `null`.");
  ExpectValidationError(
      check(R"({"type":"board","group_by":{"type":"status","property_id":"s","sort":{"type":"manual"}}})", "board"),
      "body failed validation: body.configuration.group_by.group_by should be defined, instead was `undefined`.");
  ExpectValidationError(
      check(R"({"type":"table","properties":[{"property_id":"t","date_format":"iso"}]})", "table"),
      "body failed validation: body.configuration.properties[0].date_format should be `\"full\"`, `\"short\"`, "
      "`\"month_day_year\"`, `\"day_month_year\"`, `\"year_month_day\"`, or `\"relative\"`, instead was `\"iso\"`.");
  ExpectValidationError(check(R"({"type":"list","cover":{"type":"page_cover"}})", "list"),
                        "body failed validation: body.configuration.cover should be not present, instead was "
                        "`{\"type\":\"page_cover\"}`.");
  ExpectValidationError(check(R"({"wrap_cells":true})", "table"),
                        "body failed validation: body.configuration.type should be defined, instead was `undefined`.");
}

TEST(ViewBodyTest, MergesConfigurationsShallowly) {
  json::value current = BodyJson(R"({"type":"table","wrap_cells":true,"group_by":{"type":"checkbox"}})");
  json::value merged = MergeViewConfiguration(
      current, BodyJson(R"({"type":"table","group_by":null,"frozen_column_index":2})").get_object());
  EXPECT_EQ(SerializeJson(merged), R"({"type":"table","wrap_cells":true,"frozen_column_index":2})");
  EXPECT_TRUE(MergeViewConfiguration(nullptr, BodyJson(R"({"type":"table"})").get_object()).is_null());
}

TEST(ViewBodyTest, ReadsUpdatesAndQueryBodies) {
  // The result points into the body, so the body outlives it.
  const json::value body = BodyJson(R"({"name":"X","filter":null,"quick_filters":{"A":null}})");
  auto u = ReadUpdateViewBody(body, "table");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->name, "X");
  ASSERT_NE(u->filter, nullptr);
  EXPECT_TRUE(u->filter->is_null());
  EXPECT_EQ(u->sorts, nullptr);
  const json::value bad_sorts = BodyJson(R"({"sorts":[{"timestamp":"created_time"}]})");
  ExpectValidationError(ReadUpdateViewBody(bad_sorts, "table"),
                        "body failed validation: body.sorts[0].property should be defined, instead was `undefined`.");
  EXPECT_EQ(*ReadViewQueryBody(BodyJson("{}")), 100);
  EXPECT_EQ(*ReadViewQueryBody(BodyJson(R"({"page_size":5})")), 5);
  ExpectValidationError(ReadViewQueryBody(BodyJson(R"({"page_size":500})")),
                        "body failed validation: body.page_size should be ≤ `100` or `undefined`, instead was `500`.");
  ExpectValidationError(ReadViewQueryBody(BodyJson(R"({"filter":{}})")),
                        "body failed validation: body.filter should be not present, instead was `{}`.");
}

}  // namespace
}  // namespace localnotion::validation
