// One accessor per property type; each is defined in the file named after the type.
#pragma once

#include "schema/property_type.h"

namespace localnotion::schema {

const PropertyType& TitleType();
const PropertyType& RichTextType();
const PropertyType& NumberType();
const PropertyType& SelectType();
const PropertyType& MultiSelectType();
const PropertyType& StatusType();
const PropertyType& DateType();
const PropertyType& PeopleType();
const PropertyType& FilesType();
const PropertyType& CheckboxType();
const PropertyType& UrlType();
const PropertyType& EmailType();
const PropertyType& PhoneNumberType();
const PropertyType& RelationType();
const PropertyType& FormulaType();
const PropertyType& RollupType();
const PropertyType& CreatedTimeType();
const PropertyType& LastEditedTimeType();
const PropertyType& CreatedByType();
const PropertyType& LastEditedByType();
const PropertyType& UniqueIdType();
const PropertyType& ButtonType();
const PropertyType& VerificationType();
const PropertyType& PlaceType();

}  // namespace localnotion::schema
