// ToFixture (pull.h): Notion's 2025-09-03 response objects in the fixture's form
// (docs/fixtures.md). What the token could not see is left out, and what points at it
// is cut where the fixture would refuse it:
//   - a page or database whose parent is not in the fixture goes to the workspace; a
//     parent block stands for the page that holds it;
//   - people, relations and authors name only users and pages of the fixture (authors
//     left out fall back to the pulling integration's bot);
//   - Notion-hosted files (page files values, media blocks, icons of pages, databases,
//     data sources and blocks, covers, comment attachments) whose bytes the pull
//     downloaded become file uploads of the fixture (pull_files.h), owned by the pulling
//     integration; the others become external links to the same URL (they expire, as
//     Notion's do), and a comment attachment among them is dropped;
//   - the workspace's custom emojis are the fixture's, with their ids, names and image
//     links; icons keep naming them (an icon naming one the pull did not list becomes none);
//   - AI meeting notes on a page of the fixture become its `meeting_notes`, their tabs
//     rendered to markdown (pull_meeting_notes.h); notes elsewhere (under a block: a
//     fixture places notes on pages only), and what is inside any note, are not blocks;
//   - a synced block whose original is not in the fixture becomes an original; blocks of
//     types the server does not know are left out.
// The pulling integration is the fixture's first integration, with the SHA-256 of the
// token and the whole workspace shared: a server started with that --token sees what
// the token saw. Other bots become integrations whose tokens nobody knows.
#include <map>
#include <optional>
#include <set>

#include "api/blocks/registry.h"
#include "cli/pull.h"
#include "cli/pull_files.h"
#include "cli/pull_meeting_notes.h"
#include "common/json_fields.h"
#include "common/sha256.h"

namespace localnotion::cli {
namespace {

std::set<std::string> EmojiIds(const PulledWorkspace& p) {
  std::set<std::string> ids;
  for (const auto& e : p.custom_emojis) ids.insert(StringAt(e, "id"));
  return ids;
}

class Converter {
 public:
  Converter(const PulledWorkspace& p, const std::string& token)
      : p_(p),
        token_(token),
        integration_id_(DerivedUuid("localnotion pull: integration\n" + StringAt(p.me, "id"))),
        files_(p.files, integration_id_, EmojiIds(p)) {}

