// Decimal digits written in place, for the fixed-width fields of timestamps, dates and
// numbers (common/clock.cc, common/json.cc, schema/properties/date.cc, http/access_log.cc)
// without printf.
#pragma once

#include <cstdint>

namespace localnotion {

// Writes `v` as exactly `width` decimal digits at `p`, zero-padded on the left. Returns
// false when `v` needs more than `width` digits (the digits written are then its last
// ones).
inline bool PutPaddedDigits(char* p, uint64_t v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return v == 0;
}

}  // namespace localnotion
