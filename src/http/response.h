// What the pipeline answers: a status, a body and the request id that the server sends
// as x-notion-request-id (https://developers.notion.com/reference/request-limits and
// https://developers.notion.com/reference/status-codes show the envelope's request_id).
#pragma once

#include <optional>
#include <string>

namespace localnotion::http {

struct Response {
  int status = 200;
  std::string body;
  std::string request_id;
  int delay_ms = 0;                 // an injected latency, applied before answering
  std::optional<int> retry_after = std::nullopt;  // seconds, sent as Retry-After
  // Empty for JSON; set for the bytes of a hosted file (/_localnotion/files/...).
  std::string content_type = {};
};

}  // namespace localnotion::http
