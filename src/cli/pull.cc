// The crawl of `localnotion pull` (pull.h), in a fixed order so that a resumed run asks
// the same questions: the integration's bot, the users and the workspace's custom emojis
// (whose ids icons name); POST /v1/search for every page and data source the token sees;
// each data source with its database and a query of its rows; then, page by page (pages
// found in blocks join the end), the block tree (children of children, meeting notes'
// tabs included, not into sub-pages, which are pages of their own, nor into synced block
// references, whose children are the original's); then the comments of
// every page and block. A 403 or 404 (a capability the integration lacks, something
// shared away meanwhile) leaves that part out. The Notion-hosted files an answer names
// are downloaded right after it, while their links are fresh (pull_download.cc).
#include <fmt/format.h>

#include <filesystem>
#include <functional>
#include <set>

#include "cli/pull.h"
#include "cli/pull_files.h"
#include "cli/pull_meeting_notes.h"
#include "common/json_fields.h"

namespace localnotion::cli {
namespace {

bool Skippable(int status) { return status == 403 || status == 404; }

Error Refused(const std::string& what, const ApiAnswer& a) {
  std::string message;
  if (a.body.is_object()) message = StringAt(a.body.get_object(), "message");
  return MakeError(ErrorCode::kBadGateway, fmt::format("{} answered {}: {}", what, a.status, message));
}

// Every result of a paginated list: GET `path` with start_cursor (and page_size 100) in
// the query, or POST `path` with them in the body. A 403/404 gives an empty list when
// `optional`. `each` sees every result as soon as its answer arrives.
Result<std::vector<json::object>> ListAll(PullFetcher& f, const std::string& path, bool post, bool optional,
                                          const std::function<void(const json::object&)>& each,
                                          json::object body = {}) {
  std::vector<json::object> out;
  std::string cursor;
  while (true) {
    if (post) {
      body["page_size"] = 100;
      if (!cursor.empty()) body["start_cursor"] = cursor;
    }
    std::string sep = path.find('?') == std::string::npos ? "?" : "&";
    Result<ApiAnswer> a = post
                              ? f.Post(path, json::value(body))
                              : f.Get(path + sep + "page_size=100" + (cursor.empty() ? "" : "&start_cursor=" + cursor));
    if (!a.ok()) return std::move(a).error();
    if (a->status != 200) {
      if (optional && Skippable(a->status)) return out;
      return Refused(path, *a);
    }
    const json::object& page = a->body.get_object();
    const json::value* results = Find(page, "results");
    if (results && results->is_array()) {
      for (const auto& r : results->get_array()) {
        if (!r.is_object()) continue;
        each(r.get_object());
        out.push_back(r.get_object());
      }
    }
    const json::value* more = Find(page, "has_more");
    cursor = StringAt(page, "next_cursor");
    if (!more || !more->is_bool() || !more->get_bool() || cursor.empty()) return out;
  }
}

class Crawler {
 public:
  explicit Crawler(PullFetcher& f) : f_(f) {}

  Result<PulledWorkspace> Run() {
    LN_ASSIGN_OR_RETURN(ApiAnswer me, f_.Get("/v1/users/me"));
    if (me.status != 200) return Refused("/v1/users/me", me);
    out_.me = me.body.get_object();
    LN_ASSIGN_OR_RETURN(out_.users, ListAll(f_, "/v1/users", false, true, files_));
    // Notion added the endpoint on 2026-03-25 (https://developers.notion.com/reference/list-custom-emojis);
    // a 403 or 404 leaves the emojis out, and icons naming them become none.
    LN_ASSIGN_OR_RETURN(out_.custom_emojis, ListAll(f_, "/v1/custom_emojis", false, true, files_));
    f_.seen["custom emojis"] = out_.custom_emojis.size();
    LN_ASSIGN_OR_RETURN(auto found, ListAll(f_, "/v1/search", true, false, files_));
    for (auto& o : found) {
      if (StringAt(o, "object") == "data_source") LN_RETURN_IF_ERROR(AddDataSource(StringAt(o, "id")));
    }
    for (auto& o : found) {
      if (StringAt(o, "object") == "page") AddPage(std::move(o));
    }
    for (size_t i = 0; i < out_.pages.size(); ++i) {
      LN_RETURN_IF_ERROR(Blocks(StringAt(out_.pages[i], "id")));
    }
    // A child_page block has its page's id: its comments are the page's, asked once.
    std::vector<std::string> parents;
    std::set<std::string> asked;
    for (const auto& p : out_.pages) {
      if (asked.insert(StringAt(p, "id")).second) parents.push_back(StringAt(p, "id"));
    }
    for (const auto& b : out_.blocks) {
      if (asked.insert(StringAt(b, "id")).second) parents.push_back(StringAt(b, "id"));
    }
    for (const std::string& id : parents) {
      LN_ASSIGN_OR_RETURN(auto comments, ListAll(f_, "/v1/comments?block_id=" + id, false, true, files_));
      for (auto& c : comments) out_.comments.push_back(std::move(c));
      f_.seen["comments"] = out_.comments.size();
    }
    return std::move(out_);
  }

 private:
  void AddPage(json::object page) {
    if (!page_ids_.insert(StringAt(page, "id")).second) return;
    out_.pages.push_back(std::move(page));
    f_.seen["pages"] = out_.pages.size();
  }

