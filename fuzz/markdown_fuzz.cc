// Enhanced markdown (api/markdown): the input is any text a client may send as a page's
// markdown. Parsing never fails or crashes, and when the text is valid UTF-8 every block
// it makes passes the block checks of a create (validation/block_write.h), so a page
// made from markdown never fails on the parser's own output. The first line is also
// checked as inline text: escaping it and parsing it back gives the same text.
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "api/markdown/inline.h"
#include "api/markdown/parse.h"
#include "common/utf8.h"
#include "fuzz/fuzz_util.h"
#include "validation/block_write.h"

using namespace localnotion;  // NOLINT

namespace {

std::string PlainOf(const json::array& rich_text) {
  std::string out;
  for (const json::value& item : rich_text) {
    const json::object& o = item.as_object();
    if (o.at("type") == "text") out += o.at("text").at("content").as_string();
    if (o.at("type") == "equation") out += "$" + std::string(o.at("equation").at("expression").as_string()) + "$";
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string_view text = fuzz::AsText(data, size);
  std::vector<api::markdown::ParsedBlock> blocks = api::markdown::ParseMarkdown(text);
  if (IsValidUtf8(text) && text.find('\0') == std::string_view::npos) {
    json::array requests;
    for (auto& b : blocks) {
      if (!b.request.empty()) requests.push_back(std::move(b.request));
    }
    auto checked = validation::CheckChildren("body.markdown", requests, validation::kMarkdownBlockLimits);
    // Refusals the parser leaves to the checks: more than 20,000 blocks, and a table too big
    // to pad to its widest row (kMaxPaddedTableCells in api/markdown/parse.cc).
    if (!checked.ok() && checked.error().message.find("should be ≤ `20000`") == std::string::npos &&
        checked.error().message.find("(the table_width of the table), instead was") == std::string::npos) {
      fprintf(stderr, "the parser made a block the checks refuse: %s\n%s\n", checked.error().message.c_str(),
              SerializeJson(json::value(requests)).substr(0, 2000).c_str());
      __builtin_trap();
    }
  }
  // Inline text: Escape, then parse back.
  std::string_view line = text.substr(0, text.find_first_of("\r\n"));
  bool plain = IsValidUtf8(line);
  for (char c : line) plain = plain && static_cast<unsigned char>(c) >= 0x20 && c != 0x7F;
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (plain && !line.empty()) {
    const std::string escaped = api::markdown::Escape(line);
    const std::string back = PlainOf(api::markdown::ParseInline(escaped));
    if (back != line) {
      fprintf(stderr, "escaping does not round trip:\n[%.*s]\n[%s]\n[%s]\n", static_cast<int>(line.size()), line.data(),
              escaped.c_str(), back.c_str());
      __builtin_trap();
    }
  }
  return 0;
}
