// Webhooks over a real SQLite store: subscriptions and their handshake, the events of
// the outbox per version, sharing and the comment capability, aggregation and collapse,
// and the dispatcher's attempts, retries and signatures (with a recording sender).
#include "service/webhooks/webhooks.h"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "api/webhook_events.h"
#include "service/comments/comments.h"
#include "service/pages/pages.h"
#include "service/service_test_util.h"
#include "service/uploads/import.h"
#include "service/uploads/uploads.h"
#include "service/webhooks/dispatcher.h"

namespace localnotion::service::webhooks {
namespace {

class WebhooksTest : public ServiceTestBase<> {
 protected:
  void SetUp() override {
    OpenService();
    state_.options.webhook_aggregation_ms = 60000;
    caller_ = BootstrapCaller("secret_hooks", "req-1");
  }

  // A verified subscription of the token's integration; returns its id.
  std::string Subscribe(std::string_view version, std::string_view types_json = "", std::string integration = "") {
    if (integration.empty()) integration = caller_.integration.id;
    std::string body = R"({"integration":")" + integration + R"(","url":"http://127.0.0.1:9/hook","api_version":")" +
                       std::string(version) + "\"" +
                       (types_json.empty() ? "" : ",\"event_types\":" + std::string(types_json)) + "}";
    auto created = Run([&] { return CreateSubscription(*ctx_, J(body)); });
    EXPECT_TRUE(created.ok()) << created.error().message;
    if (!created.ok()) return "";
    std::string id(created->at("id").as_string());
    EXPECT_EQ(created->at("state"), "pending_verification");
    auto sub = Run([&] { return ctx_->store().GetWebhookSubscription(id); });
    std::string token = (*sub)->verification_token;
    auto wrong = Run([&] { return VerifySubscription(*ctx_, id, J(R"({"verification_token":"secret_no"})")); });
    EXPECT_FALSE(wrong.ok());
    auto verified = Run([&] { return VerifySubscription(*ctx_, id, J(R"({"verification_token":")" + token + "\"}")); });
    EXPECT_TRUE(verified.ok());
    return id;
  }

  // The event deliveries (not the handshake) of the subscription, oldest first, as
  // "type entity" with their parsed payloads.
  std::vector<json::object> Events(const std::string& sub) {
    auto ingested = Run([&] { return IngestChanges(*ctx_, 1000); });
    EXPECT_TRUE(ingested.ok());
    auto all = Run([&] { return ctx_->store().ListWebhookDeliveries(sub, 1000); });
    std::vector<json::object> out;
    for (auto it = all->rbegin(); it != all->rend(); ++it) {
      if (it->type == "verification") continue;
      out.push_back(ParseJson(it->payload)->as_object());
    }
    return out;
  }

  static std::vector<std::string> Types(const std::vector<json::object>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.emplace_back(e.at("type").as_string());
    return out;
  }

