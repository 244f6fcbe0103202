// Public integrations and Notion's OAuth flow
// (https://developers.notion.com/guides/get-started/authorization;
// https://developers.notion.com/reference/create-a-token, .../refresh-a-token,
// .../introspect-token, .../revoke-token; the SDK's src/api-endpoints/oauth.ts):
//   public integrations (OAuth clients): client_id, client_secret, redirect URIs,
//     capabilities; made through the admin API and the CLI                  (clients.cc)
//   authorize: a person picks pages, which gives an installation and a code  (authorize.cc)
//   POST /v1/oauth/token (authorization_code, refresh_token),
//   POST /v1/oauth/introspect, POST /v1/oauth/revoke                       (tokens.cc)
//
// An installation is an integration of its own (storage::IntegrationRecord with its bot
// user, named after the client, with the client's capabilities), shared exactly with the
// pages the person picked: its access token then sees those pages and what is below
// them, through the same access checks as any integration's token. Its bot user id is
// the `bot_id` of the token response. Clients, codes and refresh tokens are kept in the
// store's meta values (only SHA-256 digests of secrets, codes and tokens).
//
// Errors use the OAuth codes of the closed ErrorCode set (kInvalidRequest,
// kInvalidGrant, kInvalidClient, kUnauthorizedClient, kUnsupportedGrantType), which
// http/ shows in the RFC 6749 shape; docs/oauth.md and docs/compat.md ("OAuth") hold the
// texts chosen.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "service/core/context.h"

namespace localnotion::service::oauth {

struct Client {
  std::string id;  // the client_id, a UUID
  std::string name;
  std::string secret_sha256;
  std::vector<std::string> redirect_uris;
  std::string capabilities;  // core/capabilities.h
  Millis created_time = 0;
};

// ---- clients.cc ----
struct NewClient {
  Client client;
  std::string secret;  // shown once
};
Result<NewClient> CreateClient(Context& ctx, std::string_view name, std::string_view capabilities,
                               const std::vector<std::string>& redirect_uris);
Result<std::vector<Client>> ListClients(Context& ctx);
// kObjectNotFound "Could not find OAuth client: <id>." when unknown.
Result<Client> FindClient(Context& ctx, std::string_view client_id);
Status DeleteClient(Context& ctx, std::string_view client_id);
// {object:"oauth_client", client_id, name, capabilities, redirect_uris, created_time}
json::value DescribeClient(const Client& client);
// The client whose id and secret these are; kInvalidClient otherwise.
Result<Client> AuthenticateClient(Context& ctx, std::string_view client_id, std::string_view secret);

// ---- authorize.cc ----
// The parameters of GET /v1/oauth/authorize (and of the page's form).
struct AuthorizeParams {
  std::string client_id;
  std::optional<std::string> redirect_uri;
  std::string response_type;
  std::string owner;
  std::optional<std::string> state;
};

// What the authorize step works with once its parameters are checked.
struct AuthorizeTarget {
  Client client;
  std::string redirect_uri;  // where to send the person back
};

// Checks the client and the redirect URI, which must be one the client registered (or
// left out when it registered exactly one). These errors are shown to the person, never
// sent to a redirect URI. `response_type` must be "code" and `owner` "user".
Result<AuthorizeTarget> CheckAuthorize(Context& ctx, const AuthorizeParams& params);

// A page the person may pick: the workspace's pages and databases that are not rows of a
// database, depth first (each one after its parent, in creation order), as Notion's
// picker lets a person search every page they have full access to.
struct Pickable {
  std::string id;
  std::string kind;  // "page" or "database"
  std::string title;
  int depth = 0;  // 0 for a top-level one, its parent's + 1 below a page
};
Result<std::vector<Pickable>> PickablePages(Context& ctx);

// The person allowed access to `object_ids` (pages or databases): makes the
// installation, shares them with it, and returns the redirect URL with `code` and
// `state`. An unknown id is kValidationError.
Result<std::string> Grant(Context& ctx, const AuthorizeParams& params, const std::vector<std::string>& object_ids);
// The redirect URL of a refusal: `error=access_denied` and `state`.
std::string DenyUrl(const AuthorizeTarget& target, const AuthorizeParams& params);

// ---- tokens.cc ----
Result<json::value> Token(Context& ctx, const Client& client, const json::value& body);
Result<json::value> Introspect(Context& ctx, const Client& client, const json::value& body);
Result<json::value> Revoke(Context& ctx, const Client& client, const json::value& body);

// ---- Inside oauth/ ----
// Meta keys: "oauth_client:<id>", "oauth_clients" (the ids, in creation order),
// "oauth_code:<sha256>", "oauth_refresh:<sha256>", "oauth_installation:<integration id>".
Result<std::optional<json::object>> ReadMetaObject(Context& ctx, const std::string& key);
Status WriteMetaObject(Context& ctx, const std::string& key, const json::object& value);
// "a=b&c=d" query text with percent-encoding, appended to `url` with '?' or '&'.
std::string AppendQuery(const std::string& url, const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace localnotion::service::oauth
