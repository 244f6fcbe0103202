// Shared by the fixture reader and writer (docs/fixtures.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "service/core/context.h"
#include "validation/page_write.h"

namespace localnotion::service::admin {

// The value of a fixture's "format" key; export writes it, seed accepts it or none.
inline constexpr std::string_view kFixtureFormat = "localnotion-fixture/1";

// Points a message raised by the page validation (which names body.properties.X, as a
// create-page request would) at the page in the fixture: body.pages[2].properties.X.
Error FixtureErrorAt(Error e, const std::string& page_path);

// Fixture reading (fixtures_values.cc, for fixtures_import.cc): a data source's
// `properties` at `path`, and a page's values (applied to `page.page`; the writes are
// returned for pages::CheckReferences, their definitions in `page.schema` as it is on
// return, so `page` must outlive them).
Result<schema::Schema> ReadFixtureSchema(Context& ctx, const json::value* properties, const std::string& path);
Result<std::vector<validation::PropertyWrite>> ReadFixtureValues(Context& ctx, LoadedPage& page,
                                                                 const json::value* properties,
                                                                 const std::string& page_path);

}  // namespace localnotion::service::admin
