// The admin use cases of webhooks.h: subscriptions and their deliveries.
#include <fmt/format.h>

#include <algorithm>

#include "api/messages.h"
#include "api/webhook_events.h"
#include "api/webhook_objects.h"
#include "common/sha256.h"
#include "common/token.h"
#include "common/uuid.h"
#include "service/admin/admin.h"
#include "service/webhooks/webhooks.h"

namespace localnotion::service::webhooks {
namespace {

constexpr std::string_view kDefaultVersion = "2025-09-03";

Error NoSuchSubscription(std::string_view id) {
  return MakeError(ErrorCode::kObjectNotFound, fmt::format("Could not find webhook subscription: {}.", id));
}
Error NoSuchDelivery(std::string_view id) {
  return MakeError(ErrorCode::kObjectNotFound, fmt::format("Could not find webhook delivery: {}.", id));
}

const json::value* Field(const json::value& body, std::string_view key) {
  return body.is_object() ? Find(body.get_object(), key) : nullptr;
}

Result<std::string> StringField(const json::value& body, std::string_view key) {
  const json::value* v = Field(body, key);
  if (v == nullptr) return api::NotDefined(api::Field("body", key));
  if (!v->is_string()) return api::FailedValidation(api::Field("body", key), "a string", v);
  return std::string(v->get_string());
}

Result<std::string> UrlField(const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string url, StringField(body, "url"));
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    return ValidationError("body.url should be an http:// or https:// URL, instead was `" + url + "`.");
  }
  return url;
}

Result<std::string> VersionField(const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string version, StringField(body, "api_version"));
  if (!api::IsWebhookApiVersion(version)) {
    return ValidationError(
        "body.api_version should be `\"2022-06-28\"`, `\"2025-09-03\"` or `\"2026-03-11\"`, "
        "instead was `\"" +
        version + "\"`.");
  }
  return version;
}

// Every type served in `version` when `body` has no event_types.
Result<std::vector<std::string>> EventTypesField(const json::value& body, std::string_view version) {
  std::vector<std::string> out;
  const json::value* v = Field(body, "event_types");
  if (v == nullptr) {
    for (const auto& t : api::WebhookEventCatalog()) {
      if (api::WebhookEventServedIn(t, version)) out.emplace_back(t.name);
    }
    return out;
  }
  if (!v->is_array()) return api::FailedValidation("body.event_types", "an array", v);
  for (size_t i = 0; i < v->get_array().size(); ++i) {
    const json::value& item = v->get_array()[i];
    std::string path = fmt::format("body.event_types[{}]", i);
    if (!item.is_string()) return api::FailedValidation(path, "a string", &item);
    const api::WebhookEventType* type = api::FindWebhookEventType(item.get_string());
    if (type == nullptr) {
      return ValidationError(fmt::format("{} should be a webhook event type, instead was `\"{}\"`.", path,
                                         std::string_view(item.get_string())));
    }
    if (!api::WebhookEventServedIn(*type, version)) {
      return ValidationError(
          fmt::format("{} `{}` is not sent to subscriptions of api_version {}.", path, type->name, version));
    }
    if (std::find(out.begin(), out.end(), type->name) == out.end()) out.emplace_back(type->name);
  }
  return out;
}

json::value Describe(const storage::WebhookSubscriptionRecord& s) {
  return api::RenderWebhookSubscription(
      {s.id, s.integration_id, s.url, s.event_types, s.api_version, s.state, s.created_time});
}

json::value Describe(const storage::WebhookDeliveryRecord& d) {
  api::WebhookDeliveryView v;
  v.id = d.id;
  v.subscription_id = d.subscription_id;
  v.type = d.type;
  v.entity_id = d.entity_id;
  v.status = d.status;
  v.attempts = d.attempts;
  v.max_attempts = d.max_attempts;
  v.created_time = d.created_time;
  if (d.status == "pending") v.next_attempt_time = d.due_time;
  if (d.attempts > 0) v.last_attempt_time = d.last_attempt_time;
  v.response_status = d.response_status;
  v.latency_ms = d.latency_ms;
  v.error = d.error;
  auto headers = ParseJson(d.request_headers);
  if (headers && headers->is_object()) v.request_headers = headers->as_object();
  v.request_body = d.request_body;
  return api::RenderWebhookDelivery(v);
}

Result<storage::WebhookSubscriptionRecord> Load(Context& ctx, std::string_view id) {
  LN_ASSIGN_OR_RETURN(auto sub, ctx.store().GetWebhookSubscription(id));
  if (!sub) return NoSuchSubscription(id);
  return std::move(*sub);
}

