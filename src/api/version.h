// Notion-Version values localnotion serves, and the behaviour each one switches on.
// Each response is shaped by the request's header. Only 2022-06-28 (SDK 2.x-4.x
// default) and 2025-09-03 (SDK 5.x default) are served; any other value is refused
// with missing_version (docs/compat.md). Notion lists what each version changed at
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
  k2022_06_28,
  k2025_09_03,
};

inline constexpr ApiVersion kOldestApiVersion = ApiVersion::k2022_06_28;
inline constexpr ApiVersion kNewestApiVersion = ApiVersion::k2025_09_03;

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

}  // namespace localnotion::api
