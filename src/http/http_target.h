// Where an outgoing plain-HTTP request goes (webhook deliveries, external_url imports):
// the parts of an http:// URL that a Boost.Beast client needs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace localnotion::http {

struct HttpTarget {
  std::string host;         // without the brackets of an IPv6 literal
  std::string port;         // "80" when the URL names none
  std::string path;         // the encoded path ("/" when empty) and query
  std::string host_header;  // the Host header: host and port as the URL writes them
};

// The target of `url`, or nullopt with `error` set: "<invalid>" for a URL that does not
// parse, `not_http` for any scheme but http.
std::optional<HttpTarget> ParseHttpTarget(const std::string& url, std::string& error, std::string_view invalid,
                                          std::string_view not_http);

}  // namespace localnotion::http
