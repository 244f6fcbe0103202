#include "schema/formula/evaluator.h"

#include <string>
#include <utility>
#include <vector>

#include "common/deadline.h"
#include "schema/formula/functions.h"

namespace localnotion::schema::formula {
namespace {

// A condition that is empty (or not a boolean at runtime) counts as false.
bool Truthy(const Value& v) { return v.type() == Type::kBoolean && v.boolean(); }

class Evaluator {
 public:
  Evaluator(const std::function<Value(std::string_view)>& prop, Millis now) : prop_(prop), now_(now) {}

  Value Eval(const Node& n) {
    switch (n.kind) {
      case Node::Kind::kNumber: return Value::Number(n.number);
      case Node::Kind::kString: return Value::String(n.text);
      case Node::Kind::kBoolean: return Value::Boolean(n.boolean);
      case Node::Kind::kList: {
        std::vector<Value> items;
        items.reserve(n.children.size());
        for (const auto& child : n.children) items.push_back(Eval(*child));
        return Value::List(std::move(items));
      }
      case Node::Kind::kIdentifier: {
        for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) {
          if (it->first == n.text) return it->second;
        }
        if (n.function != nullptr) return n.function->eval({}, now_);
        return Value();
      }
      case Node::Kind::kUnary: {
        Value operand = Eval(*n.children[0]);
        if (n.text == "not") return Value::Boolean(!Truthy(operand));
        return Apply(*n.function, {std::move(operand)});
      }
      case Node::Kind::kBinary: {
        if (n.text == "and") return Value::Boolean(Truthy(Eval(*n.children[0])) && Truthy(Eval(*n.children[1])));
        if (n.text == "or") return Value::Boolean(Truthy(Eval(*n.children[0])) || Truthy(Eval(*n.children[1])));
        return Apply(*n.function, {Eval(*n.children[0]), Eval(*n.children[1])});
      }
      case Node::Kind::kConditional:
        return Branches(n);
      case Node::Kind::kCall:
        return Call(n);
    }
    return Value();
  }

 private:
  // Runs an eager function: empty arguments make the result empty unless the function
  // accepts them, and arguments of a type the function does not take (possible when the
  // static type was unknown) do too.
  Value Apply(const FunctionDef& f, std::vector<Value> args) {
    // Past the request's deadline every call is empty, so the evaluation unwinds at once;
    // the caller then answers 504 (common/deadline.h).
    if (DeadlinePassed()) return Value();
    for (size_t i = 0; i < args.size(); ++i) {
      TypeMask mask = f.params[std::min(i, f.params.size() - 1)];
      if (args[i].is_null()) {
        if (!f.accepts_empty) return Value();
      } else if (!(mask & Mask(args[i].type()))) {
        return Value();
      }
    }
    return f.eval(args, now_);
  }

  Value Branches(const Node& n) {
    size_t i = 0;
    for (; i + 1 < n.children.size(); i += 2) {
      if (Truthy(Eval(*n.children[i]))) return Eval(*n.children[i + 1]);
    }
    return Eval(*n.children[i]);
  }

  Value Call(const Node& n) {
    if (DeadlinePassed()) return Value();
    const std::string& name = n.text;
    if (name == "prop") return prop_ ? prop_(n.children[0]->text) : Value();
    if (name == "if" || name == "ifs") return Branches(n);
    if (name == "and") {
      for (const auto& child : n.children) {
        if (!Truthy(Eval(*child))) return Value::Boolean(false);
      }
      return Value::Boolean(true);
    }
    if (name == "or") {
      for (const auto& child : n.children) {
        if (Truthy(Eval(*child))) return Value::Boolean(true);
      }
      return Value::Boolean(false);
    }
    if (name == "not") return Value::Boolean(!Truthy(Eval(*n.children[0])));
    if (name == "let" || name == "lets") {
      size_t pushed = 0;
      for (size_t i = 0; i + 1 < n.children.size(); i += 2) {
        Value v = Eval(*n.children[i + 1]);
        vars_.emplace_back(n.children[i]->text, std::move(v));
        ++pushed;
      }
      Value result = Eval(*n.children.back());
      vars_.resize(vars_.size() - pushed);
      return result;
    }
    if (n.function == nullptr) return ListForm(n);
    std::vector<Value> args;
    args.reserve(n.children.size());
    for (const auto& child : n.children) args.push_back(Eval(*child));
    return Apply(*n.function, std::move(args));
  }

  // map, filter, find, findIndex, some and every.
  Value ListForm(const Node& n) {
    const std::string& name = n.text;
    Value list = Eval(*n.children[0]);
    if (list.type() != Type::kList) return Value();
    const Node& body = *n.children[1];
    std::vector<Value> out;
    const std::vector<Value>& items = list.list();
    for (size_t i = 0; i < items.size(); ++i) {
      vars_.emplace_back("current", items[i]);
      vars_.emplace_back("index", Value::Number(static_cast<double>(i)));
      Value v = Eval(body);
      vars_.resize(vars_.size() - 2);
      if (name == "map") {
        out.push_back(std::move(v));
        continue;
      }
      bool hit = Truthy(v);
      if (name == "filter") {
        if (hit) out.push_back(items[i]);
      } else if (name == "find") {
        if (hit) return items[i];
      } else if (name == "findIndex") {
        if (hit) return Value::Number(static_cast<double>(i));
      } else if (name == "some") {
        if (hit) return Value::Boolean(true);
      } else if (name == "every") {
        if (!hit) return Value::Boolean(false);
      }
    }
    if (name == "map" || name == "filter") return Value::List(std::move(out));
    if (name == "findIndex") return Value::Number(-1);
    if (name == "some") return Value::Boolean(false);
    if (name == "every") return Value::Boolean(true);
    return Value();  // find without a match
  }

  const std::function<Value(std::string_view)>& prop_;
  Millis now_;
  std::vector<std::pair<std::string_view, Value>> vars_;
};

}  // namespace

Value EvaluateTree(const Node& root, const std::function<Value(std::string_view name)>& prop, Millis now) {
  Evaluator evaluator(prop, now);
  return evaluator.Eval(root);
}

}  // namespace localnotion::schema::formula
