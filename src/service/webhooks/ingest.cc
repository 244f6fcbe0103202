// From the change outbox to stored deliveries (webhooks.h PrepareIngest, StoreIngest), in
// two transactions so that the costly part never holds the store's writer: PrepareIngest
// reads the changes after the cursor and makes the events of every active subscription
// in a read transaction (what each integration may see, its version's shapes), and
// StoreIngest folds them into the aggregation window (window.h) and moves the cursor in a
// short write transaction, only when the cursor has not moved meanwhile.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "api/webhook_events.h"
#include "common/sha256.h"
#include "service/webhooks/events.h"
#include "service/webhooks/webhooks.h"
#include "service/webhooks/window.h"

namespace localnotion::service::webhooks {
namespace {

constexpr std::string_view kCursorKey = "webhooks_cursor";

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

// The active subscriptions whose integration exists, grouped by what their events depend
// on (the integration's view and the api_version), so that each change's events are made
// once per group however many subscriptions share it.
// An event of a group: one change's, or the events of one entity and type from
// consecutive changes of the batch folded together as the window would fold them
// (window.h), so that a burst of writes to one page costs one event per subscription.
struct GroupEvent {
  const storage::ChangeRecord* change;  // the first: its sequence and time name the event
  ChangeEvent event;
  std::vector<api::WebhookRef> authors;
  Millis timestamp = 0;  // the last change's
};

struct Group {
  std::unique_ptr<Context> ctx;  // acting for the group's integration
  std::string api_version;
  bool read_comments = false;
  std::vector<storage::WebhookSubscriptionRecord> subs;
  std::vector<GroupEvent> events;
  // Per entity, the event a later one of the same type folds into; any other event of
  // the entity closes it, so that folding never changes the order the window sees.
  std::map<std::string, size_t> open;

  bool Wants(const std::string& type) const {
    return std::any_of(subs.begin(), subs.end(), [&](const auto& sub) {
      return std::find(sub.event_types.begin(), sub.event_types.end(), type) != sub.event_types.end();
    });
  }
  // Whether every subscription of the group gets the events of change `sequence`.
  bool AllAfter(int64_t sequence) const {
    return std::all_of(subs.begin(), subs.end(), [&](const auto& sub) { return sequence > sub.after_sequence; });
  }

  void Add(const storage::ChangeRecord& change, ChangeEvent e, const std::vector<api::WebhookRef>& authors) {
    const api::WebhookEventType* type = api::FindWebhookEventType(e.type);
    const std::string_view action = std::string_view(e.type).substr(e.type.find('.') + 1);
    const bool foldable =
        type != nullptr && type->aggregated && action != "created" && action != "deleted" && action != "undeleted";
    if (auto it = open.find(e.entity.id); it != open.end()) {
      GroupEvent& into = events[it->second];
      if (foldable && into.event.type == e.type) {
        into.timestamp = change.time;
        for (const api::WebhookRef& a : authors) {
          auto same =
              std::find_if(into.authors.begin(), into.authors.end(), [&](const auto& b) { return b.id == a.id; });
          if (same == into.authors.end()) into.authors.push_back(a);
        }
        if (into.event.data && e.data) api::MergeWebhookData(*into.event.data, *e.data);
        return;
      }
      open.erase(it);
    }
    if (foldable && AllAfter(change.sequence)) open[e.entity.id] = events.size();
    events.push_back(GroupEvent{&change, std::move(e), authors, change.time});
  }
};

Result<std::vector<Group>> Groups(Context& ctx, std::vector<storage::WebhookSubscriptionRecord> subs) {
  storage::Txn& txn = ctx.store();
  LN_ASSIGN_OR_RETURN(auto integrations, txn.ListIntegrations());
  std::vector<Group> groups;
  for (auto& sub : subs) {
    if (sub.state != "active") continue;
    auto group = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
      return g.subs.front().integration_id == sub.integration_id && g.api_version == sub.api_version;
    });
    if (group == groups.end()) {
      auto integration = std::find_if(integrations.begin(), integrations.end(),
                                      [&](const auto& i) { return i.id == sub.integration_id; });
      if (integration == integrations.end()) continue;
      Group g{std::make_unique<Context>(txn, ctx.state()), sub.api_version, false, {}, {}, {}};
      LN_RETURN_IF_ERROR(g.ctx->ActFor(*integration));
      g.read_comments = g.ctx->ActingCapabilities().read_comments;
      groups.push_back(std::move(g));
      group = groups.end() - 1;
    }
    group->subs.push_back(std::move(sub));
  }
  return groups;
}

