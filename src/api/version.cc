#include "api/version.h"

#include <array>
#include <utility>

namespace localnotion::api {
namespace {

// Every value Notion accepts, oldest first (https://developers.notion.com/reference/versioning).
constexpr std::array<std::pair<std::string_view, ApiVersion>, 7> kVersions = {{
    {"2021-05-11", ApiVersion::k2021_05_11},
    {"2021-05-13", ApiVersion::k2021_05_13},
    {"2021-08-16", ApiVersion::k2021_08_16},
    {"2022-02-22", ApiVersion::k2022_02_22},
    {"2022-06-28", ApiVersion::k2022_06_28},
    {"2025-09-03", ApiVersion::k2025_09_03},
    {"2026-03-11", ApiVersion::k2026_03_11},
}};

}  // namespace

std::optional<ApiVersion> ParseApiVersion(std::string_view header) {
  for (const auto& [name, v] : kVersions) {
    if (header == name) return v;
  }
  return std::nullopt;
}

std::string_view ApiVersionName(ApiVersion v) {
  for (const auto& [name, version] : kVersions) {
    if (version == v) return name;
  }
  return "";
}

// Notion's own list, as its validator writes a union of literals: "`a`, `b`, or `c`",
// the text the live API answers for an unknown version since 2026-03-11
// (https://developers.notion.com/reference/versioning lists the values).
std::string_view VersionListForMessage() {
  return "`\"2021-05-11\"`, `\"2021-05-13\"`, `\"2021-08-16\"`, `\"2022-02-22\"`, `\"2022-06-28\"`, "
         "`\"2025-09-03\"`, or `\"2026-03-11\"`";
}

}  // namespace localnotion::api
