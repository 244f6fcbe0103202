// From the change outbox to stored deliveries (webhooks.h IngestChanges), with Notion's
// aggregation (https://developers.notion.com/reference/webhooks-events-delivery):
// aggregated events of one entity are held for ServiceOptions::webhook_aggregation_ms
// after the first, and a later event of the entity folds into one still held:
//   - the same type merges (authors joined, updated_* lists joined, the later parent);
//   - an update or a move of an entity whose .created is held folds into the .created;
//   - .created then .deleted, .deleted then .undeleted, .undeleted then .deleted cancel:
//     the state ends where it started, so nothing is sent (the .created's held updates
//     go too).
// page.locked, page.unlocked and comment.* are never aggregated: due at once.
#include <map>
#include <memory>
#include <set>

#include "api/webhook_events.h"
#include "common/sha256.h"
#include "service/webhooks/events.h"
#include "service/webhooks/webhooks.h"

namespace localnotion::service::webhooks {
namespace {

constexpr std::string_view kCursorKey = "webhooks_cursor";

// "page.deleted" -> ("page", "deleted").
std::pair<std::string, std::string> Split(const std::string& type) {
  size_t dot = type.find('.');
  if (dot == std::string::npos) return {type, ""};
  return {type.substr(0, dot), type.substr(dot + 1)};
}

// The id of an event: a UUID made from what identifies it (subscription, change and its
// time, which tells changes apart across a reset, type), not drawn from the id
// generator, so that the pump thread never moves the reproducible id sequence of
// --deterministic.
std::string EventId(const std::string& subscription_id, const storage::ChangeRecord& change, const std::string& type) {
  std::string h = Sha256Hex(subscription_id + "/" + std::to_string(change.sequence) + "/" +
                            std::to_string(change.time) + "/" + type);
  h[12] = '4';                                                  // version 4 layout
  h[16] = "89ab"[std::stoi(h.substr(16, 1), nullptr, 16) & 3];  // RFC 4122 variant
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20, 12);
}

struct Held {
  storage::WebhookDeliveryRecord record;
  json::object event;
  bool dirty = false;
  bool gone = false;
};

// The deliveries still held for aggregation, per subscription and entity.
class Window {
 public:
  explicit Window(std::vector<storage::WebhookDeliveryRecord> pending) {
    for (auto& d : pending) {
      const api::WebhookEventType* type = api::FindWebhookEventType(d.type);
      if (d.attempts != 0 || type == nullptr || !type->aggregated) continue;
      auto parsed = ParseJson(d.payload);
      if (!parsed || !parsed->is_object()) continue;
      auto held = std::make_unique<Held>();
      held->event = parsed->as_object();
      held->record = std::move(d);
      by_entity_[Key(held->record.subscription_id, held->record.entity_id)].push_back(held.get());
      all_.push_back(std::move(held));
    }
  }

  // Folds the event into what is held, or holds it (or makes it due at once).
  void Add(storage::WebhookDeliveryRecord record, json::object event, Millis due_after) {
    const api::WebhookEventType* type = api::FindWebhookEventType(record.type);
    if (type != nullptr && type->aggregated && Fold(record, event)) return;
    record.due_time = record.created_time + (type != nullptr && type->aggregated ? due_after : 0);
    auto held = std::make_unique<Held>();
    held->record = std::move(record);
    held->event = std::move(event);
    held->dirty = true;
    if (type != nullptr && type->aggregated) {
      by_entity_[Key(held->record.subscription_id, held->record.entity_id)].push_back(held.get());
    }
    all_.push_back(std::move(held));
  }

  Status Store(storage::Txn& txn) {
    for (auto& h : all_) {
      if (h->gone) {
        LN_RETURN_IF_ERROR(txn.DeleteWebhookDelivery(h->record.id));
      } else if (h->dirty) {
        h->record.payload = SerializeJson(h->event);
        LN_RETURN_IF_ERROR(txn.PutWebhookDelivery(h->record));
      }
    }
    return OkStatus();
  }

 private:
  static std::string Key(const std::string& sub, const std::string& entity) { return sub + "/" + entity; }

  Held* FindHeld(std::vector<Held*>& held, const std::string& type) {
    for (Held* h : held) {
      if (!h->gone && h->record.type == type) return h;
    }
    return nullptr;
  }

  // True when the event was folded into (or cancelled) what is held.
  bool Fold(const storage::WebhookDeliveryRecord& record, const json::object& event) {
    auto it = by_entity_.find(Key(record.subscription_id, record.entity_id));
    if (it == by_entity_.end()) return false;
    std::vector<Held*>& held = it->second;
    auto [object, action] = Split(record.type);
    auto cancel = [&](Held* h) {
      h->gone = true;
      h->dirty = true;
    };
    if (action == "deleted") {
      if (Held* created = FindHeld(held, object + ".created")) {
        for (Held* h : held) cancel(h);  // created then deleted: nothing happened
        (void)created;
        return true;
      }
      if (Held* undeleted = FindHeld(held, object + ".undeleted")) {
        cancel(undeleted);
        return true;
      }
    }
    if (action == "undeleted") {
      if (Held* deleted = FindHeld(held, object + ".deleted")) {
        cancel(deleted);
        return true;
      }
    }
    if (action != "created" && action != "deleted" && action != "undeleted") {
      if (Held* created = FindHeld(held, object + ".created")) {
        api::MergeWebhookEvents(created->event, event);
        created->dirty = true;
        return true;
      }
    }
    if (Held* same = FindHeld(held, record.type)) {
      api::MergeWebhookEvents(same->event, event);
      same->dirty = true;
      return true;
    }
    return false;
  }

