// The async task object of GET /v1/async_tasks/{task_id} and of the writes that take
// `allow_async` (the SDK's GetAsyncTaskResponse, src/api-endpoints/async-tasks.ts;
// https://developers.notion.com/reference/intro lists the endpoint):
//   {object:"async_task", id, status_url, created_time, operation:{surface, name},
//    status, then poll_after_seconds (queued, running, retrying) | result (succeeded)
//    | error (failed: an error object as the API answers it)}
#pragma once

#include <string>

#include "common/clock.h"
#include "common/json.h"

namespace localnotion::api {

struct AsyncTaskView {
  std::string id;
  std::string status_url;
  Millis created_time = 0;
  std::string surface = "rest";
  std::string operation;  // e.g. "create_page"
  std::string status;     // queued, running, retrying, succeeded or failed
  int poll_after_seconds = 1;
  json::value result;  // succeeded
  json::value error;   // failed: {object:"error", status, code, message}
};

json::object RenderAsyncTask(const AsyncTaskView& task);

}  // namespace localnotion::api
