// Database views as the Store keeps them (https://developers.notion.com/guides/data-apis/working-with-views).
// A view belongs to a database (its tab bar, ordered by `position`) or, as a widget, to
// a dashboard view of that database (`dashboard_view_id`); it is over one data source
// (none for a dashboard). Its filter, sorts, quick filters and configuration are kept as
// the JSON the API shows (null when unset); the service checks them before they are put.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/json.h"

namespace localnotion::storage {

struct ViewRecord {
  std::string id;
  std::string database_id;
  std::string data_source_id;     // "" for a dashboard
  std::string dashboard_view_id;  // "" unless the view is a widget of a dashboard
  std::string name;
  std::string type;           // "table", "board", ..., "dashboard"
  json::value filter;         // null when unset
  json::value sorts;          // null or an array
  json::value quick_filters;  // null or an object
  json::value configuration;  // null or an object with "type"
  int64_t position = 0;       // order among the views of the database (or the dashboard)
  Millis created_time = 0;
  std::string created_by;
  Millis last_edited_time = 0;
  std::string last_edited_by;
};

// The view facet of a transaction (storage/txn.h).
class ViewRecords {
 public:
  virtual ~ViewRecords() = default;
  virtual Result<std::optional<ViewRecord>> GetView(std::string_view id) = 0;
  // Inserts or replaces by id.
  virtual Status PutView(const ViewRecord& view) = 0;
  // Removes the view (no-op for an unknown id).
  virtual Status DeleteView(std::string_view id) = 0;
  // The views of a database, widgets included, by position then creation.
  virtual Result<std::vector<ViewRecord>> ListViewsOfDatabase(std::string_view database_id) = 0;
  // The views over a data source, whatever their database, by database, position, creation.
  virtual Result<std::vector<ViewRecord>> ListViewsOfDataSource(std::string_view data_source_id) = 0;
  // Every view of the workspace (export), as ListViewsOfDataSource orders them.
  virtual Result<std::vector<ViewRecord>> ListAllViews() = 0;
};

}  // namespace localnotion::storage
