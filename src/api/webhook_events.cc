#include "api/webhook_events.h"

#include <algorithm>

#include "common/sha256.h"

namespace localnotion::api {
namespace {

constexpr bool kAgg = true;
constexpr bool kNow = false;

}  // namespace

bool IsWebhookApiVersion(std::string_view version) {
  return version == "2022-06-28" || version == "2025-09-03" || version == "2026-03-11";
}

bool WebhookHasDataSources(std::string_view version) { return version != "2022-06-28"; }

// https://developers.notion.com/reference/webhooks-events-delivery (the table of event
// types and which are aggregated); the versions from the 2025-09-03 upgrade guide.
const std::vector<WebhookEventType>& WebhookEventCatalog() {
  static const std::vector<WebhookEventType> kCatalog = {
      {"page.created", kAgg},
      {"page.content_updated", kAgg},
      {"page.properties_updated", kAgg},
      {"page.moved", kAgg},
      {"page.deleted", kAgg},
      {"page.undeleted", kAgg},
      {"page.locked", kNow},
      {"page.unlocked", kNow},
      {"database.created", kAgg},
      {"database.content_updated", kAgg, true, false},
      {"database.schema_updated", kAgg, true, false},
      {"database.moved", kAgg},
      {"database.deleted", kAgg},
      {"database.undeleted", kAgg},
      {"data_source.content_updated", kAgg, false, true},
      {"data_source.schema_updated", kAgg, false, true},
      {"data_source.created", kAgg, false, true},
      {"data_source.moved", kAgg, false, true},
      {"data_source.deleted", kAgg, false, true},
      {"data_source.undeleted", kAgg, false, true},
      {"comment.created", kNow},
      {"comment.updated", kNow},
      {"comment.deleted", kNow},
      {"file_upload.created", kNow},
      {"file_upload.completed", kNow},
      {"file_upload.expired", kNow},
      {"file_upload.upload_failed", kNow},
      // Views, on 2025-09-03 and later subscriptions (changelog 2026-03-19,
      // https://developers.notion.com/page/changelog); not aggregated (docs/compat.md).
      {"view.created", kNow, false, true},
      {"view.updated", kNow, false, true},
      {"view.deleted", kNow, false, true},
  };
  return kCatalog;
}

const WebhookEventType* FindWebhookEventType(std::string_view name) {
  for (const WebhookEventType& t : WebhookEventCatalog()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

bool WebhookEventServedIn(const WebhookEventType& type, std::string_view version) {
  return WebhookHasDataSources(version) ? type.with_data_sources : type.before_data_sources;
}

json::object RenderWebhookParent(const WebhookParent& parent) {
  json::object out{{"id", parent.id}, {"type", parent.type}};
  if (parent.data_source_id) out["data_source_id"] = *parent.data_source_id;
  return out;
}

json::object RenderWebhookEvent(const WebhookEventView& e) {
  json::array authors;
  for (const WebhookRef& a : e.authors) authors.push_back(json::object{{"id", a.id}, {"type", a.type}});
  json::object out{{"id", e.id},
                   {"timestamp", FormatIso8601(e.timestamp)},
                   {"workspace_id", e.workspace_id},
                   {"workspace_name", e.workspace_name},
                   {"subscription_id", e.subscription_id},
                   {"integration_id", e.integration_id},
                   {"type", e.type},
                   {"authors", std::move(authors)},
                   {"attempt_number", e.attempt_number},
                   {"api_version", e.api_version},
                   {"entity", json::object{{"id", e.entity.id}, {"type", e.entity.type}}}};
  if (e.data) out["data"] = *e.data;
  return out;
}

namespace {

// Appends the entries of `from` missing from `into`; an object entry whose `key` matches
// one of `into` replaces it (the later state of that property or block wins).
void Union(json::array& into, const json::array& from, std::string_view key) {
  for (const json::value& v : from) {
    auto same = [&](const json::value& w) {
      if (!v.is_object() || !w.is_object()) return v == w;
      const json::value* kv = Find(v.get_object(), key);
      const json::value* kw = Find(w.get_object(), key);
      return kv && kw && *kv == *kw;
    };
    auto it = std::find_if(into.begin(), into.end(), same);
    if (it == into.end()) {
      into.push_back(v);
    } else {
      *it = v;
    }
  }
}

}  // namespace

void MergeWebhookEvents(json::object& earlier, const json::object& later) {
  if (const json::value* t = Find(later, "timestamp")) earlier["timestamp"] = *t;
  const json::value* authors = Find(later, "authors");
  if (authors && authors->is_array() && earlier["authors"].is_array()) {
    Union(earlier["authors"].as_array(), authors->get_array(), "id");
  }
  const json::value* data = Find(later, "data");
  json::value* into = earlier.if_contains("data");
  if (data == nullptr || !data->is_object() || into == nullptr || !into->is_object()) return;
  MergeWebhookData(into->as_object(), data->get_object());
}

void MergeWebhookData(json::object& d, const json::object& later) {
  for (const auto& kv : later) {
    if (kv.key() == "parent") {
      d["parent"] = kv.value();
    } else if (kv.value().is_array()) {
      json::value* mine = d.if_contains(kv.key());
      if (mine == nullptr || !mine->is_array()) continue;  // the earlier event lists none (page.created)
      Union(mine->as_array(), kv.value().get_array(), "id");
    }
  }
}

std::string WebhookBodyForAttempt(std::string_view stored_event, int attempt) {
  auto parsed = ParseJson(stored_event);
  if (!parsed || !parsed->is_object()) return std::string(stored_event);
  json::object& o = parsed->as_object();
  if (o.contains("attempt_number")) o["attempt_number"] = attempt;
  return SerializeJson(*parsed);
}

std::string WebhookVerificationBody(std::string_view token) {
  return SerializeJson(json::object{{"verification_token", token}});
}

std::string WebhookSignature(std::string_view body, std::string_view verification_token) {
  return "sha256=" + HmacSha256Hex(verification_token, body);
}

}  // namespace localnotion::api
