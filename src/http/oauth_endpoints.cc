// The OAuth routes of /v1 (routes.h, OAuthRoutes), which a browser or a client's server
// calls without an integration token
// (https://developers.notion.com/guides/get-started/authorization):
//   GET  /v1/oauth/authorize    the authorize page (HTML) for the authorization URL's
//                               client_id, redirect_uri, response_type, owner, state
//   POST /v1/oauth/authorize    the page's form: "Allow access" with the pages picked, or
//                               "Cancel"; answers 302 to the redirect URI with `code` and
//                               `state`, or `error=access_denied`
//   POST /v1/oauth/token, /v1/oauth/introspect, /v1/oauth/revoke
//                               HTTP Basic client_id:client_secret and a JSON body
// OAuth errors are answered in the RFC 6749 shape (OAuthErrorResponse), as Notion's live
// API does for /v1/oauth/token; errors of the authorize step are shown on a page.
#include <boost/beast/core/detail/base64.hpp>

#include "http/error_response.h"
#include "http/oauth_page.h"
#include "http/routes.h"
#include "service/oauth/oauth.h"

namespace localnotion::http {
namespace {

namespace oauth = service::oauth;

Response Html(int status, std::string body, const std::string& request_id) {
  Response res{status, std::move(body), request_id};
  res.content_type = "text/html; charset=utf-8";
  return res;
}

Response Redirect(const std::string& location, const std::string& request_id) {
  Response res{302, "", request_id};
  res.content_type = "text/plain; charset=utf-8";
  res.location = location;
  return res;
}

oauth::AuthorizeParams ParamsOf(const RouteArgs& a) {
  return oauth::AuthorizeParams{a.Query("client_id").value_or(""), a.Query("redirect_uri"),
                                a.Query("response_type").value_or(""), a.Query("owner").value_or(""), a.Query("state")};
}

Response AuthorizePageAnswer(OAuthArgs& a) {
  const oauth::AuthorizeParams params = ParamsOf(a.args);
  AuthorizePage page;
  Status shown = service::RunInTxn(a.store, a.state, storage::TxnMode::kRead, [&](service::Context& ctx) -> Status {
    LN_ASSIGN_OR_RETURN(oauth::AuthorizeTarget target, oauth::CheckAuthorize(ctx, params));
    LN_ASSIGN_OR_RETURN(page.pages, oauth::PickablePages(ctx));
    LN_ASSIGN_OR_RETURN(auto workspace_name, ctx.store().GetMeta("workspace_name"));
    page.integration_name = target.client.name;
    page.workspace_name = workspace_name.value_or("localnotion");
    page.capabilities = target.client.capabilities;
    page.params = params;
    return OkStatus();
  });
  if (!shown.ok()) return Html(400, AuthorizeErrorHtml(shown.error().message), a.request_id);
  return Html(200, AuthorizePageHtml(page), a.request_id);
}

Response AuthorizeFormAnswer(OAuthArgs& a) {
  const oauth::AuthorizeParams params = ParamsOf(a.args);
  std::string location;
  Status done = service::RunInTxn(a.store, a.state, storage::TxnMode::kWrite, [&](service::Context& ctx) -> Status {
    if (a.args.Query("action").value_or("") != "allow") {
      LN_ASSIGN_OR_RETURN(oauth::AuthorizeTarget target, oauth::CheckAuthorize(ctx, params));
      location = oauth::DenyUrl(target, params);
      return OkStatus();
    }
    LN_ASSIGN_OR_RETURN(location, oauth::Grant(ctx, params, a.args.QueryAll("page")));
    return OkStatus();
  });
  if (!done.ok()) return Html(400, AuthorizeErrorHtml(done.error().message), a.request_id);
  return Redirect(location, a.request_id);
}

// "Basic base64(client_id:client_secret)" (RFC 7617), as the SDK sends it.
std::optional<std::pair<std::string, std::string>> BasicCredentials(const std::optional<std::string>& header) {
  if (!header || header->rfind("Basic ", 0) != 0) return std::nullopt;
  std::string_view encoded = std::string_view(*header).substr(6);
  while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
  std::string decoded(boost::beast::detail::base64::decoded_size(encoded.size()), '\0');
  auto [written, read] = boost::beast::detail::base64::decode(decoded.data(), encoded.data(), encoded.size());
  if (read != encoded.size()) return std::nullopt;
  decoded.resize(written);
  const size_t colon = decoded.find(':');
  if (colon == std::string::npos) return std::nullopt;
  return std::make_pair(decoded.substr(0, colon), decoded.substr(colon + 1));
}

using TokenCall = Result<json::value> (*)(service::Context&, const oauth::Client&, const json::value&);

Response ClientCall(OAuthArgs& a, TokenCall call) {
  auto credentials = BasicCredentials(a.authorization);
  if (!credentials) {
    return OAuthErrorResponse(MakeError(ErrorCode::kInvalidClient, "Client authentication failed."), a.request_id);
  }
  json::value body = json::object{};
  if (!a.body.empty()) {
    auto parsed = ParseJson(a.body);
    if (!parsed) return OAuthErrorResponse(MakeError(ErrorCode::kInvalidRequest, "Invalid JSON body."), a.request_id);
    body = std::move(*parsed);
  }
  Result<json::value> answer =
      service::RunInTxn(a.store, a.state, storage::TxnMode::kWrite, [&](service::Context& ctx) -> Result<json::value> {
        LN_ASSIGN_OR_RETURN(oauth::Client client,
                            oauth::AuthenticateClient(ctx, credentials->first, credentials->second));
        return call(ctx, client, body);
      });
  if (!answer.ok()) return OAuthErrorResponse(answer.error(), a.request_id);
  answer->as_object()["request_id"] = a.request_id;
  return Response{200, SerializeJson(*answer), a.request_id};
}

}  // namespace

const std::vector<Route>& OAuthRoutes() {
  static const std::vector<Route> kTable = {
      {.method = "GET",
       .path = "/v1/oauth/authorize",
       .auth = Auth::kOAuth,
       .query = {"client_id", "redirect_uri", "response_type", "owner", "state"},
       .oauth = AuthorizePageAnswer},
      // The form's fields arrive as application/x-www-form-urlencoded and are read as
      // these query keys (`page` once per page picked).
      {.method = "POST",
       .path = "/v1/oauth/authorize",
       .auth = Auth::kOAuth,
       .query = {"client_id", "redirect_uri", "response_type", "owner", "state", "action", "page"},
       .form_body = true,
       .oauth = AuthorizeFormAnswer},
      {.method = "POST",
       .path = "/v1/oauth/token",
       .auth = Auth::kOAuth,
       .oauth = [](OAuthArgs& a) { return ClientCall(a, oauth::Token); }},
      {.method = "POST",
       .path = "/v1/oauth/introspect",
       .auth = Auth::kOAuth,
       .oauth = [](OAuthArgs& a) { return ClientCall(a, oauth::Introspect); }},
      {.method = "POST",
       .path = "/v1/oauth/revoke",
       .auth = Auth::kOAuth,
       .oauth = [](OAuthArgs& a) { return ClientCall(a, oauth::Revoke); }},
  };
  return kTable;
}

}  // namespace localnotion::http
