#include "schema/formula/value.h"

#include "common/json.h"
#include "schema/formula/date_time.h"

namespace localnotion::schema::formula {

std::string_view TypeName(Type type) {
  switch (type) {
    case Type::kString: return "string";
    case Type::kNumber: return "number";
    case Type::kBoolean: return "boolean";
    case Type::kDate: return "date";
    case Type::kList: return "list";
    case Type::kNull: return "empty";
  }
  return "empty";
}

Value Value::String(std::string s) {
  Value v;
  v.v_ = std::move(s);
  return v;
}

Value Value::Number(double d) {
  Value v;
  v.v_ = d;
  return v;
}

Value Value::Boolean(bool b) {
  Value v;
  v.v_ = b;
  return v;
}

Value Value::Date(DateValue d) {
  Value v;
  v.v_ = d;
  return v;
}

Value Value::List(std::vector<Value> items) {
  Value v;
  v.v_ = std::make_shared<const std::vector<Value>>(std::move(items));
  return v;
}

Type Value::type() const {
  switch (v_.index()) {
    case 1: return Type::kString;
    case 2: return Type::kNumber;
    case 3: return Type::kBoolean;
    case 4: return Type::kDate;
    case 5: return Type::kList;
    default: return Type::kNull;
  }
}

bool Value::operator==(const Value& other) const {
  if (v_.index() != other.v_.index()) return false;
  if (type() == Type::kList) return list() == other.list();
  return v_ == other.v_;
}

std::string FormatValue(const Value& value) {
  switch (value.type()) {
    case Type::kString:
      return value.string();
    case Type::kNumber: {
      std::string out;
      AppendJsNumber(value.number(), out);
      return out;
    }
    case Type::kBoolean:
      return value.boolean() ? "true" : "false";
    case Type::kDate: {
      const DateValue& d = value.date();
      std::string_view pattern = d.has_time ? "MMMM D, YYYY h:mm A" : "MMMM D, YYYY";
      std::string out = FormatMoment(d.start, pattern);
      if (d.end) out += " → " + FormatMoment(*d.end, pattern);
      return out;
    }
    case Type::kList: {
      std::string out;
      bool first = true;
      for (const Value& item : value.list()) {
        if (!first) out += ", ";
        first = false;
        out += FormatValue(item);
      }
      return out;
    }
    case Type::kNull:
      return "";
  }
  return "";
}

}  // namespace localnotion::schema::formula
