#include "schema/formula/types.h"

#include <fmt/format.h>

#include "schema/formula/functions.h"

namespace localnotion::schema::formula {
namespace {

bool IsListForm(std::string_view name) {
  return name == "map" || name == "filter" || name == "find" || name == "findIndex" || name == "some" ||
         name == "every";
}

std::string A(Type t) { return t == Type::kNull ? "an empty value" : Describe(Mask(t)); }

std::string ArityMessage(std::string_view name, int min, int max) {
  auto count = [](int n) { return n == 1 ? std::string("1 argument") : fmt::format("{} arguments", n); };
  if (max == -1) return fmt::format("{}() expects at least {}.", name, count(min));
  if (min == max) {
    if (min == 0) return fmt::format("{}() expects no arguments.", name);
    return fmt::format("{}() expects {}.", name, count(min));
  }
  return fmt::format("{}() expects {} to {} arguments.", name, min, max);
}

bool Fits(Type t, TypeMask mask) { return t == Type::kNull || (mask & Mask(t)); }

// Special forms, whose arguments are not all plain values, are handled here and in the
// evaluator rather than in the function table: prop, if, ifs, and, or, not, let, lets,
// map, filter, find, findIndex, some, every.
class Checker {
 public:
  explicit Checker(const std::vector<PropertyInfo>& properties) : properties_(properties) {}

  Status Check(Node& n) {
    switch (n.kind) {
      case Node::Kind::kNumber: n.type = Type::kNumber; return OkStatus();
      case Node::Kind::kString: n.type = Type::kString; return OkStatus();
      case Node::Kind::kBoolean: n.type = Type::kBoolean; return OkStatus();
      case Node::Kind::kList: return CheckList(n);
      case Node::Kind::kIdentifier: return CheckIdentifier(n);
      case Node::Kind::kUnary: return CheckUnary(n);
      case Node::Kind::kBinary: return CheckBinary(n);
      case Node::Kind::kConditional: return CheckBranches(n, "if");
      case Node::Kind::kCall: return CheckCall(n);
    }
    return OkStatus();
  }

 private:
  static void SetType(Node& n, TypeInfo t) {
    n.type = t.type;
    n.element_type = t.type == Type::kList ? t.element : Type::kNull;
  }
  static TypeInfo InfoOf(const Node& n) { return TypeInfo{n.type, n.element_type}; }

  Status CheckList(Node& n) {
    Type element = Type::kNull;
    bool first = true;
    for (auto& child : n.children) {
      LN_RETURN_IF_ERROR(Check(*child));
      element = first || element == child->type ? child->type : Type::kNull;
      first = false;
    }
    SetType(n, TypeInfo{Type::kList, element});
    return OkStatus();
  }

  Status CheckIdentifier(Node& n) {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
      if (it->first == n.text) {
        SetType(n, it->second);
        return OkStatus();
      }
    }
    const FunctionDef* f = FindFunction(n.text);
    if (f != nullptr && f->min_args == 0) {  // a bare now, today, pi or e
      n.function = f;
      LN_ASSIGN_OR_RETURN(TypeInfo t, f->result({}));
      SetType(n, t);
      return OkStatus();
    }
    return ValidationError(fmt::format("unknown variable \"{}\" at position {}.", n.text, n.pos));
  }

  Status CheckUnary(Node& n) {
    Node& operand = *n.children[0];
    LN_RETURN_IF_ERROR(Check(operand));
    if (n.text == "not") {
      if (!Fits(operand.type, kBooleanMask)) {
        return ValidationError(fmt::format("cannot apply \"not\" to {} at position {}.", A(operand.type), n.pos));
      }
      n.type = Type::kBoolean;
      return OkStatus();
    }
    const FunctionDef* f = FindOperator(n.text, /*unary=*/true);
    if (!Fits(operand.type, f->params[0])) {
      return ValidationError(fmt::format("cannot apply \"{}\" to {} at position {}.", n.text, A(operand.type), n.pos));
    }
    n.function = f;
    n.type = Type::kNumber;
    return OkStatus();
  }

