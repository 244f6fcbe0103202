// Notion-Version values localnotion serves, and the behaviour each one switches on.
// Each response is shaped by the request's header. Every value Notion accepts is served:
// 2021-05-11, 2021-05-13, 2021-08-16, 2022-02-22, 2022-06-28 (SDK 2.x-4.x default),
// 2025-09-03 (SDK 5.x default) and 2026-03-11; any other value is refused with
// missing_version, in Notion's words. The four versions before 2022-06-28 are shaped as
// 2022-06-28, the nearest documented one (docs/compat.md "Notion-Version 2026-03-11").
// Notion lists what each version changed at
// https://developers.notion.com/reference/changes-by-version.
//
// The enumerators are ordered by release date, so a later version compares greater.
// Code never compares a version with `==`: it asks a named predicate below, which
// states the feature in terms of the first (or last) version that has it. Adding a
// version is one enumerator, one line in ParseApiVersion and VersionListForMessage,
// kNewestApiVersion, and the predicates its upgrade guide changes.
#pragma once

#include <optional>
#include <string_view>

namespace localnotion::api {

enum class ApiVersion {
  k2021_05_11,
  k2021_05_13,
  k2021_08_16,
  k2022_02_22,
  k2022_06_28,
  k2025_09_03,
  k2026_03_11,
};

inline constexpr ApiVersion kOldestApiVersion = ApiVersion::k2021_05_11;
inline constexpr ApiVersion kNewestApiVersion = ApiVersion::k2026_03_11;

std::optional<ApiVersion> ParseApiVersion(std::string_view header);

// The header value of `v`, such as "2025-09-03".
std::string_view ApiVersionName(ApiVersion v);

// The message for a Notion-Version header that is absent (`value` == nullptr) or not served.
std::string_view VersionListForMessage();

// Databases are containers of data sources: /v1/data_sources exists, a database object
// lists `data_sources` instead of `properties`, pages in a database name their
// `data_source_id`, search filters by "data_source", and POST /v1/databases takes
// `initial_data_source.properties`
// (https://developers.notion.com/docs/upgrade-guide-2025-09-03).
constexpr bool HasDataSources(ApiVersion v) { return v >= ApiVersion::k2025_09_03; }

// A database edit may change the schema of its one data source (`properties`) and
// accepts `archived` beside `in_trash`: the database-era PATCH /v1/databases/{id}
// (https://developers.notion.com/reference/update-a-database, 2022-06-28).
constexpr bool DatabaseEditsSchema(ApiVersion v) { return !HasDataSources(v); }

// POST /v1/pages requires `properties` (2022-06-28 answers "body.properties should be
// defined" without it; https://developers.notion.com/reference/post-page).
constexpr bool PageCreateRequiresProperties(ApiVersion v) { return v < ApiVersion::k2025_09_03; }

// A property value may be written bare, without its type key, as in
// {"Description": [{"text": {"content": "x"}}]}: the 2022-06-28 request schema allows it
// (https://developers.notion.com/reference/page-property-values).
constexpr bool AcceptsUntypedPropertyValues(ApiVersion v) { return v < ApiVersion::k2025_09_03; }

// `archived`, the older alias of `in_trash`, is shown beside it on pages, databases and
// blocks, and requests may send it. From 2026-03-11 only `in_trash` exists, in every
// request and every response; sending `archived` gives "body.archived should be not
// present" (https://developers.notion.com/guides/get-started/upgrade-guide-2026-03-11).
constexpr bool HasArchivedAlias(ApiVersion v) { return v < ApiVersion::k2026_03_11; }

// PATCH /v1/blocks/{id}/children takes `after` (a block id). From 2026-03-11 only
// `position` places the children, and `after` is "should be not present"
// (https://developers.notion.com/reference/patch-block-children).
constexpr bool AppendTakesAfter(ApiVersion v) { return v < ApiVersion::k2026_03_11; }

// The AI meeting notes block is `"type": "meeting_notes"`; before 2026-03-11 the same
// block is `"type": "transcription"` (upgrade guide 2026-03-11, above).
constexpr bool NamesMeetingNotes(ApiVersion v) { return v >= ApiVersion::k2026_03_11; }

// The "Fix one:" message for a property value that names no writable type lists
// `place` and `verification` after the fourteen older types: the 2026-03-11 request
// schema has them in its union (https://developers.notion.com/reference/patch-page).
// Both are written in every version; only the message differs.
constexpr bool ListsPlaceAndVerification(ApiVersion v) { return v >= ApiVersion::k2026_03_11; }

}  // namespace localnotion::api
