// The aggregation window of webhook deliveries (window.cc), with Notion's aggregation
// (https://developers.notion.com/reference/webhooks-events-delivery): aggregated events of
// one entity are held for ServiceOptions::webhook_aggregation_ms after the first, and a
// later event of the entity folds into one still held:
//   - the same type merges (authors joined, updated_* lists joined, the later parent);
//   - an update or a move of an entity whose .created is held folds into the .created;
//   - .created then .deleted, .deleted then .undeleted, .undeleted then .deleted cancel:
//     the state ends where it started, so nothing is sent (the .created's held updates
//     go too).
// page.locked, page.unlocked and comment.* are never aggregated: due at once.
//
// A Window is made over the pending deliveries of the store; it parses a held event's
// stored JSON only when a later event of the same entity folds into it, so that a batch
// costs what its own entities cost, not what everything held costs.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/json.h"
#include "storage/txn.h"
#include "storage/webhook_records.h"

namespace localnotion::service::webhooks {

class Window {
 public:
  // `pending`: pending deliveries of the store, as read for this write (ingest.cc HeldFor);
  // only held ones (aggregated, never attempted) take part.
  explicit Window(std::vector<storage::WebhookDeliveryRecord> pending);
  ~Window();

  // Folds the event into what is held, or holds it: due `due_after` ms after its
  // created_time when its type is aggregated, at once otherwise.
  void Add(storage::WebhookDeliveryRecord record, json::object event, Millis due_after);

  // Writes what changed: new and merged deliveries, and deletes the cancelled ones.
  Status Store(storage::Txn& txn);

 private:
  struct Held;
  static std::string Key(const std::string& sub, const std::string& entity) { return sub + "/" + entity; }
  Held* FindHeld(std::vector<Held*>& held, const std::string& type);
  bool Fold(const storage::WebhookDeliveryRecord& record, const json::object& event);

  std::vector<std::unique_ptr<Held>> all_;
  std::map<std::string, std::vector<Held*>> by_entity_;
};

}  // namespace localnotion::service::webhooks
