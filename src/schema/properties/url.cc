#include "schema/properties/scalar_string.h"
#include "schema/properties/types.h"

namespace localnotion::schema {

const PropertyType& UrlType() {
  static const ScalarStringType t("url", 2000);
  return t;
}

}  // namespace localnotion::schema
