// The generation file (sqlite/generation_file.h): made at zero, shared by every opening
// of one store path (each stands for a process), kept across openings.
#include "storage/sqlite/generation_file.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

namespace localnotion::storage {
namespace {

TEST(GenerationFileTest, EveryOpeningOfAStoreSeesEachOthersBumpsAndTheyStay) {
  std::string dir = (std::filesystem::temp_directory_path() / "ln_generation_XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  const std::string store = dir + "/store.db";
  {
    Result<std::unique_ptr<GenerationFile>> a = GenerationFile::Open(store);
    ASSERT_TRUE(a.ok()) << a.error().message;
    Result<std::unique_ptr<GenerationFile>> b = GenerationFile::Open(store);
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ((*a)->Read(), 0);
    (*a)->Bump();
    EXPECT_EQ((*b)->Read(), 1);
    (*b)->Bump();
    (*b)->Bump();
    EXPECT_EQ((*a)->Read(), 3);
    EXPECT_EQ(std::filesystem::file_size(GenerationFile::PathOf(store)), sizeof(int64_t));
  }
  Result<std::unique_ptr<GenerationFile>> again = GenerationFile::Open(store);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ((*again)->Read(), 3);
  // Another store's file is another number.
  Result<std::unique_ptr<GenerationFile>> other = GenerationFile::Open(dir + "/other.db");
  ASSERT_TRUE(other.ok()) << other.error().message;
  EXPECT_EQ((*other)->Read(), 0);
  // A directory that does not exist: an error, not a crash.
  Result<std::unique_ptr<GenerationFile>> missing = GenerationFile::Open(dir + "/no/such/store.db");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("cannot open " + dir + "/no/such/store.db.generation"), std::string::npos)
      << missing.error().message;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace localnotion::storage
