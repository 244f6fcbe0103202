// HTML escaping for the pages the server renders (the landing page, the OAuth authorize
// page): text and attribute values are escaped with this, and nothing else goes into a
// page unescaped.
#pragma once

#include <string>
#include <string_view>

namespace localnotion::http {

// &, <, >, " and ' as entities.
std::string EscapeHtml(std::string_view s);

}  // namespace localnotion::http
