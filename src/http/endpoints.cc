// The /v1 rows of the route table (routes.h): Notion's public API, mirroring the SDK's
// api-endpoints (https://developers.notion.com/reference/intro). Each row states the
// capability it needs, its Notion-Version range and the query keys it reads.
#include "http/multipart.h"
#include "http/routes.h"
#include "service/blocks/blocks.h"
#include "service/blocks/meeting_notes.h"
#include "service/comments/comments.h"
#include "service/databases/databases.h"
#include "service/emojis/emojis.h"
#include "service/pages/pages.h"
#include "service/search/search.h"
#include "service/tasks/async_tasks.h"
#include "service/uploads/uploads.h"
#include "service/users/users.h"
#include "service/views/views.h"

namespace localnotion::http {
namespace {

using service::Caller;
using service::Context;
using service::Need;
namespace blocks = service::blocks;
namespace comments = service::comments;
namespace databases = service::databases;
namespace pages = service::pages;
namespace search = service::search;
namespace uploads = service::uploads;
namespace users = service::users;
namespace views = service::views;

service::PageArgs Paging(const RouteArgs& a) {
  return service::PageArgs{a.Query("start_cursor"), a.Query("page_size")};
}

// POST /v1/file_uploads/{id}/send: the multipart/form-data fields `file` and
// `part_number`. A body of another type reads as a form without fields.
Result<json::value> SendFileUpload(Context& s, const Caller& c, const RouteArgs& a) {
  uploads::SendForm form;
  std::optional<std::string> boundary = MultipartBoundary(a.content_type);
  if (boundary && a.raw_body != nullptr) {
    LN_ASSIGN_OR_RETURN(std::vector<MultipartField> fields, ParseMultipart(*boundary, *a.raw_body));
    for (const MultipartField& f : fields) {
      if (f.name == "file" && !form.file) {
        form.file = uploads::FormFile{f.filename, f.content_type, f.data};
      } else if (f.name == "part_number" && !form.part_number) {
        form.part_number = std::string(f.data);
      } else {
        form.other_fields.push_back(f.name);
      }
    }
  }
  return uploads::SendFileUpload(s, c, a.params[0], form);
}

const std::vector<Route>& Table() {
  using api::ApiVersion;
  const std::vector<std::string_view> kPaging = {"start_cursor", "page_size"};
  static const std::vector<Route> kTable = {
      // Users (https://developers.notion.com/reference/get-users).
      {.method = "GET",
       .path = "/v1/users/me",
       .need = Need::kNothing,
       .api = [](Context& s, const Caller& c, const RouteArgs&) { return users::GetSelf(s, c); }},
      {.method = "GET",
       .path = "/v1/users",
       .need = Need::kUserInformation,
       .query = kPaging,
       .api = [](Context& s, const Caller& c, const RouteArgs& a) { return users::ListUsers(s, c, Paging(a)); }},
      {.method = "GET",
       .path = "/v1/users/{}",
       .need = Need::kUserInformation,
       .api = [](Context& s, const Caller& c, const RouteArgs& a) { return users::GetUser(s, c, a.params[0]); }},
      {.method = "POST",
       .path = "/v1/search",
       .need = Need::kReadContent,
       .api_text = [](Context& s, const Caller& c, const RouteArgs& a) { return search::SearchText(s, c, *a.body); }},
      // Pages (https://developers.notion.com/reference/post-page).
      {.method = "POST",
       .path = "/v1/pages",
       .need = Need::kInsertContent,
       .api_text = [](Context& s, const Caller& c,
                      const RouteArgs& a) { return pages::CreatePageText(s, c, *a.body); }},
      {.method = "GET",
       .path = "/v1/pages/{}",
       .need = Need::kReadContent,
       .query = {"filter_properties"},
       .reads_page_first = true,
       .api_text =
           [](Context& s, const Caller& c, const RouteArgs& a) {
             return pages::GetPageText(s, c, a.params[0], a.QueryAll("filter_properties"));
           }},
      {.method = "PATCH",
       .path = "/v1/pages/{}",
       .need = Need::kUpdateContent,
       .query = {"filter_properties"},
       .api_text =
           [](Context& s, const Caller& c, const RouteArgs& a) {
             return pages::UpdatePageText(s, c, a.params[0], *a.body, a.QueryAll("filter_properties"));
           }},
      // Markdown content (https://developers.notion.com/reference/retrieve-page-markdown).
      {.method = "GET",
       .path = "/v1/pages/{}/markdown",
       .need = Need::kReadContent,
       .query = {"include_transcript"},
       .api =
           [](Context& s, const Caller& c, const RouteArgs& a) {
             return pages::GetPageMarkdown(s, c, a.params[0], a.Query("include_transcript"));
           }},
      {.method = "PATCH",
       .path = "/v1/pages/{}/markdown",
       .need = Need::kUpdateContent,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return pages::UpdatePageMarkdown(s, c, a.params[0], *a.body); }},
      {.method = "POST",
       .path = "/v1/pages/{}/move",
       .need = Need::kUpdateContent,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return pages::MovePage(s, c, a.params[0], *a.body); }},
      {.method = "GET",
       .path = "/v1/pages/{}/properties/{}",
       .need = Need::kReadContent,
       .query = kPaging,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return pages::GetPageProperty(s, c, a.params[0], a.params[1], Paging(a)); }},
      // Databases and data sources (https://developers.notion.com/docs/upgrade-guide-2025-09-03).
      {.method = "POST",
       .path = "/v1/databases",
       .need = Need::kInsertContent,
       .api = [](Context& s, const Caller& c, const RouteArgs& a) { return databases::CreateDatabase(s, c, *a.body); }},
      {.method = "GET",
       .path = "/v1/databases/{}",
       .need = Need::kReadContent,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return databases::GetDatabase(s, c, a.params[0]); }},
      {.method = "POST",
       .path = "/v1/databases/{}/query",
       .need = Need::kReadContent,
       .max_version = ApiVersion::k2022_06_28,
       .query = {"filter_properties"},
       .api_text =
           [](Context& s, const Caller& c, const RouteArgs& a) {
             return databases::QueryDataSourceText(s, c, a.params[0], /*by_database=*/true, *a.body,
                                                   a.QueryAll("filter_properties"));
           }},
      {.method = "POST",
       .path = "/v1/data_sources/{}/query",
       .need = Need::kReadContent,
       .min_version = ApiVersion::k2025_09_03,
       .query = {"filter_properties"},
       .api_text =
           [](Context& s, const Caller& c, const RouteArgs& a) {
             return databases::QueryDataSourceText(s, c, a.params[0], /*by_database=*/false, *a.body,
                                                   a.QueryAll("filter_properties"));
           }},
      {.method = "PATCH",
       .path = "/v1/databases/{}",
       .need = Need::kUpdateContent,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return databases::UpdateDatabase(s, c, a.params[0], *a.body); }},
      {.method = "POST",
       .path = "/v1/data_sources",
       .need = Need::kInsertContent,
       .min_version = ApiVersion::k2025_09_03,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return databases::CreateDataSource(s, c, *a.body); }},
      {.method = "GET",
       .path = "/v1/data_sources/{}",
       .need = Need::kReadContent,
       .min_version = ApiVersion::k2025_09_03,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return databases::GetDataSource(s, c, a.params[0]); }},
      {.method = "PATCH",
       .path = "/v1/data_sources/{}",
       .need = Need::kUpdateContent,
       .min_version = ApiVersion::k2025_09_03,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return databases::UpdateDataSource(s, c, a.params[0], *a.body); }},
      {.method = "GET",
       .path = "/v1/data_sources/{}/templates",
       .need = Need::kReadContent,
       .min_version = ApiVersion::k2025_09_03,
       .query = {"name", "start_cursor", "page_size"},
       .api =
           [](Context& s, const Caller& c, const RouteArgs& a) {
             return pages::ListDataSourceTemplates(s, c, a.params[0], a.Query("name"), Paging(a));
           }},
      // Page content (service/blocks/blocks.cc; https://developers.notion.com/reference/patch-block-children).
      {.method = "GET",
       .path = "/v1/blocks/{}",
       .need = Need::kReadContent,
       .api = [](Context& s, const Caller& c, const RouteArgs& a) { return blocks::GetBlock(s, c, a.params[0]); }},
      {.method = "GET",
       .path = "/v1/blocks/{}/children",
       .need = Need::kReadContent,
       .query = kPaging,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return blocks::ListBlockChildren(s, c, a.params[0], Paging(a)); }},
      {.method = "PATCH",
       .path = "/v1/blocks/{}/children",
       .need = Need::kInsertContent,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return blocks::AppendBlockChildren(s, c, a.params[0], *a.body); }},
      {.method = "PATCH",
       .path = "/v1/blocks/{}",
       .need = Need::kUpdateContent,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return blocks::UpdateBlock(s, c, a.params[0], *a.body); }},
      {.method = "DELETE",
       .path = "/v1/blocks/{}",
       .need = Need::kUpdateContent,
       .api = [](Context& s, const Caller& c, const RouteArgs& a) { return blocks::DeleteBlock(s, c, a.params[0]); }},
      // AI meeting notes (service/blocks/meeting_notes.cc;
      // https://developers.notion.com/reference/create-meeting-note).
      {.method = "POST",
       .path = "/v1/blocks/meeting_notes",
       .need = Need::kInsertContent,
       .api = [](Context& s, const Caller& c, const RouteArgs& a) { return blocks::CreateMeetingNote(s, c, *a.body); }},
      {.method = "POST",
       .path = "/v1/blocks/meeting_notes/query",
       .need = Need::kReadContent,
       .api = [](Context& s, const Caller& c, const RouteArgs& a) { return blocks::QueryMeetingNotes(s, c, *a.body); }},
      // Async tasks (service/tasks/async_tasks.cc): the tasks of `allow_async` writes. A task
      // belongs to its integration; no capability is needed to poll it.
      {.method = "GET",
       .path = "/v1/async_tasks/{}",
       .need = Need::kNothing,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return service::tasks::GetAsyncTask(s, c, a.params[0]); }},
      // File uploads: uploading needs insert content, reading an upload needs read content
      // (https://developers.notion.com/docs/uploading-small-files).
      {.method = "POST",
       .path = "/v1/file_uploads",
       .need = Need::kInsertContent,
       .api = [](Context& s, const Caller& c, const RouteArgs& a) { return uploads::CreateFileUpload(s, c, *a.body); }},
      {.method = "POST",
       .path = "/v1/file_uploads/{}/send",
       .need = Need::kInsertContent,
       .raw_body = true,
       .api = SendFileUpload},
      {.method = "POST",
       .path = "/v1/file_uploads/{}/complete",
       .need = Need::kInsertContent,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return uploads::CompleteFileUpload(s, c, a.params[0]); }},
      {.method = "GET",
       .path = "/v1/file_uploads/{}",
       .need = Need::kReadContent,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return uploads::GetFileUpload(s, c, a.params[0]); }},
      {.method = "GET",
       .path = "/v1/file_uploads",
       .need = Need::kReadContent,
       .query = {"status", "start_cursor", "page_size"},
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return uploads::ListFileUploads(s, c, a.Query("status"), Paging(a)); }},
      // Custom emojis (https://developers.notion.com/reference/list-custom-emojis).
      {.method = "GET",
       .path = "/v1/custom_emojis",
       .need = Need::kReadContent,
       .query = {"name", "start_cursor", "page_size"},
       .api = [](Context& s, const Caller&,
                 const RouteArgs& a) { return service::emojis::ListCustomEmojis(s, a.Query("name"), Paging(a)); }},
      // Views, from 2025-09-03 on; an older version gets invalid_request_url, as for
      // /v1/data_sources (https://developers.notion.com/guides/data-apis/working-with-views).
      {.method = "GET",
       .path = "/v1/views",
       .need = Need::kReadContent,
       .min_version = ApiVersion::k2025_09_03,
       .query = {"database_id", "data_source_id", "start_cursor", "page_size"},
       .api =
           [](Context& s, const Caller& c, const RouteArgs& a) {
             return views::ListViews(s, c, a.Query("database_id"), a.Query("data_source_id"), Paging(a));
           }},
      {.method = "POST",
       .path = "/v1/views",
       .need = Need::kInsertOrUpdateContent,
       .min_version = ApiVersion::k2025_09_03,
       .api = [](Context& s, const Caller& c, const RouteArgs& a) { return views::CreateView(s, c, *a.body); }},
      {.method = "GET",
       .path = "/v1/views/{}",
       .need = Need::kReadContent,
       .min_version = ApiVersion::k2025_09_03,
       .api = [](Context& s, const Caller& c, const RouteArgs& a) { return views::GetView(s, c, a.params[0]); }},
      {.method = "PATCH",
       .path = "/v1/views/{}",
       .need = Need::kUpdateContent,
       .min_version = ApiVersion::k2025_09_03,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return views::UpdateView(s, c, a.params[0], *a.body); }},
      {.method = "DELETE",
       .path = "/v1/views/{}",
       .need = Need::kUpdateContent,
       .min_version = ApiVersion::k2025_09_03,
       .api = [](Context& s, const Caller& c, const RouteArgs& a) { return views::DeleteView(s, c, a.params[0]); }},
      {.method = "POST",
       .path = "/v1/views/{}/queries",
       .need = Need::kReadContent,
       .min_version = ApiVersion::k2025_09_03,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return views::CreateViewQuery(s, c, a.params[0], *a.body); }},
      {.method = "GET",
       .path = "/v1/views/{}/queries/{}",
       .need = Need::kReadContent,
       .min_version = ApiVersion::k2025_09_03,
       .query = kPaging,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return views::GetViewQueryResults(s, c, a.params[0], a.params[1], Paging(a)); }},
      {.method = "DELETE",
       .path = "/v1/views/{}/queries/{}",
       .need = Need::kReadContent,
       .min_version = ApiVersion::k2025_09_03,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return views::DeleteViewQuery(s, c, a.params[0], a.params[1]); }},
      // Comments (https://developers.notion.com/reference/create-a-comment).
      {.method = "POST",
       .path = "/v1/comments",
       .need = Need::kInsertComments,
       .api = [](Context& s, const Caller& c, const RouteArgs& a) { return comments::CreateComment(s, c, *a.body); }},
      {.method = "GET",
       .path = "/v1/comments",
       .need = Need::kReadComments,
       .query = {"block_id", "start_cursor", "page_size"},
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return comments::ListComments(s, c, a.Query("block_id"), Paging(a)); }},
      {.method = "GET",
       .path = "/v1/comments/{}",
       .need = Need::kReadComments,
       .api = [](Context& s, const Caller& c, const RouteArgs& a) { return comments::GetComment(s, c, a.params[0]); }},
      // Editing and deleting one's own comments (https://developers.notion.com/reference/update-a-comment).
      {.method = "PATCH",
       .path = "/v1/comments/{}",
       .need = Need::kInsertComments,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return comments::UpdateComment(s, c, a.params[0], *a.body); }},
      {.method = "DELETE",
       .path = "/v1/comments/{}",
       .need = Need::kInsertComments,
       .api = [](Context& s, const Caller& c,
                 const RouteArgs& a) { return comments::DeleteComment(s, c, a.params[0]); }},
  };
  return kTable;
}

}  // namespace

const std::vector<Route>& ApiRoutes() { return Table(); }

}  // namespace localnotion::http
