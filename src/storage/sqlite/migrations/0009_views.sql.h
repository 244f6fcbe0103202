// Migration 9 (views): database views (storage/view_records.h). `settings` holds the
// view's filter, sorts, quick filters and configuration as one JSON object. Every
// database that exists when the migration runs gets the view Notion gives each new
// database, a table named "Default view" over its first data source
// (https://developers.notion.com/guides/data-apis/working-with-views#default-behavior),
// so that no database is without a view. The number is 9 because migration 8 is being
// added at the same time by another change; it is simply the next one in kMigrations.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kMigration0009Views = R"sql(
CREATE TABLE IF NOT EXISTS views (
  id                TEXT PRIMARY KEY,
  database_id       TEXT NOT NULL,
  data_source_id    TEXT NOT NULL,
  dashboard_view_id TEXT NOT NULL,
  name              TEXT NOT NULL,
  type              TEXT NOT NULL,
  settings          TEXT NOT NULL,
  position          INTEGER NOT NULL,
  created_time      INTEGER NOT NULL,
  created_by        TEXT NOT NULL,
  last_edited_time  INTEGER NOT NULL,
  last_edited_by    TEXT NOT NULL,
  rank              INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS views_by_database ON views(database_id, position, rank);
CREATE INDEX IF NOT EXISTS views_by_data_source ON views(data_source_id, database_id, position, rank);
INSERT INTO views (id, database_id, data_source_id, dashboard_view_id, name, type, settings, position,
                   created_time, created_by, last_edited_time, last_edited_by, rank)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) ||
         '-8' || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
       d.id,
       (SELECT s.id FROM data_sources s WHERE s.database_id = d.id ORDER BY s.rowid LIMIT 1),
       '', 'Default view', 'table',
       '{"filter":null,"sorts":null,"quick_filters":null,"configuration":null}', 1,
       d.created_time, d.created_by, d.created_time, d.created_by, d.rowid
FROM databases d
WHERE EXISTS (SELECT 1 FROM data_sources s WHERE s.database_id = d.id);
)sql";

}  // namespace localnotion::storage