// The held deliveries that `deliveries` may fold into (window.h): the pending ones, never
// attempted, of their subscriptions and entities, each read again for the write. The list
// is not locked on PostgreSQL: a sender may have claimed one since (its window closed),
// and folding into the listed copy and writing it back would make it pending again, to
// be sent twice, and bury the new event in one already sent. The read again waits for
// such a sender's transaction and sees its claim.
Result<std::vector<storage::WebhookDeliveryRecord>> HeldFor(storage::Txn& txn,
                                                            const std::vector<PreparedDelivery>& deliveries) {
  std::set<std::pair<std::string_view, std::string_view>> keys;
  for (const PreparedDelivery& d : deliveries) keys.emplace(d.record.subscription_id, d.record.entity_id);
  if (keys.empty()) return std::vector<storage::WebhookDeliveryRecord>();
  LN_ASSIGN_OR_RETURN(auto pending, txn.ListPendingWebhookDeliveries(100000));
  std::vector<storage::WebhookDeliveryRecord> held;
  for (const auto& listed : pending) {
    if (listed.attempts != 0 || !keys.contains({listed.subscription_id, listed.entity_id})) continue;
    LN_ASSIGN_OR_RETURN(auto d, txn.GetWebhookDelivery(listed.id));
    if (d && d->status == "pending" && d->attempts == 0) held.push_back(std::move(*d));
  }
  return held;
}

}  // namespace

Result<IngestBatch> PrepareIngest(Context& ctx, int limit) {
  storage::Txn& txn = ctx.store();
  IngestBatch batch;
  LN_ASSIGN_OR_RETURN(auto cursor_text, txn.GetMeta(kCursorKey));
  batch.from = cursor_text ? std::stoll(*cursor_text) : 0;
  // Without an active subscription the cursor stays: a subscription gets only the
  // changes after its after_sequence, so the ones before the earliest of those are
  // skipped, not read.
  LN_ASSIGN_OR_RETURN(auto subs, txn.ListWebhookSubscriptions());
  std::optional<int64_t> earliest;
  for (const auto& sub : subs) {
    if (sub.state == "active") earliest = std::min(earliest.value_or(sub.after_sequence), sub.after_sequence);
  }
  if (!earliest) return batch;
  LN_ASSIGN_OR_RETURN(auto changes, txn.ListChanges(std::max(batch.from, *earliest), limit, /*with_history=*/false));
  batch.changes = static_cast<int>(changes.size());
  if (changes.empty()) return batch;
  batch.to = changes.back().sequence;

  LN_ASSIGN_OR_RETURN(auto groups, Groups(ctx, std::move(subs)));
  if (groups.empty()) return batch;
  LN_ASSIGN_OR_RETURN(auto workspace_id, txn.GetMeta("workspace_id"));
  LN_ASSIGN_OR_RETURN(auto workspace_name, txn.GetMeta("workspace_name"));
  std::set<std::string> created_databases;
  const Millis now = NowMillis();

  for (const storage::ChangeRecord& change : changes) {
    if (change.object == "database" && change.kind == "created") {
      created_databases.insert(change.request_id + "/" + change.object_id);
    }
    std::optional<std::vector<api::WebhookRef>> authors;  // read once, when a change has events
    for (Group& g : groups) {
      if (std::none_of(g.subs.begin(), g.subs.end(),
                       [&](const auto& sub) { return change.sequence > sub.after_sequence; })) {
        continue;
      }
      EventScope scope{g.api_version, workspace_id.value_or(""), g.subs.front().integration_id, g.read_comments,
                       &created_databases};
      LN_ASSIGN_OR_RETURN(auto events, EventsOfChange(*g.ctx, change, scope));
      for (ChangeEvent& e : events) {
        const api::WebhookEventType* type = api::FindWebhookEventType(e.type);
        if (type == nullptr || !api::WebhookEventServedIn(*type, g.api_version) || !g.Wants(e.type)) continue;
        if (!authors) {
          authors.emplace();
          if (!change.author_id.empty()) {
            LN_ASSIGN_OR_RETURN(auto user, txn.GetUser(change.author_id));
            authors->push_back({change.author_id, user && user->type == "person" ? "person" : "bot"});
          }
        }
        g.Add(change, std::move(e), *authors);
      }
    }
  }

  for (Group& g : groups) {
    for (GroupEvent& ge : g.events) {
      for (const storage::WebhookSubscriptionRecord& sub : g.subs) {
        if (ge.change->sequence <= sub.after_sequence) continue;
        if (std::find(sub.event_types.begin(), sub.event_types.end(), ge.event.type) == sub.event_types.end()) continue;
        api::WebhookEventView view;
        view.id = EventId(sub.id, *ge.change, ge.event.type);
        view.timestamp = ge.timestamp;
        view.workspace_id = workspace_id.value_or("");
        view.workspace_name = workspace_name.value_or("");
        view.subscription_id = sub.id;
        view.integration_id = sub.integration_id;
        view.type = ge.event.type;
        view.authors = ge.authors;
        view.api_version = sub.api_version;
        view.entity = ge.event.entity;
        view.data = ge.event.data;
        PreparedDelivery d;
        d.record.id = view.id;
        d.record.subscription_id = sub.id;
        d.record.type = ge.event.type;
        d.record.entity_id = ge.event.entity.id;
        d.record.status = "pending";
        d.record.created_time = now;
        d.event = api::RenderWebhookEvent(view);
        batch.deliveries.push_back(std::move(d));
      }
    }
  }
  return batch;
}

