// child_page and child_database (https://developers.notion.com/reference/block#child-page
// and #child-database): blocks that show a page or database placed under a page. No
// block request creates or edits them (pages and databases have their own endpoints);
// a child_page takes appended children, which go on the page.
#include "api/blocks/families.h"

namespace localnotion::api::blocks {

std::vector<BlockType> ChildObjectBlocks() {
  BlockType page;
  page.name = "child_page";
  page.writable = false;
  page.shows_object = true;
  page.children.takes_children = true;

  BlockType database;
  database.name = "child_database";
  database.writable = false;
  database.shows_object = true;
  return {std::move(page), std::move(database)};
}

}  // namespace localnotion::api::blocks
