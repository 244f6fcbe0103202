#include "http/admin_integrations.h"

#include <vector>

#include "api/messages.h"
#include "http/error_response.h"

namespace localnotion::http {
namespace {

std::string PercentDecode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::vector<std::string> Segments(std::string_view route) {
  std::vector<std::string> out;
  while (!route.empty()) {
    size_t slash = route.find('/');
    out.push_back(PercentDecode(route.substr(0, slash)));
    if (slash == std::string_view::npos) break;
    route.remove_prefix(slash + 1);
  }
  return out;
}

// A string field of the body, or a validation error naming it.
Result<std::string> StringField(const json::value& body, std::string_view key, bool required) {
  const json::value* v = body.is_object() ? Find(body.get_object(), key) : nullptr;
  if (v == nullptr) {
    if (required) return api::NotDefined(api::Field("body", key));
    return std::string();
  }
  if (!v->is_string()) return api::FailedValidation(api::Field("body", key), "a string", v);
  return std::string(v->get_string());
}

Response Answer(const Result<json::value>& r, const std::string& request_id) {
  if (!r.ok()) return Response{WireOf(r.error().code).status, ErrorBody(r.error(), request_id), request_id, 0, {}};
  return Response{200, SerializeJson(*r), request_id, 0, {}};
}

}  // namespace

std::optional<Response> HandleIntegrationsAdmin(storage::Store& store, service::ServiceState& state, std::string_view m,
                                                std::string_view route,
                                                const json::value& body, const std::string& request_id) {
  std::vector<std::string> seg = Segments(route);
  if (seg.empty() || seg[0] != "integrations") return std::nullopt;
  // Each admin call is one write transaction (some only read; they are rare).
  auto run = [&](auto&& fn) {
    return Answer(service::RunInTxn(store, state, storage::TxnMode::kWrite, fn), request_id);
  };

  if (seg.size() == 1 && m == "POST") {
    return run([&](service::Service& service) -> Result<json::value> {
      LN_ASSIGN_OR_RETURN(std::string name, StringField(body, "name", true));
      LN_ASSIGN_OR_RETURN(std::string caps, StringField(body, "capabilities", false));
      if (caps.empty()) caps = "read,update,insert,comments,users:email";
      LN_ASSIGN_OR_RETURN(auto created, service.CreateIntegration(name, caps));
      LN_ASSIGN_OR_RETURN(json::value out, service.DescribeIntegration(created.integration));
      out.as_object()["token"] = created.token;
      return out;
    });
  }
  if (seg.size() == 1 && m == "GET") return run([&](service::Service& service) { return service.ListIntegrations(); });
  if (seg.size() == 2 && m == "GET") {
    return run([&](service::Service& service) -> Result<json::value> {
      LN_ASSIGN_OR_RETURN(auto integration, service.FindIntegration(seg[1]));
      return service.DescribeIntegration(integration);
    });
  }
  if (seg.size() == 2 && m == "PATCH") {
    return run([&](service::Service& service) -> Result<json::value> {
      LN_ASSIGN_OR_RETURN(std::string caps, StringField(body, "capabilities", true));
      LN_ASSIGN_OR_RETURN(auto integration, service.SetCapabilities(seg[1], caps));
      return service.DescribeIntegration(integration);
    });
  }
  if (seg.size() == 2 && m == "DELETE") {
    return run([&](service::Service& service) -> Result<json::value> {
      LN_ASSIGN_OR_RETURN(auto integration, service.FindIntegration(seg[1]));
      LN_RETURN_IF_ERROR(service.DeleteIntegration(integration.id));
      return json::value(json::object{{"object", "integration"}, {"id", integration.id}, {"deleted", true}});
    });
  }
  if (seg.size() == 3 && seg[2] == "shares" && m == "POST") {
    return run([&](service::Service& service) -> Result<json::value> {
      LN_ASSIGN_OR_RETURN(std::string object_id, StringField(body, "object_id", true));
      LN_RETURN_IF_ERROR(service.Share(seg[1], object_id));
      LN_ASSIGN_OR_RETURN(auto integration, service.FindIntegration(seg[1]));
      return service.DescribeIntegration(integration);
    });
  }
  if (seg.size() == 4 && seg[2] == "shares" && m == "DELETE") {
    return run([&](service::Service& service) -> Result<json::value> {
      LN_RETURN_IF_ERROR(service.Unshare(seg[1], seg[3]));
      LN_ASSIGN_OR_RETURN(auto integration, service.FindIntegration(seg[1]));
      return service.DescribeIntegration(integration);
    });
  }
  return std::nullopt;
}

}  // namespace localnotion::http
