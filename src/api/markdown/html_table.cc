#include "api/markdown/html_table.h"

#include <algorithm>
#include <string>

namespace localnotion::api::markdown {
namespace {

constexpr size_t npos = std::string_view::npos;

// The first occurrence of `tag` in `text` at or after a position. Positions asked for
// must not decrease; then all the searches together read `text` about once, since an
// occurrence found past the position asked for is kept for the next ask, and none found
// means none after any later position either.
class NextOf {
 public:
  NextOf(std::string_view text, std::string_view tag) : text_(text), tag_(tag) {}
  size_t At(size_t from) {
    if (!searched_ || (found_ != npos && found_ < from)) {
      found_ = text_.find(tag_, from);
      searched_ = true;
    }
    return found_;
  }

 private:
  std::string_view text_;
  std::string_view tag_;
  size_t found_ = npos;
  bool searched_ = false;
};

}  // namespace

std::vector<std::vector<std::string_view>> HtmlTableCells(std::string_view html) {
  NextOf tr_open(html, "<tr"), tr_close(html, "</tr>"), td_open(html, "<td"), th_open(html, "<th"),
      td_close(html, "</td>"), th_close(html, "</th>"), tag_end(html, ">");
  std::vector<std::vector<std::string_view>> rows;
  for (size_t tr = tr_open.At(0); tr != npos;) {
    const size_t next_tr = tr_open.At(tr + 1);
    const size_t row_end = std::min({tr_close.At(tr), next_tr, html.size()});
    std::vector<std::string_view> row;
    for (size_t at = tr; at < row_end;) {
      const size_t cell = std::min(td_open.At(at), th_open.At(at));
      if (cell >= row_end) break;
      const size_t body = tag_end.At(cell);
      if (body >= row_end) break;
      const size_t end = std::min(td_close.At(body), th_close.At(body));
      row.push_back(html.substr(body + 1, std::min(end, row_end) - body - 1));
      if (end >= row_end) break;
      at = end + 5;
    }
    rows.push_back(std::move(row));
    tr = next_tr;
  }
  return rows;
}

}  // namespace localnotion::api::markdown
