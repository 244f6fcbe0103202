// external_url imports over a real SQLite store: creation leaves the upload pending and
// hands it to the importer; FinishImport records success (bytes, content type, result,
// the upload attachable) and each failure with its file_import_result; the Importer
// thread runs a fetch (a scripted UrlFetcher) and writes its outcome.
#include "service/uploads/import.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "service/service_test_util.h"
#include "service/uploads/uploads.h"

namespace localnotion::service::uploads {
namespace {

constexpr const char* kPrefix = "http://127.0.0.1:9/";

class ImportTest : public ServiceTestBase<> {
 protected:
  void SetUp() override {
    OpenService();
    state_.options.import_url_prefixes = {kPrefix};
    state_.import_file = [this](const std::string& id) { queued_.push_back(id); };
    caller_ = BootstrapCaller("secret_import");
  }

  std::string Create(const std::string& url, const std::string& filename, const std::string& type = "") {
    std::string body = R"({"mode":"external_url","external_url":")" + url + R"(","filename":")" + filename + "\"" +
                       (type.empty() ? "" : R"(,"content_type":")" + type + "\"") + "}";
    auto created = Run([&] { return CreateFileUpload(*ctx_, caller_, J(body)); });
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? std::string(created->at("id").as_string()) : "";
  }

  json::object Finish(const std::string& id, const FetchResult& fetched) {
    auto done = Run([&]() -> Result<bool> {
      LN_RETURN_IF_ERROR(FinishImport(*ctx_, id, fetched));
      return true;
    });
    EXPECT_TRUE(done.ok()) << done.error().message;
    auto shown = Run([&] { return GetFileUpload(*ctx_, caller_, id); });
    EXPECT_TRUE(shown.ok());
    return shown->as_object();
  }

  static FetchResult Answer(int status, std::string body, std::string type = "") {
    FetchResult r;
    r.status = status;
    r.body = std::move(body);
    r.content_type = std::move(type);
    return r;
  }

  Caller caller_;
  std::vector<std::string> queued_;
};

TEST_F(ImportTest, CreatingIsPendingAndQueued) {
  auto created = Run([&] {
    return CreateFileUpload(
        *ctx_, caller_, J(R"({"mode":"external_url","external_url":"http://127.0.0.1:9/a.png","filename":"a.png"})"));
  });
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->at("status"), "pending");
  EXPECT_EQ(created->at("content_type"), "image/png");
  EXPECT_FALSE(created->as_object().contains("upload_url"));
  EXPECT_FALSE(created->as_object().contains("file_import_result"));
  ASSERT_EQ(queued_.size(), 1u);
  EXPECT_EQ(queued_[0], created->at("id").as_string());
  // Outside the prefixes: Notion's rule, refused before anything is written.
  auto refused = Run([&] {
    return CreateFileUpload(
        *ctx_, caller_, J(R"({"mode":"external_url","external_url":"http://127.0.0.1:10/a.png","filename":"a.png"})"));
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kValidationError);
  EXPECT_EQ(refused.error().message, "external_url must be a publicly accessible HTTPS URL.");
  EXPECT_EQ(queued_.size(), 1u);
}

TEST_F(ImportTest, SuccessStoresTheBytesAndTheUploadCanBeAttached) {
  const std::string id = Create(std::string(kPrefix) + "notes", "notes");
  json::object o = Finish(id, Answer(200, "hello", "text/plain; charset=utf-8"));
  EXPECT_EQ(o.at("status"), "uploaded");
  EXPECT_EQ(o.at("content_length"), 5);
  EXPECT_EQ(o.at("content_type"), "text/plain");  // the response's, as the upload named none
  EXPECT_EQ(o.at("filename"), "notes.txt");
  EXPECT_EQ(o.at("file_import_result").at("type"), "success");
  EXPECT_EQ(o.at("file_import_result").at("success"), json::object{});
  EXPECT_TRUE(o.at("file_import_result").at("imported_time").is_string());
  auto bytes = Run([&] { return ctx_->store().ReadFileUploadBytes(id); });
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, "hello");
  auto attached = Run([&] {
    return AttachFileUpload(*ctx_, caller_, J(R"({"type":"file_upload","file_upload":{"id":")" + id + "\"}}"), "body");
  });
  ASSERT_TRUE(attached.ok()) << attached.error().message;
  // Finished once: a second outcome changes nothing.
  o = Finish(id, Answer(404, ""));
  EXPECT_EQ(o.at("status"), "uploaded");
}

TEST_F(ImportTest, TheUploadsTypeWinsOverTheResponses) {
  const std::string id = Create(std::string(kPrefix) + "a.png", "a.png");
  json::object o = Finish(id, Answer(200, "png", "application/octet-stream"));
  EXPECT_EQ(o.at("content_type"), "image/png");
}

TEST_F(ImportTest, FailuresRecordTheirResult) {
  const std::string missing = Create(std::string(kPrefix) + "gone.png", "gone.png");
  json::object o = Finish(missing, Answer(404, "not here"));
  EXPECT_EQ(o.at("status"), "failed");
  EXPECT_EQ(o.at("content_length"), nullptr);
  const json::value& error = o.at("file_import_result").at("error");
  EXPECT_EQ(o.at("file_import_result").at("type"), "error");
  EXPECT_EQ(error.at("type"), "download_error");
  EXPECT_EQ(error.at("code"), "file_download_failed");
  EXPECT_EQ(error.at("message"),
            "The file could not be downloaded from the external URL: the server answered with HTTP status 404.");
  EXPECT_EQ(error.at("parameter"), nullptr);
  EXPECT_EQ(error.at("status_code"), 404);
  auto attach =
      Run([&] { return AttachFileUpload(*ctx_, caller_, J(R"({"file_upload":{"id":")" + missing + "\"}}"), "body"); });
  ASSERT_FALSE(attach.ok());
  EXPECT_EQ(attach.error().code, ErrorCode::kValidationError);

  const std::string refused = Create(std::string(kPrefix) + "r.png", "r.png");
  FetchResult no_answer;
  no_answer.error = "connection refused";
  o = Finish(refused, no_answer);
  EXPECT_EQ(o.at("file_import_result").at("error").at("message"),
            "The file could not be downloaded from the external URL: connection refused.");
  EXPECT_EQ(o.at("file_import_result").at("error").at("status_code"), nullptr);

  const std::string big = Create(std::string(kPrefix) + "big.png", "big.png");
  FetchResult too_large;
  too_large.status = 200;
  too_large.too_large = true;
  o = Finish(big, too_large);
  EXPECT_EQ(o.at("status"), "failed");
  EXPECT_EQ(o.at("file_import_result").at("error").at("type"), "validation_error");
  EXPECT_EQ(o.at("file_import_result").at("error").at("code"), "file_upload_invalid_size");
  EXPECT_EQ(o.at("file_import_result").at("error").at("message"),
            "The file size is not within the allowed limit of 20 MiB. Please try again with a new file upload.");
  // The list filters on it.
  auto failed = Run([&] { return ListFileUploads(*ctx_, caller_, std::string("failed"), PageArgs{}); });
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->at("results").as_array().size(), 3u);
}

