// The admin API's integrations and shares (under /_localnotion/, admin token):
//   POST   integrations                      {"name", "capabilities"} -> the integration and its "token"
//   GET    integrations                      every integration with its shares
//   GET    integrations/{id|name}
//   PATCH  integrations/{id|name}            {"capabilities"}
//   DELETE integrations/{id|name}            its token then answers 401
//   POST   integrations/{id|name}/shares     {"object_id"}: a page, database or data source id, or "workspace"
//   DELETE integrations/{id|name}/shares/{object_id}
// Changes apply to the next request; nothing is cached across requests. The {id|name}
// segment arrives percent-decoded (routes.cc), so a name may hold spaces.
#include "api/messages.h"
#include "http/routes.h"
#include "service/admin/admin.h"

namespace localnotion::http {
namespace {

using service::Context;

// A string field of the body, or a validation error naming it.
Result<std::string> StringField(const json::value& body, std::string_view key, bool required) {
  const json::value* v = body.is_object() ? Find(body.get_object(), key) : nullptr;
  if (v == nullptr) {
    if (required) return api::NotDefined(api::Field("body", key));
    return std::string();
  }
  if (!v->is_string()) return api::FailedValidation(api::Field("body", key), "a string", v);
  return std::string(v->get_string());
}

// Each handler runs in one write transaction (the reads too: they are rare).
Result<json::value> CreateIntegration(AdminState& st, const RouteArgs& a) {
  return st.Run(storage::TxnMode::kWrite, [&](Context& ctx) -> Result<json::value> {
    LN_ASSIGN_OR_RETURN(std::string name, StringField(*a.body, "name", true));
    LN_ASSIGN_OR_RETURN(std::string caps, StringField(*a.body, "capabilities", false));
    if (caps.empty()) caps = "read,update,insert,comments,users:email";
    LN_ASSIGN_OR_RETURN(auto created, service::admin::CreateIntegration(ctx, name, caps));
    LN_ASSIGN_OR_RETURN(json::value out, service::admin::DescribeIntegration(ctx, created.integration));
    out.as_object()["token"] = created.token;
    return out;
  });
}

Result<json::value> List(AdminState& st, const RouteArgs&) {
  return st.Run(storage::TxnMode::kWrite, [&](Context& ctx) { return service::admin::ListIntegrations(ctx); });
}

Result<json::value> Get(AdminState& st, const RouteArgs& a) {
  return st.Run(storage::TxnMode::kWrite, [&](Context& ctx) -> Result<json::value> {
    LN_ASSIGN_OR_RETURN(auto integration, service::admin::FindIntegration(ctx, a.params[0]));
    return service::admin::DescribeIntegration(ctx, integration);
  });
}

Result<json::value> SetCapabilities(AdminState& st, const RouteArgs& a) {
  return st.Run(storage::TxnMode::kWrite, [&](Context& ctx) -> Result<json::value> {
    LN_ASSIGN_OR_RETURN(std::string caps, StringField(*a.body, "capabilities", true));
    LN_ASSIGN_OR_RETURN(auto integration, service::admin::SetCapabilities(ctx, a.params[0], caps));
    return service::admin::DescribeIntegration(ctx, integration);
  });
}

Result<json::value> DeleteIntegration(AdminState& st, const RouteArgs& a) {
  return st.Run(storage::TxnMode::kWrite, [&](Context& ctx) -> Result<json::value> {
    LN_ASSIGN_OR_RETURN(auto integration, service::admin::FindIntegration(ctx, a.params[0]));
    LN_RETURN_IF_ERROR(service::admin::DeleteIntegration(ctx, integration.id));
    return json::value(json::object{{"object", "integration"}, {"id", integration.id}, {"deleted", true}});
  });
}

Result<json::value> Share(AdminState& st, const RouteArgs& a) {
  return st.Run(storage::TxnMode::kWrite, [&](Context& ctx) -> Result<json::value> {
    LN_ASSIGN_OR_RETURN(std::string object_id, StringField(*a.body, "object_id", true));
    LN_RETURN_IF_ERROR(service::admin::Share(ctx, a.params[0], object_id));
    LN_ASSIGN_OR_RETURN(auto integration, service::admin::FindIntegration(ctx, a.params[0]));
    return service::admin::DescribeIntegration(ctx, integration);
  });
}

Result<json::value> Unshare(AdminState& st, const RouteArgs& a) {
  return st.Run(storage::TxnMode::kWrite, [&](Context& ctx) -> Result<json::value> {
    LN_RETURN_IF_ERROR(service::admin::Unshare(ctx, a.params[0], a.params[1]));
    LN_ASSIGN_OR_RETURN(auto integration, service::admin::FindIntegration(ctx, a.params[0]));
    return service::admin::DescribeIntegration(ctx, integration);
  });
}

}  // namespace

const std::vector<Route>& AdminIntegrationRoutes() {
  constexpr Auth kAdmin = Auth::kAdminToken;
  static const std::vector<Route> kRoutes = {
      {.method = "POST", .path = "/_localnotion/integrations", .auth = kAdmin, .admin = CreateIntegration},
      {.method = "GET", .path = "/_localnotion/integrations", .auth = kAdmin, .admin = List},
      {.method = "GET", .path = "/_localnotion/integrations/{}", .auth = kAdmin, .admin = Get},
      {.method = "PATCH", .path = "/_localnotion/integrations/{}", .auth = kAdmin, .admin = SetCapabilities},
      {.method = "DELETE", .path = "/_localnotion/integrations/{}", .auth = kAdmin, .admin = DeleteIntegration},
      {.method = "POST", .path = "/_localnotion/integrations/{}/shares", .auth = kAdmin, .admin = Share},
      {.method = "DELETE", .path = "/_localnotion/integrations/{}/shares/{}", .auth = kAdmin, .admin = Unshare},
  };
  return kRoutes;
}

}  // namespace localnotion::http
