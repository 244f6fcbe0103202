// POST /v1/oauth/token, /v1/oauth/introspect and /v1/oauth/revoke
// (https://developers.notion.com/reference/create-a-token, .../refresh-a-token,
// .../introspect-token, .../revoke-token). The client is authenticated by http/ (HTTP
// Basic) before these run.
//
// redirect_uri on an authorization_code exchange follows Notion's rule: required when
// the authorization URL had one or the client has more than one redirect URI, and then
// equal to the one the code was given for; not allowed when the client has exactly one
// and the authorization URL had none. Exchanging a code, or a refresh token, gives a new
// access token and a new refresh token; the old ones stop working.
#include <fmt/format.h>

#include "common/sha256.h"
#include "common/token.h"
#include "service/oauth/oauth.h"

namespace localnotion::service::oauth {
namespace {

std::string InstallationKey(const std::string& id) { return "oauth_installation:" + id; }

Error Invalid(std::string message) { return MakeError(ErrorCode::kInvalidRequest, std::move(message)); }
Error BadGrant(std::string message) { return MakeError(ErrorCode::kInvalidGrant, std::move(message)); }

// A string field of the body; absent is nullopt, another type invalid_request.
Result<std::optional<std::string>> Text(const json::object& body, const char* key) {
  const json::value* v = Find(body, key);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return Invalid(fmt::format("Invalid {}: should be a string.", key));
  return std::optional<std::string>(std::string(v->get_string()));
}

std::string Field(const json::object& o, const char* key) {
  const json::value* v = Find(o, key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// New tokens for the installation; the response of a token exchange.
Result<json::value> Issue(Context& ctx, const Client& client, const std::string& installation_id,
                          const std::string& owner_user_id) {
  LN_ASSIGN_OR_RETURN(auto integrations, ctx.store().ListIntegrations());
  std::optional<storage::IntegrationRecord> installation;
  for (auto& i : integrations) {
    if (i.id == installation_id) installation = std::move(i);
  }
  if (!installation) return BadGrant("Invalid grant: the authorization was revoked.");
  const std::string access = NewIntegrationToken();
  const std::string refresh = "nrt_" + NewIntegrationToken().substr(4);
  installation->secret_hash = Sha256Hex(access);
  LN_RETURN_IF_ERROR(ctx.store().PutIntegration(*installation));
  LN_ASSIGN_OR_RETURN(auto previous, ReadMetaObject(ctx, InstallationKey(installation->id)));
  if (previous) LN_RETURN_IF_ERROR(ctx.store().PutMeta("oauth_refresh:" + Field(*previous, "refresh_sha256"), ""));
  const Millis now = NowMillis();
  LN_RETURN_IF_ERROR(WriteMetaObject(ctx, InstallationKey(installation->id),
                                     json::object{{"client_id", client.id},
                                                  {"refresh_sha256", Sha256Hex(refresh)},
                                                  {"owner_user_id", owner_user_id},
                                                  {"iat", now / 1000}}));
  LN_RETURN_IF_ERROR(ctx.store().PutMeta("oauth_refresh:" + Sha256Hex(refresh), installation->id));

  json::value owner = json::object{{"type", "workspace"}, {"workspace", true}};
  if (!owner_user_id.empty()) {
    LN_ASSIGN_OR_RETURN(auto user, ctx.store().GetUser(owner_user_id));
    if (user) {
      json::value rendered = api::RenderUser(ToUserView(*user));
      json::object& u = rendered.as_object();
      // The owner's person object always has an email (the 2026-03-11 OpenAPI requires it).
      if (json::value* person = u.if_contains("person"); person && person->is_object()) {
        if (!person->as_object().contains("email")) person->as_object()["email"] = user->email.value_or("");
      }
      owner = json::object{{"type", "user"}, {"user", std::move(rendered)}};
    }
  }
  LN_ASSIGN_OR_RETURN(auto workspace_id, ctx.store().GetMeta("workspace_id"));
  LN_ASSIGN_OR_RETURN(auto workspace_name, ctx.store().GetMeta("workspace_name"));
  json::object out;
  out["access_token"] = access;
  out["token_type"] = "bearer";
  out["refresh_token"] = refresh;
  out["bot_id"] = installation->bot_user_id;
  out["workspace_icon"] = nullptr;
  out["workspace_name"] = workspace_name ? json::value(*workspace_name) : json::value(nullptr);
  out["workspace_id"] = workspace_id.value_or("");
  out["owner"] = std::move(owner);
  out["duplicated_template_id"] = nullptr;
  return json::value(std::move(out));
}

// The installation a token belongs to (an access token or a refresh token), if it is one
// of `client`'s.
Result<std::optional<std::pair<storage::IntegrationRecord, json::object>>> InstallationOf(Context& ctx,
                                                                                          const Client& client,
                                                                                          const std::string& token) {
  using Found = std::optional<std::pair<storage::IntegrationRecord, json::object>>;
  std::optional<storage::IntegrationRecord> integration;
  LN_ASSIGN_OR_RETURN(auto by_access, ctx.store().FindIntegrationBySecretHash(Sha256Hex(token)));
  if (by_access) {
    integration = std::move(*by_access);
  } else {
    LN_ASSIGN_OR_RETURN(auto id, ctx.store().GetMeta("oauth_refresh:" + Sha256Hex(token)));
    if (id && !id->empty()) {
      LN_ASSIGN_OR_RETURN(auto all, ctx.store().ListIntegrations());
      for (auto& i : all) {
        if (i.id == *id) integration = std::move(i);
      }
    }
  }
  if (!integration) return Found();
  LN_ASSIGN_OR_RETURN(auto meta, ReadMetaObject(ctx, InstallationKey(integration->id)));
  if (!meta || Field(*meta, "client_id") != client.id) return Found();
  return Found(std::make_pair(std::move(*integration), std::move(*meta)));
}

Result<std::string> RequiredToken(const json::value& body) {
  if (!body.is_object()) return Invalid("Invalid request body.");
  LN_ASSIGN_OR_RETURN(auto token, Text(body.get_object(), "token"));
  if (!token) return Invalid("Missing token.");
  return *token;
}

}  // namespace

Result<json::value> Token(Context& ctx, const Client& client, const json::value& body) {
  if (!body.is_object()) return Invalid("Invalid request body.");
  const json::object& b = body.get_object();
  LN_ASSIGN_OR_RETURN(auto grant_type, Text(b, "grant_type"));
  if (!grant_type) return Invalid("Missing grant_type.");
  if (*grant_type == "refresh_token") {
    LN_ASSIGN_OR_RETURN(auto refresh, Text(b, "refresh_token"));
    if (!refresh) return Invalid("Missing refresh_token.");
    LN_ASSIGN_OR_RETURN(auto id, ctx.store().GetMeta("oauth_refresh:" + Sha256Hex(*refresh)));
    if (!id || id->empty()) return BadGrant("Invalid refresh_token.");
    LN_ASSIGN_OR_RETURN(auto meta, ReadMetaObject(ctx, InstallationKey(*id)));
    if (!meta || Field(*meta, "client_id") != client.id) return BadGrant("Invalid refresh_token.");
    return Issue(ctx, client, *id, Field(*meta, "owner_user_id"));
  }
  if (*grant_type != "authorization_code") {
    return MakeError(ErrorCode::kUnsupportedGrantType,
                     fmt::format("Unsupported grant_type: {}. Use authorization_code or refresh_token.", *grant_type));
  }
  LN_ASSIGN_OR_RETURN(auto code, Text(b, "code"));
  if (!code) return Invalid("Missing code.");
  LN_ASSIGN_OR_RETURN(auto redirect_uri, Text(b, "redirect_uri"));
  const std::string key = "oauth_code:" + Sha256Hex(*code);
  LN_ASSIGN_OR_RETURN(auto grant, ReadMetaObject(ctx, key));
  if (!grant) return BadGrant("Invalid code: this code does not exist.");
  if (Find(*grant, "used") != nullptr) return BadGrant("Invalid code: this code has been revoked.");
  if (Field(*grant, "client_id") != client.id) return BadGrant("Invalid code: this code was issued to another client.");
  const json::value* expires = Find(*grant, "expires");
  if (expires == nullptr || !expires->is_int64() || expires->get_int64() <= NowMillis()) {
    return BadGrant("Invalid code: this code has expired.");
  }
  const std::string authorized_uri = Field(*grant, "redirect_uri");
  const bool required = !authorized_uri.empty() || client.redirect_uris.size() > 1;
  if (required && !redirect_uri) return Invalid("Missing redirect_uri.");
  if (!required && redirect_uri) {
    return Invalid(
        "redirect_uri is not allowed: the integration has one redirect URI and the authorization URL had none.");
  }
  if (redirect_uri) {
    const std::string& expected = authorized_uri.empty() ? client.redirect_uris.front() : authorized_uri;
    if (*redirect_uri != expected) {
      return BadGrant("Invalid redirect_uri: it does not match the one of the authorization request.");
    }
  }
  // A code is good once.
  json::object used = *grant;
  used["used"] = true;
  LN_RETURN_IF_ERROR(WriteMetaObject(ctx, key, used));
  return Issue(ctx, client, Field(*grant, "installation_id"), Field(*grant, "owner_user_id"));
}

Result<json::value> Introspect(Context& ctx, const Client& client, const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string token, RequiredToken(body));
  LN_ASSIGN_OR_RETURN(auto found, InstallationOf(ctx, client, token));
  if (!found) return json::value(json::object{{"active", false}});
  // The scope lists the capabilities the token acts with, by their names in Notion's
  // capabilities reference (https://developers.notion.com/reference/capabilities).
  auto caps = ParseCapabilities(found->first.capabilities);
  std::string scope;
  if (caps.ok()) {
    auto add = [&](bool on, const char* name) {
      if (on) scope += (scope.empty() ? "" : " ") + std::string(name);
    };
    add(caps->read_content, "read_content");
    add(caps->update_content, "update_content");
    add(caps->insert_content, "insert_content");
    add(caps->read_comments, "read_comments");
    add(caps->insert_comments, "insert_comments");
    add(caps->user_info == UserInfo::kWithoutEmail, "read_user_without_email");
    add(caps->user_info == UserInfo::kWithEmail, "read_user_with_email");
  }
  const json::value* iat = Find(found->second, "iat");
  return json::value(json::object{
      {"active", true}, {"scope", scope}, {"iat", iat ? *iat : json::value(found->first.created_time / 1000)}});
}

Result<json::value> Revoke(Context& ctx, const Client& client, const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string token, RequiredToken(body));
  LN_ASSIGN_OR_RETURN(auto found, InstallationOf(ctx, client, token));
  // Revoking a token that is not (or no longer) valid succeeds, as RFC 7009 §2.2 asks.
  if (found) {
    LN_RETURN_IF_ERROR(ctx.store().PutMeta("oauth_refresh:" + Field(found->second, "refresh_sha256"), ""));
    LN_RETURN_IF_ERROR(ctx.store().PutMeta(InstallationKey(found->first.id), ""));
    LN_RETURN_IF_ERROR(ctx.store().DeleteIntegration(found->first.id));
  }
  return json::value(json::object{});
}

}  // namespace localnotion::service::oauth
