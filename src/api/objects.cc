#include "api/objects.h"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <vector>

#include "api/rich_text.h"
#include "common/json_arena.h"
#include "common/json_shape.h"
#include "common/json_writer.h"

namespace localnotion::api {
namespace {

json::value NullableString(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

// An object's parent's members, in order, each given to `sink` once (RenderParent builds
// them as a tree, WritePage writes them as text). From 2025-09-03 a page in a database
// names its data source first.
template <class Sink>
void ParentMembers(const ParentRef& p, ApiVersion version, Sink& sink) {
  if (p.type == "workspace") {
    sink.String("type", "workspace");
    sink.Bool("workspace", true);
  } else if (p.type == "database_id" && HasDataSources(version) && !p.data_source_id.empty()) {
    sink.String("type", "data_source_id");
    sink.String("data_source_id", p.data_source_id);
    sink.String("database_id", p.id);
  } else {
    sink.String("type", p.type);
    sink.String(p.type, p.id);
  }
}

// Builds a small object member by member.
struct ObjectSink {
  json::object o;
  void String(std::string_view key, std::string_view v) { o.emplace(key, v); }
  void Bool(std::string_view key, bool b) { o.emplace(key, b); }
};

json::object RenderParent(const ParentRef& p, ApiVersion version) {
  // Parts of answers: made in the request's arena (common/json_arena.h).
  ObjectSink sink{json::object(3, JsonArena::Storage())};
  ParentMembers(p, version, sink);
  return std::move(sink.o);
}

}  // namespace

std::string NotionUrl(std::string_view title, std::string_view id) {
  // "https://www.notion.so/" + the title's letters and digits (ASCII or not), every other
  // run of characters one '-', + '-' + the id without dashes; written in one string,
  // through a pointer into room for the longest such URL, then cut to what was written.
  static constexpr std::string_view kBase = "https://www.notion.so/";
  std::string url(kBase.size() + title.size() + 1 + id.size(), '\0');
  char* const begin = url.data();
  std::memcpy(begin, kBase.data(), kBase.size());
  char* const slug = begin + kBase.size();
  char* p = slug;
  for (unsigned char c : title) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
      *p++ = static_cast<char>(c);
    } else if (p > slug && p[-1] != '-') {
      *p++ = '-';
    }
  }
  while (p > slug && p[-1] == '-') --p;
  if (p > slug) *p++ = '-';
  for (char c : id) {
    if (c != '-') *p++ = c;
  }
  url.resize(static_cast<size_t>(p - begin));
  return url;
}

// Parts of answers: made in the request's arena (common/json_arena.h).
json::object PartialUser(std::string_view id) {
  return json::object({{"object", "user"}, {"id", id}}, JsonArena::Storage());
}

json::object PartialObject(std::string_view object, const std::string& id) {
  return json::object({{"object", object}, {"id", id}}, JsonArena::Storage());
}

