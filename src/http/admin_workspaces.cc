// The admin API's workspaces (docs/workspaces.md), for test suites that run in
// parallel: one workspace per worker on one server, each with its own tokens.
//   POST   /_localnotion/workspaces         {"name"} -> the workspace, its first integration's "token",
//                                            and its own "admin_token"      (server admin token only)
//   GET    /_localnotion/workspaces         every workspace, the default one first (server admin token only)
//   GET    /_localnotion/workspaces/{id}    one workspace    (also its own admin token)
//   DELETE /_localnotion/workspaces/{id}    deletes it and all it holds; its tokens then answer 401
//                                            (also its own admin token)
// Every other admin route also exists as /_localnotion/workspaces/{id}/<route> and acts on
// that workspace (routes.cc); without the prefix it acts on the default workspace.
#include "api/messages.h"
#include "http/routes.h"
#include "service/admin/admin.h"

namespace localnotion::http {
namespace {

Result<json::value> CreateWorkspace(AdminState& st, const RouteArgs& a) {
  const json::value* name = a.body->is_object() ? Find(a.body->get_object(), "name") : nullptr;
  if (name == nullptr) return api::NotDefined(api::Field("body", "name"));
  if (!name->is_string()) return api::FailedValidation(api::Field("body", "name"), "a string", name);
  LN_ASSIGN_OR_RETURN(auto created, st.workspaces.Create(name->get_string(), st.Durably()));
  // Described from the record: the catalog entry is durable only once answered.
  json::value out = st.workspaces.Describe(created.record);
  json::object& o = out.as_object();
  o["token"] = created.token;
  o["admin_token"] = created.admin_token;
  o["integration"] = json::object{{"id", created.integration.id},
                                  {"name", created.integration.name},
                                  {"bot_user_id", created.integration.bot_user_id}};
  return out;
}

Result<json::value> DeleteWorkspace(AdminState& st, const RouteArgs& a) {
  LN_RETURN_IF_ERROR(st.workspaces.Delete(a.params[0], st.Durably()));
  return json::value(json::object{{"object", "workspace"}, {"id", a.params[0]}, {"deleted", true}});
}

}  // namespace

const std::vector<Route>& AdminWorkspaceRoutes() {
  constexpr Auth kAdmin = Auth::kAdminToken;
  static const std::vector<Route> kRoutes = {
      {.method = "POST", .path = "/_localnotion/workspaces", .auth = kAdmin, .global = true, .admin = CreateWorkspace},
      {.method = "GET",
       .path = "/_localnotion/workspaces",
       .auth = kAdmin,
       .global = true,
       .admin = [](AdminState& st, const RouteArgs&) { return st.workspaces.List(); }},
      {.method = "GET",
       .path = "/_localnotion/workspaces/{}",
       .auth = kAdmin,
       .global = true,
       .names_workspace = true,
       .admin = [](AdminState& st, const RouteArgs& a) { return st.workspaces.Describe(a.params[0]); }},
      {.method = "DELETE",
       .path = "/_localnotion/workspaces/{}",
       .auth = kAdmin,
       .global = true,
       .names_workspace = true,
       .admin = DeleteWorkspace},
  };
  return kRoutes;
}

}  // namespace localnotion::http
