// A main for the fuzz targets outside libFuzzer: runs LLVMFuzzerTestOneInput once on
// every file named on the command line (a directory stands for the files in it, sorted
// by name). The gcc builds link each target with it and register a test that replays
// the committed corpus (fuzz/corpus/<target>/), so the targets compile and every seed
// and past finding is checked by `ctest` in the release build and under ASan and UBSan
// (`make test-sanitize`), without the clang build that `make fuzz` needs for fuzzing
// itself (docs/fuzzing.md). A crash, a sanitizer report or a failed check in the
// target fails the test; the exit status is 1 when an argument cannot be read.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

bool ReadFile(const std::filesystem::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path arg(argv[i]);
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      std::vector<std::filesystem::path> in_dir;
      for (const auto& entry : std::filesystem::directory_iterator(arg)) {
        if (entry.is_regular_file()) in_dir.push_back(entry.path());
      }
      std::sort(in_dir.begin(), in_dir.end());
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else {
      files.push_back(arg);
    }
  }
  std::string bytes;
  for (const auto& file : files) {
    if (!ReadFile(file, bytes)) {
      std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
      return 1;
    }
    // A copy of exactly `size` bytes, as libFuzzer passes it, so that ASan sees a read
    // past the end of the input.
    std::vector<uint8_t> input(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(input.data(), input.size());
  }
  std::printf("replay: %zu inputs\n", files.size());
  return 0;
}