  Status AddDatabase(const std::string& id) {
    if (!database_ids_.insert(id).second) return OkStatus();
    LN_ASSIGN_OR_RETURN(ApiAnswer db, f_.Get("/v1/databases/" + id));
    if (Skippable(db.status)) return OkStatus();
    if (db.status != 200) return Refused("/v1/databases/" + id, db);
    Files(db.body.get_object());
    out_.databases.push_back(db.body.get_object());
    f_.seen["databases"] = out_.databases.size();
    const json::value* sources = Find(db.body.get_object(), "data_sources");
    if (sources && sources->is_array()) {
      for (const auto& s : sources->get_array()) {
        if (s.is_object()) LN_RETURN_IF_ERROR(AddDataSource(StringAt(s.get_object(), "id")));
      }
    }
    return OkStatus();
  }

  Status AddDataSource(const std::string& id) {
    if (id.empty() || !source_ids_.insert(id).second) return OkStatus();
    LN_ASSIGN_OR_RETURN(ApiAnswer ds, f_.Get("/v1/data_sources/" + id));
    if (Skippable(ds.status)) return OkStatus();
    if (ds.status != 200) return Refused("/v1/data_sources/" + id, ds);
    Files(ds.body.get_object());
    out_.data_sources.push_back(ds.body.get_object());
    const json::value* parent = Find(ds.body.get_object(), "parent");
    if (parent && parent->is_object()) LN_RETURN_IF_ERROR(AddDatabase(StringAt(parent->get_object(), "database_id")));
    LN_ASSIGN_OR_RETURN(auto rows, ListAll(f_, "/v1/data_sources/" + id + "/query", true, true, files_));
    for (auto& row : rows) {
      if (StringAt(row, "object") == "page") AddPage(std::move(row));
    }
    return OkStatus();
  }

  // The block tree under `id`, depth first; sub-pages and databases found join the crawl.
  Status Blocks(const std::string& id) {
    LN_ASSIGN_OR_RETURN(auto children, ListAll(f_, "/v1/blocks/" + id + "/children", false, true, files_));
    for (auto& b : children) {
      const std::string type = StringAt(b, "type");
      const std::string child = StringAt(b, "id");
      const json::value* has = Find(b, "has_children");
      bool descend = has && has->is_bool() && has->get_bool();
      if (type == "synced_block") {
        const json::value* content = Find(b, "synced_block");
        const json::value* from =
            content && content->is_object() ? Find(content->get_object(), "synced_from") : nullptr;
        if (from && !from->is_null()) descend = false;
      }
      if (PulledMeetingNotes::Is(b)) ++f_.seen["meeting notes"];
      out_.blocks.push_back(std::move(b));
      f_.seen["blocks"] = out_.blocks.size();
      if (type == "child_page") {
        if (!page_ids_.count(child)) {
          LN_ASSIGN_OR_RETURN(ApiAnswer page, f_.Get("/v1/pages/" + child));
          if (page.status == 200) {
            Files(page.body.get_object());
            AddPage(page.body.get_object());
          }
        }
      } else if (type == "child_database") {
        LN_RETURN_IF_ERROR(AddDatabase(child));
      } else if (descend) {
        LN_RETURN_IF_ERROR(Blocks(child));
      }
    }
    return OkStatus();
  }

  // Downloads the Notion-hosted files `o` names that no earlier answer named.
  void Files(const json::object& o) {
    for (const std::string& url : HostedFileUrls(o)) {
      const std::string key = HostedFileKey(url);
      if (!out_.files.count(key)) out_.files.emplace(key, f_.Download(url));
    }
  }

  PullFetcher& f_;
  PulledWorkspace out_;
  const std::function<void(const json::object&)> files_ = [this](const json::object& o) { Files(o); };
  std::set<std::string> page_ids_, database_ids_, source_ids_;
};

}  // namespace

Result<PulledWorkspace> Crawl(PullFetcher& fetcher) { return Crawler(fetcher).Run(); }

int RunPull(const PullOptions& options) {
  PullFetcher fetcher(options);
  if (Status opened = fetcher.Open(); !opened.ok()) {
    std::fprintf(stderr, "localnotion pull: %s\n", opened.error().message.c_str());
    return 1;
  }
  Result<PulledWorkspace> pulled = Crawl(fetcher);
  if (!pulled.ok()) {
    fetcher.Finish(false);
    std::fprintf(stderr, "localnotion pull: %s (run again to resume)\n", pulled.error().message.c_str());
    return 1;
  }
  const std::string text = SerializeJson(ToFixture(*pulled, options.token));
  const std::string tmp = options.out + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text << '\n';
    if (!out.flush()) {
      fetcher.Finish(false);
      std::fprintf(stderr, "localnotion pull: cannot write %s\n", tmp.c_str());
      return 1;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, options.out, ec);
  if (ec) {
    fetcher.Finish(false);
    std::fprintf(stderr, "localnotion pull: cannot write %s: %s\n", options.out.c_str(), ec.message().c_str());
    return 1;
  }
  fetcher.Finish(true);
  // Files whose bytes could not be read stay links to Notion (external files) that expire
  // as Notion's do; a comment attachment among them is left out.
  const std::vector<std::string>& failed = fetcher.FileFailures();
  if (!failed.empty()) {
    std::fprintf(stderr, "localnotion pull: %zu %s\n", failed.size(),
                 failed.size() == 1 ? "file could not be downloaded and stays a link:"
                                    : "files could not be downloaded and stay links:");
    for (const std::string& f : failed) std::fprintf(stderr, "  %s\n", f.c_str());
  }
  std::fprintf(stderr, "localnotion pull: wrote %s\n", options.out.c_str());
  return 0;
}

}  // namespace localnotion::cli
