// GET/POST /v1/views and GET/PATCH/DELETE /v1/views/{id}
// (https://developers.notion.com/guides/data-apis/working-with-views).
#include <algorithm>

#include <fmt/format.h>

#include "api/lists.h"
#include "api/messages.h"
#include "api/view_objects.h"
#include "common/uuid.h"
#include "service/blocks/blocks.h"
#include "service/views/views.h"
#include "validation/pagination.h"
#include "validation/view_body.h"
#include "validation/view_config.h"

namespace localnotion::service::views {
namespace {

// Positions of the tabs of a database are spread out, so that a view placed between two
// rarely needs the others to move.
constexpr int64_t kPositionGap = 1024;

std::vector<storage::ViewRecord> Tabs(const std::vector<storage::ViewRecord>& views) {
  std::vector<storage::ViewRecord> out;
  for (const storage::ViewRecord& v : views) {
    if (v.dashboard_view_id.empty()) out.push_back(v);
  }
  return out;
}

// The position of a new tab: at the start, the end, or after `after_id`; may renumber the
// tabs after it.
Result<int64_t> TabPosition(Context& ctx, const Caller& caller, const std::string& database_id,
                            const validation::CreateViewBody& body) {
  LN_ASSIGN_OR_RETURN(auto all, ctx.store().ListViewsOfDatabase(database_id));
  std::vector<storage::ViewRecord> tabs = Tabs(all);
  if (tabs.empty()) return kPositionGap;
  if (body.position == "start") return tabs.front().position - kPositionGap;
  if (body.position == "end") return tabs.back().position + kPositionGap;
  auto it = std::find_if(tabs.begin(), tabs.end(), [&](const auto& v) { return v.id == body.after_view_id; });
  if (it == tabs.end()) {
    return ValidationError(fmt::format("View {} is not a view of database {}.", body.after_view_id, database_id));
  }
  auto next = std::next(it);
  if (next == tabs.end()) return it->position + kPositionGap;
  if (next->position - it->position > 1) return it->position + (next->position - it->position) / 2;
  // No room: move the tabs after it one gap further.
  int64_t place = it->position + kPositionGap;
  for (auto m = next; m != tabs.end(); ++m) {
    storage::ViewRecord moved = *m;
    moved.position = place + kPositionGap * (1 + (m - next));
    LN_RETURN_IF_ERROR(ctx.WriteView(caller, &*m, moved));
  }
  return place;
}

// A linked database on a page (create_database): a database container without a data
// source of its own, shown as a child_database block of the page.
Result<std::string> CreateLinkedDatabase(Context& ctx, const Caller& caller, const validation::CreateViewBody& body) {
  LN_ASSIGN_OR_RETURN(auto page, ctx.store().GetPage(body.parent_page_id));
  LN_ASSIGN_OR_RETURN(bool visible, page ? ctx.Visible("page", body.parent_page_id) : Result<bool>(false));
  if (!page || !visible) return NotFound("page", body.parent_page_id);
  if (body.after_block_id) {
    LN_ASSIGN_OR_RETURN(auto block, ctx.store().GetBlock(*body.after_block_id));
    if (!block || block->in_trash || block->parent_id != body.parent_page_id) {
      return ValidationError(
          fmt::format("Block {} is not a child of page {}.", *body.after_block_id, body.parent_page_id));
    }
  }
  storage::DatabaseRecord db;
  db.id = NewUuid();
  db.parent_type = "page_id";
  db.parent_id = body.parent_page_id;
  db.title = json::array{};
  db.description = json::array{};
  db.icon = nullptr;
  db.cover = nullptr;
  db.is_inline = true;
  db.created_time = db.last_edited_time = NowMillis();
  db.created_by = db.last_edited_by = caller.integration.bot_user_id;
  LN_RETURN_IF_ERROR(ctx.WriteDatabase(caller, nullptr, db));
  LN_RETURN_IF_ERROR(blocks::AddChildObjectBlock(ctx, caller, "child_database", db.id, db.parent_id, db.created_time));
  return db.id;
}

// Checks and stores the filter, sorts and quick filters of a create request.
Status ApplySettings(Context& ctx, const DataSourcePtr& source, const validation::CreateViewBody& body,
                     storage::ViewRecord& view) {
  if (body.filter != nullptr) {
    LN_RETURN_IF_ERROR(CheckViewFilter(ctx, source, *body.filter));
    view.filter = *body.filter;
  }
  if (body.sorts != nullptr) {
    LN_RETURN_IF_ERROR(CheckViewSorts(ctx, source, *body.sorts));
    view.sorts = *body.sorts;
  }
  if (body.quick_filters != nullptr) {
    for (const auto& kv : body.quick_filters->get_object()) {
      LN_RETURN_IF_ERROR(CheckQuickFilter(ctx, source, std::string(kv.key()), kv.value()));
    }
    if (!body.quick_filters->get_object().empty()) view.quick_filters = *body.quick_filters;
  }
  if (body.configuration != nullptr) {
    LN_ASSIGN_OR_RETURN(json::object resolved, ResolveConfiguration(ctx, source, body.configuration->get_object()));
    view.configuration = validation::MergeViewConfiguration(nullptr, resolved);
    if (view.configuration.is_null()) view.configuration = json::object{{"type", view.type}};
  }
  return OkStatus();
}

}  // namespace

Result<storage::ViewRecord> LoadView(Context& ctx, const std::string& id) {
  LN_ASSIGN_OR_RETURN(auto view, ctx.store().GetView(id));
  if (!view) return NotFound("view", id);
  LN_ASSIGN_OR_RETURN(auto db, ctx.store().GetDatabase(view->database_id));
  LN_ASSIGN_OR_RETURN(bool visible, db ? ctx.Visible("database", view->database_id) : Result<bool>(false));
  if (!visible) return NotFound("view", id);
  return std::move(*view);
}

json::value RenderViewObject(const storage::ViewRecord& v) {
  return api::RenderView(api::ViewView{.id = v.id,
                                       .database_id = v.database_id,
                                       .data_source_id = v.data_source_id,
                                       .dashboard_view_id = v.dashboard_view_id,
                                       .name = v.name,
                                       .type = v.type,
                                       .filter = v.filter,
                                       .sorts = v.sorts,
                                       .quick_filters = v.quick_filters,
                                       .configuration = v.configuration,
                                       .created_time = v.created_time,
                                       .created_by = v.created_by,
                                       .last_edited_time = v.last_edited_time,
                                       .last_edited_by = v.last_edited_by});
}

Result<json::value> ListViews(Context& ctx, const Caller&, const std::optional<std::string>& raw_database_id,
                              const std::optional<std::string>& raw_data_source_id, const PageArgs& args) {
  LN_ASSIGN_OR_RETURN(validation::Pagination page, validation::ReadPagination(args.start_cursor, args.page_size,
                                                                              validation::PaginationSource::kQuery));
  auto read_id = [](const char* name, const std::optional<std::string>& raw) -> Result<std::optional<std::string>> {
    if (!raw) return std::optional<std::string>();
    auto norm = NormalizeUuid(*raw);
    if (!norm) {
      json::value v = json::string(*raw);
      return api::FailedValidation(std::string("query.") + name, "a valid uuid", &v);
    }
    return norm;
  };
  LN_ASSIGN_OR_RETURN(auto database_id, read_id("database_id", raw_database_id));
  LN_ASSIGN_OR_RETURN(auto data_source_id, read_id("data_source_id", raw_data_source_id));
  if (!database_id && !data_source_id) {
    // The wording of the parameters' description in Notion's OpenAPI (list-views);
    // the error text itself is not documented (docs/compat.md).
    return ValidationError("At least one of database_id or data_source_id is required.");
  }
  LN_ASSIGN_OR_RETURN(auto cursor, validation::ReadUuidCursor(page.start_cursor, validation::PaginationSource::kQuery));

  std::vector<storage::ViewRecord> views;
  if (database_id) {
    LN_RETURN_IF_ERROR(ctx.LoadDatabase(*database_id));
    LN_ASSIGN_OR_RETURN(views, ctx.store().ListViewsOfDatabase(*database_id));
    if (data_source_id) {
      std::erase_if(views, [&](const storage::ViewRecord& v) { return v.data_source_id != *data_source_id; });
    }
  } else {
    LN_RETURN_IF_ERROR(ctx.LoadDataSource(*data_source_id));
    LN_ASSIGN_OR_RETURN(auto all, ctx.store().ListViewsOfDataSource(*data_source_id));
    // Views on databases the integration cannot see are left out.
    for (storage::ViewRecord& v : all) {
      LN_ASSIGN_OR_RETURN(bool visible, ctx.Visible("database", v.database_id));
      if (visible) views.push_back(std::move(v));
    }
  }
  size_t start = 0;
  if (cursor) {
    auto it = std::find_if(views.begin(), views.end(), [&](const auto& v) { return v.id == *cursor; });
    if (it == views.end()) {
      return ValidationError(fmt::format("The start_cursor provided is invalid: {}", *page.start_cursor));
    }
    start = static_cast<size_t>(it - views.begin());
  }
  const size_t end = std::min(views.size(), start + static_cast<size_t>(page.page_size));
  json::array results;
  for (size_t i = start; i < end; ++i) results.push_back(json::object{{"object", "view"}, {"id", views[i].id}});
  return json::value(api::RenderList({.results = std::move(results),
                                      .next_cursor = end < views.size() ? json::value(views[end].id) : nullptr,
                                      .type = "view"}));
}

Result<json::value> CreateView(Context& ctx, const Caller& caller, const json::value& body) {
  LN_ASSIGN_OR_RETURN(validation::CreateViewBody b, validation::ReadCreateViewBody(body));
  LN_ASSIGN_OR_RETURN(DataSourcePtr source, ctx.LoadDataSource(b.data_source_id));
  storage::ViewRecord view;
  view.id = NewUuid();
  view.name = b.name;
  view.type = b.type;
  view.data_source_id = b.type == "dashboard" ? "" : source->id;
  view.created_time = view.last_edited_time = NowMillis();
  view.created_by = view.last_edited_by = caller.integration.bot_user_id;
  std::optional<storage::ViewRecord> dashboard;
  if (b.target == validation::ViewTarget::kDatabase) {
    LN_RETURN_IF_ERROR(ctx.LoadDatabase(b.database_id));
    view.database_id = b.database_id;
  } else if (b.target == validation::ViewTarget::kDashboard) {
    LN_ASSIGN_OR_RETURN(dashboard, LoadView(ctx, b.view_id));
    if (dashboard->type != "dashboard") {
      return ValidationError(fmt::format("View {} is not a dashboard view.", b.view_id));
    }
    if (b.type == "dashboard") return ValidationError("A dashboard cannot be a widget of another dashboard.");
    view.database_id = dashboard->database_id;
    view.dashboard_view_id = dashboard->id;
  }
  LN_RETURN_IF_ERROR(ApplySettings(ctx, source, b, view));
  if (b.type == "dashboard") view.configuration = json::object{{"type", "dashboard"}, {"rows", json::array{}}};
  if (b.target == validation::ViewTarget::kCreateDatabase) {
    LN_ASSIGN_OR_RETURN(view.database_id, CreateLinkedDatabase(ctx, caller, b));
    view.position = kPositionGap;
  } else if (b.target == validation::ViewTarget::kDatabase) {
    LN_ASSIGN_OR_RETURN(view.position, TabPosition(ctx, caller, view.database_id, b));
  }
  LN_RETURN_IF_ERROR(ctx.WriteView(caller, nullptr, view));
  if (dashboard) LN_RETURN_IF_ERROR(PlaceWidget(ctx, caller, *dashboard, view.id, b.placement, b.row_index));
  if (!ctx.ReadsContent()) return json::value(api::RenderPartialView(view.id, view.database_id, view.type));
  return RenderViewObject(view);
}

Result<json::value> GetView(Context& ctx, const Caller&, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("view_id", raw_id));
  LN_ASSIGN_OR_RETURN(storage::ViewRecord view, LoadView(ctx, id));
  return RenderViewObject(view);
}