  Caller caller_;
};

TEST_F(WebhooksTest, CreatingQueuesTheHandshakeAndBadBodiesAreRefused) {
  auto created = Run([&] {
    return CreateSubscription(*ctx_,
                              J(R"({"integration":")" + caller_.integration.id + R"(","url":"http://127.0.0.1:9/h"})"));
  });
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->at("api_version"), "2025-09-03");
  auto deliveries = Run([&] { return ctx_->store().ListWebhookDeliveries("", 10); });
  ASSERT_EQ(deliveries->size(), 1u);
  EXPECT_EQ((*deliveries)[0].type, "verification");
  auto sub = Run([&] { return ctx_->store().GetWebhookSubscription(created->at("id").as_string()); });
  EXPECT_EQ((*deliveries)[0].payload, R"({"verification_token":")" + (*sub)->verification_token + "\"}");

  auto bad_type = Run([&] {
    return CreateSubscription(*ctx_, J(R"({"integration":"x","url":"http://a","event_types":["page.exploded"]})"));
  });
  ASSERT_FALSE(bad_type.ok());
  EXPECT_EQ(bad_type.error().message,
            "body.event_types[0] should be a webhook event type, instead was "
            "`\"page.exploded\"`.");
  auto wrong_version = Run([&] {
    return CreateSubscription(*ctx_, J(R"({"integration":"x","url":"http://a","api_version":"2022-06-28",
      "event_types":["data_source.created"]})"));
  });
  ASSERT_FALSE(wrong_version.ok());
  EXPECT_EQ(wrong_version.error().message,
            "body.event_types[0] `data_source.created` is not sent to subscriptions of api_version 2022-06-28.");
  auto verified_url = Run(
      [&] { return UpdateSubscription(*ctx_, created->at("id").as_string(), J(R"({"url":"http://127.0.0.1:1/x"})")); });
  EXPECT_TRUE(verified_url.ok());  // still pending: the URL may change
  auto unknown = Run([&] { return GetSubscription(*ctx_, "nope"); });
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kObjectNotFound);
  EXPECT_EQ(unknown.error().message, "Could not find webhook subscription: nope.");
}

TEST_F(WebhooksTest, PageEventsCarryTheEnvelopeAndOnlyTheSubscribedTypes) {
  const std::string sub = Subscribe("2025-09-03", R"(["page.created","page.locked"])");
  const std::string page = NewPage(caller_, R"({"type":"workspace","workspace":true})");
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, J(R"({"is_locked":true})")); }).ok());
  auto events = Events(sub);
  ASSERT_EQ(Types(events), (std::vector<std::string>{"page.created", "page.locked"}));
  const json::object& created = events[0];
  std::vector<std::string> keys;
  for (const auto& kv : created) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "timestamp", "workspace_id", "workspace_name", "subscription_id",
                                            "integration_id", "type", "authors", "attempt_number", "api_version",
                                            "entity", "data"}));
  EXPECT_EQ(created.at("subscription_id").as_string(), sub);
  EXPECT_EQ(SerializeJson(created.at("entity")), R"({"id":")" + page + R"(","type":"page"})");
  EXPECT_EQ(SerializeJson(created.at("authors")),
            R"([{"id":")" + caller_.integration.bot_user_id + R"(","type":"bot"}])");
  EXPECT_EQ(SerializeJson(created.at("data")),
            R"({"parent":{"id":")" + std::string(created.at("workspace_id").as_string()) + R"(","type":"space"}})");
}

TEST_F(WebhooksTest, ExternalImportsGiveCompletedOrUploadFailedWithTheirResult) {
  const std::string sub = Subscribe("2025-09-03", R"(["file_upload.completed","file_upload.upload_failed"])");
  state_.options.import_url_prefixes = {"http://127.0.0.1:9/"};
  auto import = [&](const std::string& name, int status) {
    auto created = Run([&] {
      return uploads::CreateFileUpload(*ctx_, caller_,
                                       J(R"({"mode":"external_url","external_url":"http://127.0.0.1:9/)" + name +
                                         R"(","filename":")" + name + "\"}"));
    });
    EXPECT_TRUE(created.ok());
    std::string id(created->at("id").as_string());
    uploads::FetchResult fetched;
    fetched.status = status;
    fetched.body = "bytes";
    EXPECT_TRUE(Run([&]() -> Result<bool> {
                  LN_RETURN_IF_ERROR(uploads::FinishImport(*ctx_, id, fetched));
                  return true;
                }).ok());
    return id;
  };
  const std::string good = import("a.png", 200);
  const std::string bad = import("b.png", 404);
  auto events = Events(sub);
  ASSERT_EQ(Types(events), (std::vector<std::string>{"file_upload.completed", "file_upload.upload_failed"}));
  EXPECT_EQ(events[0].at("entity").at("id").as_string(), good);
  EXPECT_FALSE(events[0].contains("data"));
  EXPECT_EQ(events[1].at("entity").at("id").as_string(), bad);
  const json::value& result = events[1].at("data").at("file_import_result");
  EXPECT_EQ(result.at("type"), "error");
  EXPECT_EQ(result.at("error").at("code"), "file_download_failed");
  EXPECT_EQ(result.at("error").at("status_code"), 404);
  // As the creator's own doing.
  EXPECT_EQ(SerializeJson(events[1].at("authors")),
            R"([{"id":")" + caller_.integration.bot_user_id + R"(","type":"bot"}])");
}

