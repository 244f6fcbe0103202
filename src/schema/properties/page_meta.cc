// created_time, last_edited_time, created_by and last_edited_by: read-only views of the
// page's own metadata. Times are shown rounded to the minute, as in the page object.
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

enum class Meta { kCreatedTime, kLastEditedTime, kCreatedBy, kLastEditedBy };

class PageMeta : public PropertyType {
 public:
  PageMeta(std::string_view name, Meta meta) : name_(name), meta_(meta) {}
  std::string_view name() const override { return name_; }
  bool writable() const override { return false; }
  FilterFamily filter_family() const override {
    return meta_ == Meta::kCreatedTime || meta_ == Meta::kLastEditedTime ? FilterFamily::kDate : FilterFamily::kPeople;
  }
  // The times also take the `date` filter key, the users the `people` key.
  std::string_view also_filtered_as() const override {
    return meta_ == Meta::kCreatedTime || meta_ == Meta::kLastEditedTime ? "date" : "people";
  }
  PageField page_field() const override {
    switch (meta_) {
      case Meta::kCreatedTime: return PageField::kCreatedTime;
      case Meta::kLastEditedTime: return PageField::kLastEditedTime;
      case Meta::kCreatedBy: return PageField::kCreatedBy;
      case Meta::kLastEditedBy: return PageField::kLastEditedBy;
    }
    return PageField::kNone;
  }
  SortBy sort_by() const override {
    return meta_ == Meta::kCreatedTime || meta_ == Meta::kLastEditedTime ? SortBy::kDate : SortBy::kUserName;
  }
  void Render(const json::value*, const PropertyDef&, const RenderContext& ctx, json::object& out) const override {
    switch (meta_) {
      case Meta::kCreatedTime: out[name_] = FormatIso8601Minute(ctx.created_time); break;
      case Meta::kLastEditedTime: out[name_] = FormatIso8601Minute(ctx.last_edited_time); break;
      case Meta::kCreatedBy: out[name_] = User(ctx, ctx.created_by); break;
      case Meta::kLastEditedBy: out[name_] = User(ctx, ctx.last_edited_by); break;
    }
  }
  bool writes_rendered() const override { return true; }
  void WriteRendered(const json::value*, const PropertyDef&, const RenderContext& ctx, JsonWriter& w) const override {
    switch (meta_) {
      case Meta::kCreatedTime: w.String(Iso8601MinuteOf(ctx.created_time).view()); break;
      case Meta::kLastEditedTime: w.String(Iso8601MinuteOf(ctx.last_edited_time).view()); break;
      case Meta::kCreatedBy: WriteRenderedUser(ctx, ctx.created_by, w); break;
      case Meta::kLastEditedBy: WriteRenderedUser(ctx, ctx.last_edited_by, w); break;
    }
  }

 private:
  static json::value User(const RenderContext& ctx, const std::string& id) {
    return ctx.user ? ctx.user(id) : json::value(json::object{{"object", "user"}, {"id", id}});
  }
  std::string_view name_;
  Meta meta_;
};

}  // namespace

const PropertyType& CreatedTimeType() {
  static const PageMeta t("created_time", Meta::kCreatedTime);
  return t;
}
const PropertyType& LastEditedTimeType() {
  static const PageMeta t("last_edited_time", Meta::kLastEditedTime);
  return t;
}
const PropertyType& CreatedByType() {
  static const PageMeta t("created_by", Meta::kCreatedBy);
  return t;
}
const PropertyType& LastEditedByType() {
  static const PageMeta t("last_edited_by", Meta::kLastEditedBy);
  return t;
}

}  // namespace localnotion::schema
