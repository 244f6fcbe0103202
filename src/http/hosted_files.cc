// GET /_localnotion/files/{upload_id}/{filename}?expires=&signature=: the bytes of an
// attached file upload, at the URL service::Context::RenderFileObject hands out. No bearer token:
// the HMAC signature in the link (over the upload id, the filename and the expiry) is the
// permission, as with the expiring links Notion hands out for files
// (https://developers.notion.com/reference/file-object). A bad or
// missing signature and an expired link answer 403 restricted_resource, an unknown
// upload 404 object_not_found (JSON error bodies, like every other localnotion error).
// Any other method answers 400 invalid_request_url.
#include "http/error_response.h"
#include "http/pipeline.h"

namespace localnotion::http {
namespace {

// The upload id is the first segment after /_localnotion/files/; the file name that
// follows is signed with it (percent-decoded, as it was before the link encoded it).
Result<service::uploads::HostedFile> Serve(service::Context& s, const RouteArgs& a) {
  std::string_view rest = a.params[0];
  const size_t slash = rest.find('/');
  const std::string filename = slash == std::string_view::npos ? std::string() : PercentDecode(rest.substr(slash + 1));
  return service::uploads::ServeHostedFile(s, rest.substr(0, slash), filename, a.Query("expires"), a.Query("signature"));
}

}  // namespace

const std::vector<Route>& HostedFileRoutes() {
  static const std::vector<Route> kRoutes = {
      {.method = "GET", .path = "/_localnotion/files/{*}", .auth = Auth::kUrlSignature,
       .query = {"expires", "signature"}, .file = Serve},
      {.method = "HEAD", .path = "/_localnotion/files/{*}", .auth = Auth::kUrlSignature,
       .query = {"expires", "signature"}, .file = Serve},
  };
  return kRoutes;
}

Response Pipeline::HandleHostedFile(const Request& req, const MatchedRoute& match, const std::string& request_id) {
  if (match.route == nullptr) return ErrorResponse(FixedError(ErrorCode::kInvalidRequestUrl), request_id);
  RouteArgs args;
  args.params = match.params;
  args.query = ParseQuery(req.target, *match.route);
  // A workspace's links carry its prefix (/_localnotion/workspaces/{id}/files/...).
  std::shared_ptr<service::workspaces::Workspace> workspace = workspaces_.Default();
  if (!match.workspace.empty()) {
    auto found = workspaces_.Find(match.workspace);
    if (!found.ok()) return ErrorResponse(found.error(), request_id);
    workspace = std::move(*found);
  }
  auto served = service::RunInTxn(workspace->store(), workspace->state(), storage::TxnMode::kRead,
                                  [&](service::Context& ctx) { return match.route->file(ctx, args); });
  if (!served.ok()) return ErrorResponse(served.error(), request_id);
  Response res{200, std::move(served->bytes), request_id};
  res.content_type = served->content_type;
  return res;
}

}  // namespace localnotion::http
