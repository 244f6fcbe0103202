// The base of the URLs an answer gives out (upload_url, complete_url, hosted files, async
// tasks): "http://" and the request's Host header, which the client chose.
#pragma once

#include <string>
#include <string_view>

namespace localnotion::http {

// "http://" + `host` when `host` is an authority as RFC 3986 writes one (host and port:
// letters, digits, "-._~!$&'()*+,;=%", ":" and the brackets of an IPv6 literal;
// https://www.rfc-editor.org/rfc/rfc3986#section-3.2), else "http://127.0.0.1", as for a
// request without a Host header. A Host header with other bytes (a path, a user, spaces,
// invalid UTF-8) never reaches an answer: an answer must be valid UTF-8 (issue 15,
// defect 9; pipeline_fuzz found invalid UTF-8 from Host in upload_url).
std::string BaseUrlOfHost(std::string_view host);

}  // namespace localnotion::http
