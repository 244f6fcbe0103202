// The server on a real socket (127.0.0.1, a free port), spoken to byte for byte: the
// bounds of http/connection.h that the pipeline tests cannot see. The server runs on a
// thread of its own and stops on SIGTERM, as in production (Server::Run).
#include "http/server.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <string>
#include <thread>

#include "testing/temp_dir.h"

namespace localnotion::http {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

class ServerTest : public ::testing::Test {
 protected:
  void Start(int client_timeout_ms = 30000) {
    dir_.emplace("ln_server_");
    auto opened = storage::OpenStore("sqlite:" + dir_->File("ln.db"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    ServerOptions options;
    options.port = 0;
    options.client_timeout_ms = client_timeout_ms;
    options.workers = 2;
    server_ = std::make_unique<Server>(*store_, state_, options);
    ASSERT_TRUE(server_->Listen().ok());
    thread_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    if (thread_.joinable()) {
      // Run() returns on SIGTERM; the signal set catches it before the default action.
      ::kill(::getpid(), SIGTERM);
      thread_.join();
    }
    server_.reset();
    store_.reset();
  }

  // Writes `request` (after `pause` for each part but the first) and returns everything
  // the server sends until it closes the connection.
  std::string Exchange(const std::vector<std::string>& parts,
                       std::chrono::milliseconds pause = std::chrono::milliseconds(0)) {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) std::this_thread::sleep_for(pause);
      asio::write(socket, asio::buffer(parts[i]));
    }
    std::string received;
    boost::system::error_code ec;
    asio::read(socket, asio::dynamic_buffer(received), ec);
    EXPECT_EQ(ec, asio::error::eof) << ec.message();  // closed cleanly, not reset
    return received;
  }

  static std::string StatusLine(const std::string& answer) { return answer.substr(0, answer.find("\r\n")); }
  static std::string Body(const std::string& answer) { return answer.substr(answer.find("\r\n\r\n") + 4); }

  service::ServiceState state_;
  std::optional<testing::TempDir> dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

TEST_F(ServerTest, HeadAnswersHaveNoBodySoTheNextAnswerFollowsTheHeader) {
  Start();
  std::string got =
      Exchange({"HEAD /v1/users/me HTTP/1.1\r\nHost: x\r\n\r\n"
                "GET /v1/nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"});
  const size_t first_end = got.find("\r\n\r\n");
  ASSERT_NE(first_end, std::string::npos);
  EXPECT_EQ(StatusLine(got), "HTTP/1.1 400 Bad Request");
  EXPECT_NE(got.substr(0, first_end).find("Content-Length: 1"), std::string::npos) << got;
  // The second answer starts right after the first header.
  EXPECT_EQ(got.substr(first_end + 4, 12), "HTTP/1.1 400") << got;
}

TEST_F(ServerTest, HeaderBlockOver16KiBIs431EvenInShortFields) {
  Start();
  std::string request = "GET /v1/users/me HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 400; ++i) request += "X-H" + std::to_string(i) + ": " + std::string(40, 'b') + "\r\n";
  std::string got = Exchange({request + "\r\n"});
  EXPECT_EQ(StatusLine(got), "HTTP/1.1 431 Request Header Fields Too Large");
  EXPECT_NE(Body(got).find(R"("status":431,"code":"invalid_request")"), std::string::npos) << got;
}

TEST_F(ServerTest, ARequestNotReceivedInFullWithinTheTimeoutIs408) {
  Start(/*client_timeout_ms=*/300);
  auto started = std::chrono::steady_clock::now();
  std::string got = Exchange({"GET /v1/users/me HTTP/1.1\r\nHost: x\r\n"});
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(250));
  EXPECT_EQ(StatusLine(got), "HTTP/1.1 408 Request Timeout");
  EXPECT_NE(Body(got).find(R"("message":"Request timed out before it was received in full.")"), std::string::npos)
      << got;
}

// The connection's timer (connection_io.h) is armed for each read and write; it starts
// an asio wait only now and then, and waits again when it goes off before a deadline that
// moved on. Each request of a keep-alive connection has the whole timeout, counted from
// the answer before it: here four requests over more than twice the timeout.
TEST_F(ServerTest, EachRequestOfAKeepAliveConnectionHasTheWholeTimeout) {
  Start(/*client_timeout_ms=*/400);
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
  boost::beast::flat_buffer buffer;
  auto answered = std::chrono::steady_clock::now();
  for (int i = 0; i < 4; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(250));
    asio::write(socket, asio::buffer(std::string("GET /v1/nowhere HTTP/1.1\r\nHost: x\r\n\r\n")));
    boost::beast::http::response<boost::beast::http::string_body> res;
    boost::beast::http::read(socket, buffer, res);
    answered = std::chrono::steady_clock::now();
    EXPECT_EQ(res.result_int(), 400) << i;
    EXPECT_NE(res.body().find("invalid_request_url"), std::string::npos) << res.body();
  }
  // A request begun and never finished: 408 once the timeout has passed since the last
  // answer, then the server closes.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  asio::write(socket, asio::buffer(std::string("GET /v1/nowhere HTTP/1.1\r\n")));
  std::string rest;
  boost::system::error_code ec;
  asio::read(socket, asio::dynamic_buffer(rest), ec);
  EXPECT_EQ(ec, asio::error::eof) << ec.message();
  EXPECT_GE(std::chrono::steady_clock::now() - answered, std::chrono::milliseconds(350));
  EXPECT_EQ(StatusLine(rest), "HTTP/1.1 408 Request Timeout");
}

