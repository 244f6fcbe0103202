// Pages (https://developers.notion.com/reference/page):
//   POST /v1/pages, GET /v1/pages/{id}, PATCH /v1/pages/{id}     (pages.cc)
//   GET /v1/pages/{id}/properties/{property_id}                  (property_items.cc)
//   POST /v1/pages/{id}/move                                     (move.cc)
//   two-way relations kept in sync on both sides                 (relations.cc)
//   the page history of the admin API                            (page_history.cc)
//
// The use cases load pages through Context (so that an unshared page answers like a
// missing one, 404 object_not_found), validate property values against the page's
// schema (validation/page_write.h) and write through Context's write path only.
// Errors: a path id that is not a UUID gives 400 validation_error "path failed
// validation: path.page_id ..."; an edit of a trashed page (or of one under a trashed
// database, data source, page or block) gives 400 validation_error "Can't edit block
// that is archived. You must unarchive the block before editing."; a database id where a
// page is expected gives "Provided ID ... is a database, not a page. ..."; unknown people
// or relation targets give 400 validation_error (docs/compat.md). They may touch pages,
// the schema of their data source (options created on the way, unique_id numbers), the
// pages on the other side of a dual relation, and the child_page block and the content
// of a page they create.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "service/core/context.h"
#include "validation/page_write.h"

namespace localnotion::service::pages {

// The answer is JSON text (Context::RenderPageText); CreatePage reads it back as a value.
Result<std::string> CreatePageText(Context& ctx, const Caller& caller, const json::value& body);
Result<json::value> CreatePage(Context& ctx, const Caller& caller, const json::value& body);
// `filter_properties` (property ids, from the query string) limits the properties the
// returned page shows; empty means all.
// The answers are JSON text (Context::RenderPageText): the routes send them as they are.
Result<std::string> GetPageText(Context& ctx, const Caller& caller, std::string_view page_id,
                                const std::vector<std::string>& filter_properties = {});
Result<std::string> UpdatePageText(Context& ctx, const Caller& caller, std::string_view page_id,
                                   const json::value& body, const std::vector<std::string>& filter_properties = {});
// The same answers read back as JSON values, for callers that look into them (tests).
Result<json::value> GetPage(Context& ctx, const Caller& caller, std::string_view page_id,
                            const std::vector<std::string>& filter_properties = {});
Result<json::value> UpdatePage(Context& ctx, const Caller& caller, std::string_view page_id, const json::value& body,
                               const std::vector<std::string>& filter_properties = {});
// GET /v1/data_sources/{id}/templates (templates.cc).
Result<json::value> ListDataSourceTemplates(Context& ctx, const Caller& caller, std::string_view data_source_id,
                                            const std::optional<std::string>& name, const PageArgs& args);
// Admin API: marks a page of the data source as a template, {page_id, is_default}.
Result<json::value> MarkTemplate(Context& ctx, std::string_view data_source_id, const json::value& body);
// Every template mark, data source by data source, each in the order it was made:
// [{data_source_id, page_id, is_default}] (fixture export; MarkTemplate reads them back).
Result<json::array> AllTemplateMarks(Context& ctx);
// `template` on create: copies the template's values the request does not set into
// `page` (before it is written) and answers the template's id, whose content
// CopyTemplateContent then copies under the new page. Errors: 400 validation_error
// (texts chosen, docs/compat.md).
Result<std::string> ApplyTemplateProperties(Context& ctx, LoadedPage& page, const validation::TemplateChoice& choice,
                                            const json::object* request_properties);
// Moves all of a page's content to the trash (PATCH /v1/pages erase_content).
Status EraseContent(Context& ctx, const Caller& caller, const std::string& page_id);
Status CopyTemplateContent(Context& ctx, const Caller& caller, const std::string& template_id,
                           const std::string& page_id);
// POST /v1/pages/{page_id}/move: a page or data source parent (move.cc).
// Markdown content (markdown.cc; https://developers.notion.com/guides/data-apis/working-with-markdown-content):
// GET and PATCH /v1/pages/{id}/markdown, and the `markdown` of POST /v1/pages.
Result<json::value> GetPageMarkdown(Context& ctx, const Caller& caller, std::string_view page_id,
                                    const std::optional<std::string>& include_transcript);
Result<json::value> UpdatePageMarkdown(Context& ctx, const Caller& caller, std::string_view page_id,
                                       const json::value& body);
// The content a create's `markdown` stands for. `title` is set (and its heading taken
// out of the content) when `take_title`: the first top-level "# " heading names the page.
struct MarkdownContent {
  std::vector<validation::NewBlock> children;
  std::optional<json::array> title;
};
Result<MarkdownContent> ContentFromMarkdown(std::string_view markdown, bool take_title);

Result<json::value> MovePage(Context& ctx, const Caller& caller, std::string_view page_id, const json::value& body);

// Whether `ancestor_id` is `id` or above it: walks up from `id` (of kind `type`, such as
// "page_id") through pages, blocks, databases and data sources, at most 256 levels.
Result<bool> IsUnder(Context& ctx, std::string id, std::string type, const std::string& ancestor_id);

// The child_page or child_database row of a moved page or database (the row's id is the
// object's) follows it: to the end of the new page parent's content, or, for any other
// parent, out of every page's content. A page parent gains the row if there was none.
Status MoveChildObjectRow(Context& ctx, const Caller& caller, std::string_view row_type, const std::string& id,
                          const std::string& parent_type, const std::string& parent_id, Millis now);
// GET /v1/pages/{page_id}/properties/{property_id}.
Result<json::value> GetPageProperty(Context& ctx, const Caller& caller, std::string_view page_id,
                                    std::string_view property_id, const PageArgs& args);

// Test controls (admin API). The page's history, oldest first (page_history.cc).
Result<json::value> PageHistory(Context& ctx, std::string_view page_id);

// ---- Shared with databases/ and admin/ ----
// People must be users of the workspace; relation ids must be pages of the related
// data source (pages.cc). Also run on fixture pages (admin/fixtures_import.cc). Each
// write's `def` must be set and alive (validation::PropertyWrite).
Status CheckReferences(Context& ctx, const std::vector<validation::PropertyWrite>& writes);
// Stores `schema` as the data source's schema (an edit of the data source).
Status SaveSchema(Context& ctx, const Caller& caller, const DataSourcePtr& source, const schema::Schema& schema);
// For each dual_property relation in `schema` that is new (absent from `before`), adds
// the synced relation property to the related data source (relations.cc).
Status CreateSyncedRelations(Context& ctx, const Caller& caller, const DataSourcePtr& source, schema::Schema& schema,
                             const schema::Schema* before);

}  // namespace localnotion::service::pages
