#include "schema/formula/parser.h"

#include <fmt/format.h>

#include "schema/formula/lexer.h"

namespace localnotion::schema::formula {
namespace {

// Deep expressions are rejected rather than risking the stack.
constexpr int kMaxDepth = 200;

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Result<std::unique_ptr<Node>> ParseAll() {
    LN_ASSIGN_OR_RETURN(auto node, Conditional());
    if (Peek().kind != TokenKind::kEnd) return Unexpected();
    return node;
  }

 private:
  using NodeResult = Result<std::unique_ptr<Node>>;

  const Token& Peek() const { return tokens_[i_]; }
  const Token& Next() { return tokens_[i_++]; }
  bool IsOp(std::string_view op) const { return Peek().kind == TokenKind::kOperator && Peek().text == op; }
  bool IsWord(std::string_view word) const {
    return Peek().kind == TokenKind::kIdentifier && Peek().text == word;
  }

  Error Unexpected() const {
    const Token& t = Peek();
    if (t.kind == TokenKind::kEnd) return ValidationError("unexpected end of expression.");
    std::string shown = t.kind == TokenKind::kString ? "\"" + t.text + "\"" : t.text;
    return ValidationError(fmt::format("unexpected \"{}\" at position {}.", shown, t.pos));
  }

  Status Expect(std::string_view op) {
    if (!IsOp(op)) return Unexpected();
    ++i_;
    return OkStatus();
  }

  static std::unique_ptr<Node> Make(Node::Kind kind, size_t pos, std::string text = "") {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->pos = pos;
    node->text = std::move(text);
    return node;
  }

  // A binary node is positioned at its operator, which is what its errors point at.
  static std::unique_ptr<Node> MakeBinary(const Token& op, std::unique_ptr<Node> lhs, std::unique_ptr<Node> rhs) {
    std::string name = op.text == "||" ? "or" : op.text == "&&" ? "and" : op.text;
    auto node = Make(Node::Kind::kBinary, op.pos, std::move(name));
    node->children.push_back(std::move(lhs));
    node->children.push_back(std::move(rhs));
    return node;
  }

  struct DepthGuard {
    explicit DepthGuard(int& d) : depth(d) { ++depth; }
    ~DepthGuard() { --depth; }
    int& depth;
  };

  NodeResult Conditional() {
    DepthGuard guard(depth_);
    if (depth_ > kMaxDepth) return ValidationError("expression is nested too deeply.");
    LN_ASSIGN_OR_RETURN(auto cond, Or());
    if (!IsOp("?")) return cond;
    ++i_;
    LN_ASSIGN_OR_RETURN(auto then, Conditional());
    LN_RETURN_IF_ERROR(Expect(":"));
    LN_ASSIGN_OR_RETURN(auto otherwise, Conditional());
    auto node = Make(Node::Kind::kConditional, cond->pos);
    node->children.push_back(std::move(cond));
    node->children.push_back(std::move(then));
    node->children.push_back(std::move(otherwise));
    return node;
  }

