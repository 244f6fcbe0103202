// Property types one by one: what Write accepts and stores, what it refuses (exact code
// and message), and how Render shows a stored value. Definitions are built by hand.
#include <gtest/gtest.h>

#include <string>

#include "common/json.h"
#include "common/json_writer.h"
#include "schema/property_def.h"
#include "schema/property_type.h"
#include "schema/registry.h"
#include "testing/json.h"
#include "testing/matchers.h"

namespace localnotion::schema {
namespace {

using testing::ErrorIs;
using testing::J;

PropertyDef Def(std::string name, std::string type, json::object config = {}) {
  return PropertyDef{"pid1", std::move(name), std::move(type), std::move(config)};
}

// Writes `value` to a property of `def`'s type at body.properties.<name>.<type>, as the
// validation layer does: option-creating types get a copy of `def` to grow, and `def`
// itself is never touched by Write. After a successful write the grown copy replaces
// `def`, the way the caller saves it into the schema.
Result<json::value> Write(PropertyDef& def, const json::value& value) {
  const PropertyType* type = FindType(def.type);
  if (type == nullptr) return InternalError("no such type " + def.type);
  const PropertyDef before = def;
  PropertyDef grown = def;
  auto r = type->Write("body.properties." + def.name + "." + def.type, value, def,
                       type->creates_options() ? &grown : nullptr);
  EXPECT_EQ(def.config, before.config) << "Write modified the definition it was given";
  if (r.ok()) def = std::move(grown);
  return r;
}

Result<json::value> Write(PropertyDef& def, const char* value_json) { return Write(def, J(value_json)); }
Result<json::value> Write(PropertyDef& def, const std::string& value_json) { return Write(def, J(value_json)); }

// The stored value as compact JSON, or "ERROR: <message>".
std::string Stored(const Result<json::value>& r) { return r.ok() ? SerializeJson(*r) : "ERROR: " + r.error().message; }

// Renders `stored` (nullptr: the page has no value) into {<type>: ...} and returns it.
std::string Rendered(const PropertyDef& def, const json::value* stored, const RenderContext& ctx = {}) {
  json::object out;
  FindType(def.type)->Render(stored, def, ctx, out);
  return SerializeJson(out);
}

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

json::array Items(const json::value& item, size_t n) {
  json::array arr;
  for (size_t i = 0; i < n; ++i) arr.push_back(item);
  return arr;
}

constexpr const char* kUser1 = "59833787-2cf9-4fdf-8782-e53db20768a5";
constexpr const char* kUser2 = "0c5c1c5a-41f8-4a0c-a2c6-6f5d3c1e4b7a";

// ---------------------------------------------------------------- registry

// Every property type, by the name Notion gives it.
constexpr std::string_view kEveryType[] = {
    "title",        "rich_text",      "number",    "select",   "multi_select", "status",
    "date",         "people",         "files",     "checkbox", "url",          "email",
    "phone_number", "relation",       "formula",   "rollup",   "created_time", "last_edited_time",
    "created_by",   "last_edited_by", "unique_id", "button",   "verification", "place"};

// A request's key is a name or an id, names first (FindProperty); a stored value's key
// is an id (FindPropertyById). The title property's id is "title", so a property named
// "title" is found first by name, never by id.
TEST(Schema, FindsPropertiesByNameFirstOrByIdOnly) {
  const Schema schema{{"title", "Name", "title", {}}, {"n1", "title", "rich_text", {}}};
  ASSERT_NE(FindProperty(schema, "title"), nullptr);
  EXPECT_EQ(FindProperty(schema, "title")->id, "n1");
  EXPECT_EQ(FindProperty(schema, "Name")->id, "title");
  EXPECT_EQ(FindProperty(schema, "n1")->id, "n1");
  ASSERT_NE(FindPropertyById(schema, "title"), nullptr);
  EXPECT_EQ(FindPropertyById(schema, "title")->name, "Name");
  EXPECT_EQ(FindPropertyById(schema, "n1")->name, "title");
  EXPECT_EQ(FindPropertyById(schema, "Name"), nullptr);
  // Ids that share a first byte or a length are told apart; an empty id finds none here.
  const Schema ids{{"abcd", "One", "number", {}},
                   {"abce", "Two", "number", {}},
                   {"xbcd", "Three", "number", {}},
                   {"abc", "Four", "number", {}}};
  EXPECT_EQ(FindPropertyById(ids, "abcd")->name, "One");
  EXPECT_EQ(FindPropertyById(ids, "abce")->name, "Two");
  EXPECT_EQ(FindPropertyById(ids, "xbcd")->name, "Three");
  EXPECT_EQ(FindPropertyById(ids, "abc")->name, "Four");
  EXPECT_EQ(FindPropertyById(ids, "abcf"), nullptr);
  EXPECT_EQ(FindPropertyById(ids, "ab"), nullptr);
  EXPECT_EQ(FindPropertyById(ids, ""), nullptr);
}

TEST(Registry, FindsEveryTypeByItsName) {
  for (std::string_view name : kEveryType) {
    const PropertyType* t = FindType(name);
    ASSERT_NE(t, nullptr) << name;
    EXPECT_EQ(t->name(), name);
  }
}

// Stored values of every type's forms and others, for the tests of promises about Render.
const std::vector<std::string>& StoredSamples() {
  static const std::vector<std::string> samples = {
      "null",
      "true",
      "false",
      "0",
      "5",
      "-3",
      "12.25",
      "18446744073709551615",
      "\"\"",
      "\"x\"",
      "\"https://example.com/a\"",
      "\"5hQb\"",
      "[]",
      "[\"5hQb\"]",
      "[1,2]",
      R"([{"type":"text","text":{"content":"a","link":null},"annotations":{"bold":false,"italic":false,)"
      R"("strikethrough":false,"underline":false,"code":false,"color":"default"},"plain_text":"a","href":null}])",
      R"([{"type":"mention","mention":{"type":"user","user":{"id":"u1"}},"plain_text":"@x","href":null}])",
      R"({"start":"2025-01-01","end":null})",
      R"({"start":"2025-01-01","end":null,"time_zone":null})",
      std::string("[\"") + kUser1 + "\"]",
      R"([{"name":"a.pdf","type":"external","external":{"url":"https://e.com/a"}}])",
      "{}",
      R"({"number":3})",
      R"({"state":"verified"})",
      "\"gone\"",
      "[\"gone\",\"5hQb\",\"gone\",\"5hQb\"]",
      "[\"gone\"]",
      R"({"start":"2025-01-01T10:00:00.000+02:00","end":"2025-01-02"})",
      R"({"end":"2025-01-02"})"};
  return samples;
}

// ShownAsStored is a promise about Render: for every type and a spread of stored values
// (each type's own forms among them), when a type says a value is shown as stored,
// Render shows exactly that value under the type's key and nothing else.
TEST(Registry, ShownAsStoredIsWhatRenderShows) {
  const std::vector<std::string>& samples = StoredSamples();
  std::vector<std::string_view> shown_types;
  for (std::string_view name : kEveryType) {
    const PropertyType* type = FindType(name);
    ASSERT_NE(type, nullptr) << name;
    PropertyDef def =
        Def("P", std::string(name),
            J(R"({"options":[{"id":"5hQb","name":"A","color":"red"}],"prefix":"T","format":"number"})").as_object());
    bool any = false;
    for (const std::string& text : samples) {
      const json::value stored = J(text);
      const json::value* shown = type->ShownAsStored(stored);
      if (shown == nullptr) continue;
      any = true;
      EXPECT_EQ(shown, &stored) << name << " " << text;
      json::object expected;
      expected[name] = stored;
      EXPECT_EQ(Rendered(def, &stored), SerializeJson(expected)) << name << " " << text;
    }
    if (any) shown_types.push_back(name);
  }
  // The types GET and PATCH write from the stored value.
  EXPECT_EQ(shown_types, (std::vector<std::string_view>{"title", "rich_text", "number", "files", "checkbox", "url",
                                                        "email", "phone_number"}));
}

// WriteShown is a promise about Render too: for every type that writes its values as
// text, and every sample, the text is what serializing Render's value would give.
TEST(Registry, WriteShownIsWhatRenderShows) {
  std::vector<std::string_view> writing_types;
  for (std::string_view name : kEveryType) {
    const PropertyType* type = FindType(name);
    ASSERT_NE(type, nullptr) << name;
    if (!type->writes_shown()) continue;
    writing_types.push_back(name);
    PropertyDef def = Def("P", std::string(name),
                          J(R"({"options":[{"id":"5hQb","name":"A \"quoted\"","color":"red"},)"
                            R"({"id":"x","name":"B","color":"blue","description":"d"}],"prefix":"T"})")
                              .as_object());
    std::vector<const json::value*> values;
    std::vector<json::value> kept;
    kept.reserve(StoredSamples().size());
    for (const std::string& text : StoredSamples()) kept.push_back(J(text));
    values.push_back(nullptr);
    for (const json::value& v : kept) values.push_back(&v);
    for (const json::value* stored : values) {
      json::object rendered;
      type->Render(stored, def, RenderContext{}, rendered);
      ASSERT_EQ(rendered.size(), 1u) << name;
      std::string text;
      JsonWriter w(text);
      type->WriteShown(stored, def, w);
      w.Finish();
      EXPECT_EQ(text, SerializeJson(rendered.at(name))) << name << " " << (stored ? SerializeJson(*stored) : "none");
    }
  }
  EXPECT_EQ(writing_types, (std::vector<std::string_view>{"select", "multi_select", "status", "date"}));
}

