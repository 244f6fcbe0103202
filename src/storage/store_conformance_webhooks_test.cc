// The store conformance suite, webhook facet (storage/webhook_records.h): runs on every
// configuration of store_conformance_test.cc (the suite is instantiated there).
#include <gtest/gtest.h>

#include "storage/store_conformance_test_util.h"

namespace localnotion::storage {
namespace {

WebhookSubscriptionRecord Subscription(std::string id, std::string state) {
  WebhookSubscriptionRecord s;
  s.id = std::move(id);
  s.integration_id = "i1";
  s.url = "http://127.0.0.1:3000/notion";
  s.event_types = {"page.created", "comment.created"};
  s.api_version = "2025-09-03";
  s.state = std::move(state);
  s.verification_token = "secret_abc";
  s.created_time = 1700000000000;
  s.after_sequence = 7;
  return s;
}

WebhookDeliveryRecord Delivery(std::string id, std::string sub, std::string status, Millis due) {
  WebhookDeliveryRecord d;
  d.id = std::move(id);
  d.subscription_id = std::move(sub);
  d.type = "page.created";
  d.entity_id = "p1";
  d.status = std::move(status);
  d.payload = R"({"id":"x"})";
  d.attempts = 2;
  d.max_attempts = 8;
  d.created_time = 10;
  d.due_time = due;
  d.last_attempt_time = 11;
  d.response_status = 500;
  d.latency_ms = 12;
  d.error = "HTTP 500";
  d.request_headers = R"({"content-type":"application/json"})";
  d.request_body = R"({"id":"x","attempt_number":2})";
  return d;
}

std::string Describe(const WebhookSubscriptionRecord& s) {
  std::string types;
  for (const auto& t : s.event_types) types += t + ",";
  return s.id + "|" + s.integration_id + "|" + s.url + "|" + types + "|" + s.api_version + "|" + s.state + "|" +
         s.verification_token + "|" + std::to_string(s.created_time) + "|" + std::to_string(s.after_sequence);
}

std::string Describe(const WebhookDeliveryRecord& d) {
  return d.id + "|" + d.subscription_id + "|" + d.type + "|" + d.entity_id + "|" + d.status + "|" + d.payload + "|" +
         std::to_string(d.attempts) + "|" + std::to_string(d.max_attempts) + "|" + std::to_string(d.created_time) +
         "|" + std::to_string(d.due_time) + "|" + std::to_string(d.last_attempt_time) + "|" +
         (d.response_status ? std::to_string(*d.response_status) : "none") + "|" + std::to_string(d.latency_ms) + "|" +
         d.error + "|" + d.request_headers + "|" + d.request_body;
}

TEST_P(StoreConformanceTest, WebhookSubscriptionsRoundTripListInCreationOrderAndDeleteWithTheirDeliveries) {
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutWebhookSubscription(Subscription("s1", "pending_verification")));
    LN_ASSERT_OK(txn.PutWebhookSubscription(Subscription("s2", "active")));
    LN_ASSERT_OK(txn.PutWebhookDelivery(Delivery("d1", "s1", "pending", 5)));
    LN_ASSERT_OK(txn.PutWebhookDelivery(Delivery("d2", "s2", "pending", 5)));
  });
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutWebhookSubscription(Subscription("s1", "active"))); });
  ReadBoth([&](Txn& txn) {
    auto all = LN_VAL(txn.ListWebhookSubscriptions());
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(Describe(all[0]), Describe(Subscription("s1", "active")));  // an update keeps its place
    EXPECT_EQ(Describe(all[1]), Describe(Subscription("s2", "active")));
    EXPECT_EQ(Describe(*LN_VAL(txn.GetWebhookSubscription("s2"))), Describe(Subscription("s2", "active")));
    EXPECT_EQ(LN_VAL(txn.GetWebhookSubscription("nope")), std::nullopt);
  });
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.DeleteWebhookSubscription("s1")); });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(LN_VAL(txn.ListWebhookSubscriptions()).size(), 1u);
    EXPECT_EQ(LN_VAL(txn.GetWebhookDelivery("d1")), std::nullopt);
    EXPECT_NE(LN_VAL(txn.GetWebhookDelivery("d2")), std::nullopt);
  });
}

