#include "common/token.h"

#include <random>

namespace localnotion {

std::string NewIntegrationToken() {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device rd;
  std::uniform_int_distribution<int> dist(0, sizeof(kChars) - 2);
  std::string s = "ntn_";
  for (int i = 0; i < 46; ++i) s.push_back(kChars[dist(rd)]);
  return s;
}

}  // namespace localnotion
