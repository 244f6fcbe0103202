// The admin API's public integrations (OAuth clients) and a non-interactive authorize
// step for tests (under /_localnotion/, admin token; docs/oauth.md):
//   POST   oauth/clients       {"name", "redirect_uris": [..], "capabilities"?} -> the client
//                              with its "client_secret" (shown once)
//   GET    oauth/clients       every client
//   DELETE oauth/clients/{id}
//   POST   oauth/authorize     {"client_id", "redirect_uri"?, "state"?, "page_ids": [..],
//                              "deny"?} -> {"redirect_url", "code"}: what the authorize
//                              page does when a person picks those pages
#include "api/messages.h"
#include "http/routes.h"
#include "service/oauth/oauth.h"

namespace localnotion::http {
namespace {

using service::Context;
namespace oauth = service::oauth;

Result<std::vector<std::string>> Strings(const json::value& body, const char* key) {
  std::vector<std::string> out;
  const json::value* v = body.is_object() ? Find(body.get_object(), key) : nullptr;
  if (v == nullptr) return out;
  if (!v->is_array()) return api::FailedValidation(api::Field("body", key), "an array of strings", v);
  for (const json::value& s : v->get_array()) {
    if (!s.is_string()) return api::FailedValidation(api::Field("body", key), "an array of strings", v);
    out.emplace_back(s.get_string());
  }
  return out;
}

std::optional<std::string> OptString(const json::value& body, const char* key) {
  const json::value* v = body.is_object() ? Find(body.get_object(), key) : nullptr;
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

Result<json::value> CreateClient(AdminState& st, const RouteArgs& a) {
  return st.Run(storage::TxnMode::kWrite, [&](Context& ctx) -> Result<json::value> {
    LN_ASSIGN_OR_RETURN(auto uris, Strings(*a.body, "redirect_uris"));
    LN_ASSIGN_OR_RETURN(
        auto created,
        oauth::CreateClient(ctx, OptString(*a.body, "name").value_or(""),
                            OptString(*a.body, "capabilities").value_or("read,update,insert,comments,users:email"),
                            uris));
    json::value out = oauth::DescribeClient(created.client);
    out.as_object()["client_secret"] = created.secret;
    return out;
  });
}

Result<json::value> ListClients(AdminState& st, const RouteArgs&) {
  return st.Run(storage::TxnMode::kWrite, [&](Context& ctx) -> Result<json::value> {
    LN_ASSIGN_OR_RETURN(auto clients, oauth::ListClients(ctx));
    json::array results;
    for (const auto& c : clients) results.push_back(oauth::DescribeClient(c));
    return json::value(json::object{{"object", "list"}, {"results", std::move(results)}});
  });
}

Result<json::value> DeleteClient(AdminState& st, const RouteArgs& a) {
  return st.Run(storage::TxnMode::kWrite, [&](Context& ctx) -> Result<json::value> {
    LN_ASSIGN_OR_RETURN(auto client, oauth::FindClient(ctx, a.params[0]));
    LN_RETURN_IF_ERROR(oauth::DeleteClient(ctx, client.id));
    return json::value(json::object{{"object", "oauth_client"}, {"client_id", client.id}, {"deleted", true}});
  });
}

Result<json::value> Authorize(AdminState& st, const RouteArgs& a) {
  return st.Run(storage::TxnMode::kWrite, [&](Context& ctx) -> Result<json::value> {
    oauth::AuthorizeParams params{OptString(*a.body, "client_id").value_or(""), OptString(*a.body, "redirect_uri"),
                                  OptString(*a.body, "response_type").value_or("code"),
                                  OptString(*a.body, "owner").value_or("user"), OptString(*a.body, "state")};
    const json::value* deny = a.body->is_object() ? Find(a.body->get_object(), "deny") : nullptr;
    if (deny != nullptr && deny->is_bool() && deny->get_bool()) {
      LN_ASSIGN_OR_RETURN(auto target, oauth::CheckAuthorize(ctx, params));
      return json::value(json::object{{"redirect_url", oauth::DenyUrl(target, params)}, {"code", nullptr}});
    }
    LN_ASSIGN_OR_RETURN(auto pages, Strings(*a.body, "page_ids"));
    LN_ASSIGN_OR_RETURN(std::string url, oauth::Grant(ctx, params, pages));
    const size_t at = url.find("code=");
    std::string code =
        url.substr(at + 5, url.find('&', at) == std::string::npos ? std::string::npos : url.find('&', at) - at - 5);
    return json::value(json::object{{"redirect_url", url}, {"code", code}});
  });
}

}  // namespace

const std::vector<Route>& AdminOAuthRoutes() {
  static const std::vector<Route> kTable = {
      {.method = "POST", .path = "/_localnotion/oauth/clients", .auth = Auth::kAdminToken, .admin = CreateClient},
      {.method = "GET", .path = "/_localnotion/oauth/clients", .auth = Auth::kAdminToken, .admin = ListClients},
      {.method = "DELETE", .path = "/_localnotion/oauth/clients/{}", .auth = Auth::kAdminToken, .admin = DeleteClient},
      {.method = "POST", .path = "/_localnotion/oauth/authorize", .auth = Auth::kAdminToken, .admin = Authorize},
  };
  return kTable;
}

}  // namespace localnotion::http
