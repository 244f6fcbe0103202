// The HTTP client that downloads external_url file uploads (service/uploads/import.h):
// one GET per call over a fresh connection, Boost.Beast on an io_context of its own, run
// on the importer's thread and never on the server's loop. Plain http:// only: an
// https:// URL is answered at once with an error saying that localnotion does not
// reach the internet (docs/compat.md "File uploads"), since it has no TLS client and
// its imports are meant for file servers on the developer's machine. The whole
// exchange (resolve, connect, write, read) is bounded by the request's timeout; a body
// whose Content-Length, or whose bytes, go over max_bytes is not read on (too_large).
// Redirects are not followed: a 3xx is an answer like any other.
#pragma once

#include "service/uploads/import.h"

namespace localnotion::http {

// What an https:// URL gets, for tests.
inline constexpr const char* kNoInternet =
    "localnotion cannot reach the internet; it imports only http:// URLs under a serve --allow-import-from prefix";

class UrlFetcherClient final : public service::uploads::UrlFetcher {
 public:
  service::uploads::FetchResult Fetch(const service::uploads::FetchRequest& request,
                                      const std::atomic<bool>& cancel) override;
};

}  // namespace localnotion::http
