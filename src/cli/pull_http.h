// The HTTP client of `localnotion pull` (docs/fixtures.md "Pulling a workspace"): one
// request per call over a fresh connection, Boost.Beast on an io_context of its own, to
// Notion's public API or any server that speaks it (a second localnotion in the tests).
// http:// and https:// (TLS through OpenSSL with Boost.Asio's ssl_stream, the server's
// certificate checked against the system's trusted authorities, or those of the file named
// by SSL_CERT_FILE (OpenSSL's default verify paths), and the URL's host).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace localnotion::cli {

struct PullRequest {
  std::string method;  // "GET" or "POST"
  std::string url;     // absolute: the --from base and the path
  std::string token;   // sent as Authorization: Bearer, with Notion-Version; none when empty
  std::optional<std::string> json_body;
  int64_t timeout_ms = 60000;  // the whole exchange
  // The most body bytes read; a longer body (or a Content-Length over it) is not read
  // and the answer is `too_large`. None: no limit.
  std::optional<uint64_t> body_limit;
};

struct PullResponse {
  std::optional<int> status;  // none when no answer came back (then `error` says why)
  std::string body;
  std::string retry_after;   // the Retry-After header, as sent ("" when absent)
  std::string content_type;  // the Content-Type header ("" when absent)
  std::string location;      // the Location header of a redirect ("" when absent)
  std::string error;
  bool too_large = false;  // the body was over `body_limit` (no status then)
  // A failure that asking again cannot mend (the server's certificate was refused):
  // the pull stops at once instead of retrying.
  bool permanent = false;
};

PullResponse SendPullRequest(const PullRequest& request);

}  // namespace localnotion::cli
