// The web UI's files under /_localnotion/ui/ (ui.cc): content types and caching from
// the embedded table, the single-page app's fallback to index.html, 404 for a missing
// file, and the page a binary built without the UI answers.
#include <gtest/gtest.h>

#include "http/pipeline.h"
#include "http/routes.h"
#include "http/ui_assets.h"

namespace localnotion::http {
namespace {

const std::vector<UiAsset> kBuilt = {
    {"assets/index-1a2b.css", "text/css; charset=utf-8", "body{}"},
    {"assets/index-1a2b.js", "text/javascript; charset=utf-8", "console.log(1)"},
    {"favicon.svg", "image/svg+xml", "<svg/>"},
    {"index.html", "text/html; charset=utf-8", "<!doctype html><title>ui</title>"},
};

TEST(Ui, ServesAFileWithItsContentTypeAndCachesHashedAssetsForAYear) {
  Response js = ServeUiFile(kBuilt, "assets/index-1a2b.js", "r");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.cache_control, "public, max-age=31536000, immutable");
  Response svg = ServeUiFile(kBuilt, "favicon.svg", "r");
  EXPECT_EQ(svg.content_type, "image/svg+xml");
  EXPECT_EQ(svg.cache_control, "no-cache");
}

TEST(Ui, TheRootAndEveryScreenAnswerIndexHtmlRevalidatedEachTime) {
  for (std::string_view path : {"", "index.html", "databases/59833787-2cf9-4fdf-8782-e53db20768a5", "requests"}) {
    Response res = ServeUiFile(kBuilt, path, "r");
    EXPECT_EQ(res.status, 200) << path;
    EXPECT_EQ(res.body, "<!doctype html><title>ui</title>") << path;
    EXPECT_EQ(res.content_type, "text/html; charset=utf-8") << path;
    EXPECT_EQ(res.cache_control, "no-cache") << path;
  }
}

TEST(Ui, AMissingFileIsA404NotTheApp) {
  Response res = ServeUiFile(kBuilt, "assets/index-ffff.js", "r");
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(res.body, "Not found: this file is not part of the web UI.\n");
}

TEST(Ui, ABinaryWithoutTheUiSaysSoOnEveryPath) {
  for (std::string_view path : {"", "index.html", "databases/x"}) {
    Response res = ServeUiFile({}, path, "r");
    EXPECT_EQ(res.status, 404) << path;
    EXPECT_EQ(res.content_type, "text/html; charset=utf-8");
    EXPECT_NE(res.body.find("The web UI was not built into this binary"), std::string::npos);
    EXPECT_NE(res.body.find("make build"), std::string::npos);
  }
}

TEST(Ui, RoutesNeedNoTokenAndComeBeforeTheAdminApi) {
  for (std::string_view target : {"/_localnotion/ui", "/_localnotion/ui/", "/_localnotion/ui/assets/a.js",
                                  "/_localnotion/ui/databases/abc?x=1"}) {
    MatchedRoute m = MatchRoute("GET", target);
    EXPECT_EQ(m.group, Auth::kNone) << target;
    ASSERT_NE(m.route, nullptr) << target;
  }
  EXPECT_EQ(MatchRoute("GET", "/_localnotion/ui/assets/a.js").params, std::vector<std::string>{"assets/a.js"});
  EXPECT_EQ(MatchRoute("HEAD", "/_localnotion/ui/").group, Auth::kNone);
  // Another method is the admin API's (which answers it 401 without the admin token).
  EXPECT_EQ(MatchRoute("POST", "/_localnotion/ui/").group, Auth::kAdminToken);
  EXPECT_EQ(MatchRoute("GET", "/_localnotion/uix").group, Auth::kAdminToken);
}

TEST(Ui, ThePipelineServesTheEmbeddedBuildOrTheNotBuiltPage) {
  // Whichever this binary has: the answer for "/" is the same as ServeUiFile's.
  Request req;
  req.method = "GET";
  req.target = "/_localnotion/ui/";
  Response expected = ServeUiFile(UiAssets(), "", "r");
  MatchedRoute m = MatchRoute(req.method, req.target);
  ASSERT_NE(m.route, nullptr);
  Response res = m.route->open(OpenArgs{ServerInfo{}, Metrics{}, "", "r", m.params[0]});
  EXPECT_EQ(res.status, expected.status);
  EXPECT_EQ(res.body, expected.body);
}

}  // namespace
}  // namespace localnotion::http