TEST(Registry, UnknownTypeIsNull) {
  EXPECT_EQ(FindType("bogus"), nullptr);
  EXPECT_EQ(FindType(""), nullptr);
  EXPECT_EQ(FindType("Title"), nullptr);
  // Names that share a real name's length and first and last bytes (what the lookup
  // table hashes), or are a real name's prefix or extension.
  EXPECT_EQ(FindType("sxxxxt"), nullptr);
  EXPECT_EQ(FindType("pxxxxe"), nullptr);
  EXPECT_EQ(FindType("titl"), nullptr);
  EXPECT_EQ(FindType("titles"), nullptr);
  EXPECT_EQ(FindType(std::string_view("title\0", 6)), nullptr);
}

TEST(Registry, WritableTypesAreExactlyTheOnesOfTheFixOneList) {
  // 2026-03-11 lists sixteen: the fourteen older ones, then place and verification.
  const auto& newest = WritableTypeOrder();
  ASSERT_EQ(newest.size(), 16u);
  EXPECT_EQ(newest.front(), "title");
  EXPECT_EQ(newest[13], "status");
  EXPECT_EQ(newest[14], "place");
  EXPECT_EQ(newest.back(), "verification");
  for (std::string_view name : newest) {
    ASSERT_NE(FindType(name), nullptr) << name;
    EXPECT_TRUE(FindType(name)->writable()) << name;
  }
  for (api::ApiVersion v : {api::ApiVersion::k2022_06_28, api::ApiVersion::k2025_09_03}) {
    const auto& older = WritableTypeOrder(v);
    ASSERT_EQ(older.size(), 14u);
    EXPECT_EQ(older.back(), "status");
  }
  EXPECT_EQ(&WritableTypeOrder(api::ApiVersion::k2026_03_11), &newest);
}

TEST(Registry, ReadOnlyTypesAreNotWritable) {
  for (std::string_view name : {"formula", "rollup", "created_time", "last_edited_time", "created_by", "last_edited_by",
                                "unique_id", "button"}) {
    ASSERT_NE(FindType(name), nullptr) << name;
    EXPECT_FALSE(FindType(name)->writable()) << name;
  }
}

TEST(Registry, OnlySelectAndMultiSelectCreateOptions) {
  for (std::string_view name : WritableTypeOrder()) {
    EXPECT_EQ(FindType(name)->creates_options(), name == "select" || name == "multi_select") << name;
  }
}

TEST(Registry, WritingAReadOnlyTypeDirectlyIsAnInternalError) {
  PropertyDef def = Def("F", "formula", json::object{{"expression", "1"}});
  auto r = Write(def, "{\"number\":1}");
  ASSERT_THAT(r, ErrorIs(ErrorCode::kInternalServerError));
}

// ---------------------------------------------------------------- title / rich_text

constexpr const char* kHiStored =
    R"([{"type":"text","text":{"content":"Hi","link":null},)"
    R"("annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"},)"
    R"("plain_text":"Hi","href":null}])";

TEST(TitleProperty, StoresTheCompleteRichTextForm) {
  PropertyDef def = Def("Name", "title");
  EXPECT_EQ(Stored(Write(def, R"([{"text":{"content":"Hi"}}])")), kHiStored);
  EXPECT_EQ(Stored(Write(def, R"([{"type":"text","text":{"content":"Hi"}}])")), kHiStored);
}

TEST(TitleProperty, EmptyArrayClears) {
  PropertyDef def = Def("Name", "title");
  EXPECT_EQ(Stored(Write(def, "[]")), "[]");
}

