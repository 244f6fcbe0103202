// Typed reading of the objects of a fixture (docs/fixtures.md), each error naming the
// path in the fixture with Notion's message grammar: body.pages[2].created_time ...
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/icon.h"
#include "api/messages.h"
#include "api/rich_text.h"
#include "common/clock.h"
#include "common/error.h"
#include "common/json.h"
#include "common/uuid.h"
#include "service/core/context.h"

namespace localnotion::service::admin {

// Typed readers of one object of the fixture at `path`.
struct Reader {
  const json::object& o;
  std::string path;

  std::string At(std::string_view key) const { return api::Field(path, key); }
  const json::value* Get(std::string_view key) const {
    const json::value* v = Find(o, key);
    return v && !v->is_null() ? v : nullptr;
  }
  Result<std::string> String(std::string_view key, std::optional<std::string> fallback = std::nullopt) const {
    const json::value* v = Get(key);
    if (!v) {
      if (fallback) return *fallback;
      return api::NotDefined(At(key));
    }
    if (!v->is_string()) return api::FailedValidation(At(key), "a string", v);
    return std::string(v->get_string());
  }
  Result<std::optional<std::string>> OptString(std::string_view key) const {
    const json::value* v = Get(key);
    if (!v) return std::optional<std::string>();
    if (!v->is_string()) return api::FailedValidation(At(key), "a string or `null`", v);
    return std::optional<std::string>(std::string(v->get_string()));
  }
  // An id: a UUID (any case, dashes optional), generated when absent.
  Result<std::string> Id(std::string_view key, bool generate) const {
    const json::value* v = Get(key);
    if (!v) {
      if (generate) return NewUuid();
      return api::NotDefined(At(key));
    }
    auto norm = v->is_string() ? NormalizeUuid(v->get_string()) : std::nullopt;
    if (!norm) return api::FailedValidation(At(key), "a valid uuid", v);
    return *norm;
  }
  // The `parent` of a block or a comment, `{page_id}` or `{block_id}`: its type
  // ("page_id" or "block_id") and normalised id, or nullopt when neither holds a uuid.
  // Whether the page or block exists is the caller's check; BadPageOrBlockParent is its error.
  std::optional<std::pair<std::string, std::string>> PageOrBlockParent() const {
    const json::value* parent = Get("parent");
    const json::object* po = parent && parent->is_object() ? &parent->get_object() : nullptr;
    const json::value* page_id = po ? Find(*po, "page_id") : nullptr;
    const json::value* id = page_id ? page_id : po ? Find(*po, "block_id") : nullptr;
    auto norm = id && id->is_string() ? NormalizeUuid(id->get_string()) : std::nullopt;
    if (!norm) return std::nullopt;
    return std::make_pair(std::string(page_id ? "page_id" : "block_id"), *norm);
  }
  Error BadPageOrBlockParent() const {
    return api::FailedValidation(At("parent"),
                                 "`{\"type\":\"page_id\",\"page_id\":<the id of one of body.pages>}` or "
                                 "`{\"type\":\"block_id\",\"block_id\":<the id of one of body.blocks>}`",
                                 Get("parent"));
  }
  Result<bool> Bool(std::string_view key) const {
    const json::value* v = Get(key);
    if (!v) return false;
    if (!v->is_bool()) return api::FailedValidation(At(key), "a boolean", v);
    return v->get_bool();
  }
  Result<Millis> Time(std::string_view key, Millis fallback) const {
    const json::value* v = Get(key);
    if (!v) return fallback;
    auto ms = v->is_string() ? ParseIso8601(v->get_string()) : std::nullopt;
    if (!ms)
      return api::FailedValidation(At(key), "an ISO 8601 UTC date-time such as `\"2025-01-01T00:00:00.000Z\"`", v);
    return *ms;
  }
  // Rich text; a plain string is short for one text item.
  Result<json::array> RichText(std::string_view key) const {
    const json::value* v = Get(key);
    if (!v) return json::array{};
    if (v->is_string()) {
      json::value item =
          json::array{json::object{{"type", "text"}, {"text", json::object{{"content", v->get_string()}}}}};
      return api::NormalizeRichText(At(key), item);
    }
    return api::NormalizeRichText(At(key), *v);
  }
  Result<json::value> Icon(std::string_view key) const {
    const json::value* v = Find(o, key);
    if (!v) return json::value(nullptr);
    return api::NormalizeIcon(At(key), *v, /*custom_emoji=*/true);
  }
  Result<json::value> Cover(std::string_view key) const {
    const json::value* v = Find(o, key);
    if (!v) return json::value(nullptr);
    return api::NormalizeCover(At(key), *v);
  }
};

// The array `key` of the fixture (absent means empty), each element an object.
inline Result<std::vector<Reader>> Items(const json::object& fixture, std::string_view key) {
  std::vector<Reader> out;
  const json::value* v = Find(fixture, key);
  std::string path = api::Field("body", key);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) return api::FailedValidation(path, "an array", v);
  for (size_t i = 0; i < v->get_array().size(); ++i) {
    const json::value& item = v->get_array()[i];
    if (!item.is_object()) return api::FailedValidation(api::Index(path, i), "an object", &item);
    out.push_back(Reader{item.get_object(), api::Index(path, i)});
  }
  return out;
}

