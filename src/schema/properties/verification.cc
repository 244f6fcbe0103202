// verification: the state of a page in a wiki data source
// (https://developers.notion.com/reference/page-property-values#verification). Writable
// since 2026-03-25 (https://developers.notion.com/page/changelog): `{"state":"verified",
// "date"?: {start, end?}}` or `{"state":"unverified"}`. `verified_by` is the acting
// integration's bot user, and a verification without a date starts now. The response is
// `{state, verified_by, date}`; the state is `expired` once the date's end has passed.
// Stored: null (unverified) or {"state":"verified","verified_by":id,"date":{start,end}}.
#include "api/messages.h"
#include "schema/formula/date_time.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

constexpr Millis kDayMs = 86'400'000;

// True when the verification's end (a date: the whole day) is before `now`.
bool Expired(const json::value* date, Millis now) {
  const json::value* end = date != nullptr && date->is_object() ? Find(date->get_object(), "end") : nullptr;
  if (end == nullptr || !end->is_string()) return false;
  auto parsed = formula::ParseIsoDate(end->get_string());
  if (!parsed) return false;
  return (parsed->has_time ? parsed->start : parsed->start + kDayMs) <= now;
}

class Verification : public PropertyType {
 public:
  std::string_view name() const override { return "verification"; }
  FilterFamily filter_family() const override { return FilterFamily::kVerification; }

  Result<json::value> Write(std::string_view path, const json::value& value, const PropertyDef& def,
                            PropertyDef*) const override {
    if (!value.is_object()) return api::FailedValidation(path, "an object", &value);
    const json::object& o = value.get_object();
    const json::value* state = Find(o, "state");
    if (state == nullptr) return api::NotDefined(api::Field(path, "state"));
    const bool verified = state->is_string() && state->get_string() == "verified";
    if (!verified && !(state->is_string() && state->get_string() == "unverified")) {
      return api::FailedValidation(api::Field(path, "state"), "`\"verified\"` or `\"unverified\"`", state);
    }
    for (const auto& kv : o) {
      if (kv.key() != "state" && !(verified && kv.key() == "date")) {
        return api::NotPresent(api::Field(path, kv.key()), kv.value());
      }
    }
    if (!verified) return json::value(nullptr);
    json::value date = nullptr;
    if (const json::value* d = Find(o, "date")) {
      if (d->is_null()) return api::FailedValidation(api::Field(path, "date"), "an object", d);
      LN_ASSIGN_OR_RETURN(date, DateType().Write(api::Field(path, "date"), *d, def, nullptr));
    }
    return json::value(json::object{{"state", "verified"}, {"date", std::move(date)}});
  }

  void Stamp(json::value& stored, std::string_view user_id, Millis now) const override {
    if (!stored.is_object()) return;
    json::object& o = stored.as_object();
    o["verified_by"] = user_id;
    json::value* date = o.if_contains("date");
    if (date == nullptr || date->is_null()) {
      o["date"] = json::object{{"start", formula::FormatIsoDate(now, /*has_time=*/true)}, {"end", nullptr}};
    }
  }

  json::value FromRendered(const json::value& rendered, std::string* author) const override {
    if (!rendered.is_object()) return rendered;
    const json::object& o = rendered.get_object();
    const json::value* state = Find(o, "state");
    if (state == nullptr || !state->is_string() || state->get_string() == "unverified") {
      return json::object{{"state", "unverified"}};
    }
    const json::value* by = Find(o, "verified_by");
    const json::value* id = by != nullptr && by->is_object() ? Find(by->get_object(), "id") : nullptr;
    if (author != nullptr && id != nullptr && id->is_string()) *author = std::string(id->get_string());
    json::object out{{"state", "verified"}};
    if (const json::value* date = Find(o, "date"); date != nullptr && date->is_object()) {
      json::object d;
      for (std::string_view key : {"start", "end"}) {
        if (const json::value* v = Find(date->get_object(), key)) d[key] = *v;
      }
      out["date"] = std::move(d);
    }
    return out;
  }

  void Render(const json::value* stored, const PropertyDef& def, const RenderContext& ctx,
              json::object& out) const override {
    const json::object* o = stored != nullptr && stored->is_object() ? &stored->get_object() : nullptr;
    if (o == nullptr) {
      out["verification"] = json::object{{"state", "unverified"}, {"verified_by", nullptr}, {"date", nullptr}};
      return;
    }
    const json::value* date = Find(*o, "date");
    const json::value* by = Find(*o, "verified_by");
    json::value user = nullptr;
    if (by != nullptr && by->is_string()) {
      std::string id(by->get_string());
      user = ctx.user ? ctx.user(id) : json::value(json::object{{"object", "user"}, {"id", id}});
    }
    json::object shown;
    DateType().Render(date, def, ctx, shown);
    out["verification"] = json::object{{"state", Expired(date, NowMillis()) ? "expired" : "verified"},
                                       {"verified_by", std::move(user)},
                                       {"date", std::move(shown["date"])}};
  }
};

}  // namespace

const PropertyType& VerificationType() {
  static const Verification t;
  return t;
}

}  // namespace localnotion::schema
