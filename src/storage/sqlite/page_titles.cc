#include "storage/sqlite/page_titles.h"

#include "api/rich_text.h"
#include "query/values.h"

namespace localnotion::storage {

std::string FoldedPageTitle(const PageRecord& page) {
  const json::value* title = Find(page.properties, "title");
  if (title == nullptr || !title->is_array()) return "";
  return query::FoldCase(api::PlainText(title->get_array()));
}

}  // namespace localnotion::storage
