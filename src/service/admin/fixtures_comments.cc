// The "comments" of a fixture (docs/fixtures.md): comments
// (https://developers.notion.com/reference/comment-object) on pages and blocks, grouped
// into discussions by `discussion_id`, with their rich text and attachments in the form
// the server stores them (complete rich text objects; attachments `{category, file}` with
// the stored file form naming an upload of body.file_uploads). Read after pages, blocks
// and file uploads; written per parent (pages, then blocks, in export order), oldest
// first, which is the order GET /v1/comments lists them in.
#include <set>
#include <tuple>

#include "service/admin/fixtures_reader.h"

namespace localnotion::service::admin {
namespace {

// An array of objects at `key` (absent: empty).
Result<json::array> ObjectArray(const Reader& r, std::string_view key) {
  const json::value* v = r.Get(key);
  if (v == nullptr) return json::array{};
  if (!v->is_array()) return api::FailedValidation(r.At(key), "an array", v);
  for (size_t i = 0; i < v->get_array().size(); ++i) {
    const json::value& item = v->get_array()[i];
    if (!item.is_object()) return api::FailedValidation(api::Index(r.At(key), i), "an object", &item);
  }
  return v->get_array();
}

}  // namespace

Status SeedComments(Context& ctx, const json::object& fixture, const AuthorFn& author) {
  LN_ASSIGN_OR_RETURN(auto comments, Items(fixture, "comments"));
  std::set<std::string> ids;
  const Millis now = NowMillis();
  for (const Reader& r : comments) {
    storage::CommentRecord c;
    LN_ASSIGN_OR_RETURN(c.id, r.Id("id", true));
    if (!ids.insert(c.id).second) {
      json::value shown(c.id);
      return api::FailedValidation(r.At("id"), "an id not used before in body.comments", &shown);
    }
    auto parent = r.PageOrBlockParent();
    if (!parent) return r.BadPageOrBlockParent();
    std::tie(c.parent_type, c.parent_id) = *parent;
    bool found = false;
    if (c.parent_type == "page_id") {
      LN_ASSIGN_OR_RETURN(auto page, ctx.store().GetPage(c.parent_id));
      found = page.has_value();
    } else {
      LN_ASSIGN_OR_RETURN(auto block, ctx.store().GetBlock(c.parent_id));
      found = block.has_value();
    }
    if (!found) return r.BadPageOrBlockParent();
    LN_ASSIGN_OR_RETURN(c.discussion_id, r.Id("discussion_id", true));
    LN_ASSIGN_OR_RETURN(auto first, ctx.store().FirstCommentOf(c.discussion_id));
    if (first && (first->parent_id != c.parent_id)) {
      return api::FailedValidation(r.At("parent"),
                                   "the parent of the first comment of its discussion (" + first->parent_id + ")",
                                   r.Get("parent"));
    }
    LN_ASSIGN_OR_RETURN(c.rich_text, ObjectArray(r, "rich_text"));
    LN_ASSIGN_OR_RETURN(c.attachments, ObjectArray(r, "attachments"));
    LN_RETURN_IF_ERROR(CheckFileUploadIds(ctx, json::value(c.attachments), r.At("attachments")));
    const json::value* display = r.Get("display_name");
    if (display != nullptr && !display->is_object()) {
      return api::FailedValidation(r.At("display_name"), "an object or `null`", display);
    }
    c.display_name = display ? *display : json::value(nullptr);
    LN_ASSIGN_OR_RETURN(c.created_time, r.Time("created_time", now));
    LN_ASSIGN_OR_RETURN(c.last_edited_time, r.Time("last_edited_time", c.created_time));
    LN_ASSIGN_OR_RETURN(c.created_by, author(r, "created_by"));
    LN_RETURN_IF_ERROR(ctx.WriteComment(Caller{}, c, WriteMode::kImport));
  }
  return OkStatus();
}

Result<json::array> ExportComments(Context& ctx, const std::vector<std::string>& parents) {
  json::array out;
  for (const std::string& parent : parents) {
    LN_ASSIGN_OR_RETURN(auto comments, ctx.store().ListComments(parent));
    for (const storage::CommentRecord& c : comments) {
      json::object o{{"id", c.id}};
      o["parent"] = json::object{{"type", c.parent_type}, {c.parent_type, c.parent_id}};
      o["discussion_id"] = c.discussion_id;
      o["rich_text"] = c.rich_text;
      o["attachments"] = c.attachments;
      o["display_name"] = c.display_name;
      o["created_time"] = FormatIso8601(c.created_time);
      o["last_edited_time"] = FormatIso8601(c.last_edited_time);
      o["created_by"] = c.created_by.empty() ? json::value(nullptr) : json::value(c.created_by);
      out.push_back(std::move(o));
    }
  }
  return out;
}

}  // namespace localnotion::service::admin
