// SHA-256 as lower-case hex (OpenSSL's libcrypto). Integration tokens are stored only
// as this digest, never in plain text.
#pragma once

#include <string>
#include <string_view>

namespace localnotion {

std::string Sha256Hex(std::string_view data);

// HMAC-SHA-256 of `data` under `key`, as lower-case hex (signed file URLs).
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// Compares two secrets (the admin token, a file link's signature) in time that does not
// depend on where they differ (OpenSSL's CRYPTO_memcmp). Only the length may show: the
// length of a token or an HMAC is no secret.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace localnotion
