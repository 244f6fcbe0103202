// The pipeline's Request from a request Beast parsed: what the server (server.cc) and
// the pipeline fuzz target (fuzz/pipeline_fuzz.cc) hand to Pipeline::Handle, in one
// place. Header-only, so that the fuzz build, which leaves out the server, shares it.
#pragma once

#include <boost/beast/http.hpp>

#include <string>
#include <utility>

#include "http/pipeline.h"

namespace localnotion::http {

// Moves the body out of `msg`.
inline Request RequestFromBeast(boost::beast::http::request<boost::beast::http::string_body>& msg) {
  namespace bhttp = boost::beast::http;
  Request req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  if (auto it = msg.find(bhttp::field::authorization); it != msg.end()) req.authorization = std::string(it->value());
  if (auto it = msg.find("notion-version"); it != msg.end()) req.notion_version = std::string(it->value());
  if (auto it = msg.find(bhttp::field::host); it != msg.end()) req.host = std::string(it->value());
  if (auto it = msg.find(bhttp::field::content_type); it != msg.end()) req.content_type = std::string(it->value());
  if (auto it = msg.find(bhttp::field::accept); it != msg.end()) req.accept = std::string(it->value());
  for (const auto& field : msg) {
    const auto name = field.name();
    if (name == bhttp::field::authorization || name == bhttp::field::proxy_authorization ||
        name == bhttp::field::cookie)
      continue;
    std::string lower(field.name_string());
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    req.headers.emplace_back(std::move(lower), std::string(field.value()));
  }
  req.body = std::move(msg.body());
  return req;
}

}  // namespace localnotion::http
