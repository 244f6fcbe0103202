// The page body checks of PATCH/POST /v1/pages: the top level (CheckUpdateBody,
// CheckCreateBody) and the property keys and values against a schema (CheckProperties).
#include "validation/page_write.h"

#include <gtest/gtest.h>

#include <string>

#include "common/json.h"
#include "testing/json.h"
#include "testing/matchers.h"

namespace localnotion::validation {
namespace {

using api::ApiVersion;

using testing::ErrorIs;
using testing::J;

// A database schema with one property of most types and one read-only formula.
schema::Schema TestSchema() {
  return schema::Schema{
      {"title", "Name", "title", {}},
      {"p%3Ax", "Price", "number", json::object{{"format", "number"}}},
      {"note", "Notes", "rich_text", {}},
      {"stg1", "Stage", "select",
       json::object{{"options", J(R"([{"id":"o1","name":"Red","color":"red","description":null}])")}}},
      {"tag1", "Tags", "multi_select", json::object{{"options", json::array{}}}},
      {"done", "Done", "checkbox", {}},
      {"ppl1", "Owner", "people", {}},
      {"frm1", "Formula", "formula", json::object{{"expression", "1"}}},
      {"ctim", "Created", "created_time", {}},
  };
}

// CheckProperties on a body's "properties" object.
Result<PropertyWrites> Check(std::string_view properties_json, const schema::Schema& schema,
                             ApiVersion version = ApiVersion::k2025_09_03) {
  json::value properties = J(properties_json);
  return CheckProperties(properties.as_object(), schema, version);
}

// ---------------------------------------------------------------- CheckUpdateBody

TEST(CheckUpdateBody, EmptyBodyIsAValidNoOp) {
  json::value body = J("{}");
  auto r = CheckUpdateBody(body);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->properties, nullptr);
  EXPECT_FALSE(r->icon.has_value());
  EXPECT_FALSE(r->cover.has_value());
  EXPECT_FALSE(r->in_trash.has_value());
  EXPECT_FALSE(r->is_locked.has_value());
}

TEST(CheckUpdateBody, UnknownKeyIsNotPresent) {
  const json::value body1 = J(R"({"foo":"bar"})");
  EXPECT_THAT(CheckUpdateBody(body1),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.foo should be not present, instead was `\"bar\"`."));
}

TEST(CheckUpdateBody, ParentIsNotPresent) {
  const json::value body2 = J(R"({"parent":{"page_id":"59833787-2cf9-4fdf-8782-e53db20768a5"}})");
  EXPECT_THAT(CheckUpdateBody(body2), ErrorIs(ErrorCode::kValidationError,
                                              "body failed validation: body.parent should be not present, instead was "
                                              "`{\"page_id\":\"59833787-2cf9-4fdf-8782-e53db20768a5\"}`."));
}

TEST(CheckUpdateBody, BodyMustBeAnObject) {
  const json::value body3 = J("[]");
  EXPECT_THAT(CheckUpdateBody(body3), ErrorIs(ErrorCode::kValidationError,
                                              "body failed validation: body should be an object, instead was `[]`."));
}

TEST(CheckUpdateBody, PropertiesMustBeAnObject) {
  const json::value body4 = J(R"({"properties":[]})");
  EXPECT_THAT(CheckUpdateBody(body4),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties should be an object, instead was `[]`."));
}

TEST(CheckUpdateBody, PropertiesPointIntoTheBody) {
  json::value body = J(R"({"properties":{"Price":{"number":1}}})");
  auto r = CheckUpdateBody(body);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->properties, &body.as_object().at("properties").as_object());
}

TEST(CheckUpdateBody, InTrashAndArchivedAreAliases) {
  const json::value body5 = J(R"({"in_trash":true})");
  auto trash = CheckUpdateBody(body5);
  ASSERT_TRUE(trash.ok());
  EXPECT_EQ(trash->in_trash, std::optional<bool>(true));
  const json::value body6 = J(R"({"archived":true})");
  auto archived = CheckUpdateBody(body6);
  ASSERT_TRUE(archived.ok());
  EXPECT_EQ(archived->in_trash, std::optional<bool>(true));
  const json::value body7 = J(R"({"archived":false})");
  auto restore = CheckUpdateBody(body7);
  ASSERT_TRUE(restore.ok());
  EXPECT_EQ(restore->in_trash, std::optional<bool>(false));
}

TEST(CheckUpdateBody, InTrashWinsOverArchivedInEitherOrder) {
  const json::value body8 = J(R"({"in_trash":false,"archived":true})");
  auto a = CheckUpdateBody(body8);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->in_trash, std::optional<bool>(false));
  const json::value body9 = J(R"({"archived":true,"in_trash":false})");
  auto b = CheckUpdateBody(body9);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->in_trash, std::optional<bool>(false));
}

