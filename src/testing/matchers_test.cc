// IsOk and ErrorIs on Result<T> and Status: what they accept, what they refuse, and
// the text a refusal explains itself with (the actual code and message).
#include "testing/matchers.h"

#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <string>

#include "testing/json.h"

namespace localnotion::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Result<int> Value() { return 7; }
Result<int> Refused() { return ValidationError("body failed validation: body.x should be defined."); }
Status Fine() { return OkStatus(); }
Status Missing() { return MakeError(ErrorCode::kObjectNotFound, "Could not find page."); }

// Whether `matcher` matches `value`, and the explanation gMock gives for the outcome.
template <class M, class V>
std::pair<bool, std::string> Explain(const M& matcher, const V& value) {
  ::testing::StringMatchResultListener listener;
  const bool matched = ::testing::ExplainMatchResult(matcher, value, &listener);
  return {matched, listener.str()};
}

// The description of a matcher (what "Expected:" shows).
template <class T, class M>
std::string Describe(const M& matcher) {
  return ::testing::DescribeMatcher<T>(matcher);
}

TEST(IsOk, AcceptsAValueAndAnOkStatus) {
  EXPECT_THAT(Value(), IsOk());
  EXPECT_THAT(Fine(), IsOk());
  EXPECT_THAT(Result<std::string>("x"), IsOk());
}

TEST(IsOk, RefusesAnErrorAndNamesItsCodeAndMessage) {
  EXPECT_THAT(Refused(), Not(IsOk()));
  EXPECT_THAT(Missing(), Not(IsOk()));
  EXPECT_EQ(Explain(IsOk(), Refused()),
            std::make_pair(false, std::string(R"(which is an error with code kValidationError and message )"
                                              R"("body failed validation: body.x should be defined.")")));
  EXPECT_EQ(Explain(IsOk(), Missing()),
            std::make_pair(false, std::string(R"(which is an error with code kObjectNotFound and message "Could not find page.")")));
  EXPECT_EQ(Describe<Status>(IsOk()), "is OK");
  EXPECT_EQ(Describe<Status>(Not(IsOk())), "is an error");
}

TEST(ErrorIs, AcceptsTheExactCodeAndMessage) {
  EXPECT_THAT(Refused(), ErrorIs(ErrorCode::kValidationError, "body failed validation: body.x should be defined."));
  EXPECT_THAT(Missing(), ErrorIs(ErrorCode::kObjectNotFound, std::string("Could not find page.")));
  EXPECT_THAT(Missing(), ErrorIs(ErrorCode::kObjectNotFound, std::string_view("Could not find page.")));
  EXPECT_THAT(Missing(), ErrorIs(ErrorCode::kObjectNotFound, HasSubstr("find")));
  EXPECT_THAT(Refused(), ErrorIs(ErrorCode::kValidationError));
  EXPECT_THAT(Missing(), ErrorIs(ErrorCode::kObjectNotFound));
}

TEST(ErrorIs, RefusesSuccess) {
  EXPECT_THAT(Value(), Not(ErrorIs(ErrorCode::kValidationError)));
  EXPECT_THAT(Fine(), Not(ErrorIs(ErrorCode::kObjectNotFound, "Could not find page.")));
  EXPECT_EQ(Explain(ErrorIs(ErrorCode::kValidationError), Value()), std::make_pair(false, std::string("which is OK")));
  EXPECT_EQ(Explain(ErrorIs(ErrorCode::kObjectNotFound, "x"), Fine()), std::make_pair(false, std::string("which is OK")));
}

TEST(ErrorIs, RefusesAnotherCode) {
  EXPECT_THAT(Missing(), Not(ErrorIs(ErrorCode::kValidationError)));
  EXPECT_THAT(Missing(), Not(ErrorIs(ErrorCode::kValidationError, "Could not find page.")));
  EXPECT_EQ(Explain(ErrorIs(ErrorCode::kValidationError, "Could not find page."), Missing()),
            std::make_pair(false, std::string(R"(which is an error with code kObjectNotFound and message )"
                                              R"("Could not find page.", whose code differs)")));
}

