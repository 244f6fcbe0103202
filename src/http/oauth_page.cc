// The authorize page of GET /v1/oauth/authorize, plain server-rendered HTML: what the
// integration may do, the workspace's pages and databases with a checkbox each (sub-pages
// in a list inside their parent's item), and two buttons, "Allow access" and "Cancel", posting the form back to
// /v1/oauth/authorize
// (https://developers.notion.com/guides/get-started/authorization#prompt-for-a-standard-integration-with-no-template-option-default).
// Every value shown is escaped (http/html.h).
#include "http/oauth_page.h"
#include "http/html.h"

namespace localnotion::http {
namespace {

constexpr const char* kHead = R"(<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Authorize)";
constexpr const char* kStyle = R"(</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
ul{list-style:none;padding:0}li{padding:.3rem 0}button{font-size:1rem;padding:.4rem 1rem;margin-right:.5rem}
.error{color:#b00}</style></head>
<body>
)";

std::string Hidden(const char* name, const std::string& value) {
  return std::string("<input type=\"hidden\" name=\"") + name + "\" value=\"" + EscapeHtml(value) + "\">\n";
}

}  // namespace

std::string AuthorizePageHtml(const AuthorizePage& page) {
  std::string html = std::string(kHead) + " " + EscapeHtml(page.integration_name) + kStyle;
  html += "<h1>" + EscapeHtml(page.integration_name) + " would like access to " + EscapeHtml(page.workspace_name) +
          "</h1>\n";
  html += "<p>It will be able to: " + EscapeHtml(page.capabilities) + ".</p>\n";
  html += "<form method=\"post\" action=\"/v1/oauth/authorize\">\n";
  html += Hidden("client_id", page.params.client_id);
  if (page.params.redirect_uri) html += Hidden("redirect_uri", *page.params.redirect_uri);
  html += Hidden("response_type", page.params.response_type);
  html += Hidden("owner", page.params.owner);
  if (page.params.state) html += Hidden("state", *page.params.state);
  html += "<p>Select the pages it may use (and everything below them):</p>\n<ul>\n";
  // Sub-pages are listed in a list of their own inside their parent's item.
  int open = 0;  // lists opened below the top one
  for (size_t i = 0; i < page.pages.size(); ++i) {
    const service::oauth::Pickable& p = page.pages[i];
    const std::string id = EscapeHtml(p.id);
    const std::string title = EscapeHtml(p.title.empty() ? "Untitled" : p.title);
    html += "<li><label><input type=\"checkbox\" name=\"page\" value=\"" + id + "\" data-title=\"" + title +
            "\" data-depth=\"" + std::to_string(p.depth) + "\"> " + title +
            (p.kind == "database" ? " (database)" : "") + "</label>";
    const int next = i + 1 < page.pages.size() ? page.pages[i + 1].depth : 0;
    if (next > p.depth) {
      html += "\n<ul>\n";
      ++open;
      continue;
    }
    html += "</li>\n";
    for (int d = p.depth; d > next && open > 0; --d, --open) html += "</ul></li>\n";
  }
  if (page.pages.empty()) html += "<li>This workspace has no pages yet.</li>\n";
  html +=
      "</ul>\n<button type=\"submit\" name=\"action\" value=\"allow\">Allow access</button>"
      "<button type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button>\n</form>\n</body>\n</html>\n";
  return html;
}

std::string AuthorizeErrorHtml(const std::string& message) {
  return std::string(kHead) + kStyle + "<h1>Cannot authorize</h1>\n<p class=\"error\">" + EscapeHtml(message) +
         "</p>\n</body>\n</html>\n";
}

}  // namespace localnotion::http
