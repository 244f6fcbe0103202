// The body of POST /v1/pages/{page_id}/move (https://developers.notion.com/reference/move-page):
//   {"parent": {"type": "page_id", "page_id": ID} | {"type": "data_source_id", "data_source_id": ID}}
// `type` may be left out (the SDK's type makes it optional); ids may have dashes or not.
// Whether the parent exists and may take the page is the service's check.
#pragma once

#include <string>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::validation {

struct MoveBody {
  std::string parent_type;  // "page_id" or "data_source_id"
  std::string parent_id;    // dashed UUID
};

Result<MoveBody> ReadMoveBody(const json::value& body);

}  // namespace localnotion::validation
