#include "api/version.h"

namespace localnotion::api {

std::optional<ApiVersion> ParseApiVersion(std::string_view header) {
  if (header == "2022-06-28") return ApiVersion::k2022_06_28;
  if (header == "2025-09-03") return ApiVersion::k2025_09_03;
  return std::nullopt;
}

std::string_view ApiVersionName(ApiVersion v) {
  switch (v) {
    case ApiVersion::k2022_06_28: return "2022-06-28";
    case ApiVersion::k2025_09_03: return "2025-09-03";
  }
  return "";
}

std::string_view VersionListForMessage() { return "`\"2022-06-28\"` or `\"2025-09-03\"`"; }

}  // namespace localnotion::api
