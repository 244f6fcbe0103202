// Request JSON -> page-write validation (validation/page_write.h), as POST /v1/pages and
// PATCH /v1/pages/{id} run it: the body's top level for both versions, then the
// `properties` against the "Everything" schema (fuzz_util.h) and against a standalone
// page's schema, and the stored values that passed are rendered back.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"
#include "schema/property_type.h"
#include "schema/registry.h"
#include "validation/page_write.h"

using namespace localnotion;  // NOLINT

namespace {

void CheckAndRender(const json::object& properties, const schema::Schema& schema, api::ApiVersion version) {
  auto writes = validation::CheckProperties(properties, schema, version);
  if (!writes.ok()) return;
  schema::RenderContext ctx;
  ctx.version = version;
  ctx.created_by = fuzz::kUserId;
  ctx.last_edited_by = fuzz::kUserId;
  ctx.user = [](const std::string& id) -> json::value { return json::object{{"object", "user"}, {"id", id}}; };
  for (const validation::PropertyWrite& w : writes->writes) {
    const schema::PropertyDef* def = schema::FindPropertyById(schema, w.property_id);
    if (def == nullptr) __builtin_trap();  // a write for a property that is not in the schema
    const schema::PropertyType* type = schema::FindType(def->type);
    if (type == nullptr) continue;
    json::object out{{"id", def->id}, {"type", def->type}};
    type->Render(&w.value, *def, ctx, out);
    (void)SerializeJson(out);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto body = fuzz::ParseInput(data, size);
  if (!body) return 0;
  static const schema::Schema everything = fuzz::EverythingSchema();
  static const schema::Schema standalone = validation::StandalonePageSchema();
  // PATCH /v1/pages/{id}.
  auto update = validation::CheckUpdateBody(*body);
  if (update.ok() && update->properties != nullptr) {
    CheckAndRender(*update->properties, everything, api::ApiVersion::k2025_09_03);
    CheckAndRender(*update->properties, everything, api::ApiVersion::k2022_06_28);
  }
  // POST /v1/pages.
  for (api::ApiVersion version : {api::ApiVersion::k2022_06_28, api::ApiVersion::k2025_09_03}) {
    auto create = validation::CheckCreateBody(*body, version);
    if (create.ok() && create->properties != nullptr) {
      CheckAndRender(*create->properties, everything, version);
      CheckAndRender(*create->properties, standalone, version);
    }
  }
  return 0;
}
