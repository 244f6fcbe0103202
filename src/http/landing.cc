// GET / for a browser, and GET /_localnotion/ready (routes.h, OpenRoutes).
//
// The landing page says what the server is, its base URL, where the token comes from
// and where the documentation is. It never shows a token: the page needs no
// authentication, and a token belongs to whoever started the server (docs/compat.md).
// The Host header is shown only HTML-escaped.
#include <string>
#include <string_view>

#include "http/html.h"
#include "http/routes.h"

namespace localnotion::http {

Response LandingPage(const OpenArgs& args) {
  const std::string base = EscapeHtml("http://" + std::string(args.host.empty() ? "127.0.0.1" : args.host));
  std::string html = R"(<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>localnotion</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
code,pre{background:#f4f4f4;padding:.1rem .3rem;border-radius:3px}pre{padding:.8rem;overflow:auto}</style>
</head>
<body>
<h1>localnotion</h1>
<p>This is <strong>localnotion</strong> )" +
                     EscapeHtml(args.info.version) +
                     R"(: the Notion public REST API on your own machine. The official
<code>@notionhq/client</code> SDK, and any other Notion client, run against it unchanged.</p>
<h2>Base URL</h2>
<pre>)" + base + R"(</pre>
<p>The API lives under <code>)" +
                     base + R"(/v1/</code>, as Notion's does under <code>https://api.notion.com/v1/</code>.</p>
<h2>Token</h2>
<p>The server printed its integration token (and the admin token) when it started, on the lines
<code>localnotion token: …</code> and <code>localnotion admin token: …</code>. Pass your own with
<code>--token</code> (or <code>LOCALNOTION_TOKEN</code>), or create another integration with
<code>localnotion integration create --name NAME</code>. This page never shows a token.</p>
<pre>import { Client } from "@notionhq/client";
const notion = new Client({ auth: process.env.NOTION_API_KEY, baseUrl: ")" +
                     base + R"(" });</pre>
<h2>Documentation</h2>
<ul>
<li>The README and <code>docs/</code> of localnotion: <code>docs/compat.md</code> (choices where Notion is
silent), <code>docs/fixtures.md</code> (seeding and export), <code>docs/security.md</code></li>
<li><a href="https://developers.notion.com/reference/intro">Notion's API reference</a></li>
<li><a href="https://github.com/makenotion/notion-sdk-js">The official JavaScript SDK</a></li>
<li><a href="/metrics">/metrics</a> (Prometheus) and <a href="/_localnotion/ready">/_localnotion/ready</a></li>
</ul>
</body>
</html>
)";
  Response res{200, std::move(html), args.request_id};
  res.content_type = "text/html; charset=utf-8";
  return res;
}

Response ReadyAnswer(const OpenArgs& args) { return Response{200, R"({"status":"ok"})", args.request_id}; }

}  // namespace localnotion::http
