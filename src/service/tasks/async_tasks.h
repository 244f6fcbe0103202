// Async tasks (GET /v1/async_tasks/{task_id}; the SDK's asyncTasks.retrieve) and the
// writes that take `allow_async: true`: POST /v1/pages with `markdown` and PATCH
// /v1/pages/{id}/markdown.
//
// localnotion does the work of such a write inside the request, as without
// `allow_async`, and answers the task that did it, already `succeeded`, with the write's
// answer as its `result`; polling the task gives the same. A write that fails answers
// its error directly and leaves no task (its transaction is rolled back with the task).
// Tasks belong to the integration that made them and are kept in the store's meta
// values until the workspace is reset; another integration's or an unknown id is 404.
// Choices: docs/compat.md ("Async tasks").
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"
#include "common/json.h"
#include "service/core/context.h"

namespace localnotion::service::tasks {

// Records a task of `operation` ("create_page", "update_page_markdown") that succeeded
// with `result`, for the caller's integration, and returns the task as the API shows it.
Result<json::value> RecordSucceeded(Context& ctx, const Caller& caller, std::string_view operation, json::value result);

Result<json::value> GetAsyncTask(Context& ctx, const Caller& caller, std::string_view task_id);

}  // namespace localnotion::service::tasks
