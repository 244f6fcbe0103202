// GET /v1/users, /v1/users/{id} and /v1/users/me.
#include <charconv>
#include <cmath>
#include <random>

#include <fmt/format.h>

#include "api/lists.h"
#include "api/messages.h"
#include "api/objects.h"
#include "common/sha256.h"
#include "common/uuid.h"
#include "service/users/users.h"
#include "validation/pagination.h"

namespace localnotion::service::users {
namespace {

}  // namespace

Result<json::value> GetSelf(Context& ctx, const Caller& caller) {
  LN_ASSIGN_OR_RETURN(auto user, ctx.store().GetUser(caller.integration.bot_user_id));
  if (!user) return InternalError("integration has no bot user");
  LN_ASSIGN_OR_RETURN(auto workspace_id, ctx.store().GetMeta("workspace_id"));
  LN_ASSIGN_OR_RETURN(auto workspace_name, ctx.store().GetMeta("workspace_name"));
  api::UserView view = ToUserView(*user);
  view.bot = json::object{{"owner", json::object{{"type", "workspace"}, {"workspace", true}}},
                          {"workspace_name", workspace_name.value_or("localnotion")},
                          {"workspace_id", workspace_id.value_or("")},
                          {"workspace_limits", json::object{{"max_file_upload_size_in_bytes", 5368709120LL}}}};
  return json::value(api::RenderUser(view));
}

Result<json::value> GetUser(Context& ctx, const Caller&, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("user_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto user, ctx.store().GetUser(id));
  if (!user) return NotFound("user", id);
  return ctx.RenderUserById(id);
}

Result<json::value> ListUsers(Context& ctx, const Caller&, const PageArgs& args) {
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
  LN_ASSIGN_OR_RETURN(auto users, ctx.store().ListUsers(after, page_size + 1));
  bool has_more = static_cast<int>(users.size()) > page_size;
  json::value next_cursor = nullptr;
  if (has_more) {
    next_cursor = users.back().id;
    users.pop_back();
  }
  json::array results;
  for (const auto& u : users) {
    api::UserView view = ToUserView(u);
    if (ctx.ActingCapabilities().user_info != UserInfo::kWithEmail) view.email.reset();
    view.bot = json::object{};
    results.push_back(api::RenderUser(view));
  }
  return json::value(
      api::RenderList({.results = std::move(results), .next_cursor = std::move(next_cursor), .type = "user"}));
}

}  // namespace localnotion::service::users
