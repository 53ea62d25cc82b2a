#!/usr/bin/env python3
"""Counts the shipped Rust under a folder (default src/): lines that are not blank
and not comments, leaving out test files (tests.rs, *_tests.rs, and any module
declared under #[cfg(test)]) and #[cfg(test)] items. `python3 bench/loc.py src -v` lists the count of every file too."""
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

def test_modules(root):
    """The files of modules declared as `#[cfg(test)] mod name;`."""
    found = set()
    for folder, _, files in os.walk(root):
        for name in files:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(folder, name)
            lines = [l.strip() for l in open(path, encoding="utf-8")]
            # A file's child modules live in the folder named after it
            # (mod.rs, lib.rs and main.rs: in its own folder).
            stem = name[:-3]
            base = folder if stem in ("mod", "lib", "main") else os.path.join(folder, stem)
            for line, after in zip(lines, lines[1:]):
                if line == "#[cfg(test)]" and after.startswith("mod ") and after.endswith(";"):
                    child = after[4:-1].strip()
                    found.add(os.path.join(base, child + ".rs"))
                    found.add(os.path.join(base, child, "mod.rs"))
    return found

root = next((a for a in sys.argv[1:] if not a.startswith("-")), "src")
tests_only = test_modules(root)
per = {}
for folder, _, files in os.walk(root):
    for name in files:
        path = os.path.join(folder, name)
        if (name.endswith(".rs") and name != "tests.rs" and not name.endswith("_tests.rs")
                and path not in tests_only):
            per[path] = count(path)
if "-v" in sys.argv:
    for path, n in sorted(per.items(), key=lambda item: item[1]):
        print(n, path)
print(sum(per.values()))
