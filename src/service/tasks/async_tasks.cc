#include "service/tasks/async_tasks.h"

#include "api/async_task.h"
#include "common/uuid.h"

namespace localnotion::service::tasks {
namespace {

constexpr std::string_view kMetaPrefix = "async_task:";

std::string MetaKey(std::string_view id) { return std::string(kMetaPrefix) + std::string(id); }

// The stored form: the view's fields and the owning integration.
json::object Stored(const api::AsyncTaskView& task, const std::string& integration_id) {
  return json::object{{"integration_id", integration_id},
                      {"created_time", task.created_time},
                      {"surface", task.surface},
                      {"operation", task.operation},
                      {"status", task.status},
                      {"result", task.result},
                      {"error", task.error}};
}

std::string StatusUrl(const Caller& caller, std::string_view id) {
  return caller.base_url + "/v1/async_tasks/" + std::string(id);
}

}  // namespace

Result<json::value> RecordSucceeded(Context& ctx, const Caller& caller, std::string_view operation,
                                    json::value result) {
  api::AsyncTaskView task;
  task.id = NewUuid();
  task.status_url = StatusUrl(caller, task.id);
  task.created_time = NowMillis();
  task.operation = std::string(operation);
  task.status = "succeeded";
  task.result = std::move(result);
  LN_RETURN_IF_ERROR(
      ctx.store().PutMeta(MetaKey(task.id), SerializeJson(json::value(Stored(task, caller.integration.id)))));
  return json::value(api::RenderAsyncTask(task));
}

Result<json::value> GetAsyncTask(Context& ctx, const Caller& caller, std::string_view raw_id) {
  // Task ids are UUIDs; anything else names no task.
  const std::optional<std::string> id = NormalizeUuid(raw_id);
  std::optional<std::string> stored;
  if (id) {
    LN_ASSIGN_OR_RETURN(stored, ctx.store().GetMeta(MetaKey(*id)));
  }
  std::optional<json::value> parsed = stored ? ParseJson(*stored) : std::nullopt;
  if (!parsed || !parsed->is_object()) return NotFound("async task", raw_id);
  const json::object& o = parsed->get_object();
  const json::value* owner = Find(o, "integration_id");
  if (owner == nullptr || !owner->is_string() || owner->get_string() != caller.integration.id) {
    return NotFound("async task", raw_id);
  }
  api::AsyncTaskView task;
  task.id = *id;
  task.status_url = StatusUrl(caller, *id);
  task.created_time = o.at("created_time").to_number<int64_t>();
  task.surface = std::string(o.at("surface").as_string());
  task.operation = std::string(o.at("operation").as_string());
  task.status = std::string(o.at("status").as_string());
  task.result = o.at("result");
  task.error = o.at("error");
  return json::value(api::RenderAsyncTask(task));
}

}  // namespace localnotion::service::tasks
