// The fixture importer (service/admin/fixtures_import.cc: POST /_localnotion/seed and
// `serve --seed`) on an in-memory store, through service::RunInTxn as the admin API runs
// it. A fixture that loads is exported, and the export must load again and export the
// same bytes (docs/fixtures.md: export then seed round-trips). Each input's transaction
// is rolled back, so every input starts from the same empty store, with ids and the clock
// in deterministic mode.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/clock.h"
#include "common/uuid.h"
#include "fuzz/fuzz_util.h"
#include "service/admin/admin.h"
#include "service/service.h"
#include "storage/store.h"

using namespace localnotion;  // NOLINT

namespace {

struct World {
  std::unique_ptr<storage::Store> store;
  service::ServiceState state;

  World() {
    UseManualClock(1735689600000);  // 2025-01-01T00:00:00.000Z
    auto opened = storage::OpenStore("memory:");
    if (!opened.ok()) __builtin_trap();
    store = std::move(*opened);
  }
};

// Returned to roll the input's transaction back.
Error RollBack() { return Error{ErrorCode::kConflictError, "fuzz: roll back"}; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto fixture = fuzz::ParseInput(data, size);
  if (!fixture) return 0;
  static World* world = new World;  // lives as long as the process; never a leak
  SeedIdGenerator(1);
  SetManualNow(1735689600000);
  auto r = service::RunInTxn(*world->store, world->state, storage::TxnMode::kWrite,
                             [&](service::Context& ctx) -> Result<bool> {
    if (!service::admin::SeedFixture(ctx, *fixture).ok()) return RollBack();
    auto first = service::admin::ExportFixture(ctx);
    if (!first.ok()) __builtin_trap();  // a loaded workspace that cannot be exported
    Status again = service::admin::SeedFixture(ctx, *first);
    if (!again.ok()) {
      fprintf(stderr, "the export does not load again: %s\n%s\n", again.error().message.c_str(),
              SerializeJson(*first).c_str());
      __builtin_trap();
    }
    auto second = service::admin::ExportFixture(ctx);
    if (!second.ok()) __builtin_trap();
    if (SerializeJson(*first) != SerializeJson(*second)) {
      fprintf(stderr, "export, seed, export differs:\n%s\n%s\n", SerializeJson(*first).c_str(),
              SerializeJson(*second).c_str());
      __builtin_trap();
    }
    return RollBack();
  });
  (void)r;
  world->state.schemas.Clear();
  return 0;
}
