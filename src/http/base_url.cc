#include "http/base_url.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace localnotion::http {
namespace {

// The bytes RFC 3986 allows in an authority (unreserved, sub-delims, ':', '%', and the
// brackets of an IPv6 literal), one entry per byte.
constexpr std::array<bool, 256> kAuthorityChars = [] {
  std::array<bool, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  for (char c : std::string_view("-._~!$&'()*+,;=%:[]")) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

}  // namespace

std::string BaseUrlOfHost(std::string_view host) {
  const bool valid = !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return kAuthorityChars[static_cast<unsigned char>(c)];
  });
  if (!valid) return "http://127.0.0.1";
  std::string url;
  url.reserve(7 + host.size());
  url.append("http://").append(host);
  return url;
}

}  // namespace localnotion::http
