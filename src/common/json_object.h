// Writing a json::object as SerializeJson (json.h) writes it, without first copying it
// into a json::value (SerializeJson(page.properties) copies the whole tree to call the
// value overload). For the stored properties of a page, written on every page write.
// SerializeJsonStringTo writes a string the same way, without making a json::string of
// it (for JSON written member by member, such as a page's history entry). Defined in
// json_serialize.cc.
#pragma once

#include <string>
#include <string_view>

#include "common/json.h"

namespace localnotion {

std::string SerializeJsonObject(const json::object& o);
void SerializeJsonObjectTo(const json::object& o, std::string& out);
void SerializeJsonStringTo(std::string_view s, std::string& out);

}  // namespace localnotion
