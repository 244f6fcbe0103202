// FinishImport and the Importer thread (import.h).
#include "service/uploads/import.h"

#include <fmt/format.h>

#include "api/file_upload_objects.h"
#include "service/service.h"
#include "service/uploads/file_upload_state.h"

namespace localnotion::service::uploads {
namespace {

// How often a queued upload whose creation is not committed yet is looked for, and for
// how long.
constexpr auto kRetryInterval = std::chrono::milliseconds(20);
constexpr auto kVisibleWithin = std::chrono::seconds(10);

// "20 MiB", or the bytes when the limit is not a whole number of MiB.
std::string SizeLimitText(int64_t bytes) {
  constexpr int64_t kMiB = 1024 * 1024;
  if (bytes % kMiB == 0) return fmt::format("{} MiB", bytes / kMiB);
  return fmt::format("{} bytes", bytes);
}

// The error of a fetch, or none when it brought a file.
std::optional<api::FileImportError> JudgeFetch(const FetchResult& fetched, int64_t max_bytes) {
  if (fetched.too_large) {
    return api::FileImportError{"validation_error", "file_upload_invalid_size",
                                fmt::format("The file size is not within the allowed limit of {}. Please try again "
                                            "with a new file upload.",
                                            SizeLimitText(max_bytes)),
                                std::nullopt, std::nullopt};
  }
  if (!fetched.status) {
    return api::FileImportError{"download_error", "file_download_failed",
                                fmt::format("The file could not be downloaded from the external URL: {}.",
                                            fetched.error.empty() ? "no answer" : fetched.error),
                                std::nullopt, std::nullopt};
  }
  if (*fetched.status < 200 || *fetched.status > 299) {
    return api::FileImportError{"download_error", "file_download_failed",
                                fmt::format("The file could not be downloaded from the external URL: the server "
                                            "answered with HTTP status {}.",
                                            *fetched.status),
                                std::nullopt, *fetched.status};
  }
  return std::nullopt;
}

}  // namespace

std::string ImportResultKey(std::string_view upload_id) { return "file_import_result/" + std::string(upload_id); }

Status FinishImport(Context& ctx, std::string_view upload_id, const FetchResult& fetched) {
  LN_ASSIGN_OR_RETURN(auto found, ctx.store().GetFileUpload(upload_id));
  if (!found || found->mode != "external_url" || found->status != "pending") return OkStatus();
  storage::FileUploadRecord u = std::move(*found);
  const Millis now = NowMillis();
  std::optional<api::FileImportError> error = JudgeFetch(fetched, ctx.state().options.max_upload_part_bytes);
  if (!error) {
    if (!u.content_type) {
      std::string sent = BareMediaType(fetched.content_type);
      if (!sent.empty() && sent != "application/octet-stream") u.content_type = sent;
      // A filename without an extension gains the type's; a disagreement cannot arise
      // (a known extension gave the upload its type at creation).
      (void)CompleteNameAndType(u.filename, u.content_type);
    }
    LN_RETURN_IF_ERROR(ctx.store().PutFileUploadPart(u.id, 1, fetched.body));
    u.content_length = static_cast<int64_t>(fetched.body.size());
    u.status = "uploaded";
  } else {
    u.status = "failed";
  }
  u.last_edited_time = now;
  LN_RETURN_IF_ERROR(ctx.store().PutFileUpload(u));
  json::object result = api::RenderFileImportResult(now, error);
  LN_RETURN_IF_ERROR(ctx.store().PutMeta(ImportResultKey(u.id), SerializeJson(json::value(std::move(result)))));
  // The change is the upload creator's, as if it had sent the file itself.
  Caller creator;
  creator.integration.id = u.integration_id;
  creator.integration.bot_user_id = u.created_by;
  return ctx.AppendChange(creator, "file_upload", u.id, error ? "upload_failed" : "completed", {});
}

Importer::Importer(storage::Store& store, ServiceState& state, UrlFetcher& fetcher)
    : store_(store), state_(state), fetcher_(fetcher) {}

Importer::~Importer() { Stop(); }

void Importer::Start() {
  // Imports that a stopped server left pending, oldest last (ListFileUploads is newest first).
  auto pending =
      RunInTxn(store_, state_, storage::TxnMode::kRead, [](Context& ctx) -> Result<std::vector<std::string>> {
        std::vector<std::string> ids;
        LN_ASSIGN_OR_RETURN(auto integrations, ctx.store().ListIntegrations());
        const Millis now = NowMillis();
        for (const auto& integration : integrations) {
          LN_ASSIGN_OR_RETURN(auto uploads, ctx.store().ListFileUploads(integration.id));
          for (const auto& u : uploads) {
            if (u.mode == "external_url" && EffectiveStatus(u, now) == "pending") ids.push_back(u.id);
          }
        }
        return ids;
      });
  if (pending.ok()) {
    for (auto it = pending->rbegin(); it != pending->rend(); ++it) Enqueue(*it);
  }
  thread_ = std::thread([this] { Loop(); });
}

void Importer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Importer::Enqueue(std::string upload_id) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(Job{std::move(upload_id), now, now});
  }
  cv_.notify_one();
}

void Importer::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    if (queue_.empty()) {
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      continue;
    }
    Job job = queue_.front();
    const auto now = std::chrono::steady_clock::now();
    if (job.not_before > now) {
      cv_.wait_until(lock, job.not_before);
      continue;
    }
    queue_.pop_front();
    lock.unlock();
    bool done = Run(job);
    lock.lock();
    if (!done && job.first_seen + kVisibleWithin > std::chrono::steady_clock::now()) {
      job.not_before = std::chrono::steady_clock::now() + kRetryInterval;
      queue_.push_back(std::move(job));
    }
  }
}

bool Importer::Run(const Job& job) {
  auto look = RunInTxn(store_, state_, storage::TxnMode::kRead,
                       [&](Context& ctx) -> Result<std::optional<storage::FileUploadRecord>> {
                         return ctx.store().GetFileUpload(job.id);
                       });
  if (!look.ok() || !*look) return false;
  const storage::FileUploadRecord& u = **look;
  if (u.mode != "external_url" || u.status != "pending" || !u.external_url) return true;
  FetchRequest request{*u.external_url, state_.options.max_upload_part_bytes, state_.options.import_timeout_ms};
  FetchResult fetched = fetcher_.Fetch(request, stopping_);
  if (stopping_) return true;  // left pending; the next start queues it again
  (void)RunInTxn(store_, state_, storage::TxnMode::kWrite, [&](Context& ctx) -> Result<bool> {
    LN_RETURN_IF_ERROR(FinishImport(ctx, job.id, fetched));
    return true;
  });
  return true;
}

}  // namespace localnotion::service::uploads
