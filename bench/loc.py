#!/usr/bin/env python3
"""Counts the shipped Rust under a folder (default src/): lines that are not blank
and not comments, leaving out test files (tests.rs, *_tests.rs) and #[cfg(test)]
items. `python3 bench/loc.py src -v` lists the count of every file too."""
import os
import sys

def count(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    n, i, in_block = 0, 0, False
    while i < len(lines):
        s = lines[i].strip()
        if s.startswith("#[cfg(test)]"):
            # Skip the item that follows: up to its closing brace or semicolon.
            j, depth, started = i + 1, 0, False
            while j < len(lines):
                t = lines[j]
                depth += t.count("{") - t.count("}")
                started = started or "{" in t
                if (started and depth <= 0) or (not started and t.strip().endswith(";")):
                    break
                j += 1
            i = j + 1
            continue
        if in_block:
            in_block = "*/" not in s
        elif s.startswith("/*"):
            in_block = "*/" not in s
        elif s and not s.startswith("//"):
            n += 1
        i += 1
    return n

root = next((a for a in sys.argv[1:] if not a.startswith("-")), "src")
per = {}
for folder, _, files in os.walk(root):
    for name in files:
        if name.endswith(".rs") and name != "tests.rs" and not name.endswith("_tests.rs"):
            path = os.path.join(folder, name)
            per[path] = count(path)
if "-v" in sys.argv:
    for path, n in sorted(per.items(), key=lambda item: item[1]):
        print(n, path)
print(sum(per.values()))
