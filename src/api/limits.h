// Notion's request and workspace limits as they show in its error envelope: the
// `additional_data` of a 429 rate_limited answer and the 403 of the Free workspace block
// limit. Both are documented at
// https://developers.notion.com/reference/request-limits and
// https://developers.notion.com/reference/workspace-block-limits.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"

namespace localnotion::api {

// The size limits of a request's values (https://developers.notion.com/reference/request-limits,
// "Size limits"): the text.content of a rich text item, any URL, an equation's expression,
// and any array (rich text, block children, multi_select, relation, people, files). A value
// over one is a 400 validation_error whose message names the limit (api::TooLong).
inline constexpr size_t kMaxRichTextContent = 2000;
inline constexpr size_t kMaxUrl = 2000;
inline constexpr size_t kMaxEquationExpression = 1000;
inline constexpr size_t kMaxArrayItems = 100;

// An error's `additional_data`: Notion's OpenAPI declares it an object whose values are
// strings (or arrays of strings); the limits below use strings only. Kept in order.
using AdditionalData = std::vector<std::pair<std::string, std::string>>;

// `additional_data.rate_limit_reason` of a 429: which limit was exceeded. Notion names
// these four and warns that other values can appear.
inline constexpr std::string_view kRateLimitPerConnection = "public_api_request_rate_limit";
inline constexpr std::string_view kRateLimitPerWorkspace = "public_api_space_request_rate_limit";
inline constexpr std::string_view kRateLimitPerEndpoint = "public_api_endpoint_rate_limit";
inline constexpr std::string_view kRateLimitBlocked = "public_api_request_blocked";

// The additional_data of a 429: the reason, and (whenever the answer carries a
// Retry-After header) the same wait as `retry_after`, a string of whole seconds.
AdditionalData RateLimitedData(std::string_view reason, std::optional<int> retry_after_seconds);

// The 403 restricted_resource a write that creates blocks gets once a Free workspace has
// used its lifetime blocks, with additional_data {"block_limit":"block_creation"}.
inline constexpr std::string_view kWorkspaceBlockLimitMessage =
    "This workspace has used all of its free blocks. Upgrade its plan in Notion to create more content. "
    "Learn more: https://www.notion.com/help/understanding-block-usage";
Error WorkspaceBlockLimitError();

// The additional_data that belongs to an error by its code and Notion's fixed text (the
// block limit's 403); empty for every other error.
AdditionalData AdditionalDataOf(const Error& error);

}  // namespace localnotion::api
