#include "http/endpoints.h"

#include <array>

namespace localnotion::http {
namespace {

using service::Caller;
using service::Service;

service::PageArgs Paging(const RouteArgs& a) { return service::PageArgs{a.Query("start_cursor"), a.Query("page_size")}; }

const std::vector<Endpoint>& Table() {
  static const std::vector<Endpoint> kTable = {
      {"GET", "/v1/users/me", [](Service& s, const Caller& c, const RouteArgs&) { return s.GetSelf(c); }},
      {"GET", "/v1/users", [](Service& s, const Caller& c, const RouteArgs& a) { return s.ListUsers(c, Paging(a)); }},
      {"GET", "/v1/users/{}", [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetUser(c, a.params[0]); }},
      {"POST", "/v1/search", [](Service& s, const Caller& c, const RouteArgs& a) { return s.Search(c, *a.body); }},
      {"POST", "/v1/pages", [](Service& s, const Caller& c, const RouteArgs& a) { return s.CreatePage(c, *a.body); }},
      {"GET", "/v1/pages/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.GetPage(c, a.params[0], a.QueryAll("filter_properties"));
       }},
      {"PATCH", "/v1/pages/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.UpdatePage(c, a.params[0], *a.body, a.QueryAll("filter_properties"));
       }},
      {"GET", "/v1/pages/{}/properties/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.GetPageProperty(c, a.params[0], a.params[1], Paging(a));
       }},
      {"POST", "/v1/databases",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.CreateDatabase(c, *a.body); }},
      {"GET", "/v1/databases/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetDatabase(c, a.params[0]); }},
      {"POST", "/v1/databases/{}/query",
       [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.QueryDataSource(c, a.params[0], /*by_database=*/true, *a.body, a.QueryAll("filter_properties"));
       },
       false, true},
      {"POST", "/v1/data_sources/{}/query",
       [](Service& s, const Caller& c, const RouteArgs& a) {
         return s.QueryDataSource(c, a.params[0], /*by_database=*/false, *a.body, a.QueryAll("filter_properties"));
       },
       true},
      {"PATCH", "/v1/databases/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.UpdateDatabase(c, a.params[0], *a.body); }},
      {"POST", "/v1/data_sources",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.CreateDataSource(c, *a.body); }, true},
      {"GET", "/v1/data_sources/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetDataSource(c, a.params[0]); }, true},
      {"PATCH", "/v1/data_sources/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.UpdateDataSource(c, a.params[0], *a.body); },
       true},
      // Page content (service/blocks.cc).
      // needs: read content
      {"GET", "/v1/blocks/{}", [](Service& s, const Caller& c, const RouteArgs& a) { return s.GetBlock(c, a.params[0]); }},
      // needs: read content
      {"GET", "/v1/blocks/{}/children",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.ListBlockChildren(c, a.params[0], Paging(a)); }},
      // needs: insert content
      {"PATCH", "/v1/blocks/{}/children",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.AppendBlockChildren(c, a.params[0], *a.body); }},
      // needs: update content
      {"PATCH", "/v1/blocks/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.UpdateBlock(c, a.params[0], *a.body); }},
      // needs: update content
      {"DELETE", "/v1/blocks/{}",
       [](Service& s, const Caller& c, const RouteArgs& a) { return s.DeleteBlock(c, a.params[0]); }},
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

const Endpoint* MatchEndpoint(std::string_view method, std::string_view path, std::vector<std::string>& params) {
  for (const Endpoint& e : Table()) {
    if (e.method == method && MatchPath(e.path, path, params)) return &e;
  }
  return nullptr;
}

}  // namespace localnotion::http
