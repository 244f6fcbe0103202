// The multipart/form-data parser (http/multipart.h) of POST /v1/file_uploads/{id}/send.
// The input's first line is the request's Content-Type header, the rest its body; the
// body is also parsed with a fixed boundary, so that a mutation of the header does not
// hide the body from the parser.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_util.h"
#include "http/multipart.h"

using namespace localnotion;  // NOLINT

namespace {

void Parse(std::string_view boundary, std::string_view body) {
  auto fields = http::ParseMultipart(boundary, body);
  if (!fields.ok()) return;
  size_t total = 0;
  for (const http::MultipartField& f : *fields) {
    // Field data are views into the body.
    if (!f.data.empty() && (f.data.data() < body.data() || f.data.data() + f.data.size() > body.data() + body.size())) {
      __builtin_trap();
    }
    total += f.name.size() + f.data.size();
  }
  (void)total;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in = fuzz::AsText(data, size);
  size_t eol = in.find('\n');
  std::string_view header = eol == std::string_view::npos ? in : in.substr(0, eol);
  std::string_view body = eol == std::string_view::npos ? std::string_view() : in.substr(eol + 1);
  // The body ends where libFuzzer's copy of the input ends, so ASan sees a read past it.
  if (auto boundary = http::MultipartBoundary(header)) Parse(*boundary, body);
  Parse("X-BOUNDARY", body);
  return 0;
}
