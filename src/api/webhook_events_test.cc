#include "api/webhook_events.h"

#include <gtest/gtest.h>

#include "testing/json.h"

namespace localnotion::api {
namespace {

using localnotion::testing::J;

WebhookEventView PageCreated() {
  WebhookEventView e;
  e.id = "367cba44-b6f3-4c92-81e7-6a2e9659efd4";
  e.timestamp = *ParseIso8601("2024-12-05T23:55:34.285Z");
  e.workspace_id = "13950b26-c203-4f3b-b97d-93ec06319565";
  e.workspace_name = "Quantify Labs";
  e.subscription_id = "29d75c0d-5546-4414-8459-7b7a92f1fc4b";
  e.integration_id = "0ef2e755-4912-8096-91c1-00376a88a5ca";
  e.type = "page.created";
  e.authors = {{"c7c11cca-1d73-471d-9b6e-bdef51470190", "person"}};
  e.api_version = "2025-09-03";
  e.entity = {"153104cd-477e-809d-8dc4-ff2d96ae3090", "page"};
  e.data = json::object{{"parent", RenderWebhookParent({"0ef104cd-477e-80e1-8571-cfd10e92339a", "page", {}})}};
  return e;
}

TEST(WebhookEvents, TheEnvelopeHasNotionsKeysInOrderMinified) {
  EXPECT_EQ(SerializeJson(RenderWebhookEvent(PageCreated())),
            R"({"id":"367cba44-b6f3-4c92-81e7-6a2e9659efd4","timestamp":"2024-12-05T23:55:34.285Z",)"
            R"("workspace_id":"13950b26-c203-4f3b-b97d-93ec06319565","workspace_name":"Quantify Labs",)"
            R"("subscription_id":"29d75c0d-5546-4414-8459-7b7a92f1fc4b",)"
            R"("integration_id":"0ef2e755-4912-8096-91c1-00376a88a5ca","type":"page.created",)"
            R"("authors":[{"id":"c7c11cca-1d73-471d-9b6e-bdef51470190","type":"person"}],"attempt_number":1,)"
            R"("api_version":"2025-09-03","entity":{"id":"153104cd-477e-809d-8dc4-ff2d96ae3090","type":"page"},)"
            R"("data":{"parent":{"id":"0ef104cd-477e-80e1-8571-cfd10e92339a","type":"page"}}})");
}

TEST(WebhookEvents, FileUploadEventsHaveNoDataAndParentsNameTheirDataSource) {
  WebhookEventView e = PageCreated();
  e.type = "file_upload.created";
  e.data.reset();
  EXPECT_EQ(RenderWebhookEvent(e).if_contains("data"), nullptr);
  EXPECT_EQ(SerializeJson(RenderWebhookParent({"d", "database", std::string("s")})),
            R"({"id":"d","type":"database","data_source_id":"s"})");
}

TEST(WebhookEvents, TheBodyOfALaterAttemptDiffersOnlyInAttemptNumber) {
  std::string stored = SerializeJson(RenderWebhookEvent(PageCreated()));
  std::string third = WebhookBodyForAttempt(stored, 3);
  std::string expected = stored;
  expected.replace(expected.find("\"attempt_number\":1"), 18, "\"attempt_number\":3");
  EXPECT_EQ(third, expected);
}

TEST(WebhookEvents, TheSignatureIsTheHexHmacOfTheRawBodyKeyedWithTheToken) {
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
  EXPECT_EQ(WebhookSignature("what do ya want for nothing?", "Jefe"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(WebhookVerificationBody("secret_x"), R"({"verification_token":"secret_x"})");
}

TEST(WebhookEvents, MergingJoinsAuthorsAndUpdatedListsAndKeepsTheLaterParentAndTime) {
  json::object a = J(R"({"timestamp":"t1","authors":[{"id":"u1","type":"bot"}],
    "data":{"parent":{"id":"p1","type":"page"},"updated_properties":["a","b"]}})")
                       .as_object();
  json::object b = J(R"({"timestamp":"t2","authors":[{"id":"u1","type":"bot"},{"id":"u2","type":"person"}],
    "data":{"parent":{"id":"p2","type":"page"},"updated_properties":["b","c"]}})")
                       .as_object();
  MergeWebhookEvents(a, b);
  EXPECT_EQ(SerializeJson(a), R"({"timestamp":"t2","authors":[{"id":"u1","type":"bot"},{"id":"u2","type":"person"}],)"
                              R"("data":{"parent":{"id":"p2","type":"page"},"updated_properties":["a","b","c"]}})");
  json::object created =
      J(R"({"timestamp":"t1","authors":[],"data":{"parent":{"id":"p1","type":"page"}}})").as_object();
  MergeWebhookEvents(created, b);  // page.created absorbs an update: no list appears
  EXPECT_EQ(SerializeJson(created["data"]), R"({"parent":{"id":"p2","type":"page"}})");
}

TEST(WebhookEvents, TheCatalogSplitsDatabaseAndDataSourceEventsByVersion) {
  const WebhookEventType* db_content = FindWebhookEventType("database.content_updated");
  const WebhookEventType* ds_content = FindWebhookEventType("data_source.content_updated");
  ASSERT_NE(db_content, nullptr);
  ASSERT_NE(ds_content, nullptr);
  EXPECT_TRUE(WebhookEventServedIn(*db_content, "2022-06-28"));
  EXPECT_FALSE(WebhookEventServedIn(*db_content, "2025-09-03"));
  EXPECT_TRUE(WebhookEventServedIn(*ds_content, "2026-03-11"));
  EXPECT_FALSE(WebhookEventServedIn(*ds_content, "2022-06-28"));
  EXPECT_FALSE(FindWebhookEventType("page.locked")->aggregated);
  EXPECT_FALSE(FindWebhookEventType("comment.created")->aggregated);
  EXPECT_TRUE(FindWebhookEventType("page.content_updated")->aggregated);
  EXPECT_EQ(FindWebhookEventType("page.exploded"), nullptr);
  EXPECT_FALSE(IsWebhookApiVersion("2024-01-01"));
}

}  // namespace
}  // namespace localnotion::api
