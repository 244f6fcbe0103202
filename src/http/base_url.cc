#include "http/base_url.h"

#include <algorithm>
#include <cstring>

namespace localnotion::http {
namespace {

bool IsAuthorityChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return c != '\0' && std::strchr("-._~!$&'()*+,;=%:[]", c) != nullptr;
}

}  // namespace

std::string BaseUrlOfHost(std::string_view host) {
  if (host.empty() || !std::all_of(host.begin(), host.end(), IsAuthorityChar)) return "http://127.0.0.1";
  return "http://" + std::string(host);
}

}  // namespace localnotion::http