  json::value Run() {
    for (const auto& u : p_.users) users_.insert(StringAt(u, "id"));
    users_.insert(StringAt(p_.me, "id"));
    for (const auto& d : p_.databases) objects_.insert(StringAt(d, "id"));
    for (const auto& d : p_.data_sources) sources_.insert(StringAt(d, "id"));
    for (const auto& pg : p_.pages) objects_.insert(StringAt(pg, "id"));
    // The page each block sits in, for parents that are blocks.
    for (const auto& b : p_.blocks) {
      const json::object* parent = ObjectAt(b, "parent");
      if (!parent) continue;
      std::string id = StringAt(*parent, StringAt(*parent, "type"));
      page_of_[StringAt(b, "id")] = page_of_.count(id) ? page_of_[id] : id;
      blocks_.insert(StringAt(b, "id"));
      if (StringAt(b, "type") == "child_database") rows_[StringAt(b, "id")] = &b;
    }
    json::object f{{"format", "localnotion-fixture/1"}};
    const json::object* bot = ObjectAt(p_.me, "bot");
    json::object workspace{{"name", bot ? json::value(StringAt(*bot, "workspace_name")) : json::value("localnotion")}};
    if (bot && !StringAt(*bot, "workspace_id").empty()) workspace["id"] = StringAt(*bot, "workspace_id");
    f["workspace"] = std::move(workspace);
    json::array users, integrations;
    integrations.push_back(json::object{{"id", integration_id_},
                                        {"name", StringAt(p_.me, "name")},
                                        {"token_sha256", Sha256Hex(token_)},
                                        {"bot_user_id", StringAt(p_.me, "id")},
                                        {"shares", json::array{"workspace"}}});
    for (const auto& u : p_.users) {
      if (StringAt(u, "type") == "person") {
        const json::object* person = ObjectAt(u, "person");
        json::object o{{"id", StringAt(u, "id")}, {"type", "person"}, {"name", StringAt(u, "name")}};
        o["email"] = person && Find(*person, "email") ? *Find(*person, "email") : json::value(nullptr);
        o["avatar_url"] = Find(u, "avatar_url") ? *Find(u, "avatar_url") : json::value(nullptr);
        users.push_back(std::move(o));
      } else if (StringAt(u, "type") == "bot" && StringAt(u, "id") != StringAt(p_.me, "id")) {
        integrations.push_back(json::object{{"name", StringAt(u, "name")},
                                            {"token_sha256", Sha256Hex(token_ + "\n" + StringAt(u, "id"))},
                                            {"bot_user_id", StringAt(u, "id")},
                                            {"shares", json::array{}}});
      }
    }
    f["users"] = std::move(users);
    f["integrations"] = std::move(integrations);
    json::array emojis;
    for (const auto& e : p_.custom_emojis) {
      emojis.push_back(
          json::object{{"id", StringAt(e, "id")}, {"name", StringAt(e, "name")}, {"url", StringAt(e, "url")}});
    }
    if (!emojis.empty()) f["custom_emojis"] = std::move(emojis);
    json::array databases;
    for (const auto& d : p_.databases) {
      json::object o{{"id", StringAt(d, "id")}, {"parent", Parent(d, false)}};
      for (const char* key : {"title", "description"}) o[key] = Find(d, key) ? *Find(d, key) : json::array{};
      o["icon"] = Find(d, "icon") ? files_.Portable(*Find(d, "icon")) : nullptr;
      o["cover"] = Find(d, "cover") ? files_.Portable(*Find(d, "cover")) : nullptr;
      for (const char* key : {"in_trash", "is_inline"}) o[key] = Find(d, key) ? *Find(d, key) : false;
      Times(d, o);
      // A database object names no authors; its child_database block does.
      if (auto row = rows_.find(StringAt(d, "id")); row != rows_.end()) {
        for (const char* key : {"created_by", "last_edited_by"}) {
          if (auto by = Author(*row->second, key)) o[key] = *by;
        }
      }
      databases.push_back(std::move(o));
    }
    f["databases"] = std::move(databases);
    json::array sources;
    for (const auto& d : p_.data_sources) sources.push_back(Source(d));
    f["data_sources"] = std::move(sources);
    json::array pages;
    for (const auto& pg : p_.pages) pages.push_back(Page(pg));
    f["pages"] = std::move(pages);
    json::array blocks;
    for (const auto& b : p_.blocks) {
      if (auto o = Block(b)) blocks.push_back(std::move(*o));
    }
    f["blocks"] = std::move(blocks);
    json::array notes = MeetingNotes();
    if (!notes.empty()) f["meeting_notes"] = std::move(notes);
    json::array comments;
    for (const auto& c : p_.comments) {
      const json::object* parent = ObjectAt(c, "parent");
      std::string type = parent ? StringAt(*parent, "type") : "";
      std::string id = parent ? StringAt(*parent, type) : "";
      if (!(type == "page_id" && objects_.count(id)) && !(type == "block_id" && kept_blocks_.count(id))) continue;
      json::object o{{"id", StringAt(c, "id")}, {"parent", json::object{{"type", type}, {type, id}}}};
      o["discussion_id"] = StringAt(c, "discussion_id");
      o["rich_text"] = Find(c, "rich_text") ? *Find(c, "rich_text") : json::array{};
      json::array attachments;
      if (const json::value* given = Find(c, "attachments"); given && given->is_array()) {
        for (const auto& a : given->get_array()) {
          if (auto stored = files_.Attachment(a)) attachments.push_back(std::move(*stored));
        }
      }
      if (!attachments.empty()) o["attachments"] = std::move(attachments);
      if (const json::value* name = Find(c, "display_name")) o["display_name"] = *name;
      o["created_time"] = StringAt(c, "created_time");
      o["last_edited_time"] = StringAt(c, "last_edited_time");
      if (auto by = Author(c, "created_by")) o["created_by"] = *by;
      comments.push_back(std::move(o));
    }
    f["comments"] = std::move(comments);
    json::array uploads = files_.Uploads();
    if (!uploads.empty()) f["file_uploads"] = std::move(uploads);
    return f;
  }

