// testing::TempDir: a fresh directory under the system temporary directory, created by
// the constructor (mkdtemp, so parallel tests never share one) and removed with all its
// contents by the destructor. Creation failure throws, which GoogleTest reports as a
// test failure.
#pragma once

#include <stdlib.h>

#include <cerrno>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace localnotion::testing {

class TempDir {
 public:
  // `prefix` names the directory (`<tmp>/<prefix>XXXXXX`), to tell tests' leftovers apart.
  explicit TempDir(std::string_view prefix = "ln_test_") {
    std::string tmpl = (std::filesystem::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      throw std::system_error(errno, std::generic_category(), "mkdtemp " + tmpl);
    }
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // The directory as a string, and a path inside it (`File("x.db")`).
  std::string str() const { return path_.string(); }
  std::string File(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace localnotion::testing
