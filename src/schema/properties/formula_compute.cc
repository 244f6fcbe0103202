// Formula values, computed by the formula engine (formula/formula.h) when a page is
// shown. Programs are compiled once per (expression, property names and types) and
// kept; a formula may read other formulas, to a depth of kMaxDepth.
#include <map>
#include <string>

#include "schema/formula/formula.h"
#include "schema/properties/computed.h"

namespace localnotion::schema {
namespace {

constexpr int kMaxDepth = 8;

using formula::Type;

// The property types a formula is compiled against at each depth, for one schema: a
// formula's type needs the types of the formulas it may read, one level deeper. Without
// this memo every formula at depth d compiled every formula at depth d + 1 again, so a
// schema with F formulas cost F^kMaxDepth compilations (3 formulas: 6,561 per page shown;
// 8 formulas: 16.7 million).
using InfosByDepth = std::map<int, std::vector<formula::PropertyInfo>>;

Type TypeOfProperty(const PropertyDef& def, const Schema& schema, int depth, InfosByDepth& memo);

const std::vector<formula::PropertyInfo>& InfosFor(const Schema& schema, int depth, InfosByDepth& memo) {
  if (auto it = memo.find(depth); it != memo.end()) return it->second;
  std::vector<formula::PropertyInfo> infos;
  infos.reserve(schema.size());
  for (const auto& d : schema) infos.push_back(formula::PropertyInfo{d.name, TypeOfProperty(d, schema, depth, memo)});
  return memo[depth] = std::move(infos);
}

std::string CacheKey(const std::string& expression, const std::vector<formula::PropertyInfo>& infos) {
  std::string key = expression;
  for (const auto& i : infos) {
    key += '\n';
    key += i.name;
    key += '\t';
    key += std::to_string(static_cast<int>(i.type));
  }
  return key;
}

Result<std::shared_ptr<const formula::Program>> CompileFor(const PropertyDef& def, const Schema& schema, int depth,
                                                           InfosByDepth& memo) {
  const json::value* e = Find(def.config, "expression");
  std::string expression = (e && e->is_string()) ? std::string(e->get_string()) : "";
  const std::vector<formula::PropertyInfo>& infos = InfosFor(schema, depth, memo);
  thread_local std::map<std::string, std::shared_ptr<const formula::Program>> cache;
  std::string key = CacheKey(expression, infos);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  LN_ASSIGN_OR_RETURN(auto program, formula::Compile(expression, infos));
  if (cache.size() > 4096) cache.clear();
  cache[key] = program;
  return program;
}

Result<std::shared_ptr<const formula::Program>> CompileFor(const PropertyDef& def, const Schema& schema) {
  InfosByDepth memo;
  return CompileFor(def, schema, 0, memo);
}

Type TypeOfProperty(const PropertyDef& def, const Schema& schema, int depth, InfosByDepth& memo) {
  const std::string& t = def.type;
  if (t == "title" || t == "rich_text" || t == "url" || t == "email" || t == "phone_number" || t == "select" ||
      t == "status") {
    return Type::kString;
  }
  if (t == "number" || t == "unique_id") return Type::kNumber;
  if (t == "checkbox") return Type::kBoolean;
  if (t == "date" || t == "created_time" || t == "last_edited_time") return Type::kDate;
  if (t == "multi_select" || t == "people" || t == "relation" || t == "files" || t == "created_by" ||
      t == "last_edited_by") {
    return Type::kList;
  }
  if (t == "rollup") {
    const json::value* fn = Find(def.config, "function");
    std::string f = fn && fn->is_string() ? std::string(fn->get_string()) : "";
    if (f == "earliest_date" || f == "latest_date" || f == "date_range") return Type::kDate;
    if (f == "show_original" || f == "show_unique") return Type::kList;
    return Type::kNumber;
  }
  if (t == "formula" && depth < kMaxDepth) {
    auto program = CompileFor(def, schema, depth + 1, memo);
    return program.ok() ? (*program)->result_type() : Type::kNull;
  }
  return Type::kNull;
}

json::object Evaluate(const PropertyDef& def, const Schema& schema, const json::object& values, Millis now, int depth) {
  auto program = CompileFor(def, schema);
  if (!program.ok()) return json::object{{"type", "string"}, {"string", nullptr}};
  auto prop = [&](std::string_view name) -> formula::Value {
    for (const auto& d : schema) {
      if (d.name != name) continue;
      if (d.type == "formula") {
        if (depth >= kMaxDepth) return formula::Value();
        json::object inner = Evaluate(d, schema, values, now, depth + 1);
        return formula::FromPropertyJson(json::object{{"type", "formula"}, {"formula", std::move(inner)}});
      }
      const json::value* v = Find(values, d.id);
      return v ? formula::FromPropertyJson(*v) : formula::Value();
    }
    return formula::Value();
  };
  formula::Value result = formula::Evaluate(**program, prop, now);
  return formula::ToNotionJson(result, (*program)->result_type());
}

}  // namespace

json::object ComputeFormula(const PropertyDef& def, const Schema& schema, const json::object& values, Millis now) {
  return Evaluate(def, schema, values, now, 0);
}

Status CheckFormulas(const Schema& schema) {
  for (const auto& def : schema) {
    if (def.type != "formula") continue;
    auto program = CompileFor(def, schema);
    if (!program.ok()) return std::move(program).error();
  }
  return OkStatus();
}

}  // namespace localnotion::schema
