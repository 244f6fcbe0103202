// Tables (https://developers.notion.com/reference/block#table and #table-rows): a table
// is created with its rows, has a table_width that never changes and two header flags;
// a table_row holds one rich text array per cell, exactly table_width of them, and goes
// nowhere but under a table.
#include <fmt/format.h>

#include <string>

#include "api/blocks/families.h"
#include "api/blocks/readers.h"
#include "api/messages.h"
#include "api/rich_text.h"

namespace localnotion::api::blocks {
namespace {

Status ReadTableWidth(const ReadContext& ctx, std::string_view, const std::string& key_path, const json::value& value,
                      json::object& out) {
  if (!value.is_int64() || value.get_int64() < 1) return FailedValidation(key_path, "a positive integer", &value);
  if (ctx.partial) return NotPresent(key_path, value);  // a table's width never changes
  out["table_width"] = value;
  return OkStatus();
}

Status ReadCells(const ReadContext&, std::string_view, const std::string& key_path, const json::value& value,
                 json::object& out) {
  if (!value.is_array()) return FailedValidation(key_path, "an array", &value);
  const json::array& in = value.get_array();
  if (in.size() > kMaxArrayItems) return TooLong(key_path, kMaxArrayItems, in.size());
  json::array cells;
  for (size_t i = 0; i < in.size(); ++i) {
    LN_ASSIGN_OR_RETURN(json::array cell, NormalizeRichText(Index(key_path, i), in[i]));
    cells.push_back(std::move(cell));
  }
  out["cells"] = std::move(cells);
  return OkStatus();
}

// Every row of a table has table_width cells.
Status CheckRow(const std::string& child_path, const json::object& table, const json::object& row) {
  size_t cells = row.contains("cells") ? row.at("cells").as_array().size() : 0;
  const json::value* width = Find(table, "table_width");
  int64_t w = width && width->is_int64() ? width->get_int64() : 0;
  if (static_cast<int64_t>(cells) != w) {
    json::value got = static_cast<int64_t>(cells);
    return FailedValidation(Field(Field(child_path, "table_row"), "cells.length"),
                            fmt::format("`{}` (the table_width of the table)", w), &got);
  }
  return OkStatus();
}

}  // namespace

std::vector<BlockType> TableBlocks() {
  BlockType table;
  table.name = "table";
  table.keys = {{"table_width", ReadTableWidth, true},
                {"has_column_header", ReadBool},
                {"has_row_header", ReadBool}};
  table.defaults["has_column_header"] = false;
  table.defaults["has_row_header"] = false;
  table.children.takes_children = true;
  table.children.children_required = true;
  table.children.children_part_of_container = true;
  table.children.only_child = "table_row";
  table.children.check_child = CheckRow;

  BlockType row;
  row.name = "table_row";
  row.keys = {{"cells", ReadCells, true}};
  row.children.only_parent = "table";
  return {std::move(table), std::move(row)};
}

}  // namespace localnotion::api::blocks
