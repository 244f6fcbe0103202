// Notion-hosted files in `localnotion pull` (pull_files.h): which links an answer names,
// their identity, their names, and what the fixture makes of them.
#include "cli/pull_files.h"

#include <gtest/gtest.h>

#include "testing/json.h"

namespace localnotion::cli {
namespace {

using testing::J;

constexpr const char* kS3 =
    "https://prod-files-secure.s3.us-west-2.amazonaws.com/ws/f1/kale%20leaf.png?X-Amz-Signature=ab&X-Amz-Expires=3600";

TEST(PullFilesTest, TheKeyOfALinkIsItWithoutQueryOrFragment) {
  EXPECT_EQ(HostedFileKey(kS3), "https://prod-files-secure.s3.us-west-2.amazonaws.com/ws/f1/kale%20leaf.png");
  EXPECT_EQ(HostedFileKey("http://h/_localnotion/files/id/a.txt?expires=1&signature=ff"),
            "http://h/_localnotion/files/id/a.txt");
  EXPECT_EQ(HostedFileKey("http://h/a.txt#part"), "http://h/a.txt");
  EXPECT_EQ(HostedFileKey("http://h/a.txt"), "http://h/a.txt");
}

TEST(PullFilesTest, TheNameOfAFileIsTheLastSegmentOfItsPathDecoded) {
  EXPECT_EQ(FileNameOf(kS3), "kale leaf.png");
  EXPECT_EQ(FileNameOf("http://h/_localnotion/files/id/r%C3%A9sum%C3%A9.pdf?expires=1"), "résumé.pdf");
  EXPECT_EQ(FileNameOf("http://h/"), "file");
  EXPECT_EQ(FileNameOf("http://h"), "file");
  EXPECT_EQ(FileNameOf("http://h/a%2Fb"), "file");  // a slash is not a name
}

TEST(PullFilesTest, DerivedUuidsAreStableVersion8Uuids) {
  const std::string a = DerivedUuid("seed a");
  EXPECT_EQ(a, DerivedUuid("seed a"));
  EXPECT_NE(a, DerivedUuid("seed b"));
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '8');
  EXPECT_NE(std::string("89ab").find(a[19]), std::string::npos);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef-"), std::string::npos);
}

TEST(PullFilesTest, HostedFileUrlsNamesIconsCoversFilesValuesMediaAndAttachments) {
  json::value page = J(R"({"object":"page",
    "icon":{"type":"file","file":{"url":"http://h/i.png?x=1","expiry_time":"t"}},
    "cover":{"type":"external","external":{"url":"http://elsewhere/c.png"}},
    "properties":{"Files":{"id":"a","type":"files","files":[
        {"name":"a.pdf","type":"file","file":{"url":"http://h/a.pdf?x=1","expiry_time":"t"}},
        {"name":"b","type":"external","external":{"url":"http://elsewhere/b"}}]},
      "Name":{"id":"title","type":"title","title":[]}}})");
  EXPECT_EQ(HostedFileUrls(page.as_object()), (std::vector<std::string>{"http://h/i.png?x=1", "http://h/a.pdf?x=1"}));
  json::value image = J(R"({"object":"block","type":"image",
    "image":{"caption":[],"type":"file","file":{"url":"http://h/p.png?s=1","expiry_time":"t"}}})");
  EXPECT_EQ(HostedFileUrls(image.as_object()), std::vector<std::string>{"http://h/p.png?s=1"});
  json::value callout = J(R"({"object":"block","type":"callout",
    "callout":{"rich_text":[],"icon":{"type":"file","file":{"url":"http://h/i.png?s=1","expiry_time":"t"}}}})");
  EXPECT_EQ(HostedFileUrls(callout.as_object()), std::vector<std::string>{"http://h/i.png?s=1"});
  json::value tab_item = J(R"({"object":"block","type":"paragraph",
    "paragraph":{"rich_text":[],"icon":{"type":"file","file":{"url":"http://h/t.png?s=1","expiry_time":"t"}}}})");
  EXPECT_EQ(HostedFileUrls(tab_item.as_object()), std::vector<std::string>{"http://h/t.png?s=1"});
  json::value emoji_callout = J(R"({"object":"block","type":"callout",
    "callout":{"rich_text":[],"icon":{"type":"custom_emoji","custom_emoji":{"id":"e","url":"http://h/e.png"}}}})");
  EXPECT_TRUE(HostedFileUrls(emoji_callout.as_object()).empty());  // an emoji's image is the emoji's, not a file
  json::value comment = J(R"({"object":"comment","attachments":[
    {"category":"image","file":{"url":"http://h/c.png?s=1","expiry_time":"t"}}]})");
  EXPECT_EQ(HostedFileUrls(comment.as_object()), std::vector<std::string>{"http://h/c.png?s=1"});
  json::value emoji =
      J(R"({"object":"database","icon":{"type":"custom_emoji","custom_emoji":{"url":"http://h/e.png"}}})");
  EXPECT_TRUE(HostedFileUrls(emoji.as_object()).empty());
}

