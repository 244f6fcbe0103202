#include "schema/registry.h"

#include <array>

#include "schema/properties/types.h"

namespace localnotion::schema {

namespace {

// The property types by name, in an open-addressed table of 64 slots keyed by the
// name's length and first and last bytes: a lookup (several per property of every page
// written or rendered) costs a hash, usually one slot and one comparison, where a walk
// over the 24 names cost about 120 instructions (docs/benchmarks.md).
class TypeTable {
 public:
  TypeTable() {
    const std::array<const PropertyType*, 24> types = {
        &TitleType(),       &RichTextType(),       &NumberType(),     &SelectType(),
        &MultiSelectType(), &StatusType(),         &DateType(),       &PeopleType(),
        &FilesType(),       &CheckboxType(),       &UrlType(),        &EmailType(),
        &PhoneNumberType(), &RelationType(),       &FormulaType(),    &RollupType(),
        &CreatedTimeType(), &LastEditedTimeType(), &CreatedByType(),  &LastEditedByType(),
        &UniqueIdType(),    &ButtonType(),         &VerificationType(), &PlaceType()};
    for (const PropertyType* type : types) {
      size_t i = Slot(type->name());
      while (slots_[i].type != nullptr) i = (i + 1) % kSlots;
      slots_[i] = Entry{type->name(), type};
    }
  }

  const PropertyType* Find(std::string_view name) const {
    if (name.empty()) return nullptr;
    // The table is never full, so an empty slot ends every probe.
    for (size_t i = Slot(name); slots_[i].type != nullptr; i = (i + 1) % kSlots) {
      if (slots_[i].name == name) return slots_[i].type;
    }
    return nullptr;
  }

 private:
  static constexpr size_t kSlots = 64;
  struct Entry {
    std::string_view name;
    const PropertyType* type = nullptr;
  };
  // `name` is not empty: Find answers an empty name before it hashes.
  static size_t Slot(std::string_view name) {
    const auto first = static_cast<unsigned char>(name.front());
    const auto last = static_cast<unsigned char>(name.back());
    return (name.size() * 31 + first * 7 + last) % kSlots;
  }
  std::array<Entry, kSlots> slots_{};
};

}  // namespace

const PropertyType* FindType(std::string_view name) {
  static const TypeTable kTypes;
  return kTypes.Find(name);
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
