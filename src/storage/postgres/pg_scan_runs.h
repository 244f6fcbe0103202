// The runs of a page scan's first sort key (pg_page_scan.cc): how range terms on the
// property a scan sorts by first are read as ranges of the scan's index instead of being
// tested on every row read.
//
// A property value reads as a number (ln_num not NULL), a text (ln_txt not NULL) or
// empty (pg_page_scan.cc), and the shape's index (pg_scan_indexes.h) holds a parent's pages,
// every equality term fixed, in the order of the first sort key: text, then numbers,
// then empty descending; numbers, then text, then empty ascending. A range term compares
// as on SQLite, where text is greater than any number: with a number operand it holds for
// the numbers in its range and, for > and >=, for every text; with a text operand, for
// the text in its range and, for < and <=, for every number; never for an empty value.
// So the pages that the range terms on that property (at the top of the condition, all
// of which hold) select lie in at most two runs of the index: the text run (text values,
// tested by the text-operand terms) and the number run (number values, tested by the
// number-operand terms). A run is a range of the index that PostgreSQL reads in order and
// stops at the limit; the two read one after the other, in the order's run order, are the
// scan's answer, the same rows in the same order as the one statement with the terms as
// written.
#pragma once

#include <optional>
#include <vector>

#include "storage/page_scan.h"

namespace localnotion::storage {

struct PgLeadRuns {
  std::vector<const ScanTerm*> text;    // the text-operand range terms, tested in the text run
  std::vector<const ScanTerm*> number;  // the number-operand ones (booleans are 1 and 0), in the number run
  bool text_possible = true;            // false when a term excludes every text (< or <= a number)
  bool number_possible = true;          // false when a term excludes every number (> or >= a text)
};

// The terms at the top of a condition, all of which hold: the children of an `and`, or
// the condition itself.
std::vector<const ScanNode*> PgTopLevelTerms(const ScanNode& where);

// Whether `n` is a range term (<, <=, >, >= with a number, boolean or text operand) on
// the property `lead`.
bool IsPgLeadRange(const ScanNode& n, const ScanField& lead);

// The runs of `scan` (pointing into it), or nullopt when its first sort key is not a
// property or no top-level term is a range on it.
std::optional<PgLeadRuns> FindPgLeadRuns(const PageScan& scan);

}  // namespace localnotion::storage
