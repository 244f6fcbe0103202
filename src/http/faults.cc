#include "http/faults.h"

#include <cstddef>
#include <cstdio>

#include "api/messages.h"
#include "common/uuid.h"
#include "http/error_response.h"

namespace localnotion::http {
namespace {

// The statuses a fault may name: the failures of Notion's side that a client retries
// or reports (https://developers.notion.com/reference/status-codes).
bool Injectable(int status) { return status == 409 || status == 429 || status >= 500; }

// A fault without a message answers with Notion's fixed text for its code when that
// code is one of those failures, and "Injected fault." otherwise.
std::string_view DefaultMessage(ErrorCode code) {
  std::string_view fixed = Injectable(WireOf(code).status) ? FixedMessage(code) : std::string_view{};
  return fixed.empty() ? "Injected fault." : fixed;
}

// The first code of the one table (error_response.cc) with `status`: 503 reads as
// service_unavailable.
std::optional<ErrorCode> CodeFromStatus(int status) {
  if (!Injectable(status)) return std::nullopt;
  for (int i = 0; i <= static_cast<int>(kLastErrorCode); ++i) {
    if (WireOf(static_cast<ErrorCode>(i)).status == status) return static_cast<ErrorCode>(i);
  }
  return std::nullopt;
}

}  // namespace

bool Glob(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*') {
    for (size_t i = 0; i <= text.size(); ++i) {
      if (Glob(pattern.substr(1), text.substr(i))) return true;
    }
    return false;
  }
  return !text.empty() && pattern.front() == text.front() && Glob(pattern.substr(1), text.substr(1));
}

Result<Fault> Faults::Parse(const json::value& body) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  Fault f;
  f.id = NewUuid();
  f.path = "*";
  std::optional<int> status;
  for (const auto& kv : body.get_object()) {
    std::string path = api::Field("body", kv.key());
    const json::value& v = kv.value();
    std::string_view k = kv.key();
    if (k == "method" || k == "path" || k == "message" || k == "rate_limit_reason") {
      if (!v.is_string()) return api::FailedValidation(path, "a string", &v);
      (k == "method"    ? f.method
       : k == "path"    ? f.path
       : k == "message" ? f.message
                        : f.rate_limit_reason) = std::string(v.get_string());
    } else if (k == "code") {
      if (!v.is_string() || !CodeFromWire(v.get_string()))
        return api::FailedValidation(path, "a Notion error code", &v);
      f.code = CodeFromWire(v.get_string());
    } else if (k == "status" || k == "count" || k == "latency_ms" || k == "retry_after") {
      if (!v.is_int64() || v.get_int64() < 0) return api::FailedValidation(path, "a non-negative integer", &v);
      int n = static_cast<int>(v.get_int64());
      if (k == "status") status = n;
      if (k == "count") f.count = n;
      if (k == "latency_ms") f.latency_ms = n;
      if (k == "retry_after") f.retry_after = n;
    } else if (k == "exception") {
      if (!v.is_bool()) return api::FailedValidation(path, "a boolean", &v);
      f.exception = v.get_bool();
    } else if (k == "probability") {
      if (!v.is_number() || v.to_number<double>() < 0 || v.to_number<double>() > 1) {
        return api::FailedValidation(path, "a number from 0 to 1", &v);
      }
      f.probability = v.to_number<double>();
    } else {
      return api::NotPresent(path, v);
    }
  }
  if (status && !f.code) {
    f.code = CodeFromStatus(*status);
    if (!f.code) {
      json::value shown(*status);
      return api::FailedValidation("body.status", "one of 409, 429, 500, 502, 503, 504 or 529", &shown);
    }
  }
  if (f.code && f.message.empty()) f.message = std::string(DefaultMessage(*f.code));
  if (f.code == ErrorCode::kRateLimited && f.rate_limit_reason.empty()) {
    f.rate_limit_reason = std::string(api::kRateLimitPerConnection);
  } else if (f.code != ErrorCode::kRateLimited && !f.rate_limit_reason.empty()) {
    return ValidationError("A fault's rate_limit_reason goes with status 429 (rate_limited) only.");
  }
  if (!f.code && f.latency_ms == 0 && !f.exception) {
    return ValidationError("A fault needs a status, a code, a latency_ms or an exception.");
  }
  return f;
}

json::object ShowFault(const Fault& f) {
  return json::object{
      {"id", f.id},
      {"method", f.method.empty() ? "*" : f.method},
      {"path", f.path},
      {"status", f.code ? json::value(WireOf(*f.code).status) : json::value(nullptr)},
      {"code", f.code ? json::value(WireOf(*f.code).code) : json::value(nullptr)},
      {"message", f.code ? json::value(f.message) : json::value(nullptr)},
      {"probability", f.probability},
      {"count", f.count ? json::value(*f.count) : json::value(nullptr)},
      {"latency_ms", f.latency_ms},
      {"retry_after", f.retry_after ? json::value(*f.retry_after) : json::value(nullptr)},
      {"rate_limit_reason", f.rate_limit_reason.empty() ? json::value(nullptr) : json::value(f.rate_limit_reason)},
      {"exception", f.exception}};
}

