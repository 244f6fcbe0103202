// GET /_localnotion/files/{upload_id}/{filename}?expires=&signature=: the bytes of an
// attached file upload, at the URL Service::RenderFileObject hands out. No bearer token:
// the HMAC signature in the link is the permission, as with Notion's S3 links. A bad or
// missing signature and an expired link answer 403 restricted_resource, an unknown
// upload 404 object_not_found (JSON error bodies, like every other localnotion error).
#include "common/uuid.h"
#include "http/error_response.h"
#include "http/pipeline.h"

namespace localnotion::http {

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
  auto served = Run(storage::TxnMode::kRead, [&](service::Service& service) -> Result<service::Service::HostedFile> {
    return service.ServeHostedFile(id, QueryParam(req.target, "expires"), QueryParam(req.target, "signature"));
  });
  if (!served.ok()) {
    return Response{WireOf(served.error().code).status, ErrorBody(served.error(), request_id), request_id};
  }
  Response res{200, std::move(served->bytes), request_id};
  res.content_type = served->content_type;
  return res;
}

}  // namespace localnotion::http
