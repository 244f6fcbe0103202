// Notion ids are UUIDs. Clients may send them with or without dashes and in any case
// ("You may omit dashes", reference/intro); localnotion always answers dashed, lower case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace localnotion {

// Returns the dashed lower-case form of `text`, or nullopt when it is not 32 hex digits
// (optionally grouped 8-4-4-4-12 by dashes).
std::optional<std::string> NormalizeUuid(std::string_view text);

// A random version-4 UUID in dashed lower-case form.
std::string NewUuid();

// The id without dashes, as Notion puts it at the end of page URLs.
std::string CompactUuid(std::string_view dashed);

// A short random string of `n` URL-safe characters, used for property and option ids.
std::string NewShortId(int n = 4);

// Deterministic mode (serve --deterministic SEED): from now on NewUuid and NewShortId
// draw from one generator seeded with `seed`, so the same sequence of calls gives the
// same ids in every run. Process-wide.
void SeedIdGenerator(uint64_t seed);

}  // namespace localnotion
