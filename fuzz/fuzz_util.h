// Shared by the libFuzzer targets (docs/fuzzing.md): reading the input as JSON, and a
// data source schema with one property of every type named as the golden suite's
// "Everything" database (tests/golden/README.md), so that request bodies taken from the
// golden cases are meaningful seeds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/json.h"
#include "schema/property_def.h"

namespace localnotion::fuzz {

// The input as text.
inline std::string_view AsText(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// The input as JSON, as the server reads a request body (common/json.h); nullopt for
// what is not JSON or is over `max_bytes` (the server's body limit is 500 KB; smaller
// inputs keep the fuzzer fast).
inline std::optional<json::value> ParseInput(const uint8_t* data, size_t size, size_t max_bytes = 64 * 1024) {
  if (size > max_bytes) return std::nullopt;
  return ParseJson(AsText(data, size));
}

// Fixed ids the seeds use.
inline constexpr const char* kTargetsSource = "33333333-3333-4333-8333-333333333333";
inline constexpr const char* kTargetsDatabase = "44444444-4444-4444-8444-444444444444";
inline constexpr const char* kUserId = "59833787-2cf9-4fdf-8782-e53db20768a5";
inline constexpr const char* kPageId = "11111111-1111-4111-8111-111111111111";

// The schema of "Everything" in its stored form (schema::SchemaFromStored).
inline schema::Schema EverythingSchema() {
  static constexpr const char* kStored = R"json([
    {"id":"title","name":"Name","type":"title","config":{}},
    {"id":"rtxt","name":"Notes","type":"rich_text","config":{}},
    {"id":"prce","name":"Price","type":"number","config":{"format":"dollar"}},
    {"id":"catg","name":"Category","type":"select","config":{"options":[
      {"id":"o1","name":"Tools","color":"blue","description":null},
      {"id":"o2","name":"Toys","color":"red","description":null}]}},
    {"id":"tags","name":"Tags","type":"multi_select","config":{"options":[
      {"id":"t1","name":"new","color":"green","description":null},
      {"id":"t2","name":"sale","color":"yellow","description":null}]}},
    {"id":"stge","name":"Stage","type":"status","config":{"options":[
      {"id":"s1","name":"Not started","color":"default","description":null},
      {"id":"s2","name":"In progress","color":"blue","description":null},
      {"id":"s3","name":"Done","color":"green","description":null}],
      "groups":[{"id":"g1","name":"To-do","color":"gray","option_ids":["s1"]},
                {"id":"g2","name":"In progress","color":"blue","option_ids":["s2"]},
                {"id":"g3","name":"Complete","color":"green","option_ids":["s3"]}]}},
    {"id":"due1","name":"Due","type":"date","config":{}},
    {"id":"ownr","name":"Owner","type":"people","config":{}},
    {"id":"docs","name":"Docs","type":"files","config":{}},
    {"id":"done","name":"Done","type":"checkbox","config":{}},
    {"id":"link","name":"Link","type":"url","config":{}},
    {"id":"mail","name":"Mail","type":"email","config":{}},
    {"id":"phne","name":"Phone","type":"phone_number","config":{}},
    {"id":"trgt","name":"Target","type":"relation","config":{
      "database_id":"44444444-4444-4444-8444-444444444444","data_source_id":"33333333-3333-4333-8333-333333333333",
      "type":"single_property","single_property":{}}},
    {"id":"lnkd","name":"Linked","type":"relation","config":{
      "database_id":"44444444-4444-4444-8444-444444444444","data_source_id":"33333333-3333-4333-8333-333333333333",
      "type":"dual_property","dual_property":{"synced_property_name":"Back","synced_property_id":"back"}}},
    {"id":"calc","name":"Calc","type":"formula","config":{"expression":"prop(\"Price\") * 2"}},
    {"id":"cnt1","name":"Count","type":"rollup","config":{"function":"count",
      "relation_property_name":"Target","relation_property_id":"trgt","rollup_property_name":"Name","rollup_property_id":"title"}},
    {"id":"tot1","name":"Total","type":"rollup","config":{"function":"sum",
      "relation_property_name":"Target","relation_property_id":"trgt","rollup_property_name":"Score","rollup_property_id":"scor"}},
    {"id":"scrs","name":"Scores","type":"rollup","config":{"function":"show_original",
      "relation_property_name":"Target","relation_property_id":"trgt","rollup_property_name":"Score","rollup_property_id":"scor"}},
    {"id":"crtd","name":"Created","type":"created_time","config":{}},
    {"id":"crby","name":"Creator","type":"created_by","config":{}},
    {"id":"edtd","name":"Edited","type":"last_edited_time","config":{}},
    {"id":"edby","name":"Editor","type":"last_edited_by","config":{}},
    {"id":"code","name":"Code","type":"unique_id","config":{"prefix":"INV"}},
    {"id":"bttn","name":"Go","type":"button","config":{}}
  ])json";
  static const schema::Schema kSchema = [] {
    auto parsed = schema::SchemaFromStored(*ParseJson(kStored));
    if (!parsed.ok()) __builtin_trap();  // the fixture above is wrong
    return *parsed;
  }();
  return kSchema;
}

}  // namespace localnotion::fuzz