TEST(TitleProperty, NullIsNotAnArray) {
  PropertyDef def = Def("Name", "title");
  EXPECT_THAT(Write(def, "null"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Name.title should be an array, instead was `null`."));
}

TEST(TitleProperty, StringIsNotAnArray) {
  PropertyDef def = Def("Name", "title");
  EXPECT_THAT(Write(def, R"("Hi")"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Name.title should be an array, instead was `\"Hi\"`."));
}

TEST(TitleProperty, At100ItemsAcceptedAbove100Refused) {
  PropertyDef def = Def("Name", "title");
  json::value item = J(R"({"text":{"content":"a"}})");
  EXPECT_TRUE(Write(def, json::value(Items(item, 100))).ok());
  EXPECT_THAT(
      Write(def, json::value(Items(item, 101))),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Name.title.length should be ≤ `100`, instead was `101`."));
}

TEST(RichTextProperty, ContentAt2000AcceptedAbove2000Refused) {
  PropertyDef def = Def("Notes", "rich_text");
  json::value ok = json::array{json::object{{"text", json::object{{"content", std::string(2000, 'x')}}}}};
  EXPECT_TRUE(Write(def, ok).ok());
  json::value too_long = json::array{json::object{{"text", json::object{{"content", std::string(2001, 'x')}}}}};
  EXPECT_THAT(Write(def, too_long),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Notes.rich_text[0].text.content.length should be "
                      "≤ `2000`, instead was `2001`."));
}

TEST(RichTextProperty, KeepsAnnotationsAndLink) {
  PropertyDef def = Def("Notes", "rich_text");
  EXPECT_EQ(
      Stored(Write(
          def,
          R"([{"text":{"content":"go","link":{"url":"https://a.b"}},"annotations":{"code":true,"color":"red_background"}}])")),
      R"([{"type":"text","text":{"content":"go","link":{"url":"https://a.b"}},)"
      R"("annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":true,"color":"red_background"},)"
      R"("plain_text":"go","href":"https://a.b"}])");
}

TEST(RichTextProperty, ItemWithoutTextMentionOrEquationIsAFixOne) {
  PropertyDef def = Def("Notes", "rich_text");
  EXPECT_THAT(Write(def, R"([{"annotations":{"bold":true}}])"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation. Fix one:\n"
                      "body.properties.Notes.rich_text[0].text should be defined, instead was `undefined`.\n"
                      "body.properties.Notes.rich_text[0].mention should be defined, instead was `undefined`.\n"
                      "body.properties.Notes.rich_text[0].equation should be defined, instead was `undefined`."));
}

TEST(TextProperties, RenderStoredValueOrEmptyArray) {
  PropertyDef title = Def("Name", "title");
  json::value stored = J(kHiStored);
  EXPECT_EQ(Rendered(title, &stored), std::string(R"({"title":)") + kHiStored + "}");
  EXPECT_EQ(Rendered(title, nullptr), R"({"title":[]})");
  EXPECT_EQ(Rendered(Def("Notes", "rich_text"), nullptr), R"({"rich_text":[]})");
}

// ---------------------------------------------------------------- number

TEST(NumberProperty, AcceptsIntegersDecimalsAndNull) {
  PropertyDef def = Def("Price", "number");
  EXPECT_EQ(Stored(Write(def, "42")), "42");
  EXPECT_EQ(Stored(Write(def, "2.5")), "2.5");
  EXPECT_EQ(Stored(Write(def, "-0.1")), "-0.1");
  EXPECT_EQ(Stored(Write(def, "0")), "0");
  EXPECT_EQ(Stored(Write(def, "null")), "null");
}

TEST(NumberProperty, RefusesAString) {
  PropertyDef def = Def("Price", "number");
  EXPECT_THAT(Write(def, R"("ten")"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Price.number should be a number or `null`, instead was "
                      "`\"ten\"`."));
}

TEST(NumberProperty, RefusesBooleanArrayAndObject) {
  PropertyDef def = Def("Price", "number");
  EXPECT_THAT(Write(def, "true"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Price.number should be a number or `null`, instead was "
                      "`true`."));
  EXPECT_THAT(Write(def, "[1]"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Price.number should be a number or `null`, instead was "
                      "`[1]`."));
  EXPECT_THAT(Write(def, R"({"n":1})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Price.number should be a number or `null`, instead was "
                      "`{\"n\":1}`."));
}

TEST(NumberProperty, RendersStoredNumberOrNull) {
  PropertyDef def = Def("Price", "number", json::object{{"format", "dollar"}});
  json::value v = J("2.5");
  EXPECT_EQ(Rendered(def, &v), R"({"number":2.5})");
  EXPECT_EQ(Rendered(def, nullptr), R"({"number":null})");
}

// ---------------------------------------------------------------- select

json::object SelectConfig() {
  return json::object{{"options", J(R"([{"id":"o1","name":"Red","color":"red","description":null},
                                        {"id":"o2","name":"Blue","color":"blue","description":null}])")}};
}

TEST(SelectProperty, ExistingOptionByNameOrIdStoresItsId) {
  PropertyDef def = Def("Stage", "select", SelectConfig());
  EXPECT_EQ(Stored(Write(def, R"({"name":"Blue"})")), R"("o2")");
  EXPECT_EQ(Stored(Write(def, R"({"id":"o1"})")), R"("o1")");
  EXPECT_EQ(def.config.at("options").as_array().size(), 2u);
}

TEST(SelectProperty, NullClears) {
  PropertyDef def = Def("Stage", "select", SelectConfig());
  EXPECT_EQ(Stored(Write(def, "null")), "null");
}

TEST(SelectProperty, UnknownNameCreatesAnOptionWithAColor) {
  PropertyDef def = Def("Stage", "select");
  auto r = Write(def, R"({"name":"Fresh"})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(r->is_string());
  const json::array& options = def.config.at("options").as_array();
  ASSERT_EQ(options.size(), 1u);
  const json::object& o = options[0].as_object();
  EXPECT_EQ(o.at("id"), *r);
  EXPECT_EQ(o.at("name"), "Fresh");
  EXPECT_EQ(o.at("color"), "default");
  EXPECT_TRUE(o.at("description").is_null());
  // The same name again finds the created option instead of creating a second one.
  EXPECT_EQ(Stored(Write(def, R"({"name":"Fresh"})")), SerializeJson(*r));
  EXPECT_EQ(def.config.at("options").as_array().size(), 1u);
}

TEST(SelectProperty, CreatedOptionsCycleThroughColorsOrTakeTheGivenOne) {
  PropertyDef def = Def("Stage", "select", SelectConfig());  // two options already
  ASSERT_TRUE(Write(def, R"({"name":"Third"})").ok());
  ASSERT_TRUE(Write(def, R"({"name":"Fourth","color":"pink"})").ok());
  const json::array& options = def.config.at("options").as_array();
  ASSERT_EQ(options.size(), 4u);
  EXPECT_EQ(options[2].at("color"), "brown");
  EXPECT_EQ(options[3].at("color"), "pink");
}

TEST(SelectProperty, CommasAreRefused) {
  PropertyDef def = Def("Stage", "select");
  EXPECT_THAT(Write(def, R"({"name":"a,b"})"),
              ErrorIs(ErrorCode::kValidationError, "Invalid select option, commas not allowed: a,b"));
  EXPECT_EQ(Find(def.config, "options") == nullptr ? 0u : def.config.at("options").as_array().size(), 0u);
}

TEST(SelectProperty, UnknownIdWithoutNameIsRefused) {
  PropertyDef def = Def("Stage", "select", SelectConfig());
  EXPECT_THAT(Write(def, R"({"id":"nope"})"), ErrorIs(ErrorCode::kValidationError, "Invalid select option id: nope"));
}

TEST(SelectProperty, NeitherIdNorNameIsAFixOne) {
  PropertyDef def = Def("Stage", "select", SelectConfig());
  EXPECT_THAT(Write(def, R"({"color":"red"})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation. Fix one:\n"
                      "body.properties.Stage.select.id should be defined, instead was `undefined`.\n"
                      "body.properties.Stage.select.name should be defined, instead was `undefined`."));
}

TEST(SelectProperty, ShapeErrors) {
  PropertyDef def = Def("Stage", "select", SelectConfig());
  EXPECT_THAT(
      Write(def, R"("Red")"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Stage.select should be an object, instead was `\"Red\"`."));
  EXPECT_THAT(Write(def, R"({"name":"Red","extra":1})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Stage.select.extra should be not present, instead was "
                      "`1`."));
  EXPECT_THAT(
      Write(def, R"({"name":5})"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Stage.select.name should be a string, instead was `5`."));
  EXPECT_THAT(Write(def, R"({"name":"New","color":"neon"})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Stage.select.color should be a valid color, instead was "
                      "`\"neon\"`."));
}

TEST(SelectProperty, NameLongerThan100IsRefused) {
  PropertyDef def = Def("Stage", "select");
  json::value ok = json::object{{"name", std::string(100, 'n')}};
  EXPECT_TRUE(Write(def, ok).ok());
  json::value too_long = json::object{{"name", std::string(101, 'n')}};
  EXPECT_THAT(Write(def, too_long),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Stage.select.name.length should be ≤ `100`, instead was "
                      "`101`."));
}

TEST(SelectProperty, RendersTheOptionOrNull) {
  PropertyDef def = Def("Stage", "select", SelectConfig());
  json::value id = "o2";
  EXPECT_EQ(Rendered(def, &id), R"({"select":{"id":"o2","name":"Blue","color":"blue"}})");
  EXPECT_EQ(Rendered(def, nullptr), R"({"select":null})");
  json::value gone = "deleted";
  EXPECT_EQ(Rendered(def, &gone), R"({"select":null})");
}

// ---------------------------------------------------------------- multi_select

TEST(MultiSelectProperty, StoresIdsInOrderWithoutDuplicatesAndCreatesUnknownNames) {
  PropertyDef def = Def("Tags", "multi_select", SelectConfig());
  auto r = Write(def, R"([{"name":"Blue"},{"id":"o1"},{"name":"Blue"},{"name":"Green"}])");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const json::array& ids = r->as_array();
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[0], "o2");
  EXPECT_EQ(ids[1], "o1");
  const json::array& options = def.config.at("options").as_array();
  ASSERT_EQ(options.size(), 3u);
  EXPECT_EQ(options[2].at("name"), "Green");
  EXPECT_EQ(ids[2], options[2].at("id"));
}

TEST(MultiSelectProperty, EmptyArrayClears) {
  PropertyDef def = Def("Tags", "multi_select", SelectConfig());
  EXPECT_EQ(Stored(Write(def, "[]")), "[]");
}

TEST(MultiSelectProperty, NullAndObjectAreNotArrays) {
  PropertyDef def = Def("Tags", "multi_select", SelectConfig());
  EXPECT_THAT(
      Write(def, "null"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Tags.multi_select should be an array, instead was `null`."));
  EXPECT_THAT(Write(def, R"({"name":"Red"})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Tags.multi_select should be an array, instead was "
                      "`{\"name\":\"Red\"}`."));
}

TEST(MultiSelectProperty, CommaInAnItemIsRefused) {
  PropertyDef def = Def("Tags", "multi_select", SelectConfig());
  EXPECT_THAT(Write(def, R"([{"name":"Red"},{"name":"x,y"}])"),
              ErrorIs(ErrorCode::kValidationError, "Invalid select option, commas not allowed: x,y"));
}

TEST(MultiSelectProperty, ItemErrorsNameTheIndex) {
  PropertyDef def = Def("Tags", "multi_select", SelectConfig());
  EXPECT_THAT(Write(def, R"([{"name":"Red"},"Blue"])"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Tags.multi_select[1] should be an object, instead was "
                      "`\"Blue\"`."));
}

TEST(MultiSelectProperty, At100ItemsAcceptedAbove100Refused) {
  PropertyDef def = Def("Tags", "multi_select", SelectConfig());
  json::value item = J(R"({"name":"Red"})");
  EXPECT_TRUE(Write(def, json::value(Items(item, 100))).ok());
  EXPECT_THAT(Write(def, json::value(Items(item, 101))),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Tags.multi_select.length should be ≤ `100`, instead was "
                      "`101`."));
}

TEST(MultiSelectProperty, RendersKnownOptionsAndSkipsDeletedOnes) {
  PropertyDef def = Def("Tags", "multi_select", SelectConfig());
  json::value stored = J(R"(["o2","gone","o1"])");
  EXPECT_EQ(Rendered(def, &stored),
            R"({"multi_select":[{"id":"o2","name":"Blue","color":"blue"},{"id":"o1","name":"Red","color":"red"}]})");
  EXPECT_EQ(Rendered(def, nullptr), R"({"multi_select":[]})");
}

// ---------------------------------------------------------------- status

json::object StatusConfig() {
  return json::object{{"options", J(R"([{"id":"s1","name":"Not started","color":"default","description":null},
                        {"id":"s2","name":"In progress","color":"blue","description":null},
                        {"id":"s3","name":"Done","color":"green","description":null}])")},
                      {"groups", json::array{}}};
}

TEST(StatusProperty, ExistingOptionByNameOrId) {
  PropertyDef def = Def("Status", "status", StatusConfig());
  EXPECT_EQ(Stored(Write(def, R"({"name":"Done"})")), R"("s3")");
  EXPECT_EQ(Stored(Write(def, R"({"id":"s2"})")), R"("s2")");
  EXPECT_EQ(Stored(Write(def, "null")), "null");
}

TEST(StatusProperty, UnknownNameIsRefusedAndCreatesNothing) {
  PropertyDef def = Def("Status", "status", StatusConfig());
  EXPECT_THAT(Write(def, R"({"name":"Blocked"})"),
              ErrorIs(ErrorCode::kValidationError, "Invalid status option. Status option \"Blocked\" does not exist."));
  EXPECT_EQ(def.config.at("options").as_array().size(), 3u);
}

TEST(StatusProperty, UnknownIdIsRefused) {
  PropertyDef def = Def("Status", "status", StatusConfig());
  EXPECT_THAT(Write(def, R"({"id":"zz"})"), ErrorIs(ErrorCode::kValidationError, "Invalid status option id: zz"));
}

TEST(StatusProperty, RendersTheOption) {
  PropertyDef def = Def("Status", "status", StatusConfig());
  json::value id = "s2";
  EXPECT_EQ(Rendered(def, &id), R"({"status":{"id":"s2","name":"In progress","color":"blue"}})");
  EXPECT_EQ(Rendered(def, nullptr), R"({"status":null})");
}

TEST(StatusProperty, NewSchemaGetsNotionsDefaultOptionsAndGroups) {
  auto config = FindType("status")->ParseConfig("body.properties.Status.status", J("{}"), ConfigContext{});
  ASSERT_TRUE(config.ok());
  const json::array& options = config->at("options").as_array();
  ASSERT_EQ(options.size(), 3u);
  EXPECT_EQ(options[0].at("name"), "Not started");
  EXPECT_EQ(options[1].at("name"), "In progress");
  EXPECT_EQ(options[2].at("name"), "Done");
  const json::array& groups = config->at("groups").as_array();
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].at("name"), "To-do");
  EXPECT_EQ(groups[2].at("name"), "Complete");
  EXPECT_EQ(groups[2].at("option_ids").as_array()[0], options[2].at("id"));
}

// ---------------------------------------------------------------- date

TEST(DateProperty, StoresStartAndEnd) {
  PropertyDef def = Def("Due", "date");
  EXPECT_EQ(Stored(Write(def, R"({"start":"2023-02-23"})")), R"({"start":"2023-02-23","end":null})");
  // Date-times are stored as Notion writes them: milliseconds and a numeric offset.
  EXPECT_EQ(Stored(Write(def, R"({"start":"2023-02-23T12:00:00Z","end":"2023-02-24T08:30:00.000+02:00"})")),
            R"({"start":"2023-02-23T12:00:00.000+00:00","end":"2023-02-24T08:30:00.000+02:00"})");
  EXPECT_EQ(Stored(Write(def, R"({"start":"2023-02-23","end":null,"time_zone":null})")),
            R"({"start":"2023-02-23","end":null})");
}

// Every field is written zero-padded to its width: the first and last years of four
// digits, milliseconds, an offset with minutes and a negative one.
TEST(DateProperty, WritesEveryFieldPadded) {
  PropertyDef def = Def("Due", "date");
  EXPECT_EQ(Stored(Write(def, R"({"start":"0001-01-02","end":"9999-12-31"})")),
            R"({"start":"0001-01-02","end":"9999-12-31"})");
  EXPECT_EQ(Stored(Write(def, R"({"start":"2023-02-03T04:05:06.007+05:45","end":"2023-02-03T23:59:59.999-09:30"})")),
            R"({"start":"2023-02-03T04:05:06.007+05:45","end":"2023-02-03T23:59:59.999-09:30"})");
  EXPECT_EQ(Stored(Write(def, R"({"start":"2023-02-03T04:05:06.5Z"})")),
            R"({"start":"2023-02-03T04:05:06.500+00:00","end":null})");
}

TEST(DateProperty, TimeZoneIsAppliedAsAnOffset) {
  PropertyDef def = Def("Due", "date");
  EXPECT_EQ(Stored(Write(def, R"({"start":"2024-03-10T09:00:00","time_zone":"America/New_York"})")),
            R"({"start":"2024-03-10T09:00:00.000-04:00","end":null})");
  EXPECT_THAT(Write(def, R"({"start":"2024-03-10T09:00:00","time_zone":"Mars/Base"})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Due.date.time_zone should be a valid IANA time zone, "
                      "instead was `\"Mars/Base\"`."));
  EXPECT_THAT(
      Write(def, R"({"start":"2024-03-10T09:00:00Z","time_zone":"UTC"})"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Due.date.start should be a date-time without a UTC offset "
              "when time_zone is given, instead was `\"2024-03-10T09:00:00Z\"`."));
}

TEST(DateProperty, NullClears) {
  PropertyDef def = Def("Due", "date");
  EXPECT_EQ(Stored(Write(def, "null")), "null");
}

TEST(DateProperty, StartIsRequired) {
  PropertyDef def = Def("Due", "date");
  EXPECT_THAT(
      Write(def, R"({"end":"2023-02-23"})"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Due.date.start should be defined, instead was `undefined`."));
}

TEST(DateProperty, InvalidDatesAreRefused) {
  PropertyDef def = Def("Due", "date");
  EXPECT_THAT(Write(def, R"({"start":"tomorrow"})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Due.date.start should be a valid ISO 8601 date string, "
                      "instead was `\"tomorrow\"`."));
  EXPECT_THAT(Write(def, R"({"start":"2023-13-01"})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Due.date.start should be a valid ISO 8601 date string, "
                      "instead was `\"2023-13-01\"`."));
  EXPECT_THAT(Write(def, R"({"start":"2023-02-23","end":20230224})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Due.date.end should be a valid ISO 8601 date string, "
                      "instead was `20230224`."));
}

TEST(DateProperty, ShapeErrors) {
  PropertyDef def = Def("Due", "date");
  EXPECT_THAT(Write(def, R"("2023-02-23")"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Due.date should be an object or `null`, instead was "
                      "`\"2023-02-23\"`."));
  EXPECT_THAT(Write(def, R"({"start":"2023-02-23","when":1})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Due.date.when should be not present, instead was `1`."));
  EXPECT_THAT(
      Write(def, R"({"start":"2023-02-23","time_zone":5})"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Due.date.time_zone should be a string or `null`, instead "
              "was `5`."));
}

TEST(DateProperty, RendersWithTimeZoneNull) {
  PropertyDef def = Def("Due", "date");
  json::value stored = J(R"({"start":"2023-02-23","end":null})");
  EXPECT_EQ(Rendered(def, &stored), R"({"date":{"start":"2023-02-23","end":null,"time_zone":null}})");
  EXPECT_EQ(Rendered(def, nullptr), R"({"date":null})");
}

// ---------------------------------------------------------------- people

TEST(PeopleProperty, StoresNormalizedIdsWithoutDuplicates) {
  PropertyDef def = Def("Owner", "people");
  EXPECT_EQ(Stored(Write(def, R"([{"object":"user","id":"598337872CF94FDF8782E53DB20768A5"},
                                  {"id":"0c5c1c5a-41f8-4a0c-a2c6-6f5d3c1e4b7a"},
                                  {"id":"59833787-2cf9-4fdf-8782-e53db20768a5"}])")),
            std::string("[\"") + kUser1 + "\",\"" + kUser2 + "\"]");
}

TEST(PeopleProperty, AcceptsAUserObjectReadBack) {
  PropertyDef def = Def("Owner", "people");
  EXPECT_EQ(Stored(Write(def, std::string(R"([{"object":"user","id":")") + kUser1 +
                                  R"(","name":"Ann","avatar_url":null,"type":"person","person":{"email":"a@b.c"}}])")),
            std::string("[\"") + kUser1 + "\"]");
}

TEST(PeopleProperty, EmptyArrayClears) {
  PropertyDef def = Def("Owner", "people");
  EXPECT_EQ(Stored(Write(def, "[]")), "[]");
}

TEST(PeopleProperty, Refusals) {
  PropertyDef def = Def("Owner", "people");
  EXPECT_THAT(Write(def, "null"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Owner.people should be an array, instead was `null`."));
  EXPECT_THAT(Write(def, R"(["59833787-2cf9-4fdf-8782-e53db20768a5"])"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Owner.people[0] should be an object, instead was "
                      "`\"59833787-2cf9-4fdf-8782-e53db20768a5\"`."));
  EXPECT_THAT(Write(def, R"([{"id":"not-a-user"}])"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Owner.people[0].id should be a valid uuid, instead was "
                      "`\"not-a-user\"`."));
  EXPECT_THAT(Write(def, R"([{"object":"user"}])"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Owner.people[0].id should be defined, instead was "
                      "`undefined`."));
  EXPECT_THAT(Write(def, std::string(R"([{"id":")") + kUser1 + R"(","role":"x"}])"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Owner.people[0].role should be not present, instead was "
                      "`\"x\"`."));
}

TEST(PeopleProperty, At100ItemsAcceptedAbove100Refused) {
  PropertyDef def = Def("Owner", "people");
  json::value item = json::object{{"id", kUser1}};
  EXPECT_TRUE(Write(def, json::value(Items(item, 100))).ok());
  EXPECT_THAT(
      Write(def, json::value(Items(item, 101))),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Owner.people.length should be ≤ `100`, instead was `101`."));
}

TEST(PeopleProperty, RendersUsersThroughTheContext) {
  PropertyDef def = Def("Owner", "people");
  json::value stored = json::array{json::value(kUser1)};
  EXPECT_EQ(Rendered(def, &stored), std::string(R"({"people":[{"object":"user","id":")") + kUser1 + R"("}]})");
  RenderContext ctx;
  ctx.user = [](const std::string& id) {
    return json::value(json::object{{"object", "user"}, {"id", id}, {"name", "Ann"}});
  };
  EXPECT_EQ(Rendered(def, &stored, ctx),
            std::string(R"({"people":[{"object":"user","id":")") + kUser1 + R"(","name":"Ann"}]})");
  EXPECT_EQ(Rendered(def, nullptr), R"({"people":[]})");
}

// ---------------------------------------------------------------- files

TEST(FilesProperty, ExternalFileStoredWithType) {
  PropertyDef def = Def("Docs", "files");
  EXPECT_EQ(Stored(Write(def, R"([{"name":"Spec","external":{"url":"https://x.y/spec.pdf"}}])")),
            R"([{"name":"Spec","type":"external","external":{"url":"https://x.y/spec.pdf"}}])");
  EXPECT_EQ(Stored(Write(def, R"([{"name":"Spec","type":"external","external":{"url":"https://x.y/a"}}])")),
            R"([{"name":"Spec","type":"external","external":{"url":"https://x.y/a"}}])");
}

TEST(FilesProperty, HostedFileReadBackIsKept) {
  PropertyDef def = Def("Docs", "files");
  EXPECT_EQ(
      Stored(Write(
          def,
          R"([{"name":"a.png","type":"file","file":{"url":"https://s3/a.png","expiry_time":"2024-01-01T00:00:00.000Z"}}])")),
      R"([{"name":"a.png","type":"file","file":{"url":"https://s3/a.png","expiry_time":"2024-01-01T00:00:00.000Z"}}])");
}

TEST(FilesProperty, EmptyArrayClears) {
  PropertyDef def = Def("Docs", "files");
  EXPECT_EQ(Stored(Write(def, "[]")), "[]");
}

TEST(FilesProperty, ExternalNeedsAName) {
  PropertyDef def = Def("Docs", "files");
  EXPECT_THAT(Write(def, R"([{"external":{"url":"https://x.y"}}])"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Docs.files[0].name should be defined, instead was "
                      "`undefined`."));
}

TEST(FilesProperty, NeitherExternalNorFileIsAFixOne) {
  PropertyDef def = Def("Docs", "files");
  EXPECT_THAT(Write(def, R"([{"name":"x"}])"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation. Fix one:\n"
                      "body.properties.Docs.files[0].external should be defined, instead was `undefined`.\n"
                      "body.properties.Docs.files[0].file should be defined, instead was `undefined`."));
}

TEST(FilesProperty, UrlMustBeNonEmptyAndAtMost2000) {
  PropertyDef def = Def("Docs", "files");
  EXPECT_THAT(
      Write(def, R"([{"name":"x","external":{"url":""}}])"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Docs.files[0].external.url should be a non-empty string, "
              "instead was `\"\"`."));
  EXPECT_THAT(
      Write(def, R"([{"name":"x","external":{}}])"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Docs.files[0].external.url should be defined, instead was "
              "`undefined`."));
  json::value ok =
      json::array{json::object{{"name", "x"}, {"external", json::object{{"url", std::string(2000, 'u')}}}}};
  EXPECT_TRUE(Write(def, ok).ok());
  json::value too_long =
      json::array{json::object{{"name", "x"}, {"external", json::object{{"url", std::string(2001, 'u')}}}}};
  EXPECT_THAT(Write(def, too_long),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Docs.files[0].external.url.length should be ≤ `2000`, "
                      "instead was `2001`."));
}

TEST(FilesProperty, ShapeErrors) {
  PropertyDef def = Def("Docs", "files");
  EXPECT_THAT(Write(def, "null"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Docs.files should be an array, instead was `null`."));
  EXPECT_THAT(Write(def, R"(["https://x.y"])"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Docs.files[0] should be an object, instead was "
                      "`\"https://x.y\"`."));
  EXPECT_THAT(Write(def, R"([{"name":"x","external":{"url":"https://x.y"},"size":3}])"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Docs.files[0].size should be not present, instead was "
                      "`3`."));
  EXPECT_THAT(
      Write(def, R"([{"name":7,"external":{"url":"https://x.y"}}])"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Docs.files[0].name should be a string, instead was `7`."));
}

TEST(FilesProperty, At100ItemsAcceptedAbove100Refused) {
  PropertyDef def = Def("Docs", "files");
  json::value item = J(R"({"name":"x","external":{"url":"https://x.y"}})");
  EXPECT_TRUE(Write(def, json::value(Items(item, 100))).ok());
  EXPECT_THAT(
      Write(def, json::value(Items(item, 101))),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Docs.files.length should be ≤ `100`, instead was `101`."));
}

TEST(FilesProperty, RendersStoredArrayOrEmpty) {
  PropertyDef def = Def("Docs", "files");
  json::value stored = J(R"([{"name":"Spec","type":"external","external":{"url":"https://x.y"}}])");
  EXPECT_EQ(Rendered(def, &stored),
            R"({"files":[{"name":"Spec","type":"external","external":{"url":"https://x.y"}}]})");
  EXPECT_EQ(Rendered(def, nullptr), R"({"files":[]})");
}

// ---------------------------------------------------------------- checkbox

TEST(CheckboxProperty, StoresBooleans) {
  PropertyDef def = Def("Done", "checkbox");
  EXPECT_EQ(Stored(Write(def, "true")), "true");
  EXPECT_EQ(Stored(Write(def, "false")), "false");
}

TEST(CheckboxProperty, NullAndStringsAreRefused) {
  PropertyDef def = Def("Done", "checkbox");
  EXPECT_THAT(
      Write(def, "null"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Done.checkbox should be a boolean, instead was `null`."));
  EXPECT_THAT(Write(def, R"("true")"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Done.checkbox should be a boolean, instead was "
                      "`\"true\"`."));
}

TEST(CheckboxProperty, RendersFalseWhenUnset) {
  PropertyDef def = Def("Done", "checkbox");
  json::value t = true;
  EXPECT_EQ(Rendered(def, &t), R"({"checkbox":true})");
  EXPECT_EQ(Rendered(def, nullptr), R"({"checkbox":false})");
}

// ---------------------------------------------------------------- url / email / phone_number

TEST(UrlProperty, StoresStringAndNullClears) {
  PropertyDef def = Def("Link", "url");
  EXPECT_EQ(Stored(Write(def, R"("https://notion.so")")), R"("https://notion.so")");
  EXPECT_EQ(Stored(Write(def, "null")), "null");
}

TEST(UrlProperty, EmptyStringIsRefused) {
  PropertyDef def = Def("Link", "url");
  EXPECT_THAT(Write(def, R"("")"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Link.url should be populated or `null`, instead was "
                      "`\"\"`."));
}

TEST(UrlProperty, NonStringIsRefused) {
  PropertyDef def = Def("Link", "url");
  EXPECT_THAT(
      Write(def, "5"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Link.url should be a string or `null`, instead was `5`."));
}

TEST(UrlProperty, At2000AcceptedAbove2000Refused) {
  PropertyDef def = Def("Link", "url");
  EXPECT_TRUE(Write(def, json::value(std::string(2000, 'u'))).ok());
  EXPECT_THAT(
      Write(def, json::value(std::string(2001, 'u'))),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Link.url.length should be ≤ `2000`, instead was `2001`."));
}

TEST(UrlProperty, LengthCountsUtf16CodeUnits) {
  PropertyDef def = Def("Link", "url");
  EXPECT_TRUE(Write(def, json::value(Repeat("🥑", 1000))).ok());  // 2000 code units
  EXPECT_THAT(
      Write(def, json::value(Repeat("🥑", 1000) + "x")),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Link.url.length should be ≤ `2000`, instead was `2001`."));
}

TEST(EmailProperty, StoresStringAndLimitIs200) {
  PropertyDef def = Def("Mail", "email");
  EXPECT_EQ(Stored(Write(def, R"("ann@example.com")")), R"("ann@example.com")");
  EXPECT_EQ(Stored(Write(def, "null")), "null");
  EXPECT_TRUE(Write(def, json::value(std::string(200, 'e'))).ok());
  EXPECT_THAT(
      Write(def, json::value(std::string(201, 'e'))),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Mail.email.length should be ≤ `200`, instead was `201`."));
  EXPECT_THAT(Write(def, R"("")"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Mail.email should be populated or `null`, instead was "
                      "`\"\"`."));
}

TEST(PhoneNumberProperty, AnyTextUpTo200) {
  PropertyDef def = Def("Phone", "phone_number");
  EXPECT_EQ(Stored(Write(def, R"("call me maybe")")), R"("call me maybe")");
  EXPECT_EQ(Stored(Write(def, "null")), "null");
  EXPECT_TRUE(Write(def, json::value(std::string(200, '1'))).ok());
  EXPECT_THAT(
      Write(def, json::value(std::string(201, '1'))),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Phone.phone_number.length should be ≤ `200`, instead was "
              "`201`."));
  EXPECT_THAT(
      Write(def, "5551234"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Phone.phone_number should be a string or `null`, instead "
              "was `5551234`."));
}

TEST(ScalarStringProperties, RenderValueOrNull) {
  json::value v = "x@y.z";
  EXPECT_EQ(Rendered(Def("Mail", "email"), &v), R"({"email":"x@y.z"})");
  EXPECT_EQ(Rendered(Def("Mail", "email"), nullptr), R"({"email":null})");
  EXPECT_EQ(Rendered(Def("Link", "url"), nullptr), R"({"url":null})");
  EXPECT_EQ(Rendered(Def("Phone", "phone_number"), nullptr), R"({"phone_number":null})");
}

// ---------------------------------------------------------------- relation

TEST(RelationProperty, StoresNormalizedPageIds) {
  PropertyDef def = Def("Related", "relation");
  EXPECT_EQ(Stored(Write(
                def, R"([{"id":"598337872cf94fdf8782e53db20768a5"},{"id":"0C5C1C5A-41F8-4A0C-A2C6-6F5D3C1E4B7A"}])")),
            std::string("[\"") + kUser1 + "\",\"" + kUser2 + "\"]");
  EXPECT_EQ(Stored(Write(def, "[]")), "[]");
}

TEST(RelationProperty, Refusals) {
  PropertyDef def = Def("Related", "relation");
  EXPECT_THAT(
      Write(def, "null"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Related.relation should be an array, instead was `null`."));
  EXPECT_THAT(Write(def, R"(["598337872cf94fdf8782e53db20768a5"])"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Related.relation[0] should be an object, instead was "
                      "`\"598337872cf94fdf8782e53db20768a5\"`."));
  EXPECT_THAT(
      Write(def, R"([{"id":"abc"}])"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Related.relation[0].id should be a valid uuid, instead was "
              "`\"abc\"`."));
  EXPECT_THAT(
      Write(def, std::string(R"([{"id":")") + kUser1 + R"(","object":"page"}])"),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.properties.Related.relation[0].object should be not present, instead "
              "was `\"page\"`."));
}

TEST(RelationProperty, At100ItemsAcceptedAbove100Refused) {
  PropertyDef def = Def("Related", "relation");
  json::value item = json::object{{"id", kUser1}};
  EXPECT_TRUE(Write(def, json::value(Items(item, 100))).ok());
  EXPECT_THAT(Write(def, json::value(Items(item, 101))),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Related.relation.length should be ≤ `100`, instead was "
                      "`101`."));
}

TEST(RelationProperty, RendersReferencesAndHasMore) {
  PropertyDef def = Def("Related", "relation");
  json::value stored = json::array{json::value(kUser1)};
  EXPECT_EQ(Rendered(def, &stored), std::string(R"({"relation":[{"id":")") + kUser1 + R"("}],"has_more":false})");
  EXPECT_EQ(Rendered(def, nullptr), R"({"relation":[],"has_more":false})");
}

// ---------------------------------------------------------------- read-only renders

TEST(ReadOnlyProperties, PageMetadataRendersFromTheContext) {
  RenderContext ctx;
  ctx.created_time = 1666652057123;      // 2022-10-24T22:54:17.123Z
  ctx.last_edited_time = 1678299935000;  // 2023-03-08T18:25:35.000Z
  ctx.created_by = kUser1;
  ctx.last_edited_by = kUser2;
  EXPECT_EQ(Rendered(Def("C", "created_time"), nullptr, ctx), R"({"created_time":"2022-10-24T22:54:00.000Z"})");
  EXPECT_EQ(Rendered(Def("E", "last_edited_time"), nullptr, ctx), R"({"last_edited_time":"2023-03-08T18:25:00.000Z"})");
  EXPECT_EQ(Rendered(Def("B", "created_by"), nullptr, ctx),
            std::string(R"({"created_by":{"object":"user","id":")") + kUser1 + R"("}})");
  EXPECT_EQ(Rendered(Def("L", "last_edited_by"), nullptr, ctx),
            std::string(R"({"last_edited_by":{"object":"user","id":")") + kUser2 + R"("}})");
}

TEST(ReadOnlyProperties, ComputedTypesRenderTheirShapes) {
  EXPECT_EQ(Rendered(Def("F", "formula", json::object{{"expression", "1"}}), nullptr),
            R"({"formula":{"type":"string","string":null}})");
  EXPECT_EQ(Rendered(Def("R", "rollup", json::object{{"function", "sum"}}), nullptr),
            R"({"rollup":{"type":"number","number":null,"function":"sum"}})");
  json::value n = 7;
  EXPECT_EQ(Rendered(Def("U", "unique_id", json::object{{"prefix", "RL"}}), &n),
            R"({"unique_id":{"prefix":"RL","number":7}})");
  EXPECT_EQ(Rendered(Def("B", "button"), nullptr), R"({"button":{}})");
  EXPECT_EQ(Rendered(Def("V", "verification"), nullptr),
            R"({"verification":{"state":"unverified","verified_by":null,"date":null}})");
  EXPECT_EQ(Rendered(Def("P", "place"), nullptr), R"({"place":null})");
}

// ---------------------------------------------------------------- verification, place

TEST(VerificationProperty, VerifiedIsStampedWithTheAuthorAndNowWhenNoDateIsGiven) {
  PropertyDef def = Def("V", "verification");
  auto stored = Write(def, R"({"state":"verified"})");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(SerializeJson(*stored), R"({"state":"verified","date":null})");
  FindType("verification")->Stamp(*stored, "bot-1", 1700000000000);
  EXPECT_EQ(
      SerializeJson(*stored),
      R"({"state":"verified","date":{"start":"2023-11-14T22:13:20.000+00:00","end":null},"verified_by":"bot-1"})");
  RenderContext ctx;
  ctx.user = [](const std::string& id) { return json::value(json::object{{"object", "user"}, {"id", id}}); };
  EXPECT_EQ(Rendered(def, &*stored, ctx),
            R"({"verification":{"state":"verified","verified_by":{"object":"user","id":"bot-1"},)"
            R"("date":{"start":"2023-11-14T22:13:20.000+00:00","end":null,"time_zone":null}}})");
}

TEST(VerificationProperty, AGivenDateIsKeptAndAPastEndShowsExpired) {
  PropertyDef def = Def("V", "verification");
  auto stored = Write(def, R"({"state":"verified","date":{"start":"2023-08-01","end":"2023-10-30"}})");
  ASSERT_TRUE(stored.ok());
  FindType("verification")->Stamp(*stored, "bot-1", 1700000000000);
  EXPECT_EQ(SerializeJson(stored->at("date")), R"({"start":"2023-08-01","end":"2023-10-30"})");
  EXPECT_EQ(Rendered(def, &*stored),
            R"({"verification":{"state":"expired","verified_by":{"object":"user","id":"bot-1"},)"
            R"("date":{"start":"2023-08-01","end":"2023-10-30","time_zone":null}}})");
  auto future = Write(def, R"({"state":"verified","date":{"start":"2023-08-01","end":"2999-01-01"}})");
  ASSERT_TRUE(future.ok());
  EXPECT_NE(Rendered(def, &*future).find(R"("state":"verified")"), std::string::npos);
}

TEST(VerificationProperty, UnverifiedClearsAndTakesNoDate) {
  PropertyDef def = Def("V", "verification");
  EXPECT_EQ(Stored(Write(def, R"({"state":"unverified"})")), "null");
  EXPECT_THAT(Write(def, R"({"state":"unverified","date":{"start":"2023-08-01"}})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.V.verification.date should be not present, instead "
                      "was `{\"start\":\"2023-08-01\"}`."));
}

TEST(VerificationProperty, RefusesOtherShapes) {
  PropertyDef def = Def("V", "verification");
  EXPECT_THAT(Write(def, "null"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.V.verification should be an object, instead was "
                      "`null`."));
  EXPECT_THAT(Write(def, "{}"), ErrorIs(ErrorCode::kValidationError,
                                        "body failed validation: body.properties.V.verification.state should be "
                                        "defined, instead was `undefined`."));
  EXPECT_THAT(Write(def, R"({"state":"expired"})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.V.verification.state should be `\"verified\"` or "
                      "`\"unverified\"`, instead was `\"expired\"`."));
  EXPECT_THAT(Write(def, R"({"state":"verified","verified_by":{"id":"x"}})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.V.verification.verified_by should be not present, "
                      "instead was `{\"id\":\"x\"}`."));
  EXPECT_THAT(Write(def, R"({"state":"verified","date":{"end":"2023-08-01"}})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.V.verification.date.start should be defined, instead "
                      "was `undefined`."));
}

TEST(VerificationProperty, FromRenderedGivesTheRequestFormAndTheAuthor) {
  const PropertyType* t = FindType("verification");
  std::string author;
  json::value back = t->FromRendered(
      J(R"({"state":"expired","verified_by":{"object":"user","id":"u1"},"date":{"start":"2023-08-01","end":"2023-10-30","time_zone":null}})"),
      &author);
  EXPECT_EQ(SerializeJson(back), R"({"state":"verified","date":{"start":"2023-08-01","end":"2023-10-30"}})");
  EXPECT_EQ(author, "u1");
  author.clear();
  EXPECT_EQ(SerializeJson(t->FromRendered(J(R"({"state":"unverified","verified_by":null,"date":null})"), &author)),
            R"({"state":"unverified"})");
  EXPECT_EQ(author, "");
}

TEST(PlaceProperty, KeepsEveryKeyAndClearsWithNull) {
  PropertyDef def = Def("Where", "place");
  auto stored = Write(def, R"({"lat":48.8584,"lon":2.2945,"name":"Eiffel Tower"})");
  EXPECT_EQ(
      Stored(stored),
      R"({"lat":48.8584,"lon":2.2945,"name":"Eiffel Tower","address":null,"aws_place_id":null,"google_place_id":null})");
  EXPECT_EQ(
      Rendered(def, &*stored),
      R"({"place":{"lat":48.8584,"lon":2.2945,"name":"Eiffel Tower","address":null,"aws_place_id":null,"google_place_id":null}})");
  EXPECT_EQ(Stored(Write(def, "null")), "null");
}

TEST(PlaceProperty, RefusesMissingCoordinatesAndOtherKeys) {
  PropertyDef def = Def("Where", "place");
  EXPECT_THAT(Write(def, R"({"lat":1})"), ErrorIs(ErrorCode::kValidationError,
                                                  "body failed validation: body.properties.Where.place.lon should be "
                                                  "defined, instead was `undefined`."));
  EXPECT_THAT(Write(def, R"({"lat":"1","lon":2})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Where.place.lat should be a number, instead was "
                      "`\"1\"`."));
  EXPECT_THAT(Write(def, R"({"lat":1,"lon":2,"name":3})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Where.place.name should be a string or `null`, "
                      "instead was `3`."));
  EXPECT_THAT(Write(def, R"({"lat":1,"lon":2,"zip":"75007"})"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.properties.Where.place.zip should be not present, instead was "
                      "`\"75007\"`."));
}

}  // namespace
}  // namespace localnotion::schema
