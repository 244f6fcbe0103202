#include "validation/view_body.h"

#include "api/messages.h"
#include "common/uuid.h"
#include "validation/pagination.h"
#include "validation/view_config.h"

namespace localnotion::validation {
namespace {

Result<std::string> ReadId(std::string_view path, const json::value& v) {
  auto norm = v.is_string() ? NormalizeUuid(v.get_string()) : std::nullopt;
  if (!norm) return api::FailedValidation(path, "a valid uuid", &v);
  return *norm;
}

Result<std::string> ReadName(const json::value& v) {
  if (!v.is_string()) return api::FailedValidation("body.name", "a string", &v);
  return std::string(v.get_string());
}

// {"type":"start"} | {"type":"end"} | {"type":"after_view","view_id":ID}.
Status ReadPosition(const json::value& v, CreateViewBody& out) {
  if (!v.is_object()) return api::FailedValidation("body.position", "an object", &v);
  const json::value* type = Find(v.get_object(), "type");
  if (type == nullptr) return api::NotDefined("body.position.type");
  const std::string t = type->is_string() ? std::string(type->get_string()) : "";
  if (t != "start" && t != "end" && t != "after_view") {
    return api::FailedValidation("body.position.type", "`\"start\"`, `\"end\"`, or `\"after_view\"`", type);
  }
  out.position = t;
  for (const auto& kv : v.get_object()) {
    if (kv.key() == "type") continue;
    if (kv.key() != "view_id" || t != "after_view")
      return api::NotPresent(api::Field("body.position", kv.key()), kv.value());
    LN_ASSIGN_OR_RETURN(out.after_view_id, ReadId("body.position.view_id", kv.value()));
  }
  if (t == "after_view" && out.after_view_id.empty()) return api::NotDefined("body.position.view_id");
  return OkStatus();
}

// {"type":"new_row","row_index"?:n} | {"type":"existing_row","row_index":n}.
Status ReadPlacement(const json::value& v, CreateViewBody& out) {
  if (!v.is_object()) return api::FailedValidation("body.placement", "an object", &v);
  const json::value* type = Find(v.get_object(), "type");
  if (type == nullptr) return api::NotDefined("body.placement.type");
  const std::string t = type->is_string() ? std::string(type->get_string()) : "";
  if (t != "new_row" && t != "existing_row") {
    return api::FailedValidation("body.placement.type", "`\"new_row\"` or `\"existing_row\"`", type);
  }
  out.placement = t;
  for (const auto& kv : v.get_object()) {
    if (kv.key() == "type") continue;
    if (kv.key() != "row_index") return api::NotPresent(api::Field("body.placement", kv.key()), kv.value());
    const json::value& n = kv.value();
    if (!n.is_number() || n.to_number<double>() != static_cast<double>(static_cast<int64_t>(n.to_number<double>())) ||
        n.to_number<double>() < 0) {
      return api::FailedValidation("body.placement.row_index", "a non-negative integer", &n);
    }
    out.row_index = static_cast<int64_t>(n.to_number<double>());
  }
  if (t == "existing_row" && !out.row_index) return api::NotDefined("body.placement.row_index");
  return OkStatus();
}

// {"parent":{"type":"page_id","page_id":ID},"position"?:{"type":"after_block","block_id":ID}}.
Status ReadCreateDatabase(const json::value& v, CreateViewBody& out) {
  if (!v.is_object()) return api::FailedValidation("body.create_database", "an object", &v);
  const json::value* parent = nullptr;
  for (const auto& kv : v.get_object()) {
    if (kv.key() == "parent") {
      parent = &kv.value();
    } else if (kv.key() == "position") {
      const json::value& p = kv.value();
      if (!p.is_object()) return api::FailedValidation("body.create_database.position", "an object", &p);
      const json::value* type = Find(p.get_object(), "type");
      if (type == nullptr) return api::NotDefined("body.create_database.position.type");
      if (!type->is_string() || type->get_string() != "after_block") {
        return api::FailedValidation("body.create_database.position.type", "`\"after_block\"`", type);
      }
      const json::value* block = Find(p.get_object(), "block_id");
      if (block == nullptr) return api::NotDefined("body.create_database.position.block_id");
      LN_ASSIGN_OR_RETURN(out.after_block_id, ReadId("body.create_database.position.block_id", *block));
    } else {
      return api::NotPresent(api::Field("body.create_database", kv.key()), kv.value());
    }
  }
  if (parent == nullptr) return api::NotDefined("body.create_database.parent");
  if (!parent->is_object()) return api::FailedValidation("body.create_database.parent", "an object", parent);
  const json::value* type = Find(parent->get_object(), "type");
  if (type != nullptr && (!type->is_string() || type->get_string() != "page_id")) {
    return api::FailedValidation("body.create_database.parent.type", "`\"page_id\"`", type);
  }
  const json::value* page = Find(parent->get_object(), "page_id");
  if (page == nullptr) return api::NotDefined("body.create_database.parent.page_id");
  LN_ASSIGN_OR_RETURN(out.parent_page_id, ReadId("body.create_database.parent.page_id", *page));
  return OkStatus();
}

}  // namespace

Status CheckQuickFiltersShape(const json::value& v, bool nulls_allowed) {
  if (!v.is_object()) return api::FailedValidation("body.quick_filters", "an object", &v);
  for (const auto& kv : v.get_object()) {
    if (kv.value().is_object() || (nulls_allowed && kv.value().is_null())) continue;
    return api::FailedValidation(api::Field("body.quick_filters", kv.key()),
                                 nulls_allowed ? "an object or `null`" : "an object", &kv.value());
  }
  return OkStatus();
}

Result<CreateViewBody> ReadCreateViewBody(const json::value& body) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  CreateViewBody out;
  const json::object& o = body.get_object();
  const json::value* position = nullptr;
  const json::value* placement = nullptr;
  int targets = 0;
  for (const auto& kv : o) {
    const std::string k = kv.key();
    const json::value& v = kv.value();
    const std::string path = api::Field("body", k);
    if (k == "data_source_id") {
      LN_ASSIGN_OR_RETURN(out.data_source_id, ReadId(path, v));
    } else if (k == "name") {
      LN_ASSIGN_OR_RETURN(out.name, ReadName(v));
    } else if (k == "type") {
      bool known = false;
      for (std::string_view t : kViewTypes) known = known || (v.is_string() && v.get_string() == t);
      if (!known) return api::FailedValidation(path, ViewTypeExpectation(), &v);
      out.type = std::string(v.get_string());
    } else if (k == "database_id" || k == "view_id" || k == "create_database") {
      // Exactly one of the three: a second one is refused where it appears.
      if (++targets > 1) return api::NotPresent(path, v);
      if (k == "database_id") {
        out.target = ViewTarget::kDatabase;
        LN_ASSIGN_OR_RETURN(out.database_id, ReadId(path, v));
      } else if (k == "view_id") {
        out.target = ViewTarget::kDashboard;
        LN_ASSIGN_OR_RETURN(out.view_id, ReadId(path, v));
      } else {
        out.target = ViewTarget::kCreateDatabase;
        LN_RETURN_IF_ERROR(ReadCreateDatabase(v, out));
      }
    } else if (k == "filter") {
      out.filter = &v;
    } else if (k == "sorts") {
      out.sorts = &v;
    } else if (k == "quick_filters") {
      LN_RETURN_IF_ERROR(CheckQuickFiltersShape(v, /*nulls_allowed=*/false));
      out.quick_filters = &v;
    } else if (k == "configuration") {
      out.configuration = &v;
    } else if (k == "position") {
      position = &v;
    } else if (k == "placement") {
      placement = &v;
    } else {
      return api::NotPresent(path, v);
    }
  }
  if (out.data_source_id.empty()) return api::NotDefined("body.data_source_id");
  if (Find(o, "name") == nullptr) return api::NotDefined("body.name");
  if (out.type.empty()) return api::NotDefined("body.type");
  if (targets == 0) {
    return api::FixOne({api::ShouldBe("body.database_id", "defined", nullptr),
                        api::ShouldBe("body.view_id", "defined", nullptr),
                        api::ShouldBe("body.create_database", "defined", nullptr)});
  }
  // position goes with database_id only, placement with view_id only.
  if (position != nullptr) {
    if (out.target != ViewTarget::kDatabase) return api::NotPresent("body.position", *position);
    LN_RETURN_IF_ERROR(ReadPosition(*position, out));
  }
  if (placement != nullptr) {
    if (out.target != ViewTarget::kDashboard) return api::NotPresent("body.placement", *placement);
    LN_RETURN_IF_ERROR(ReadPlacement(*placement, out));
  }
  if (out.configuration != nullptr) LN_RETURN_IF_ERROR(CheckViewConfiguration(*out.configuration, out.type));
  return out;
}

