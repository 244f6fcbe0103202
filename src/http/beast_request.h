// The pipeline's Request from a request Beast parsed: what the server (server.cc) and
// the pipeline fuzz target (fuzz/pipeline_fuzz.cc) hand to Pipeline::Handle, in one
// place. Header-only, so that the fuzz build, which leaves out the server, shares it.
#pragma once

#include <boost/beast/http.hpp>

#include <string>
#include <utility>

#include "http/pipeline.h"

namespace localnotion::http {

// Moves the body out of `msg`. One pass over the fields: each named field is the first
// of its name, as Beast's find() would give.
inline Request RequestFromBeast(boost::beast::http::request<boost::beast::http::string_body>& msg) {
  namespace bhttp = boost::beast::http;
  Request req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  bool host = false, content_type = false, accept = false;
  for (const auto& field : msg) {
    const auto name = field.name();
    const auto value = field.value();
    if (name == bhttp::field::authorization) {
      if (!req.authorization) req.authorization = std::string(value);
      continue;
    }
    if (name == bhttp::field::proxy_authorization || name == bhttp::field::cookie) continue;
    if (name == bhttp::field::host && !host) {
      req.host = std::string(value);
      host = true;
    } else if (name == bhttp::field::content_type && !content_type) {
      req.content_type = std::string(value);
      content_type = true;
    } else if (name == bhttp::field::accept && !accept) {
      req.accept = std::string(value);
      accept = true;
    } else if (name == bhttp::field::unknown && !req.notion_version &&
               boost::beast::iequals(field.name_string(), "notion-version")) {
      req.notion_version = std::string(value);
    }
    std::string lower(field.name_string());
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    req.headers.emplace_back(std::move(lower), std::string(value));
  }
  req.body = std::move(msg.body());
  return req;
}

}  // namespace localnotion::http
