// The formula language (schema/formula/formula.h): the input is an expression, at most
// kMaxExpression bytes (a formula is a schema property's configuration, which arrives in
// a request body of at most 500 KB; a small bound keeps each run fast), compiled against
// properties of every formula type, evaluated on one page's values and shown as the API
// shows it.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "schema/formula/formula.h"

using namespace localnotion;                   // NOLINT
using namespace localnotion::schema::formula;  // NOLINT

namespace {

constexpr size_t kMaxExpression = 2048;

struct Page {
  std::vector<PropertyInfo> properties;
  std::map<std::string, Value, std::less<>> values;

  void Add(std::string name, Type type, Value v) {
    properties.push_back({name, type});
    values.emplace(std::move(name), std::move(v));
  }

  Page() {
    // The property values as a page object shows them, read as the service reads them.
    auto from = [](const char* property_json) { return FromPropertyJson(*ParseJson(property_json)); };
    Add("Name", Type::kString,
        from(R"({"type":"title","title":[{"type":"text","plain_text":"Crème ","href":null},)"
             R"({"type":"text","plain_text":"BRÛLÉE 😀","href":null}]})"));
    Add("Notes", Type::kString, Value::String(""));
    Add("Price", Type::kNumber, from(R"({"type":"number","number":42.5})"));
    Add("Zero", Type::kNumber, Value::Number(0));
    Add("Empty", Type::kNumber, Value());
    Add("Done", Type::kBoolean, from(R"({"type":"checkbox","checkbox":true})"));
    Add("Due", Type::kDate,
        from(R"({"type":"date","date":{"start":"2024-02-29T23:30:00.000+05:30","end":"2024-03-31","time_zone":null}})"));
    Add("Created", Type::kDate, from(R"({"type":"created_time","created_time":"2024-06-01T08:00:00.000Z"})"));
    Add("Tags", Type::kList,
        from(R"({"type":"multi_select","multi_select":[{"id":"t1","name":"new"},{"id":"t2","name":"sale"}]})"));
    Add("Owner", Type::kList, from(R"({"type":"people","people":[{"object":"user","id":"u1","name":"Ann"},{"id":"u2"}]})"));
    Add("Scores", Type::kList,
        from(R"({"type":"rollup","rollup":{"type":"array","array":[{"type":"number","number":10},)"
             R"({"type":"number","number":-3.5},{"type":"date","date":{"start":"2024-01-01"}}]}})"));
    Add("Calc", Type::kNumber, from(R"({"type":"formula","formula":{"type":"number","number":85}})"));
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxExpression) return 0;
  static const Page page;
  auto program = Compile(fuzz::AsText(data, size), page.properties);
  if (!program.ok()) return 0;
  const Millis now = 1718193600000;  // 2024-06-12T12:00:00.000Z
  Value v = Evaluate(**program, [](std::string_view name) {
    auto it = page.values.find(name);
    return it == page.values.end() ? Value() : it->second;
  }, now);
  (void)SerializeJson(ToNotionJson(v, (*program)->result_type()));
  (void)SerializeJson(ToNotionJson(v, Type::kNull));
  return 0;
}