  Status CheckBinary(Node& n) {
    Node& lhs = *n.children[0];
    Node& rhs = *n.children[1];
    LN_RETURN_IF_ERROR(Check(lhs));
    LN_RETURN_IF_ERROR(Check(rhs));
    auto mismatch = [&] {
      return ValidationError(fmt::format("cannot apply \"{}\" to {} and {} at position {}.", n.text, A(lhs.type),
                                         A(rhs.type), n.pos));
    };
    if (n.text == "and" || n.text == "or") {
      if (!Fits(lhs.type, kBooleanMask) || !Fits(rhs.type, kBooleanMask)) return mismatch();
      n.type = Type::kBoolean;
      return OkStatus();
    }
    const FunctionDef* f = FindOperator(n.text, /*unary=*/false);
    if (!Fits(lhs.type, f->params[0]) || !Fits(rhs.type, f->params[0])) return mismatch();
    auto t = f->result({InfoOf(lhs), InfoOf(rhs)});
    if (!t.ok()) return mismatch();
    n.function = f;
    SetType(n, *t);
    return OkStatus();
  }

  // if(c, a, b), c ? a : b, and ifs(c1, v1, ..., else): conditions are booleans and the
  // values share one type (an empty-typed value fits any).
  Status CheckBranches(Node& n, std::string_view name) {
    TypeInfo result{Type::kNull};
    bool have = false;
    const Node* first_value = nullptr;
    for (size_t i = 0; i < n.children.size(); ++i) {
      Node& child = *n.children[i];
      LN_RETURN_IF_ERROR(Check(child));
      bool is_condition = i % 2 == 0 && i + 1 < n.children.size();
      if (is_condition) {
        if (!Fits(child.type, kBooleanMask)) {
          return ValidationError(fmt::format("{}() expects argument {} to be a boolean, got {} at position {}.", name,
                                             i + 1, A(child.type), child.pos));
        }
        continue;
      }
      if (child.type == Type::kNull) continue;
      if (!have) {
        result = InfoOf(child);
        first_value = &child;
        have = true;
      } else if (child.type != result.type) {
        return ValidationError(fmt::format("{}() values must all have one type, got {} and {} at position {}.", name,
                                           A(first_value->type), A(child.type), child.pos));
      } else if (child.element_type != result.element) {
        result.element = Type::kNull;
      }
    }
    SetType(n, result);
    return OkStatus();
  }

  Status CheckArity(const Node& n, int min, int max) {
    int count = static_cast<int>(n.children.size());
    if (count < min || (max != -1 && count > max)) return ValidationError(ArityMessage(n.text, min, max));
    return OkStatus();
  }

  Status ExpectType(std::string_view name, const Node& arg, size_t index, TypeMask mask) {
    if (Fits(arg.type, mask)) return OkStatus();
    return ValidationError(fmt::format("{}() expects argument {} to be {}, got {} at position {}.", name, index + 1,
                                       Describe(mask), A(arg.type), arg.pos));
  }

  Status CheckCall(Node& n) {
    const std::string& name = n.text;
    if (name == "prop") return CheckProp(n);
    if (name == "if") {
      LN_RETURN_IF_ERROR(CheckArity(n, 3, 3));
      return CheckBranches(n, "if");
    }
    if (name == "ifs") {
      if (n.children.size() < 3 || n.children.size() % 2 == 0) {
        return ValidationError("ifs() expects an odd number of arguments, at least 3.");
      }
      return CheckBranches(n, "ifs");
    }
    if (name == "and" || name == "or") {
      LN_RETURN_IF_ERROR(CheckArity(n, 2, -1));
      for (size_t i = 0; i < n.children.size(); ++i) {
        LN_RETURN_IF_ERROR(Check(*n.children[i]));
        LN_RETURN_IF_ERROR(ExpectType(name, *n.children[i], i, kBooleanMask));
      }
      n.type = Type::kBoolean;
      return OkStatus();
    }
    if (name == "not") {
      LN_RETURN_IF_ERROR(CheckArity(n, 1, 1));
      LN_RETURN_IF_ERROR(Check(*n.children[0]));
      LN_RETURN_IF_ERROR(ExpectType(name, *n.children[0], 0, kBooleanMask));
      n.type = Type::kBoolean;
      return OkStatus();
    }
    if (name == "let" || name == "lets") return CheckLet(n);
    if (IsListForm(name)) return CheckListForm(n);

    const FunctionDef* f = FindFunction(name);
    if (f == nullptr) return ValidationError(fmt::format("unknown function \"{}\" at position {}.", name, n.pos));
    LN_RETURN_IF_ERROR(CheckArity(n, f->min_args, f->max_args));
    std::vector<TypeInfo> types;
    for (size_t i = 0; i < n.children.size(); ++i) {
      Node& arg = *n.children[i];
      LN_RETURN_IF_ERROR(Check(arg));
      TypeMask mask = f->params[std::min(i, f->params.size() - 1)];
      LN_RETURN_IF_ERROR(ExpectType(name, arg, i, mask));
      types.push_back(InfoOf(arg));
    }
    auto t = f->result(types);
    if (!t.ok()) {
      return ValidationError(fmt::format("{}() {} at position {}.", name, t.error().message, n.pos));
    }
    n.function = f;
    SetType(n, *t);
    return OkStatus();
  }

