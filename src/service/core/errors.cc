#include <fmt/format.h>

#include "api/messages.h"
#include "common/uuid.h"
#include "service/core/context.h"

namespace localnotion::service {

Error NotFound(std::string_view kind, std::string_view id) {
  return MakeError(ErrorCode::kObjectNotFound,
                   fmt::format("Could not find {} with ID: {}. Make sure the relevant pages and databases are "
                               "shared with your integration.",
                               kind, id));
}

Result<std::string> PathId(std::string_view name, std::string_view raw) {
  if (auto id = NormalizeUuid(raw)) return *id;
  json::value v = json::string(raw);
  return api::FailedValidation(fmt::format("path.{}", name), "a valid uuid", &v);
}

}  // namespace localnotion::service
