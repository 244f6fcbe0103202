// Webhook deliveries over a real PostgreSQL 15, where a write transaction is READ
// COMMITTED and a list of deliveries locks nothing: a sender (dispatcher.cc) may claim a
// delivery, or record its outcome, between the moment an ingest or SendNow lists it and
// the moment it writes it. Each test makes that happen at exactly that moment (a
// transaction of a second store, committed from inside the first one's list) and checks
// that the sender's write stands, so that no event goes out twice.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "service/admin/admin.h"
#include "service/pages/pages.h"
#include "service/service.h"
#include "service/webhooks/webhooks.h"
#include "storage/postgres/pg_test_server.h"
#include "storage/store.h"
#include "storage/txn_wrapper.h"
#include "testing/json.h"

namespace localnotion::service::webhooks {
namespace {

using testing::J;

// A write transaction whose ListPendingWebhookDeliveries runs `after_list` once, after
// the list was read and before anything else of the transaction happens.
class ListHookTxn final : public storage::TxnWrapper {
 public:
  ListHookTxn(storage::Txn& inner, std::function<void()> after_list)
      : TxnWrapper(inner), txn_(inner), after_list_(std::move(after_list)) {}
  bool writable() const override { return txn_.writable(); }
  void CommitAsync(DurableCallback on_durable) override { txn_.CommitAsync(std::move(on_durable)); }
  Result<std::vector<storage::WebhookDeliveryRecord>> ListPendingWebhookDeliveries(int limit) override {
    auto listed = txn_.ListPendingWebhookDeliveries(limit);
    if (after_list_) std::exchange(after_list_, nullptr)();
    return listed;
  }

 private:
  storage::Txn& txn_;
  std::function<void()> after_list_;
};

class WebhooksPgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LN_TEST_POSTGRES_OR_SKIP(server);
    static int tests = 0;
    const std::string schema = "hooks_" + std::to_string(++tests);
    ASSERT_TRUE(server->Psql("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    auto a = storage::OpenStore(server->UrlWithSchema(schema));
    ASSERT_TRUE(a.ok()) << a.error().message;
    auto b = storage::OpenStore(server->UrlWithSchema(schema));
    ASSERT_TRUE(b.ok()) << b.error().message;
    store_ = std::move(*a);
    sender_store_ = std::move(*b);
    state_.options.webhook_aggregation_ms = 60000;
    ASSERT_TRUE(Run([](Context& ctx) { return admin::Bootstrap(ctx, {"secret_pg_hooks"}); }).ok());
    auto integration = Run([](Context& ctx) { return ctx.Authenticate("secret_pg_hooks"); });
    ASSERT_TRUE(integration.ok());
    caller_ = Caller{*integration, api::ApiVersion::k2025_09_03, "http://127.0.0.1", "req-pg"};
    auto created = Run([&](Context& ctx) {
      return CreateSubscription(ctx, J(R"({"integration":")" + integration->id +
                                       R"(","url":"http://127.0.0.1:9/hook","api_version":"2025-09-03",)"
                                       R"("event_types":["page.created","page.properties_updated"]})"));
    });
    ASSERT_TRUE(created.ok()) << created.error().message;
    sub_ = std::string(created->at("id").as_string());
    auto sub = Run([&](Context& ctx) { return ctx.store().GetWebhookSubscription(sub_); });
    ASSERT_TRUE(sub.ok() && *sub);
    const std::string token = (*sub)->verification_token;
    ASSERT_TRUE(Run([&](Context& ctx) {
                  return VerifySubscription(ctx, sub_, J(R"({"verification_token":")" + token + "\"}"));
                }).ok());
    auto page = Run([&](Context& ctx) {
      return pages::CreatePage(ctx, caller_,
                               J(R"({"parent":{"type":"workspace","workspace":true},)"
                                 R"("properties":{"title":{"title":[{"text":{"content":"P"}}]}}})"));
    });
    ASSERT_TRUE(page.ok()) << page.error().message;
    page_ = std::string(page->at("id").as_string());
    ASSERT_TRUE(Run([](Context& ctx) { return IngestChanges(ctx, 1000); }).ok());
    created_ = Find("page.created").id;
    ASSERT_FALSE(created_.empty());
  }

  template <class F>
  auto Run(F&& fn) -> decltype(fn(std::declval<Context&>())) {
    return RunInTxn(*store_, state_, storage::TxnMode::kWrite, std::forward<F>(fn));
  }
  // Runs `fn` in a write transaction of the first store whose list of pending deliveries
  // is followed at once by `meanwhile`.
  template <class F>
  auto RunListingFirst(std::function<void()> meanwhile, F&& fn) -> decltype(fn(std::declval<Context&>())) {
    auto txn = store_->Begin(storage::TxnMode::kWrite);
    EXPECT_TRUE(txn.ok());
    ListHookTxn hooked(**txn, std::move(meanwhile));
    Context ctx(hooked, state_);
    auto result = fn(ctx);
    if (result.ok()) EXPECT_TRUE((*txn)->Commit().ok());
    return result;
  }
  // What a sender does to delivery `id` in a transaction of the second store: `change`.
  void Sender(const std::string& id, const std::function<void(storage::WebhookDeliveryRecord&)>& change) {
    auto done = storage::InTxn(*sender_store_, storage::TxnMode::kWrite, [&](storage::Txn& t) -> Status {
      LN_ASSIGN_OR_RETURN(auto d, t.GetWebhookDelivery(id));
      if (!d) return InternalError("no delivery " + id);
      change(*d);
      return t.PutWebhookDelivery(*d);
    });
    EXPECT_TRUE(done.ok()) << done.error().message;
  }
  // The subscription's delivery of `type` (an empty record when there is none, or more).
  storage::WebhookDeliveryRecord Find(const std::string& type) {
    auto all = Run([&](Context& ctx) { return ctx.store().ListWebhookDeliveries(sub_, 100); });
    storage::WebhookDeliveryRecord found;
    int n = 0;
    for (auto& d : *all) {
      if (d.type == type && ++n == 1) found = d;
    }
    return n == 1 ? found : storage::WebhookDeliveryRecord();
  }

  ServiceState state_;
  std::unique_ptr<storage::Store> store_, sender_store_;
  Caller caller_;
  std::string sub_, page_, created_;
};