  Status CheckProp(Node& n) {
    LN_RETURN_IF_ERROR(CheckArity(n, 1, 1));
    const Node& arg = *n.children[0];
    if (arg.kind != Node::Kind::kString) {
      return ValidationError(
          fmt::format("prop() expects a property name in double quotes at position {}.", arg.pos));
    }
    for (const PropertyInfo& p : properties_) {
      if (p.name == arg.text) {
        n.type = p.type;
        return OkStatus();
      }
    }
    return ValidationError(fmt::format("unknown property \"{}\".", arg.text));
  }

  // let(name, value, body) and lets(name1, value1, ..., body).
  Status CheckLet(Node& n) {
    const std::string& name = n.text;
    if (name == "let") {
      LN_RETURN_IF_ERROR(CheckArity(n, 3, 3));
    } else if (n.children.size() < 3 || n.children.size() % 2 == 0) {
      return ValidationError("lets() expects an odd number of arguments, at least 3.");
    }
    size_t pushed = 0;
    for (size_t i = 0; i + 1 < n.children.size(); i += 2) {
      const Node& var = *n.children[i];
      if (var.kind != Node::Kind::kIdentifier) {
        scope_.resize(scope_.size() - pushed);
        return ValidationError(
            fmt::format("{}() expects argument {} to be a variable name at position {}.", name, i + 1, var.pos));
      }
      Status s = Check(*n.children[i + 1]);
      if (!s.ok()) {
        scope_.resize(scope_.size() - pushed);
        return s;
      }
      scope_.emplace_back(var.text, InfoOf(*n.children[i + 1]));
      ++pushed;
    }
    Node& body = *n.children.back();
    Status s = Check(body);
    scope_.resize(scope_.size() - pushed);
    LN_RETURN_IF_ERROR(s);
    SetType(n, InfoOf(body));
    return OkStatus();
  }

  // map/filter/find/findIndex/some/every(list, expression with current and index).
  Status CheckListForm(Node& n) {
    const std::string& name = n.text;
    LN_RETURN_IF_ERROR(CheckArity(n, 2, 2));
    Node& list = *n.children[0];
    LN_RETURN_IF_ERROR(Check(list));
    LN_RETURN_IF_ERROR(ExpectType(name, list, 0, kListMask));
    scope_.emplace_back("current", TypeInfo{list.element_type});
    scope_.emplace_back("index", TypeInfo{Type::kNumber});
    Node& body = *n.children[1];
    Status s = Check(body);
    scope_.resize(scope_.size() - 2);
    LN_RETURN_IF_ERROR(s);
    if (name == "map") {
      SetType(n, TypeInfo{Type::kList, body.type});
      return OkStatus();
    }
    LN_RETURN_IF_ERROR(ExpectType(name, body, 1, kBooleanMask));
    if (name == "filter") {
      SetType(n, InfoOf(list));
    } else if (name == "find") {
      SetType(n, TypeInfo{list.element_type});
    } else if (name == "findIndex") {
      n.type = Type::kNumber;
    } else {
      n.type = Type::kBoolean;
    }
    return OkStatus();
  }

  const std::vector<PropertyInfo>& properties_;
  std::vector<std::pair<std::string, TypeInfo>> scope_;
};

}  // namespace

Status CheckTypes(Node& root, const std::vector<PropertyInfo>& properties) {
  Checker checker(properties);
  return checker.Check(root);
}

}  // namespace localnotion::schema::formula
