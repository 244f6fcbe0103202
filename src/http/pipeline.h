// The request pipeline, independent of the socket: a parsed HTTP request in, a status
// and body out. Checks run in Notion's order (reference/notion-api.md §2.3):
//   1. route and method        -> 400 invalid_request_url
//   2. JSON body               -> 400 invalid_json
//   3. Authorization           -> 401 unauthorized
//   4. Notion-Version          -> 400 missing_version
//   5. the endpoint: path and body validation, existence (404), the write.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "service/service.h"

namespace localnotion::http {

struct Request {
  std::string method;                          // "GET", "PATCH", ...
  std::string target;                          // path and query as received
  std::optional<std::string> authorization;    // header value
  std::optional<std::string> notion_version;   // header value
  std::string host;                            // Host header, for absolute URLs
  std::string body;
};

struct Response {
  int status = 200;
  std::string body;
  std::string request_id;
};

class Pipeline {
 public:
  explicit Pipeline(service::Service& service) : service_(service) {}
  Response Handle(const Request& request);
  // The answer to a body over the 500 KB limit.
  Response TooLarge();

 private:
  service::Service& service_;
};

// Collapses runs of '/' (SDK users write a baseUrl ending in '/').
std::string CollapseSlashes(std::string_view path);

}  // namespace localnotion::http
