// PostgreSQL migration 4: database views (storage/view_records.h), as SQLite's migration
// 9. `settings` holds the view's filter, sorts, quick filters and configuration as one
// JSON object; `rank` keeps the creation order across updates. Every database that
// exists when the migration runs gets the view Notion gives each new database, a table
// named "Default view" over its first data source
// (https://developers.notion.com/guides/data-apis/working-with-views#default-behavior).
#pragma once

namespace localnotion::storage {

inline constexpr const char* kPgMigration0004Views = R"sql(
CREATE TABLE views (
  id                text PRIMARY KEY,
  database_id       text NOT NULL,
  data_source_id    text NOT NULL,
  dashboard_view_id text NOT NULL,
  name              text NOT NULL,
  type              text NOT NULL,
  settings          text NOT NULL,
  position          bigint NOT NULL,
  created_time      bigint NOT NULL,
  created_by        text NOT NULL,
  last_edited_time  bigint NOT NULL,
  last_edited_by    text NOT NULL,
  rank              bigint NOT NULL
);
CREATE INDEX views_by_database ON views (database_id, position, rank);
CREATE INDEX views_by_data_source ON views (data_source_id, database_id, position, rank);
INSERT INTO views (id, database_id, data_source_id, dashboard_view_id, name, type, settings, position,
                   created_time, created_by, last_edited_time, last_edited_by, rank)
SELECT gen_random_uuid()::text, d.id,
       (SELECT s.id FROM data_sources s WHERE s.database_id = d.id ORDER BY s.seq LIMIT 1),
       '', 'Default view', 'table',
       '{"filter":null,"sorts":null,"quick_filters":null,"configuration":null}', 1,
       d.created_time, d.created_by, d.created_time, d.created_by, d.seq
FROM databases d
WHERE EXISTS (SELECT 1 FROM data_sources s WHERE s.database_id = d.id);
)sql";

}  // namespace localnotion::storage
