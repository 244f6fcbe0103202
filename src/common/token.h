// Integration tokens in Notion's current format: "ntn_" and 46 letters and digits
// (https://developers.notion.com/docs/authorization), drawn from std::random_device.
// Only their SHA-256 is stored (docs/security.md).
#pragma once

#include <string>

namespace localnotion {

std::string NewIntegrationToken();

}  // namespace localnotion