namespace {

// The page object's members in order, each given to `sink` once: the one description of
// the page's shape, which RenderPage builds as a tree and WritePage writes as text.
// Versions before 2026-03-11 also say `archived`, after `parent` (HasArchivedAlias).
template <class Sink>
void PageMembers(PageView& page, ApiVersion version, Sink& sink) {
  sink.String("object", "page");
  sink.String("id", page.id);
  sink.String("created_time", Iso8601MinuteOf(page.created_time).view());
  sink.String("last_edited_time", Iso8601MinuteOf(page.last_edited_time).view());
  sink.User("created_by", page.created_by);
  sink.User("last_edited_by", page.last_edited_by);
  sink.Value("cover", page.cover);
  sink.Value("icon", page.icon);
  sink.Parent("parent", page.parent, version);
  if (HasArchivedAlias(version)) sink.Bool("archived", page.in_trash);
  sink.Bool("in_trash", page.in_trash);
  sink.Bool("is_archived", false);
  sink.Bool("is_locked", page.is_locked);
  sink.Properties("properties", page);
  sink.String("url", NotionUrl(page.title, page.id));
  sink.Null("public_url");
}

// Collects the keys PageMembers gives, for the tree's shape.
struct KeySink {
  std::vector<std::string_view> keys;
  template <class V>
  void String(std::string_view key, V&&) {
    keys.push_back(key);
  }
  void User(std::string_view key, std::string_view) { keys.push_back(key); }
  void Value(std::string_view key, json::value&) { keys.push_back(key); }
  void Object(std::string_view key, const json::object&) { keys.push_back(key); }
  void Properties(std::string_view key, PageView&) { keys.push_back(key); }
  void Parent(std::string_view key, const ParentRef&, ApiVersion) { keys.push_back(key); }
  void Bool(std::string_view key, bool) { keys.push_back(key); }
  void Null(std::string_view key) { keys.push_back(key); }
};

// Builds the tree: a copy of the version's shape (common/json_shape.h), in the request's
// arena (common/json_arena.h), taking over the view's JSON parts.
struct TreeSink {
  ShapedObject o;
  template <class V>
  void String(std::string_view key, V&& v) {
    o.Set(key, std::forward<V>(v));
  }
  void User(std::string_view key, std::string_view id) { o.Set(key, PartialUser(id)); }
  void Value(std::string_view key, json::value& v) { o.Set(key, std::move(v)); }
  void Object(std::string_view key, json::object& v) { o.Set(key, std::move(v)); }
  void Properties(std::string_view key, PageView& page) {
    if (page.properties_text.empty()) return Object(key, page.properties);
    std::optional<json::value> parsed = ParseJsonIn(page.properties_text, JsonArena::Storage());
    o.Set(key, parsed ? std::move(*parsed) : json::value(json::object(JsonArena::Storage())));
  }
  void Parent(std::string_view key, const ParentRef& p, ApiVersion version) { o.Set(key, RenderParent(p, version)); }
  void Bool(std::string_view key, bool b) { o.Set(key, b); }
  void Null(std::string_view key) { o.Set(key, nullptr); }
};

// Writes the text of an object's members; the caller closes it. The page's own keys are
// the literal names of PageMembers, none of which needs escaping, so they are written as
// they are rather than scanned for characters to escape; a parent's keys include its
// stored type (ParentMembers), and are escaped.
struct TextSink {
  JsonWriter& w;
  char next = '{';
  bool escape_keys = false;
  void Key(std::string_view key) {
    if (escape_keys) {
      w.Room(1);
      w.Put(next);
      w.String(key);
      w.Room(1);
      w.Put(':');
    } else {
      // Through a local pointer, stored once: the bytes written are not taken to change
      // the writer's own.
      w.Room(key.size() + 4);
      char* p = w.pos();
      p[0] = next;
      p[1] = '"';
      json_writer_detail::CopyBytes(p + 2, key.data(), key.size());
      p += key.size() + 2;
      p[0] = '"';
      p[1] = ':';
      w.Advance(p + 2);
    }
    next = ',';
  }
  void Parent(std::string_view key, const ParentRef& p, ApiVersion version) {
    Key(key);
    TextSink inner{w, '{', true};
    ParentMembers(p, version, inner);
    w.Raw("}");
  }
  void String(std::string_view key, std::string_view v) {
    Key(key);
    w.String(v);
  }
  void User(std::string_view key, std::string_view id) {
    Key(key);
    WritePartialUser(id, w);
  }
  void Value(std::string_view key, const json::value& v) {
    Key(key);
    w.Value(v);
  }
  void Object(std::string_view key, const json::object& v) {
    Key(key);
    w.Object(v);
  }
  void Properties(std::string_view key, const PageView& page) {
    if (page.properties_text.empty()) return Object(key, page.properties);
    Key(key);
    w.Raw(page.properties_text);
  }
  void Bool(std::string_view key, bool b) {
    Key(key);
    w.Bool(b);
  }
  void Null(std::string_view key) {
    Key(key);
    w.Null();
  }
};

const json::object& PageShape(ApiVersion version) {
  static const auto make = [](ApiVersion v) {
    PageView empty;
    KeySink keys;
    PageMembers(empty, v, keys);
    return MakeShape(keys.keys);
  };
  static const json::object kWithArchived = make(kOldestApiVersion);
  static const json::object kWithout = make(kNewestApiVersion);
  static_assert(HasArchivedAlias(kOldestApiVersion) && !HasArchivedAlias(kNewestApiVersion));
  return HasArchivedAlias(version) ? kWithArchived : kWithout;
}

}  // namespace