Result<storage::WebhookDeliveryRecord> LoadDelivery(Context& ctx, std::string_view sub_id, std::string_view id) {
  LN_ASSIGN_OR_RETURN(auto d, ctx.store().GetWebhookDelivery(id));
  if (!d || d->subscription_id != sub_id) return NoSuchDelivery(id);
  return std::move(*d);
}

void Wake(Context& ctx) {
  if (ctx.state().wake_webhooks) ctx.state().wake_webhooks();
}

// Queues the handshake: {"verification_token"} to the URL, once (Notion's UI offers
// "Resend token" rather than retrying).
Status QueueHandshake(Context& ctx, const storage::WebhookSubscriptionRecord& s) {
  storage::WebhookDeliveryRecord d;
  d.id = NewUuid();
  d.subscription_id = s.id;
  d.type = "verification";
  d.status = "pending";
  d.payload = api::WebhookVerificationBody(s.verification_token);
  d.max_attempts = 1;
  d.created_time = NowMillis();
  d.due_time = d.created_time;
  LN_RETURN_IF_ERROR(ctx.store().PutWebhookDelivery(d));
  Wake(ctx);
  return OkStatus();
}

}  // namespace

Result<json::value> CreateSubscription(Context& ctx, const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string who, StringField(body, "integration"));
  LN_ASSIGN_OR_RETURN(std::string url, UrlField(body));
  std::string version(kDefaultVersion);
  if (Field(body, "api_version") != nullptr) {
    LN_ASSIGN_OR_RETURN(version, VersionField(body));
  }
  LN_ASSIGN_OR_RETURN(auto types, EventTypesField(body, version));
  LN_ASSIGN_OR_RETURN(auto integration, admin::FindIntegration(ctx, who));
  storage::WebhookSubscriptionRecord s;
  s.id = NewUuid();
  s.integration_id = integration.id;
  s.url = std::move(url);
  s.event_types = std::move(types);
  s.api_version = std::move(version);
  s.state = "pending_verification";
  // Notion's tokens look like "secret_" and 43 letters and digits.
  s.verification_token = "secret_" + NewIntegrationToken().substr(4, 43);
  s.created_time = NowMillis();
  LN_ASSIGN_OR_RETURN(s.after_sequence, ctx.store().LastChangeSequence());
  LN_RETURN_IF_ERROR(ctx.store().PutWebhookSubscription(s));
  LN_RETURN_IF_ERROR(QueueHandshake(ctx, s));
  return Describe(s);
}

Result<json::value> ListSubscriptions(Context& ctx) {
  LN_ASSIGN_OR_RETURN(auto subs, ctx.store().ListWebhookSubscriptions());
  json::array results;
  for (const auto& s : subs) results.push_back(Describe(s));
  return json::value(json::object{{"object", "list"}, {"results", std::move(results)}});
}

Result<json::value> GetSubscription(Context& ctx, std::string_view id) {
  LN_ASSIGN_OR_RETURN(auto s, Load(ctx, id));
  return Describe(s);
}

Result<json::value> UpdateSubscription(Context& ctx, std::string_view id, const json::value& body) {
  LN_ASSIGN_OR_RETURN(auto s, Load(ctx, id));
  if (Field(body, "api_version") != nullptr) {
    LN_ASSIGN_OR_RETURN(s.api_version, VersionField(body));
  }
  if (Field(body, "event_types") != nullptr || Field(body, "api_version") != nullptr) {
    json::value types = body;
    if (Field(body, "event_types") == nullptr) {
      json::array kept;
      for (const auto& t : s.event_types) kept.emplace_back(t);
      types = json::object{{"event_types", std::move(kept)}};
    }
    LN_ASSIGN_OR_RETURN(s.event_types, EventTypesField(types, s.api_version));
  }
  if (Field(body, "url") != nullptr) {
    LN_ASSIGN_OR_RETURN(std::string url, UrlField(body));
    // https://developers.notion.com/reference/webhooks: the URL "cannot be changed" once
    // verified; delete the subscription and create it again.
    if (url != s.url && s.state != "pending_verification") {
      return ValidationError(
          "The URL of a verified webhook subscription cannot be changed. Delete the "
          "subscription and create a new one.");
    }
    s.url = std::move(url);
  }
  LN_RETURN_IF_ERROR(ctx.store().PutWebhookSubscription(s));
  return Describe(s);
}

Status DeleteSubscription(Context& ctx, std::string_view id) {
  LN_ASSIGN_OR_RETURN(auto s, Load(ctx, id));
  return ctx.store().DeleteWebhookSubscription(s.id);
}

