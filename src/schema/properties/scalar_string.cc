#include "schema/properties/scalar_string.h"

#include "api/messages.h"
#include "api/rich_text.h"

namespace localnotion::schema {

Result<json::value> ScalarStringType::Write(std::string_view path, const json::value& value,
                                            const PropertyDef&, PropertyDef* grown) const {
  if (value.is_null()) return json::value(nullptr);
  if (!value.is_string()) return api::FailedValidation(path, "a string or `null`", &value);
  if (value.get_string().empty()) return api::FailedValidation(path, "populated or `null`", &value);
  size_t len = api::Utf16Length(value.get_string());
  if (len > max_) return api::TooLong(path, max_, len);
  return value;
}

}  // namespace localnotion::schema
