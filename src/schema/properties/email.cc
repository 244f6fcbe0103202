#include "schema/properties/scalar_string.h"
#include "schema/properties/types.h"

namespace localnotion::schema {

const PropertyType& EmailType() {
  static const ScalarStringType t("email", 200);
  return t;
}

}  // namespace localnotion::schema
