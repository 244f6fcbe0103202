// Notion's validation message grammar: the messages of its 400 validation_error
// (https://developers.notion.com/reference/status-codes), worded as its API answers
// them. Every message a request body, path or query can fail with is built here, so the
// wording lives in one place:
//   body failed validation: <path> should be <expectation>, instead was `<json>`.
//   body failed validation. Fix one:\n<alternative>\n<alternative>...
// Values are JSON-encoded and truncated with "..." when long, as Notion does.
#pragma once

#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::api {

// The JSON text of `v` as it appears in a message: compact, cut to 100 characters.
std::string MessageValue(const json::value* v);

// "<path> should be <expectation>, instead was `<json>`." (no prefix). A null `v` means
// the value was undefined.
std::string ShouldBe(std::string_view path, std::string_view expectation, const json::value* v);

// The prefix is the first segment of the path: "body", "path" or "query".
Error FailedValidation(std::string_view path, std::string_view expectation, const json::value* v);

// "<path> should be defined, instead was `undefined`."
Error NotDefined(std::string_view path);

// Notion's 400 validation_error for any edit of something in the trash, or under it:
// "Can't edit block that is archived. You must unarchive the block before editing."
Error ArchivedError();

// "<path> should be not present, instead was `<json>`."
Error NotPresent(std::string_view path, const json::value& v);

// NotPresent for the first key of `o` (in the body's order) that is not one of `keys`;
// OkStatus when every key is one of them.
Status OnlyKeys(const json::object& o, std::string_view path, std::initializer_list<std::string_view> keys);

// "<path>.length should be ≤ `<max>`, instead was `<n>`."
Error TooLong(std::string_view path, size_t max, size_t n);

// "`\"a\"`, `\"b\"`, or `\"c\"`" (two: "`\"a\"` or `\"b\"`"): the values of an enum the
// way Notion's validation messages list them, for FailedValidation's expectation.
template <class Values>
std::string EnumChoices(const Values& values) {
  std::string out;
  const size_t n = std::size(values);
  size_t i = 0;
  for (const auto& value : values) {
    if (i > 0) out += i + 1 < n ? ", " : n == 2 ? " or " : ", or ";
    out += "`\"" + std::string(value) + "\"`";
    ++i;
  }
  return out;
}

// "body failed validation. Fix one:\n" + alternatives joined by newlines.
Error FixOne(const std::vector<std::string>& alternatives);

// Path helpers: Field("body.properties", "Name") == "body.properties.Name";
// Index("body.x", 3) == "body.x[3]".
std::string Field(std::string_view path, std::string_view key);
std::string Index(std::string_view path, size_t i);

}  // namespace localnotion::api