// An upload left unattached expires an hour after it was made: one file_upload.expired,
// without data, as the creator's, once.
TEST_F(WebhooksTest, AnUnattachedUploadGivesFileUploadExpiredOnceItsHourHasPassed) {
  UseManualClock(1767225600000);  // 2026-01-01T00:00:00Z
  struct Restore {
    ~Restore() { UseWallClock(); }
  } restore;
  const std::string sub = Subscribe("2025-09-03", R"(["file_upload.expired"])");
  auto upload = [&] {
    auto created = Run([&] { return uploads::CreateFileUpload(*ctx_, caller_, J(R"({"filename":"a.txt"})")); });
    EXPECT_TRUE(created.ok());
    return std::string(created->at("id").as_string());
  };
  auto record = [&] { return *Run([&] { return RecordExpiredUploads(*ctx_); }); };
  const std::string first = upload();
  EXPECT_EQ(record(), 0);  // the first look only notes the time
  AdvanceManualClock(30 * 60 * 1000);
  const std::string second = upload();
  EXPECT_EQ(record(), 0);
  AdvanceManualClock(31 * 60 * 1000);  // the first is 61 minutes old
  EXPECT_EQ(record(), 1);
  EXPECT_EQ(record(), 0);
  AdvanceManualClock(30 * 60 * 1000);
  EXPECT_EQ(record(), 1);
  auto events = Events(sub);
  ASSERT_EQ(Types(events), (std::vector<std::string>{"file_upload.expired", "file_upload.expired"}));
  EXPECT_EQ(events[0].at("entity").at("id").as_string(), first);
  EXPECT_EQ(events[1].at("entity").at("id").as_string(), second);
  EXPECT_EQ(events[0].at("entity").at("type"), "file_upload");
  EXPECT_FALSE(events[0].contains("data"));
  EXPECT_EQ(SerializeJson(events[0].at("authors")),
            R"([{"id":")" + caller_.integration.bot_user_id + R"(","type":"bot"}])");
}

TEST_F(WebhooksTest, UpdatesOfOneEntityAggregateAndCreateThenDeleteCollapses) {
  const std::string sub = Subscribe("2025-09-03");
  const std::string parent = NewPage(caller_, R"({"type":"workspace","workspace":true})");
  ASSERT_EQ(Types(Events(sub)), (std::vector<std::string>{"page.created"}));
  // Held page.created absorbs the updates; a second page created then trashed leaves nothing.
  for (const char* title : {"A", "B"}) {
    json::value b = J(std::string(R"({"properties":{"title":{"title":[{"text":{"content":")") + title + "\"}}]}}}");
    ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, parent, b); }).ok());
  }
  const std::string child = NewPage(caller_, R"({"page_id":")" + parent + "\"}");
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, child, J(R"({"in_trash":true})")); }).ok());
  auto events = Events(sub);
  // page.created (parent, absorbing its updates) and page.content_updated of the parent
  // (the child_page block written when the child was made and trashed).
  std::vector<std::string> types = Types(events);
  EXPECT_EQ(std::count(types.begin(), types.end(), "page.created"), 1);
  EXPECT_EQ(std::count(types.begin(), types.end(), "page.properties_updated"), 0);
  EXPECT_EQ(std::count(types.begin(), types.end(), "page.deleted"), 0);
  for (const auto& e : events) EXPECT_NE(e.at("entity").at("id").as_string(), child);
}

