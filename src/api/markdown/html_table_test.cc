#include "api/markdown/html_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/markdown/parse.h"
#include "common/json.h"

namespace localnotion::api::markdown {
namespace {

using Rows = std::vector<std::vector<std::string_view>>;

TEST(HtmlTableCells, ReadsRowsOfTdAndThCells) {
  EXPECT_EQ(HtmlTableCells("<tr><th>A</th><td>B</td></tr>\n<tr><td>1</td><td>2</td></tr>\n"),
            (Rows{{"A", "B"}, {"1", "2"}}));
  EXPECT_EQ(HtmlTableCells("<tr>\n\t<td color=\"red\">x</td>\n</tr>"), (Rows{{"x"}}));
  EXPECT_EQ(HtmlTableCells("no rows"), Rows{});
  EXPECT_EQ(HtmlTableCells("<tr></tr><tr><td></td></tr>"), (Rows{{}, {""}}));
}

// As in HTML, a row ends where the next begins and a cell where its row ends, so a row
// without its closing tag does not take the cells of the rows after it.
TEST(HtmlTableCells, MissingClosingTagsEndAtTheNextRow) {
  EXPECT_EQ(HtmlTableCells("<tr><td>a<tr><td>b</td><td>c\n"), (Rows{{"a"}, {"b", "c\n"}}));
  EXPECT_EQ(HtmlTableCells("<tr><td>a</tr><tr><td>b"), (Rows{{"a"}, {"b"}}));
  EXPECT_EQ(HtmlTableCells("<tr><td x</tr><tr><td>b</td>"), (Rows{{}, {"b"}}));  // a tag without '>' in its row
}

// Regression (markdown_fuzz): 4,000 unclosed rows, 56 KB, took minutes when every row
// searched to the end of the table for its closing tag; now one pass.
TEST(HtmlTableCells, ManyUnclosedRowsAreEachOneRow) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<tr><td>ab cd\n";
  const Rows rows = HtmlTableCells(html);
  ASSERT_EQ(rows.size(), 20000u);
  for (const auto& row : rows) ASSERT_EQ(row, (std::vector<std::string_view>{"ab cd\n"}));
}

std::vector<json::value> TableRows(std::string_view md) {
  std::vector<ParsedBlock> blocks = ParseMarkdown(md);
  EXPECT_EQ(blocks.size(), 1u);
  const json::array& children = blocks.at(0).request.at("table").at("children").as_array();
  return std::vector<json::value>(children.begin(), children.end());
}

TEST(HtmlTableCells, ATableIsPaddedToItsWidestRowUpToAMillionCells) {
  std::vector<json::value> rows = TableRows("<table>\n<tr><td>a</td><td>b</td></tr>\n<tr><td>c</td></tr>\n</table>");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].at("table_row").at("cells").as_array().size(), 2u);
  // 1,001 rows and a row of 1,001 cells would be 1,002,001 cells padded: the rows stay as
  // they are, and the block checks refuse the table (cells.length differs from table_width).
  std::string md = "<table>\n<tr>";
  for (int i = 0; i < 1001; ++i) md += "<td>x</td>";
  md += "</tr>\n";
  for (int i = 0; i < 1000; ++i) md += "<tr><td>y</td></tr>\n";
  md += "</table>";
  rows = TableRows(md);
  ASSERT_EQ(rows.size(), 1001u);
  EXPECT_EQ(rows[0].at("table_row").at("cells").as_array().size(), 1001u);
  EXPECT_EQ(rows[1].at("table_row").at("cells").as_array().size(), 1u);
}

}  // namespace
}  // namespace localnotion::api::markdown
