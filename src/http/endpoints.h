// The endpoint table: method, path template and handler, mirroring the SDK's
// api-endpoints. A path template segment "{}" matches one id.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/service.h"

namespace localnotion::http {

struct RouteArgs {
  std::vector<std::string> params;                     // the "{}" segments, in order
  std::multimap<std::string, std::string> query;       // decoded query parameters
  const json::value* body = nullptr;                   // {} when the request had none
  // Endpoints with `raw_body` get the body as received instead (and `body` is {}).
  const std::string* raw_body = nullptr;
  std::string content_type;                            // the Content-Type header

  std::optional<std::string> Query(const std::string& key) const;
  std::vector<std::string> QueryAll(const std::string& key) const;
};

using Handler = std::function<Result<json::value>(service::Service&, const service::Caller&, const RouteArgs&)>;

struct Endpoint {
  std::string_view method;
  std::string_view path;
  Handler handler;
  // Routes of the data-sources era answer only 2025-09-03 and later; like Notion, an
  // older Notion-Version gets invalid_request_url for them.
  bool needs_data_sources = false;
  // And the database-era routes (POST /v1/databases/{id}/query) only 2022-06-28.
  bool before_data_sources = false;
  // The capability the endpoint needs (capabilities reference); without it, 403
  // restricted_resource. Every endpoint states one (endpoints_test.cc).
  service::Need need = service::Need::kUnspecified;
  // The body is not JSON (POST /v1/file_uploads/{id}/send takes multipart/form-data):
  // the handler reads RouteArgs::raw_body, and the server allows bodies up to the
  // upload part limit instead of 500 KB.
  bool raw_body = false;
};

// Every endpoint, in matching order.
const std::vector<Endpoint>& AllEndpoints();

// Finds the endpoint for `method` and `path` (already slash-collapsed, no query).
// Fills `params` with the path's ids.
const Endpoint* MatchEndpoint(std::string_view method, std::string_view path, std::vector<std::string>& params);

}  // namespace localnotion::http
