// Test helpers for filter_test.cc and sort_test.cc: a schema with one property of every
// type, and pages whose values are built the way Notion renders them.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "common/json.h"
#include "query/filter.h"
#include "query/sort.h"
#include "query/values.h"
#include "schema/property_def.h"
#include "testing/json.h"

namespace localnotion::query::testing {

// J is testing::J; this namespace is query::testing, so it is brought in by name.
using ::localnotion::testing::J;

inline Millis Ms(std::string_view iso) {
  auto d = ParseDatePoint(iso);
  EXPECT_TRUE(d.has_value()) << iso;
  return d ? d->ms : 0;
}

inline constexpr const char* kUserA = "59833787-2cf9-4fdf-8782-e53db20768a5";
inline constexpr const char* kUserB = "0c5c1c5a-41f8-4a0c-a2c6-6f5d3c1e4b7a";
inline constexpr const char* kPage1 = "11111111-1111-4111-8111-111111111111";
inline constexpr const char* kPage2 = "22222222-2222-4222-8222-222222222222";

inline schema::Schema TestSchema() {
  auto def = [](std::string id, std::string name, std::string type, const char* config = "{}") {
    return schema::PropertyDef{std::move(id), std::move(name), std::move(type), J(config).as_object()};
  };
  return {
      def("title", "Name", "title"),
      def("rtxt", "Notes", "rich_text"),
      def("numb", "Count", "number", R"({"format":"number"})"),
      def("chk1", "Done", "checkbox"),
      def("sel1", "Kind", "select",
          R"({"options":[{"id":"o1","name":"Bug","color":"red"},{"id":"o2","name":"Feature","color":"blue"},{"id":"o3","name":"Chore","color":"gray"}]})"),
      def("sta1", "State", "status",
          R"({"options":[{"id":"s1","name":"Not started","color":"default"},{"id":"s2","name":"In progress","color":"blue"},{"id":"s3","name":"Done","color":"green"}],"groups":[]})"),
      def("tags", "Tags", "multi_select",
          R"({"options":[{"id":"t1","name":"red","color":"red"},{"id":"t2","name":"green","color":"green"},{"id":"t3","name":"blue","color":"blue"}]})"),
      def("due1", "Due", "date"),
      def("ppl1", "Owner", "people"),
      def("fil1", "Files", "files"),
      def("url1", "Link", "url"),
      def("eml1", "Mail", "email"),
      def("phn1", "Phone", "phone_number"),
      def("rel1", "Related", "relation", R"({"data_source_id":"33333333-3333-4333-8333-333333333333"})"),
      def("cby1", "Creator", "created_by"),
      def("ctm1", "Created", "created_time"),
      def("eby1", "Editor", "last_edited_by"),
      def("etm1", "Edited", "last_edited_time"),
      def("frm1", "F", "formula", R"({"expression":"1"})"),
      def("rol1", "R", "rollup", R"({"function":"show_original"})"),
      def("uid1", "ID", "unique_id", R"({"prefix":"T"})"),
      def("btn1", "Go", "button"),
      def("ver1", "Verified", "verification"),
  };
}

inline json::array RichText(std::string_view s) {
  if (s.empty()) return {};
  return json::array{json::object{{"type", "text"},
                                  {"text", json::object{{"content", s}, {"link", nullptr}}},
                                  {"plain_text", s},
                                  {"href", nullptr}}};
}

inline json::object User(std::string_view id, std::string_view name) {
  return json::object{{"object", "user"}, {"id", id}, {"name", name}, {"type", "person"}};
}

// A page: set values by property id with the setters, then facts() for the filter.
struct Page {
  json::object values;
  Millis created_time = 0;
  Millis last_edited_time = 0;
  std::string created_by = kUserA;
  std::string last_edited_by = kUserB;

  Page() {
    created_time = Ms("2024-06-01T08:00:00.000Z");
    last_edited_time = Ms("2024-06-10T09:30:15.250Z");
  }

  Page& Set(std::string id, std::string type, json::value v) {
    values[id] = json::object{{"id", id}, {"type", type}, {type, std::move(v)}};
    return *this;
  }
  Page& Title(std::string_view s) { return Set("title", "title", RichText(s)); }
  Page& Notes(std::string_view s) { return Set("rtxt", "rich_text", RichText(s)); }
  Page& Count(json::value n) { return Set("numb", "number", std::move(n)); }
  Page& Done(bool b) { return Set("chk1", "checkbox", b); }
  Page& Kind(std::string_view id, std::string_view name) {
    return Set("sel1", "select", json::object{{"id", id}, {"name", name}, {"color", "default"}});
  }
  Page& NoKind() { return Set("sel1", "select", nullptr); }
  Page& State(std::string_view id, std::string_view name) {
    return Set("sta1", "status", json::object{{"id", id}, {"name", name}, {"color", "default"}});
  }
  Page& Tags(std::initializer_list<std::pair<const char*, const char*>> tags) {
    json::array arr;
    for (auto [id, name] : tags) arr.push_back(json::object{{"id", id}, {"name", name}, {"color", "default"}});
    return Set("tags", "multi_select", std::move(arr));
  }
  Page& Due(std::string_view start, const char* end = nullptr) {
    return Set("due1", "date",
               json::object{{"start", start}, {"end", end ? json::value(end) : json::value(nullptr)}, {"time_zone", nullptr}});
  }
  Page& NoDue() { return Set("due1", "date", nullptr); }
  Page& Owners(std::initializer_list<std::pair<const char*, const char*>> users) {
    json::array arr;
    for (auto [id, name] : users) arr.push_back(User(id, name));
    return Set("ppl1", "people", std::move(arr));
  }
  Page& Files(std::initializer_list<const char*> names) {
    json::array arr;
    for (const char* n : names) {
      arr.push_back(json::object{{"name", n}, {"type", "external"}, {"external", json::object{{"url", "https://x/y"}}}});
    }
    return Set("fil1", "files", std::move(arr));
  }
  Page& Link(json::value s) { return Set("url1", "url", std::move(s)); }
  Page& Mail(json::value s) { return Set("eml1", "email", std::move(s)); }
  Page& Phone(json::value s) { return Set("phn1", "phone_number", std::move(s)); }
  Page& Related(std::initializer_list<const char*> ids) {
    json::array arr;
    for (const char* id : ids) arr.push_back(json::object{{"id", id}});
    values["rel1"] = json::object{{"id", "rel1"}, {"type", "relation"}, {"relation", std::move(arr)}, {"has_more", false}};
    return *this;
  }
  Page& Formula(const char* inner_json) { return Set("frm1", "formula", J(inner_json)); }
  Page& Rollup(const char* inner_json) { return Set("rol1", "rollup", J(inner_json)); }
  Page& Verification(std::string_view state) {
    return Set("ver1", "verification", json::object{{"state", state}, {"verified_by", nullptr}, {"date", nullptr}});
  }
  Page& Uid(json::value n) { return Set("uid1", "unique_id", json::object{{"prefix", "T"}, {"number", std::move(n)}}); }

  PageFacts facts() const { return PageFacts{&values, created_time, last_edited_time, created_by, last_edited_by}; }
};

}  // namespace localnotion::query::testing
