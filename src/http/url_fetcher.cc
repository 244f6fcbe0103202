#include "http/url_fetcher.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <chrono>
#include <exception>
#include <stdexcept>

#include "http/http_target.h"

namespace localnotion::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;
using service::uploads::FetchRequest;
using service::uploads::FetchResult;

namespace {

// How often the loop looks at the cancel flag and the deadline.
constexpr auto kSlice = std::chrono::milliseconds(50);

std::optional<HttpTarget> ParseImportTarget(const std::string& url, std::string& error) {
  return ParseHttpTarget(url, error, "the URL is not valid", "only http:// and https:// URLs can be imported",
                         /*https=*/true);
}

// The request and the answer, over a connected stream (plain or TLS).
template <class Stream>
asio::awaitable<void> GetOver(Stream& stream, const HttpTarget& target, const FetchRequest& request, FetchResult& out) {
  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target.path, 11};
  req.set(bhttp::field::host, target.host_header);
  req.set(bhttp::field::user_agent, "localnotion");
  req.set(bhttp::field::accept, "*/*");
  co_await bhttp::async_write(stream, req, asio::use_awaitable);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  // No limit while the header is read (a 404 page's length is not the file's); the
  // file's own is checked once the status says that a file follows.
  parser.body_limit(boost::none);
  beast::error_code ec;
  co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) throw boost::system::system_error(ec);
  out.status = static_cast<int>(parser.get().result_int());
  out.content_type = std::string(parser.get()[bhttp::field::content_type]);
  if (*out.status < 200 || *out.status > 299) co_return;  // the body is not wanted
  if (parser.content_length() && *parser.content_length() > static_cast<uint64_t>(request.max_bytes)) {
    out.too_large = true;
    co_return;
  }
  parser.body_limit(static_cast<uint64_t>(request.max_bytes));
  co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == bhttp::error::body_limit) {
    out.too_large = true;
    co_return;
  }
  if (ec) throw boost::system::system_error(ec);
  out.body = std::move(parser.get().body());
}

asio::awaitable<void> Exchange(const HttpTarget& target, const FetchRequest& request, asio::ssl::context* tls,
                               FetchResult& out) {
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  auto endpoints = co_await resolver.async_resolve(target.host, target.port, asio::use_awaitable);
  if (!target.tls) {
    beast::tcp_stream stream(executor);
    stream.expires_after(std::chrono::milliseconds(request.timeout_ms));
    co_await stream.async_connect(endpoints, asio::use_awaitable);
    co_await GetOver(stream, target, request, out);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    co_return;
  }
  beast::ssl_stream<beast::tcp_stream> stream(executor, *tls);
  beast::get_lowest_layer(stream).expires_after(std::chrono::milliseconds(request.timeout_ms));
  co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
  // SNI for names (not for IP literals), and the certificate must name the host.
  boost::system::error_code ec;
  asio::ip::make_address(target.host, ec);
  const bool is_ip = !ec;
  if (!is_ip && !SSL_set_tlsext_host_name(stream.native_handle(), target.host.c_str())) {
    throw std::runtime_error("TLS: the server name could not be set");
  }
  stream.set_verify_mode(asio::ssl::verify_peer);
  stream.set_verify_callback(asio::ssl::host_name_verification(target.host));
  co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
  co_await GetOver(stream, target, request, out);
  // The body is complete; a TLS close_notify is not waited for.
  beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ec);
}

}  // namespace

FetchResult UrlFetcherClient::Fetch(const FetchRequest& request, const std::atomic<bool>& cancel) {
  FetchResult out;
  auto target = ParseImportTarget(request.url, out.error);
  if (!target) return out;
  asio::ssl::context tls(asio::ssl::context::tls_client);
  if (target->tls) {
    boost::system::error_code ec;
    tls.set_default_verify_paths(ec);
    if (!ec && !extra_ca_file_.empty()) tls.load_verify_file(extra_ca_file_, ec);
    if (ec) {
      out.error = "the trusted certificates could not be loaded: " + ec.message();
      return out;
    }
  }
  asio::io_context ioc;
  bool finished = false;
  asio::co_spawn(ioc, Exchange(*target, request, &tls, out), [&](std::exception_ptr e) {
    finished = true;
    if (!e) return;
    out.status.reset();
    try {
      std::rethrow_exception(e);
    } catch (const boost::system::system_error& err) {
      out.error = err.code() == beast::error::timeout ? "timed out" : err.code().message();
    } catch (const std::exception& err) {
      out.error = err.what();
    }
  });
  // The resolver is not bounded by the stream's timer: the deadline is kept here too.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(request.timeout_ms);
  while (!finished) {
    ioc.run_for(kSlice);
    if (finished) break;
    if (cancel) {
      out = FetchResult{};
      out.error = "the server is stopping";
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      out = FetchResult{};
      out.error = "timed out";
      break;
    }
  }
  if (!out.status && out.error.empty()) out.error = "no answer";
  return out;
}

}  // namespace localnotion::http
