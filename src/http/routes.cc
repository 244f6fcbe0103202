#include "http/routes.h"

#include <boost/url/parse.hpp>

#include <algorithm>

namespace localnotion::http {
namespace {

constexpr std::string_view kAdminPrefix = "/_localnotion/";
constexpr std::string_view kFilesPrefix = "/_localnotion/files/";
constexpr std::string_view kWorkspacesPrefix = "/_localnotion/workspaces/";

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Matches `path` against `pattern` segment by segment, filling `params`.
bool MatchPath(std::string_view pattern, std::string_view path, std::vector<std::string>& params) {
  params.clear();
  while (true) {
    if (pattern == "/{*}") {
      // The rest of the path, without its leading '/'.
      params.emplace_back(path.empty() ? std::string_view{} : path.substr(1));
      return true;
    }
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

// The first route of `routes` for `method` whose pattern matches `path`. A pattern's
// literal start is compared first, up to the '/' before its first '{' (a "/{*}" also
// matches nothing after that '/'): most routes differ there, and a memcmp costs less
// than matching segment by segment.
//
// The routes of a table are grouped by method once, each with its literal start, so that
// a request looks only at its method's routes (a GET no longer walks the PATCH routes).
class RouteIndex {
 public:
  explicit RouteIndex(const std::vector<Route>& routes) {
    for (const Route& r : routes) {
      auto group = std::find_if(groups_.begin(), groups_.end(), [&](const Group& g) { return g.method == r.method; });
      if (group == groups_.end()) group = groups_.insert(groups_.end(), Group{r.method, {}});
      std::string_view literal = r.path.substr(0, r.path.find('{'));
      if (!literal.empty() && literal.back() == '/') literal.remove_suffix(1);
      group->routes.push_back(Entry{&r, literal});
    }
  }

  const Route* Find(std::string_view method, std::string_view path, std::vector<std::string>& params) const {
    for (const Group& g : groups_) {
      if (g.method != method) continue;
      for (const Entry& e : g.routes) {
        if (StartsWith(path, e.literal) && MatchPath(e.route->path, path, params)) return e.route;
      }
      return nullptr;
    }
    return nullptr;
  }

 private:
  struct Entry {
    const Route* route;
    std::string_view literal;
  };
  struct Group {
    std::string_view method;
    std::vector<Entry> routes;  // in the table's order
  };
  std::vector<Group> groups_;
};

// The index of one of the tables of routes.h, made once; the tables never change.
template <const std::vector<Route>& (*Table)()>
const Route* FindRoute(std::string_view method, std::string_view path, std::vector<std::string>& params) {
  static const RouteIndex index(Table());
  return index.Find(method, path, params);
}

}  // namespace

std::optional<std::string> RouteArgs::Query(const std::string& key) const {
  auto it = query.lower_bound(key);
  if (it == query.end() || it->first != key) return std::nullopt;
  return it->second;
}

std::vector<std::string> RouteArgs::QueryAll(const std::string& key) const {
  std::vector<std::string> out;
  auto [begin, end] = query.equal_range(key);
  for (auto it = begin; it != end; ++it) out.push_back(it->second);
  return out;
}

std::string CollapseSlashes(std::string_view path) {
  if (path.find("//") == std::string_view::npos) return std::string(path);  // the usual case: one copy
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out.push_back(c);
  }
  return out;
}

std::string PercentDecode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

const std::vector<Route>& OpenRoutes() {
  static const std::vector<Route> routes = {
      {.method = "GET", .path = "/", .auth = Auth::kNone, .html_only = true, .open = LandingPage},
      {.method = "GET", .path = "/metrics", .auth = Auth::kNone, .open = MetricsAnswer},
      {.method = "GET", .path = "/_localnotion/ready", .auth = Auth::kNone, .open = ReadyAnswer},
  };
  return routes;
}

MatchedRoute MatchRoute(std::string_view method, std::string_view target) {
  MatchedRoute m;
  m.path = CollapseSlashes(target.substr(0, target.find('?')));
  if ((m.route = FindRoute<OpenRoutes>(method, m.path, m.params)) != nullptr) {
    m.group = Auth::kNone;
    return m;
  }
  if ((m.route = FindRoute<UiRoutes>(method, m.path, m.params)) != nullptr) {
    m.group = Auth::kNone;
    return m;
  }
  // /_localnotion/workspaces/{id}/REST: /_localnotion/REST in that workspace.
  if (StartsWith(m.path, kWorkspacesPrefix)) {
    std::string_view rest = std::string_view(m.path).substr(kWorkspacesPrefix.size());
    const size_t slash = rest.find('/');
    if (slash != std::string_view::npos && slash > 0 && rest.find_first_not_of('/', slash) != std::string_view::npos) {
      m.workspace = PercentDecode(rest.substr(0, slash));
      m.path = std::string(kAdminPrefix) + std::string(rest.substr(slash + 1));
    }
  }
  std::string_view path = m.path;
  if (StartsWith(path, kFilesPrefix)) {
    m.group = Auth::kUrlSignature;
    m.route = FindRoute<HostedFileRoutes>(method, path, m.params);
    return m;
  }
  if (StartsWith(path, kAdminPrefix)) {
    m.group = Auth::kAdminToken;
    while (path.size() > kAdminPrefix.size() && path.back() == '/') path.remove_suffix(1);
    for (const auto find : {&FindRoute<AdminRoutes>, &FindRoute<AdminIntegrationRoutes>, &FindRoute<AdminFixtureRoutes>,
                            &FindRoute<AdminWebhookRoutes>, &FindRoute<AdminEmojiRoutes>,
                            &FindRoute<AdminWorkspaceRoutes>, &FindRoute<AdminOAuthRoutes>}) {
      if ((m.route = find(method, path, m.params)) != nullptr) break;
    }
    if (m.route != nullptr && m.route->global && !m.workspace.empty()) m.route = nullptr;
    for (std::string& p : m.params) p = PercentDecode(p);
    return m;
  }
  if ((m.route = FindRoute<OAuthRoutes>(method, path, m.params)) != nullptr) {
    m.group = Auth::kOAuth;
    return m;
  }
  m.group = Auth::kBearerToken;
  m.route = FindRoute<ApiRoutes>(method, path, m.params);
  if (m.route == nullptr) m.route = FindRoute<UnimplementedApiRoutes>(method, path, m.params);
  return m;
}

std::multimap<std::string, std::string> ParseQuery(std::string_view target, const Route& route) {
  std::multimap<std::string, std::string> out;
  if (target.find('?') == std::string_view::npos || route.query.empty()) return out;
  // Clients send `key[]=v` with the brackets unencoded (axios, the MCP server), which
  // RFC 3986 does not allow in a query; encode them before parsing.
  std::string escaped;
  for (char c : target) {
    if (c == '[')
      escaped += "%5B";
    else if (c == ']')
      escaped += "%5D";
    else
      escaped += c;
  }
  auto parsed = boost::urls::parse_origin_form(escaped);
  if (!parsed) return out;
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  for (auto param : parsed->params(opts)) {
    std::string key = param.key;
    if (key.size() > 2 && key.substr(key.size() - 2) == "[]") key.resize(key.size() - 2);
    if (std::find(route.query.begin(), route.query.end(), key) == route.query.end()) continue;
    out.emplace(std::move(key), param.has_value ? std::string(param.value) : std::string());
  }
  return out;
}

}  // namespace localnotion::http
