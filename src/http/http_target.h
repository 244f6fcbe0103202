// Where an outgoing HTTP request goes (webhook deliveries over http://, external_url
// imports over http:// or https://): the parts of the URL that a Boost.Beast client needs.
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
  bool tls = false;         // https: TLS on port 443 unless the URL names one
};

// The target of `url`, or nullopt with `error` set: "<invalid>" for a URL that does not
// parse, `unsupported` for a scheme other than http (and https when `https` is true).
std::optional<HttpTarget> ParseHttpTarget(const std::string& url, std::string& error, std::string_view invalid,
                                          std::string_view unsupported, bool https = false);

}  // namespace localnotion::http
