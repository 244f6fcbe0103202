// The answers the server gives to requests that never reach the pipeline because they
// are not acceptable HTTP/1.1: a request line or header Beast refuses, a header block or
// request target over the limits below, a request not received in full within
// --client-timeout-ms. Notion's edge answers these before its API sees them, in its own
// format; localnotion answers in Notion's JSON error envelope
// (https://developers.notion.com/reference/status-codes) with the status HTTP defines
// (RFC 9110 and RFC 6585) and the code `invalid_request`, then closes the connection.
// docs/compat.md records the choice.
#pragma once

#include <cstddef>
#include <optional>

#include <boost/system/error_code.hpp>

#include "http/response.h"

namespace localnotion::http {

// The largest header block (request line and fields) the server reads, as Node's
// default --max-http-header-size: 16 KiB.
inline constexpr size_t kMaxHeaderBytes = 16 * 1024;
// The longest request target (path and query): 8 KiB.
inline constexpr size_t kMaxTargetBytes = 8 * 1024;

enum class WireError {
  kMalformed,       // 400: a request line or header field Beast cannot parse
  kRequestTimeout,  // 408: the request was not received in full in time
  kUriTooLong,      // 414: a request target over kMaxTargetBytes
  kHeaderTooLarge,  // 431: a header block over kMaxHeaderBytes
};

// The answer to `error`, with a new request id.
Response WireErrorResponse(WireError error);

// What a failed read of a request's header or body answers, if anything. `ec` is the
// read's error; `timed_out` says the server's read timer cancelled it; `started` says
// some of the request had arrived; `target_bytes` is the length of the request target
// once Beast has parsed the request line (0 before: Beast parses the line, and consumes
// it, before it looks for the end of the header). Nothing is answered to a client that
// closed, nor to one that went quiet between requests (a keep-alive connection left
// idle).
std::optional<WireError> ClassifyReadError(const boost::system::error_code& ec, bool timed_out, bool started,
                                           size_t target_bytes);

}  // namespace localnotion::http