// A fetcher that answers every URL with its path's last segment, after `delay`.
class EchoFetcher : public UrlFetcher {
 public:
  FetchResult Fetch(const FetchRequest& request, const std::atomic<bool>&) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    FetchResult r;
    r.status = 200;
    r.body = request.url.substr(request.url.rfind('/') + 1);
    r.content_type = "text/plain";
    return r;
  }
};

TEST(Importer, DownloadsInTheBackgroundAndWritesTheOutcome) {
  testing::TempDir dir("ln_import_");
  auto store = storage::OpenStore("sqlite:" + dir.File("ln.db"));
  ASSERT_TRUE(store.ok()) << store.error().message;
  ServiceState state;
  state.options.import_url_prefixes = {kPrefix};
  EchoFetcher fetcher;
  Importer importer(**store, state, fetcher);
  state.import_file = [&](const std::string& id) { importer.Enqueue(id); };
  importer.Start();
  auto caller = RunInTxn(**store, state, storage::TxnMode::kWrite, [](Context& ctx) -> Result<Caller> {
    LN_RETURN_IF_ERROR(admin::Bootstrap(ctx, {"secret_bg"}));
    LN_ASSIGN_OR_RETURN(auto integration, ctx.Authenticate("secret_bg"));
    return Caller{integration, api::ApiVersion::k2025_09_03, "http://127.0.0.1", ""};
  });
  ASSERT_TRUE(caller.ok()) << caller.error().message;
  auto created = RunInTxn(**store, state, storage::TxnMode::kWrite, [&](Context& ctx) {
    return CreateFileUpload(
        ctx, *caller,
        J(R"({"mode":"external_url","external_url":"http://127.0.0.1:9/x/hello.txt","filename":"h.txt"})"));
  });
  ASSERT_TRUE(created.ok()) << created.error().message;
  const std::string id(created->at("id").as_string());
  std::string status;
  for (int i = 0; i < 500 && status != "uploaded"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    auto shown = RunInTxn(**store, state, storage::TxnMode::kRead,
                          [&](Context& ctx) { return GetFileUpload(ctx, *caller, id); });
    ASSERT_TRUE(shown.ok());
    status = std::string(shown->at("status").as_string());
  }
  EXPECT_EQ(status, "uploaded");
  auto bytes = RunInTxn(**store, state, storage::TxnMode::kRead,
                        [&](Context& ctx) { return ctx.store().ReadFileUploadBytes(id); });
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, "hello.txt");
  importer.Stop();
}

}  // namespace
}  // namespace localnotion::service::uploads
