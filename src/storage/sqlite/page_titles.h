// The folded title the pages table keeps for title scans (PageRecords::ScanPagesByTitle
// in storage/txn.h), computed exactly as search compares titles.
#pragma once

#include <string>

#include "storage/records.h"

namespace localnotion::storage {

// The concatenated `plain_text` of the page's "title" property (api::PlainText), folded
// with query::FoldCase. A page without a title property, or whose title is not an
// array, has the empty title.
std::string FoldedPageTitle(const PageRecord& page);

}  // namespace localnotion::storage
