// The admin API's custom emojis (under /_localnotion/, admin token), which
// GET /v1/custom_emojis lists (service/emojis/emojis.h):
//   POST /_localnotion/custom_emojis   {"name", "url"} -> the emoji {id, name, url}
//   POST /_localnotion/data_sources/{id}/templates   {"page_id", "is_default"?}: marks a
//        page of the data source as one of its templates (GET /v1/data_sources/{id}/templates)
#include "http/routes.h"
#include "service/emojis/emojis.h"
#include "service/pages/pages.h"

namespace localnotion::http {

const std::vector<Route>& AdminEmojiRoutes() {
  static const std::vector<Route> kRoutes = {
      {.method = "POST",
       .path = "/_localnotion/custom_emojis",
       .auth = Auth::kAdminToken,
       .admin =
           [](AdminState& st, const RouteArgs& a) {
             return st.Run(storage::TxnMode::kWrite,
                           [&](service::Context& ctx) { return service::emojis::AddCustomEmoji(ctx, *a.body); });
           }},
      // Templates of a data source (service/pages/templates.cc): {page_id, is_default}.
      {.method = "POST",
       .path = "/_localnotion/data_sources/{}/templates",
       .auth = Auth::kAdminToken,
       .admin =
           [](AdminState& st, const RouteArgs& a) {
             return st.Run(storage::TxnMode::kWrite, [&](service::Context& ctx) {
               return service::pages::MarkTemplate(ctx, a.params[0], *a.body);
             });
           }},
  };
  return kRoutes;
}

}  // namespace localnotion::http
