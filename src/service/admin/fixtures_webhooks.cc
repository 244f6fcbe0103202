// The "webhook_subscriptions" of a fixture (docs/fixtures.md, docs/webhooks.md): each
// subscription with its integration, URL, event types, API version, state and its
// verification token (the key of X-Notion-Signature, so receivers keep verifying after a
// seed). Deliveries are a log, not workspace content: they are neither exported nor
// seeded. A seeded subscription sends no handshake and gets events only for changes made
// after the seed.
#include <fmt/format.h>

#include <set>

#include "api/webhook_events.h"
#include "service/admin/fixtures_reader.h"

namespace localnotion::service::admin {

Status SeedWebhookSubscriptions(Context& ctx, const json::object& fixture) {
  LN_ASSIGN_OR_RETURN(auto subscriptions, Items(fixture, "webhook_subscriptions"));
  LN_ASSIGN_OR_RETURN(auto integrations, ctx.store().ListIntegrations());
  LN_ASSIGN_OR_RETURN(int64_t after, ctx.store().LastChangeSequence());
  std::set<std::string> ids;
  for (const Reader& r : subscriptions) {
    storage::WebhookSubscriptionRecord s;
    LN_ASSIGN_OR_RETURN(s.id, r.Id("id", true));
    if (!ids.insert(s.id).second) {
      json::value shown(s.id);
      return api::FailedValidation(r.At("id"), "an id not used before in body.webhook_subscriptions", &shown);
    }
    LN_ASSIGN_OR_RETURN(s.integration_id, r.Id("integration_id", false));
    bool known = false;
    for (const auto& in : integrations) known = known || in.id == s.integration_id;
    if (!known) {
      return api::FailedValidation(r.At("integration_id"), "the id of one of body.integrations",
                                   r.Get("integration_id"));
    }
    LN_ASSIGN_OR_RETURN(s.url, r.String("url"));
    if (s.url.rfind("http://", 0) != 0 && s.url.rfind("https://", 0) != 0) {
      return api::FailedValidation(r.At("url"), "an http:// or https:// URL", r.Get("url"));
    }
    LN_ASSIGN_OR_RETURN(s.api_version, r.String("api_version", std::string("2025-09-03")));
    if (!api::IsWebhookApiVersion(s.api_version)) {
      return api::FailedValidation(r.At("api_version"), "`\"2022-06-28\"`, `\"2025-09-03\"` or `\"2026-03-11\"`",
                                   r.Get("api_version"));
    }
    const json::value* types = r.Get("event_types");
    if (types == nullptr) {
      for (const auto& t : api::WebhookEventCatalog()) {
        if (api::WebhookEventServedIn(t, s.api_version)) s.event_types.emplace_back(t.name);
      }
    } else if (!types->is_array()) {
      return api::FailedValidation(r.At("event_types"), "an array", types);
    } else {
      for (size_t i = 0; i < types->get_array().size(); ++i) {
        const json::value& item = types->get_array()[i];
        const api::WebhookEventType* type = item.is_string() ? api::FindWebhookEventType(item.get_string()) : nullptr;
        if (type == nullptr || !api::WebhookEventServedIn(*type, s.api_version)) {
          return api::FailedValidation(api::Index(r.At("event_types"), i),
                                       fmt::format("a webhook event type of api_version {}", s.api_version), &item);
        }
        s.event_types.emplace_back(type->name);
      }
    }
    LN_ASSIGN_OR_RETURN(s.state, r.String("state", std::string("active")));
    if (s.state != "pending_verification" && s.state != "active" && s.state != "paused") {
      return api::FailedValidation(r.At("state"), "`\"pending_verification\"`, `\"active\"` or `\"paused\"`",
                                   r.Get("state"));
    }
    LN_ASSIGN_OR_RETURN(s.verification_token, r.String("verification_token"));
    LN_ASSIGN_OR_RETURN(s.created_time, r.Time("created_time", NowMillis()));
    s.after_sequence = after;
    LN_RETURN_IF_ERROR(ctx.store().PutWebhookSubscription(s));
  }
  return OkStatus();
}

Result<json::array> ExportWebhookSubscriptions(Context& ctx) {
  json::array out;
  LN_ASSIGN_OR_RETURN(auto subscriptions, ctx.store().ListWebhookSubscriptions());
  for (const storage::WebhookSubscriptionRecord& s : subscriptions) {
    json::array types;
    for (const std::string& t : s.event_types) types.emplace_back(t);
    out.push_back(json::object{{"id", s.id},
                               {"integration_id", s.integration_id},
                               {"url", s.url},
                               {"event_types", std::move(types)},
                               {"api_version", s.api_version},
                               {"state", s.state},
                               {"verification_token", s.verification_token},
                               {"created_time", FormatIso8601(s.created_time)}});
  }
  return out;
}

}  // namespace localnotion::service::admin
