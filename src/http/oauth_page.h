// The HTML of the OAuth authorize page (oauth_page.cc), shown by GET /v1/oauth/authorize
// (oauth_endpoints.cc).
#pragma once

#include <string>
#include <vector>

#include "service/oauth/oauth.h"

namespace localnotion::http {

struct AuthorizePage {
  std::string integration_name;
  std::string workspace_name;
  std::string capabilities;  // as stored: "read,update,..."
  service::oauth::AuthorizeParams params;
  std::vector<service::oauth::Pickable> pages;
};

std::string AuthorizePageHtml(const AuthorizePage& page);
// A page that says why the authorization URL cannot be served (unknown client,
// unregistered redirect URI, ...): those errors are never sent to a redirect URI.
std::string AuthorizeErrorHtml(const std::string& message);

}  // namespace localnotion::http
