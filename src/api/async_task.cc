#include "api/async_task.h"

namespace localnotion::api {

json::object RenderAsyncTask(const AsyncTaskView& task) {
  json::object o;
  o["object"] = "async_task";
  o["id"] = task.id;
  o["status_url"] = task.status_url;
  o["created_time"] = FormatIso8601(task.created_time);
  o["operation"] = json::object{{"surface", task.surface}, {"name", task.operation}};
  o["status"] = task.status;
  if (task.status == "succeeded") {
    o["result"] = task.result;
  } else if (task.status == "failed") {
    o["error"] = task.error;
  } else {
    o["poll_after_seconds"] = task.poll_after_seconds;
  }
  return o;
}

}  // namespace localnotion::api
