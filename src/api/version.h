// Notion-Version values localnotion serves. Each response is shaped by the request's
// header. Only 2022-06-28 (SDK 2.x-4.x default) and 2025-09-03 (SDK 5.x default) are
// served; any other value is refused with missing_version (docs/compat.md).
#pragma once

#include <optional>
#include <string_view>

namespace localnotion::api {

enum class ApiVersion { k2022_06_28, k2025_09_03 };

std::optional<ApiVersion> ParseApiVersion(std::string_view header);

// The message for a Notion-Version header that is absent (`value` == nullptr) or not served.
std::string_view VersionListForMessage();

inline bool HasDataSources(ApiVersion v) { return v == ApiVersion::k2025_09_03; }

}  // namespace localnotion::api
