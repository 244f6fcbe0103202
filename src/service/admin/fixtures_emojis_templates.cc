// The "custom_emojis" and "templates" of a fixture (docs/fixtures.md). Both are read
// through the admin API's own code (emojis::AddCustomEmoji, pages::MarkTemplate), so a
// fixture entry is checked exactly as an admin call is; messages that name the body
// name the entry instead ("body.templates[0].page_id ...").
//   "custom_emojis": [{"id"?, "name", "url"}]            before databases and pages,
//                                                          whose icons may name them
//   "templates": [{"data_source_id", "page_id", "is_default"?}]   after pages
#include "service/admin/fixtures_reader.h"
#include "service/emojis/emojis.h"
#include "service/pages/pages.h"

namespace localnotion::service::admin {
namespace {

// The error of an admin call made for the fixture entry at `path`: "body." in its
// message becomes the entry's path.
Error AtEntry(Error e, const std::string& path) {
  const std::string from = "body.";
  if (size_t at = e.message.find(from); at != std::string::npos) {
    e.message.replace(at, from.size(), path + ".");
  } else {
    e.message = path + ": " + e.message;
  }
  return e;
}

}  // namespace

Status SeedCustomEmojis(Context& ctx, const json::object& fixture) {
  LN_ASSIGN_OR_RETURN(auto emojis, Items(fixture, "custom_emojis"));
  for (const Reader& r : emojis) {
    auto added = emojis::AddCustomEmoji(ctx, json::value(r.o));
    if (!added.ok()) return AtEntry(std::move(added).error(), r.path);
    for (const auto& kv : r.o) {
      if (kv.key() != "id" && kv.key() != "name" && kv.key() != "url") {
        return api::NotPresent(r.At(kv.key()), kv.value());
      }
    }
  }
  return OkStatus();
}

Status SeedTemplates(Context& ctx, const json::object& fixture) {
  LN_ASSIGN_OR_RETURN(auto templates, Items(fixture, "templates"));
  for (const Reader& r : templates) {
    LN_ASSIGN_OR_RETURN(std::string data_source_id, r.Id("data_source_id", false));
    json::object body;
    for (const auto& kv : r.o) {
      if (kv.key() == "page_id" || kv.key() == "is_default") {
        body[kv.key()] = kv.value();
      } else if (kv.key() != "data_source_id") {
        return api::NotPresent(r.At(kv.key()), kv.value());
      }
    }
    auto marked = pages::MarkTemplate(ctx, data_source_id, json::value(std::move(body)));
    if (!marked.ok()) return AtEntry(std::move(marked).error(), r.path);
  }
  return OkStatus();
}

Result<json::array> ExportCustomEmojis(Context& ctx) { return emojis::AllCustomEmojis(ctx); }

Result<json::array> ExportTemplates(Context& ctx) { return pages::AllTemplateMarks(ctx); }

}  // namespace localnotion::service::admin
