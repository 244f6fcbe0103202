#include "schema/formula/functions.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numbers>

#include <fmt/format.h>
#include <re2/re2.h>

#include "schema/formula/date_time.h"

namespace localnotion::schema::formula {
namespace {

using Args = std::vector<Value>;
using Types = std::vector<TypeInfo>;
constexpr TypeMask kScalarMask = kStringMask | kNumberMask | kBooleanMask;

// ---- result types ----

template <Type T>
Result<TypeInfo> Returns(const Types&) {
  return TypeInfo{T};
}
template <Type T>
Result<TypeInfo> ListOf(const Types&) {
  return TypeInfo{Type::kList, T};
}
Result<TypeInfo> SameAsFirst(const Types& a) { return a[0]; }
Result<TypeInfo> ElementOfFirst(const Types& a) { return TypeInfo{a[0].element}; }
Result<TypeInfo> FirstListUnknownElements(const Types&) { return TypeInfo{Type::kList}; }

Result<TypeInfo> ConcatType(const Types& a) {
  bool any_string = false, any_list = false;
  Type element = Type::kNull;
  bool first_list = true;
  for (const TypeInfo& t : a) {
    if (t.type == Type::kString) any_string = true;
    if (t.type == Type::kList) {
      any_list = true;
      element = first_list || element == t.element ? t.element : Type::kNull;
      first_list = false;
    }
  }
  if (any_string && any_list) return ValidationError("expects all arguments to be strings or all to be lists");
  if (any_list) return TypeInfo{Type::kList, element};
  if (any_string) return TypeInfo{Type::kString};
  return TypeInfo{Type::kNull};
}

// `+`: numbers add; when either side is a string the other is format()ted and the two
// are concatenated ("Count: " + 3 is "Count: 3", as in Notion 2.0).
Result<TypeInfo> AddType(const Types& a) {
  Type l = a[0].type, r = a[1].type;
  if (l == Type::kString || r == Type::kString) return TypeInfo{Type::kString};
  auto numeric = [](Type t) { return t == Type::kNumber || t == Type::kNull; };
  if (numeric(l) && numeric(r)) return TypeInfo{l == Type::kNull && r == Type::kNull ? Type::kNull : Type::kNumber};
  if ((l == Type::kNull || r == Type::kNull)) return TypeInfo{Type::kNull};
  return ValidationError("mismatch");
}

// == and != compare values of one type; ordering comparisons too.
Result<TypeInfo> CompareType(const Types& a) {
  if (a[0].type != Type::kNull && a[1].type != Type::kNull && a[0].type != a[1].type) {
    return ValidationError("mismatch");
  }
  return TypeInfo{Type::kBoolean};
}

Result<TypeInfo> NumbersType(const Types& a) {
  for (const TypeInfo& t : a) {
    if (t.type == Type::kList && t.element != Type::kNull && t.element != Type::kNumber) {
      return ValidationError("expects numbers or lists of numbers");
    }
  }
  return TypeInfo{Type::kNumber};
}

// ---- helpers ----

std::vector<std::string_view> CodePoints(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    len = std::min(len, s.size() - i);
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

// JavaScript's relative index for slice(): negative counts from the end; clamped.
size_t SliceIndex(double d, size_t len) {
  if (std::isnan(d)) return 0;
  d = std::trunc(d);
  if (d < 0) return d + static_cast<double>(len) < 0 ? 0 : static_cast<size_t>(d + static_cast<double>(len));
  return d > static_cast<double>(len) ? len : static_cast<size_t>(d);
}

// JavaScript's Math.round: halves round toward +infinity.
double JsRound(double d) {
  if (!std::isfinite(d)) return d;
  double f = std::floor(d);
  return d - f >= 0.5 ? f + 1 : f;
}

// Like JavaScript's parseFloat: the longest number at the start, after whitespace.
Value ParseLeadingNumber(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  size_t start = i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return Value();
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) {
      i = j;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    }
  }
  std::string text(s.substr(start, i - start));
  return NumberOrEmpty(std::strtod(text.c_str(), nullptr));
}

// Orders values for sort(), min() and max(): by type first, then naturally.
bool Less(const Value& a, const Value& b) {
  if (a.type() != b.type()) return static_cast<int>(a.type()) < static_cast<int>(b.type());
  switch (a.type()) {
    case Type::kString: return a.string() < b.string();
    case Type::kNumber: return a.number() < b.number();
    case Type::kBoolean: return !a.boolean() && b.boolean();
    case Type::kDate: return a.date().start < b.date().start;
    default: return false;
  }
}

// Collects the numbers of number and list arguments. Returns false when some element
// is not a number.
bool CollectNumbers(const Args& a, std::vector<double>& out) {
  for (const Value& v : a) {
    if (v.type() == Type::kNumber) {
      out.push_back(v.number());
    } else if (v.type() == Type::kList) {
      for (const Value& item : v.list()) {
        if (item.type() != Type::kNumber) return false;
        out.push_back(item.number());
      }
    } else {
      return false;
    }
  }
  return true;
}

std::string AsciiCase(std::string s, bool upper) {
  for (char& c : s) {
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Runs `fn` with the regular expression `pattern` compiled by RE2, which matches in
// time linear in the subject whatever the pattern: no formula can hang the server the
// way a backtracking engine does on "(a*)*b". RE2 takes the JavaScript syntax Notion's
// formulas use except backreferences and lookaround; a pattern it refuses gives the
// empty value (docs/formulas.md).
template <class Fn>
Value WithRegex(const std::string& pattern, Fn fn) {
  RE2::Options options;
  options.set_log_errors(false);
  RE2 re(pattern, options);
  if (!re.ok()) return Value();
  return fn(re);
}

// A JavaScript replacement ("$1", "$&", "$$") as an RE2 rewrite ("\\1", "\\0", "$").
std::string Rewrite(const std::string& js) {
  std::string out;
  for (size_t i = 0; i < js.size(); ++i) {
    char c = js[i];
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '$' && i + 1 < js.size() && js[i + 1] >= '0' && js[i + 1] <= '9') {
      out += '\\';
      out += js[++i];
    } else if (c == '$' && i + 1 < js.size() && js[i + 1] == '&') {
      out += "\\0";
      ++i;
    } else if (c == '$' && i + 1 < js.size() && js[i + 1] == '$') {
      out += '$';
      ++i;
    } else {
      out += c;
    }
  }
  return out;
}

Value DateField(const Args& a, int CivilTime::*field) { return Value::Number(ToCivil(a[0].date().start).*field); }

Value ShiftDate(const Args& a, double sign) {
  auto unit = ParseDateUnit(a[2].string());
  if (!unit) return Value();
  DateValue d = a[0].date();
  double amount = sign * a[1].number();
  std::optional<Millis> start = AddToDate(d.start, amount, *unit);
  if (!start) return Value();  // outside JavaScript's Date range: an invalid date
  d.start = *start;
  if (d.end) {
    std::optional<Millis> end = AddToDate(*d.end, amount, *unit);
    if (!end) return Value();
    d.end = *end;
  }
  if (*unit >= DateUnit::kHours) d.has_time = d.has_time || d.start % kMsPerDay != 0;
  return Value::Date(d);
}

// ---- the table ----

const std::vector<FunctionDef>& Table() {
  static const std::vector<FunctionDef> kTable = {
      // Operators, also callable by name.
      {"add", 2, 2, {kScalarMask | kDateMask}, AddType,
       [](const Args& a, Millis) {
         if (a[0].type() == Type::kString || a[1].type() == Type::kString) {
           return Value::String(FormatValue(a[0]) + FormatValue(a[1]));
         }
         if (a[0].type() == Type::kNumber && a[1].type() == Type::kNumber) {
           return NumberOrEmpty(a[0].number() + a[1].number());
         }
         return Value();
       },
       true},
      {"subtract", 2, 2, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(a[0].number() - a[1].number()); }},
      {"multiply", 2, 2, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(a[0].number() * a[1].number()); }},
      {"divide", 2, 2, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(a[0].number() / a[1].number()); }},
      {"mod", 2, 2, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(std::fmod(a[0].number(), a[1].number())); }},
      {"pow", 2, 2, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(std::pow(a[0].number(), a[1].number())); }},
      {"unaryMinus", 1, 1, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(-a[0].number()); }},
      {"unaryPlus", 1, 1, {kScalarMask | kDateMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis now) { return FindFunction("toNumber")->eval(a, now); }},
      {"equal", 2, 2, {kAnyMask}, CompareType,
       [](const Args& a, Millis) { return Value::Boolean(a[0] == a[1]); }, true},
      {"unequal", 2, 2, {kAnyMask}, CompareType,
       [](const Args& a, Millis) { return Value::Boolean(!(a[0] == a[1])); }, true},
      {"larger", 2, 2, {kScalarMask | kDateMask}, CompareType,
       [](const Args& a, Millis) {
         return Value::Boolean(a[0].type() == a[1].type() && !a[0].is_null() && Less(a[1], a[0]));
       },
       true},
      {"largerEq", 2, 2, {kScalarMask | kDateMask}, CompareType,
       [](const Args& a, Millis) {
         return Value::Boolean(a[0].type() == a[1].type() && !a[0].is_null() && !Less(a[0], a[1]));
       },
       true},
      {"smaller", 2, 2, {kScalarMask | kDateMask}, CompareType,
       [](const Args& a, Millis) {
         return Value::Boolean(a[0].type() == a[1].type() && !a[0].is_null() && Less(a[0], a[1]));
       },
       true},
      {"smallerEq", 2, 2, {kScalarMask | kDateMask}, CompareType,
       [](const Args& a, Millis) {
         return Value::Boolean(a[0].type() == a[1].type() && !a[0].is_null() && !Less(a[1], a[0]));
       },
       true},

      // Text.
      {"concat", 1, -1, {kStringMask | kListMask}, ConcatType,
       [](const Args& a, Millis) {
         bool all_strings = std::all_of(a.begin(), a.end(), [](const Value& v) { return v.type() == Type::kString; });
         bool all_lists = std::all_of(a.begin(), a.end(), [](const Value& v) { return v.type() == Type::kList; });
         if (all_strings) {
           std::string out;
           for (const Value& v : a) out += v.string();
           return Value::String(std::move(out));
         }
         if (!all_lists) return Value();
         std::vector<Value> out;
         for (const Value& v : a) out.insert(out.end(), v.list().begin(), v.list().end());
         return Value::List(std::move(out));
       }},
      {"length", 1, 1, {kStringMask | kListMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) {
         if (a[0].type() == Type::kList) return Value::Number(static_cast<double>(a[0].list().size()));
         return Value::Number(static_cast<double>(CodePoints(a[0].string()).size()));
       }},
      {"contains", 2, 2, {kStringMask | kListMask, kAnyMask}, Returns<Type::kBoolean>,
       [](const Args& a, Millis) {
         if (a[0].type() == Type::kList) {
           const auto& l = a[0].list();
           return Value::Boolean(std::find(l.begin(), l.end(), a[1]) != l.end());
         }
         return Value::Boolean(a[0].string().find(FormatValue(a[1])) != std::string::npos);
       }},
      {"replace", 3, 3, {kScalarMask, kStringMask, kScalarMask}, Returns<Type::kString>,
       [](const Args& a, Millis) {
         std::string subject = FormatValue(a[0]);
         return WithRegex(a[1].string(), [&](const RE2& re) {
           RE2::Replace(&subject, re, Rewrite(FormatValue(a[2])));
           return Value::String(std::move(subject));
         });
       }},
      {"replaceAll", 3, 3, {kScalarMask, kStringMask, kScalarMask}, Returns<Type::kString>,
       [](const Args& a, Millis) {
         std::string subject = FormatValue(a[0]);
         return WithRegex(a[1].string(), [&](const RE2& re) {
           RE2::GlobalReplace(&subject, re, Rewrite(FormatValue(a[2])));
           return Value::String(std::move(subject));
         });
       }},
      {"test", 2, 2, {kScalarMask, kStringMask}, Returns<Type::kBoolean>,
       [](const Args& a, Millis) {
         std::string subject = FormatValue(a[0]);
         return WithRegex(a[1].string(), [&](const RE2& re) {
           return Value::Boolean(RE2::PartialMatch(subject, re));
         });
       }},
      {"lower", 1, 1, {kStringMask}, Returns<Type::kString>,
       [](const Args& a, Millis) { return Value::String(AsciiCase(a[0].string(), false)); }},
      {"upper", 1, 1, {kStringMask}, Returns<Type::kString>,
       [](const Args& a, Millis) { return Value::String(AsciiCase(a[0].string(), true)); }},
      {"trim", 1, 1, {kStringMask}, Returns<Type::kString>,
       [](const Args& a, Millis) {
         const std::string& s = a[0].string();
         size_t b = s.find_first_not_of(" \t\n\r");
         if (b == std::string::npos) return Value::String("");
         size_t e = s.find_last_not_of(" \t\n\r");
         return Value::String(s.substr(b, e - b + 1));
       }},
      {"repeat", 2, 2, {kStringMask, kNumberMask}, Returns<Type::kString>,
       [](const Args& a, Millis) {
         double n = std::trunc(a[1].number());
         // Bounded so that a formula cannot allocate without limit.
         if (n < 0 || n * static_cast<double>(a[0].string().size()) > 1'000'000) return Value();
         std::string out;
         for (int i = 0; i < static_cast<int>(n); ++i) out += a[0].string();
         return Value::String(std::move(out));
       }},
      {"split", 2, 2, {kStringMask}, ListOf<Type::kString>,
       [](const Args& a, Millis) {
         const std::string& s = a[0].string();
         const std::string& sep = a[1].string();
         std::vector<Value> out;
         if (sep.empty()) {
           for (std::string_view cp : CodePoints(s)) out.push_back(Value::String(std::string(cp)));
           return Value::List(std::move(out));
         }
         size_t start = 0;
         while (true) {
           size_t hit = s.find(sep, start);
           if (hit == std::string::npos) break;
           out.push_back(Value::String(s.substr(start, hit - start)));
           start = hit + sep.size();
         }
         out.push_back(Value::String(s.substr(start)));
         return Value::List(std::move(out));
       }},
      {"format", 1, 1, {kAnyMask}, Returns<Type::kString>,
       [](const Args& a, Millis) { return Value::String(FormatValue(a[0])); }, true},
      {"toNumber", 1, 1, {kScalarMask | kDateMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) {
         switch (a[0].type()) {
           case Type::kNumber: return a[0];
           case Type::kBoolean: return Value::Number(a[0].boolean() ? 1 : 0);
           case Type::kDate: return Value::Number(static_cast<double>(a[0].date().start));
           case Type::kString: return ParseLeadingNumber(a[0].string());
           default: return Value();
         }
       }},
      {"slice", 2, 3, {kStringMask | kListMask, kNumberMask}, SameAsFirst,
       [](const Args& a, Millis) {
         if (a[0].type() == Type::kList) {
           const auto& l = a[0].list();
           size_t b = SliceIndex(a[1].number(), l.size());
           size_t e = a.size() > 2 ? SliceIndex(a[2].number(), l.size()) : l.size();
           return Value::List(b < e ? std::vector<Value>(l.begin() + b, l.begin() + e) : std::vector<Value>{});
         }
         auto cps = CodePoints(a[0].string());
         size_t b = SliceIndex(a[1].number(), cps.size());
         size_t e = a.size() > 2 ? SliceIndex(a[2].number(), cps.size()) : cps.size();
         std::string out;
         for (size_t i = b; i < e; ++i) out += cps[i];
         return Value::String(std::move(out));
       }},
      {"empty", 1, 1, {kAnyMask}, Returns<Type::kBoolean>,
       [](const Args& a, Millis) { return Value::Boolean(IsEmptyValue(a[0])); }, true},

      // Numbers.
      {"round", 1, 2, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) {
         if (a.size() == 1) return NumberOrEmpty(JsRound(a[0].number()));
         double scale = std::pow(10.0, std::trunc(a[1].number()));
         return NumberOrEmpty(JsRound(a[0].number() * scale) / scale);
       }},
      {"floor", 1, 1, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(std::floor(a[0].number())); }},
      {"ceil", 1, 1, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(std::ceil(a[0].number())); }},
      {"abs", 1, 1, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(std::fabs(a[0].number())); }},
      {"sqrt", 1, 1, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(std::sqrt(a[0].number())); }},
      {"cbrt", 1, 1, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(std::cbrt(a[0].number())); }},
      {"exp", 1, 1, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(std::exp(a[0].number())); }},
      {"ln", 1, 1, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(std::log(a[0].number())); }},
      {"log10", 1, 1, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(std::log10(a[0].number())); }},
      {"log2", 1, 1, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return NumberOrEmpty(std::log2(a[0].number())); }},
      {"sign", 1, 1, {kNumberMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) {
         double d = a[0].number();
         return Value::Number(d > 0 ? 1 : d < 0 ? -1 : 0);
       }},
      {"min", 1, -1, {kNumberMask | kListMask}, NumbersType,
       [](const Args& a, Millis) {
         std::vector<double> n;
         if (!CollectNumbers(a, n) || n.empty()) return Value();
         return Value::Number(*std::min_element(n.begin(), n.end()));
       }},
      {"max", 1, -1, {kNumberMask | kListMask}, NumbersType,
       [](const Args& a, Millis) {
         std::vector<double> n;
         if (!CollectNumbers(a, n) || n.empty()) return Value();
         return Value::Number(*std::max_element(n.begin(), n.end()));
       }},
      {"sum", 1, -1, {kNumberMask | kListMask}, NumbersType,
       [](const Args& a, Millis) {
         std::vector<double> n;
         if (!CollectNumbers(a, n)) return Value();
         double total = 0;
         for (double d : n) total += d;
         return NumberOrEmpty(total);
       }},
      {"mean", 1, -1, {kNumberMask | kListMask}, NumbersType,
       [](const Args& a, Millis) {
         std::vector<double> n;
         if (!CollectNumbers(a, n) || n.empty()) return Value();
         double total = 0;
         for (double d : n) total += d;
         return NumberOrEmpty(total / static_cast<double>(n.size()));
       }},
      {"median", 1, -1, {kNumberMask | kListMask}, NumbersType,
       [](const Args& a, Millis) {
         std::vector<double> n;
         if (!CollectNumbers(a, n) || n.empty()) return Value();
         std::sort(n.begin(), n.end());
         size_t m = n.size() / 2;
         return Value::Number(n.size() % 2 ? n[m] : (n[m - 1] + n[m]) / 2);
       }},
      {"pi", 0, 0, {}, Returns<Type::kNumber>, [](const Args&, Millis) { return Value::Number(std::numbers::pi); }},
      {"e", 0, 0, {}, Returns<Type::kNumber>, [](const Args&, Millis) { return Value::Number(std::numbers::e); }},

      // Dates.
      {"now", 0, 0, {}, Returns<Type::kDate>,
       [](const Args&, Millis now) { return Value::Date(DateValue{now, std::nullopt, true}); }},
      {"today", 0, 0, {}, Returns<Type::kDate>,
       [](const Args&, Millis now) {
         Millis day = now - (((now % kMsPerDay) + kMsPerDay) % kMsPerDay);
         return Value::Date(DateValue{day, std::nullopt, false});
       }},
      {"dateAdd", 3, 3, {kDateMask, kNumberMask, kStringMask}, Returns<Type::kDate>,
       [](const Args& a, Millis) { return ShiftDate(a, 1); }},
      {"dateSubtract", 3, 3, {kDateMask, kNumberMask, kStringMask}, Returns<Type::kDate>,
       [](const Args& a, Millis) { return ShiftDate(a, -1); }},
      {"dateBetween", 3, 3, {kDateMask, kDateMask, kStringMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) {
         auto unit = ParseDateUnit(a[2].string());
         if (!unit) return Value();
         return Value::Number(DateDiff(a[0].date().start, a[1].date().start, *unit));
       }},
      {"dateRange", 2, 2, {kDateMask}, Returns<Type::kDate>,
       [](const Args& a, Millis) {
         return Value::Date(DateValue{a[0].date().start, a[1].date().start,
                                      a[0].date().has_time || a[1].date().has_time});
       }},
      {"dateStart", 1, 1, {kDateMask}, Returns<Type::kDate>,
       [](const Args& a, Millis) { return Value::Date(DateValue{a[0].date().start, std::nullopt, a[0].date().has_time}); }},
      {"start", 1, 1, {kDateMask}, Returns<Type::kDate>,
       [](const Args& a, Millis) { return Value::Date(DateValue{a[0].date().start, std::nullopt, a[0].date().has_time}); }},
      {"dateEnd", 1, 1, {kDateMask}, Returns<Type::kDate>,
       [](const Args& a, Millis) {
         const DateValue& d = a[0].date();
         return Value::Date(DateValue{d.end.value_or(d.start), std::nullopt, d.has_time});
       }},
      {"end", 1, 1, {kDateMask}, Returns<Type::kDate>,
       [](const Args& a, Millis) {
         const DateValue& d = a[0].date();
         return Value::Date(DateValue{d.end.value_or(d.start), std::nullopt, d.has_time});
       }},
      {"formatDate", 2, 2, {kDateMask, kStringMask}, Returns<Type::kString>,
       [](const Args& a, Millis) { return Value::String(FormatMoment(a[0].date().start, a[1].string())); }},
      {"parseDate", 1, 1, {kStringMask}, Returns<Type::kDate>,
       [](const Args& a, Millis) {
         auto d = ParseIsoDate(a[0].string());
         return d ? Value::Date(*d) : Value();
       }},
      {"timestamp", 1, 1, {kDateMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return Value::Number(static_cast<double>(a[0].date().start)); }},
      {"fromTimestamp", 1, 1, {kNumberMask}, Returns<Type::kDate>,
       [](const Args& a, Millis) {
         double d = a[0].number();
         // Beyond about ±270,000 years the calendar arithmetic is meaningless.
         if (std::fabs(d) > 8.64e15) return Value();
         return Value::Date(DateValue{static_cast<Millis>(std::trunc(d)), std::nullopt, true});
       }},
      {"year", 1, 1, {kDateMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return DateField(a, &CivilTime::year); }},
      {"month", 1, 1, {kDateMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return DateField(a, &CivilTime::month); }},
      {"date", 1, 1, {kDateMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return DateField(a, &CivilTime::day); }},
      {"hour", 1, 1, {kDateMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return DateField(a, &CivilTime::hour); }},
      {"minute", 1, 1, {kDateMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) { return DateField(a, &CivilTime::minute); }},
      {"day", 1, 1, {kDateMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) {
         int wd = ToCivil(a[0].date().start).weekday;  // 0 = Sunday
         return Value::Number(wd == 0 ? 7 : wd);       // Notion 2.0: 1 = Monday ... 7 = Sunday
       }},
      {"week", 1, 1, {kDateMask}, Returns<Type::kNumber>,
       [](const Args& a, Millis) {
         // The ISO week: the week (Monday to Sunday) holding this week's Thursday.
         Millis start = a[0].date().start;
         int wd = ToCivil(start).weekday;
         int iso_wd = wd == 0 ? 7 : wd;
         Millis thursday = start + (4 - iso_wd) * kMsPerDay;
         CivilTime t = ToCivil(thursday);
         CivilTime jan1{t.year, 1, 1};
         int64_t day_of_year = (thursday - FromCivil(jan1)) / kMsPerDay;
         return Value::Number(static_cast<double>(day_of_year / 7 + 1));
       }},

      // Lists.
      {"at", 2, 2, {kListMask, kNumberMask}, ElementOfFirst,
       [](const Args& a, Millis) {
         const auto& l = a[0].list();
         double i = std::trunc(a[1].number());
         if (i < 0) i += static_cast<double>(l.size());
         if (!(i >= 0 && i < static_cast<double>(l.size()))) return Value();
         return l[static_cast<size_t>(i)];
       }},
      {"first", 1, 1, {kListMask}, ElementOfFirst,
       [](const Args& a, Millis) { return a[0].list().empty() ? Value() : a[0].list().front(); }},
      {"last", 1, 1, {kListMask}, ElementOfFirst,
       [](const Args& a, Millis) { return a[0].list().empty() ? Value() : a[0].list().back(); }},
      {"join", 2, 2, {kListMask, kScalarMask}, Returns<Type::kString>,
       [](const Args& a, Millis) {
         std::string out, sep = FormatValue(a[1]);
         bool first = true;
         for (const Value& v : a[0].list()) {
           if (!first) out += sep;
           first = false;
           out += FormatValue(v);
         }
         return Value::String(std::move(out));
       }},
      {"includes", 2, 2, {kListMask, kAnyMask}, Returns<Type::kBoolean>,
       [](const Args& a, Millis) {
         const auto& l = a[0].list();
         return Value::Boolean(std::find(l.begin(), l.end(), a[1]) != l.end());
       }},
      {"sort", 1, 1, {kListMask}, SameAsFirst,
       [](const Args& a, Millis) {
         std::vector<Value> l = a[0].list();
         std::stable_sort(l.begin(), l.end(), Less);
         return Value::List(std::move(l));
       }},
      {"reverse", 1, 1, {kListMask}, SameAsFirst,
       [](const Args& a, Millis) {
         std::vector<Value> l = a[0].list();
         std::reverse(l.begin(), l.end());
         return Value::List(std::move(l));
       }},
      {"unique", 1, 1, {kListMask}, SameAsFirst,
       [](const Args& a, Millis) {
         std::vector<Value> out;
         for (const Value& v : a[0].list()) {
           if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
         }
         return Value::List(std::move(out));
       }},
      {"flat", 1, 1, {kListMask}, FirstListUnknownElements,
       [](const Args& a, Millis) {
         std::vector<Value> out;
         for (const Value& v : a[0].list()) {
           if (v.type() == Type::kList) {
             out.insert(out.end(), v.list().begin(), v.list().end());
           } else {
             out.push_back(v);
           }
         }
         return Value::List(std::move(out));
       }},
  };
  return kTable;
}

}  // namespace

