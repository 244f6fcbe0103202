#include "service/core/capabilities.h"

#include <fmt/format.h>

namespace localnotion::service {

Capabilities Capabilities::All() {
  return Capabilities{true, true, true, true, true, UserInfo::kWithEmail};
}

Result<Capabilities> ParseCapabilities(std::string_view list) {
  Capabilities caps;
  while (true) {
    size_t comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name == "read") {
      caps.read_content = true;
    } else if (name == "update") {
      caps.update_content = true;
    } else if (name == "insert") {
      caps.insert_content = true;
    } else if (name == "read_comments") {
      caps.read_comments = true;
    } else if (name == "insert_comments") {
      caps.insert_comments = true;
    } else if (name == "comments") {
      caps.read_comments = caps.insert_comments = true;
    } else if (name == "users") {
      if (caps.user_info == UserInfo::kNone) caps.user_info = UserInfo::kWithoutEmail;
    } else if (name == "users:email") {
      caps.user_info = UserInfo::kWithEmail;
    } else if (name == "all") {
      caps = Capabilities::All();
    } else if (!name.empty() || comma != std::string_view::npos) {
      return ValidationError(fmt::format(
          "Unknown capability \"{}\". Capabilities are read, update, insert, read_comments, insert_comments, "
          "comments, users, users:email and all.",
          name));
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return caps;
}

std::string FormatCapabilities(const Capabilities& caps) {
  std::string out;
  auto add = [&](std::string_view name) {
    if (!out.empty()) out += ',';
    out += name;
  };
  if (caps.read_content) add("read");
  if (caps.update_content) add("update");
  if (caps.insert_content) add("insert");
  if (caps.read_comments && caps.insert_comments) {
    add("comments");
  } else if (caps.read_comments) {
    add("read_comments");
  } else if (caps.insert_comments) {
    add("insert_comments");
  }
  if (caps.user_info == UserInfo::kWithoutEmail) add("users");
  if (caps.user_info == UserInfo::kWithEmail) add("users:email");
  return out;
}

bool Allows(const Capabilities& caps, Need need) {
  switch (need) {
    case Need::kUnspecified:
    case Need::kNothing:
      return true;
    case Need::kReadContent:
      return caps.read_content;
    case Need::kUpdateContent:
      return caps.update_content;
    case Need::kInsertContent:
      return caps.insert_content;
    case Need::kInsertOrUpdateContent:
      return caps.insert_content || caps.update_content;
    case Need::kReadComments:
      return caps.read_comments;
    case Need::kInsertComments:
      return caps.insert_comments;
    case Need::kUserInformation:
      return caps.user_info != UserInfo::kNone;
  }
  return false;
}

Error MissingCapability() {
  return MakeError(ErrorCode::kRestrictedResource, "Insufficient permissions for this endpoint.");
}

}  // namespace localnotion::service
