// The HTTP client that delivers webhooks (service/webhooks/dispatcher.h): one POST per
// call over a fresh connection, Boost.Beast on an io_context of its own, so that it runs
// on the dispatcher's sender thread and never on the server's loop. http:// URLs only
// (a receiver on the developer's machine); an https:// URL fails every attempt with an
// error saying so (docs/webhooks.md). The whole exchange (resolve, connect, write, read)
// is bounded by the request's timeout.
#pragma once

#include "service/webhooks/dispatcher.h"

namespace localnotion::http {

class WebhookClient final : public service::webhooks::WebhookSender {
 public:
  service::webhooks::WebhookResponse Send(const service::webhooks::WebhookRequest& request) override;
};

}  // namespace localnotion::http
