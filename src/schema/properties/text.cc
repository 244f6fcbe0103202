// title and rich_text: rich text arrays (api/rich_text.h does the validation). `[]`
// clears the value. The title property of every page is keyed "title" by id.
#include "api/rich_text.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

class TextType : public PropertyType {
 public:
  explicit TextType(std::string_view name) : name_(name) {}
  std::string_view name() const override { return name_; }
  FilterFamily filter_family() const override { return FilterFamily::kText; }
  SortBy sort_by() const override { return SortBy::kText; }
  RenderExtras render_extras() const override { return {.mentions = true, .paginated_item = true}; }
  bool holds_rich_text() const override { return true; }

  Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef&, PropertyDef* grown) const override {
    LN_ASSIGN_OR_RETURN(json::array arr, api::NormalizeRichText(path, value));
    return json::value(std::move(arr));
  }

  void Render(const json::value* stored, const PropertyDef&, const RenderContext&,
              json::object& out) const override {
    out[name_] = (stored && stored->is_array()) ? *stored : json::value(json::array{});
  }
  void RenderTaking(json::value* stored, const PropertyDef&, const RenderContext&, json::object& out) const override {
    out[name_] = (stored && stored->is_array()) ? std::move(*stored) : json::value(json::array{});
  }
  const json::value* ShownAsStored(const json::value& stored) const override {
    return stored.is_array() ? &stored : nullptr;
  }

 private:
  std::string_view name_;
};

}  // namespace

const PropertyType& TitleType() {
  static const TextType t("title");
  return t;
}

const PropertyType& RichTextType() {
  static const TextType t("rich_text");
  return t;
}

}  // namespace localnotion::schema
