#include "schema/properties/scalar_string.h"
#include "schema/properties/types.h"

namespace localnotion::schema {

// Notion enforces no format on phone numbers, only the length.
const PropertyType& PhoneNumberType() {
  static const ScalarStringType t("phone_number", 200);
  return t;
}

}  // namespace localnotion::schema
