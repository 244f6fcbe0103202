// Blocks that arrange other content: divider, breadcrumb, table_of_contents (a color),
// and columns (https://developers.notion.com/reference/block#column-list-and-column): a
// column_list holds only columns, a column may have a width_ratio, and both are created
// with their children.
#include <string>

#include "api/blocks/families.h"
#include "api/blocks/readers.h"
#include "api/messages.h"

namespace localnotion::api::blocks {
namespace {

Status ReadWidthRatio(const ReadContext&, std::string_view, const std::string& key_path, const json::value& value,
                      json::object& out) {
  if (!value.is_number() || value.to_number<double>() <= 0 || value.to_number<double>() > 1) {
    return FailedValidation(key_path, "a number between 0 and 1", &value);
  }
  out["width_ratio"] = value;
  return OkStatus();
}

}  // namespace

std::vector<BlockType> LayoutBlocks() {
  BlockType divider;
  divider.name = "divider";

  BlockType breadcrumb;
  breadcrumb.name = "breadcrumb";

  BlockType toc;
  toc.name = "table_of_contents";
  toc.keys = {{"color", ReadColor}};
  toc.defaults["color"] = "default";

  BlockType column_list;
  column_list.name = "column_list";
  column_list.children.takes_children = true;
  column_list.children.children_required = true;
  column_list.children.only_child = "column";

  BlockType column;
  column.name = "column";
  column.keys = {{"width_ratio", ReadWidthRatio}};
  column.children.takes_children = true;
  column.children.children_required = true;
  column.children.children_part_of_container = true;
  column.children.only_parent = "column_list";

  std::vector<BlockType> v;
  v.push_back(std::move(divider));
  v.push_back(std::move(breadcrumb));
  v.push_back(std::move(toc));
  v.push_back(std::move(column_list));
  v.push_back(std::move(column));
  return v;
}

}  // namespace localnotion::api::blocks
