// The query snapshots of a PostgreSQL store's shared controls (storage/shared_controls.h,
// migration 6): tables of the store's schema, written and read on the controls' own
// connections, never in a request's transaction.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>

#include "storage/postgres/pg_controls.h"

namespace localnotion::storage {
namespace {

constexpr const char* kPutSnapshot = R"sql(
INSERT INTO query_snapshots (id, source_id, fingerprint, ids, incomplete, expires_at)
VALUES ($1, $2, $3, $4, $5::boolean, clock_timestamp() + $6::bigint * interval '1 millisecond')
ON CONFLICT (id) DO NOTHING)sql";

constexpr const char* kRenewSnapshot =
    "UPDATE query_snapshots SET expires_at = clock_timestamp() + $2::bigint * interval '1 millisecond' "
    "WHERE id = $1";

constexpr const char* kPutCursor = R"sql(
INSERT INTO query_cursors (key, snapshot_id, place, expires_at)
VALUES ($1, $2, $3::bigint, clock_timestamp() + $4::bigint * interval '1 millisecond')
ON CONFLICT (key) DO UPDATE SET snapshot_id = excluded.snapshot_id, place = excluded.place,
                                expires_at = excluded.expires_at)sql";

Status Ran(const Result<PgRows>& rows) { return rows.ok() ? OkStatus() : Status(rows.error()); }

}  // namespace

Status PgControls::RememberCursor(std::string_view key, std::string_view snapshot_id, const StoredSnapshot* snapshot,
                                  int64_t offset, int64_t ttl_ms) {
  return InTransaction([&](PgConnection& conn) -> Status {
    if (snapshot != nullptr) {
      // A new snapshot is the moment to drop what expired (both tables are indexed by it).
      LN_RETURN_IF_ERROR(Ran(conn.Query("DELETE FROM query_cursors WHERE expires_at < clock_timestamp()")));
      LN_RETURN_IF_ERROR(Ran(conn.Query("DELETE FROM query_snapshots WHERE expires_at < clock_timestamp()")));
      PgParams params;
      params.Text(snapshot_id)
          .Text(snapshot->source_id)
          .Text(snapshot->fingerprint)
          .Text(fmt::format("{}", fmt::join(snapshot->ids, ",")))
          .Text(snapshot->incomplete ? "true" : "false")
          .Int(ttl_ms);
      LN_RETURN_IF_ERROR(Ran(conn.Query(kPutSnapshot, params)));
    } else {
      LN_RETURN_IF_ERROR(Ran(conn.Query(kRenewSnapshot, PgParams().Text(snapshot_id).Int(ttl_ms))));
    }
    return Ran(conn.Query(kPutCursor, PgParams().Text(key).Text(snapshot_id).Int(offset).Int(ttl_ms)));
  });
}

Result<std::optional<SharedControls::CursorPlace>> PgControls::FindCursor(std::string_view key) {
  std::optional<CursorPlace> place;
  LN_RETURN_IF_ERROR(With([&](PgConnection& conn) -> Status {
    LN_ASSIGN_OR_RETURN(PgRows rows, conn.Query("SELECT snapshot_id, place FROM query_cursors "
                                                "WHERE key = $1 AND expires_at > clock_timestamp()",
                                                PgParams().Text(key)));
    if (rows.size() == 1) place = CursorPlace{rows.Text(0, 0), rows.Int(0, 1)};
    return OkStatus();
  }));
  return place;
}

Result<std::optional<SharedControls::StoredSnapshot>> PgControls::FindSnapshot(std::string_view snapshot_id) {
  std::optional<StoredSnapshot> found;
  LN_RETURN_IF_ERROR(With([&](PgConnection& conn) -> Status {
    LN_ASSIGN_OR_RETURN(PgRows rows, conn.Query("SELECT source_id, fingerprint, ids, incomplete FROM query_snapshots "
                                                "WHERE id = $1 AND expires_at > clock_timestamp()",
                                                PgParams().Text(snapshot_id)));
    if (rows.size() != 1) return OkStatus();
    StoredSnapshot s{rows.Text(0, 0), rows.Text(0, 1), {}, rows.Bool(0, 3)};
    const std::string ids = rows.Text(0, 2);
    for (size_t begin = 0; begin < ids.size();) {
      size_t end = ids.find(',', begin);
      if (end == std::string::npos) end = ids.size();
      s.ids.push_back(ids.substr(begin, end - begin));
      begin = end + 1;
    }
    found = std::move(s);
    return OkStatus();
  }));
  return found;
}

Status PgControls::ClearSnapshots() {
  return InTransaction([](PgConnection& conn) -> Status {
    LN_RETURN_IF_ERROR(Ran(conn.Query("DELETE FROM query_cursors")));
    return Ran(conn.Query("DELETE FROM query_snapshots"));
  });
}

}  // namespace localnotion::storage
