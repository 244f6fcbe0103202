// Forwarding header: the PageScan IR now lives in the query layer (query/scan.h), so
// that the planner which builds it and storage which answers it share one definition.
// The names stay available as storage::PageScan and friends; new code should include
// query/scan.h.
#pragma once

#include "query/scan.h"

namespace localnotion::storage {

using query::PageScan;
using query::ScanField;
using query::ScanNode;
using query::ScanOrder;
using query::ScanTerm;

}  // namespace localnotion::storage
