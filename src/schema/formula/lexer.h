// Splits a formula expression into tokens, each with its byte position in the text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace localnotion::schema::formula {

enum class TokenKind {
  kNumber,      // 12, 1.5, .5, 1e3
  kString,      // "text" with \" \\ \n \t \r escapes; `text` holds the decoded string
  kIdentifier,  // names, including the keywords true, false, and, or, not
  kOperator,    // + - * / % ^ == != > >= < <= && || ! ? : ( ) [ ] , .
  kEnd,
};

struct Token {
  TokenKind kind;
  std::string text;  // the decoded text (for strings) or the source text
  size_t pos = 0;    // byte offset of the token's first character
  double number = 0;
};

// Tokenizes `expression`. Whitespace and comments (/* ... */ and // to end of line) are
// skipped. The last token is always kEnd, positioned at the end of the text. Errors are
// kValidationError with the text "unterminated string at position N." or
// "unexpected character \"#\" at position N." (without the "Formula expression is
// invalid: " prefix, which Compile adds).
Result<std::vector<Token>> Tokenize(std::string_view expression);

}  // namespace localnotion::schema::formula
