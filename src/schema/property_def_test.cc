// What SchemaFromStored derives from each definition (its type's registry entry and the
// start of its value in a page's "properties"), and that a copy derives nothing, so that a
// copy changed afterwards is never written with the text of the definition it came from.
#include "schema/property_def.h"

#include <gtest/gtest.h>

#include <string>

#include "common/json_writer.h"
#include "schema/registry.h"
#include "testing/json.h"

namespace localnotion::schema {
namespace {

using testing::J;

std::string PrefixOf(const PropertyDef& def) {
  std::string out;
  JsonWriter w(out);
  WriteValuePrefix(def, w);
  w.Finish();
  return out;
}

TEST(PropertyDefTest, SchemaFromStoredDerivesTheTypeAndTheEscapedValuePrefix) {
  auto schema = SchemaFromStored(J(R"([{"id":"a%3Bb","name":"Say \"hi\" ✓","type":"rich_text","config":{}},
                                       {"id":"x","name":"Odd","type":"no_such_type","config":{}}])"));
  ASSERT_TRUE(schema.ok());
  const PropertyDef& text = (*schema)[0];
  EXPECT_EQ(text.derived.type, FindType("rich_text"));
  EXPECT_EQ(text.derived.value_prefix, R"("Say \"hi\" ✓":{"id":"a%3Bb","type":"rich_text","rich_text":)");
  EXPECT_EQ(PrefixOf(text), text.derived.value_prefix);
  EXPECT_EQ(TypeOf(text), FindType("rich_text"));
  EXPECT_EQ(TypeOf((*schema)[1]), nullptr);
}

TEST(PropertyDefTest, ACopyDerivesNothingAndIsWrittenFromItsOwnFields) {
  auto schema = SchemaFromStored(J(R"([{"id":"t1","name":"Notes","type":"rich_text","config":{}}])"));
  ASSERT_TRUE(schema.ok());
  PropertyDef copy = (*schema)[0];
  EXPECT_EQ(copy.derived.type, nullptr);
  EXPECT_EQ(copy.derived.value_prefix, "");
  EXPECT_EQ(TypeOf(copy), FindType("rich_text"));
  EXPECT_EQ(PrefixOf(copy), R"("Notes":{"id":"t1","type":"rich_text","rich_text":)");
  copy.name = "Renamed";
  copy.type = "url";
  EXPECT_EQ(TypeOf(copy), FindType("url"));
  EXPECT_EQ(PrefixOf(copy), R"("Renamed":{"id":"t1","type":"url","url":)");

  PropertyDef assigned("other", "Other", "number");
  assigned = (*schema)[0];  // copy assignment derives nothing either
  EXPECT_EQ(assigned.derived.type, nullptr);
  EXPECT_EQ(assigned.derived.value_prefix, "");
  EXPECT_EQ(assigned.name, "Notes");

  PropertyDef moved = std::move((*schema)[0]);  // a move keeps what was derived
  EXPECT_EQ(moved.derived.type, FindType("rich_text"));
}

}  // namespace
}  // namespace localnotion::schema
