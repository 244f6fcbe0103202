// Migration 6: page history moves into the change outbox. A page change recorded with
// history carries it in `history` (JSON: integration_id, integration_name, action, time,
// changes; see storage/change_record.h), so that a write appends one row, not two. The
// partial index serves GET /_localnotion/pages/{id}/history. Existing history rows are
// copied over in their order, then the old table goes.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kMigration0006HistoryInChanges = R"sql(
ALTER TABLE changes ADD COLUMN history TEXT;
CREATE INDEX IF NOT EXISTS changes_page_history ON changes(object_id, sequence) WHERE history IS NOT NULL;
INSERT INTO changes (object, object_id, kind, properties, author_id, time, request_id, history)
  SELECT 'page', page_id, action, '[]', '', time, request_id,
         json_object('integration_id', integration_id, 'integration_name', integration_name, 'action', action,
                     'time', time, 'changes', json(changes))
  FROM page_history ORDER BY sequence;
DROP TABLE page_history;
)sql";

}  // namespace localnotion::storage
