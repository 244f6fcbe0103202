#include "api/unsupported.h"

#include <string>

namespace localnotion::api {

Error NotImplementedYet(std::string_view what) {
  return MakeError(ErrorCode::kInvalidRequest,
                   "Unsupported request: " + std::string(what) + ". localnotion does not implement it yet.");
}

}  // namespace localnotion::api
