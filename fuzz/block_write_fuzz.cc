// Block-write validation (validation/block_write.h), as the block endpoints run it:
//   PATCH /v1/blocks/{id}/children  {"children": [...]}: CheckChildren, then CheckPlacement
//     under a page and under each new block's own type, then the blocks rendered;
//   PATCH /v1/blocks/{id}  {"<type>": {...}, "in_trash": ...}: CheckBlockUpdate for each
//     block type the body names (on a block with no content yet), and for each block the
//     `children` made (on that block's content), the updated content rendered.
#include <cstddef>
#include <cstdint>
#include <utility>

#include "api/block_objects.h"
#include "api/blocks/registry.h"
#include "fuzz/fuzz_util.h"
#include "validation/block_write.h"

using namespace localnotion;  // NOLINT

namespace {

void Render(const std::string& type, json::object content) {
  for (api::ApiVersion version : {api::ApiVersion::k2022_06_28, api::ApiVersion::k2025_09_03}) {
    api::BlockView view;
    view.id = fuzz::kPageId;
    view.parent = {"page_id", fuzz::kPageId, ""};
    view.created_by = fuzz::kUserId;
    view.last_edited_by = fuzz::kUserId;
    view.type = type;
    view.content = content;
    (void)SerializeJson(api::RenderBlock(std::move(view), version));
  }
}

void RenderAll(const std::vector<validation::NewBlock>& blocks) {
  for (const validation::NewBlock& b : blocks) {
    Render(b.type, b.content);
    RenderAll(b.children);
  }
}

void Update(const json::value& body, const std::string& type, const json::object& current) {
  auto update = validation::CheckBlockUpdate(body, type, current);
  if (update.ok() && update->content) Render(type, *update->content);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto body = fuzz::ParseInput(data, size);
  if (!body) return 0;
  std::vector<validation::NewBlock> blocks;
  const json::value* children = body->is_object() ? Find(body->get_object(), "children") : nullptr;
  if (children != nullptr) {
    auto checked = validation::CheckChildren("body.children", *children);
    if (checked.ok()) {
      blocks = std::move(*checked);
      static const json::object kNoContent;
      (void)validation::CheckPlacement("body.children", "child_page", kNoContent, blocks);
      size_t n = 0;
      for (const validation::NewBlock& parent : blocks) {
        if (++n > 4) break;
        (void)validation::CheckPlacement("body.children", parent.type, parent.content, blocks);
      }
      RenderAll(blocks);
    }
  }
  if (body->is_object()) {
    size_t n = 0;
    for (const auto& kv : body->get_object()) {
      if (++n > 8) break;
      if (api::blocks::FindBlockType(kv.key()) != nullptr) Update(*body, std::string(kv.key()), {});
    }
    n = 0;
    for (const validation::NewBlock& b : blocks) {
      if (++n > 4) break;
      Update(*body, b.type, b.content);
    }
  } else {
    (void)validation::CheckBlockUpdate(*body, "paragraph", {});
  }
  return 0;
}
