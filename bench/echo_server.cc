// Bare Boost.Beast HTTP/1.1 echo server: the benchmark baseline.
//
// It answers every request with a small JSON echo of the request body, on one
// thread, with the same I/O setup localnotion uses (C++20 coroutines, keep-alive,
// TCP_NODELAY, a 16 KB read buffer per connection). It measures how fast Beast
// can answer a small JSON PATCH on one core, with no routing, no JSON parsing
// and no storage. bench/run.sh compares localnotion against it.
//
//   echo_server [--host ADDR] [--port N] [--answer-bytes N]      (defaults 127.0.0.1, 8788, 0)
//
// Prints "echo_server listening on http://HOST:PORT" when ready; stops on
// SIGINT/SIGTERM.

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// Completion token that reports errors as values instead of exceptions, so a
// client closing its connection does not cost a throw.
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

constexpr std::size_t kReadBufferBytes = 16 * 1024;

// --answer-bytes: the size each answer is padded to (0: none), so that the echo can answer
// as much as localnotion's page object (about 1.5 KB) with one copy of the padding.
std::size_t g_answer_bytes = 0;

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xf]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

// {"object":"echo","method":"PATCH","target":"/v1/pages/x","body":<body>}, with a
// member "pad" of x's that makes it g_answer_bytes long when it is shorter.
// A body that looks like a JSON object or array is embedded as is (it is not
// validated: this is a transport baseline, not a JSON one); anything else is
// embedded as a JSON string.
std::string make_echo(const http::request<http::string_body>& req) {
  const std::string& body = req.body();
  std::string out;
  out.reserve(body.size() + req.target().size() + 64);
  out += R"({"object":"echo","method":)";
  append_json_string(out, req.method_string());
  out += R"(,"target":)";
  append_json_string(out, req.target());
  out += R"(,"body":)";
  std::size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    out += "null";
  } else if (body[first] == '{' || body[first] == '[') {
    out += body;
  } else {
    append_json_string(out, body);
  }
  constexpr std::string_view kPad = R"(,"pad":")";
  if (out.size() + kPad.size() + 2 < g_answer_bytes) {
    out += kPad;
    out.append(g_answer_bytes - out.size() - 2, 'x');
    out += '"';
  }
  out += '}';
  return out;
}

asio::awaitable<void> session(tcp::socket socket) {
  beast::error_code ec;
  socket.set_option(tcp::no_delay(true), ec);

  beast::flat_buffer buffer;
  buffer.reserve(kReadBufferBytes);

  for (;;) {
    http::request<http::string_body> req;
    auto [read_ec, read_n] = co_await http::async_read(socket, buffer, req, kNoThrow);
    (void)read_n;
    if (read_ec) break;  // end_of_stream, reset, or a parse error: just close.

    http::response<http::string_body> res{http::status::ok, req.version()};
    res.set(http::field::content_type, "application/json");
    res.keep_alive(req.keep_alive());
    res.body() = make_echo(req);
    res.prepare_payload();

    auto [write_ec, write_n] = co_await http::async_write(socket, res, kNoThrow);
    (void)write_n;
    if (write_ec || !res.keep_alive()) break;
  }
  socket.shutdown(tcp::socket::shutdown_send, ec);
  socket.close(ec);
}

asio::awaitable<void> listen(tcp::acceptor& acceptor) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(kNoThrow);
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      continue;  // e.g. EMFILE: keep serving the connections we have.
    }
    asio::co_spawn(acceptor.get_executor(), session(std::move(socket)), asio::detached);
  }
}

[[noreturn]] void usage(int code) {
  std::fprintf(code ? stderr : stdout,
               "usage: echo_server [--host ADDR] [--port N] [--answer-bytes N]\n"
               "  --host ADDR         address to listen on (default 127.0.0.1)\n"
               "  --port N            TCP port (default 8788)\n"
               "  --answer-bytes N    pad each answer to N bytes (default 0: no padding)\n");
  std::exit(code);
}

}  // namespace

int main(int argc, char** argv) {
  std::string host = "127.0.0.1";
  unsigned port = 8788;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) usage(2);
      return argv[++i];
    };
    if (a == "--port") {
      char* end = nullptr;
      const char* v = value();
      unsigned long p = std::strtoul(v, &end, 10);
      if (*v == '\0' || *end != '\0' || p > 65535) usage(2);
      port = static_cast<unsigned>(p);
    } else if (a.rfind("--port=", 0) == 0) {
      port = static_cast<unsigned>(std::strtoul(argv[i] + 7, nullptr, 10));
    } else if (a == "--answer-bytes") {
      char* end = nullptr;
      const char* v = value();
      g_answer_bytes = std::strtoul(v, &end, 10);
      if (*v == '\0' || *end != '\0' || g_answer_bytes > (1u << 20)) usage(2);
    } else if (a == "--host") {
      host = value();
    } else if (a == "-h" || a == "--help") {
      usage(0);
    } else {
      std::fprintf(stderr, "echo_server: unknown argument '%s'\n", argv[i]);
      usage(2);
    }
  }

  try {
    asio::io_context ioc{1};  // one thread: concurrency hint 1 skips locking.
    tcp::endpoint endpoint{asio::ip::make_address(host), static_cast<unsigned short>(port)};
    tcp::acceptor acceptor{ioc};
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);

    asio::signal_set signals{ioc, SIGINT, SIGTERM};
    signals.async_wait([&](const beast::error_code&, int) { ioc.stop(); });

    asio::co_spawn(ioc, listen(acceptor), asio::detached);

    std::printf("echo_server listening on http://%s:%u\n", host.c_str(),
                static_cast<unsigned>(acceptor.local_endpoint().port()));
    std::fflush(stdout);
    ioc.run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "echo_server: %s\n", e.what());
    return 1;
  }
  return 0;
}