Result<bool> StoreIngest(Context& ctx, IngestBatch batch) {
  storage::Txn& txn = ctx.store();
  LN_ASSIGN_OR_RETURN(auto cursor_text, txn.GetMeta(kCursorKey));
  // Another ingest (SendNow, or another server sharing the store) moved the cursor since
  // the batch was read: its events are made there, and this batch would repeat them.
  if ((cursor_text ? std::stoll(*cursor_text) : 0) != batch.from) return false;
  if (batch.changes == 0) return true;
  LN_RETURN_IF_ERROR(txn.PutMeta(kCursorKey, std::to_string(batch.to)));
  if (batch.deliveries.empty()) return true;
  // A subscription deleted, paused or narrowed since the batch was read gets nothing.
  LN_ASSIGN_OR_RETURN(auto subs, txn.ListWebhookSubscriptions());
  auto still_wanted = [&](const PreparedDelivery& d) {
    return std::any_of(subs.begin(), subs.end(), [&](const auto& s) {
      return s.id == d.record.subscription_id && s.state == "active" &&
             std::find(s.event_types.begin(), s.event_types.end(), d.record.type) != s.event_types.end();
    });
  };
  std::erase_if(batch.deliveries, [&](const PreparedDelivery& d) { return !still_wanted(d); });
  LN_ASSIGN_OR_RETURN(auto held, HeldFor(txn, batch.deliveries));
  Window window(std::move(held));
  const int64_t aggregation_ms = ctx.state().options.webhook_aggregation_ms;
  for (PreparedDelivery& d : batch.deliveries) window.Add(std::move(d.record), std::move(d.event), aggregation_ms);
  LN_RETURN_IF_ERROR(window.Store(txn));
  return true;
}

Result<int> IngestChanges(Context& ctx, int limit) {
  LN_ASSIGN_OR_RETURN(IngestBatch batch, PrepareIngest(ctx, limit));
  const int changes = batch.changes;
  LN_RETURN_IF_ERROR(StoreIngest(ctx, std::move(batch)));
  return changes;
}

int64_t RetryDelayMs(int64_t attempt, double scale) {
  // 680 s, 1360 s, ... 43520 s: the seven waits add up to 86360 s, about 24 h.
  const double base_ms = 680000.0 * static_cast<double>(int64_t{1} << std::min<int64_t>(attempt - 1, 20));
  const double ms = base_ms * scale;
  return ms < 1 ? 1 : static_cast<int64_t>(ms);
}

}  // namespace localnotion::service::webhooks
