// Writing a json::object as SerializeJson (json.h) writes it, without first copying it
// into a json::value (SerializeJson(page.properties) copies the whole tree to call the
// value overload). For the stored properties of a page, written on every page write.
// Defined in json.cc.
#pragma once

#include <string>

#include "common/json.h"

namespace localnotion {

std::string SerializeJsonObject(const json::object& o);
void SerializeJsonObjectTo(const json::object& o, std::string& out);

}  // namespace localnotion
