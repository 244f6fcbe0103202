// The admin API's custom emojis (under /_localnotion/, admin token), which
// GET /v1/custom_emojis lists (service/emojis/emojis.h):
//   POST /_localnotion/custom_emojis   {"name", "url"} -> the emoji {id, name, url}
#include "http/routes.h"
#include "service/emojis/emojis.h"

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
  };
  return kRoutes;
}

}  // namespace localnotion::http