Result<json::value> UpdateView(Context& ctx, const Caller& caller, std::string_view raw_id, const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("view_id", raw_id));
  LN_ASSIGN_OR_RETURN(storage::ViewRecord before, LoadView(ctx, id));
  LN_ASSIGN_OR_RETURN(validation::UpdateViewBody b, validation::ReadUpdateViewBody(body, before.type));
  DataSourcePtr source;
  if (!before.data_source_id.empty()) {
    LN_ASSIGN_OR_RETURN(source, ctx.LoadDataSource(before.data_source_id));
  }
  storage::ViewRecord after = before;
  if (b.name) after.name = *b.name;
  const bool settings = (b.filter && !b.filter->is_null()) || (b.sorts && !b.sorts->is_null()) ||
                        (b.quick_filters && !b.quick_filters->is_null());
  if (settings && source == nullptr) return ValidationError("A dashboard view has no filter, sorts or quick filters.");
  if (b.filter) {
    if (!b.filter->is_null()) LN_RETURN_IF_ERROR(CheckViewFilter(ctx, source, *b.filter));
    after.filter = *b.filter;
  }
  if (b.sorts) {
    if (!b.sorts->is_null()) LN_RETURN_IF_ERROR(CheckViewSorts(ctx, source, *b.sorts));
    after.sorts = *b.sorts;
  }
  if (b.quick_filters) {
    if (b.quick_filters->is_null()) {
      after.quick_filters = nullptr;
    } else {
      // Per key: a condition adds or replaces, null removes; keys not named are kept.
      json::object merged = before.quick_filters.is_object() ? before.quick_filters.get_object() : json::object{};
      for (const auto& kv : b.quick_filters->get_object()) {
        if (kv.value().is_null()) {
          merged.erase(kv.key());
          continue;
        }
        LN_RETURN_IF_ERROR(CheckQuickFilter(ctx, source, std::string(kv.key()), kv.value()));
        merged[kv.key()] = kv.value();
      }
      after.quick_filters = merged.empty() ? json::value(nullptr) : json::value(std::move(merged));
    }
  }
  if (b.configuration) {
    LN_ASSIGN_OR_RETURN(json::object resolved, ResolveConfiguration(ctx, source, b.configuration->get_object()));
    after.configuration = validation::MergeViewConfiguration(before.configuration, resolved);
  }
  after.last_edited_time = NowMillis();
  after.last_edited_by = caller.integration.bot_user_id;
  LN_RETURN_IF_ERROR(ctx.WriteView(caller, &before, after));
  return RenderViewObject(after);
}

Result<json::value> DeleteView(Context& ctx, const Caller& caller, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("view_id", raw_id));
  LN_ASSIGN_OR_RETURN(storage::ViewRecord view, LoadView(ctx, id));
  LN_ASSIGN_OR_RETURN(auto all, ctx.store().ListViewsOfDatabase(view.database_id));
  if (view.dashboard_view_id.empty()) {
    if (Tabs(all).size() <= 1) {
      // "A database must always have at least one view. Attempting to delete the last
      // remaining view returns a validation_error." The text is ours (docs/compat.md).
      return ValidationError("A database must have at least one view: the last view of a database cannot be deleted.");
    }
    // A dashboard's widgets go with it.
    for (const storage::ViewRecord& w : all) {
      if (w.dashboard_view_id == view.id) LN_RETURN_IF_ERROR(ctx.DeleteView(caller, w));
    }
  } else {
    LN_RETURN_IF_ERROR(RemoveWidget(ctx, caller, view.dashboard_view_id, view.id));
  }
  LN_RETURN_IF_ERROR(ctx.DeleteView(caller, view));
  return json::value(api::RenderPartialView(view.id, view.database_id, view.type));
}

}  // namespace localnotion::service::views