TEST_P(StoreConformanceTest, WebhookDeliveriesRoundTripListNewestFirstAndPendingByDueTime) {
  WebhookDeliveryRecord bare = Delivery("d3", "s2", "pending", 1);
  bare.response_status.reset();
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutWebhookDelivery(Delivery("d1", "s1", "pending", 30)));
    LN_ASSERT_OK(txn.PutWebhookDelivery(Delivery("d2", "s1", "delivered", 0)));
    LN_ASSERT_OK(txn.PutWebhookDelivery(bare));
    LN_ASSERT_OK(txn.PutWebhookDelivery(Delivery("d4", "s1", "pending", 20)));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(*LN_VAL(txn.GetWebhookDelivery("d1"))), Describe(Delivery("d1", "s1", "pending", 30)));
    EXPECT_EQ(Describe(*LN_VAL(txn.GetWebhookDelivery("d3"))), Describe(bare));
    auto s1 = LN_VAL(txn.ListWebhookDeliveries("s1", 10));
    ASSERT_EQ(s1.size(), 3u);
    EXPECT_EQ(s1[0].id, "d4");
    EXPECT_EQ(s1[2].id, "d1");
    EXPECT_EQ(LN_VAL(txn.ListWebhookDeliveries("", 10)).size(), 4u);
    EXPECT_EQ(LN_VAL(txn.ListWebhookDeliveries("", 2)).size(), 2u);
    auto pending = LN_VAL(txn.ListPendingWebhookDeliveries(10));
    ASSERT_EQ(pending.size(), 3u);
    EXPECT_EQ(pending[0].id, "d3");
    EXPECT_EQ(pending[1].id, "d4");
    EXPECT_EQ(pending[2].id, "d1");
  });
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutWebhookDelivery(Delivery("d1", "s1", "delivered", 30)));
    LN_ASSERT_OK(txn.DeleteWebhookDelivery("d4"));
  });
  ReadBoth([&](Txn& txn) {
    auto pending = LN_VAL(txn.ListPendingWebhookDeliveries(10));
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].id, "d3");
    EXPECT_EQ(LN_VAL(txn.ListWebhookDeliveries("s1", 10)).size(), 2u);
  });
}

TEST_P(StoreConformanceTest, LastChangeSequenceFollowsTheOutboxAndResetEmptiesWebhookDeliveries) {
  ReadBoth([&](Txn& txn) { EXPECT_EQ(LN_VAL(txn.LastChangeSequence()), 0); });
  Write([&](Txn& txn) {
    ChangeRecord c;
    c.object = "page";
    c.object_id = "p1";
    c.kind = "created";
    LN_ASSERT_OK(txn.AppendChange(c));
    LN_ASSERT_OK(txn.AppendChange(c));
    LN_ASSERT_OK(txn.PutWebhookSubscription(Subscription("s1", "active")));
    LN_ASSERT_OK(txn.PutWebhookDelivery(Delivery("d1", "s1", "pending", 30)));
  });
  ReadBoth([&](Txn& txn) {
    auto all = LN_VAL(txn.ListChanges(0, 10));
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(LN_VAL(txn.LastChangeSequence()), all[1].sequence);
  });
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.Reset(/*keep_integrations=*/true)); });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(LN_VAL(txn.LastChangeSequence()), 0);
    EXPECT_EQ(LN_VAL(txn.GetWebhookDelivery("d1")), std::nullopt);
    auto subs = LN_VAL(txn.ListWebhookSubscriptions());
    ASSERT_EQ(subs.size(), 1u);
    EXPECT_EQ(subs[0].after_sequence, 0);  // the emptied outbox starts again
  });
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.Reset(/*keep_integrations=*/false)); });
  ReadBoth([&](Txn& txn) { EXPECT_EQ(LN_VAL(txn.ListWebhookSubscriptions()).size(), 0u); });
}

}  // namespace
}  // namespace localnotion::storage
