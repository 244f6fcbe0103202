// The admin API's integrations and shares (under /_localnotion/, admin token):
//   POST   integrations                      {"name", "capabilities"} -> the integration and its "token"
//   GET    integrations                      every integration with its shares
//   GET    integrations/{id|name}
//   PATCH  integrations/{id|name}            {"capabilities"}
//   DELETE integrations/{id|name}            its token then answers 401
//   POST   integrations/{id|name}/shares     {"object_id"}: a page, database or data source id, or "workspace"
//   DELETE integrations/{id|name}/shares/{object_id}
// Changes apply to the next request; nothing is cached across requests.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/json.h"
#include "http/pipeline.h"
#include "service/service.h"

namespace localnotion::http {

// The answer for `route` (the path after /_localnotion/, without trailing '/'), or
// nullopt when the route is not an integrations route.
std::optional<Response> HandleIntegrationsAdmin(storage::Store& store, service::ServiceState& state,
                                                std::string_view method, std::string_view route, const json::value& body,
                                                const std::string& request_id);

}  // namespace localnotion::http
