// GET /_localnotion/export and `localnotion export`: the whole workspace as one fixture
// (docs/fixtures.md), in the form SeedFixture reads, so that seeding an export and
// exporting again gives the same document. Everything is explicit: ids, times,
// authors, icons, covers, trash flags, property definitions with their ids (the stored
// configuration), and page values as Notion's 2025-09-03 responses show them under the
// type key (which a create-page request accepts back unchanged), files values as stored
// (an uploaded file names its upload). Computed values
// (formula, rollup, created_*/last_edited_*) are left out; unique_id numbers are kept.
// Integrations are written with the SHA-256 of their token (the token itself is never
// stored) and with their shares.
//
// The kinds added later (custom emojis, templates, meeting notes, file uploads, blocks,
// comments, webhook subscriptions) are written only when the workspace has some, each by
// its own file (fixtures_*.cc).
#include <algorithm>

#include "schema/registry.h"
#include "service/admin/admin.h"
#include "service/admin/fixtures.h"
#include "service/admin/fixtures_reader.h"

namespace localnotion::service::admin {
namespace {

json::value Author(const std::string& id) { return id.empty() ? json::value(nullptr) : json::value(id); }

void PutTimes(json::object& o, Millis created, const std::string& created_by, Millis edited,
              const std::string& edited_by) {
  o["created_time"] = FormatIso8601(created);
  o["created_by"] = Author(created_by);
  o["last_edited_time"] = FormatIso8601(edited);
  o["last_edited_by"] = Author(edited_by);
}

}  // namespace

Result<json::value> ExportFixture(Context& ctx) {
  json::object out;
  out["format"] = kFixtureFormat;
  LN_ASSIGN_OR_RETURN(auto workspace_id, ctx.store().GetMeta("workspace_id"));
  LN_ASSIGN_OR_RETURN(auto workspace_name, ctx.store().GetMeta("workspace_name"));
  LN_ASSIGN_OR_RETURN(auto owner_id, ctx.store().GetMeta("owner_user_id"));
  out["workspace"] = json::object{{"id", workspace_id.value_or("")},
                                  {"name", workspace_name.value_or("localnotion")},
                                  {"owner_user_id", owner_id.value_or("")}};

  // Users (persons; bots are written with their integration), ordered by id.
  json::array users;
  std::string from;
  while (true) {
    LN_ASSIGN_OR_RETURN(auto batch, ctx.store().ListUsers(from, 1001));
    bool more = batch.size() > 1000;
    if (more) {
      from = batch.back().id;
      batch.pop_back();
    }
    for (const auto& u : batch) {
      if (u.type != "person") continue;
      json::object o{{"id", u.id}, {"type", "person"}, {"name", u.name}};
      o["email"] = u.email ? json::value(*u.email) : json::value(nullptr);
      o["avatar_url"] = u.avatar_url ? json::value(*u.avatar_url) : json::value(nullptr);
      users.push_back(std::move(o));
    }
    if (!more) break;
  }
  out["users"] = std::move(users);

  json::array integrations;
  LN_ASSIGN_OR_RETURN(auto all_integrations, ctx.store().ListIntegrations());
  for (const auto& in : all_integrations) {
    integrations.push_back(json::object{{"id", in.id},
                                        {"name", in.name},
                                        {"token_sha256", in.secret_hash},
                                        {"bot_user_id", in.bot_user_id},
                                        {"capabilities", in.capabilities},
                                        {"created_time", FormatIso8601(in.created_time)}});
    // What it was shared, sorted (so that an export does not depend on the order of
    // sharing, which a seed does not keep): object ids, "workspace" for everything.
    LN_ASSIGN_OR_RETURN(auto shares, ctx.store().ListShares(in.id));
    std::sort(shares.begin(), shares.end());
    json::array shared;
    for (auto& id : shares) shared.emplace_back(std::move(id));
    integrations.back().as_object()["shares"] = std::move(shared);
  }
  out["integrations"] = std::move(integrations);

  json::array databases;
  LN_ASSIGN_OR_RETURN(auto all_databases, ctx.store().ListAllDatabases());
  for (const auto& db : all_databases) {
    json::object o{{"id", db->id}};
    o["parent"] = db->parent_type == "page_id"
                      ? json::value(json::object{{"type", "page_id"}, {"page_id", db->parent_id}})
                      : json::value(json::object{{"type", "workspace"}, {"workspace", true}});
    o["title"] = db->title;
    o["description"] = db->description;
    o["icon"] = db->icon;
    o["cover"] = db->cover;
    o["in_trash"] = db->in_trash;
    o["is_inline"] = db->is_inline;
    PutTimes(o, db->created_time, db->created_by, db->last_edited_time, db->last_edited_by);
    databases.push_back(std::move(o));
  }
  out["databases"] = std::move(databases);

  json::array sources;
  LN_ASSIGN_OR_RETURN(auto all_sources, ctx.store().ListAllDataSources());
  for (const auto& ds : all_sources) {
    json::object o{{"id", ds->id}, {"database_id", ds->database_id}};
    o["title"] = ds->title;
    o["description"] = ds->description;
    o["icon"] = ds->icon;
    o["in_trash"] = ds->in_trash;
    PutTimes(o, ds->created_time, ds->created_by, ds->last_edited_time, ds->last_edited_by);
    LN_ASSIGN_OR_RETURN(SchemaPtr schema, ctx.SchemaOf(ds));
    json::object properties;
    for (const auto& def : *schema) {
      properties[def.name] = json::object{{"id", def.id}, {"type", def.type}, {def.type, def.config}};
    }
    o["properties"] = std::move(properties);
    o["next_unique_id"] = ds->next_unique_id;
    sources.push_back(std::move(o));
  }
  out["data_sources"] = std::move(sources);
  LN_ASSIGN_OR_RETURN(out["views"], ExportViews(ctx));

  json::array pages;
  std::vector<std::string> order;  // pages, then blocks: the parents of comments
  LN_ASSIGN_OR_RETURN(auto all_pages, ctx.store().ListAllPages());
  Caller caller;
  caller.version = api::ApiVersion::k2025_09_03;
  for (auto& record : all_pages) {
    LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx.LoadRecord(std::move(record)));
    const storage::PageRecord& p = loaded.page;
    json::object o{{"id", p.id}};
    order.push_back(p.id);
    if (p.parent_type == "data_source_id") {
      o["parent"] = json::object{{"type", "data_source_id"}, {"data_source_id", p.parent_id}};
    } else if (p.parent_type == "page_id") {
      o["parent"] = json::object{{"type", "page_id"}, {"page_id", p.parent_id}};
    } else {
      o["parent"] = json::object{{"type", "workspace"}, {"workspace", true}};
    }
    // Only the properties that hold a value, and no computed ones.
    auto shown = std::make_shared<schema::Schema>();
    for (const auto& def : *loaded.schema) {
      const schema::PropertyType* type = schema::TypeOf(def);
      const json::value* stored = Find(p.properties, def.id);
      if (type == nullptr || stored == nullptr || stored->is_null()) continue;
      if (type->stored()) shown->push_back(def);
    }
    loaded.schema = shown;
    LN_ASSIGN_OR_RETURN(json::object values, ctx.RenderValues(caller, loaded, 0));
    json::object properties;
    for (const auto& def : *shown) {
      // Files as stored: an uploaded file names its upload (which the fixture holds), not
      // a link signed by this server that expires in an hour.
      if (def.type == "files") {
        properties[def.name] = json::object{{def.type, *Find(p.properties, def.id)}};
        continue;
      }
      json::value* v = values.if_contains(def.id);
      if (v == nullptr) continue;
      json::value* inner = v->as_object().if_contains(def.type);
      if (inner == nullptr) continue;
      properties[def.name] = json::object{{def.type, std::move(*inner)}};
    }
    o["properties"] = std::move(properties);
    o["icon"] = p.icon;
    o["cover"] = p.cover;
    o["in_trash"] = p.in_trash;
    o["is_locked"] = p.is_locked;
    PutTimes(o, p.created_time, p.created_by, p.last_edited_time, p.last_edited_by);
    pages.push_back(std::move(o));
  }
  out["pages"] = std::move(pages);
  // Written only when the workspace has some, so that exports of workspaces without
  // them stay as they were before these kinds existed.
  LN_ASSIGN_OR_RETURN(json::array emojis, ExportCustomEmojis(ctx));
  if (!emojis.empty()) out["custom_emojis"] = std::move(emojis);
  LN_ASSIGN_OR_RETURN(json::array templates, ExportTemplates(ctx));
  if (!templates.empty()) out["templates"] = std::move(templates);
  LN_ASSIGN_OR_RETURN(json::array notes, ExportMeetingNotes(ctx));
  if (!notes.empty()) out["meeting_notes"] = std::move(notes);
  LN_ASSIGN_OR_RETURN(json::array uploads, ExportFileUploads(ctx));
  if (!uploads.empty()) out["file_uploads"] = std::move(uploads);
  LN_ASSIGN_OR_RETURN(json::array blocks, ExportBlocks(ctx, order));
  if (!blocks.empty()) out["blocks"] = std::move(blocks);
  LN_ASSIGN_OR_RETURN(json::array comments, ExportComments(ctx, order));
  if (!comments.empty()) out["comments"] = std::move(comments);
  LN_ASSIGN_OR_RETURN(json::array subscriptions, ExportWebhookSubscriptions(ctx));
  if (!subscriptions.empty()) out["webhook_subscriptions"] = std::move(subscriptions);
  return json::value(std::move(out));
}

}  // namespace localnotion::service::admin
