// The content tree the markdown endpoints render (blocks.h ReadContentTree).
#include <climits>

#include "service/blocks/block_tree.h"
#include "service/blocks/blocks.h"

namespace localnotion::service::blocks {
namespace {

class TreeReader {
 public:
  TreeReader(Context& ctx, const Caller& caller, size_t limit) : ctx_(ctx), caller_(caller), left_(limit) {}

  // The children of `holder`, shown under an ancestor in the trash or not.
  Status Children(const std::string& holder, bool trashed, std::vector<api::markdown::MdNode>& out) {
    // The blocks within the limit, and up to kMaxUnknownIds after it to list as unknown.
    LN_ASSIGN_OR_RETURN(auto rows,
                        ctx_.store().ListBlockChildren(holder, INT64_MIN, static_cast<int>(left_ + kMaxUnknownIds)));
    for (const storage::BlockRecord& row : rows) {
      api::markdown::MdNode node;
      if (left_ == 0) {
        Unknown(row, node);
        out.push_back(std::move(node));
        continue;
      }
      Result<json::value> shown = RenderBlockRow(ctx_, caller_, row, trashed);
      if (!shown.ok()) {
        if (shown.error().code != ErrorCode::kObjectNotFound) return std::move(shown).error();
        Unknown(row, node);  // a child page or database that is not shared
        out.push_back(std::move(node));
        continue;
      }
      --left_;
      node.block = std::move(shown->as_object());
      LN_RETURN_IF_ERROR(Descend(row, trashed, node));
      out.push_back(std::move(node));
    }
    return OkStatus();
  }

  Status Descend(const storage::BlockRecord& row, bool trashed, api::markdown::MdNode& node) {
    const api::blocks::BlockType* type = api::blocks::FindBlockType(row.type);
    // A child page's or database's content is its own, not this page's.
    if (type != nullptr && type->shows_object) return OkStatus();
    const json::value* has_children = node.block.if_contains("has_children");
    if (has_children == nullptr || *has_children != true) return OkStatus();
    return Children(ChildrenHolder(row.id, type, row.content), trashed, node.children);
  }

  ContentTree Take() { return std::move(tree_); }
  ContentTree& tree() { return tree_; }

 private:
  void Unknown(const storage::BlockRecord& row, api::markdown::MdNode& node) {
    node.block = json::object{{"object", "block"}, {"id", row.id}, {"type", row.type}};
    node.unknown = true;
    tree_.truncated = true;
    if (tree_.unknown_ids.size() < kMaxUnknownIds) tree_.unknown_ids.push_back(row.id);
  }

  Context& ctx_;
  const Caller& caller_;
  size_t left_;
  ContentTree tree_;
};

}  // namespace

Result<ContentTree> ReadContentTree(Context& ctx, const Caller& caller, const BlockTarget& target, size_t limit) {
  TreeReader reader(ctx, caller, limit);
  const bool trashed = target.self_trashed || target.ancestor_trashed;
  if (target.type == "child_page") {
    LN_RETURN_IF_ERROR(reader.Children(target.id, trashed, reader.tree().nodes));
    return reader.Take();
  }
  // A block: the block itself, with its content.
  LN_ASSIGN_OR_RETURN(json::value shown, RenderBlockTarget(ctx, caller, target));
  api::markdown::MdNode root;
  root.block = std::move(shown.as_object());
  if (target.row) LN_RETURN_IF_ERROR(reader.Descend(*target.row, trashed, root));
  reader.tree().nodes.push_back(std::move(root));
  return reader.Take();
}

}  // namespace localnotion::service::blocks
