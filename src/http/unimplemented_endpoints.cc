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

// A row that answers NotImplementedYet("<method> <documented path>").
Route Unimplemented(std::string_view method, std::string_view path, std::string_view documented) {
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
  static const std::vector<Route> kTable = {
      // AI meeting notes and asynchronous tasks (SDK 5.21-5.24).
      Unimplemented("POST", "/v1/blocks/meeting_notes", "/v1/blocks/meeting_notes"),
      Unimplemented("POST", "/v1/blocks/meeting_notes/query", "/v1/blocks/meeting_notes/query"),
      Unimplemented("GET", "/v1/async_tasks/{}", "/v1/async_tasks/{task_id}"),
  };
  return kTable;
}

}  // namespace localnotion::http
