// The HTTP client that downloads external_url file uploads (service/uploads/import.h):
// one GET per call over a fresh connection, Boost.Beast on an io_context of its own, run
// on the importer's thread and never on the server's loop. http:// and https:// (TLS
// through OpenSSL, Boost.Asio's ssl_stream): the server's certificate must chain to the
// system's trusted authorities (Debian's ca-certificates) or to a certificate of
// `extra_ca_file` (serve --import-ca-file, for a test server with a self-signed
// certificate), and must name the URL's host. The whole exchange (resolve, connect,
// handshake, write, read) is bounded by the request's timeout; a body whose
// Content-Length, or whose bytes, go over max_bytes is not read on (too_large).
// Redirects are not followed: a 3xx is an answer like any other.
#pragma once

#include <string>

#include "service/uploads/import.h"

namespace localnotion::http {

class UrlFetcherClient final : public service::uploads::UrlFetcher {
 public:
  // `extra_ca_file`: a PEM file of more trusted certificates ("" for none). A file that
  // cannot be read fails every https download with the reason.
  explicit UrlFetcherClient(std::string extra_ca_file = "") : extra_ca_file_(std::move(extra_ca_file)) {}

  service::uploads::FetchResult Fetch(const service::uploads::FetchRequest& request,
                                      const std::atomic<bool>& cancel) override;

 private:
  std::string extra_ca_file_;
};

}  // namespace localnotion::http