TEST(PullFilesTest, KeptFilesBecomeUploadsAndTheOthersLinks) {
  std::map<std::string, PulledFile> files;
  files["http://h/a.png"] = PulledFile{true, "image/png", "abc", ""};
  files["http://h/gone.png"] = PulledFile{false, "", "", "HTTP 403"};
  FixtureFiles f(files, "11111111-1111-4111-8111-111111111111");
  json::value entry =
      f.Portable(J(R"({"name":"A","type":"file","file":{"url":"http://h/a.png?s=1","expiry_time":"t"}})"));
  const std::string id = DerivedUuid("localnotion pull: file\nhttp://h/a.png");
  EXPECT_EQ(entry, J(R"({"name":"A","type":"file","file":{"file_upload_id":")" + id +
                     R"(","filename":"a.png","content_type":"image/png"}})"));
  // The same file named again (with another signature) is the same upload.
  EXPECT_EQ(f.Portable(J(R"({"type":"file","file":{"url":"http://h/a.png?s=2"}})")).at("file").at("file_upload_id"),
            json::value(id));
  EXPECT_EQ(f.Portable(J(R"({"caption":[],"type":"file","file":{"url":"http://h/gone.png?s=1","expiry_time":"t"}})")),
            J(R"({"caption":[],"type":"external","external":{"url":"http://h/gone.png?s=1"}})"));
  EXPECT_EQ(f.Portable(J(R"({"type":"custom_emoji","custom_emoji":{"id":"x"}})")), json::value(nullptr));
  EXPECT_EQ(f.Portable(J(R"({"type":"emoji","emoji":"🥬"})")), J(R"({"type":"emoji","emoji":"🥬"})"));
  // A block's icon is downloaded as a page's is.
  EXPECT_EQ(
      f.BlockIcon(J(R"({"type":"file","file":{"url":"http://h/a.png?s=4","expiry_time":"t"}})")),
      J(R"({"type":"file","file":{"file_upload_id":")" + id + R"(","filename":"a.png","content_type":"image/png"}})"));
  EXPECT_EQ(f.BlockIcon(J(R"({"type":"file","file":{"url":"http://h/gone.png?s=4","expiry_time":"t"}})")),
            J(R"({"type":"external","external":{"url":"http://h/gone.png?s=4"}})"));
  // An upload of the remote, named by id, cannot be carried over.
  EXPECT_EQ(f.BlockIcon(J(R"({"type":"file_upload","file_upload":{"id":"u"}})")), json::value(nullptr));
  EXPECT_EQ(f.Portable(J(R"({"type":"file_upload","file_upload":{"id":"u"}})")), json::value(nullptr));

  auto kept = f.Attachment(J(R"({"category":"image","file":{"url":"http://h/a.png?s=3","expiry_time":"t"}})"));
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(*kept, J(R"({"category":"image","file":{"type":"file","file":{"file_upload_id":")" + id +
                     R"(","filename":"a.png","content_type":"image/png"}}})"));
  EXPECT_FALSE(f.Attachment(J(R"({"category":"image","file":{"url":"http://h/gone.png?s=3"}})")).has_value());
  EXPECT_FALSE(f.Attachment(J(R"({"category":"image","file":{"url":"http://h/never-named.png"}})")).has_value());

  EXPECT_EQ(f.Uploads(), J(R"([{"id":")" + id + R"(","integration_id":"11111111-1111-4111-8111-111111111111",
    "mode":"single_part","status":"uploaded","filename":"a.png","content_type":"image/png","content_length":3,
    "attached":true,"content_base64":"YWJj"}])"));
}

// Icons naming a custom emoji keep naming it when the fixture holds it: pages, databases
// and data sources in the request form (a seed fills in the name and url), blocks in the
// stored form the answer showed (blocks are seeded as written); else they become none.
TEST(PullFilesTest, CustomEmojiIconsKeepNamingTheFixturesEmojis) {
  std::map<std::string, PulledFile> files;
  FixtureFiles f(files, "11111111-1111-4111-8111-111111111111", {"e1"});
  const json::value shown =
      J(R"({"type":"custom_emoji","custom_emoji":{"id":"e1","name":"parrot","url":"http://h/p.gif"}})");
  EXPECT_EQ(f.Portable(shown), J(R"({"type":"custom_emoji","custom_emoji":{"id":"e1"}})"));
  EXPECT_EQ(f.BlockIcon(shown), shown);
  const json::value other =
      J(R"({"type":"custom_emoji","custom_emoji":{"id":"e2","name":"x","url":"http://h/x.gif"}})");
  EXPECT_EQ(f.Portable(other), json::value(nullptr));
  EXPECT_EQ(f.BlockIcon(other), json::value(nullptr));
  EXPECT_EQ(f.BlockIcon(J(R"({"type":"custom_emoji"})")), json::value(nullptr));
  EXPECT_TRUE(f.Uploads().empty());
}

}  // namespace
}  // namespace localnotion::cli
