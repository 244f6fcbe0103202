// The /v1 rows of the route table (routes.h): Notion's public API, mirroring the SDK's
// api-endpoints (https://developers.notion.com/reference/intro). Each row states the
// capability it needs, its Notion-Version range and the query keys it reads.
#include "http/multipart.h"
#include "http/routes.h"

namespace localnotion::http {
namespace {

using service::Caller;
using service::Need;
using service::Service;

service::PageArgs Paging(const RouteArgs& a) { return service::PageArgs{a.Query("start_cursor"), a.Query("page_size")}; }

// POST /v1/file_uploads/{id}/send: the multipart/form-data fields `file` and
// `part_number`. A body of another type reads as a form without fields.
Result<json::value> SendFileUpload(Service& s, const Caller& c, const RouteArgs& a) {
  Service::SendForm form;
  std::optional<std::string> boundary = MultipartBoundary(a.content_type);
  if (boundary && a.raw_body != nullptr) {
    LN_ASSIGN_OR_RETURN(std::vector<MultipartField> fields, ParseMultipart(*boundary, *a.raw_body));
    for (const MultipartField& f : fields) {
      if (f.name == "file" && !form.file) {
        form.file = Service::FormFile{f.filename, f.content_type, f.data};
      } else if (f.name == "part_number" && !form.part_number) {
        form.part_number = std::string(f.data);
      } else {
        form.other_fields.push_back(f.name);
      }
    }
  }
  return s.SendFileUpload(c, a.params[0], form);
}

const std::vector<Route>& Table() {
  using api::ApiVersion;
  const std::vector<std::string_view> kPaging = {"start_cursor", "page_size"};
  static const std::vector<Route> kTable = {
      // Users (https://developers.notion.com/reference/get-users).
      {.method = "GET", .path = "/v1/users/me", .need = Need::kNothing,
       .api = [](Service& s, const Caller& c, const RouteArgs&) { return s.GetSelf(c); }},
      {.method = "GET", .path = "/v1/users", .need = Need::kUserInformation, .query = kPaging,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.ListUsers(c, Paging(a)); }},
      {.method = "GET", .path = "/v1/users/{}", .need = Need::kUserInformation,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetUser(c, a.params[0]); }},
      {.method = "POST", .path = "/v1/search", .need = Need::kReadContent,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.Search(c, *a.body); }},
      // Pages (https://developers.notion.com/reference/post-page).
      {.method = "POST", .path = "/v1/pages", .need = Need::kInsertContent,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.CreatePage(c, *a.body); }},
      {.method = "GET", .path = "/v1/pages/{}", .need = Need::kReadContent, .query = {"filter_properties"},
       .api = [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.GetPage(c, a.params[0], a.QueryAll("filter_properties"));
       }},
      {.method = "PATCH", .path = "/v1/pages/{}", .need = Need::kUpdateContent, .query = {"filter_properties"},
       .api = [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.UpdatePage(c, a.params[0], *a.body, a.QueryAll("filter_properties"));
       }},
      {.method = "GET", .path = "/v1/pages/{}/properties/{}", .need = Need::kReadContent, .query = kPaging,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.GetPageProperty(c, a.params[0], a.params[1], Paging(a));
       }},
      // Databases and data sources (https://developers.notion.com/docs/upgrade-guide-2025-09-03).
      {.method = "POST", .path = "/v1/databases", .need = Need::kInsertContent,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.CreateDatabase(c, *a.body); }},
      {.method = "GET", .path = "/v1/databases/{}", .need = Need::kReadContent,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetDatabase(c, a.params[0]); }},
      {.method = "POST", .path = "/v1/databases/{}/query", .need = Need::kReadContent,
       .max_version = ApiVersion::k2022_06_28, .query = {"filter_properties"},
       .api = [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.QueryDataSource(c, a.params[0], /*by_database=*/true, *a.body, a.QueryAll("filter_properties"));
       }},
      {.method = "POST", .path = "/v1/data_sources/{}/query", .need = Need::kReadContent,
       .min_version = ApiVersion::k2025_09_03, .query = {"filter_properties"},
       .api = [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.QueryDataSource(c, a.params[0], /*by_database=*/false, *a.body, a.QueryAll("filter_properties"));
       }},
      {.method = "PATCH", .path = "/v1/databases/{}", .need = Need::kUpdateContent,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.UpdateDatabase(c, a.params[0], *a.body); }},
      {.method = "POST", .path = "/v1/data_sources", .need = Need::kInsertContent, .min_version = ApiVersion::k2025_09_03,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.CreateDataSource(c, *a.body); }},
      {.method = "GET", .path = "/v1/data_sources/{}", .need = Need::kReadContent, .min_version = ApiVersion::k2025_09_03,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetDataSource(c, a.params[0]); }},
      {.method = "PATCH", .path = "/v1/data_sources/{}", .need = Need::kUpdateContent,
       .min_version = ApiVersion::k2025_09_03,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.UpdateDataSource(c, a.params[0], *a.body); }},
      // Page content (service/blocks.cc; https://developers.notion.com/reference/patch-block-children).
      {.method = "GET", .path = "/v1/blocks/{}", .need = Need::kReadContent,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetBlock(c, a.params[0]); }},
      {.method = "GET", .path = "/v1/blocks/{}/children", .need = Need::kReadContent, .query = kPaging,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.ListBlockChildren(c, a.params[0], Paging(a)); }},
      {.method = "PATCH", .path = "/v1/blocks/{}/children", .need = Need::kInsertContent,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.AppendBlockChildren(c, a.params[0], *a.body); }},
      {.method = "PATCH", .path = "/v1/blocks/{}", .need = Need::kUpdateContent,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.UpdateBlock(c, a.params[0], *a.body); }},
      {.method = "DELETE", .path = "/v1/blocks/{}", .need = Need::kUpdateContent,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.DeleteBlock(c, a.params[0]); }},
      // File uploads: uploading needs insert content, reading an upload needs read content
      // (https://developers.notion.com/docs/uploading-small-files).
      {.method = "POST", .path = "/v1/file_uploads", .need = Need::kInsertContent,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.CreateFileUpload(c, *a.body); }},
      {.method = "POST", .path = "/v1/file_uploads/{}/send", .need = Need::kInsertContent, .raw_body = true,
       .api = SendFileUpload},
      {.method = "POST", .path = "/v1/file_uploads/{}/complete", .need = Need::kInsertContent,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.CompleteFileUpload(c, a.params[0]); }},
      {.method = "GET", .path = "/v1/file_uploads/{}", .need = Need::kReadContent,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetFileUpload(c, a.params[0]); }},
      {.method = "GET", .path = "/v1/file_uploads", .need = Need::kReadContent,
       .query = {"status", "start_cursor", "page_size"},
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.ListFileUploads(c, a.Query("status"), Paging(a)); }},
      // Comments (https://developers.notion.com/reference/create-a-comment).
      {.method = "POST", .path = "/v1/comments", .need = Need::kInsertComments,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.CreateComment(c, *a.body); }},
      {.method = "GET", .path = "/v1/comments", .need = Need::kReadComments,
       .query = {"block_id", "start_cursor", "page_size"},
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.ListComments(c, a.Query("block_id"), Paging(a)); }},
      {.method = "GET", .path = "/v1/comments/{}", .need = Need::kReadComments,
       .api = [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetComment(c, a.params[0]); }},
  };
  return kTable;
}

}  // namespace

const std::vector<Route>& ApiRoutes() { return Table(); }

}  // namespace localnotion::http
