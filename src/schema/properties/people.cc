// people: an array of users ({object?:"user", id}); `[]` clears. Rendered as full user
// objects. Whether each id is a user of the workspace is checked by the validation
// layer, which can see the store.
#include "schema/properties/id_list.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

class People : public PropertyType {
 public:
  std::string_view name() const override { return "people"; }
  FilterFamily filter_family() const override { return FilterFamily::kPeople; }
  SortBy sort_by() const override { return SortBy::kFirstUserName; }
  RenderExtras render_extras() const override { return {.capped_list = true, .paginated_item = true}; }
  // Every id must be a user of the workspace.
  References ReferencesIn(const json::value& stored, const PropertyDef&) const override {
    References refs;
    refs.kind = References::Kind::kUsers;
    if (stored.is_array()) {
      for (const auto& id : stored.get_array()) refs.ids.emplace_back(id.get_string());
    }
    return refs;
  }
  Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef&, PropertyDef* grown) const override {
    LN_ASSIGN_OR_RETURN(json::array ids, ReadIdList(path, value, {"object", "name", "avatar_url", "type", "person", "bot"}));
    return json::value(std::move(ids));
  }
  void Render(const json::value* stored, const PropertyDef&, const RenderContext& ctx,
              json::object& out) const override {
    json::array users(out.storage());  // moved into `out` below, not copied
    if (stored && stored->is_array()) {
      for (const auto& id : stored->get_array()) {
        std::string uid(id.get_string());
        users.push_back(ctx.user ? ctx.user(uid) : json::value(json::object{{"object", "user"}, {"id", uid}}));
      }
    }
    out["people"] = std::move(users);
  }
  bool writes_rendered() const override { return true; }
  void WriteRendered(const json::value* stored, const PropertyDef&, const RenderContext& ctx,
                     JsonWriter& w) const override {
    w.Raw("[");
    if (stored && stored->is_array()) {
      size_t shown = 0;
      for (const auto& id : stored->get_array()) {
        if (shown == kMaxReferencesShown) break;
        if (shown++ > 0) w.Raw(",");
        WriteRenderedUser(ctx, std::string(id.get_string()), w);
      }
    }
    w.Raw("]");
  }
};

}  // namespace

const PropertyType& PeopleType() {
  static const People t;
  return t;
}

}  // namespace localnotion::schema
