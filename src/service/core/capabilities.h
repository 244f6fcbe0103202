// Integration capabilities (Notion's "capabilities" reference): what an integration may
// call and see. Stored in IntegrationRecord::capabilities as a comma-separated list of
// these names:
//   read             read content
//   update           update content
//   insert           insert content
//   read_comments    read comments
//   insert_comments  insert comments
//   comments         both comment capabilities
//   users            user information without email addresses
//   users:email      user information with email addresses
// No `users` name means "no user information". "all" is every capability.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"

namespace localnotion::service {

// The capabilities list of an integration that has every one: what a new workspace's
// integration and a fixture's integration without "capabilities" get.
inline constexpr std::string_view kAllCapabilityNames = "read,update,insert,comments,users:email";

enum class UserInfo { kNone, kWithoutEmail, kWithEmail };

struct Capabilities {
  bool read_content = false;
  bool update_content = false;
  bool insert_content = false;
  bool read_comments = false;
  bool insert_comments = false;
  UserInfo user_info = UserInfo::kNone;

  static Capabilities All();
};

// What an endpoint needs. kUnspecified is the value of an endpoint not yet annotated: the
// endpoint table test refuses it, so every route states its need.
enum class Need {
  kUnspecified,
  kNothing,          // GET /v1/users/me
  kReadContent,
  kUpdateContent,
  kInsertContent,
  // Either of the two (POST /v1/views: "insert or update content", per
  // https://developers.notion.com/guides/data-apis/working-with-views#permissions).
  kInsertOrUpdateContent,
  kReadComments,
  kInsertComments,
  kUserInformation,  // either level of user information
};

// Parses a list as above ("read,update, insert"); spaces around names are ignored.
// An unknown name gives kValidationError naming it and listing the known ones.
Result<Capabilities> ParseCapabilities(std::string_view list);

// The canonical list for `caps`, e.g. "read,insert,comments,users".
std::string FormatCapabilities(const Capabilities& caps);

bool Allows(const Capabilities& caps, Need need);

// Notion's 403 restricted_resource for a missing capability. The text is the one
// integrations report from production ("Insufficient permissions for this endpoint.").
Error MissingCapability();

}  // namespace localnotion::service