  NodeResult Or() {
    LN_ASSIGN_OR_RETURN(auto lhs, And());
    while (IsOp("||") || IsWord("or")) {
      const Token& op = Next();
      LN_ASSIGN_OR_RETURN(auto rhs, And());
      lhs = MakeBinary(op, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  NodeResult And() {
    LN_ASSIGN_OR_RETURN(auto lhs, Equality());
    while (IsOp("&&") || IsWord("and")) {
      const Token& op = Next();
      LN_ASSIGN_OR_RETURN(auto rhs, Equality());
      lhs = MakeBinary(op, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  NodeResult Equality() {
    LN_ASSIGN_OR_RETURN(auto lhs, Comparison());
    while (IsOp("==") || IsOp("!=")) {
      const Token& op = Next();
      LN_ASSIGN_OR_RETURN(auto rhs, Comparison());
      lhs = MakeBinary(op, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  NodeResult Comparison() {
    LN_ASSIGN_OR_RETURN(auto lhs, Additive());
    while (IsOp(">") || IsOp(">=") || IsOp("<") || IsOp("<=")) {
      const Token& op = Next();
      LN_ASSIGN_OR_RETURN(auto rhs, Additive());
      lhs = MakeBinary(op, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  NodeResult Additive() {
    LN_ASSIGN_OR_RETURN(auto lhs, Multiplicative());
    while (IsOp("+") || IsOp("-")) {
      const Token& op = Next();
      LN_ASSIGN_OR_RETURN(auto rhs, Multiplicative());
      lhs = MakeBinary(op, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  NodeResult Multiplicative() {
    LN_ASSIGN_OR_RETURN(auto lhs, Unary());
    while (IsOp("*") || IsOp("/") || IsOp("%")) {
      const Token& op = Next();
      LN_ASSIGN_OR_RETURN(auto rhs, Unary());
      lhs = MakeBinary(op, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  NodeResult Unary() {
    DepthGuard guard(depth_);
    if (depth_ > kMaxDepth) return ValidationError("expression is nested too deeply.");
    if (IsOp("-") || IsOp("+")) {
      const Token& t = Next();
      auto node = Make(Node::Kind::kUnary, t.pos, t.text);
      LN_ASSIGN_OR_RETURN(auto operand, Unary());
      node->children.push_back(std::move(operand));
      return node;
    }
    return Power();
  }

  NodeResult Power() {
    LN_ASSIGN_OR_RETURN(auto base, Not());
    if (!IsOp("^")) return base;
    const Token& op = Next();
    LN_ASSIGN_OR_RETURN(auto exponent, Unary());  // right-associative; 2^-1 is allowed
    return MakeBinary(op, std::move(base), std::move(exponent));
  }

  NodeResult Not() {
    DepthGuard guard(depth_);
    if (depth_ > kMaxDepth) return ValidationError("expression is nested too deeply.");
    // `not(x)` is the prefix operator applied to a parenthesized operand.
    if (IsOp("!") || IsWord("not")) {
      size_t pos = Next().pos;
      auto node = Make(Node::Kind::kUnary, pos, "not");
      LN_ASSIGN_OR_RETURN(auto operand, Not());
      node->children.push_back(std::move(operand));
      return node;
    }
    return Postfix();
  }

  NodeResult Postfix() {
    LN_ASSIGN_OR_RETURN(auto node, Primary());
    while (IsOp(".")) {
      ++i_;
      if (Peek().kind != TokenKind::kIdentifier) return Unexpected();
      const Token& name = Next();
      auto call = Make(Node::Kind::kCall, node->pos, name.text);
      call->children.push_back(std::move(node));
      if (IsOp("(")) {
        ++i_;
        LN_RETURN_IF_ERROR(Arguments(")", call->children));
      }
      node = std::move(call);
    }
    return node;
  }

  // Parses a comma-separated list up to `close`, which it consumes. A trailing comma
  // is not allowed.
  Status Arguments(std::string_view close, std::vector<std::unique_ptr<Node>>& out) {
    if (IsOp(close)) {
      ++i_;
      return OkStatus();
    }
    while (true) {
      LN_ASSIGN_OR_RETURN(auto arg, Conditional());
      out.push_back(std::move(arg));
      if (IsOp(",")) {
        ++i_;
        continue;
      }
      return Expect(close);
    }
  }

  NodeResult Primary() {
    const Token& t = Peek();
    switch (t.kind) {
      case TokenKind::kNumber: {
        ++i_;
        auto node = Make(Node::Kind::kNumber, t.pos);
        node->number = t.number;
        return node;
      }
      case TokenKind::kString:
        ++i_;
        return Make(Node::Kind::kString, t.pos, t.text);
      case TokenKind::kIdentifier: {
        ++i_;
        if (t.text == "true" || t.text == "false") {
          auto node = Make(Node::Kind::kBoolean, t.pos);
          node->boolean = t.text == "true";
          return node;
        }
        if (IsOp("(")) {
          ++i_;
          auto node = Make(Node::Kind::kCall, t.pos, t.text);
          LN_RETURN_IF_ERROR(Arguments(")", node->children));
          return node;
        }
        if (t.text == "and" || t.text == "or" || t.text == "not") {
          --i_;
          return Unexpected();
        }
        return Make(Node::Kind::kIdentifier, t.pos, t.text);
      }
      case TokenKind::kOperator:
        if (t.text == "(") {
          ++i_;
          LN_ASSIGN_OR_RETURN(auto inner, Conditional());
          LN_RETURN_IF_ERROR(Expect(")"));
          return inner;
        }
        if (t.text == "[") {
          ++i_;
          auto node = Make(Node::Kind::kList, t.pos);
          LN_RETURN_IF_ERROR(Arguments("]", node->children));
          return node;
        }
        return Unexpected();
      case TokenKind::kEnd:
        return Unexpected();
    }
    return Unexpected();
  }

  std::vector<Token> tokens_;
  size_t i_ = 0;
  int depth_ = 0;
};

}  // namespace

Result<std::unique_ptr<Node>> Parse(std::string_view expression) {
  LN_ASSIGN_OR_RETURN(auto tokens, Tokenize(expression));
  Parser parser(std::move(tokens));
  return parser.ParseAll();
}

}  // namespace localnotion::schema::formula
