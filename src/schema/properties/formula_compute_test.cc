// schema::ComputeFormula and CheckFormulas on a schema with many formulas: each formula
// is compiled against the types of the others, computed once per depth. Before that memo
// a schema of F formulas cost F^8 compilations (issue 15: 3 formulas made every page of
// 15-query take 1.5 s on the ASan/UBSan server); with 13, as here, this test would not end.
#include <gtest/gtest.h>

#include <string>

#include "common/json.h"
#include "schema/properties/computed.h"

namespace localnotion::schema {
namespace {

PropertyDef Formula(std::string name, std::string expression) {
  return PropertyDef{name, name, "formula", json::object{{"expression", expression}}};
}

Schema ManyFormulas() {
  Schema schema{PropertyDef{"n", "N", "number", {}}};
  for (int i = 0; i < 12; ++i) {
    schema.push_back(Formula("F" + std::to_string(i), "prop(\"N\") * " + std::to_string(i)));
  }
  // Reads a formula, which reads a number: its type comes from one level deeper.
  schema.push_back(Formula("Next", "prop(\"F3\") + 1"));
  return schema;
}

TEST(FormulaCompute, ManyFormulasEachReadingOthers) {
  const Schema schema = ManyFormulas();
  EXPECT_TRUE(CheckFormulas(schema).ok());
  const json::object values{{"n", json::object{{"id", "n"}, {"type", "number"}, {"number", 2}}}};
  EXPECT_EQ(SerializeJson(ComputeFormula(schema[12], schema, values, 0)), R"({"type":"number","number":22})");
  EXPECT_EQ(SerializeJson(ComputeFormula(schema[13], schema, values, 0)), R"({"type":"number","number":7})");
}

}  // namespace
}  // namespace localnotion::schema
