#include "common/timezone.h"

#include <sys/stat.h>

#include <cstdlib>
#include <ctime>
#include <string>

namespace localnotion {

bool IsTimeZone(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
              c == '-' || c == '+';
    if (!ok) return false;
  }
  std::string path = "/usr/share/zoneinfo/" + std::string(name);
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::optional<int> UtcOffsetMinutes(std::string_view name, int year, int month, int day, int hour, int minute,
                                    int second) {
  if (!IsTimeZone(name)) return std::nullopt;
  const char* old = std::getenv("TZ");
  std::string saved = old ? old : "";
  setenv("TZ", std::string(name).c_str(), 1);
  tzset();
  std::tm local{};
  local.tm_year = year - 1900;
  local.tm_mon = month - 1;
  local.tm_mday = day;
  local.tm_hour = hour;
  local.tm_min = minute;
  local.tm_sec = second;
  local.tm_isdst = -1;
  std::time_t t = mktime(&local);
  std::tm back{};
  localtime_r(&t, &back);
  long offset = back.tm_gmtoff;
  if (old) {
    setenv("TZ", saved.c_str(), 1);
  } else {
    unsetenv("TZ");
  }
  tzset();
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return static_cast<int>(offset / 60);
}

}  // namespace localnotion
