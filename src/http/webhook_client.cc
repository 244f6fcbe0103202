#include "http/webhook_client.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <exception>

#include "http/http_target.h"

namespace localnotion::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;
using service::webhooks::WebhookRequest;
using service::webhooks::WebhookResponse;

namespace {

// A receiver's answer is read up to this size; the body is not kept.
constexpr uint64_t kMaxResponseBytes = 1024 * 1024;

std::optional<HttpTarget> ParseWebhookTarget(const std::string& url, std::string& error) {
  return ParseHttpTarget(url, error, "invalid URL",
                         "only http:// URLs are delivered to (localnotion does not speak TLS)");
}

asio::awaitable<void> Exchange(const HttpTarget& target, const WebhookRequest& request, WebhookResponse& out) {
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  beast::tcp_stream stream(executor);
  stream.expires_after(std::chrono::milliseconds(request.timeout_ms));
  auto endpoints = co_await resolver.async_resolve(target.host, target.port, asio::use_awaitable);
  co_await stream.async_connect(endpoints, asio::use_awaitable);
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, target.path, 11};
  req.set(bhttp::field::host, target.host + ":" + target.port);
  for (const auto& [name, value] : request.headers) req.set(name, value);
  req.body() = request.body;
  req.prepare_payload();
  co_await bhttp::async_write(stream, req, asio::use_awaitable);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(kMaxResponseBytes);
  co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
  out.status = static_cast<int>(parser.get().result_int());
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

}  // namespace

WebhookResponse WebhookClient::Send(const WebhookRequest& request) {
  WebhookResponse out;
  auto target = ParseWebhookTarget(request.url, out.error);
  if (!target) return out;
  asio::io_context ioc;
  asio::co_spawn(ioc, Exchange(*target, request, out), [&](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const boost::system::system_error& err) {
      out.error = err.code() == beast::error::timeout ? "timed out" : err.code().message();
    } catch (const std::exception& err) {
      out.error = err.what();
    }
  });
  ioc.run();
  if (!out.status && out.error.empty()) out.error = "no answer";
  return out;
}

}  // namespace localnotion::http
