#include "api/limits.h"

namespace localnotion::api {

AdditionalData RateLimitedData(std::string_view reason, std::optional<int> retry_after_seconds) {
  AdditionalData data{{"rate_limit_reason", std::string(reason)}};
  if (retry_after_seconds) data.emplace_back("retry_after", std::to_string(*retry_after_seconds));
  return data;
}

Error WorkspaceBlockLimitError() {
  return MakeError(ErrorCode::kRestrictedResource, std::string(kWorkspaceBlockLimitMessage));
}

AdditionalData AdditionalDataOf(const Error& error) {
  if (error.code == ErrorCode::kRestrictedResource && error.message == kWorkspaceBlockLimitMessage) {
    return {{"block_limit", "block_creation"}};
  }
  return {};
}

}  // namespace localnotion::api
