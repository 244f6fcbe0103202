// POST /_localnotion/seed and `serve --seed`: a fixture (docs/fixtures.md) replaces the
// workspace. Everything runs in the caller's unit, so a bad fixture loads nothing; the
// error is a validation_error naming the path in the fixture ("body.pages[2].id ...").
//
// Reading order: workspace, users, integrations (then the server's own --token
// integrations, as at start), databases, data sources (records first, schemas second, so
// relations may point forward), pages (records first, references second). Ids, times and
// authors may be left out: they are generated (reproducibly in deterministic mode). A
// property definition with an `id` is the export form and is stored as written; one
// without is read like a create-database request. Page values are read like a
// create-page request (Notion's request form, property names as keys).
//
// File uploads (with their bytes) are read before the databases, whose icons and covers,
// like the pages' and their files values, may name them; then blocks, templates, views,
// meeting notes, comments and webhook subscriptions, each kind read in its own file
// (fixtures_*.cc).
// A new kind adds one top-level array: read it here and write it in ExportFixture
// (fixtures_export.cc).
#include <fmt/format.h>

#include <set>

#include "api/icon.h"
#include "api/messages.h"
#include "api/rich_text.h"
#include "common/sha256.h"
#include "common/uuid.h"
#include "schema/properties/computed.h"
#include "schema/registry.h"
#include "service/admin/admin.h"
#include "service/admin/fixtures.h"
#include "service/admin/fixtures_reader.h"
#include "service/core/capabilities.h"
#include "service/databases/databases.h"
#include "service/emojis/emojis.h"
#include "service/pages/pages.h"
#include "validation/page_write.h"

