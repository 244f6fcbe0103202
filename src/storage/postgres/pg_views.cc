// PgRecords: database views (migrations/0004_views.sql.h), as sqlite/views.cc keeps
// them. The filter, sorts, quick filters and configuration are stored together as one
// JSON object (`settings`); `rank` keeps the creation order across updates (an upsert
// keeps the row's rank). Ranks are the last one plus one: write transactions of a store
// run one at a time.
#include "common/json.h"
#include "storage/postgres/pg_records.h"
#include "storage/record_columns.h"

namespace localnotion::storage {
namespace {

constexpr const char* kViewSelect =
    "SELECT id, database_id, data_source_id, dashboard_view_id, name, type, settings, position, created_time, "
    "created_by, last_edited_time, last_edited_by FROM views ";

Result<std::vector<ViewRecord>> ReadViews(const PgRows& rows) {
  std::vector<ViewRecord> out;
  for (int r = 0; r < rows.size(); ++r) {
    ViewRecord v;
    v.id = rows.Text(r, 0);
    v.database_id = rows.Text(r, 1);
    v.data_source_id = rows.Text(r, 2);
    v.dashboard_view_id = rows.Text(r, 3);
    v.name = rows.Text(r, 4);
    v.type = rows.Text(r, 5);
    if (!ReadViewSettings(rows.Text(r, 6), v)) return InternalError("postgres: corrupt view row");
    v.position = rows.Int(r, 7);
    v.created_time = rows.Int(r, 8);
    v.created_by = rows.Text(r, 9);
    v.last_edited_time = rows.Int(r, 10);
    v.last_edited_by = rows.Text(r, 11);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

Result<std::optional<ViewRecord>> PgRecords::GetView(std::string_view id) {
  LN_ASSIGN_OR_RETURN(
      PgRows rows,
      conn_.Query(std::string(kViewSelect) + "WHERE id = $1" + (writable_ ? " FOR UPDATE" : ""), PgParams().Text(id)));
  LN_ASSIGN_OR_RETURN(auto all, ReadViews(rows));
  if (all.empty()) return std::optional<ViewRecord>();
  return std::optional<ViewRecord>(std::move(all.front()));
}

Status PgRecords::PutView(const ViewRecord& v) {
  LN_RETURN_IF_ERROR(LockKey("rank:views"));  // max(rank) + 1
  return Run(
      "INSERT INTO views (id, database_id, data_source_id, dashboard_view_id, name, type, settings, position, "
      "created_time, created_by, last_edited_time, last_edited_by, rank) "
      "SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, coalesce(max(rank), 0) + 1 FROM views "
      "ON CONFLICT (id) DO UPDATE SET database_id = EXCLUDED.database_id, data_source_id = EXCLUDED.data_source_id, "
      "dashboard_view_id = EXCLUDED.dashboard_view_id, name = EXCLUDED.name, type = EXCLUDED.type, "
      "settings = EXCLUDED.settings, position = EXCLUDED.position, created_time = EXCLUDED.created_time, "
      "created_by = EXCLUDED.created_by, last_edited_time = EXCLUDED.last_edited_time, "
      "last_edited_by = EXCLUDED.last_edited_by",
      PgParams()
          .Text(v.id)
          .Text(v.database_id)
          .Text(v.data_source_id)
          .Text(v.dashboard_view_id)
          .Text(v.name)
          .Text(v.type)
          .Text(ViewSettingsColumn(v))
          .Int(v.position)
          .Int(v.created_time)
          .Text(v.created_by)
          .Int(v.last_edited_time)
          .Text(v.last_edited_by));
}

Status PgRecords::DeleteView(std::string_view id) {
  return Run("DELETE FROM views WHERE id = $1", PgParams().Text(id));
}

Result<std::vector<ViewRecord>> PgRecords::ListViewsOfDatabase(std::string_view database_id) {
  LN_ASSIGN_OR_RETURN(PgRows rows,
                      conn_.Query(std::string(kViewSelect) + "WHERE database_id = $1 ORDER BY position, rank",
                                  PgParams().Text(database_id)));
  return ReadViews(rows);
}

Result<std::vector<ViewRecord>> PgRecords::ListViewsOfDataSource(std::string_view data_source_id) {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(std::string(kViewSelect) +
                                                   "WHERE data_source_id = $1 ORDER BY database_id, position, rank",
                                               PgParams().Text(data_source_id)));
  return ReadViews(rows);
}

Result<std::vector<ViewRecord>> PgRecords::ListAllViews() {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(std::string(kViewSelect) + "ORDER BY database_id, position, rank"));
  return ReadViews(rows);
}

}  // namespace localnotion::storage