TEST(ErrorIs, RefusesAnotherMessageExactly) {
  // A prefix, a longer text, or a different case is not the message.
  EXPECT_THAT(Missing(), Not(ErrorIs(ErrorCode::kObjectNotFound, "Could not find page")));
  EXPECT_THAT(Missing(), Not(ErrorIs(ErrorCode::kObjectNotFound, "Could not find page. ")));
  EXPECT_THAT(Missing(), Not(ErrorIs(ErrorCode::kObjectNotFound, "could not find page.")));
  EXPECT_THAT(Missing(), Not(ErrorIs(ErrorCode::kObjectNotFound, "")));
  EXPECT_EQ(Explain(ErrorIs(ErrorCode::kObjectNotFound, "Could not find database."), Missing()),
            std::make_pair(false, std::string(R"(which is an error with code kObjectNotFound and message )"
                                              R"("Could not find page.", whose message differs)")));
  EXPECT_EQ(Explain(ErrorIs(ErrorCode::kValidationError, "Could not find database."), Missing()),
            std::make_pair(false, std::string(R"(which is an error with code kObjectNotFound and message )"
                                              R"("Could not find page.", whose code differs and message differs)")));
}

TEST(ErrorIs, DescribesTheExpectedCodeAndMessage) {
  EXPECT_EQ(Describe<Status>(ErrorIs(ErrorCode::kValidationError, "bad")),
            R"(is an error with code kValidationError and a message that is equal to "bad")");
  EXPECT_EQ(Describe<Result<int>>(ErrorIs(ErrorCode::kGatewayTimeout)), "is an error with code kGatewayTimeout");
  EXPECT_EQ(Describe<Status>(Not(ErrorIs(ErrorCode::kUnauthorized, "no"))),
            R"(is not an error with code kUnauthorized and a message that is equal to "no")");
}

// The whole failure GoogleTest reports for an EXPECT_THAT, as a reader of the log sees it.
TEST(ErrorIs, FailureMessageShowsTheActualCodeAndMessage) {
  // EXPECT_NONFATAL_FAILURE needs its statement to use no locals; these are static.
  static const Status missing = Missing();
  EXPECT_NONFATAL_FAILURE(EXPECT_THAT(missing, ErrorIs(ErrorCode::kValidationError, "other")),
                          R"(Actual: error with code kObjectNotFound and message "Could not find page.")");
  static const Result<int> value = Value();
  EXPECT_NONFATAL_FAILURE(EXPECT_THAT(value, ErrorIs(ErrorCode::kValidationError)), "Actual: OK: 7, which is OK");
}

TEST(ErrorCodeName, NamesEveryCode) {
  for (int i = 0; i <= static_cast<int>(kLastErrorCode); ++i) {
    const std::string name = ErrorCodeName(static_cast<ErrorCode>(i));
    EXPECT_EQ(name.rfind("k", 0), 0u) << i << ": " << name;
    EXPECT_EQ(name.find('('), std::string::npos) << i << ": " << name;
  }
  EXPECT_EQ(ErrorCodeName(static_cast<ErrorCode>(static_cast<int>(kLastErrorCode) + 1)),
            "ErrorCode(" + std::to_string(static_cast<int>(kLastErrorCode) + 1) + ")");
}

TEST(J, ParsesJsonText) {
  EXPECT_EQ(SerializeJson(J(R"({"a":[1,"b",null]})")), R"({"a":[1,"b",null]})");
}

TEST(J, TextThatIsNotJsonFailsTheTestAndGivesNull) {
  json::value v;
  EXPECT_NONFATAL_FAILURE(v = J("{nope"), "testing::J: not JSON: {nope");
  EXPECT_TRUE(v.is_null());
}

}  // namespace
}  // namespace localnotion::testing
