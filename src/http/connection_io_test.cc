// AnswerHeaderBytes writes an answer's header exactly as Beast's serializer does for the
// message WriteAnswer made before it wrote the header itself (connection_io.h).
#include "http/connection_io.h"

#include <gtest/gtest.h>

#include <boost/beast/http.hpp>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

namespace localnotion::http {
namespace {

namespace bhttp = boost::beast::http;

// The header of `msg` as Beast's serializer writes it (operator<< runs the serializer).
std::string BeastHeader(const bhttp::response<bhttp::string_body>& msg) {
  std::ostringstream out;
  out << msg;
  const std::string all = out.str();
  return all.substr(0, all.find("\r\n\r\n") + 4);
}

// The header WriteAnswer sent when it made a Beast message first: AnswerHeaders(res) set
// in order, keep_alive(), the Keep-Alive timeout, prepare_payload().
std::string BeastAnswerHeader(const Response& res, unsigned version, bool keep_alive,
                              std::chrono::milliseconds timeout) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
  for (const auto& [name, value] : AnswerHeaders(res)) out.set(name, value);
  out.keep_alive(keep_alive);
  if (keep_alive) out.set(bhttp::field::keep_alive, "timeout=" + std::to_string((timeout.count() + 999) / 1000));
  out.body() = res.body;
  out.prepare_payload();
  return BeastHeader(out);
}

TEST(AnswerHeaderBytesTest, IsTheHeaderOfTheBeastMessageOfTheAnswer) {
  std::vector<Response> answers;
  Response json;
  json.request_id = "0f3c8a52-1d1c-4f0e-9a51-3b9f1d2c7e11";
  json.body = R"({"object":"page"})";
  answers.push_back(json);
  Response limited = json;
  limited.retry_after = 7;
  answers.push_back(limited);
  Response redirect = json;
  redirect.location = "http://127.0.0.1:8787/oauth/callback?code=a b";
  redirect.body.clear();
  answers.push_back(redirect);
  Response asset = json;
  asset.content_type = " text/html; charset=utf-8\t";  // Beast trims a value's spaces and tabs
  asset.cache_control = "public, max-age=31536000, immutable ";
  asset.body = std::string(70000, 'x');
  answers.push_back(asset);
  Response empty_id;
  empty_id.body = "{}";
  answers.push_back(empty_id);
  for (const Response& base : answers) {
    for (int status : {200, 201, 302, 400, 401, 403, 404, 409, 413, 429, 500, 502, 503, 504, 599}) {
      for (unsigned version : {10u, 11u}) {
        for (bool keep_alive : {true, false}) {
          for (auto timeout : {std::chrono::milliseconds(30000), std::chrono::milliseconds(1500)}) {
            Response res = base;
            res.status = status;
            EXPECT_EQ(AnswerHeaderBytes(res, version, keep_alive, timeout),
                      BeastAnswerHeader(res, version, keep_alive, timeout))
                << status << " " << version << " " << keep_alive << " " << timeout.count();
          }
        }
      }
    }
  }
  Response no_content = json;
  no_content.status = 204;
  no_content.body.clear();
  EXPECT_EQ(AnswerHeaderBytes(no_content, 11, true, std::chrono::milliseconds(5000)),
            BeastAnswerHeader(no_content, 11, true, std::chrono::milliseconds(5000)));
  EXPECT_EQ(AnswerHeaderBytes(json, 11, true, std::chrono::milliseconds(5000)),
            "HTTP/1.1 200 OK\r\n"
            "content-type: application/json; charset=utf-8\r\n"
            "x-notion-request-id: 0f3c8a52-1d1c-4f0e-9a51-3b9f1d2c7e11\r\n"
            "Keep-Alive: timeout=5\r\n"
            "Content-Length: 17\r\n"
            "\r\n");
  limited.status = 429;
  const std::string closing = AnswerHeaderBytes(limited, 11, false, std::chrono::milliseconds(5000));
  EXPECT_EQ(closing.rfind("HTTP/1.1 429 Too Many Requests\r\n", 0), 0u) << closing;
  EXPECT_NE(closing.find("retry-after: 7\r\nConnection: close\r\nContent-Length: 17\r\n\r\n"), std::string::npos)
      << closing;
  EXPECT_NE(AnswerHeaderBytes(json, 10, true, std::chrono::milliseconds(5000))
                .find("Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n"),
            std::string::npos);
}

}  // namespace
}  // namespace localnotion::http
