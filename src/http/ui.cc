// The web UI under /_localnotion/ui/ (docs/ui.md): the files of web/ui/dist, compiled
// into the binary (ui_assets.h). The files need no token: they hold no workspace data.
// The UI itself asks for the admin token and reads everything through the admin API and
// /v1 like any client.
//
// - A file of the build answers with its content type. Files under assets/ carry a hash
//   of their content in their name (Vite), so they may be cached for a year; index.html
//   is revalidated every time, so that a new binary shows its new UI at once.
// - Any other path without a file extension is a screen of the single-page app
//   (/_localnotion/ui/databases/{id}, ...): it answers index.html, which routes on the
//   client. A missing file (an extension) answers 404.
// - A binary built without npm has no files: every path answers a page saying so.
#include <algorithm>
#include <string>

#include "http/routes.h"
#include "http/ui_assets.h"

namespace localnotion::http {
namespace {

constexpr std::string_view kNotBuilt = R"(<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>localnotion: web UI not built</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;line-height:1.5">
<h1>The web UI was not built into this binary</h1>
<p>This localnotion was built without its web UI, which needs Node.js and npm at build time.
Build it with <code>make build</code> (which runs <code>npm ci</code> and <code>npm run build</code> in
<code>web/ui</code>, then compiles the files into the binary), and start the server again.</p>
<p>The API under <code>/v1</code> and the admin API under <code>/_localnotion/</code> work without it.</p>
</body>
</html>
)";

constexpr std::string_view kMissing = "Not found: this file is not part of the web UI.\n";

const UiAsset* FindAsset(const std::vector<UiAsset>& assets, std::string_view path) {
  auto it = std::lower_bound(assets.begin(), assets.end(), path,
                             [](const UiAsset& a, std::string_view p) { return a.path < p; });
  return it != assets.end() && it->path == path ? &*it : nullptr;
}

// Whether the last segment of `path` has an extension ("assets/x.js", "favicon.ico").
bool NamesAFile(std::string_view path) {
  std::string_view last = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  return last.find('.') != std::string_view::npos;
}

Response Answer(const OpenArgs& args) { return ServeUiFile(UiAssets(), args.path, args.request_id); }

}  // namespace

Response ServeUiFile(const std::vector<UiAsset>& assets, std::string_view path, const std::string& request_id) {
  if (assets.empty()) {
    Response res{404, std::string(kNotBuilt), request_id};
    res.content_type = "text/html; charset=utf-8";
    res.cache_control = "no-store";
    return res;
  }
  const UiAsset* asset = path.empty() ? nullptr : FindAsset(assets, path);
  if (asset == nullptr && NamesAFile(path)) {
    Response res{404, std::string(kMissing), request_id};
    res.content_type = "text/plain; charset=utf-8";
    res.cache_control = "no-store";
    return res;
  }
  // cmake/embed_ui.cmake embeds a build only when it has its index.html.
  if (asset == nullptr) asset = FindAsset(assets, "index.html");
  Response res{200, std::string(asset->bytes), request_id};
  res.content_type = std::string(asset->content_type);
  res.cache_control = asset->path.rfind("assets/", 0) == 0 ? "public, max-age=31536000, immutable" : "no-cache";
  return res;
}

const std::vector<Route>& UiRoutes() {
  static const std::vector<Route> routes = {
      {.method = "GET", .path = "/_localnotion/ui", .auth = Auth::kNone, .open = Answer},
      {.method = "GET", .path = "/_localnotion/ui/{*}", .auth = Auth::kNone, .open = Answer},
      {.method = "HEAD", .path = "/_localnotion/ui", .auth = Auth::kNone, .open = Answer},
      {.method = "HEAD", .path = "/_localnotion/ui/{*}", .auth = Auth::kNone, .open = Answer},
  };
  return routes;
}

}  // namespace localnotion::http