TEST_F(WebhooksTest, PropertyUpdatesMergeTheirIdsAndLocksAreNeverAggregated) {
  const std::string page = NewPage(caller_, R"({"type":"workspace","workspace":true})");
  const std::string sub = Subscribe("2022-06-28");
  json::value b = J(R"({"properties":{"title":{"title":[{"text":{"content":"X"}}]}}})");
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, b); }).ok());
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, J(R"({"is_locked":true})")); }).ok());
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, J(R"({"is_locked":false})")); }).ok());
  json::value c = J(R"({"properties":{"title":{"title":[{"text":{"content":"Y"}}]}}})");
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, c); }).ok());
  auto events = Events(sub);
  ASSERT_EQ(Types(events), (std::vector<std::string>{"page.properties_updated", "page.locked", "page.unlocked"}));
  EXPECT_EQ(SerializeJson(events[0].at("data").at("updated_properties")), R"(["title"])");
  EXPECT_EQ(events[0].at("api_version"), "2022-06-28");
  auto pending = Run([&] { return ctx_->store().ListPendingWebhookDeliveries(100); });
  for (const auto& d : *pending) {
    if (d.type == "page.locked") EXPECT_EQ(d.due_time, d.created_time);
    if (d.type == "page.properties_updated") EXPECT_EQ(d.due_time, d.created_time + 60000);
  }
}

// One batch of the outbox: the updates of one page fold into one event per subscription
// before the window (ingest.cc Group), and a subscription made between two of them gets
// only the later ones, as it would change by change.
TEST_F(WebhooksTest, ABurstOfUpdatesInOneBatchGivesOneEventPerSubscriptionFromItsOwnStart) {
  const std::string page = NewPage(caller_, R"({"type":"workspace","workspace":true})");
  const std::string early = Subscribe("2025-09-03", R"(["page.properties_updated"])");
  auto title = [&](const char* t) {
    json::value b = J(std::string(R"({"properties":{"title":{"title":[{"text":{"content":")") + t + "\"}}]}}}");
    ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, b); }).ok());
  };
  title("A");
  const std::string late = Subscribe("2025-09-03", R"(["page.properties_updated"])");
  for (const char* t : {"B", "C", "D"}) title(t);
  auto early_events = Events(early);
  auto late_events = Events(late);
  ASSERT_EQ(Types(early_events), (std::vector<std::string>{"page.properties_updated"}));
  ASSERT_EQ(Types(late_events), (std::vector<std::string>{"page.properties_updated"}));
  EXPECT_EQ(SerializeJson(early_events[0].at("data").at("updated_properties")), R"(["title"])");
  EXPECT_EQ(early_events[0].at("authors").as_array().size(), 1u);
  // Both end at the last change; they are different events.
  EXPECT_EQ(early_events[0].at("timestamp"), late_events[0].at("timestamp"));
  EXPECT_NE(early_events[0].at("id"), late_events[0].at("id"));
  EXPECT_EQ(late_events[0].at("subscription_id").as_string(), late);
}

