#include "storage/shard_map.h"

#include <algorithm>
#include <fstream>
#include <set>

#include "common/json.h"

namespace localnotion::storage {
namespace {

Error Invalid(std::string message) { return MakeError(ErrorCode::kInvalidRequest, std::move(message)); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The keys of `urls`, refusing a URL that is not PostgreSQL's and a database given twice.
Result<std::vector<std::string>> KeysOf(const std::vector<std::string>& urls) {
  std::vector<std::string> keys;
  std::set<std::string> seen;
  for (const std::string& url : urls) {
    LN_ASSIGN_OR_RETURN(std::string key, DatabaseKey(url));
    if (!seen.insert(key).second) return Invalid("the database " + key + " is given twice as a shard");
    keys.push_back(std::move(key));
  }
  return keys;
}

}  // namespace

int ShardMap::LogicalShardOf(std::string_view workspace_id) const {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : workspace_id) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return static_cast<int>(h % static_cast<uint64_t>(logical_shards));
}

std::string ShardMap::KeyOf(int logical) const {
  if (logical < 0 || logical >= static_cast<int>(database_of.size())) return "";
  return databases[database_of[logical]];
}

Result<std::string> ShardMap::UrlOf(int logical) const {
  if (logical < 0 || logical >= static_cast<int>(database_of.size())) {
    return InternalError("no logical shard " + std::to_string(logical) + " in the shard map");
  }
  const size_t db = database_of[logical];
  if (db >= urls.size() || urls[db].empty()) {
    return InternalError("logical shard " + std::to_string(logical) + " lives on the database " + databases[db] +
                         ", which this process was not given (--shard)");
  }
  return urls[db];
}

Result<std::string> DatabaseKey(std::string_view url) {
  std::string_view rest;
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (url.substr(0, scheme.size()) == scheme) rest = url.substr(scheme.size());
  }
  if (rest.empty()) return Invalid("a shard must be a postgresql:// URL: " + std::string(url));
  rest = rest.substr(0, rest.find('?'));
  const size_t at = rest.find('@');
  if (at != std::string_view::npos) rest = rest.substr(at + 1);
  const size_t slash = rest.find('/');
  std::string_view host = rest.substr(0, slash);
  std::string_view db = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  if (host.empty()) return Invalid("a shard URL must name its host: " + std::string(url));
  std::string key(host);
  // The port is after the last ':' unless that is inside an IPv6 literal's brackets.
  const size_t colon = host.rfind(':');
  if (colon == std::string_view::npos || host.find(']', colon) != std::string_view::npos) key += ":5432";
  key += "/";
  key += db.empty() ? std::string_view("postgres") : db;
  return key;
}

Result<ShardMap> PlanShardMap(const std::vector<std::string>& urls, int logical_shards) {
  if (urls.empty()) return Invalid("a shard map needs at least one database");
  if (logical_shards < 1) return Invalid("a shard map needs at least one logical shard");
  LN_ASSIGN_OR_RETURN(std::vector<std::string> keys, KeysOf(urls));
  ShardMap map;
  map.logical_shards = logical_shards;
  std::vector<size_t> order(keys.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  for (size_t i : order) {
    map.databases.push_back(keys[i]);
    map.urls.push_back(urls[i]);
  }
  for (int i = 0; i < logical_shards; ++i) map.database_of.push_back(i % static_cast<int>(keys.size()));
  return map;
}

std::string EncodeShardMap(const ShardMap& map) {
  json::array databases;
  for (const std::string& key : map.databases) databases.emplace_back(key);
  json::array of;
  for (int db : map.database_of) of.emplace_back(db);
  return SerializeJson(json::object{
      {"logical_shards", map.logical_shards}, {"databases", std::move(databases)}, {"map", std::move(of)}});
}

Result<ShardMap> BindShardMap(std::string_view stored, const std::vector<std::string>& urls) {
  const Error corrupt = InternalError("the shard map in the catalog is not readable: " + std::string(stored));
  auto parsed = ParseJson(stored);
  if (!parsed || !parsed->is_object()) return corrupt;
  const json::object& o = parsed->as_object();
  const json::value* count = Find(o, "logical_shards");
  const json::value* databases = Find(o, "databases");
  const json::value* of = Find(o, "map");
  if (!count || !count->is_int64() || !databases || !databases->is_array() || !of || !of->is_array()) return corrupt;
  ShardMap map;
  map.logical_shards = static_cast<int>(count->as_int64());
  for (const json::value& key : databases->as_array()) {
    if (!key.is_string()) return corrupt;
    map.databases.emplace_back(key.as_string());
  }
  for (const json::value& db : of->as_array()) {
    if (!db.is_int64() || db.as_int64() < 0 || db.as_int64() >= static_cast<int64_t>(map.databases.size())) {
      return corrupt;
    }
    map.database_of.push_back(static_cast<int>(db.as_int64()));
  }
  if (map.logical_shards < 1 || static_cast<int>(map.database_of.size()) != map.logical_shards) return corrupt;
  LN_ASSIGN_OR_RETURN(std::vector<std::string> keys, KeysOf(urls));
  map.urls.assign(map.databases.size(), "");
  for (size_t i = 0; i < keys.size(); ++i) {
    auto it = std::find(map.databases.begin(), map.databases.end(), keys[i]);
    if (it == map.databases.end()) {
      return Invalid("the database " + keys[i] +
                     " holds no logical shard of this catalog's shard map; moving logical shards to a new database "
                     "is not implemented yet (docs/scaling.md)");
    }
    map.urls[it - map.databases.begin()] = urls[i];
  }
  for (size_t i = 0; i < map.databases.size(); ++i) {
    if (map.urls[i].empty()) {
      return Invalid("the catalog's shard map places logical shards on the database " + map.databases[i] +
                     ", which no --shard names; give every database of the map");
    }
  }
  return map;
}

Result<std::vector<std::string>> ReadShardFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Invalid("cannot read the shard map file " + path);
  std::vector<std::string> urls;
  std::string line;
  while (std::getline(in, line)) {
    std::string_view t = Trim(line);
    if (t.empty() || t.front() == '#') continue;
    urls.emplace_back(t);
  }
  if (urls.empty()) return Invalid("the shard map file " + path + " names no database");
  return urls;
}

}  // namespace localnotion::storage
