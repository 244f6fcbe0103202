#include "validation/import_url.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>

namespace localnotion::validation {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The host of an absolute URL after its "scheme://": without userinfo, port, path,
// query or fragment; an IPv6 literal without its brackets. Empty when there is none.
std::string HostOf(std::string_view rest) {
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return "";
    return Lower(authority.substr(1, close - 1));
  }
  return Lower(authority.substr(0, authority.find(':')));
}

// RFC 6890 special-purpose IPv4 ranges, none of which is a public host.
bool PublicIpv4(uint32_t a) {
  struct Range {
    uint32_t net;
    int bits;
  };
  static constexpr std::array<Range, 14> kReserved = {{
      {0x00000000, 8},
      {0x0A000000, 8},
      {0x64400000, 10},
      {0x7F000000, 8},
      {0xA9FE0000, 16},
      {0xAC100000, 12},
      {0xC0000000, 24},
      {0xC0000200, 24},
      {0xC0A80000, 16},
      {0xC6120000, 15},
      {0xC6336400, 24},
      {0xCB007100, 24},
      {0xE0000000, 4},
      {0xF0000000, 4},
  }};
  for (const Range& r : kReserved) {
    uint32_t mask = r.bits == 0 ? 0 : ~uint32_t{0} << (32 - r.bits);
    if ((a & mask) == r.net) return false;
  }
  return true;
}

bool PublicIpv6(const unsigned char* b) {
  static constexpr unsigned char kZero[16] = {};
  if (std::memcmp(b, kZero, 15) == 0 && (b[15] == 0 || b[15] == 1)) return false;  // :: and ::1
  if ((b[0] & 0xFE) == 0xFC) return false;                                         // fc00::/7 unique local
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return false;                         // fe80::/10 link-local
  if (b[0] == 0xFF) return false;                                                  // multicast
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) return false;  // 2001:db8::/32 documentation
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::memcmp(b, kMapped, 12) == 0) {
    return PublicIpv4(uint32_t{b[12]} << 24 | uint32_t{b[13]} << 16 | uint32_t{b[14]} << 8 | b[15]);
  }
  return true;
}

}  // namespace

bool IsPublicHttpsUrl(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (url.size() < kScheme.size() || Lower(url.substr(0, kScheme.size())) != kScheme) return false;
  std::string host = HostOf(url.substr(kScheme.size()));
  if (!host.empty() && host.back() == '.') host.pop_back();
  if (host.empty()) return false;
  unsigned char addr[16];
  if (inet_pton(AF_INET6, host.c_str(), addr) == 1) return PublicIpv6(addr);
  if (inet_pton(AF_INET, host.c_str(), addr) == 1) {
    return PublicIpv4(uint32_t{addr[0]} << 24 | uint32_t{addr[1]} << 16 | uint32_t{addr[2]} << 8 | addr[3]);
  }
  // A host of digits and dots that inet_pton refused ("127.1", "2130706433") is an IPv4
  // address to some resolvers: not taken.
  if (host.find_first_not_of("0123456789.") == std::string::npos) return false;
  if (host.find('.') == std::string::npos) return false;
  for (std::string_view local : {".localhost", ".local", ".internal", ".lan", ".home.arpa"}) {
    if (EndsWith(host, local)) return false;
  }
  return host.find_first_of(" \t\\%") == std::string::npos;
}

Status CheckImportUrl(std::string_view url, const std::vector<std::string>& allowed_prefixes) {
  for (const std::string& prefix : allowed_prefixes) {
    if (!prefix.empty() && url.substr(0, prefix.size()) == prefix) return OkStatus();
  }
  if (IsPublicHttpsUrl(url)) return OkStatus();
  return ValidationError(std::string(kImportUrlRefused));
}

}  // namespace localnotion::validation