TEST_F(WebhooksTest, AnIntegrationGetsEventsOnlyForWhatItSeesAndCommentsOnlyWithReadComments) {
  auto other = Run([&] { return admin::CreateIntegration(*ctx_, "Other", "read,insert_comments"); });
  ASSERT_TRUE(other.ok());
  const std::string shared = NewPage(caller_, R"({"type":"workspace","workspace":true})");
  const std::string hidden = NewPage(caller_, R"({"type":"workspace","workspace":true})");
  ASSERT_TRUE(Run([&] { return admin::Share(*ctx_, "Other", shared); }).ok());
  const std::string sub = Subscribe("2025-09-03", "", other->integration.id);
  const std::string mine = Subscribe("2025-09-03", R"(["comment.created","page.properties_updated"])");
  json::value b = J(R"({"properties":{"title":{"title":[{"text":{"content":"Z"}}]}}})");
  for (const std::string& page : {shared, hidden}) {
    ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, b); }).ok());
  }
  json::value comment = J(R"({"parent":{"page_id":")" + shared + R"("},"rich_text":[{"text":{"content":"hi"}}]})");
  ASSERT_TRUE(Run([&] { return comments::CreateComment(*ctx_, caller_, comment); }).ok());
  auto events = Events(sub);
  ASSERT_EQ(Types(events), (std::vector<std::string>{"page.properties_updated"}));  // no comment: no read_comments
  EXPECT_EQ(events[0].at("entity").at("id").as_string(), shared);
  auto own = Events(mine);
  ASSERT_EQ(Types(own),
            (std::vector<std::string>{"page.properties_updated", "page.properties_updated", "comment.created"}));
  EXPECT_EQ(SerializeJson(own[2].at("data")),
            R"({"page_id":")" + shared + R"(","parent":{"id":")" + shared + R"(","type":"page"}})");
}

TEST_F(WebhooksTest, DeleteThenRestoreWithinTheWindowCancelsAndPausedSubscriptionsGetNothing) {
  const std::string page = NewPage(caller_, R"({"type":"workspace","workspace":true})");
  const std::string sub = Subscribe("2025-09-03");
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, J(R"({"in_trash":true})")); }).ok());
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, J(R"({"in_trash":false})")); }).ok());
  EXPECT_EQ(Types(Events(sub)), std::vector<std::string>{});  // the state ends where it started

  ASSERT_TRUE(Run([&] { return PauseSubscription(*ctx_, sub); }).ok());
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, J(R"({"is_locked":true})")); }).ok());
  EXPECT_EQ(Types(Events(sub)), std::vector<std::string>{});
  auto resumed = Run([&] { return ResumeSubscription(*ctx_, sub); });
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->at("state"), "active");
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, J(R"({"is_locked":false})")); }).ok());
  EXPECT_EQ(Types(Events(sub)), std::vector<std::string>{"page.unlocked"});  // nothing from the pause
}

TEST_F(WebhooksTest, SendNowMakesHeldEventsDueAndEventIdsAreStablePerChange) {
  const std::string sub = Subscribe("2025-09-03", R"(["page.created"])");
  NewPage(caller_, R"({"type":"workspace","workspace":true})");
  auto flushed = Run([&] { return SendNow(*ctx_); });
  ASSERT_TRUE(flushed.ok());
  EXPECT_EQ(flushed->at("pending"), 2);  // the handshake and page.created
  auto pending = Run([&] { return ctx_->store().ListPendingWebhookDeliveries(10); });
  ASSERT_EQ(pending->size(), 2u);
  for (const auto& d : *pending) EXPECT_LE(d.due_time, NowMillis());
  const std::string id = (*pending)[1].type == "page.created" ? (*pending)[1].id : (*pending)[0].id;
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');
}

TEST_F(WebhooksTest, SendNowLeavesAnAttemptInFlightButCutsTheWaitForARetry) {
  const std::string sub = Subscribe("2025-09-03", R"(["page.created"])");
  NewPage(caller_, R"({"type":"workspace","workspace":true})");
  const std::string id(Events(sub).at(0).at("id").as_string());
  const Millis lease = NowMillis() + 600000;
  auto put = [&](auto change) {
    return Run([&]() -> Result<bool> {
      LN_ASSIGN_OR_RETURN(auto d, ctx_->store().GetWebhookDelivery(id));
      change(*d);
      LN_RETURN_IF_ERROR(ctx_->store().PutWebhookDelivery(*d));
      return true;
    });
  };
  auto due = [&] { return (*Run([&] { return ctx_->store().GetWebhookDelivery(id); }))->due_time; };
  // Claimed by a sender (dispatcher.cc): its due time is the lease of the attempt.
  ASSERT_TRUE(put([&](storage::WebhookDeliveryRecord& d) {
                d.attempts = 1;
                d.due_time = lease;
              }).ok());
  ASSERT_TRUE(Run([&] { return SendNow(*ctx_); }).ok());
  EXPECT_EQ(due(), lease);
  // The attempt failed: now its due time is the wait for the retry, which SendNow cuts.
  ASSERT_TRUE(put([](storage::WebhookDeliveryRecord& d) { d.error = "timed out"; }).ok());
  ASSERT_TRUE(Run([&] { return SendNow(*ctx_); }).ok());
  EXPECT_LE(due(), NowMillis());
}

