#include "cli/pull_http.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <chrono>
#include <exception>
#include <stdexcept>

#include "http/http_target.h"

namespace localnotion::cli {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;

namespace {

// The Notion-Version every request of the pull sends: the version whose shapes the
// fixture format is written in (data sources, `in_trash`).
constexpr const char* kNotionVersion = "2025-09-03";

template <class Stream>
asio::awaitable<void> SendOver(Stream& stream, const http::HttpTarget& target, const PullRequest& request,
                               PullResponse& out) {
  bhttp::request<bhttp::string_body> req{request.method == "POST" ? bhttp::verb::post : bhttp::verb::get, target.path,
                                         11};
  req.set(bhttp::field::host, target.host_header);
  req.set(bhttp::field::user_agent, "localnotion-pull");
  // A file download sends no token: Notion's file links are signed URLs of another host
  // (Amazon S3 refuses a request that carries a second authorization).
  if (request.token.empty()) {
    req.set(bhttp::field::accept, "*/*");
  } else {
    req.set(bhttp::field::accept, "application/json");
    req.set(bhttp::field::authorization, "Bearer " + request.token);
    req.set("Notion-Version", kNotionVersion);
  }
  if (request.json_body) {
    req.set(bhttp::field::content_type, "application/json");
    req.body() = *request.json_body;
  }
  req.prepare_payload();
  co_await bhttp::async_write(stream, req, asio::use_awaitable);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(boost::none);
  co_await bhttp::async_read_header(stream, buffer, parser, asio::use_awaitable);
  // The limit is for what is kept (a 2xx body); an error's body is read whole, so that
  // its status is what the caller sees.
  const unsigned status = parser.get().result_int();
  if (request.body_limit && status >= 200 && status < 300) {
    if (parser.content_length() && *parser.content_length() > *request.body_limit) {
      out.too_large = true;
      throw std::runtime_error("the body is over the size limit");
    }
    parser.body_limit(*request.body_limit);
  }
  co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
  out.status = static_cast<int>(parser.get().result_int());
  out.retry_after = std::string(parser.get()[bhttp::field::retry_after]);
  out.content_type = std::string(parser.get()[bhttp::field::content_type]);
  out.location = std::string(parser.get()[bhttp::field::location]);
  out.body = std::move(parser.get().body());
}

asio::awaitable<void> Exchange(const http::HttpTarget& target, const PullRequest& request, asio::ssl::context& tls,
                               PullResponse& out) {
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  auto endpoints = co_await resolver.async_resolve(target.host, target.port, asio::use_awaitable);
  if (!target.tls) {
    beast::tcp_stream stream(executor);
    stream.expires_after(std::chrono::milliseconds(request.timeout_ms));
    co_await stream.async_connect(endpoints, asio::use_awaitable);
    co_await SendOver(stream, target, request, out);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    co_return;
  }
  beast::ssl_stream<beast::tcp_stream> stream(executor, tls);
  beast::get_lowest_layer(stream).expires_after(std::chrono::milliseconds(request.timeout_ms));
  co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
  SSL* ssl = stream.native_handle();
  boost::system::error_code ec;
  asio::ip::make_address(target.host, ec);
  // OpenSSL checks the name itself (RFC 6125: the certificate's subjectAltName DNS
  // names, or its IP addresses for a URL with an IP address), so that a mismatch is
  // reported as one ("hostname mismatch", "IP address mismatch") through the verify
  // result below, not as an anonymous refusal of a callback.
  bool named = ec ? SSL_set_tlsext_host_name(ssl, target.host.c_str()) && SSL_set1_host(ssl, target.host.c_str())
                  : X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), target.host.c_str());
  if (!named) throw std::runtime_error("TLS: the server name could not be set");
  stream.set_verify_mode(asio::ssl::verify_peer);
  try {
    co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
  } catch (const boost::system::system_error&) {
    long verified = SSL_get_verify_result(ssl);
    if (verified == X509_V_OK) throw;
    out.permanent = true;
    throw std::runtime_error(std::string("TLS: the certificate of ") + target.host +
                             " was not accepted: " + X509_verify_cert_error_string(verified) +
                             " (trusted authorities: the system's, or the file in SSL_CERT_FILE)");
  }
  co_await SendOver(stream, target, request, out);
  beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ec);
}

}  // namespace

PullResponse SendPullRequest(const PullRequest& request) {
  PullResponse out;
  auto target = http::ParseHttpTarget(request.url, out.error, "the URL is not valid",
                                      "only http:// and https:// URLs can be pulled from", /*https=*/true);
  if (!target) return out;
  asio::ssl::context tls(asio::ssl::context::tls_client);
  if (target->tls) {
    boost::system::error_code ec;
    tls.set_default_verify_paths(ec);
    if (ec) {
      out.error = "the trusted certificates could not be loaded: " + ec.message();
      return out;
    }
  }
  asio::io_context ioc;
  asio::co_spawn(ioc, Exchange(*target, request, tls, out), [&](std::exception_ptr e) {
    if (!e) return;
    out.status.reset();
    try {
      std::rethrow_exception(e);
    } catch (const boost::system::system_error& err) {
      out.too_large = out.too_large || err.code() == bhttp::error::body_limit;
      out.error = err.code() == beast::error::timeout ? "timed out"
                  : out.too_large                     ? "the body is over the size limit"
                                                      : err.code().message();
    } catch (const std::exception& err) {
      out.error = err.what();
    }
  });
  // The resolver is not bounded by the stream's timer: the deadline is kept here too.
  ioc.run_for(std::chrono::milliseconds(request.timeout_ms + 1000));
  if (!out.status && out.error.empty()) out.error = "timed out";
  return out;
}

}  // namespace localnotion::cli
