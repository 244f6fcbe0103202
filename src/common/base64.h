// Standard base64 (RFC 4648 section 4, with `=` padding), as fixtures carry the bytes of
// file uploads (docs/fixtures.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace localnotion {

std::string Base64Encode(std::string_view bytes);
// nullopt for text that is not padded standard base64 (whitespace is not allowed).
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace localnotion
