// The body of PATCH /v1/comments/{id} (https://developers.notion.com/reference/update-a-comment):
// exactly one of `rich_text` (an array of rich text) or `markdown` (a string). Neither or
// both is a validation_error in Notion's union grammar ("Fix one:"); Notion documents the
// rule but not the words (docs/compat.md "Notion-Version 2026-03-11 and the 2025–2026 API").
#pragma once

#include <optional>
#include <string>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::validation {

struct CommentUpdateBody {
  std::optional<json::array> rich_text;  // normalized (api::NormalizeRichText)
  std::optional<std::string> markdown;
};

Result<CommentUpdateBody> ReadCommentUpdateBody(const json::value& body);

}  // namespace localnotion::validation
