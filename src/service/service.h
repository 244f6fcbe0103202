// The use cases behind the endpoints: request in, Result out. Nothing here knows HTTP.
//
// Each use case is a free function taking the request's Context (core/context.h)
// first, in the namespace of its resource folder; each folder's header states what its
// use cases do, the errors they return and what they may touch:
//   core/       Context: the transaction, the state, access and the shared helpers
//               (loading, rendering, the write path, errors); capabilities.h
//   pages/      service::pages      POST/GET/PATCH /v1/pages, page properties, page history
//   databases/  service::databases  /v1/databases, /v1/data_sources, their queries
//   blocks/     service::blocks     /v1/blocks
//   uploads/    service::uploads    /v1/file_uploads, hosted files
//   comments/   service::comments   /v1/comments
//   search/     service::search     POST /v1/search
//   users/      service::users      /v1/users
//   admin/      service::admin      bootstrap, reset, integrations, fixtures (admin API, CLI)
//   webhooks/   service::webhooks   webhook subscriptions, events from the outbox, delivery (docs/webhooks.md)
//   workspaces/ service::workspaces the registry of a server's workspaces, each a store of its own (docs/workspaces.md)
// RunInTxn below runs one of them as one request.
#pragma once

#include <exception>
#include <string>
#include <utility>

#include "common/error.h"
#include "service/core/context.h"
#include "service/service_state.h"
#include "storage/store.h"
#include "storage/txn.h"

namespace localnotion::service {

// Runs `fn(ctx)` for one request: begins a transaction of `mode`, makes a Context
// over it, and commits when `fn` succeeds. A failure rolls everything back; so does an
// exception, which becomes kInternalServerError, so that no path (API, admin, hosted
// files, CLI) can leave a transaction open.
//
// Without `on_durable`, the call returns once the commit is durable. With it, the call
// returns as soon as the transaction is committed into the store's group (so that the
// thread can serve the next request) and `on_durable` is called once it is durable, or
// with the error that lost it (storage::Txn::CommitAsync). It is called only when the
// result is OK.
// A conflict is retried (storage::kTxnAttempts in all): `fn` runs again in a new transaction (at once for a race with a
// cache, Txn::RetryAtOnce; else after a short, growing,
// jittered pause), so `fn` must keep nothing from a failed attempt but what it can do
// again; a conflict is only ever reported before the commit (PostgreSQL's write
// transactions are READ COMMITTED and take their locks as they go, pg_store.h).
// With `first_page`, the transaction is begun by Store::BeginReadingPage.
template <class F>
auto RunInTxn(storage::Store& store, ServiceState& state, storage::TxnMode mode, F&& fn,
              storage::Txn::DurableCallback on_durable = nullptr, std::string_view first_page = {})
    -> decltype(fn(std::declval<Context&>())) {
  try {
    for (int attempt = 1;; ++attempt) {
      auto txn = first_page.empty() ? store.Begin(mode) : store.BeginReadingPage(mode, first_page);
      if (!txn.ok()) return std::move(txn).error();
      // Retried below; a retry pins its snapshot, so it cannot lose a cache race again.
      if (attempt == 1) (*txn)->AcceptCacheRaces();
      Context ctx(**txn, state);
      auto result = fn(ctx);
      if (!result.ok()) {
        if (attempt < storage::kTxnAttempts && (*txn)->ShouldRetry()) {
          const bool at_once = (*txn)->RetryAtOnce();
          txn->reset();  // rolls back and frees the connection before the pause
          if (!at_once) storage::RetryPause(attempt);
          continue;
        }
        return result;
      }
      if (on_durable) {
        (*txn)->CommitAsync(std::move(on_durable));
        return result;
      }
      Status committed = (*txn)->Commit();
      if (!committed.ok()) return std::move(committed).error();
      return result;
    }
  } catch (const std::exception& e) {
    return InternalError(std::string("unexpected exception: ") + e.what());
  }
}

}  // namespace localnotion::service
