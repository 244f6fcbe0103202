#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/ from the tests and golden cases,
and the dictionaries fuzz/dict/<target>.dict from the string literals of the sources each
target reads (JSON keys and values, formula function names).

Run from the repository root: python3 fuzz/make_seeds.py. It replaces the files it
writes (named after their source) and leaves any other file of a corpus alone, so
regression inputs added by hand (crash-*, leak-*, timeout-*) stay.
"""
import ast
import glob
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "tests", "golden", "cases")
OUT = os.path.join(ROOT, "fuzz", "corpus")

# The grocery fixture's ids (examples/grocery.json), which the pipeline target loads.
GROCERY = {
    "root": "98ad959b-2b6a-4774-80ee-00246fb0ea9b",
    "database": "bc1211ca-e3f1-4939-ae34-5260b16f627c",
    "data_source": "248104cd-477e-80af-bc30-000bd28de8f9",
    "page": "59833787-2cf9-4fdf-8782-e53db20768a5",
    "page2": "2f1c0b7e-8a9d-4e3f-b2a1-c0d9e8f7a6b5",
    "trashed": "7c3e5a1b-4d2f-4a6e-8b9c-0d1e2f3a4b5c",
    "user": "6794760a-1f15-45cd-9c65-0dfe42f5135a",
    "bot": "de1f0d63-1e0c-4a7f-8c2c-3b4d5e6f7a80",
    "token": "secret_grocery_list_token",
    "missing": "00000000-0000-4000-8000-000000000000",
}
# fuzz/fuzz_util.h's ids for the validation targets.
FUZZ_IDS = {"targets_source": "33333333-3333-4333-8333-333333333333", "page": "11111111-1111-4111-8111-111111111111",
            "user": "59833787-2cf9-4fdf-8782-e53db20768a5"}


def placeholder(name):
    """A golden placeholder's value in the grocery workspace (the golden fixture differs,
    so these only keep the requests' shape)."""
    if name == "case" or name == "i":
        return "fuzz"
    if name == "token":
        return GROCERY["token"]
    if name.endswith("data_source_id") or ".data_sources." in name:
        return GROCERY["data_source"]
    if name.startswith("fixture.root") or name == "fixture.everything.id" or name == "fixture.targets.id":
        return GROCERY["root"] if name.startswith("fixture.root") else GROCERY["database"]
    if name.startswith("saved.db") and name.endswith(".id"):
        return GROCERY["database"]
    if name in ("fixture.owner.id", "fixture.me.id"):
        return GROCERY["user"]
    if name == "fixture.missing_id":
        return GROCERY["missing"]
    if ".options." in name or ".props." in name or ".properties." in name:
        return "title"
    if name.endswith("next_cursor"):
        return GROCERY["page2"]
    if name.startswith("fixture.target_b") or name.startswith("saved.p2"):
        return GROCERY["page2"]
    return GROCERY["page"]


def fill(text):
    return re.sub(r"\{\{([^}]*)\}\}", lambda m: placeholder(m.group(1)), text)


def compact(v):
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def requests_of(case):
    """The requests of a golden case in order: setup, the request, then."""
    out = []
    for s in case.get("setup", []) or []:
        out.append(s)
    if "request" in case:
        r = dict(case["request"])
        if "version" not in r and "version" in case:
            r["version"] = case["version"]
        out.append(r)
    for t in case.get("then", []) or []:
        if isinstance(t, dict) and "request" in t:
            out.append(t["request"])
    return out


def raw_json_literals(relpath):
    """The raw string literals R"(...)" of a test source that are JSON texts."""
    with open(os.path.join(ROOT, relpath), encoding="utf-8") as f:
        text = f.read()
    out = []
    for m in re.finditer(r'R"(\w*)\((.*?)\)\1"', text, re.S):
        try:
            out.append(json.loads(m.group(2)))
        except ValueError:
            pass
    return out


def load_cases():
    cases = []
    for name in sorted(os.listdir(CASES)):
        if name.endswith(".json"):
            with open(os.path.join(CASES, name), encoding="utf-8") as f:
                cases.append((name[:-5], json.load(f)))
    return cases


