// Columns whose content is JSON that every backend stores the same way, so that a row
// written by one backend's code reads back the same in another's: any JSON column, the
// page-history part of a change record and a view's settings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/json.h"
#include "storage/page_history.h"
#include "storage/view_records.h"

namespace localnotion::storage {

// Parses JSON text the store wrote, its values made in `storage` (a request's arena for
// page rows, common/json_arena.h); an internal error when it is corrupt.
Result<json::value> ParseStoredJson(std::string_view text, const json::storage_ptr& storage = json::storage_ptr());

// Makes `v` what writing it to a JSON column and reading it back (ParseStoredJson) gives,
// without the text: numbers are written as JavaScript writes them (AppendJsNumber), so a
// whole double such as 5.0 reads back as the integer 5, a uint64 that fits as an int64,
// a double that is not finite as null; every other value reads back as it was. For a
// record kept in memory after a write (storage::CachingStore), so that it is what a read
// of the row would return.
void NormalizeAsStored(json::value& v);
void NormalizeAsStored(json::object& o);

// The `history` column of a change: the entry without what the row itself holds
// (sequence, page id, request id).
std::string HistoryColumn(const PageHistoryRecord& h);
// Reads the `history` column back into an entry; nullopt when it is malformed.
std::optional<PageHistoryRecord> ReadHistory(std::string_view text, int64_t sequence, std::string page_id,
                                             std::string request_id);

// The `settings` column of a view: its filter, sorts, quick filters and configuration
// as one JSON object.
std::string ViewSettingsColumn(const ViewRecord& v);
// Reads the `settings` column into `v`'s four fields (null for a missing key); false when
// it is not a JSON object.
bool ReadViewSettings(std::string_view text, ViewRecord& v);

}  // namespace localnotion::storage
