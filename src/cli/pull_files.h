// Notion-hosted files in `localnotion pull` (docs/fixtures.md "Pulling a workspace"): the
// files a workspace's answers name as {type:"file", file:{url, expiry_time}}
// (https://developers.notion.com/reference/file-object), whose links are signed and
// expire an hour after the answer. The crawl downloads each one right after the answer
// that names it (PullFetcher::Download); ToFixture turns the kept ones into file uploads
// of the fixture, with their bytes, named from where they were used in the stored form
// {type:"file", file:{file_upload_id, filename, content_type}}, which a seed makes hosted
// files of the seeded server again.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli/pull.h"

namespace localnotion::cli {

// The identity of a Notion-hosted file: its link without the query and fragment (which
// hold the signature and expiry that change from one answer to the next).
std::string HostedFileKey(std::string_view url);

// The links of the Notion-hosted files an API object names: the icon and cover of a
// page, database or data source, the entries of a page's files values, a media block's
// file (image, video, audio, file, pdf), a block's icon (a callout's, a tab item's), a
// comment's attachments ({category, file:{url}}). In the order named, repeats included.
std::vector<std::string> HostedFileUrls(const json::object& object);

// The name a link gives its file: the last segment of its path, percent-decoded
// ("file" when there is none).
std::string FileNameOf(std::string_view url);

// A UUID derived from `seed` (the same for the same seed), for the ids the fixture needs
// and the answers do not give, so that pulling the same workspace gives the same fixture.
std::string DerivedUuid(std::string_view seed);

// The file uploads of a fixture made of the files a pull downloaded, and the icons that
// name them or the workspace's custom emojis.
class FixtureFiles {
 public:
  // `integration_id`: the fixture's integration that owns the uploads; `custom_emojis`:
  // the ids of the custom emojis the fixture holds (GET /v1/custom_emojis).
  FixtureFiles(const std::map<std::string, PulledFile>& files, std::string integration_id,
               std::set<std::string> custom_emojis = {})
      : files_(files), integration_id_(std::move(integration_id)), custom_emojis_(std::move(custom_emojis)) {}

  // A Notion-hosted file object ({type:"file", file:{url, …}, other keys}) whose bytes
  // were kept, in the stored form naming its upload (the other keys kept: a files
  // entry's `name`, a media block's `caption`); one whose bytes were not, an external
  // link to the same URL ({type:"external", external:{url}}, what the pull made of every
  // hosted file before it downloaded them). A custom emoji icon names the fixture's emoji
  // in the request form {type:"custom_emoji", custom_emoji:{id}} (a seed fills in its
  // name and url), or becomes none (`null`) when the fixture does not hold that emoji.
  // An icon naming a file upload of the remote ({type:"file_upload"}, which Notion's
  // answers never show, but a server that kept the request form might) becomes none:
  // its id means nothing in the fixture and its bytes cannot be read. Anything else is
  // unchanged.
  json::value Portable(const json::value& v);
  // A block's icon (a callout's, a tab item's) in the stored form a fixture's blocks hold:
  // as Portable, except that a custom emoji keeps the object the answer showed,
  // {type:"custom_emoji", custom_emoji:{id, name, url}} (blocks are seeded as written).
  json::value BlockIcon(const json::value& v);
  // A comment attachment ({category, file:{url, expiry_time}}) in the stored form
  // {category, file:{type:"file", file:{file_upload_id, …}}}; none when its bytes were not
  // kept (a comment attachment cannot be an external link).
  std::optional<json::value> Attachment(const json::value& attachment);
  // The fixture's file_uploads: one per file used, in the order first used.
  json::array Uploads() const { return uploads_; }

 private:
  // The stored file object {file_upload_id, filename, content_type} of the link's upload,
  // made when first used; none when the bytes were not kept.
  std::optional<json::object> Stored(const std::string& url);

  // A hosted file the pull could not download: an external link to the same URL.
  static json::value Linked(const json::value& v);
  // The id of a custom emoji icon when the fixture holds that emoji; "" otherwise.
  std::string KnownEmoji(const json::value& v) const;

  const std::map<std::string, PulledFile>& files_;
  std::string integration_id_;
  std::set<std::string> custom_emojis_;
  std::map<std::string, json::object> used_;  // by HostedFileKey
  json::array uploads_;
};

}  // namespace localnotion::cli