Result<json::value> VerifySubscription(Context& ctx, std::string_view id, const json::value& body) {
  LN_ASSIGN_OR_RETURN(auto s, Load(ctx, id));
  LN_ASSIGN_OR_RETURN(std::string token, StringField(body, "verification_token"));
  if (!SecretsEqual(token, s.verification_token)) {
    return ValidationError("The verification token does not match the one sent to the subscription's URL.");
  }
  if (s.state == "pending_verification") {
    s.state = "active";
    LN_RETURN_IF_ERROR(ctx.store().PutWebhookSubscription(s));
  }
  return Describe(s);
}

Result<json::value> ResendToken(Context& ctx, std::string_view id) {
  LN_ASSIGN_OR_RETURN(auto s, Load(ctx, id));
  if (s.state != "pending_verification") return ValidationError("The webhook subscription is already verified.");
  LN_RETURN_IF_ERROR(QueueHandshake(ctx, s));
  return Describe(s);
}

Result<json::value> PauseSubscription(Context& ctx, std::string_view id) {
  LN_ASSIGN_OR_RETURN(auto s, Load(ctx, id));
  if (s.state == "pending_verification") return ValidationError("The webhook subscription is not verified yet.");
  s.state = "paused";
  LN_RETURN_IF_ERROR(ctx.store().PutWebhookSubscription(s));
  return Describe(s);
}

Result<json::value> ResumeSubscription(Context& ctx, std::string_view id) {
  LN_ASSIGN_OR_RETURN(auto s, Load(ctx, id));
  if (s.state == "pending_verification") return ValidationError("The webhook subscription is not verified yet.");
  if (s.state == "paused") {
    // Changes made while paused give no events (only active subscriptions get events).
    s.state = "active";
    LN_ASSIGN_OR_RETURN(s.after_sequence, ctx.store().LastChangeSequence());
    LN_RETURN_IF_ERROR(ctx.store().PutWebhookSubscription(s));
    Wake(ctx);
  }
  return Describe(s);
}

Result<json::value> ListDeliveries(Context& ctx, std::string_view subscription_id, int limit) {
  if (!subscription_id.empty()) {
    LN_RETURN_IF_ERROR(Load(ctx, subscription_id));
  }
  LN_ASSIGN_OR_RETURN(auto all, ctx.store().ListWebhookDeliveries(subscription_id, limit));
  json::array results;
  for (const auto& d : all) results.push_back(Describe(d));
  return json::value(json::object{{"object", "list"}, {"results", std::move(results)}});
}

Result<json::value> GetDelivery(Context& ctx, std::string_view subscription_id, std::string_view delivery_id) {
  LN_ASSIGN_OR_RETURN(auto d, LoadDelivery(ctx, subscription_id, delivery_id));
  return Describe(d);
}

Result<json::value> Redeliver(Context& ctx, std::string_view subscription_id, std::string_view delivery_id) {
  LN_ASSIGN_OR_RETURN(auto d, LoadDelivery(ctx, subscription_id, delivery_id));
  d.status = "pending";
  d.attempts = 0;
  d.due_time = NowMillis();
  LN_RETURN_IF_ERROR(ctx.store().PutWebhookDelivery(d));
  Wake(ctx);
  return Describe(d);
}

Result<json::value> SendNow(Context& ctx) {
  LN_RETURN_IF_ERROR(RecordExpiredUploads(ctx));
  while (true) {
    LN_ASSIGN_OR_RETURN(int read, IngestChanges(ctx, 1000));
    if (read < 1000) break;
  }
  LN_ASSIGN_OR_RETURN(auto pending, ctx.store().ListPendingWebhookDeliveries(100000));
  const Millis now = NowMillis();
  for (const auto& listed : pending) {
    if (listed.due_time <= now) continue;
    // Read again for the write (on PostgreSQL that waits for, then sees, a sender's
    // transaction): the list is not locked, and writing back a copy from before a
    // sender's claim or outcome would make the event pending again and send it twice.
    LN_ASSIGN_OR_RETURN(auto d, ctx.store().GetWebhookDelivery(listed.id));
    if (!d || d->status != "pending" || d->due_time <= now || AttemptInFlight(*d)) continue;
    d->due_time = now;
    LN_RETURN_IF_ERROR(ctx.store().PutWebhookDelivery(*d));
  }
  Wake(ctx);
  return json::value(json::object{{"pending", static_cast<int64_t>(pending.size())}});
}

}  // namespace localnotion::service::webhooks
