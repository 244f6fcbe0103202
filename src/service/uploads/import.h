// Importing an external file (https://developers.notion.com/guides/data-apis/importing-external-files):
// `POST /v1/file_uploads {"mode": "external_url", "external_url", "filename"}` answers
// at once with a `pending` upload; the server then downloads the URL in the background
// and the upload becomes `uploaded` (its bytes stored as if they had been sent, so it can
// be attached like any upload) or `failed`, with the outcome in `file_import_result`.
//
// The parts:
//   - UrlFetcher downloads one URL (http/url_fetcher.h is the real one: plain HTTP over
//     Boost.Beast, bounded in time and size; localnotion does not reach the internet);
//   - FinishImport writes the outcome into the store, in the request-like unit of its
//     caller, through the same writes as send/complete (the upload record, its one part,
//     the change outbox: file_upload.completed or file_upload.upload_failed webhooks);
//   - Importer is the thread that runs them, so that no request thread ever waits on a
//     download. ServiceState::import_file hands it the new upload's id.
// Which URLs are taken at all is validation/import_url.h. Choices where Notion's
// behaviour is unknown (error codes and texts, no HEAD at creation, no redirects):
// docs/compat.md "File uploads".
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "common/error.h"
#include "service/core/context.h"
#include "service/service_state.h"
#include "storage/store.h"

namespace localnotion::service::uploads {

struct FetchRequest {
  std::string url;
  int64_t max_bytes = 0;   // a body over it is not read: too_large
  int64_t timeout_ms = 0;  // the whole exchange: resolve, connect, request, response
};

struct FetchResult {
  std::optional<int> status;  // the HTTP status; none when no answer came back
  std::string content_type;   // the response's Content-Type, as sent
  std::string body;           // a 2xx answer's body
  bool too_large = false;     // the body (or its Content-Length) is over max_bytes
  std::string error;          // why there was no answer ("connection refused", ...)
};

// Downloads one URL with GET. Returns early, with an error, once `cancel` is set.
class UrlFetcher {
 public:
  virtual ~UrlFetcher() = default;
  virtual FetchResult Fetch(const FetchRequest& request, const std::atomic<bool>& cancel) = 0;
};

// The meta key under which an external_url upload's file_import_result is kept.
std::string ImportResultKey(std::string_view upload_id);

// Records the outcome of downloading the upload's external_url: `uploaded` with the
// bytes (the content type is the upload's, or else the response's) or `failed` with
// the error; then its file_import_result and a change (`completed` or `upload_failed`).
// An upload that is gone, not external_url or no longer pending is left alone. The
// failures, as file_import_result.error:
//   - no answer:  download_error / file_download_failed, status_code null;
//   - not 2xx:    download_error / file_download_failed, status_code the HTTP status;
//   - too large:  validation_error / file_upload_invalid_size, Notion's documented text
//                 with the single-part limit (ServiceOptions::max_upload_part_bytes).
Status FinishImport(Context& ctx, std::string_view upload_id, const FetchResult& fetched);

// The thread that downloads external_url uploads, one at a time, for one store.
class Importer {
 public:
  Importer(storage::Store& store, ServiceState& state, UrlFetcher& fetcher);
  ~Importer();
  // Starts the thread; the imports still pending in the store (a restart) are queued.
  void Start();
  // Cancels the download in flight and joins the thread; queued imports stay pending.
  void Stop();
  // Queues the upload. Its creating transaction may not be committed yet: the importer
  // waits for it to appear, up to a few seconds.
  void Enqueue(std::string upload_id);

 private:
  struct Job {
    std::string id;
    std::chrono::steady_clock::time_point first_seen;
    std::chrono::steady_clock::time_point not_before;
  };
  void Loop();
  // False when the upload is not visible yet (retry later).
  bool Run(const Job& job);

  storage::Store& store_;
  ServiceState& state_;
  UrlFetcher& fetcher_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace localnotion::service::uploads
