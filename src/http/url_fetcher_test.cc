// UrlFetcherClient against a loopback socket that answers canned bytes: a 200 body, a
// 404, a Content-Length over the limit, a body over the limit without one, a timeout;
// and the URLs it refuses without a connection (https://, not a URL).
#include "http/url_fetcher.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>

#include <thread>

namespace localnotion::http {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using service::uploads::FetchRequest;
using service::uploads::FetchResult;

// Accepts one connection, reads the request head, writes `answer` (unless empty: then it
// holds the connection until the test ends), and closes.
class CannedServer {
 public:
  explicit CannedServer(std::string answer) : acceptor_(ioc_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    thread_ = std::thread([this, answer = std::move(answer)] {
      tcp::socket socket(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec) return;
      asio::streambuf head;
      asio::read_until(socket, head, "\r\n\r\n", ec);
      if (answer.empty()) {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return done_; });
        return;
      }
      asio::write(socket, asio::buffer(answer), ec);
      socket.shutdown(tcp::socket::shutdown_both, ec);
    });
  }
  ~CannedServer() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + path;
  }

 private:
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
};

FetchResult Fetch(const std::string& url, int64_t max_bytes = 1000, int64_t timeout_ms = 5000) {
  std::atomic<bool> cancel{false};
  return UrlFetcherClient().Fetch(FetchRequest{url, max_bytes, timeout_ms}, cancel);
}

TEST(UrlFetcher, ReadsA200Body) {
  CannedServer server("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 5\r\n\r\nhello");
  FetchResult r = Fetch(server.Url("/a.png?x=1"));
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(r.content_type, "image/png");
  EXPECT_FALSE(r.too_large);
}

TEST(UrlFetcher, KeepsTheStatusOfOtherAnswers) {
  CannedServer server("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found");
  FetchResult r = Fetch(server.Url("/gone"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "");
  // The size of an error page is not the file's.
  CannedServer big("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 5000\r\n\r\n");
  r = Fetch(big.Url("/busy"));
  EXPECT_EQ(r.status, 503);
  EXPECT_FALSE(r.too_large);
}

TEST(UrlFetcher, StopsAtTheSizeLimit) {
  CannedServer declared("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n");
  EXPECT_TRUE(Fetch(declared.Url("/big")).too_large);
  CannedServer streamed("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + std::string(1500, 'x'));
  FetchResult r = Fetch(streamed.Url("/big"));
  EXPECT_TRUE(r.too_large) << r.error;
  EXPECT_EQ(r.body, "");
}

TEST(UrlFetcher, TimesOut) {
  CannedServer silent("");
  FetchResult r = Fetch(silent.Url("/slow"), 1000, 200);
  EXPECT_FALSE(r.status);
  EXPECT_EQ(r.error, "timed out");
}

TEST(UrlFetcher, HttpsNeedsATlsServerAndReadableTrustedCertificates) {
  // A plain HTTP server behind an https:// URL (it waits for a request head that the
  // TLS hello never completes): the handshake does not finish, no status.
  CannedServer plain("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
  std::string url = plain.Url("/a");
  url.replace(0, 4, "https");
  FetchResult r = Fetch(url, 1000, 300);
  EXPECT_FALSE(r.status);
  EXPECT_FALSE(r.error.empty());
  EXPECT_TRUE(r.body.empty());

  std::atomic<bool> cancel{false};
  FetchResult unreadable =
      UrlFetcherClient("/nonexistent/ca.pem").Fetch(FetchRequest{"https://127.0.0.1:1/a", 1000, 5000}, cancel);
  EXPECT_FALSE(unreadable.status);
  EXPECT_EQ(unreadable.error.rfind("the trusted certificates could not be loaded: ", 0), 0u) << unreadable.error;
}

TEST(UrlFetcher, RefusesWhatItCannotFetch) {
  FetchResult ftp = Fetch("ftp://example.com/a.png");
  EXPECT_FALSE(ftp.status);
  EXPECT_EQ(ftp.error, "only http:// and https:// URLs can be imported");
  FetchResult bad = Fetch("not a url");
  EXPECT_EQ(bad.error, "the URL is not valid");
  FetchResult refused = Fetch("http://127.0.0.1:1/a");
  EXPECT_FALSE(refused.status);
  EXPECT_FALSE(refused.error.empty());
}

}  // namespace
}  // namespace localnotion::http