// 2026-03-11 removed `archived`: Notion answers "should be not present" (upgrade guide
// 2026-03-11); `in_trash` still works.
TEST(CheckUpdateBody, ArchivedIsNotPresentFrom2026) {
  const json::value body10 = J(R"({"archived":true})");
  EXPECT_THAT(CheckUpdateBody(body10, api::ApiVersion::k2026_03_11),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.archived should be not present, instead was `true`."));
  const json::value body11 = J(R"({"in_trash":true})");
  auto trash = CheckUpdateBody(body11, api::ApiVersion::k2026_03_11);
  ASSERT_TRUE(trash.ok());
  EXPECT_EQ(trash->in_trash, std::optional<bool>(true));
  const json::value body12 = J(R"({"archived":true})");
  EXPECT_TRUE(CheckUpdateBody(body12, api::ApiVersion::k2021_08_16).ok());
}

TEST(CheckUpdateBody, FlagsMustBeBooleans) {
  const json::value body13 = J(R"({"archived":"yes"})");
  EXPECT_THAT(
      CheckUpdateBody(body13),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.archived should be a boolean or `undefined`, instead was `\"yes\"`."));
  const json::value body14 = J(R"({"in_trash":null})");
  EXPECT_THAT(CheckUpdateBody(body14),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.in_trash should be a boolean or `undefined`, instead was `null`."));
  const json::value body15 = J(R"({"is_locked":1})");
  EXPECT_THAT(CheckUpdateBody(body15),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.is_locked should be a boolean or `undefined`, instead was `1`."));
}

TEST(CheckUpdateBody, IsLockedIsRead) {
  const json::value body16 = J(R"({"is_locked":true})");
  auto r = CheckUpdateBody(body16);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->is_locked, std::optional<bool>(true));
}

TEST(CheckUpdateBody, IconEmojiExternalAndNull) {
  const json::value body17 = J(R"({"icon":{"type":"emoji","emoji":"🥑"}})");
  auto emoji = CheckUpdateBody(body17);
  ASSERT_TRUE(emoji.ok());
  EXPECT_EQ(SerializeJson(*emoji->icon), R"({"type":"emoji","emoji":"🥑"})");
  const json::value body18 = J(R"({"icon":{"emoji":"🥑"}})");
  auto untyped = CheckUpdateBody(body18);
  ASSERT_TRUE(untyped.ok());
  EXPECT_EQ(SerializeJson(*untyped->icon), R"({"type":"emoji","emoji":"🥑"})");
  const json::value body19 = J(R"({"icon":{"external":{"url":"https://x.y/i.png"}}})");
  auto external = CheckUpdateBody(body19);
  ASSERT_TRUE(external.ok());
  EXPECT_EQ(SerializeJson(*external->icon), R"({"type":"external","external":{"url":"https://x.y/i.png"}})");
  const json::value body20 = J(R"({"icon":null})");
  auto removed = CheckUpdateBody(body20);
  ASSERT_TRUE(removed.ok());
  ASSERT_TRUE(removed->icon.has_value());
  EXPECT_TRUE(removed->icon->is_null());
}

TEST(CheckUpdateBody, IconRefusals) {
  const json::value body21 = J(R"({"icon":{"type":"file","file":{"url":"https://x.y"}}})");
  EXPECT_THAT(CheckUpdateBody(body21),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.icon.type should be `\"emoji\"` or `\"external\"`, instead was "
                      "`\"file\"`."));
  const json::value body22 = J(R"({"icon":"🥑"})");
  EXPECT_THAT(CheckUpdateBody(body22),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.icon should be an object or `null`, instead was `\"🥑\"`."));
  const json::value body23 = J(R"({"icon":{}})");
  EXPECT_THAT(CheckUpdateBody(body23), ErrorIs(ErrorCode::kValidationError,
                                               "body failed validation. Fix one:\n"
                                               "body.icon.emoji should be defined, instead was `undefined`.\n"
                                               "body.icon.external should be defined, instead was `undefined`."));
  const json::value body24 = J(R"({"icon":{"type":"emoji"}})");
  EXPECT_THAT(CheckUpdateBody(body24),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.icon.emoji should be defined, instead was `undefined`."));
  const json::value body25 = J(R"({"icon":{"emoji":"🥑","extra":1}})");
  EXPECT_THAT(CheckUpdateBody(body25),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.icon.extra should be not present, instead was `1`."));
  const json::value body26 = J(R"({"icon":{"external":{"url":""}}})");
  EXPECT_THAT(
      CheckUpdateBody(body26),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.icon.external.url should be a non-empty string, instead was `\"\"`."));
}

TEST(CheckUpdateBody, CoverExternalAndNull) {
  const json::value body27 = J(R"({"cover":{"type":"external","external":{"url":"https://x.y/c.jpg"}}})");
  auto external = CheckUpdateBody(body27);
  ASSERT_TRUE(external.ok());
  EXPECT_EQ(SerializeJson(*external->cover), R"({"type":"external","external":{"url":"https://x.y/c.jpg"}})");
  const json::value body28 = J(R"({"cover":null})");
  auto removed = CheckUpdateBody(body28);
  ASSERT_TRUE(removed.ok());
  ASSERT_TRUE(removed->cover.has_value());
  EXPECT_TRUE(removed->cover->is_null());
}

TEST(CheckUpdateBody, CoverRefusesEmoji) {
  const json::value body29 = J(R"({"cover":{"type":"emoji","emoji":"🥑"}})");
  EXPECT_THAT(CheckUpdateBody(body29),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.cover.type should be `\"external\"`, instead was `\"emoji\"`."));
  const json::value body30 = J(R"({"cover":{"emoji":"🥑"}})");
  EXPECT_THAT(CheckUpdateBody(body30), ErrorIs(ErrorCode::kValidationError,
                                               "body failed validation. Fix one:\n"
                                               "body.cover.external should be defined, instead was `undefined`."));
  const json::value body31 = J(R"({"cover":{"external":{"url":"https://x.y","name":"c"}}})");
  EXPECT_THAT(CheckUpdateBody(body31),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.cover.external.name should be not present, instead was `\"c\"`."));
}

// ---------------------------------------------------------------- CheckCreateBody

TEST(CheckCreateBody, ParentIsRequired) {
  const json::value body32 = J(R"({"properties":{}})");
  EXPECT_THAT(CheckCreateBody(body32, ApiVersion::k2025_09_03),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.parent should be defined, instead was `undefined`."));
}

// allow_async goes with markdown (an async task answers; service/tasks/async_tasks.h).
TEST(CheckCreateBody, AllowAsyncOnlyWithMarkdown) {
  const json::value body33 = J(R"({"parent":{"workspace":true},"markdown":"# T","allow_async":true})");
  auto ok = CheckCreateBody(body33, ApiVersion::k2026_03_11);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_TRUE(ok->allow_async);
  const json::value body34 = J(R"({"parent":{"workspace":true},"allow_async":false})");
  auto off = CheckCreateBody(body34, ApiVersion::k2026_03_11);
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off->allow_async);
  const json::value body35 = J(R"({"parent":{"workspace":true},"allow_async":true})");
  EXPECT_THAT(CheckCreateBody(body35, ApiVersion::k2026_03_11),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.allow_async should be not present, instead was `true`."));
  const json::value body36 = J(R"({"parent":{"workspace":true},"markdown":"x","allow_async":1})");
  EXPECT_THAT(CheckCreateBody(body36, ApiVersion::k2026_03_11),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.allow_async should be a boolean or `undefined`, instead was `1`."));
}

TEST(CheckCreateBody, PropertiesRequiredOnlyIn2022) {
  json::value body = J(R"({"parent":{"workspace":true}})");
  EXPECT_THAT(CheckCreateBody(body, ApiVersion::k2022_06_28),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties should be defined, instead was `undefined`."));
  EXPECT_TRUE(CheckCreateBody(body, ApiVersion::k2025_09_03).ok());
}

TEST(CheckCreateBody, ChildrenAreCheckedAsBlocks) {
  const json::value body37 = J(R"({"parent":{"workspace":true},"children":[]})");
  EXPECT_TRUE(CheckCreateBody(body37, ApiVersion::k2025_09_03).ok());
  const json::value body38 =
      J(R"({"parent":{"workspace":true},"children":[{"paragraph":{"rich_text":[{"text":{"content":"x"}}]}}]})");
  auto with_block = CheckCreateBody(body38, ApiVersion::k2025_09_03);
  ASSERT_TRUE(with_block.ok());
  ASSERT_EQ(with_block->children.size(), 1u);
  EXPECT_EQ(with_block->children[0].type, "paragraph");
  const json::value body39 = J(R"({"parent":{"workspace":true},"children":{}})");
  EXPECT_THAT(CheckCreateBody(body39, ApiVersion::k2025_09_03),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children should be an array, instead was `{}`."));
  const json::value body40 = J(R"({"parent":{"workspace":true},"in_trash":true})");
  EXPECT_THAT(CheckCreateBody(body40, ApiVersion::k2025_09_03),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.in_trash should be not present, instead was `true`."));
}

// ---------------------------------------------------------------- CheckProperties

TEST(CheckProperties, ValidValuesBecomeWritesKeyedByPropertyId) {
  auto r = Check(R"({"Price":{"number":2.5},"Done":{"checkbox":true},"Name":{"title":[]}})", TestSchema());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->writes.size(), 3u);
  EXPECT_EQ(r->writes[0].property_id, "p%3Ax");
  EXPECT_EQ(SerializeJson(r->writes[0].value), "2.5");
  EXPECT_EQ(r->writes[1].property_id, "done");
  EXPECT_EQ(SerializeJson(r->writes[1].value), "true");
  EXPECT_EQ(r->writes[2].property_id, "title");
  EXPECT_EQ(SerializeJson(r->writes[2].value), "[]");
  EXPECT_TRUE(r->changed_defs.empty());
}

TEST(CheckProperties, KeysMayBePropertyIds) {
  auto r = Check(R"({"p%3Ax":{"number":3},"title":{"title":[{"text":{"content":"T"}}]}})", TestSchema());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->writes.size(), 2u);
  EXPECT_EQ(r->writes[0].property_id, "p%3Ax");
  EXPECT_EQ(r->writes[1].property_id, "title");
}

TEST(CheckProperties, TypeAndIdBesideTheValueAreAllowed) {
  auto r = Check(R"({"Price":{"id":"p%3Ax","type":"number","number":1}})", TestSchema());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(SerializeJson(r->writes.at(0).value), "1");
}

TEST(CheckProperties, UnknownKey) {
  EXPECT_THAT(Check(R"({"Colour":{"rich_text":[]}})", TestSchema()),
              ErrorIs(ErrorCode::kValidationError, "Colour is not a property that exists."));
}

TEST(CheckProperties, TypeMismatchNamesTheSchemaType) {
  EXPECT_THAT(Check(R"({"Price":{"rich_text":[]}})", TestSchema()),
              ErrorIs(ErrorCode::kValidationError, "Price is expected to be number."));
}

TEST(CheckProperties, SemanticErrorsAreJoinedBySpaceInRequestOrder) {
  EXPECT_THAT(
      Check(R"({"Notes":{"number":1},"Colour":{"number":1},"Price":{"checkbox":true}})", TestSchema()),
      ErrorIs(ErrorCode::kValidationError,
              "Notes is expected to be rich_text. Colour is not a property that exists. Price is expected to be "
              "number."));
  EXPECT_THAT(
      Check(R"({"Price":{"checkbox":true},"Notes":{"number":1}})", TestSchema()),
      ErrorIs(ErrorCode::kValidationError, "Price is expected to be number. Notes is expected to be rich_text."));
}

TEST(CheckProperties, SemanticErrorsComeBeforeValueErrors) {
  EXPECT_THAT(Check(R"({"Price":{"number":"ten"},"Colour":{"number":1}})", TestSchema()),
              ErrorIs(ErrorCode::kValidationError, "Colour is not a property that exists."));
}

TEST(CheckProperties, ValueErrorCarriesTheFullPath) {
  EXPECT_THAT(Check(R"({"Price":{"number":"ten"}})", TestSchema()),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Price.number should be a number or `null`, instead was "
                      "`\"ten\"`."));
}

TEST(CheckProperties, ValueNamingNoWritableTypeIsTheFixOneUnion) {
  EXPECT_THAT(Check(R"({"Price":{"value":10}})", TestSchema()),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation. Fix one:\n"
                      "body.properties.Price.title should be defined, instead was `undefined`.\n"
                      "body.properties.Price.rich_text should be defined, instead was `undefined`.\n"
                      "body.properties.Price.number should be defined, instead was `undefined`.\n"
                      "body.properties.Price.url should be defined, instead was `undefined`.\n"
                      "body.properties.Price.select should be defined, instead was `undefined`.\n"
                      "body.properties.Price.multi_select should be defined, instead was `undefined`.\n"
                      "body.properties.Price.people should be defined, instead was `undefined`.\n"
                      "body.properties.Price.email should be defined, instead was `undefined`.\n"
                      "body.properties.Price.phone_number should be defined, instead was `undefined`.\n"
                      "body.properties.Price.date should be defined, instead was `undefined`.\n"
                      "body.properties.Price.checkbox should be defined, instead was `undefined`.\n"
                      "body.properties.Price.relation should be defined, instead was `undefined`.\n"
                      "body.properties.Price.files should be defined, instead was `undefined`.\n"
                      "body.properties.Price.status should be defined, instead was `undefined`."));
}

TEST(CheckProperties, BareValueIsTheFixOneUnionIn2025) {
  auto r = Check(R"({"Price":10})", TestSchema(), ApiVersion::k2025_09_03);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kValidationError);
  EXPECT_EQ(
      r.error().message.rfind("body failed validation. Fix one:\nbody.properties.Price.title should be defined", 0), 0u)
      << r.error().message;
}

TEST(CheckProperties, ExtraKeyBesideTheValueIsNotPresent) {
  EXPECT_THAT(Check(R"({"Price":{"number":1,"name":"Project"}})", TestSchema()),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Price.name should be not present, instead was "
                      "`\"Project\"`."));
}

TEST(CheckProperties, Shorthand2022IsAccepted) {
  auto r = Check(R"({"Notes":[{"text":{"content":"x"}}],"Price":7,"Done":false,"Stage":{"name":"Red"}})", TestSchema(),
                 ApiVersion::k2022_06_28);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->writes.size(), 4u);
  EXPECT_EQ(r->writes[0].property_id, "note");
  EXPECT_EQ(r->writes[0].value.as_array().at(0).at("plain_text"), "x");
  EXPECT_EQ(SerializeJson(r->writes[1].value), "7");
  EXPECT_EQ(SerializeJson(r->writes[2].value), "false");
  EXPECT_EQ(SerializeJson(r->writes[3].value), R"("o1")");
}

TEST(CheckProperties, Shorthand2022ValueIsStillValidated) {
  EXPECT_THAT(Check(R"({"Price":"ten"})", TestSchema(), ApiVersion::k2022_06_28),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Price.number should be a number or `null`, instead was "
                      "`\"ten\"`."));
}

TEST(CheckProperties, Shorthand2022UnderAnUnknownKeyIsNotAProperty) {
  // The 2022-06-28 body schema accepts a bare value, so the semantic check speaks.
  EXPECT_THAT(Check(R"({"Colour":5})", TestSchema(), ApiVersion::k2022_06_28),
              ErrorIs(ErrorCode::kValidationError, "Colour is not a property that exists."));
}

TEST(CheckProperties, ReadOnlyPropertyGivenAWritableValue) {
  EXPECT_THAT(Check(R"({"Formula":{"number":1}})", TestSchema()),
              ErrorIs(ErrorCode::kValidationError, "Formula is expected to be formula."));
  EXPECT_THAT(Check(R"({"Created":{"date":{"start":"2024-01-01"}}})", TestSchema()),
              ErrorIs(ErrorCode::kValidationError, "Created is expected to be created_time."));
}

TEST(CheckProperties, ReadOnlyValueReadBackIsTheFixOneUnion) {
  auto r = Check(R"({"Formula":{"formula":{"type":"number","number":1}}})", TestSchema(), ApiVersion::k2022_06_28);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind("body failed validation. Fix one:\nbody.properties.Formula.title should be", 0), 0u)
      << r.error().message;
}

TEST(CheckProperties, NewSelectOptionIsReportedAsAChangedDefinition) {
  schema::Schema schema = TestSchema();
  auto r = Check(R"({"Stage":{"name":"Green"},"Tags":{"multi_select":[{"name":"a"},{"name":"b"}]}})", schema,
                 ApiVersion::k2022_06_28);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->changed_defs.size(), 2u);
  EXPECT_EQ(r->changed_defs[0].id, "stg1");
  const json::array& stage = r->changed_defs[0].config.at("options").as_array();
  ASSERT_EQ(stage.size(), 2u);
  EXPECT_EQ(stage[1].at("name"), "Green");
  EXPECT_EQ(r->writes[0].value, stage[1].at("id"));
  EXPECT_EQ(r->changed_defs[1].config.at("options").as_array().size(), 2u);
  // The schema passed in is left as it was; the caller saves the changed definitions.
  EXPECT_EQ(schema[3].config.at("options").as_array().size(), 1u);
}

TEST(CheckProperties, ExistingSelectOptionChangesNoDefinition) {
  auto r = Check(R"({"Stage":{"select":{"name":"Red"}}})", TestSchema());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->changed_defs.empty());
}

TEST(CheckProperties, PeopleIdsAreCollected) {
  auto r = Check(R"({"Owner":{"people":[{"id":"598337872cf94fdf8782e53db20768a5"}]}})", TestSchema());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->user_ids.size(), 1u);
  EXPECT_EQ(r->user_ids[0], "59833787-2cf9-4fdf-8782-e53db20768a5");
}

TEST(CheckProperties, NullClearsAreWritesOfNull) {
  auto r = Check(R"({"Price":{"number":null},"Stage":{"select":null}})", TestSchema());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->writes.size(), 2u);
  EXPECT_TRUE(r->writes[0].value.is_null());
  EXPECT_TRUE(r->writes[1].value.is_null());
}

TEST(CheckProperties, StandalonePageTakesOnlyTitle) {
  schema::Schema standalone = StandalonePageSchema();
  ASSERT_EQ(standalone.size(), 1u);
  EXPECT_EQ(standalone[0].id, "title");
  EXPECT_EQ(standalone[0].type, "title");
  EXPECT_TRUE(Check(R"({"title":{"title":[{"text":{"content":"Doc"}}]}})", standalone).ok());
  EXPECT_THAT(Check(R"({"Price":{"number":1}})", standalone),
              ErrorIs(ErrorCode::kValidationError, "Price is not a property that exists."));
}

}  // namespace
}  // namespace localnotion::validation
