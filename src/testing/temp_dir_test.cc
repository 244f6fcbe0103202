// TempDir: a fresh, empty, writable directory per instance, removed with its contents.
#include "testing/temp_dir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace localnotion::testing {
namespace {

namespace fs = std::filesystem;

TEST(TempDir, CreatesAFreshDirectoryAndRemovesItWithItsContents) {
  fs::path kept;
  {
    TempDir dir("ln_tempdir_test_");
    kept = dir.path();
    ASSERT_TRUE(fs::is_directory(kept));
    EXPECT_TRUE(fs::is_empty(kept));
    EXPECT_EQ(kept.parent_path(), fs::temp_directory_path());
    EXPECT_EQ(kept.filename().string().rfind("ln_tempdir_test_", 0), 0u);
    EXPECT_EQ(dir.str(), kept.string());
    EXPECT_EQ(dir.File("a.db"), (kept / "a.db").string());
    std::ofstream(dir.File("a.db")) << "x";
    fs::create_directory(kept / "sub");
    std::ofstream((kept / "sub" / "b").string()) << "y";
    ASSERT_TRUE(fs::exists(dir.File("a.db")));
  }
  EXPECT_FALSE(fs::exists(kept));
}

TEST(TempDir, TwoInstancesDiffer) {
  TempDir a, b;
  EXPECT_NE(a.path(), b.path());
}

}  // namespace
}  // namespace localnotion::testing