std::string Describe(TypeMask mask) {
  static const std::pair<Type, std::string_view> kNames[] = {
      {Type::kString, "a string"}, {Type::kNumber, "a number"}, {Type::kBoolean, "a boolean"},
      {Type::kDate, "a date"},     {Type::kList, "a list"},
  };
  std::vector<std::string_view> names;
  for (const auto& [type, name] : kNames) {
    if (mask & Mask(type)) names.push_back(name);
  }
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

const FunctionDef* FindFunction(std::string_view name) {
  for (const FunctionDef& f : Table()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const FunctionDef* FindOperator(std::string_view op, bool unary) {
  static const std::pair<std::string_view, std::string_view> kBinary[] = {
      {"+", "add"},      {"-", "subtract"}, {"*", "multiply"},  {"/", "divide"},   {"%", "mod"},
      {"^", "pow"},      {"==", "equal"},   {"!=", "unequal"},  {">", "larger"},   {">=", "largerEq"},
      {"<", "smaller"},  {"<=", "smallerEq"},
  };
  if (unary) {
    if (op == "-") return FindFunction("unaryMinus");
    if (op == "+") return FindFunction("unaryPlus");
    return nullptr;
  }
  for (const auto& [symbol, name] : kBinary) {
    if (symbol == op) return FindFunction(name);
  }
  return nullptr;
}

Value NumberOrEmpty(double d) { return std::isfinite(d) ? Value::Number(d == 0 ? 0.0 : d) : Value(); }

bool IsEmptyValue(const Value& value) {
  switch (value.type()) {
    case Type::kNull: return true;
    case Type::kString: return value.string().empty();
    case Type::kNumber: return value.number() == 0;
    case Type::kList: return value.list().empty();
    default: return false;
  }
}

}  // namespace localnotion::schema::formula
