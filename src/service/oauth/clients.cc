// Public integrations (OAuth clients): made by the admin API and the CLI, never by
// Notion's API. The secret is shown once; only its SHA-256 is kept.
#include <fmt/format.h>

#include "common/sha256.h"
#include "common/token.h"
#include "common/uuid.h"
#include "service/oauth/oauth.h"

namespace localnotion::service::oauth {
namespace {

constexpr const char* kClientIndex = "oauth_clients";

std::string ClientKey(std::string_view id) { return "oauth_client:" + std::string(id); }

Client ClientOf(const json::object& o) {
  Client c;
  auto text = [&](const char* key) {
    const json::value* v = Find(o, key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  c.id = text("client_id");
  c.name = text("name");
  c.secret_sha256 = text("secret_sha256");
  c.capabilities = text("capabilities");
  if (const json::value* uris = Find(o, "redirect_uris"); uris && uris->is_array()) {
    for (const json::value& u : uris->get_array()) {
      if (u.is_string()) c.redirect_uris.emplace_back(u.get_string());
    }
  }
  if (const json::value* t = Find(o, "created_time"); t && t->is_int64()) c.created_time = t->get_int64();
  return c;
}

json::array Strings(const std::vector<std::string>& values) {
  json::array out;
  for (const std::string& v : values) out.emplace_back(v);
  return out;
}

Result<std::vector<std::string>> ClientIds(Context& ctx) {
  std::vector<std::string> ids;
  LN_ASSIGN_OR_RETURN(auto index, ctx.store().GetMeta(kClientIndex));
  if (!index || index->empty()) return ids;
  auto parsed = ParseJson(*index);
  if (!parsed || !parsed->is_array()) return InternalError("corrupt OAuth client index");
  for (const json::value& id : parsed->get_array()) {
    if (id.is_string()) ids.emplace_back(id.get_string());
  }
  return ids;
}

}  // namespace

Result<std::optional<json::object>> ReadMetaObject(Context& ctx, const std::string& key) {
  LN_ASSIGN_OR_RETURN(auto text, ctx.store().GetMeta(key));
  if (!text || text->empty()) return std::optional<json::object>();
  auto parsed = ParseJson(*text);
  if (!parsed || !parsed->is_object()) return InternalError("corrupt meta value " + key);
  return std::optional<json::object>(std::move(parsed->get_object()));
}

Status WriteMetaObject(Context& ctx, const std::string& key, const json::object& value) {
  return ctx.store().PutMeta(key, value.empty() ? std::string() : SerializeJson(json::value(value)));
}

Result<NewClient> CreateClient(Context& ctx, std::string_view name, std::string_view capabilities,
                               const std::vector<std::string>& redirect_uris) {
  if (name.empty()) return ValidationError("A public integration needs a name.");
  if (redirect_uris.empty()) return ValidationError("A public integration needs at least one redirect URI.");
  for (const std::string& uri : redirect_uris) {
    if (uri.rfind("http://", 0) != 0 && uri.rfind("https://", 0) != 0) {
      return ValidationError(fmt::format("The redirect URI \"{}\" is not an http or https URL.", uri));
    }
  }
  LN_ASSIGN_OR_RETURN(Capabilities caps, ParseCapabilities(capabilities));
  NewClient out;
  out.secret = "secret_" + NewIntegrationToken().substr(4);
  out.client =
      Client{NewUuid(), std::string(name), Sha256Hex(out.secret), redirect_uris, FormatCapabilities(caps), NowMillis()};
  LN_RETURN_IF_ERROR(WriteMetaObject(ctx, ClientKey(out.client.id),
                                     json::object{{"client_id", out.client.id},
                                                  {"name", out.client.name},
                                                  {"secret_sha256", out.client.secret_sha256},
                                                  {"redirect_uris", Strings(redirect_uris)},
                                                  {"capabilities", out.client.capabilities},
                                                  {"created_time", out.client.created_time}}));
  LN_ASSIGN_OR_RETURN(auto ids, ClientIds(ctx));
  ids.push_back(out.client.id);
  LN_RETURN_IF_ERROR(ctx.store().PutMeta(kClientIndex, SerializeJson(json::value(Strings(ids)))));
  return out;
}

Result<std::vector<Client>> ListClients(Context& ctx) {
  std::vector<Client> out;
  LN_ASSIGN_OR_RETURN(auto ids, ClientIds(ctx));
  for (const std::string& id : ids) {
    LN_ASSIGN_OR_RETURN(auto o, ReadMetaObject(ctx, ClientKey(id)));
    if (o) out.push_back(ClientOf(*o));
  }
  return out;
}

Result<Client> FindClient(Context& ctx, std::string_view client_id) {
  auto id = NormalizeUuid(client_id);
  std::optional<json::object> o;
  if (id) {
    LN_ASSIGN_OR_RETURN(o, ReadMetaObject(ctx, ClientKey(*id)));
  }
  if (!o) return MakeError(ErrorCode::kObjectNotFound, fmt::format("Could not find OAuth client: {}.", client_id));
  return ClientOf(*o);
}

Status DeleteClient(Context& ctx, std::string_view client_id) {
  LN_ASSIGN_OR_RETURN(Client client, FindClient(ctx, client_id));
  LN_RETURN_IF_ERROR(ctx.store().PutMeta(ClientKey(client.id), ""));
  LN_ASSIGN_OR_RETURN(auto ids, ClientIds(ctx));
  std::erase(ids, client.id);
  return ctx.store().PutMeta(kClientIndex, SerializeJson(json::value(Strings(ids))));
}

json::value DescribeClient(const Client& c) {
  return json::object{{"object", "oauth_client"},
                      {"client_id", c.id},
                      {"name", c.name},
                      {"capabilities", c.capabilities},
                      {"redirect_uris", Strings(c.redirect_uris)},
                      {"created_time", FormatIso8601(c.created_time)}};
}

Result<Client> AuthenticateClient(Context& ctx, std::string_view client_id, std::string_view secret) {
  auto id = NormalizeUuid(client_id);
  std::optional<json::object> o;
  if (id) {
    LN_ASSIGN_OR_RETURN(o, ReadMetaObject(ctx, ClientKey(*id)));
  }
  if (!o || ClientOf(*o).secret_sha256 != Sha256Hex(secret)) {
    // RFC 6749 §5.2: client authentication failed (https://datatracker.ietf.org/doc/html/rfc6749#section-5.2).
    return MakeError(ErrorCode::kInvalidClient, "Client authentication failed.");
  }
  return ClientOf(*o);
}

}  // namespace localnotion::service::oauth