json::object RenderPage(PageView&& page, ApiVersion version) {
  TreeSink sink{ShapedObject(PageShape(version), JsonArena::Storage())};
  PageMembers(page, version, sink);
  return sink.o.Done();
}

void WritePage(PageView& page, ApiVersion version, std::string& out) {
  JsonWriter w(out);
  TextSink sink{w};
  PageMembers(page, version, sink);
  w.Raw("}");
  w.Finish();
}

json::object RenderDatabase(const DatabaseView& db, ApiVersion version) {
  json::object o;
  o["object"] = "database";
  o["id"] = db.id;
  o["title"] = db.title;
  o["description"] = db.description;
  o["parent"] = RenderParent(db.parent, version);
  o["is_inline"] = db.is_inline;
  o["in_trash"] = db.in_trash;
  o["created_time"] = FormatIso8601Minute(db.created_time);
  o["last_edited_time"] = FormatIso8601Minute(db.last_edited_time);
  if (HasDataSources(version)) {
    o["is_locked"] = false;
    o["data_sources"] = db.data_sources;
  } else {
    o["created_by"] = PartialUser(db.created_by);
    o["last_edited_by"] = PartialUser(db.last_edited_by);
    o["archived"] = db.in_trash;
    o["properties"] = db.properties;
  }
  o["icon"] = db.icon;
  o["cover"] = db.cover;
  o["url"] = NotionUrl("", db.id);
  o["public_url"] = nullptr;
  return o;
}

json::object RenderDataSource(const DataSourceView& ds) {
  json::object o;
  o["object"] = "data_source";
  o["id"] = ds.id;
  o["title"] = ds.title;
  o["description"] = ds.description;
  o["parent"] = json::object{{"type", "database_id"}, {"database_id", ds.database_id}};
  o["database_parent"] = RenderParent(ds.database_parent, ApiVersion::k2025_09_03);
  o["is_inline"] = ds.is_inline;
  o["in_trash"] = ds.in_trash;
  o["created_time"] = FormatIso8601Minute(ds.created_time);
  o["last_edited_time"] = FormatIso8601Minute(ds.last_edited_time);
  o["created_by"] = PartialUser(ds.created_by);
  o["last_edited_by"] = PartialUser(ds.last_edited_by);
  o["properties"] = ds.properties;
  o["icon"] = ds.icon;
  o["cover"] = nullptr;
  o["url"] = NotionUrl("", ds.id);
  o["public_url"] = nullptr;
  return o;
}

void WriteUser(const UserView& user, JsonWriter& w) {
  w.StringMember(R"({"object":"user","id":)", user.id);
  w.StringMember(R"(,"name":)", user.name);
  w.Raw(R"(,"avatar_url":)");
  if (user.avatar_url) {
    w.String(*user.avatar_url);
  } else {
    w.Null();
  }
  w.StringMember(R"(,"type":)", user.type);
  if (user.type == "person") {
    w.Raw(R"(,"person":{)");
    if (user.email) w.StringMember(R"("email":)", *user.email);
    w.Raw("}");
  } else {
    w.Raw(R"(,"bot":)");
    w.Object(user.bot);
  }
  w.Raw("}");
}

void WritePartialUser(std::string_view id, JsonWriter& w) {
  w.StringMember(R"({"object":"user","id":)", id);
  w.Raw("}");
}

json::object RenderUser(const UserView& user) {
  json::object o;
  o["object"] = "user";
  o["id"] = user.id;
  o["name"] = user.name;
  o["avatar_url"] = NullableString(user.avatar_url);
  o["type"] = user.type;
  if (user.type == "person") {
    json::object person;
    if (user.email) person["email"] = *user.email;
    o["person"] = std::move(person);
  } else {
    o["bot"] = user.bot;
  }
  return o;
}

}  // namespace localnotion::api
