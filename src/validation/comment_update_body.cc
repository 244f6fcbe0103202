#include "validation/comment_update_body.h"

#include "api/markdown/parse.h"
#include "api/messages.h"
#include "api/rich_text.h"

namespace localnotion::validation {

Result<CommentUpdateBody> ReadCommentUpdateBody(const json::value& body) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  const json::object& o = body.get_object();
  for (const auto& kv : o) {
    if (kv.key() != "rich_text" && kv.key() != "markdown")
      return api::NotPresent(api::Field("body", kv.key()), kv.value());
  }
  const json::value* rich_text = Find(o, "rich_text");
  const json::value* markdown = Find(o, "markdown");
  if (rich_text && markdown) {
    return api::FixOne({api::ShouldBe("body.rich_text", "not present", rich_text),
                        api::ShouldBe("body.markdown", "not present", markdown)});
  }
  if (!rich_text && !markdown) {
    return api::FixOne(
        {api::ShouldBe("body.rich_text", "defined", nullptr), api::ShouldBe("body.markdown", "defined", nullptr)});
  }
  CommentUpdateBody out;
  if (rich_text) {
    LN_ASSIGN_OR_RETURN(out.rich_text, api::NormalizeRichText("body.rich_text", *rich_text));
  } else {
    if (!markdown->is_string()) return api::FailedValidation("body.markdown", "a string", markdown);
    out.markdown = std::string(markdown->get_string());
    LN_ASSIGN_OR_RETURN(
        out.rich_text, api::NormalizeRichText("body.markdown", json::value(api::markdown::ParseInline(*out.markdown))));
  }
  return out;
}

}  // namespace localnotion::validation