 private:
  std::optional<std::string> Author(const json::object& o, std::string_view key) {
    const json::object* user = ObjectAt(o, key);
    if (!user || !users_.count(StringAt(*user, "id"))) return std::nullopt;
    return StringAt(*user, "id");
  }

  void Times(const json::object& in, json::object& out) {
    for (const char* key : {"created_time", "last_edited_time"}) {
      if (Find(in, key)) out[key] = *Find(in, key);
    }
    for (const char* key : {"created_by", "last_edited_by"}) {
      if (auto by = Author(in, key)) out[key] = *by;
    }
  }

  // A page's or database's parent in the fixture: a page or data source of it, else the
  // workspace.
  json::value Parent(const json::object& o, bool page) {
    const json::object* parent = ObjectAt(o, "parent");
    std::string type = parent ? StringAt(*parent, "type") : "";
    std::string id = parent ? StringAt(*parent, type) : "";
    if (type == "block_id" && page_of_.count(id)) {
      type = "page_id";
      id = page_of_[id];
    }
    if (type == "page_id" && objects_.count(id)) return json::object{{"type", "page_id"}, {"page_id", id}};
    if (page && type == "data_source_id" && sources_.count(id)) {
      return json::object{{"type", "data_source_id"}, {"data_source_id", id}};
    }
    return json::object{{"type", "workspace"}, {"workspace", true}};
  }

  json::object Source(const json::object& d) {
    json::object o{{"id", StringAt(d, "id")}};
    const json::object* parent = ObjectAt(d, "parent");
    o["database_id"] = parent ? StringAt(*parent, "database_id") : "";
    for (const char* key : {"title", "description"}) o[key] = Find(d, key) ? *Find(d, key) : json::array{};
    o["icon"] = Find(d, "icon") ? files_.Portable(*Find(d, "icon")) : nullptr;
    o["in_trash"] = Find(d, "in_trash") ? *Find(d, "in_trash") : false;
    Times(d, o);
    json::object properties;
    if (const json::object* props = ObjectAt(d, "properties")) {
      for (const auto& kv : *props) {
        if (!kv.value().is_object()) continue;
        const json::object& def = kv.value().get_object();
        std::string type = StringAt(def, "type");
        const json::value* config = Find(def, type);
        if (type == "relation" && config && config->is_object() &&
            !sources_.count(StringAt(config->get_object(), "data_source_id"))) {
          continue;  // its target is not in the fixture
        }
        properties[kv.key()] = json::object{
            {"id", StringAt(def, "id")}, {"type", type}, {type, config ? *config : json::value(json::object{})}};
      }
    }
    o["properties"] = std::move(properties);
    return o;
  }

  json::object Page(const json::object& pg) {
    json::value parent = Parent(pg, true);
    bool in_source = StringAt(parent.get_object(), "type") == "data_source_id";
    json::object o{{"id", StringAt(pg, "id")}, {"parent", parent}};
    json::object values;
    if (const json::object* props = ObjectAt(pg, "properties")) {
      for (const auto& kv : *props) {
        if (!kv.value().is_object()) continue;
        const json::object& prop = kv.value().get_object();
        std::string type = StringAt(prop, "type");
        if (!in_source && type != "title") continue;
        json::value v = Find(prop, type) ? *Find(prop, type) : json::value(nullptr);
        if (v.is_null() || (v.is_array() && v.get_array().empty())) continue;
        if (type == "formula" || type == "rollup" || type == "created_time" || type == "created_by" ||
            type == "last_edited_time" || type == "last_edited_by" || type == "button" || type == "verification") {
          continue;
        }
        if (type == "unique_id") {
          v = json::object{{"number", v.is_object() && Find(v.get_object(), "number") ? *Find(v.get_object(), "number")
                                                                                      : json::value(nullptr)}};
        } else if (type == "people" || type == "relation") {
          json::array kept;
          for (const auto& ref : v.get_array()) {
            std::string id = ref.is_object() ? StringAt(ref.get_object(), "id") : "";
            if (type == "people" ? users_.count(id) > 0 : objects_.count(id) > 0)
              kept.push_back(json::object{{"id", id}});
          }
          v = std::move(kept);
        } else if (type == "files" && v.is_array()) {
          for (auto& file : v.get_array()) file = files_.Portable(file);
        }
        values[in_source ? kv.key() : "title"] = json::object{{type, std::move(v)}};
      }
    }
    o["properties"] = std::move(values);
    o["icon"] = Find(pg, "icon") ? files_.Portable(*Find(pg, "icon")) : nullptr;
    o["cover"] = Find(pg, "cover") ? files_.Portable(*Find(pg, "cover")) : nullptr;
    for (const char* key : {"in_trash", "is_locked"}) o[key] = Find(pg, key) ? *Find(pg, key) : false;
    Times(pg, o);
    return o;
  }

