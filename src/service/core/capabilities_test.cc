// Capability lists: parsing, the canonical form, and what each endpoint need allows.
#include "service/core/capabilities.h"

#include <gtest/gtest.h>

#include "testing/matchers.h"

namespace localnotion::service {
namespace {

using testing::ErrorIs;

TEST(Capabilities, ParsesEveryName) {
  auto caps = ParseCapabilities("read, update,insert,read_comments,users");
  ASSERT_TRUE(caps.ok());
  EXPECT_TRUE(caps->read_content);
  EXPECT_TRUE(caps->update_content);
  EXPECT_TRUE(caps->insert_content);
  EXPECT_TRUE(caps->read_comments);
  EXPECT_FALSE(caps->insert_comments);
  EXPECT_EQ(caps->user_info, UserInfo::kWithoutEmail);
  EXPECT_EQ(FormatCapabilities(*caps), "read,update,insert,read_comments,users");
}

TEST(Capabilities, CommentsMeansBothAndEmailWinsOverUsers) {
  auto caps = ParseCapabilities("users:email,comments,users");
  ASSERT_TRUE(caps.ok());
  EXPECT_TRUE(caps->read_comments && caps->insert_comments);
  EXPECT_EQ(caps->user_info, UserInfo::kWithEmail);
  EXPECT_FALSE(caps->read_content);
  EXPECT_EQ(FormatCapabilities(*caps), "comments,users:email");
}

TEST(Capabilities, EmptyListIsNoCapabilityAndAllIsEverything) {
  auto none = ParseCapabilities("");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(FormatCapabilities(*none), "");
  EXPECT_EQ(none->user_info, UserInfo::kNone);
  auto all = ParseCapabilities("all");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(FormatCapabilities(*all), "read,update,insert,comments,users:email");
  // The bootstrap integrations' list parses back to everything.
  auto stored = ParseCapabilities("read,update,insert,comments,users:email");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(FormatCapabilities(*stored), FormatCapabilities(Capabilities::All()));
}

TEST(Capabilities, UnknownNameIsAValidationError) {
  auto caps = ParseCapabilities("read,write");
  ASSERT_THAT(
      caps,
      ErrorIs(ErrorCode::kValidationError,
              "Unknown capability \"write\". Capabilities are read, update, insert, read_comments, insert_comments, "
              "comments, users, users:email and all."));
  EXPECT_FALSE(ParseCapabilities("read,,update").ok());
}

TEST(Capabilities, EachNeedAsksForItsCapability) {
  Capabilities none;
  EXPECT_TRUE(Allows(none, Need::kNothing));
  for (Need n : {Need::kReadContent, Need::kUpdateContent, Need::kInsertContent, Need::kReadComments,
                 Need::kInsertComments, Need::kUserInformation}) {
    EXPECT_FALSE(Allows(none, n));
    EXPECT_TRUE(Allows(Capabilities::All(), n));
  }
  Capabilities insert_only;
  insert_only.insert_content = true;
  EXPECT_TRUE(Allows(insert_only, Need::kInsertContent));
  EXPECT_FALSE(Allows(insert_only, Need::kReadContent));
  EXPECT_FALSE(Allows(insert_only, Need::kUpdateContent));
  Capabilities users;
  users.user_info = UserInfo::kWithoutEmail;
  EXPECT_TRUE(Allows(users, Need::kUserInformation));
}

TEST(Capabilities, MissingCapabilityIsRestrictedResource) {
  Error e = MissingCapability();
  EXPECT_EQ(e.code, ErrorCode::kRestrictedResource);
  EXPECT_EQ(e.message, "Insufficient permissions for this endpoint.");
}

}  // namespace
}  // namespace localnotion::service
