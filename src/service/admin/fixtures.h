// Shared by the fixture reader and writer (docs/fixtures.md).
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"

namespace localnotion::service {

// The value of a fixture's "format" key; export writes it, seed accepts it or none.
inline constexpr std::string_view kFixtureFormat = "localnotion-fixture/1";

// Points a message raised by the page validation (which names body.properties.X, as a
// create-page request would) at the page in the fixture: body.pages[2].properties.X.
Error FixtureErrorAt(Error e, const std::string& page_path);

}  // namespace localnotion::service
