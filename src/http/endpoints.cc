#include "http/endpoints.h"

#include <array>

#include "http/multipart.h"

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

const std::vector<Endpoint>& Table() {
  static const std::vector<Endpoint> kTable = {
      {"GET", "/v1/users/me", [](Service& s, const Caller& c, const RouteArgs&) { return s.GetSelf(c); }, false, false,
       Need::kNothing},
      {"GET", "/v1/users", [](Service& s, const Caller& c, const RouteArgs& a) { return s.ListUsers(c, Paging(a)); },
       false, false, Need::kUserInformation},
      {"GET", "/v1/users/{}", [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetUser(c, a.params[0]); },
       false, false, Need::kUserInformation},
      {"POST", "/v1/search", [](Service& s, const Caller& c, const RouteArgs& a) { return s.Search(c, *a.body); }, false,
       false, Need::kReadContent},
      {"POST", "/v1/pages", [](Service& s, const Caller& c, const RouteArgs& a) { return s.CreatePage(c, *a.body); },
       false, false, Need::kInsertContent},
      {"GET", "/v1/pages/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.GetPage(c, a.params[0], a.QueryAll("filter_properties"));
       },
       false, false, Need::kReadContent},
      {"PATCH", "/v1/pages/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.UpdatePage(c, a.params[0], *a.body, a.QueryAll("filter_properties"));
       },
       false, false, Need::kUpdateContent},
      {"GET", "/v1/pages/{}/properties/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.GetPageProperty(c, a.params[0], a.params[1], Paging(a));
       },
       false, false, Need::kReadContent},
      {"POST", "/v1/databases",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.CreateDatabase(c, *a.body); }, false, false,
       Need::kInsertContent},
      {"GET", "/v1/databases/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetDatabase(c, a.params[0]); }, false, false,
       Need::kReadContent},
      {"POST", "/v1/databases/{}/query",
       [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.QueryDataSource(c, a.params[0], /*by_database=*/true, *a.body, a.QueryAll("filter_properties"));
       },
       false, true, Need::kReadContent},
      {"POST", "/v1/data_sources/{}/query",
       [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.QueryDataSource(c, a.params[0], /*by_database=*/false, *a.body, a.QueryAll("filter_properties"));
       },
       true, false, Need::kReadContent},
      {"PATCH", "/v1/databases/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.UpdateDatabase(c, a.params[0], *a.body); },
       false, false, Need::kUpdateContent},
      {"POST", "/v1/data_sources",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.CreateDataSource(c, *a.body); }, true, false,
       Need::kInsertContent},
      {"GET", "/v1/data_sources/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetDataSource(c, a.params[0]); }, true, false,
       Need::kReadContent},
      {"PATCH", "/v1/data_sources/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.UpdateDataSource(c, a.params[0], *a.body); },
       true, false, Need::kUpdateContent},
      // Page content (service/blocks.cc).
      {"GET", "/v1/blocks/{}", [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetBlock(c, a.params[0]); },
       false, false, Need::kReadContent},
      {"GET", "/v1/blocks/{}/children",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.ListBlockChildren(c, a.params[0], Paging(a)); },
       false, false, Need::kReadContent},
      {"PATCH", "/v1/blocks/{}/children",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.AppendBlockChildren(c, a.params[0], *a.body); },
       false, false, Need::kInsertContent},
      {"PATCH", "/v1/blocks/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.UpdateBlock(c, a.params[0], *a.body); },
       false, false, Need::kUpdateContent},
      {"DELETE", "/v1/blocks/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.DeleteBlock(c, a.params[0]); },
       false, false, Need::kUpdateContent},
      // File uploads: uploading needs insert content (Notion's file upload guide), reading
      // an upload needs read content.
      {"POST", "/v1/file_uploads",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.CreateFileUpload(c, *a.body); },
       false, false, Need::kInsertContent},
      {"POST", "/v1/file_uploads/{}/send", SendFileUpload, false, false, Need::kInsertContent, /*raw_body=*/true},
      {"POST", "/v1/file_uploads/{}/complete",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.CompleteFileUpload(c, a.params[0]); },
       false, false, Need::kInsertContent},
      {"GET", "/v1/file_uploads/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetFileUpload(c, a.params[0]); },
       false, false, Need::kReadContent},
      {"GET", "/v1/file_uploads",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.ListFileUploads(c, a.Query("status"), Paging(a)); },
       false, false, Need::kReadContent},
      // Comments.
      {"POST", "/v1/comments", [](Service& s, const Caller& c, const RouteArgs& a) { return s.CreateComment(c, *a.body); },
       false, false, Need::kInsertComments},
      {"GET", "/v1/comments",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.ListComments(c, a.Query("block_id"), Paging(a)); },
       false, false, Need::kReadComments},
      {"GET", "/v1/comments/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetComment(c, a.params[0]); },
       false, false, Need::kReadComments},
  };
  return kTable;
}

bool MatchPath(std::string_view pattern, std::string_view path, std::vector<std::string>& params) {
  params.clear();
  while (true) {
    if (pattern.empty() || path.empty()) return pattern.empty() && path.empty();
    if (pattern[0] != '/' || path[0] != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    size_t pe = pattern.find('/');
    size_t se = path.find('/');
    std::string_view pseg = pattern.substr(0, pe);
    std::string_view sseg = path.substr(0, se);
    if (pseg == "{}") {
      if (sseg.empty()) return false;
      params.emplace_back(sseg);
    } else if (pseg != sseg) {
      return false;
    }
    pattern = pe == std::string_view::npos ? std::string_view{} : pattern.substr(pe);
    path = se == std::string_view::npos ? std::string_view{} : path.substr(se);
  }
}

}  // namespace

std::optional<std::string> RouteArgs::Query(const std::string& key) const {
  auto it = query.find(key);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> RouteArgs::QueryAll(const std::string& key) const {
  std::vector<std::string> out;
  auto [begin, end] = query.equal_range(key);
  for (auto it = begin; it != end; ++it) out.push_back(it->second);
  return out;
}

const std::vector<Endpoint>& AllEndpoints() { return Table(); }

const Endpoint* MatchEndpoint(std::string_view method, std::string_view path, std::vector<std::string>& params) {
  for (const Endpoint& e : Table()) {
    if (e.method == method && MatchPath(e.path, path, params)) return &e;
  }
  return nullptr;
}

}  // namespace localnotion::http
