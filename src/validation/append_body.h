// The body of PATCH /v1/blocks/{id}/children
// (https://developers.notion.com/reference/patch-block-children): `children` (required)
// and where they go. Before 2026-03-11 `after` (a sibling block id) places them; since
// 2026-01-22 `position` does too, on every version:
//   {"type": "after_block", "after_block": {"id": ID}} | {"type": "start"} | {"type": "end"}
// (end is the default). From 2026-03-11 `after` is gone: sending it gives
// "body.after should be not present" (upgrade guide 2026-03-11,
// https://developers.notion.com/guides/get-started/upgrade-guide-2026-03-11). `after` and
// `position` together are refused (docs/compat.md "Notion-Version 2026-03-11").
// Whether the sibling exists is the service's check.
#pragma once

#include <string>
#include <string_view>

#include "api/version.h"
#include "common/error.h"
#include "common/json.h"

namespace localnotion::validation {

enum class AppendPlace { kEnd, kStart, kAfterBlock };

struct AppendBody {
  const json::value* children = nullptr;  // into the body; checked by CheckChildren
  AppendPlace place = AppendPlace::kEnd;
  std::string after_block_id;  // dashed UUID, for kAfterBlock
};

// Our text for `after` and `position` together; Notion documents the rule, not the words.
inline constexpr std::string_view kAfterWithPosition =
    "You cannot specify both `after` and `position` in the same request.";

Result<AppendBody> ReadAppendBody(const json::value& body, api::ApiVersion version);
// The result points into `body`, so a temporary body would leave it dangling.
Result<AppendBody> ReadAppendBody(json::value&& body, api::ApiVersion version) = delete;

}  // namespace localnotion::validation
