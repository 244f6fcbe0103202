// The pipeline's Request from a request Beast parsed: what the server (server.cc) and
// the pipeline fuzz target (fuzz/pipeline_fuzz.cc) hand to Pipeline::Handle, in one
// place. Header-only, so that the fuzz build, which leaves out the server, shares it.
#pragma once

#include <boost/beast/http.hpp>

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "http/pipeline.h"

namespace localnotion::http {

// `name` with its ASCII capitals made small (header names are ASCII tokens).
inline std::string LowerName(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return lower;
}

// The lower-case name of a field Beast knows, by its enum value; "" for field::unknown.
inline std::string_view LowerFieldName(boost::beast::http::field f) {
  namespace bhttp = boost::beast::http;
  constexpr size_t kCount = static_cast<size_t>(bhttp::field::xref) + 1;  // the last field Beast knows
  static const std::array<std::string, kCount> kNames = [] {
    std::array<std::string, kCount> names;
    for (size_t i = 1; i < kCount; ++i) {
      const auto name = bhttp::to_string(static_cast<bhttp::field>(i));
      names[i] = LowerName(std::string_view(name.data(), name.size()));
    }
    return names;
  }();
  const auto i = static_cast<size_t>(f);
  return i < kCount ? std::string_view(kNames[i]) : std::string_view();
}

// Moves the body out of `msg`. One pass over the fields: each named field is the first
// of its name, as Beast's find() would give.
inline Request RequestFromBeast(boost::beast::http::request<boost::beast::http::string_body>& msg) {
  namespace bhttp = boost::beast::http;
  Request req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  bool host = false, content_type = false, accept = false;
  size_t fields = 0;
  for (auto it = msg.begin(); it != msg.end(); ++it) ++fields;
  req.headers.reserve(fields);
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
    if (const std::string_view known = LowerFieldName(name); !known.empty()) {
      req.headers.emplace_back(std::string(known), std::string(value));
      continue;
    }
    const auto unknown = field.name_string();
    req.headers.emplace_back(LowerName(std::string_view(unknown.data(), unknown.size())), std::string(value));
  }
  req.body = std::move(msg.body());
  return req;
}

}  // namespace localnotion::http