class RecordingSender final : public WebhookSender {
 public:
  WebhookResponse Send(const WebhookRequest& request) override {
    std::lock_guard<std::mutex> lock(mu);
    requests.push_back(request);
    if (fail_left > 0) {
      --fail_left;
      return WebhookResponse{500, ""};
    }
    return WebhookResponse{200, ""};
  }
  std::mutex mu;
  int fail_left = 0;
  std::vector<WebhookRequest> requests;
};

TEST_F(WebhooksTest, TheDispatcherSignsRetriesWithTheSameIdAndRecordsTheOutcome) {
  state_.options.webhook_aggregation_ms = 0;
  state_.options.webhook_retry_scale = 0;  // retry at once
  const std::string sub = Subscribe("2025-09-03", R"(["page.created"])");
  NewPage(caller_, R"({"type":"workspace","workspace":true})");
  ASSERT_TRUE(store_->CommitBatch().ok());
  RecordingSender sender;
  sender.fail_left = 3;  // the handshake and the first two attempts of the event
  Dispatcher dispatcher(store_->store(), state_, sender, 1);
  dispatcher.Start();
  for (int i = 0; i < 400; ++i) {
    {
      std::lock_guard<std::mutex> lock(sender.mu);
      if (sender.requests.size() >= 4) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  dispatcher.Stop();
  ASSERT_EQ(sender.requests.size(), 4u);
  auto sub_record = Run([&] { return ctx_->store().GetWebhookSubscription(sub); });
  const std::string& token = (*sub_record)->verification_token;
  EXPECT_EQ(sender.requests[0].body, api::WebhookVerificationBody(token));
  std::string event_id;
  for (size_t i = 1; i < 4; ++i) {
    const WebhookRequest& r = sender.requests[i];
    auto body = ParseJson(r.body);
    ASSERT_TRUE(body);
    EXPECT_EQ(body->at("attempt_number"), static_cast<int64_t>(i));
    if (i == 1) event_id = std::string(body->at("id").as_string());
    EXPECT_EQ(body->at("id").as_string(), event_id);  // the same event on every attempt
    EXPECT_EQ(r.headers[2].first, "X-Notion-Signature");
    EXPECT_EQ(r.headers[2].second, api::WebhookSignature(r.body, token));
  }
  auto delivery = Run([&] { return ctx_->store().GetWebhookDelivery(event_id); });
  ASSERT_TRUE(delivery.ok() && *delivery);
  EXPECT_EQ((*delivery)->status, "delivered");
  EXPECT_EQ((*delivery)->attempts, 3);
  EXPECT_EQ((*delivery)->response_status, 200);
  EXPECT_EQ((*delivery)->request_body, sender.requests[3].body);
}

TEST(RetryDelay, DoublesFromElevenMinutesAndTheEighthAttemptComesAboutADayLater) {
  int64_t total = 0;
  for (int attempt = 1; attempt <= 7; ++attempt) total += RetryDelayMs(attempt, 1.0);
  EXPECT_EQ(RetryDelayMs(1, 1.0), 680000);
  EXPECT_EQ(RetryDelayMs(2, 1.0), 1360000);
  EXPECT_EQ(total, 86360000);
  EXPECT_EQ(RetryDelayMs(1, 0.0001), 68);
}

}  // namespace
}  // namespace localnotion::service::webhooks
