#include "http/http_target.h"

#include <boost/url/parse.hpp>

namespace localnotion::http {

std::optional<HttpTarget> ParseHttpTarget(const std::string& url, std::string& error, std::string_view invalid,
                                          std::string_view unsupported, bool https) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) {
    error = std::string(invalid);
    return std::nullopt;
  }
  const bool tls = https && parsed->scheme() == "https";
  if (parsed->scheme() != "http" && !tls) {
    error = std::string(unsupported);
    return std::nullopt;
  }
  HttpTarget t;
  t.tls = tls;
  t.host = std::string(parsed->host());
  t.host_header = std::string(parsed->encoded_host_and_port());
  if (t.host.size() > 2 && t.host.front() == '[' && t.host.back() == ']') t.host = t.host.substr(1, t.host.size() - 2);
  t.port = parsed->has_port() ? std::string(parsed->port()) : tls ? "443" : "80";
  t.path = std::string(parsed->encoded_path());
  if (t.path.empty()) t.path = "/";
  if (parsed->has_query()) t.path += "?" + std::string(parsed->encoded_query());
  return t;
}

}  // namespace localnotion::http
