#include "schema/formula/formula.h"

#include "schema/formula/evaluator.h"
#include "schema/formula/lexer.h"
#include "schema/formula/parser.h"
#include "schema/formula/types.h"

namespace localnotion::schema::formula {

Program::~Program() = default;

Result<std::shared_ptr<const Program>> Compile(std::string_view expression,
                                               const std::vector<PropertyInfo>& properties) {
  auto invalid = [](const Error& e) {
    return ValidationError("Formula expression is invalid: " + e.message);
  };
  std::shared_ptr<Program> program(new Program());
  program->expression_ = std::string(expression);
  auto tokens = Tokenize(expression);
  if (!tokens.ok()) return invalid(tokens.error());
  if (tokens->size() == 1) return std::shared_ptr<const Program>(std::move(program));  // only kEnd
  auto root = Parse(expression);
  if (!root.ok()) return invalid(root.error());
  Status checked = CheckTypes(**root, properties);
  if (!checked.ok()) return invalid(checked.error());
  program->result_type_ = (*root)->type;
  program->root_ = std::move(*root);
  return std::shared_ptr<const Program>(std::move(program));
}

Value Evaluate(const Program& program, const std::function<Value(std::string_view name)>& prop, Millis now) {
  if (program.root_ == nullptr) return Value();
  return EvaluateTree(*program.root_, prop, now);
}

}  // namespace localnotion::schema::formula