  std::optional<json::object> Block(const json::object& b) {
    std::string type = StringAt(b, "type");
    std::string id = StringAt(b, "id");
    const json::object* parent = ObjectAt(b, "parent");
    std::string parent_type = parent ? StringAt(*parent, "type") : "";
    std::string parent_id = parent ? StringAt(*parent, parent_type) : "";
    if (api::blocks::FindBlockType(type) == nullptr || PulledMeetingNotes::Is(b)) return std::nullopt;
    if ((type == "child_page" || type == "child_database") && !objects_.count(id)) return std::nullopt;
    if (parent_type == "page_id" ? !objects_.count(parent_id) : !kept_blocks_.count(parent_id)) return std::nullopt;
    json::value content = Find(b, type) ? *Find(b, type) : json::value(json::object{});
    if (!content.is_object()) return std::nullopt;
    json::object& c = content.as_object();
    if (type == "child_page" || type == "child_database") c = json::object{};
    if (type == "synced_block") {
      const json::object* from = ObjectAt(c, "synced_from");
      if (from && !blocks_.count(StringAt(*from, "block_id"))) c["synced_from"] = nullptr;
    }
    if (c.contains("icon")) c["icon"] = files_.BlockIcon(c["icon"]);
    if (const json::value* source = Find(c, "type"); source && source->is_string() && source->get_string() == "file") {
      content = files_.Portable(content);
    }
    kept_blocks_.insert(id);
    json::object o{{"id", id}, {"parent", json::object{{"type", parent_type}, {parent_type, parent_id}}}};
    o["type"] = type;
    o[type] = std::move(content);
    o["in_trash"] = Find(b, "in_trash") ? *Find(b, "in_trash") : false;
    Times(b, o);
    return o;
  }

  // The meeting notes on pages of the fixture, in the order found: each page's in their
  // order on the page, where a seed puts them back one after the other (after the page's
  // other blocks). The answers give times to the minute, as Notion's do, so creation time
  // would not order notes made in the same minute.
  json::array MeetingNotes() {
    PulledMeetingNotes notes(p_.blocks);
    std::vector<const json::object*> found;
    for (const auto& b : p_.blocks) {
      const json::object* parent = ObjectAt(b, "parent");
      if (PulledMeetingNotes::Is(b) && parent && StringAt(*parent, "type") == "page_id" &&
          objects_.count(StringAt(*parent, "page_id"))) {
        found.push_back(&b);
      }
    }
    json::array out;
    for (const json::object* b : found) {
      json::object o = notes.Entry(*b, StringAt(*ObjectAt(*b, "parent"), "page_id"));
      for (const char* key : {"created_by", "last_edited_by"}) {
        if (auto by = Author(*b, key)) o[key] = *by;
      }
      out.push_back(std::move(o));
    }
    return out;
  }

  const PulledWorkspace& p_;
  const std::string& token_;
  const std::string integration_id_;  // the pulling integration's, in the fixture
  FixtureFiles files_;
  std::set<std::string> users_, objects_, sources_, blocks_, kept_blocks_;
  std::map<std::string, std::string> page_of_;
  std::map<std::string, const json::object*> rows_;  // child_database blocks by database id
};

}  // namespace

json::value ToFixture(const PulledWorkspace& pulled, const std::string& token) {
  return Converter(pulled, token).Run();
}

}  // namespace localnotion::cli
