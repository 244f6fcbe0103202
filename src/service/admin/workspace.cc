// The workspace: bootstrap at start, reset (admin API) and the admin API's token.
#include <algorithm>

#include <random>

#include <fmt/format.h>

#include "common/sha256.h"
#include "common/token.h"
#include "common/uuid.h"
#include "service/admin/admin.h"
#include "service/core/capabilities.h"

namespace localnotion::service::admin {

Result<std::string> AdminToken(Context& ctx, const std::string& given) {
  if (!given.empty()) {
    LN_RETURN_IF_ERROR(ctx.store().PutMeta("admin_token", given));
    return given;
  }
  LN_ASSIGN_OR_RETURN(auto stored, ctx.store().GetMeta("admin_token"));
  if (stored) return *stored;
  std::string token = "admin_" + NewIntegrationToken().substr(4);
  LN_RETURN_IF_ERROR(ctx.store().PutMeta("admin_token", token));
  return token;
}

Status Reset(Context& ctx, bool keep_integrations) {
  // A workspace created through the admin API keeps the token it was created with, as
  // the default workspace keeps its --token ones (docs/workspaces.md).
  std::optional<std::string> first_token;
  if (ctx.state().workspace) {
    LN_ASSIGN_OR_RETURN(first_token, ctx.store().GetMeta("default_token"));
  }
  LN_RETURN_IF_ERROR(ctx.store().Reset(keep_integrations));
  if (first_token) LN_RETURN_IF_ERROR(ctx.store().PutMeta("default_token", *first_token));
  ctx.state().schemas.Clear();
  ctx.state().snapshots.Clear();
  LN_RETURN_IF_ERROR(Bootstrap(ctx, ctx.state().tokens()));
  return OkStatus();
}

namespace {

// A new user id that no stored user has. A fixture may hold any id, also the next one a
// deterministic run (serve --deterministic) generates, which must not replace its user.
Result<std::string> FreshUserId(Context& ctx) {
  while (true) {
    std::string id = NewUuid();
    LN_ASSIGN_OR_RETURN(auto taken, ctx.store().GetUser(id));
    if (!taken) return id;
  }
}

}  // namespace

Result<std::vector<std::string>> Bootstrap(Context& ctx, const std::vector<std::string>& tokens) {
  ctx.state().set_tokens(tokens);
  LN_ASSIGN_OR_RETURN(auto workspace_id, ctx.store().GetMeta("workspace_id"));
  const std::optional<WorkspaceIdentity>& identity = ctx.state().workspace;
  if (identity && workspace_id && *workspace_id != identity->id) {
    // A fixture seeded into a created workspace names its own workspace; the catalog's
    // id and name stay (users/me, webhook events and exports show them).
    LN_RETURN_IF_ERROR(ctx.store().PutMeta("workspace_id", identity->id));
    LN_RETURN_IF_ERROR(ctx.store().PutMeta("workspace_name", identity->name));
  }
  if (!workspace_id) {
    LN_RETURN_IF_ERROR(ctx.store().PutMeta("workspace_id", identity ? identity->id : NewUuid()));
    LN_RETURN_IF_ERROR(ctx.store().PutMeta("workspace_name", identity ? identity->name : "localnotion"));
    storage::UserRecord owner{
        NewUuid(), "person", "Workspace Owner", std::nullopt, std::string("owner@localnotion.local"), ""};
    LN_RETURN_IF_ERROR(ctx.store().PutUser(owner));
    LN_RETURN_IF_ERROR(ctx.store().PutMeta("owner_user_id", owner.id));
  }
  // Made here, in a write, since hosted file links are signed in reads too.
  LN_RETURN_IF_ERROR(ctx.FileUrlSecret());
  std::vector<std::string> wanted = tokens;
  if (wanted.empty()) {
    LN_ASSIGN_OR_RETURN(auto stored, ctx.store().GetMeta("default_token"));
    if (!stored) {
      stored = NewIntegrationToken();
      LN_RETURN_IF_ERROR(ctx.store().PutMeta("default_token", *stored));
    }
    wanted.push_back(*stored);
  }
  for (const std::string& token : wanted) {
    LN_ASSIGN_OR_RETURN(auto existing, ctx.store().FindIntegrationBySecretHash(Sha256Hex(token)));
    // The integrations of the tokens see the whole workspace (also in stores made before
    // shares existed).
    if (existing) {
      LN_RETURN_IF_ERROR(ctx.store().PutShare(existing->id, storage::kWholeWorkspace));
      continue;
    }
    LN_ASSIGN_OR_RETURN(auto all, ctx.store().ListIntegrations());
    std::string name = all.empty() ? "localnotion" : fmt::format("localnotion {}", all.size() + 1);
    std::string integration_id = NewUuid();
    while (std::any_of(all.begin(), all.end(), [&](const auto& in) { return in.id == integration_id; })) {
      integration_id = NewUuid();
    }
    LN_ASSIGN_OR_RETURN(std::string bot_id, FreshUserId(ctx));
    storage::IntegrationRecord integration{
        integration_id, name, Sha256Hex(token), bot_id, std::string(kAllCapabilityNames), NowMillis()};
    storage::UserRecord bot{integration.bot_user_id, "bot", name, std::nullopt, std::nullopt, integration.id};
    LN_RETURN_IF_ERROR(ctx.store().PutUser(bot));
    LN_RETURN_IF_ERROR(ctx.store().PutIntegration(integration));
    LN_RETURN_IF_ERROR(ctx.store().PutShare(integration.id, storage::kWholeWorkspace));
  }
  return wanted;
}

}  // namespace localnotion::service::admin