std::optional<Fault> ReadFault(const json::value& shown) {
  if (!shown.is_object()) return std::nullopt;
  const json::object& o = shown.get_object();
  auto text = [&](const char* key) -> std::string {
    const json::value* v = Find(o, key);
    return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  auto number = [&](const char* key) -> std::optional<int> {
    const json::value* v = Find(o, key);
    if (v == nullptr || !v->is_int64()) return std::nullopt;
    return static_cast<int>(v->get_int64());
  };
  Fault f;
  f.id = text("id");
  f.method = text("method");
  f.path = text("path");
  if (std::string code = text("code"); !code.empty()) {
    f.code = CodeFromWire(code);
    if (!f.code) return std::nullopt;
    f.message = text("message");
  }
  const json::value* probability = Find(o, "probability");
  f.probability = probability != nullptr && probability->is_number() ? probability->to_number<double>() : 1.0;
  f.count = number("count");
  f.latency_ms = number("latency_ms").value_or(0);
  f.retry_after = number("retry_after");
  f.rate_limit_reason = text("rate_limit_reason");
  const json::value* exception = Find(o, "exception");
  f.exception = exception != nullptr && exception->is_bool() && exception->get_bool();
  return f;
}

Status Faults::Add(Fault fault) {
  if (shared_) {
    LN_RETURN_IF_ERROR(shared_->AddFault({fault.id, SerializeJson(json::value(ShowFault(fault))), fault.count}));
    std::lock_guard<std::mutex> lock(mu_);
    loaded_ = false;
    return OkStatus();
  }
  std::lock_guard<std::mutex> lock(mu_);
  faults_.push_back(std::move(fault));
  return OkStatus();
}

Status Faults::Clear() {
  if (shared_) LN_RETURN_IF_ERROR(shared_->ClearFaults());
  std::lock_guard<std::mutex> lock(mu_);
  faults_.clear();
  loaded_ = false;
  return OkStatus();
}

Result<bool> Faults::Remove(std::string_view id) {
  if (shared_) {
    LN_ASSIGN_OR_RETURN(bool removed, shared_->RemoveFault(id));
    std::lock_guard<std::mutex> lock(mu_);
    loaded_ = false;
    return removed;
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto it = std::find_if(faults_.begin(), faults_.end(), [&](const Fault& f) { return f.id == id; });
  if (it == faults_.end()) return false;
  faults_.erase(it);
  return true;
}

Result<json::array> Faults::List() {
  json::array out;
  if (shared_) {
    LN_ASSIGN_OR_RETURN(storage::SharedControls::FaultList list, shared_->ListFaults());
    for (const auto& stored : list.faults) {
      std::optional<json::value> shown = ParseJson(stored.spec);
      std::optional<Fault> f = shown ? ReadFault(*shown) : std::nullopt;
      if (!f) continue;
      f->count = stored.remaining;
      out.push_back(ShowFault(*f));
    }
    return out;
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (const Fault& f : faults_) out.push_back(ShowFault(f));
  return out;
}

void Faults::Refresh(std::optional<int64_t> generation) {
  if (loaded_ && generation && *generation <= generation_) return;
  auto list = shared_->ListFaults();
  if (!list.ok()) {
    std::fprintf(stderr, "localnotion: cannot read the shared faults: %s\n", list.error().message.c_str());
    return;
  }
  std::vector<Fault> faults;
  for (const auto& stored : list->faults) {
    std::optional<json::value> shown = ParseJson(stored.spec);
    std::optional<Fault> f = shown ? ReadFault(*shown) : std::nullopt;
    if (!f) continue;
    f->count = stored.remaining;
    faults.push_back(std::move(*f));
  }
  faults_ = std::move(faults);
  generation_ = list->generation;
  loaded_ = true;
}

std::optional<FaultEffect> Faults::Match(std::string_view method, std::string_view path, bool exceptions_only,
                                         std::optional<int64_t> generation) {
  std::lock_guard<std::mutex> lock(mu_);
  if (shared_) Refresh(generation);
  for (size_t i = 0; i < faults_.size(); ++i) {
    Fault& f = faults_[i];
    if (exceptions_only && !f.exception) continue;
    if (!f.method.empty() && f.method != "*" && f.method != method) continue;
    if (!Glob(f.path, path)) continue;
    if (f.probability < 1.0 && std::uniform_real_distribution<double>(0, 1)(rng_) >= f.probability) continue;
    if (f.count && shared_) {
      // One use across every instance; none left means another used it up meanwhile.
      auto left = shared_->UseFault(f.id);
      if (!left.ok() || !*left) {
        if (left.ok()) faults_.erase(faults_.begin() + static_cast<std::ptrdiff_t>(i--));
        continue;
      }
      f.count = **left + 1;  // the use below takes it to what the store holds
    }
    FaultEffect effect;
    if (f.code) effect.error = MakeError(*f.code, f.message);
    if (f.code == ErrorCode::kRateLimited) {
      effect.additional_data = api::RateLimitedData(f.rate_limit_reason, f.retry_after);
    } else if (f.code && f.retry_after) {
      effect.additional_data = {{"retry_after", std::to_string(*f.retry_after)}};
    }
    effect.latency_ms = f.latency_ms;
    effect.retry_after = f.retry_after;
    effect.exception = f.exception;
    if (f.count && --*f.count <= 0) faults_.erase(faults_.begin() + static_cast<std::ptrdiff_t>(i));
    return effect;
  }
  return std::nullopt;
}

}  // namespace localnotion::http
