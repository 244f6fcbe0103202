// The layout of a dashboard view: its configuration {type:"dashboard", rows:[{id,
// widgets:[{id, view_id, width, row_index}]}]}, read-only through the API and changed by
// creating and deleting widget views
// (https://developers.notion.com/guides/data-apis/working-with-views#dashboard-views).
// A row holds at most 4 widgets, whose widths share the 12 columns evenly.
#include <fmt/format.h>

#include "common/uuid.h"
#include "service/views/views.h"

namespace localnotion::service::views {
namespace {

constexpr size_t kMaxWidgetsPerRow = 4;

json::array RowsOf(const storage::ViewRecord& dashboard) {
  const json::value* rows =
      dashboard.configuration.is_object() ? Find(dashboard.configuration.get_object(), "rows") : nullptr;
  return rows != nullptr && rows->is_array() ? rows->get_array() : json::array{};
}

// Drops empty rows, numbers the rows and shares each row's 12 columns among its widgets.
void Normalize(json::array& rows) {
  json::array kept;
  for (json::value& row : rows) {
    json::value* widgets = row.get_object().if_contains("widgets");
    if (widgets == nullptr || widgets->get_array().empty()) continue;
    kept.push_back(std::move(row));
  }
  for (size_t r = 0; r < kept.size(); ++r) {
    json::array& widgets = kept[r].get_object()["widgets"].get_array();
    for (json::value& w : widgets) {
      w.get_object()["width"] = static_cast<int64_t>(12 / widgets.size());
      w.get_object()["row_index"] = static_cast<int64_t>(r);
    }
  }
  rows = std::move(kept);
}

Status SaveRows(Context& ctx, const Caller& caller, const storage::ViewRecord& dashboard, json::array rows) {
  Normalize(rows);
  storage::ViewRecord after = dashboard;
  after.configuration = json::object{{"type", "dashboard"}, {"rows", std::move(rows)}};
  after.last_edited_time = NowMillis();
  after.last_edited_by = caller.integration.bot_user_id;
  return ctx.WriteView(caller, &dashboard, after);
}

}  // namespace

Status PlaceWidget(Context& ctx, const Caller& caller, const storage::ViewRecord& dashboard,
                   const std::string& widget_id, const std::string& placement, std::optional<int64_t> row_index) {
  json::array rows = RowsOf(dashboard);
  json::object widget{{"id", NewUuid()}, {"view_id", widget_id}, {"width", 12}, {"row_index", 0}};
  if (placement == "existing_row") {
    if (*row_index >= static_cast<int64_t>(rows.size())) {
      return ValidationError(
          fmt::format("The dashboard has no row at row_index {} (it has {} rows).", *row_index, rows.size()));
    }
    json::array& widgets = rows[static_cast<size_t>(*row_index)].get_object()["widgets"].get_array();
    if (widgets.size() >= kMaxWidgetsPerRow) {
      return ValidationError(fmt::format("A dashboard row holds at most {} widgets.", kMaxWidgetsPerRow));
    }
    widgets.push_back(std::move(widget));
  } else {
    json::object row{{"id", NewUuid()}, {"widgets", json::array{std::move(widget)}}};
    size_t at = row_index ? std::min(static_cast<size_t>(*row_index), rows.size()) : rows.size();
    rows.insert(rows.begin() + static_cast<std::ptrdiff_t>(at), std::move(row));
  }
  return SaveRows(ctx, caller, dashboard, std::move(rows));
}

Status RemoveWidget(Context& ctx, const Caller& caller, const std::string& dashboard_id, const std::string& widget_id) {
  LN_ASSIGN_OR_RETURN(auto dashboard, ctx.store().GetView(dashboard_id));
  if (!dashboard) return OkStatus();
  json::array rows = RowsOf(*dashboard);
  for (json::value& row : rows) {
    json::array kept;
    for (json::value& w : row.get_object()["widgets"].get_array()) {
      const json::value* v = Find(w.get_object(), "view_id");
      if (v == nullptr || !v->is_string() || v->get_string() != widget_id) kept.push_back(std::move(w));
    }
    row.get_object()["widgets"] = std::move(kept);
  }
  return SaveRows(ctx, caller, *dashboard, std::move(rows));
}

}  // namespace localnotion::service::views
