// The authorize step
// (https://developers.notion.com/guides/get-started/authorization#step-1-navigate-the-user-to-the-integrations-authorization-url):
// the parameters of the authorization URL are checked, the person picks the pages to
// share, and is sent back to the redirect URI with a temporary `code` (and `state`), or
// with `error=access_denied` on cancel. A code is good for one exchange within
// kCodeLifetimeMs.
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "api/rich_text.h"
#include "common/sha256.h"
#include "common/token.h"
#include "common/uuid.h"
#include "service/oauth/oauth.h"

namespace localnotion::service::oauth {
namespace {

constexpr Millis kCodeLifetimeMs = 10 * 60 * 1000;

std::string PercentEncode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Result<std::string> TitleOf(Context& ctx, const storage::PageRecord& page) {
  LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx.LoadRecord(page));
  for (const schema::PropertyDef& def : *loaded.schema) {
    if (def.type != "title") continue;
    const json::value* v = Find(page.properties, def.id);
    if (v != nullptr && v->is_array()) return api::PlainText(v->get_array());
  }
  return std::string();
}

}  // namespace

std::string AppendQuery(const std::string& url, const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out = url;
  char sep = url.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [k, v] : params) {
    out += sep + PercentEncode(k) + "=" + PercentEncode(v);
    sep = '&';
  }
  return out;
}

Result<AuthorizeTarget> CheckAuthorize(Context& ctx, const AuthorizeParams& p) {
  if (p.client_id.empty()) return MakeError(ErrorCode::kInvalidRequest, "Missing client_id.");
  auto found = FindClient(ctx, p.client_id);
  if (!found.ok()) return MakeError(ErrorCode::kInvalidClient, fmt::format("Unknown client_id: {}.", p.client_id));
  AuthorizeTarget target{std::move(*found), ""};
  if (p.redirect_uri) {
    bool registered = false;
    for (const std::string& uri : target.client.redirect_uris) registered = registered || uri == *p.redirect_uri;
    if (!registered) {
      return MakeError(
          ErrorCode::kInvalidRequest,
          fmt::format("The redirect_uri {} is not one of the integration's redirect URIs.", *p.redirect_uri));
    }
    target.redirect_uri = *p.redirect_uri;
  } else if (target.client.redirect_uris.size() == 1) {
    target.redirect_uri = target.client.redirect_uris.front();
  } else {
    return MakeError(ErrorCode::kInvalidRequest,
                     "Missing redirect_uri: the integration has more than one redirect URI.");
  }
  if (p.response_type != "code") {
    return MakeError(ErrorCode::kInvalidRequest, "Invalid response_type: use `code`.");
  }
  if (p.owner != "user") return MakeError(ErrorCode::kInvalidRequest, "Invalid owner: use `user`.");
  return target;
}

Result<std::vector<Pickable>> PickablePages(Context& ctx) {
  // The pages and databases under each parent (the workspace is ""), in creation order.
  std::map<std::string, std::vector<Pickable>> below;
  LN_ASSIGN_OR_RETURN(auto pages, ctx.store().ListAllPages());
  for (const storage::PageRecord& p : pages) {
    if ((p.parent_type != "workspace" && p.parent_type != "page_id") || p.in_trash) continue;
    LN_ASSIGN_OR_RETURN(std::string title, TitleOf(ctx, p));
    below[p.parent_type == "workspace" ? "" : p.parent_id].push_back(Pickable{p.id, "page", title});
  }
  LN_ASSIGN_OR_RETURN(auto databases, ctx.store().ListAllDatabases());
  for (const auto& db : databases) {
    if ((db->parent_type != "workspace" && db->parent_type != "page_id") || db->in_trash) continue;
    below[db->parent_type == "workspace" ? "" : db->parent_id].push_back(
        Pickable{db->id, "database", api::PlainText(db->title)});
  }
  // Depth first from the workspace; a page under a trashed page is not reached.
  std::vector<Pickable> out;
  std::set<std::string> seen;
  std::function<void(const std::string&, int)> walk = [&](const std::string& parent, int depth) {
    auto it = below.find(parent);
    if (it == below.end()) return;
    for (Pickable& p : it->second) {
      if (!seen.insert(p.id).second) continue;
      p.depth = depth;
      const std::string id = p.id;
      out.push_back(std::move(p));
      if (depth < 32) walk(id, depth + 1);
    }
  };
  walk("", 0);
  return out;
}

Result<std::string> Grant(Context& ctx, const AuthorizeParams& params, const std::vector<std::string>& object_ids) {
  LN_ASSIGN_OR_RETURN(AuthorizeTarget target, CheckAuthorize(ctx, params));
  std::vector<std::string> shares;
  for (const std::string& raw : object_ids) {
    auto id = NormalizeUuid(raw);
    std::optional<storage::PageRecord> page;
    DatabasePtr db;
    if (id) {
      LN_ASSIGN_OR_RETURN(page, ctx.store().GetPage(*id));
      if (!page) {
        LN_ASSIGN_OR_RETURN(db, ctx.store().GetDatabase(*id));
      }
    }
    if (!page && !db) return ValidationError(fmt::format("Could not find page or database with ID: {}.", raw));
    shares.push_back(*id);
  }
  // The installation: an integration of its own, with the client's capabilities.
  LN_ASSIGN_OR_RETURN(auto owner, ctx.store().GetMeta("owner_user_id"));
  storage::IntegrationRecord installation{NewUuid(), target.client.name,         Sha256Hex(NewIntegrationToken()),
                                          NewUuid(), target.client.capabilities, NowMillis()};
  storage::UserRecord bot{installation.bot_user_id, "bot", target.client.name, std::nullopt, std::nullopt,
                          installation.id};
  LN_RETURN_IF_ERROR(ctx.store().PutUser(bot));
  LN_RETURN_IF_ERROR(ctx.store().PutIntegration(installation));
  for (const std::string& id : shares) LN_RETURN_IF_ERROR(ctx.store().PutShare(installation.id, id));

  const std::string code = NewUuid();
  LN_RETURN_IF_ERROR(WriteMetaObject(
      ctx, "oauth_code:" + Sha256Hex(code),
      json::object{{"client_id", target.client.id},
                   {"installation_id", installation.id},
                   {"redirect_uri", params.redirect_uri ? json::value(*params.redirect_uri) : json::value(nullptr)},
                   {"owner_user_id", owner.value_or("")},
                   {"expires", NowMillis() + kCodeLifetimeMs}}));
  std::vector<std::pair<std::string, std::string>> query{{"code", code}};
  if (params.state) query.emplace_back("state", *params.state);
  return AppendQuery(target.redirect_uri, query);
}

std::string DenyUrl(const AuthorizeTarget& target, const AuthorizeParams& params) {
  return AppendQuery(target.redirect_uri, {{"error", "access_denied"}, {"state", params.state.value_or("")}});
}

}  // namespace localnotion::service::oauth
