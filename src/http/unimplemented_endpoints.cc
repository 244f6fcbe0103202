// The /v1 routes Notion serves and localnotion does not implement yet. Each answers 400
// invalid_request, Notion's code for a request it does not support, with a message
// that says localnotion does not implement it yet (api/unsupported.h), rather than
// "Invalid request URL.", which reads as the caller's mistake. They are matched after
// ApiRoutes(), so implementing one is moving its row there. Sources: the SDK's
// api-endpoints (https://github.com/makenotion/notion-sdk-js/tree/main/src/api-endpoints)
// and https://developers.notion.com/reference/intro.
#include "api/unsupported.h"
#include "http/routes.h"

namespace localnotion::http {
namespace {

// A row that answers NotImplementedYet("<method> <documented path>"). Every route of the
// SDK 5.26 is implemented now; the table stays for the next one Notion adds.
[[maybe_unused]] Route Unimplemented(std::string_view method, std::string_view path, std::string_view documented) {
  std::string what = std::string(method) + " " + std::string(documented);
  return Route{.method = method,
               .path = path,
               .need = service::Need::kNothing,
               .api = [what](service::Context&, const service::Caller&, const RouteArgs&) -> Result<json::value> {
                 return api::NotImplementedYet(what);
               }};
}

}  // namespace

const std::vector<Route>& UnimplementedApiRoutes() {
  static const std::vector<Route> kTable = {};
  return kTable;
}

}  // namespace localnotion::http
