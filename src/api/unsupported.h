// What localnotion answers for a request Notion serves and localnotion does not yet: the
// 400 `invalid_request` Notion itself gives for a request it does not support
// ("Unsupported request: <request name>.", https://developers.notion.com/reference/status-codes),
// with a sentence saying that localnotion does not implement it yet, so that the user
// does not read it as a mistake of their own (docs/compat.md).
#pragma once

#include <string_view>

#include "common/error.h"

namespace localnotion::api {

// "Unsupported request: <what>. localnotion does not implement it yet."
Error NotImplementedYet(std::string_view what);

}  // namespace localnotion::api
