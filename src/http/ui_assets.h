// The files of the web UI (web/ui/dist), compiled into the binary by
// cmake/embed_ui.cmake, which generates the definition of UiAssets() in the build
// directory. The table is empty when the UI was not built (no npm in the build).
#pragma once

#include <string_view>
#include <vector>

namespace localnotion::http {

struct UiAsset {
  std::string_view path;          // relative to dist/, e.g. "index.html", "assets/index-3f2a.js"
  std::string_view content_type;  // from the file's extension
  std::string_view bytes;
};

// Sorted by path.
const std::vector<UiAsset>& UiAssets();

}  // namespace localnotion::http
