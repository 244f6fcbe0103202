// SHA-256 as lower-case hex (OpenSSL's libcrypto). Integration tokens are stored only
// as this digest, never in plain text.
#pragma once

#include <string>
#include <string_view>

namespace localnotion {

std::string Sha256Hex(std::string_view data);

// HMAC-SHA-256 of `data` under `key`, as lower-case hex (signed file URLs).
std::string HmacSha256Hex(std::string_view key, std::string_view data);

}  // namespace localnotion
