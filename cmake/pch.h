// The precompiled header of every library and test target (LOCALNOTION_PCH, see
// cmake/localnotion.cmake): the standard headers most files include, Boost.JSON and fmt.
// It only saves compile time. Every file still includes what it uses, so a build
// without it (the ccache and fuzz builds) compiles the same code.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include <boost/json.hpp>
#include <fmt/format.h>
