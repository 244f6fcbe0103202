// The one place that turns an ErrorCode into an HTTP status and Notion's wire code, and
// an Error into Notion's envelope:
//   {"object":"error","status":<int>,"code":"<code>","message":"<text>","request_id":"<uuid>"}
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"

namespace localnotion::http {

struct ErrorWire {
  int status;
  std::string_view code;
};

ErrorWire WireOf(ErrorCode code);

std::string ErrorBody(const Error& error, std::string_view request_id);

}  // namespace localnotion::http
