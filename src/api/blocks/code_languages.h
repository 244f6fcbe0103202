// The languages a code block may name (Notion's request schema, languageRequest:
// https://developers.notion.com/reference/block#code), in Notion's order.
#pragma once

#include <string_view>
#include <vector>

namespace localnotion::api::blocks {

const std::vector<std::string_view>& CodeLanguages();

}  // namespace localnotion::api::blocks
