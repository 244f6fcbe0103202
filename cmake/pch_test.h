// The precompiled header of the GoogleTest targets: the library one plus gtest and gmock.
#pragma once

#include "pch.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
