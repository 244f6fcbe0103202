#include "schema/registry.h"

#include <array>

#include "schema/properties/types.h"

namespace localnotion::schema {

const PropertyType* FindType(std::string_view name) {
  // Looked up several times per property of every page written or rendered: the names
  // are read once, so that a lookup compares lengths and bytes, with no virtual call.
  struct Entry {
    std::string_view name;
    const PropertyType* type;
  };
  static const std::array<Entry, 24> kTypes = [] {
    const std::array<const PropertyType*, 24> types = {
        &TitleType(),       &RichTextType(),       &NumberType(),     &SelectType(),
        &MultiSelectType(), &StatusType(),         &DateType(),       &PeopleType(),
        &FilesType(),       &CheckboxType(),       &UrlType(),        &EmailType(),
        &PhoneNumberType(), &RelationType(),       &FormulaType(),    &RollupType(),
        &CreatedTimeType(), &LastEditedTimeType(), &CreatedByType(),  &LastEditedByType(),
        &UniqueIdType(),    &ButtonType(),         &VerificationType(), &PlaceType()};
    std::array<Entry, 24> entries;
    for (size_t i = 0; i < types.size(); ++i) entries[i] = Entry{types[i]->name(), types[i]};
    return entries;
  }();
  for (const Entry& e : kTypes) {
    if (e.name == name) return e.type;
  }
  return nullptr;
}

const std::vector<std::string_view>& WritableTypeOrder(api::ApiVersion version) {
  static const std::vector<std::string_view> kNewest = {
      "title",        "rich_text", "number",   "url",      "select", "multi_select", "people",      "email",
      "phone_number", "date",      "checkbox", "relation", "files",  "status",       "place", "verification"};
  static const std::vector<std::string_view> kOlder(kNewest.begin(), kNewest.end() - 2);
  return api::ListsPlaceAndVerification(version) ? kNewest : kOlder;
}

const std::vector<std::string_view>& FilterKeyOrder() {
  static const std::vector<std::string_view> kOrder = {
      "title",          "rich_text",    "number",   "checkbox",     "select",       "multi_select",
      "status",         "date",         "people",   "files",        "url",          "email",
      "phone_number",   "relation",     "created_by", "created_time", "last_edited_by", "last_edited_time",
      "formula",        "unique_id",    "rollup",       "verification"};
  return kOrder;
}

}  // namespace localnotion::schema