namespace localnotion::service::admin {
namespace {

Error Duplicate(const std::string& path, const std::string& id) {
  return ValidationError(fmt::format("body failed validation: {} is a duplicate id, instead was `\"{}\"`.", path, id));
}

}  // namespace

Status SeedFixture(Context& ctx, const json::value& fixture) {
  if (!fixture.is_object()) return api::FailedValidation("body", "an object", &fixture);
  const json::object& f = fixture.get_object();
  static const std::set<std::string, std::less<>> kKeys = {
      "format",        "workspace",    "users",  "integrations",  "databases",
      "data_sources",  "pages",        "views",  "custom_emojis", "templates",
      "meeting_notes", "file_uploads", "blocks", "comments",      "webhook_subscriptions"};
  for (const auto& kv : f) {
    if (!kKeys.count(kv.key())) return api::NotPresent(api::Field("body", kv.key()), kv.value());
  }
  if (const json::value* fmt_v = Find(f, "format");
      fmt_v && !(fmt_v->is_string() && fmt_v->get_string() == kFixtureFormat)) {
    return api::FailedValidation("body.format", "`\"localnotion-fixture/1\"`", fmt_v);
  }
  // The token a server started without --token generated and printed survives the
  // seed: its integration is made again below unless the fixture holds it, so that the
  // printed token keeps working and the next start prints the same one.
  LN_ASSIGN_OR_RETURN(auto default_token, ctx.store().GetMeta("default_token"));
  LN_RETURN_IF_ERROR(ctx.store().Reset(/*keep_integrations=*/false));
  if (default_token) LN_RETURN_IF_ERROR(ctx.store().PutMeta("default_token", *default_token));
  ctx.state().schemas.Clear();
  const Millis now = NowMillis();

  // Workspace and users.
  json::object empty_ws;
  const json::value* ws_v = Find(f, "workspace");
  if (ws_v && !ws_v->is_null() && !ws_v->is_object()) return api::FailedValidation("body.workspace", "an object", ws_v);
  Reader ws{ws_v && ws_v->is_object() ? ws_v->get_object() : empty_ws, "body.workspace"};
  LN_ASSIGN_OR_RETURN(std::string workspace_id, ws.Id("id", true));
  LN_ASSIGN_OR_RETURN(std::string workspace_name, ws.String("name", "localnotion"));
  std::set<std::string> user_ids;
  LN_ASSIGN_OR_RETURN(auto users, Items(f, "users"));
  std::string first_person;
  for (const Reader& u : users) {
    storage::UserRecord user;
    LN_ASSIGN_OR_RETURN(user.id, u.Id("id", true));
    if (!user_ids.insert(user.id).second) return Duplicate(u.At("id"), user.id);
    LN_ASSIGN_OR_RETURN(std::string type, u.String("type", "person"));
    if (type != "person") {
      json::value shown(type);
      return api::FailedValidation(u.At("type"), "`\"person\"` (bots come with their integration)", &shown);
    }
    user.type = "person";
    LN_ASSIGN_OR_RETURN(user.name, u.String("name"));
    LN_ASSIGN_OR_RETURN(user.email, u.OptString("email"));
    LN_ASSIGN_OR_RETURN(user.avatar_url, u.OptString("avatar_url"));
    if (first_person.empty()) first_person = user.id;
    LN_RETURN_IF_ERROR(ctx.store().PutUser(user));
  }
  if (first_person.empty()) {
    storage::UserRecord owner{
        NewUuid(), "person", "Workspace Owner", std::nullopt, std::string("owner@localnotion.local"), ""};
    LN_RETURN_IF_ERROR(ctx.store().PutUser(owner));
    user_ids.insert(owner.id);
    first_person = owner.id;
  }
  std::string owner_id = first_person;
  if (ws.Get("owner_user_id")) {
    LN_ASSIGN_OR_RETURN(owner_id, ws.Id("owner_user_id", false));
  }
  if (!user_ids.count(owner_id)) {
    json::value shown(owner_id);
    return api::FailedValidation("body.workspace.owner_user_id", "the id of one of body.users", &shown);
  }
  LN_RETURN_IF_ERROR(ctx.store().PutMeta("workspace_id", workspace_id));
  LN_RETURN_IF_ERROR(ctx.store().PutMeta("workspace_name", workspace_name));
  LN_RETURN_IF_ERROR(ctx.store().PutMeta("owner_user_id", owner_id));

  // Integrations and their bot users; then the server's own tokens, as at start.
  LN_ASSIGN_OR_RETURN(auto integrations, Items(f, "integrations"));
  std::set<std::string> hashes;
  std::string first_bot;
  std::vector<std::string> integration_ids;  // in the fixture's order, generated ones included
  for (const Reader& r : integrations) {
    storage::IntegrationRecord in;
    LN_ASSIGN_OR_RETURN(in.id, r.Id("id", true));
    LN_ASSIGN_OR_RETURN(in.name, r.String("name"));
    LN_ASSIGN_OR_RETURN(auto token, r.OptString("token"));
    LN_ASSIGN_OR_RETURN(auto hash, r.OptString("token_sha256"));
    if (token.has_value() == hash.has_value()) {
      return api::FixOne(
          {api::ShouldBe(r.At("token"), "defined", nullptr), api::ShouldBe(r.At("token_sha256"), "defined", nullptr)});
    }
    in.secret_hash = token ? Sha256Hex(*token) : *hash;
    if (hash && (hash->size() != 64 || hash->find_first_not_of("0123456789abcdef") != std::string::npos)) {
      return api::FailedValidation(r.At("token_sha256"), "64 lower-case hex digits", r.Get("token_sha256"));
    }
    if (!hashes.insert(in.secret_hash).second) {
      return ValidationError(fmt::format("body failed validation: {} is the token of an earlier integration.",
                                         r.At(token ? "token" : "token_sha256")));
    }
    LN_ASSIGN_OR_RETURN(in.bot_user_id, r.Id("bot_user_id", true));
    if (!user_ids.insert(in.bot_user_id).second) return Duplicate(r.At("bot_user_id"), in.bot_user_id);
    LN_ASSIGN_OR_RETURN(in.capabilities, r.String("capabilities", std::string(kAllCapabilityNames)));
    LN_ASSIGN_OR_RETURN(in.created_time, r.Time("created_time", now));
    if (first_bot.empty()) first_bot = in.bot_user_id;
    storage::UserRecord bot{in.bot_user_id, "bot", in.name, std::nullopt, std::nullopt, in.id};
    LN_RETURN_IF_ERROR(ctx.store().PutUser(bot));
    LN_RETURN_IF_ERROR(ctx.store().PutIntegration(in));
    integration_ids.push_back(in.id);
  }
  // The server's own tokens (--token, or the generated default token) keep working
  // whatever the fixture holds.
  LN_RETURN_IF_ERROR(Bootstrap(ctx, ctx.state().tokens()));
  LN_ASSIGN_OR_RETURN(auto all_integrations, ctx.store().ListIntegrations());
  for (const auto& in : all_integrations) user_ids.insert(in.bot_user_id);
  // Who created what, when the fixture does not say: the first integration listed
  // (else the server's own).
  std::string actor = first_bot.empty() ? all_integrations.front().bot_user_id : first_bot;
  auto author = [&](const Reader& r, std::string_view key) -> Result<std::string> {
    if (!r.Get(key)) return actor;
    LN_ASSIGN_OR_RETURN(std::string id, r.Id(key, false));
    if (!user_ids.count(id)) {
      json::value shown(id);
      return api::FailedValidation(r.At(key), "the id of a user or integration bot of the fixture", &shown);
    }
    return id;
  };

  LN_RETURN_IF_ERROR(SeedFileUploads(ctx, f));
  LN_RETURN_IF_ERROR(SeedCustomEmojis(ctx, f));

  // Databases.
  std::set<std::string> object_ids;  // pages, databases and data sources share one id space
  std::vector<std::pair<std::string, std::string>> page_parents;  // (path, page id) checked at the end
  LN_ASSIGN_OR_RETURN(auto databases, Items(f, "databases"));
  for (const Reader& r : databases) {
    storage::DatabaseRecord db;
    LN_ASSIGN_OR_RETURN(db.id, r.Id("id", true));
    if (!object_ids.insert(db.id).second) return Duplicate(r.At("id"), db.id);
    const json::value* parent = r.Get("parent");
    const json::object* po = parent && parent->is_object() ? &parent->get_object() : nullptr;
    Reader p{po ? *po : empty_ws, r.At("parent")};
    if (po && p.Get("page_id")) {
      db.parent_type = "page_id";
      LN_ASSIGN_OR_RETURN(db.parent_id, p.Id("page_id", false));
      page_parents.emplace_back(p.At("page_id"), db.parent_id);
    } else if (!parent || (po && p.Get("workspace"))) {
      db.parent_type = "workspace";
    } else {
      return api::FixOne(
          {api::ShouldBe(p.At("page_id"), "defined", nullptr), api::ShouldBe(p.At("workspace"), "defined", nullptr)});
    }
    LN_ASSIGN_OR_RETURN(db.title, r.RichText("title"));
    LN_ASSIGN_OR_RETURN(db.description, r.RichText("description"));
    LN_ASSIGN_OR_RETURN(db.icon, ReadIconOrCover(ctx, r, "icon", false));
    LN_RETURN_IF_ERROR(emojis::ResolveCustomEmojiIcon(ctx, db.icon, r.At("icon")));
    LN_ASSIGN_OR_RETURN(db.cover, ReadIconOrCover(ctx, r, "cover", true));
    LN_ASSIGN_OR_RETURN(db.in_trash, r.Bool("in_trash"));
    LN_ASSIGN_OR_RETURN(db.is_inline, r.Bool("is_inline"));
    LN_ASSIGN_OR_RETURN(db.created_time, r.Time("created_time", now));
    LN_ASSIGN_OR_RETURN(db.last_edited_time, r.Time("last_edited_time", db.created_time));
    LN_ASSIGN_OR_RETURN(db.created_by, author(r, "created_by"));
    LN_ASSIGN_OR_RETURN(db.last_edited_by, author(r, "last_edited_by"));
    LN_RETURN_IF_ERROR(ctx.WriteDatabase(Caller{}, nullptr, db, WriteMode::kImport));
  }

  // Data sources: records first, so that relations may name any of them.
  LN_ASSIGN_OR_RETURN(auto sources, Items(f, "data_sources"));
  std::vector<storage::DataSourceRecord> source_records;
  for (const Reader& r : sources) {
    storage::DataSourceRecord ds;
    LN_ASSIGN_OR_RETURN(ds.id, r.Id("id", true));
    if (!object_ids.insert(ds.id).second) return Duplicate(r.At("id"), ds.id);
    LN_ASSIGN_OR_RETURN(ds.database_id, r.Id("database_id", false));
    LN_ASSIGN_OR_RETURN(auto db, ctx.store().GetDatabase(ds.database_id));
    if (!db) return api::FailedValidation(r.At("database_id"), "the id of one of body.databases", r.Get("database_id"));
    LN_ASSIGN_OR_RETURN(ds.title, r.Get("title") ? r.RichText("title") : Result<json::array>(db->title));
    LN_ASSIGN_OR_RETURN(ds.description, r.RichText("description"));
    LN_ASSIGN_OR_RETURN(ds.icon, ReadIconOrCover(ctx, r, "icon", false));
    LN_RETURN_IF_ERROR(emojis::ResolveCustomEmojiIcon(ctx, ds.icon, r.At("icon")));
    LN_ASSIGN_OR_RETURN(ds.in_trash, r.Bool("in_trash"));
    LN_ASSIGN_OR_RETURN(ds.created_time, r.Time("created_time", db->created_time));
    LN_ASSIGN_OR_RETURN(ds.last_edited_time, r.Time("last_edited_time", ds.created_time));
    LN_ASSIGN_OR_RETURN(ds.created_by, author(r, "created_by"));
    LN_ASSIGN_OR_RETURN(ds.last_edited_by, author(r, "last_edited_by"));
    const json::value* next = r.Get("next_unique_id");
    if (next && !(next->is_int64() && next->get_int64() >= 1)) {
      return api::FailedValidation(r.At("next_unique_id"), "an integer ≥ `1`", next);
    }
    ds.next_unique_id = next ? next->get_int64() : 1;
    LN_RETURN_IF_ERROR(ctx.WriteDataSource(Caller{}, nullptr, ds, WriteMode::kImport));
    source_records.push_back(std::move(ds));
  }
  for (size_t i = 0; i < sources.size(); ++i) {
    LN_ASSIGN_OR_RETURN(schema::Schema schema,
                        ReadFixtureSchema(ctx, sources[i].Get("properties"), sources[i].At("properties")));
    storage::DataSourceRecord& ds = source_records[i];
    ds.schema = schema::SchemaToStored(schema);
    LN_RETURN_IF_ERROR(ctx.WriteDataSource(Caller{}, nullptr, ds, WriteMode::kImport));
  }
  for (size_t i = 0; i < sources.size(); ++i) {
    LN_ASSIGN_OR_RETURN(auto ds, ctx.store().GetDataSource(source_records[i].id));
    LN_ASSIGN_OR_RETURN(SchemaPtr current, ctx.SchemaOf(ds));
    schema::Schema checked = *current;
    LN_RETURN_IF_ERROR(databases::ResolveRollups(ctx, checked));
    LN_RETURN_IF_ERROR(schema::CheckFormulas(checked));
    if (schema::SchemaToStored(checked) != ds->schema) {
      storage::DataSourceRecord resolved = *ds;
      resolved.schema = schema::SchemaToStored(checked);
      LN_RETURN_IF_ERROR(ctx.WriteDataSource(Caller{}, nullptr, resolved, WriteMode::kImport));
    }
  }

  // Pages: records in order, then the references (people, relations, parents).
  LN_ASSIGN_OR_RETURN(auto pages, Items(f, "pages"));
  std::vector<std::pair<LoadedPage, std::vector<validation::PropertyWrite>>> written;
  for (const Reader& r : pages) {
    storage::PageRecord page;
    LN_ASSIGN_OR_RETURN(page.id, r.Id("id", true));
    if (!object_ids.insert(page.id).second) return Duplicate(r.At("id"), page.id);
    const json::value* parent = r.Get("parent");
    if (!parent || !parent->is_object()) return api::FailedValidation(r.At("parent"), "an object", parent);
    Reader p{parent->get_object(), r.At("parent")};
    if (p.Get("data_source_id")) {
      page.parent_type = "data_source_id";
      LN_ASSIGN_OR_RETURN(page.parent_id, p.Id("data_source_id", false));
      LN_ASSIGN_OR_RETURN(auto ds, ctx.store().GetDataSource(page.parent_id));
      if (!ds)
        return api::FailedValidation(p.At("data_source_id"), "the id of one of body.data_sources",
                                     p.Get("data_source_id"));
    } else if (p.Get("database_id")) {
      LN_ASSIGN_OR_RETURN(std::string db_id, p.Id("database_id", false));
      LN_ASSIGN_OR_RETURN(auto db_sources, ctx.store().ListDataSources(db_id));
      if (db_sources.size() != 1) {
        return api::FailedValidation(p.At("database_id"), "the id of a database of body.databases with one data source",
                                     p.Get("database_id"));
      }
      page.parent_type = "data_source_id";
      page.parent_id = db_sources.front()->id;
    } else if (p.Get("page_id")) {
      page.parent_type = "page_id";
      LN_ASSIGN_OR_RETURN(page.parent_id, p.Id("page_id", false));
      page_parents.emplace_back(p.At("page_id"), page.parent_id);
    } else if (p.Get("workspace")) {
      page.parent_type = "workspace";
    } else {
      return api::FixOne({api::ShouldBe(p.At("page_id"), "defined", nullptr),
                          api::ShouldBe(p.At("database_id"), "defined", nullptr),
                          api::ShouldBe(p.At("data_source_id"), "defined", nullptr),
                          api::ShouldBe(p.At("workspace"), "defined", nullptr)});
    }
    LN_ASSIGN_OR_RETURN(page.icon, ReadIconOrCover(ctx, r, "icon", false));
    LN_RETURN_IF_ERROR(emojis::ResolveCustomEmojiIcon(ctx, page.icon, r.At("icon")));
    LN_ASSIGN_OR_RETURN(page.cover, ReadIconOrCover(ctx, r, "cover", true));
    LN_ASSIGN_OR_RETURN(page.in_trash, r.Bool("in_trash"));
    LN_ASSIGN_OR_RETURN(page.is_locked, r.Bool("is_locked"));
    LN_ASSIGN_OR_RETURN(page.created_time, r.Time("created_time", now));
    LN_ASSIGN_OR_RETURN(page.last_edited_time, r.Time("last_edited_time", page.created_time));
    LN_ASSIGN_OR_RETURN(page.created_by, author(r, "created_by"));
    LN_ASSIGN_OR_RETURN(page.last_edited_by, author(r, "last_edited_by"));
    LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx.LoadRecord(std::move(page)));
    LN_ASSIGN_OR_RETURN(auto writes, ReadFixtureValues(ctx, loaded, r.Get("properties"), r.path));
    LN_RETURN_IF_ERROR(ctx.WritePage(Caller{}, nullptr, loaded.page, nullptr, WriteMode::kImport));
    written.emplace_back(std::move(loaded), std::move(writes));
  }
  // Shares, once every object they may name is loaded: "workspace", or the id of a page,
  // database or data source of the fixture. Absent: none (the server's own tokens see
  // the whole workspace whatever the fixture says).
  for (size_t i = 0; i < integrations.size(); ++i) {
    const Reader& r = integrations[i];
    const json::value* shares = r.Get("shares");
    if (shares == nullptr || shares->is_null()) continue;
    if (!shares->is_array()) return api::FailedValidation(r.At("shares"), "an array", shares);
    for (size_t j = 0; j < shares->get_array().size(); ++j) {
      const json::value& id = shares->get_array()[j];
      std::optional<std::string> object;
      if (id.is_string() && id.get_string() == storage::kWholeWorkspace) {
        object = std::string(storage::kWholeWorkspace);
      } else if (id.is_string()) {
        object = NormalizeUuid(id.get_string());
        if (object && !object_ids.count(*object)) object.reset();
      }
      if (!object) {
        return api::FailedValidation(api::Index(r.At("shares"), j),
                                     "`\"workspace\"` or the id of a page, database or data source of the fixture",
                                     &id);
      }
      LN_RETURN_IF_ERROR(ctx.store().PutShare(integration_ids[i], *object));
    }
  }
  for (size_t i = 0; i < written.size(); ++i) {
    Status refs = pages::CheckReferences(ctx, written[i].second);
    if (!refs.ok()) return FixtureErrorAt(std::move(refs).error(), pages[i].path);
  }
  for (const auto& [path, id] : page_parents) {
    LN_ASSIGN_OR_RETURN(auto parent_page, ctx.store().GetPage(id));
    if (!parent_page) {
      json::value shown(id);
      return api::FailedValidation(path, "the id of one of body.pages", &shown);
    }
  }
  LN_RETURN_IF_ERROR(SeedBlocks(ctx, f, author));
  LN_RETURN_IF_ERROR(SeedTemplates(ctx, f));
  LN_RETURN_IF_ERROR(SeedViews(ctx, f, actor));
  // After the blocks: a note goes at the end of its page's content.
  LN_RETURN_IF_ERROR(SeedMeetingNotes(ctx, f, author));
  LN_RETURN_IF_ERROR(SeedComments(ctx, f, author));
  return SeedWebhookSubscriptions(ctx, f);
}

}  // namespace localnotion::service::admin
