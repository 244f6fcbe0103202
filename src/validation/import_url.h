// Which URLs `POST /v1/file_uploads {"mode": "external_url"}` may import from
// (https://developers.notion.com/guides/data-apis/importing-external-files): Notion
// fetches only URLs that are "SSL-enabled" and "publicly accessible", and answers any
// other with 400 validation_error at once. localnotion keeps that rule, and lets the
// operator open it for tests: a URL that starts with one of the `serve
// --allow-import-from` prefixes is allowed whatever its scheme and host (a loopback
// file server, say). The refusal's text is not documented; localnotion's is in
// docs/compat.md "File uploads".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace localnotion::validation {

// The refusal, for tests: "external_url must be a publicly accessible HTTPS URL."
inline constexpr std::string_view kImportUrlRefused = "external_url must be a publicly accessible HTTPS URL.";

// Whether `url` is an https:// URL whose host could be public: not localhost (or a
// name under .localhost, .local, .internal, .lan, .home.arpa), not a name without a
// dot, and not a loopback, private, link-local, unspecified, multicast or otherwise
// reserved IPv4 or IPv6 literal. A public-looking name is not resolved here.
bool IsPublicHttpsUrl(std::string_view url);

// OK when `url` starts with one of `allowed_prefixes` or IsPublicHttpsUrl; otherwise
// kValidationError kImportUrlRefused.
Status CheckImportUrl(std::string_view url, const std::vector<std::string>& allowed_prefixes);

}  // namespace localnotion::validation
