// UTF-8 checks for text that comes from the client without having been validated: the
// path, the query string and headers (request bodies are validated by the JSON parser).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace localnotion {

// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool IsValidUtf8(std::string_view s);

// `s` with every ill-formed sequence replaced by U+FFFD, one per maximal subpart as the
// WHATWG decoder (and so JavaScript's TextDecoder) does it; valid text is unchanged.
std::string ToValidUtf8(std::string_view s);

// Appends code point `cp` (at most U+10FFFF) to `out` as UTF-8.
void AppendUtf8(uint32_t cp, std::string& out);

}  // namespace localnotion