  std::vector<std::unique_ptr<Held>> all_;
  std::map<std::string, std::vector<Held*>> by_entity_;
};

struct Subscriber {
  storage::WebhookSubscriptionRecord sub;
  std::unique_ptr<Context> ctx;  // acting for the subscription's integration
  bool read_comments = false;
};

}  // namespace

Result<int> IngestChanges(Context& ctx, int limit) {
  storage::Txn& txn = ctx.store();
  LN_ASSIGN_OR_RETURN(auto cursor_text, txn.GetMeta(kCursorKey));
  int64_t cursor = cursor_text ? std::stoll(*cursor_text) : 0;
  LN_ASSIGN_OR_RETURN(auto changes, txn.ListChanges(cursor, limit));
  if (changes.empty()) return 0;
  LN_RETURN_IF_ERROR(txn.PutMeta(kCursorKey, std::to_string(changes.back().sequence)));

  LN_ASSIGN_OR_RETURN(auto subs, txn.ListWebhookSubscriptions());
  LN_ASSIGN_OR_RETURN(auto integrations, txn.ListIntegrations());
  std::vector<Subscriber> subscribers;
  for (auto& sub : subs) {
    if (sub.state != "active") continue;
    for (const auto& integration : integrations) {
      if (integration.id != sub.integration_id) continue;
      Subscriber s{std::move(sub), std::make_unique<Context>(txn, ctx.state())};
      LN_RETURN_IF_ERROR(s.ctx->ActFor(integration));
      s.read_comments = s.ctx->ActingCapabilities().read_comments;
      subscribers.push_back(std::move(s));
      break;
    }
  }
  if (subscribers.empty()) return static_cast<int>(changes.size());

  LN_ASSIGN_OR_RETURN(auto workspace_id, txn.GetMeta("workspace_id"));
  LN_ASSIGN_OR_RETURN(auto workspace_name, txn.GetMeta("workspace_name"));
  LN_ASSIGN_OR_RETURN(auto pending, txn.ListPendingWebhookDeliveries(100000));
  Window window(std::move(pending));
  std::set<std::string> created_databases;
  const Millis now = NowMillis();
  const int64_t aggregation_ms = ctx.state().options.webhook_aggregation_ms;

  for (const storage::ChangeRecord& change : changes) {
    if (change.object == "database" && change.kind == "created") {
      created_databases.insert(change.request_id + "/" + change.object_id);
    }
    std::vector<api::WebhookRef> authors;
    if (!change.author_id.empty()) {
      LN_ASSIGN_OR_RETURN(auto user, txn.GetUser(change.author_id));
      authors.push_back({change.author_id, user && user->type == "person" ? "person" : "bot"});
    }
    for (Subscriber& s : subscribers) {
      if (change.sequence <= s.sub.after_sequence) continue;
      EventScope scope{s.sub.api_version, workspace_id.value_or(""), s.sub.integration_id, s.read_comments,
                       &created_databases};
      LN_ASSIGN_OR_RETURN(auto events, EventsOfChange(*s.ctx, change, scope));
      for (ChangeEvent& e : events) {
        const api::WebhookEventType* type = api::FindWebhookEventType(e.type);
        if (type == nullptr || !api::WebhookEventServedIn(*type, s.sub.api_version)) continue;
        if (std::find(s.sub.event_types.begin(), s.sub.event_types.end(), e.type) == s.sub.event_types.end()) continue;
        api::WebhookEventView view;
        view.id = EventId(s.sub.id, change, e.type);
        view.timestamp = change.time;
        view.workspace_id = workspace_id.value_or("");
        view.workspace_name = workspace_name.value_or("");
        view.subscription_id = s.sub.id;
        view.integration_id = s.sub.integration_id;
        view.type = e.type;
        view.authors = authors;
        view.api_version = s.sub.api_version;
        view.entity = e.entity;
        view.data = std::move(e.data);
        storage::WebhookDeliveryRecord d;
        d.id = view.id;
        d.subscription_id = s.sub.id;
        d.type = e.type;
        d.entity_id = e.entity.id;
        d.status = "pending";
        d.created_time = now;
        window.Add(std::move(d), api::RenderWebhookEvent(view), aggregation_ms);
      }
    }
  }
  LN_RETURN_IF_ERROR(window.Store(txn));
  return static_cast<int>(changes.size());
}

int64_t RetryDelayMs(int64_t attempt, double scale) {
  // 680 s, 1360 s, ... 43520 s: the seven waits add up to 86360 s, about 24 h.
  const double base_ms = 680000.0 * static_cast<double>(int64_t{1} << std::min<int64_t>(attempt - 1, 20));
  const double ms = base_ms * scale;
  return ms < 1 ? 1 : static_cast<int64_t>(ms);
}

}  // namespace localnotion::service::webhooks
