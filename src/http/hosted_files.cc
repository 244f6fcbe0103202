// GET /_localnotion/files/{upload_id}/{filename}?expires=&signature=: the bytes of an
// attached file upload, at the URL Service::RenderFileObject hands out. No bearer token:
// the HMAC signature in the link is the permission, as with Notion's S3 links. A bad or
// missing signature and an expired link answer 403 restricted_resource, an unknown
// upload 404 object_not_found (JSON error bodies, like every other localnotion error).
#include "common/uuid.h"
#include "http/error_response.h"
#include "http/pipeline.h"

namespace localnotion::http {
namespace {

std::optional<std::string> Param(std::string_view target, std::string_view key) {
  size_t q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    size_t eq = pair.find('=');
    if (pair.substr(0, eq) == key) return std::string(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

}  // namespace

Response Pipeline::UploadTooLarge(int64_t limit_bytes) {
  // Worded like the 500KB answer: "20MB" for the default limit.
  std::string size = limit_bytes % (1024 * 1024) == 0 ? std::to_string(limit_bytes / (1024 * 1024)) + "MB"
                     : limit_bytes % 1024 == 0        ? std::to_string(limit_bytes / 1024) + "KB"
                                                      : std::to_string(limit_bytes) + " bytes";
  Error e = MakeError(ErrorCode::kPayloadTooLarge, "Request body too large. The maximum size is " + size + ".");
  std::string request_id = NewUuid();
  return Response{WireOf(e.code).status, ErrorBody(e, request_id), request_id};
}

Response Pipeline::HandleHostedFile(const Request& req, std::string_view path, const std::string& request_id) {
  if (req.method != "GET" && req.method != "HEAD") {
    Error e = MakeError(ErrorCode::kInvalidRequestUrl, "Invalid request URL.");
    return Response{WireOf(e.code).status, ErrorBody(e, request_id), request_id};
  }
  std::string_view rest = path.substr(std::string_view("/_localnotion/files/").size());
  std::string_view id = rest.substr(0, rest.find('/'));
  auto served = service_.InUnit([&]() -> Result<service::Service::HostedFile> {
    return service_.ServeHostedFile(id, Param(req.target, "expires"), Param(req.target, "signature"));
  });
  if (!served.ok()) {
    return Response{WireOf(served.error().code).status, ErrorBody(served.error(), request_id), request_id};
  }
  Response res{200, std::move(served->bytes), request_id};
  res.content_type = served->content_type;
  return res;
}

}  // namespace localnotion::http
