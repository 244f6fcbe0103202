// code (https://developers.notion.com/reference/block#code): rich_text and language are
// required, caption is optional. equation
// (https://developers.notion.com/reference/block#equation): a required KaTeX expression
// of at most 1000 characters.
#include <algorithm>
#include <string>

#include "api/blocks/code_languages.h"
#include "api/blocks/families.h"
#include "api/blocks/readers.h"
#include "api/limits.h"
#include "api/messages.h"
#include "api/rich_text.h"

namespace localnotion::api::blocks {
// The code block languages of Notion's request schema (languageRequest).
const std::vector<std::string_view>& CodeLanguages() {
  static const std::vector<std::string_view> k = {
      "abap",         "abc",         "agda",       "arduino",      "ascii art",
      "assembly",     "bash",        "basic",      "bnf",          "c",
      "c#",           "c++",         "clojure",    "coffeescript", "coq",
      "css",          "dart",        "dhall",      "diff",         "docker",
      "ebnf",         "elixir",      "elm",        "erlang",       "f#",
      "flow",         "fortran",     "gherkin",    "glsl",         "go",
      "graphql",      "groovy",      "haskell",    "hcl",          "html",
      "idris",        "java",        "javascript", "json",         "julia",
      "kotlin",       "latex",       "less",       "lisp",         "livescript",
      "llvm ir",      "lua",         "makefile",   "markdown",     "markup",
      "matlab",       "mathematica", "mermaid",    "nix",          "notion formula",
      "objective-c",  "ocaml",       "pascal",     "perl",         "php",
      "plain text",   "powershell",  "prolog",     "protobuf",     "purescript",
      "python",       "r",           "racket",     "reason",       "ruby",
      "rust",         "sass",        "scala",      "scheme",       "scss",
      "shell",        "smalltalk",   "solidity",   "sql",          "swift",
      "toml",         "typescript",  "vb.net",     "verilog",      "vhdl",
      "visual basic", "webassembly", "xml",        "yaml",         "java/c/c++/c#"};
  return k;
}

namespace {

Status ReadLanguage(const ReadContext&, std::string_view, const std::string& key_path, const json::value& value,
                    json::object& out) {
  const auto& languages = CodeLanguages();
  if (!value.is_string() || std::find(languages.begin(), languages.end(), value.get_string()) == languages.end()) {
    return FailedValidation(key_path, EnumList(languages), &value);
  }
  out["language"] = value;
  return OkStatus();
}

Status ReadExpression(const ReadContext&, std::string_view, const std::string& key_path, const json::value& value,
                      json::object& out) {
  if (!value.is_string()) return FailedValidation(key_path, "a string", &value);
  size_t len = Utf16Length(value.get_string());
  if (len > kMaxEquationExpression) return TooLong(key_path, kMaxEquationExpression, len);
  out["expression"] = value;
  return OkStatus();
}

}  // namespace

std::vector<BlockType> CodeBlocks() {
  BlockType code;
  code.name = "code";
  code.keys = {{"rich_text", ReadRichText, true}, {"caption", ReadRichText}, {"language", ReadLanguage, true}};
  code.defaults["caption"] = json::array{};
  code.rich_text_keys = {"rich_text", "caption"};

  BlockType equation;
  equation.name = "equation";
  equation.keys = {{"expression", ReadExpression, true}};
  return {std::move(code), std::move(equation)};
}

}  // namespace localnotion::api::blocks
