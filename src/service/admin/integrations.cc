// Integrations and their shares, for the admin API and the CLI (not Notion endpoints).
// Tokens are shown once, at creation; the store keeps their SHA-256 only.
#include <random>

#include <fmt/format.h>

#include "api/lists.h"
#include "common/sha256.h"
#include "common/uuid.h"
#include "common/token.h"
#include "service/admin/admin.h"

namespace localnotion::service::admin {
namespace {

Error NoSuchIntegration(std::string_view name_or_id) {
  return MakeError(ErrorCode::kObjectNotFound, fmt::format("Could not find integration: {}.", name_or_id));
}

}  // namespace

Result<NewIntegration> CreateIntegration(Context& ctx, std::string_view name, std::string_view capabilities) {
  if (name.empty()) return ValidationError("An integration needs a name.");
  LN_ASSIGN_OR_RETURN(Capabilities caps, ParseCapabilities(capabilities));
  LN_ASSIGN_OR_RETURN(auto all, ctx.store().ListIntegrations());
  for (const auto& i : all) {
    if (i.name == name) return ValidationError(fmt::format("An integration named \"{}\" already exists.", name));
  }
  NewIntegration out;
  out.token = NewIntegrationToken();
  out.integration = storage::IntegrationRecord{NewUuid(), std::string(name), Sha256Hex(out.token), NewUuid(),
                                               FormatCapabilities(caps), NowMillis()};
  storage::UserRecord bot{out.integration.bot_user_id, "bot", std::string(name), std::nullopt, std::nullopt,
                          out.integration.id};
  LN_RETURN_IF_ERROR(ctx.store().PutUser(bot));
  LN_RETURN_IF_ERROR(ctx.store().PutIntegration(out.integration));
  return out;
}

Result<storage::IntegrationRecord> FindIntegration(Context& ctx, std::string_view name_or_id) {
  LN_ASSIGN_OR_RETURN(auto all, ctx.store().ListIntegrations());
  auto id = NormalizeUuid(name_or_id);
  for (auto& i : all) {
    if ((id && i.id == *id) || i.name == name_or_id) return std::move(i);
  }
  return NoSuchIntegration(name_or_id);
}

Result<json::value> DescribeIntegration(Context& ctx, const storage::IntegrationRecord& integration) {
  LN_ASSIGN_OR_RETURN(auto shares, ctx.store().ListShares(integration.id));
  json::array shared;
  for (auto& s : shares) shared.push_back(json::value(s));
  return json::value(json::object{{"object", "integration"},
                                  {"id", integration.id},
                                  {"name", integration.name},
                                  {"capabilities", integration.capabilities},
                                  {"bot_user_id", integration.bot_user_id},
                                  {"shares", std::move(shared)},
                                  {"created_time", FormatIso8601(integration.created_time)}});
}

Result<json::value> ListIntegrations(Context& ctx) {
  LN_ASSIGN_OR_RETURN(auto all, ctx.store().ListIntegrations());
  json::array results;
  for (const auto& i : all) {
    LN_ASSIGN_OR_RETURN(json::value described, DescribeIntegration(ctx, i));
    results.push_back(std::move(described));
  }
  return json::value(api::RenderResultsList(std::move(results)));
}

Status DeleteIntegration(Context& ctx, std::string_view name_or_id) {
  LN_ASSIGN_OR_RETURN(auto integration, FindIntegration(ctx, name_or_id));
  return ctx.store().DeleteIntegration(integration.id);
}

Result<storage::IntegrationRecord> SetCapabilities(Context& ctx, std::string_view name_or_id,
                                                   std::string_view capabilities) {
  LN_ASSIGN_OR_RETURN(auto integration, FindIntegration(ctx, name_or_id));
  LN_ASSIGN_OR_RETURN(Capabilities caps, ParseCapabilities(capabilities));
  integration.capabilities = FormatCapabilities(caps);
  LN_RETURN_IF_ERROR(ctx.store().PutIntegration(integration));
  return integration;
}

Status Share(Context& ctx, std::string_view name_or_id, std::string_view object_id) {
  LN_ASSIGN_OR_RETURN(auto integration, FindIntegration(ctx, name_or_id));
  if (object_id == storage::kWholeWorkspace) return ctx.store().PutShare(integration.id, storage::kWholeWorkspace);
  auto id = NormalizeUuid(object_id);
  if (!id) {
    json::value shown = json::string(object_id);
    return ValidationError(fmt::format("object_id should be a valid uuid or \"workspace\", instead was `{}`.",
                                       SerializeJson(shown)));
  }
  LN_ASSIGN_OR_RETURN(auto page, ctx.store().GetPage(*id));
  LN_ASSIGN_OR_RETURN(auto db, ctx.store().GetDatabase(*id));
  LN_ASSIGN_OR_RETURN(auto source, ctx.store().GetDataSource(*id));
  if (!page && !db && !source) {
    return MakeError(ErrorCode::kObjectNotFound, fmt::format("Could not find page or database with ID: {}.", *id));
  }
  return ctx.store().PutShare(integration.id, *id);
}

Status Unshare(Context& ctx, std::string_view name_or_id, std::string_view object_id) {
  LN_ASSIGN_OR_RETURN(auto integration, FindIntegration(ctx, name_or_id));
  if (object_id == storage::kWholeWorkspace) return ctx.store().DeleteShare(integration.id, storage::kWholeWorkspace);
  auto id = NormalizeUuid(object_id);
  return ctx.store().DeleteShare(integration.id, id ? *id : std::string(object_id));
}

}  // namespace localnotion::service::admin
