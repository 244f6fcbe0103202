// GET /v1/users, /v1/users/{id}, /v1/users/me and the bootstrap of a fresh workspace.
#include <charconv>
#include <cmath>
#include <random>

#include <fmt/format.h>

#include "api/lists.h"
#include "api/messages.h"
#include "api/objects.h"
#include "common/sha256.h"
#include "common/uuid.h"
#include "service/service.h"
#include "validation/pagination.h"

namespace localnotion::service {
namespace {

constexpr std::string_view kAllCapabilities = "read,update,insert,comments,users:email";

api::UserView ToView(const storage::UserRecord& u) {
  api::UserView v;
  v.id = u.id;
  v.type = u.type;
  v.name = u.name;
  v.avatar_url = u.avatar_url;
  v.email = u.email;
  return v;
}

std::string NewSecret() {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device rd;
  std::uniform_int_distribution<int> dist(0, sizeof(kChars) - 2);
  std::string s = "ntn_";
  for (int i = 0; i < 46; ++i) s.push_back(kChars[dist(rd)]);
  return s;
}

}  // namespace

Result<std::string> Service::AdminToken(const std::string& given) {
  if (!given.empty()) {
    LN_RETURN_IF_ERROR(store_.PutMeta("admin_token", given));
    return given;
  }
  LN_ASSIGN_OR_RETURN(auto stored, store_.GetMeta("admin_token"));
  if (stored) return *stored;
  std::string token = "admin_" + NewSecret().substr(4);
  LN_RETURN_IF_ERROR(store_.PutMeta("admin_token", token));
  return token;
}

Status Service::Reset(bool keep_integrations) {
  LN_RETURN_IF_ERROR(store_.Reset(keep_integrations));
  state_.schemas.Clear();
  state_.snapshots.Clear();
  LN_RETURN_IF_ERROR(Bootstrap(state_.tokens()));
  return OkStatus();
}

Result<std::vector<std::string>> Service::Bootstrap(const std::vector<std::string>& tokens) {
  state_.set_tokens(tokens);
  LN_ASSIGN_OR_RETURN(auto workspace_id, store_.GetMeta("workspace_id"));
  if (!workspace_id) {
    LN_RETURN_IF_ERROR(store_.PutMeta("workspace_id", NewUuid()));
    LN_RETURN_IF_ERROR(store_.PutMeta("workspace_name", "localnotion"));
    storage::UserRecord owner{NewUuid(), "person", "Workspace Owner", std::nullopt,
                              std::string("owner@localnotion.local"), ""};
    LN_RETURN_IF_ERROR(store_.PutUser(owner));
    LN_RETURN_IF_ERROR(store_.PutMeta("owner_user_id", owner.id));
  }
  // Made here, in a write, since hosted file links are signed in reads too.
  LN_RETURN_IF_ERROR(FileUrlSecret());
  std::vector<std::string> wanted = tokens;
  if (wanted.empty()) {
    LN_ASSIGN_OR_RETURN(auto stored, store_.GetMeta("default_token"));
    if (!stored) {
      stored = NewSecret();
      LN_RETURN_IF_ERROR(store_.PutMeta("default_token", *stored));
    }
    wanted.push_back(*stored);
  }
  for (const std::string& token : wanted) {
    LN_ASSIGN_OR_RETURN(auto existing, store_.FindIntegrationBySecretHash(Sha256Hex(token)));
    // The integrations of the tokens see the whole workspace (also in stores made before
    // shares existed).
    if (existing) {
      LN_RETURN_IF_ERROR(store_.PutShare(existing->id, storage::kWholeWorkspace));
      continue;
    }
    LN_ASSIGN_OR_RETURN(auto all, store_.ListIntegrations());
    std::string name = all.empty() ? "localnotion" : fmt::format("localnotion {}", all.size() + 1);
    storage::IntegrationRecord integration{NewUuid(), name, Sha256Hex(token), NewUuid(), std::string(kAllCapabilities),
                                           NowMillis()};
    storage::UserRecord bot{integration.bot_user_id, "bot", name, std::nullopt, std::nullopt, integration.id};
    LN_RETURN_IF_ERROR(store_.PutUser(bot));
    LN_RETURN_IF_ERROR(store_.PutIntegration(integration));
    LN_RETURN_IF_ERROR(store_.PutShare(integration.id, storage::kWholeWorkspace));
  }
  return wanted;
}

Result<storage::IntegrationRecord> Service::Authenticate(std::string_view token) {
  LN_ASSIGN_OR_RETURN(auto found, store_.FindIntegrationBySecretHash(Sha256Hex(token)));
  if (!found) return MakeError(ErrorCode::kUnauthorized, "API token is invalid.");
  LN_RETURN_IF_ERROR(ActFor(*found));
  return std::move(*found);
}

Result<json::value> Service::RenderUserById(const std::string& id) {
  // Without user information an integration sees users as {object, id} only; without
  // email addresses, persons as `person: {}` (capabilities reference).
  if (access_.caps.user_info == UserInfo::kNone) return json::value(api::PartialUser(id));
  LN_ASSIGN_OR_RETURN(auto user, store_.GetUser(id));
  if (!user) return json::value(api::PartialUser(id));
  api::UserView view = ToView(*user);
  if (access_.caps.user_info != UserInfo::kWithEmail) view.email.reset();
  view.bot = json::object{};
  return json::value(api::RenderUser(view));
}

Result<json::value> Service::GetSelf(const Caller& caller) {
  LN_ASSIGN_OR_RETURN(auto user, store_.GetUser(caller.integration.bot_user_id));
  if (!user) return InternalError("integration has no bot user");
  LN_ASSIGN_OR_RETURN(auto workspace_id, store_.GetMeta("workspace_id"));
  LN_ASSIGN_OR_RETURN(auto workspace_name, store_.GetMeta("workspace_name"));
  api::UserView view = ToView(*user);
  view.bot = json::object{{"owner", json::object{{"type", "workspace"}, {"workspace", true}}},
                          {"workspace_name", workspace_name.value_or("localnotion")},
                          {"workspace_id", workspace_id.value_or("")},
                          {"workspace_limits", json::object{{"max_file_upload_size_in_bytes", 5368709120LL}}}};
  return json::value(api::RenderUser(view));
}

Result<json::value> Service::GetUser(const Caller&, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("user_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto user, store_.GetUser(id));
  if (!user) return NotFound("user", id);
  return RenderUserById(id);
}

Result<json::value> Service::ListUsers(const Caller&, const PageArgs& args) {
  LN_ASSIGN_OR_RETURN(const validation::Pagination paging,
                      validation::ReadPagination(args.start_cursor, args.page_size, validation::PaginationSource::kQuery));
  const int page_size = paging.page_size;
  std::string after;
  if (paging.start_cursor) {
    auto id = NormalizeUuid(*paging.start_cursor);
    if (!id) {
      return ValidationError(fmt::format("The start_cursor provided is invalid: {}", *paging.start_cursor));
    }
    // The cursor is the id of the first user of the next page.
    after = *id;
  }
  LN_ASSIGN_OR_RETURN(auto users, store_.ListUsers(after, page_size + 1));
  bool has_more = static_cast<int>(users.size()) > page_size;
  json::value next_cursor = nullptr;
  if (has_more) {
    next_cursor = users.back().id;
    users.pop_back();
  }
  json::array results;
  for (const auto& u : users) {
    api::UserView view = ToView(u);
    if (access_.caps.user_info != UserInfo::kWithEmail) view.email.reset();
    view.bot = json::object{};
    results.push_back(api::RenderUser(view));
  }
  return json::value(
      api::RenderList({.results = std::move(results), .next_cursor = std::move(next_cursor), .type = "user"}));
}

}  // namespace localnotion::service
