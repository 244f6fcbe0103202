// The workspace itself, for the admin API (/_localnotion/...) and the CLI; not Notion
// endpoints:
//   bootstrap, reset and the admin token                 (workspace.cc)
//   integrations, their capabilities and shares          (integrations.cc)
//   fixtures: seed and export (docs/fixtures.md)         (fixtures_import.cc, fixtures_values.cc, fixtures_export.cc)
//
// Errors: an unknown integration gives kObjectNotFound "Could not find integration:
// X."; a bad name, capability list or object id gives kValidationError; a bad fixture
// gives kValidationError naming the path in the fixture ("body.pages[2].id ..."). They
// may touch everything in the store: SeedFixture and Reset replace the workspace.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "service/core/context.h"

namespace localnotion::service::admin {

// Creates the workspace on first start (owner user), makes sure an integration exists
// for each token, and with no token at all creates (or finds again) a default one.
// Returns the tokens the server accepts for the console, in the order given.
Result<std::vector<std::string>> Bootstrap(Context& ctx, const std::vector<std::string>& tokens);

// The admin API's token: `given` when set (and remembered), otherwise the one stored,
// otherwise a new one.
Result<std::string> AdminToken(Context& ctx, const std::string& given);

// Empties the workspace back to its fresh state (owner, integrations of the tokens
// given to Bootstrap); other integrations are kept or dropped.
Status Reset(Context& ctx, bool keep_integrations);

// Integrations and sharing (integrations.cc), for the admin API and the CLI. An
// integration is named by its id or its name. Capabilities: core/capabilities.h.
struct NewIntegration {
  storage::IntegrationRecord integration;
  std::string token;  // shown once; only its SHA-256 is kept
};
Result<NewIntegration> CreateIntegration(Context& ctx, std::string_view name, std::string_view capabilities);
Result<storage::IntegrationRecord> FindIntegration(Context& ctx, std::string_view name_or_id);
// {object:"integration", id, name, capabilities, bot_user_id, shares:[ids], created_time}
Result<json::value> DescribeIntegration(Context& ctx, const storage::IntegrationRecord& integration);
Result<json::value> ListIntegrations(Context& ctx);
Status DeleteIntegration(Context& ctx, std::string_view name_or_id);
Result<storage::IntegrationRecord> SetCapabilities(Context& ctx, std::string_view name_or_id,
                                                   std::string_view capabilities);
// Shares a page or database (and so its descendants), or with `object_id` "workspace"
// everything. An unknown object gives kObjectNotFound.
Status Share(Context& ctx, std::string_view name_or_id, std::string_view object_id);
Status Unshare(Context& ctx, std::string_view name_or_id, std::string_view object_id);

// Replaces the workspace with a fixture / writes it as one (docs/fixtures.md;
// fixtures_import.cc, fixtures_export.cc). Run inside one unit.
Status SeedFixture(Context& ctx, const json::value& fixture);
Result<json::value> ExportFixture(Context& ctx);

}  // namespace localnotion::service::admin