// Reads an author key (created_by, last_edited_by) of an entry: a user or bot of the
// fixture, by default who created what the fixture does not attribute.
using AuthorFn = std::function<Result<std::string>(const Reader&, std::string_view)>;

// The file uploads of a fixture, with their bytes (fixtures_uploads.cc): read after the
// integrations, before databases, data sources, pages, blocks and comments, which may
// use them. CheckFileUploadIds refuses stored data at `path` that names (as
// `file_upload_id`) an upload the fixture does not hold.
Status SeedFileUploads(Context& ctx, const json::object& fixture);
Result<json::array> ExportFileUploads(Context& ctx);
Status CheckFileUploadIds(Context& ctx, const json::value& value, const std::string& path);

// An icon or cover of a database, data source or page: Notion's request form
// (Reader::Icon, Reader::Cover), or the stored form of an uploaded file
// {type:"file", file:{file_upload_id, filename, content_type}} naming an upload of
// body.file_uploads (as the export writes it), kept as written.
Result<json::value> ReadIconOrCover(Context& ctx, const Reader& r, std::string_view key, bool cover);

// The entries of a page's files value in the stored form of an uploaded file
// ({name, type:"file", file:{file_upload_id, filename, content_type}}, as the export
// writes them), by index. TakeStoredFiles checks each names an upload of
// body.file_uploads and puts in its place the request form naming the same upload
// ({name, file_upload:{id}}), which the value's validation takes; PutStoredFiles puts the
// entries back, as written, into the validated value.
using StoredFiles = std::vector<std::pair<size_t, json::value>>;
Result<StoredFiles> TakeStoredFiles(Context& ctx, json::value& files, const std::string& path);
void PutStoredFiles(const StoredFiles& stored, json::value& files);

// Page content (fixtures_blocks.cc), read after pages and file uploads. ExportBlocks
// takes the page ids in export order and appends the ids of the blocks it writes (the
// parents comments may have, in the order ExportComments lists them).
Status SeedBlocks(Context& ctx, const json::object& fixture, const AuthorFn& author);
Result<json::array> ExportBlocks(Context& ctx, std::vector<std::string>& order);

// Comments (fixtures_comments.cc), read after blocks; exported per parent of `parents`.
Status SeedComments(Context& ctx, const json::object& fixture, const AuthorFn& author);
Result<json::array> ExportComments(Context& ctx, const std::vector<std::string>& parents);

// Webhook subscriptions without their deliveries (fixtures_webhooks.cc), read after the
// integrations they belong to.
Status SeedWebhookSubscriptions(Context& ctx, const json::object& fixture);
Result<json::array> ExportWebhookSubscriptions(Context& ctx);

// The views of a fixture (fixtures_views.cc): SeedViews reads "views" once databases and
// data sources are in, and gives each database without a view its default view; `actor`
// is who created what the fixture does not attribute. ExportViews writes them back.
Status SeedViews(Context& ctx, const json::object& fixture, const std::string& actor);
Result<json::array> ExportViews(Context& ctx);

// The meeting notes of a fixture (fixtures_meeting_notes.cc): SeedMeetingNotes reads
// "meeting_notes" once the pages are in (each note's parent is a page of the fixture);
// `author` reads an author key as the other kinds do. ExportMeetingNotes writes them back.
Status SeedMeetingNotes(Context& ctx, const json::object& fixture,
                        const std::function<Result<std::string>(const Reader&, std::string_view)>& author);
Result<json::array> ExportMeetingNotes(Context& ctx);

// The custom emojis and data source templates of a fixture (fixtures_emojis_templates.cc):
// SeedCustomEmojis runs before databases and pages (their icons may name an emoji),
// SeedTemplates after pages. The exports list them in the order they were made.
Status SeedCustomEmojis(Context& ctx, const json::object& fixture);
Status SeedTemplates(Context& ctx, const json::object& fixture);
Result<json::array> ExportCustomEmojis(Context& ctx);
Result<json::array> ExportTemplates(Context& ctx);

}  // namespace localnotion::service::admin
