#include "schema/registry.h"

#include <array>

#include "schema/properties/types.h"

namespace localnotion::schema {

const PropertyType* FindType(std::string_view name) {
  static const std::array<const PropertyType*, 24> kTypes = {
      &TitleType(),       &RichTextType(),       &NumberType(),     &SelectType(),
      &MultiSelectType(), &StatusType(),         &DateType(),       &PeopleType(),
      &FilesType(),       &CheckboxType(),       &UrlType(),        &EmailType(),
      &PhoneNumberType(), &RelationType(),       &FormulaType(),    &RollupType(),
      &CreatedTimeType(), &LastEditedTimeType(), &CreatedByType(),  &LastEditedByType(),
      &UniqueIdType(),    &ButtonType(),         &VerificationType(), &PlaceType()};
  for (const PropertyType* t : kTypes) {
    if (t->name() == name) return t;
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
