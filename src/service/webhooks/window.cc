#include "service/webhooks/window.h"

#include <utility>

#include "api/webhook_events.h"

namespace localnotion::service::webhooks {
namespace {

// "page.deleted" -> ("page", "deleted").
std::pair<std::string, std::string> Split(const std::string& type) {
  size_t dot = type.find('.');
  if (dot == std::string::npos) return {type, ""};
  return {type.substr(0, dot), type.substr(dot + 1)};
}

}  // namespace

struct Window::Held {
  storage::WebhookDeliveryRecord record;
  std::optional<json::object> event;  // parsed from record.payload when first needed
  bool unreadable = false;            // its stored payload is not a JSON object
  bool dirty = false;
  bool gone = false;

  // The event to merge into, parsed on first use; null when the payload is unreadable.
  json::object* Event() {
    if (!event && !unreadable) {
      auto parsed = ParseJson(record.payload);
      if (parsed && parsed->is_object()) {
        event = std::move(parsed->as_object());
      } else {
        unreadable = true;
      }
    }
    return event ? &*event : nullptr;
  }
};

Window::Window(std::vector<storage::WebhookDeliveryRecord> pending) {
  for (auto& d : pending) {
    const api::WebhookEventType* type = api::FindWebhookEventType(d.type);
    if (d.attempts != 0 || type == nullptr || !type->aggregated) continue;
    auto held = std::make_unique<Held>();
    held->record = std::move(d);
    by_entity_[Key(held->record.subscription_id, held->record.entity_id)].push_back(held.get());
    all_.push_back(std::move(held));
  }
}

Window::~Window() = default;

void Window::Add(storage::WebhookDeliveryRecord record, json::object event, Millis due_after) {
  const api::WebhookEventType* type = api::FindWebhookEventType(record.type);
  const bool aggregated = type != nullptr && type->aggregated;
  if (aggregated && Fold(record, event)) return;
  record.due_time = record.created_time + (aggregated ? due_after : 0);
  auto held = std::make_unique<Held>();
  held->record = std::move(record);
  held->event = std::move(event);
  held->dirty = true;
  if (aggregated) by_entity_[Key(held->record.subscription_id, held->record.entity_id)].push_back(held.get());
  all_.push_back(std::move(held));
}

Status Window::Store(storage::Txn& txn) {
  for (auto& h : all_) {
    if (h->gone) {
      LN_RETURN_IF_ERROR(txn.DeleteWebhookDelivery(h->record.id));
    } else if (h->dirty) {
      h->record.payload = SerializeJson(*h->event);
      LN_RETURN_IF_ERROR(txn.PutWebhookDelivery(h->record));
    }
  }
  return OkStatus();
}

// A held event of `type` that a later event can fold into (its JSON parsed).
Window::Held* Window::FindHeld(std::vector<Held*>& held, const std::string& type) {
  for (Held* h : held) {
    if (!h->gone && h->record.type == type && h->Event() != nullptr) return h;
  }
  return nullptr;
}

// True when the event was folded into (or cancelled) what is held.
bool Window::Fold(const storage::WebhookDeliveryRecord& record, const json::object& event) {
  auto it = by_entity_.find(Key(record.subscription_id, record.entity_id));
  if (it == by_entity_.end()) return false;
  std::vector<Held*>& held = it->second;
  auto [object, action] = Split(record.type);
  auto cancel = [](Held* h) {
    h->gone = true;
    h->dirty = true;
  };
  if (action == "deleted") {
    if (FindHeld(held, object + ".created") != nullptr) {
      for (Held* h : held) cancel(h);  // created then deleted: nothing happened
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
      api::MergeWebhookEvents(*created->Event(), event);
      created->dirty = true;
      return true;
    }
  }
  if (Held* same = FindHeld(held, record.type)) {
    api::MergeWebhookEvents(*same->Event(), event);
    same->dirty = true;
    return true;
  }
  return false;
}

}  // namespace localnotion::service::webhooks
