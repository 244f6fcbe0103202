// url, email and phone_number: a non-empty string or null. Notion refuses "" ("the API
// does not support empty strings; use null"). Limits: url 2000, email and phone 200.
#pragma once

#include "schema/property_type.h"

namespace localnotion::schema {

class ScalarStringType : public PropertyType {
 public:
  ScalarStringType(std::string_view name, size_t max_length) : name_(name), max_(max_length) {}
  std::string_view name() const override { return name_; }
  FilterFamily filter_family() const override { return FilterFamily::kText; }
  SortBy sort_by() const override { return SortBy::kText; }
  Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef& def,
                            PropertyDef* grown) const override;
  // The base Render shows the stored string (or null) as it is.
  const json::value* ShownAsStored(const json::value& stored) const override { return &stored; }

 private:
  std::string_view name_;
  size_t max_;
};

}  // namespace localnotion::schema