TEST_F(WebhooksPgTest, SendNowKeepsTheOutcomeASenderRecordedAfterTheList) {
  auto flushed = RunListingFirst(
      [&] {
        Sender(created_, [](storage::WebhookDeliveryRecord& d) {
          d.attempts = 1;
          d.status = "delivered";
          d.response_status = 200;
        });
      },
      [](Context& ctx) { return SendNow(ctx); });
  ASSERT_TRUE(flushed.ok()) << flushed.error().message;
  const auto d = Find("page.created");
  EXPECT_EQ(d.status, "delivered");  // not pending again, to be sent a second time
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.response_status, 200);
}

TEST_F(WebhooksPgTest, AnUpdateNeverFoldsIntoAnEventASenderClaimedAfterTheList) {
  ASSERT_TRUE(Run([&](Context& ctx) {
                return pages::UpdatePage(ctx, caller_, page_,
                                         J(R"({"properties":{"title":{"title":[{"text":{"content":"Q"}}]}}})"));
              }).ok());
  const Millis lease = NowMillis() + 600000;
  auto ingested = RunListingFirst(
      [&] {
        Sender(created_, [&](storage::WebhookDeliveryRecord& d) {
          d.attempts = 1;
          d.due_time = lease;
        });
      },
      [](Context& ctx) { return IngestChanges(ctx, 1000); });
  ASSERT_TRUE(ingested.ok()) << ingested.error().message;
  EXPECT_EQ(*ingested, 1);
  const auto created = Find("page.created");
  EXPECT_EQ(created.attempts, 1);  // the claim stands: not made an unsent event again
  EXPECT_EQ(created.due_time, lease);
  EXPECT_EQ(ParseJson(created.payload)->at("type"), "page.created");
  const auto updated = Find("page.properties_updated");  // its own event, not lost in the claimed one
  ASSERT_EQ(updated.entity_id, page_);
  EXPECT_EQ(updated.status, "pending");
  EXPECT_EQ(updated.attempts, 0);
  EXPECT_EQ(ParseJson(updated.payload)->at("data").at("updated_properties"), J(R"(["title"])"));
}

}  // namespace
}  // namespace localnotion::service::webhooks