Result<UpdateViewBody> ReadUpdateViewBody(const json::value& body, std::string_view view_type) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  UpdateViewBody out;
  for (const auto& kv : body.get_object()) {
    const std::string k = kv.key();
    const json::value& v = kv.value();
    if (k == "name") {
      LN_ASSIGN_OR_RETURN(out.name, ReadName(v));
    } else if (k == "filter") {
      out.filter = &v;
    } else if (k == "sorts") {
      // Only property sorts: {property, direction}.
      if (v.is_array()) {
        for (size_t i = 0; i < v.get_array().size(); ++i) {
          const json::value& s = v.get_array()[i];
          if (s.is_object() && Find(s.get_object(), "property") == nullptr) {
            return api::NotDefined(api::Field(api::Index("body.sorts", i), "property"));
          }
        }
      }
      out.sorts = &v;
    } else if (k == "quick_filters") {
      if (!v.is_null()) LN_RETURN_IF_ERROR(CheckQuickFiltersShape(v, /*nulls_allowed=*/true));
      out.quick_filters = &v;
    } else if (k == "configuration") {
      LN_RETURN_IF_ERROR(CheckViewConfiguration(v, view_type));
      out.configuration = &v;
    } else {
      return api::NotPresent(api::Field("body", k), v);
    }
  }
  return out;
}

Result<int> ReadViewQueryBody(const json::value& body) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  std::optional<std::string> page_size;
  for (const auto& kv : body.get_object()) {
    if (kv.key() != "page_size") return api::NotPresent(api::Field("body", kv.key()), kv.value());
    if (!kv.value().is_null()) page_size = SerializeJson(kv.value());
  }
  return ReadPageSize(page_size, PaginationSource::kBody);
}

}  // namespace localnotion::validation
