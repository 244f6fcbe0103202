// The lexer and parser: tokens, precedence and associativity, and error positions.
#include "schema/formula/parser.h"

#include <gtest/gtest.h>

#include "schema/formula/lexer.h"
#include "schema/formula/value.h"

namespace localnotion::schema::formula {
namespace {

// The tree as an S-expression: (op a b), f(args), [items].
std::string Dump(const Node& n) {
  auto children = [&n](std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < n.children.size(); ++i) out += (i ? std::string(sep) : "") + Dump(*n.children[i]);
    return out;
  };
  switch (n.kind) {
    case Node::Kind::kNumber: return FormatValue(Value::Number(n.number));
    case Node::Kind::kString: return "\"" + n.text + "\"";
    case Node::Kind::kBoolean: return n.boolean ? "true" : "false";
    case Node::Kind::kList: return "[" + children(",") + "]";
    case Node::Kind::kIdentifier: return n.text;
    case Node::Kind::kCall: return n.text + "(" + children(",") + ")";
    case Node::Kind::kUnary:
    case Node::Kind::kBinary: return "(" + n.text + " " + children(" ") + ")";
    case Node::Kind::kConditional: return "(? " + children(" ") + ")";
  }
  return "?";
}

std::string P(std::string_view expression) {
  auto node = Parse(expression);
  if (!node.ok()) return "error: " + node.error().message;
  return Dump(**node);
}

TEST(LexerTest, TokensAndPositions) {
  auto tokens = Tokenize("prop(\"A\") >= 1.5e1 && !x");
  ASSERT_TRUE(tokens.ok());
  std::vector<std::string> texts;
  std::vector<size_t> positions;
  for (const Token& t : *tokens) {
    texts.push_back(t.text);
    positions.push_back(t.pos);
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"prop", "(", "A", ")", ">=", "1.5e1", "&&", "!", "x", ""}));
  EXPECT_EQ(positions, (std::vector<size_t>{0, 4, 5, 8, 10, 13, 19, 22, 23, 24}));
  EXPECT_EQ((*tokens)[5].number, 15);
}

TEST(LexerTest, Errors) {
  EXPECT_EQ(Tokenize("1 @").error().message, "unexpected character \"@\" at position 2.");
  EXPECT_EQ(Tokenize("\"abc\\\"").error().message, "unterminated string at position 0.");
  EXPECT_TRUE(Tokenize("/* unclosed comment").ok());
}

TEST(ParserTest, Precedence) {
  EXPECT_EQ(P("1 + 2 * 3"), "(+ 1 (* 2 3))");
  EXPECT_EQ(P("1 - 2 - 3"), "(- (- 1 2) 3)");
  EXPECT_EQ(P("2 ^ 3 ^ 2"), "(^ 2 (^ 3 2))");
  EXPECT_EQ(P("-2 ^ 2"), "(- (^ 2 2))");
  EXPECT_EQ(P("2 * -3"), "(* 2 (- 3))");
  EXPECT_EQ(P("a or b and c"), "(or a (and b c))");
  EXPECT_EQ(P("a || b && c"), "(or a (and b c))");
  EXPECT_EQ(P("1 < 2 == true"), "(== (< 1 2) true)");
  EXPECT_EQ(P("not a and b"), "(and (not a) b)");
  EXPECT_EQ(P("!a == b"), "(== (not a) b)");
  EXPECT_EQ(P("a ? b : c ? d : e"), "(? a b (? c d e))");
  EXPECT_EQ(P("1 + 2 > 3 ? \"y\" : \"n\""), "(? (> (+ 1 2) 3) \"y\" \"n\")");
  EXPECT_EQ(P("7 % 3 * 2"), "(* (% 7 3) 2)");
}

TEST(ParserTest, CallsAndMethods) {
  EXPECT_EQ(P("f()"), "f()");
  EXPECT_EQ(P("f(1, g(2))"), "f(1,g(2))");
  EXPECT_EQ(P("\"x\".upper()"), "upper(\"x\")");
  EXPECT_EQ(P("a.b(1).c"), "c(b(a,1))");
  EXPECT_EQ(P("-x.abs()"), "(- abs(x))");
  EXPECT_EQ(P("and(a, b)"), "and(a,b)");
  EXPECT_EQ(P("[1, [2], \"s\"]"), "[1,[2],\"s\"]");
  EXPECT_EQ(P("(((1)))"), "1");
}

TEST(ParserTest, ErrorsNamePositions) {
  EXPECT_EQ(P("(1 + 2))"), "error: unexpected \")\" at position 7.");
  EXPECT_EQ(P(")"), "error: unexpected \")\" at position 0.");
  EXPECT_EQ(P("f(1 2)"), "error: unexpected \"2\" at position 4.");
  EXPECT_EQ(P("1 +"), "error: unexpected end of expression.");
  EXPECT_EQ(P("a and or b"), "error: unexpected \"or\" at position 6.");
  EXPECT_EQ(P("x.("), "error: unexpected \"(\" at position 2.");
  EXPECT_EQ(P("[1,]"), "error: unexpected \"]\" at position 3.");
  EXPECT_EQ(P(""), "error: unexpected end of expression.");
}

TEST(ParserTest, BinaryNodesArePositionedAtTheirOperator) {
  auto node = Parse("12 + 3");
  ASSERT_TRUE(node.ok());
  EXPECT_EQ((*node)->pos, 3u);
  EXPECT_EQ((*node)->children[1]->pos, 5u);
}

}  // namespace
}  // namespace localnotion::schema::formula