class Corpus:
    """Collects candidate seeds; write() keeps at most `limit`, spread evenly over the
    candidates (hand-written ones, named hand_*, always kept)."""

    def __init__(self, target, limit):
        self.dir = os.path.join(OUT, target)
        self.limit = limit
        self.seen = set()
        self.items = []
        self.count = 0

    def add(self, name, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        digest = hashlib.sha1(data).hexdigest()
        if digest in self.seen:
            return
        self.seen.add(digest)
        self.items.append((name, data))

    def write(self):
        hand = [it for it in self.items if it[0].startswith("hand_")]
        rest = [it for it in self.items if not it[0].startswith("hand_")]
        room = max(0, self.limit - len(hand))
        if len(rest) > room:
            rest = [rest[i * len(rest) // room] for i in range(room)] if room else []
        os.makedirs(self.dir, exist_ok=True)
        for name, data in hand + rest:
            safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:60]
            with open(os.path.join(self.dir, "seed-" + safe), "wb") as f:
                f.write(data)
        self.count = len(hand) + len(rest)


def http_request(r, token=GROCERY["token"]):
    method = r.get("method", "GET")
    path = fill(r.get("path", "/"))
    version = r.get("version", "2025-09-03")
    lines = [f"{method} {path} HTTP/1.1", "Host: localhost"]
    if token is not None:
        lines.append(f"Authorization: Bearer {token}")
    if version is not None:
        lines.append(f"Notion-Version: {version}")
    body = b""
    if "body" in r:
        body = fill(compact(r["body"])).encode("utf-8")
        lines.append("Content-Type: application/json")
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body


def main():
    cases = load_cases()
    page_write = Corpus("page_write_fuzz", 60)
    block_write = Corpus("block_write_fuzz", 40)
    query = Corpus("query_fuzz", 60)
    rich_text = Corpus("rich_text_fuzz", 40)
    formula = Corpus("formula_fuzz", 80)
    pipeline = Corpus("pipeline_fuzz", 80)

    for name, case in cases:
        reqs = requests_of(case)
        for r in reqs:
            path = r.get("path", "")
            body = r.get("body")
            if body is None:
                continue
            text = fill(compact(body))
            if re.match(r"^/v1/pages(/[^/]*)?$", path):
                page_write.add(name, text)
                props = body.get("properties") if isinstance(body, dict) else None
                if isinstance(props, dict):
                    for v in props.values():
                        if isinstance(v, dict):
                            for k in ("title", "rich_text"):
                                if isinstance(v.get(k), list):
                                    rich_text.add(name, fill(compact(v[k])))
            elif path.startswith("/v1/blocks/"):
                block_write.add(name, text)
            elif path.endswith("/query"):
                query.add(name, text)
            for expr in re.findall(r'"expression":\s*"((?:[^"\\]|\\.)*)"', compact(body)):
                formula.add(name, json.loads('"' + expr + '"'))
        if reqs and len(reqs) <= 8 and not any(len(compact(r.get("body", ""))) > 20000 for r in reqs):
            pipeline.add(name, b"".join(http_request(r) for r in reqs))

    # Block bodies of the unit tests (block_write_test.cc): children arrays become
    # {"children": [...]}, objects are kept as they are.
    for i, v in enumerate(raw_json_literals("src/validation/block_write_test.cc")):
        block_write.add(f"unit_{i}", compact({"children": v} if isinstance(v, list) else v))

    # Formula expressions of the unit tests: Eval("...") in formula_test.cc.
    with open(os.path.join(ROOT, "src", "schema", "formula", "formula_test.cc"), encoding="utf-8") as f:
        for i, m in enumerate(re.finditer(r'Eval\(("(?:[^"\\]|\\.)*")\)', f.read())):
            formula.add(f"unit_{i}", ast.literal_eval(m.group(1)))
    for i, expr in enumerate([
        'prop("Name") + " costs " + format(prop("Price"))',
        'if(prop("Done"), dateAdd(prop("Due"), 3, "days"), now())',
        'prop("Tags").map(current + "!").filter(current.length() > 2).join(", ")',
        'let(x, prop("Price") * 2, lets(y, x + 1, z, y ^ 2, z % 7))',
        'test(prop("Name"), "[A-Z]+") and replaceAll(prop("Name"), "(\\\\w)", "$1$1") != ""',
        'formatDate(dateSubtract(prop("Created"), 1, "months"), "YYYY-MM-DD HH:mm")',
        'ifs(prop("Price") > 10, "high", prop("Price") > 1, "mid", "low")',
        'prop("Scores").sort().reverse().slice(0, 2).sum()',
        'dateBetween(prop("Due"), prop("Created"), "days") / 7',
        'substring(prop("Name"), 1, 3).upper().repeat(2)',
        '/* comment */ [1, 2, 3].at(-1) + [prop("Zero")].length()',
        'toNumber("12.5e1") + round(3.14159 * 100) / 100',
    ]):
        formula.add(f"hand_{i}", expr)

    # Multipart bodies: the first line is the Content-Type (fuzz/multipart_fuzz.cc).
    multipart = Corpus("multipart_fuzz", 20)
    ct = "multipart/form-data; boundary=XyZ\n"
    multipart.add("two_fields", ct + "--XyZ\r\nContent-Disposition: form-data; name=\"part_number\"\r\n\r\n2\r\n"
                  "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes; v1.txt\"\r\n"
                  "Content-Type: text/plain\r\n\r\nline one\r\nline two\r\n\r\n--XyZ--\r\n")
    multipart.add("binary", "multipart/form-data; boundary=\"XB\"\npreamble\r\n--XB\r\nContent-Disposition: form-data; "
                  "name=\"file\"; filename=\"b.bin\"\r\n\r\n\x00\x01\xff--X\r\n--XB\r\nContent-Disposition: form-data; "
                  "name=\"empty\"\r\n\r\n\r\n--XB--")
    multipart.add("undici", "multipart/form-data; boundary=----formdata-undici-0123\n------formdata-undici-0123\r\n"
                  "Content-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"
                  "\x89PNG\r\n\x1a\n\r\n------formdata-undici-0123--\r\n")
    multipart.add("fixed_boundary", "text/plain\n--X-BOUNDARY\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--X-BOUNDARY--\r\n")
    multipart.add("unterminated", ct + "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end")
    multipart.add("no_disposition", ct + "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--\r\n")

    # Fixtures: the example, and the fixture of service/admin/fixtures_test.cc.
    fixtures = Corpus("fixtures_import_fuzz", 20)
    with open(os.path.join(ROOT, "examples", "grocery.json"), encoding="utf-8") as f:
        grocery = json.load(f)
    fixtures.add("grocery", compact(grocery))
    for i, v in enumerate(raw_json_literals("src/service/admin/fixtures_test.cc")):
        if isinstance(v, dict):
            fixtures.add(f"fixtures_test_{i}", compact(v))
    fixtures.add("empty", "{}")
    fixtures.add("users_only", compact({"format": "localnotion-fixture/1", "users": [{"name": "A"}, {"name": "B", "email": "b@x.y"}]}))

    # Pipeline: requests written for the grocery workspace.
    g = GROCERY
    hand = [
        ("get_page", [{"method": "GET", "path": f"/v1/pages/{g['page']}"}]),
        ("query_filter_sort", [{"method": "POST", "path": f"/v1/data_sources/{g['data_source']}/query",
                                "body": {"filter": {"and": [{"property": "Price", "number": {"greater_than": 1}},
                                                            {"property": "In stock", "checkbox": {"equals": True}}]},
                                         "sorts": [{"property": "Last ordered", "direction": "descending"}],
                                         "page_size": 2}}]),
        ("create_then_read", [{"method": "POST", "path": "/v1/pages",
                               "body": {"parent": {"data_source_id": g["data_source"]},
                                        "properties": {"Name": {"title": [{"text": {"content": "Leeks"}}]},
                                                       "Food group": {"select": {"name": "🥦Vegetable"}},
                                                       "Price": {"number": 3}, "+1": {"people": [{"id": g["user"]}]}},
                                        "children": [{"paragraph": {"rich_text": [{"text": {"content": "hi"}}]}}]}},
                              {"method": "GET", "path": f"/v1/blocks/{g['page']}/children?page_size=10"}]),
        ("append_blocks", [{"method": "PATCH", "path": f"/v1/blocks/{g['page']}/children",
                            "body": {"children": [{"heading_2": {"rich_text": [{"text": {"content": "H"}}]}},
                                                  {"to_do": {"rich_text": [], "checked": True}},
                                                  {"table": {"table_width": 2, "children": [
                                                      {"table_row": {"cells": [[], [{"text": {"content": "x"}}]]}}]}}]}}]),
        ("update_schema", [{"method": "PATCH", "path": f"/v1/data_sources/{g['data_source']}",
                            "body": {"properties": {"Twice": {"formula": {"expression": "prop(\"Price\") * 2"}},
                                                    "Price": {"name": "Cost"}}}},
                           {"method": "POST", "path": f"/v1/data_sources/{g['data_source']}/query", "body": {}}]),
        ("search", [{"method": "POST", "path": "/v1/search", "body": {"query": "kale", "filter": {"property": "object", "value": "page"}}}]),
        ("users", [{"method": "GET", "path": "/v1/users"}, {"method": "GET", "path": "/v1/users/me"}]),
        ("comment", [{"method": "POST", "path": "/v1/comments",
                      "body": {"parent": {"page_id": g["page"]}, "rich_text": [{"text": {"content": "nice"}}]}},
                     {"method": "GET", "path": f"/v1/comments?block_id={g['page']}"}]),
        ("property_item", [{"method": "GET", "path": f"/v1/pages/{g['page']}/properties/title"}]),
        ("database_2022", [{"method": "GET", "path": f"/v1/databases/{g['database']}", "version": "2022-06-28"},
                           {"method": "POST", "path": f"/v1/databases/{g['database']}/query", "version": "2022-06-28",
                            "body": {"filter": {"property": "Name", "rich_text": {"contains": "a"}}}}]),
        ("trash_restore", [{"method": "PATCH", "path": f"/v1/pages/{g['trashed']}", "body": {"in_trash": False}}]),
        ("file_upload", [{"method": "POST", "path": "/v1/file_uploads", "body": {"filename": "a.txt", "content_type": "text/plain"}}]),
    ]
    for name, reqs in hand:
        pipeline.add("hand_" + name, b"".join(http_request(r) for r in reqs))
    pipeline.add("hand_upload_send",
                 b"POST /v1/file_uploads/" + g["missing"].encode() + b"/send HTTP/1.1\r\nHost: localhost\r\n"
                 b"Authorization: Bearer " + g["token"].encode() + b"\r\nNotion-Version: 2025-09-03\r\n"
                 b"Content-Type: multipart/form-data; boundary=XB\r\nContent-Length: 86\r\n\r\n"
                 b"--XB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello\r\n--XB--\r\n")
    pipeline.add("hand_admin", http_request({"method": "GET", "path": "/_localnotion/requests"}, token="fuzz-admin-token") +
                 http_request({"method": "POST", "path": "/_localnotion/reset", "body": {}}, token="fuzz-admin-token"))
    pipeline.add("hand_chunked", b"PATCH /v1/pages/" + g["page"].encode() + b" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                 + g["token"].encode() + b"\r\nNotion-Version: 2025-09-03\r\nTransfer-Encoding: chunked\r\n\r\n"
                 b"10\r\n{\"in_trash\":true}\r\n0\r\n\r\n")
    pipeline.add("hand_too_large", b"POST /v1/pages HTTP/1.1\r\nHost: x\r\nContent-Length: 600000\r\n\r\n{")

    # Validation targets: a few written for the fuzz schema (fuzz/fuzz_util.h).
    page_write.add("hand_every_type", compact({
        "parent": {"data_source_id": FUZZ_IDS["targets_source"]},
        "properties": {"Name": {"title": [{"mention": {"user": {"id": FUZZ_IDS["user"]}}}]},
                       "Price": {"number": 1.5}, "Category": {"select": {"name": "New"}},
                       "Tags": {"multi_select": [{"name": "new"}, {"id": "t2"}]}, "Stage": {"status": {"name": "Done"}},
                       "Due": {"date": {"start": "2024-01-01T10:00:00", "time_zone": "Europe/Paris"}},
                       "Owner": {"people": [{"id": FUZZ_IDS["user"]}]},
                       "Docs": {"files": [{"name": "a", "external": {"url": "https://x"}}]},
                       "Done": {"checkbox": True}, "Link": {"url": "https://x"}, "Mail": {"email": "a@b"},
                       "Phone": {"phone_number": "1"}, "Target": {"relation": [{"id": FUZZ_IDS["page"]}]}},
        "icon": {"emoji": "🥬"}, "cover": {"external": {"url": "https://x/c.png"}},
        "children": [{"paragraph": {"rich_text": [{"text": {"content": "x"}}]}}]}))
    rich_text.add("hand_mentions", compact([
        {"mention": {"page": {"id": FUZZ_IDS["page"]}}},
        {"mention": {"date": {"start": "2024-01-01", "end": None}}, "annotations": {"bold": True, "color": "red_background"}},
        {"mention": {"database": {"id": FUZZ_IDS["page"]}}},
        {"mention": {"template_mention": {"type": "template_mention_date", "template_mention_date": "today"}}},
        {"equation": {"expression": "e^{i\\pi}"}},
        {"text": {"content": "x", "link": {"url": "https://x"}}, "plain_text": "ignored"}]))
    rich_text.add("hand_icon", compact({"type": "external", "external": {"url": "https://x/i.png"}}))
    block_write.add("hand_update", compact({"to_do": {"checked": True, "rich_text": [{"text": {"content": "a"}}]}, "in_trash": False}))
    block_write.add("hand_columns", compact({"children": [{"column_list": {"children": [
        {"column": {"children": [{"paragraph": {"rich_text": []}}]}},
        {"column": {"children": [{"code": {"language": "python", "rich_text": [{"text": {"content": "1"}}]}}]}}]}},
        {"bookmark": {"url": "https://x"}}, {"image": {"external": {"url": "https://x/a.png"}}},
        {"callout": {"icon": {"emoji": "💡"}, "rich_text": []}}, {"equation": {"expression": "x"}},
        {"table_of_contents": {}}, {"divider": {}}, {"toggle": {"rich_text": [], "children": [{"quote": {"rich_text": []}}]}}]}))
    query.add("hand_compound", compact({
        "filter": {"or": [{"and": [{"property": "Scores", "rollup": {"any": {"number": {"greater_than": 1}}}},
                                   {"timestamp": "created_time", "created_time": {"past_week": {}}}]},
                          {"property": "Calc", "formula": {"number": {"equals": 85}}},
                          {"property": "Due", "date": {"on_or_after": "2024-06-10T00:00:00+02:00"}},
                          {"property": "Owner", "people": {"contains": FUZZ_IDS["user"]}},
                          {"property": "Tags", "multi_select": {"does_not_contain": "sale"}},
                          {"property": "Code", "unique_id": {"less_than": 9}}]},
        "sorts": [{"property": "Category", "direction": "ascending"}, {"timestamp": "last_edited_time", "direction": "descending"},
                  {"property": "Owner", "direction": "ascending"}, {"property": "Scores", "direction": "descending"}],
        "page_size": 10, "start_cursor": FUZZ_IDS["page"]}))

    for c in (page_write, block_write, query, rich_text, formula, multipart, fixtures, pipeline):
        c.write()
        print(f"{os.path.relpath(c.dir, ROOT)}: {c.count} seeds", file=sys.stderr)


def dict_escape(entry):
    """An entry as libFuzzer's dictionary syntax writes it: \\, \\" and \\xNN."""
    out = []
    for b in entry.encode("utf-8"):
        c = chr(b)
        if c == "\\" or c == '"':
            out.append("\\" + c)
        elif 0x20 <= b < 0x7F:
            out.append(c)
        else:
            out.append("\\x%02X" % b)
    return "".join(out)


def write_dicts():
    def strings(patterns, word=r'"([a-zA-Z_][a-zA-Z0-9_]{1,40})"'):
        out = set()
        for pattern in patterns:
            for path in glob.glob(os.path.join(ROOT, pattern)):
                with open(path, encoding="utf-8") as f:
                    out.update(m.group(1) for m in re.finditer(word, f.read()))
        # Not the names of C++ constants.
        return {w for w in out if not re.match(r"^k[A-Z]", w)}

    json_tokens = ['{', '}', '[', ']', ':', ',', 'null', 'true', 'false', '-1', '1e309', '0.5', '"\\u0000"',
                   '"\\ud800"', '":{', '":[', '":"', '"2024-01-01"', '"2024-01-01T10:00:00.000+02:00"',
                   '"https://x.y"'] + ['"%s"' % v for v in FUZZ_IDS.values()] + ['"%s"' % v for v in GROCERY.values()]
    names = {"Name", "Notes", "Price", "Category", "Tags", "Stage", "Due", "Owner", "Docs", "Done", "Link", "Mail",
             "Phone", "Target", "Linked", "Calc", "Count", "Total", "Scores", "Created", "Creator", "Edited", "Editor", "Code"}
    api = strings(["src/api/*.cc", "src/api/blocks/*.cc"])
    schema = strings(["src/schema/*.cc", "src/schema/properties/*.cc"])
    validation = strings(["src/validation/*.cc"])
    query = strings(["src/query/*.cc"])
    admin = strings(["src/service/admin/*.cc"]) | {"localnotion-fixture/1"}
    formula = strings(["src/schema/formula/*.cc"], r'"([a-zA-Z][a-zA-Z0-9]{0,20})"')
    formula_tokens = ['(', ')', '[', ']', ',', '.', '"', '+', '-', '*', '/', '%', '^', '==', '!=', '>=', '<=', '&&',
                      '||', '?', ':', '!', '/*', '*/', '1e3', 'prop("Price")', 'prop("Name")', 'prop("Due")', 'prop("Tags")']
    dicts = {
        "page_write_fuzz": (json_tokens, api | schema | validation | names, True),
        "block_write_fuzz": (json_tokens, api | validation, True),
        "query_fuzz": (json_tokens, query | schema | validation | names, True),
        "rich_text_fuzz": (json_tokens, api, True),
        "fixtures_import_fuzz": (json_tokens, admin | api | schema, True),
        "formula_fuzz": (formula_tokens, formula | names, False),
    }
    # The pipeline: request-line and header pieces, the routes' path segments, the tokens.
    segments = set()
    for w in strings(["src/http/*.cc"], r'"(/[a-z_/{}*]*)"'):
        segments.update(x for x in w.split("/") if x and x not in ("{}", "{*}"))
    http_tokens = ["GET ", "POST ", "PATCH ", "DELETE ", "HEAD ", "PUT ", " HTTP/1.1\r\n", " HTTP/1.0\r\n", "\r\n",
                   "\r\n\r\n", "Host: localhost\r\n", "Authorization: Bearer secret_grocery_list_token\r\n",
                   "Authorization: Bearer fuzz-admin-token\r\n", "Notion-Version: 2025-09-03\r\n",
                   "Notion-Version: 2022-06-28\r\n", "Content-Length: ", "Content-Type: application/json\r\n",
                   "Content-Type: multipart/form-data; boundary=XB\r\n", "Transfer-Encoding: chunked\r\n",
                   "Connection: close\r\n", "Expect: 100-continue\r\n", "/v1/", "/_localnotion/", "?page_size=",
                   "&start_cursor=", "filter_properties=", "%2F", "%00"] + [v for v in GROCERY.values()]
    dicts["pipeline_fuzz"] = (http_tokens + json_tokens, segments | names, False)
    os.makedirs(os.path.join(ROOT, "fuzz", "dict"), exist_ok=True)
    for target, (tokens, words, quoted) in dicts.items():
        entries = tokens + [('"%s"' % w if quoted else w) for w in sorted(words)]
        with open(os.path.join(ROOT, "fuzz", "dict", target + ".dict"), "w", encoding="utf-8") as f:
            f.write(f"# {target}: written by fuzz/make_seeds.py\n")
            for e in entries:
                f.write('"' + dict_escape(e) + '"\n')
        print(f"fuzz/dict/{target}.dict: {len(entries)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
    write_dicts()