// A body that came with its header is parsed from what was read; one still on the way is
// read to its end, whether its length was given or it is chunked. The JSON is checked
// before the token: a 401 shows that the body was read whole.
TEST_F(ServerTest, ABodyIsReadWholeWhetherItCameWithTheHeaderOrAfterIt) {
  Start();
  const std::string head = "POST /v1/search HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nobody\r\n";
  const std::string body = R"({"query":"a long enough query","page_size":5})";
  const std::string sized = head + "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
  const std::string chunked = head + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  std::vector<std::vector<std::string>> cases = {
      {sized + body},
      {sized + body.substr(0, 10), body.substr(10)},
      {sized, body},
      {chunked + "a\r\n" + body.substr(0, 10) + "\r\n", "23\r\n" + body.substr(10) + "\r\n0\r\n\r\n"},
  };
  for (const auto& parts : cases) {
    std::string got = Exchange(parts, std::chrono::milliseconds(100));
    EXPECT_EQ(StatusLine(got), "HTTP/1.1 401 Unauthorized") << parts[0];
    EXPECT_NE(Body(got).find(R"("code":"unauthorized")"), std::string::npos) << got;
  }
}

// After a refusal the server reads and drops what still comes for at most 2 s, then
// closes: a deadline sooner than the client timeout's, which replaces the wait already
// started for that. The client keeps sending after the answer until a write fails.
TEST_F(ServerTest, TheDrainAfterARefusalEndsAfterTwoSecondsUnderALongerClientTimeout) {
  Start(/*client_timeout_ms=*/30000);
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
  asio::write(socket,
              asio::buffer(std::string("PATCH /v1/pages/x HTTP/1.1\r\nHost: x\r\nContent-Length: 614400\r\n\r\n")));
  std::string got;
  boost::system::error_code ec;
  asio::read(socket, asio::dynamic_buffer(got), ec);  // the answer, then the server's shutdown of its side
  EXPECT_EQ(ec, asio::error::eof) << ec.message();
  EXPECT_EQ(StatusLine(got), "HTTP/1.1 413 Payload Too Large");
  const auto answered = std::chrono::steady_clock::now();
  const std::string chunk(1024, 'z');
  while (std::chrono::steady_clock::now() - answered < std::chrono::seconds(10)) {
    asio::write(socket, asio::buffer(chunk), ec);
    if (ec) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto took = std::chrono::steady_clock::now() - answered;
  EXPECT_TRUE(ec == asio::error::connection_reset || ec == asio::error::broken_pipe) << ec.message();
  EXPECT_GE(took, std::chrono::milliseconds(1800));
  EXPECT_LT(took, std::chrono::seconds(6));
}

TEST_F(ServerTest, ABodyOverTheLimitIsAnswered413WithoutResettingTheClient) {
  Start();
  const std::string body(600 * 1024, 'z');
  std::string got = Exchange(
      {"PATCH /v1/pages/x HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n", body});
  EXPECT_EQ(StatusLine(got), "HTTP/1.1 413 Payload Too Large");
  EXPECT_NE(Body(got).find("Request body too large. The maximum size is 500KB."), std::string::npos) << got;
}

TEST_F(ServerTest, ExpectContinueGets100BeforeTheBodyOrTheRefusalAtOnce) {
  Start();
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
  asio::write(socket, asio::buffer(std::string("POST /v1/search HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                                               "Authorization: Bearer t\r\nExpect: 100-continue\r\n"
                                               "Connection: close\r\n\r\n")));
  std::string got;
  asio::read_until(socket, asio::dynamic_buffer(got), "\r\n\r\n");
  EXPECT_EQ(got, "HTTP/1.1 100 Continue\r\n\r\n");
  asio::write(socket, asio::buffer(std::string("{}")));
  boost::system::error_code ec;
  asio::read(socket, asio::dynamic_buffer(got), ec);
  // The token is looked up once the body is read: unknown.
  EXPECT_EQ(StatusLine(got.substr(25)), "HTTP/1.1 401 Unauthorized") << got;

  // A route that does not exist is refused at once, without waiting for the body.
  got = Exchange({"POST /v1/nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n"});
  EXPECT_EQ(StatusLine(got), "HTTP/1.1 400 Bad Request");
  EXPECT_NE(Body(got).find("invalid_request_url"), std::string::npos) << got;
}

}  // namespace
}  // namespace localnotion::http
