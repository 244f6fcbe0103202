// The filter and sort parsers (query/filter.h, query/sort.h), as a data source query runs
// them: the body read by validation::ReadQueryBody, `filter` and `sorts` parsed against
// the "Everything" schema (fuzz_util.h), the query planned (query/plan.h), and the
// compiled filter and sorts evaluated on three pages.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "query/filter.h"
#include "query/plan.h"
#include "query/sort.h"
#include "validation/query_body.h"

using namespace localnotion;  // NOLINT

namespace {

// Property values as a page object shows them, keyed by property id.
constexpr const char* kFull = R"json({
  "title":{"id":"title","type":"title","title":[{"type":"text","text":{"content":"Crème BRÛLÉE","link":null},
    "annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"},
    "plain_text":"Crème BRÛLÉE","href":null}]},
  "rtxt":{"id":"rtxt","type":"rich_text","rich_text":[]},
  "prce":{"id":"prce","type":"number","number":42.5},
  "catg":{"id":"catg","type":"select","select":{"id":"o1","name":"Tools","color":"blue"}},
  "tags":{"id":"tags","type":"multi_select","multi_select":[{"id":"t1","name":"new","color":"green"}]},
  "stge":{"id":"stge","type":"status","status":{"id":"s2","name":"In progress","color":"blue"}},
  "due1":{"id":"due1","type":"date","date":{"start":"2024-06-10","end":"2024-06-20T10:00:00.000+02:00","time_zone":null}},
  "ownr":{"id":"ownr","type":"people","people":[{"object":"user","id":"59833787-2cf9-4fdf-8782-e53db20768a5","name":"Ann"}]},
  "docs":{"id":"docs","type":"files","files":[{"name":"a.png","type":"external","external":{"url":"https://x/a.png"}}]},
  "done":{"id":"done","type":"checkbox","checkbox":true},
  "link":{"id":"link","type":"url","url":"https://example.com"},
  "mail":{"id":"mail","type":"email","email":"ann@example.com"},
  "phne":{"id":"phne","type":"phone_number","phone_number":"+1 555 0100"},
  "trgt":{"id":"trgt","type":"relation","relation":[{"id":"11111111-1111-4111-8111-111111111111"}],"has_more":false},
  "lnkd":{"id":"lnkd","type":"relation","relation":[],"has_more":false},
  "calc":{"id":"calc","type":"formula","formula":{"type":"number","number":85}},
  "cnt1":{"id":"cnt1","type":"rollup","rollup":{"type":"number","number":1,"function":"count"}},
  "tot1":{"id":"tot1","type":"rollup","rollup":{"type":"number","number":null,"function":"sum"}},
  "scrs":{"id":"scrs","type":"rollup","rollup":{"type":"array","array":[{"type":"number","number":10}],"function":"show_original"}},
  "code":{"id":"code","type":"unique_id","unique_id":{"prefix":"INV","number":7}}
})json";

constexpr const char* kEmpty = R"json({
  "title":{"id":"title","type":"title","title":[]},
  "prce":{"id":"prce","type":"number","number":null},
  "catg":{"id":"catg","type":"select","select":null},
  "due1":{"id":"due1","type":"date","date":null},
  "link":{"id":"link","type":"url","url":null},
  "calc":{"id":"calc","type":"formula","formula":{"type":"string","string":null}},
  "scrs":{"id":"scrs","type":"rollup","rollup":{"type":"date","date":null,"function":"latest_date"}}
})json";

struct Pages {
  json::value full = *ParseJson(kFull);
  json::value empty = *ParseJson(kEmpty);
  json::object none;
  std::vector<query::PageFacts> facts{
      {&full.get_object(), 1717228800000, 1718011815250, fuzz::kUserId, fuzz::kUserId},
      {&empty.get_object(), 0, 0, "", ""},
      {&none, -62198755200000, 253402300799999, fuzz::kUserId, ""},
  };
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto body = fuzz::ParseInput(data, size);
  if (!body) return 0;
  static const schema::Schema schema = fuzz::EverythingSchema();
  static const Pages pages;
  const Millis now = 1718193600000;  // 2024-06-12T12:00:00.000Z
  for (bool data_sources : {false, true}) (void)validation::ReadQueryBody(*body, data_sources);
  // The filter and sorts wherever they are, so that one the body reader refuses is
  // still parsed.
  const json::value* filter_v = nullptr;
  const json::value* sorts_v = nullptr;
  if (body->is_object()) {
    filter_v = Find(body->get_object(), "filter");
    sorts_v = Find(body->get_object(), "sorts");
  }
  std::shared_ptr<const query::Filter> filter;
  std::shared_ptr<const query::Sorter> sorter;
  if (filter_v != nullptr) {
    auto f = query::ParseFilter(*filter_v, schema);
    if (f.ok()) filter = *f;
  }
  if (sorts_v != nullptr) {
    auto s = query::ParseSorts(*sorts_v, schema);
    if (s.ok()) sorter = *s;
  }
  if (filter == nullptr && sorter == nullptr) return 0;
  (void)query::PlanQuery(filter.get(), sorter.get(), schema);
  if (filter != nullptr) {
    for (const query::PageFacts& p : pages.facts) (void)query::Matches(*filter, p, now);
  }
  if (sorter != nullptr) {
    std::vector<query::SortKey> keys;
    for (const query::PageFacts& p : pages.facts) keys.push_back(query::KeyOf(*sorter, p));
    for (size_t i = 0; i < keys.size(); ++i) {
      for (size_t j = 0; j < keys.size(); ++j) {
        bool by_key = query::KeyLess(*sorter, keys[i], keys[j]);
        bool direct = query::Less(*sorter, pages.facts[i], pages.facts[j]);
        // The two ways of comparing are documented to give the same order.
        if (by_key != direct) __builtin_trap();
        // A strict weak order is irreflexive.
        if (i == j && by_key) __builtin_trap();
      }
    }
  }
  return 0;
}
