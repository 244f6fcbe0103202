// The rows and cells of a <table> of Notion's enhanced markdown
// (https://developers.notion.com/guides/data-apis/enhanced-markdown): <tr> rows of <td>
// or <th> cells. Closing tags may be missing, as an HTML parser allows: a row also ends
// where the next <tr begins, a cell where its row ends.
#pragma once

#include <string_view>
#include <vector>

namespace localnotion::api::markdown {

// The text between each cell's tags, per row, in order (the caller trims and parses it).
// Linear in html.size() whatever the tags: each kind of tag is searched for from where its
// last search ended, never again from each row or cell (a fuzzer found 3 KB of unclosed
// rows that took seconds to read this way before, and 56 KB minutes).
std::vector<std::vector<std::string_view>> HtmlTableCells(std::string_view html);

}  // namespace localnotion::api::markdown
