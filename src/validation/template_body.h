// `template` on POST /v1/pages (https://developers.notion.com/guides/data-apis/creating-pages-from-templates):
//   {"type": "none"} | {"type": "default", "timezone"?} | {"type": "template_id", "template_id": ID, "timezone"?}
// The template id may have dashes or not. Whether the template exists is the service's check.
#pragma once

#include <string>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::validation {

struct TemplateChoice {
  std::string type = "none";  // "none", "default" or "template_id"
  std::string template_id;    // dashed UUID, for "template_id"
  std::string timezone;       // IANA name, or empty (UTC)
};

Result<TemplateChoice> ReadTemplate(const json::value& v);

}  // namespace localnotion::validation
