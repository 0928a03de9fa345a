#!/usr/bin/env python3
"""Compiles every C snippet of a Markdown file as written.

    readme_snippets.py --readme README.md --workdir DIR [--cc cc] [-I DIR ...]

Every ```c block must follow a line `<!-- snippet: cc FLAGS -->` giving the
flags the text states for it. Each block is compiled with those flags inside
one fixed wrapper: the C standard headers (stdint, stdio, stdlib, string) and
mnc_runtime.h, then the block's own #include lines, then everything else as
the body of main. Warnings that hide real bugs in C99 (an implicitly declared
function, such as aligned_alloc under -std=c99) are errors. Prints one line
per snippet; exits 1 if any fails or lacks its flags.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys

MARKER = re.compile(r"<!--\s*snippet:\s*cc\s+(.*?)\s*-->")
STRICT = ["-pedantic-errors", "-Werror=implicit-function-declaration",
          "-Werror=int-conversion", "-Werror=incompatible-pointer-types"]


def snippets(path):
    """Yields (line number, flags or None, code lines) per ```c block."""
    lines = open(path).read().splitlines()
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```c":
            start = i + 1
            previous = next((l for l in reversed(lines[:i]) if l.strip()), "")
            marker = MARKER.search(previous)
            j = start
            while j < len(lines) and lines[j].strip() != "```":
                j += 1
            yield i + 1, (marker.group(1) if marker else None), lines[start:j]
            i = j
        i += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--cc", default="cc")
    parser.add_argument("-I", dest="includes", action="append", default=[])
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    name = os.path.basename(args.readme)
    failed = 0
    count = 0
    for line, flags, code in snippets(args.readme):
        count += 1
        where = f"{name}:{line}"
        if flags is None:
            print(f"FAIL {where}: no '<!-- snippet: cc FLAGS -->' line before the block")
            failed += 1
            continue
        includes = [l for l in code if l.lstrip().startswith("#include")]
        body = [l for l in code if not l.lstrip().startswith("#include")]
        source = os.path.join(args.workdir, f"snippet_{line}.c")
        with open(source, "w") as f:
            f.write("#include <stdint.h>\n#include <stdio.h>\n#include <stdlib.h>\n"
                    "#include <string.h>\n#include \"mnc_runtime.h\"\n")
            f.write("\n".join(includes) + "\n\nint main(void) {\n")
            f.write("\n".join(body) + "\n  return 0;\n}\n")
        command = ([args.cc] + shlex.split(flags) + STRICT +
                   [f"-I{d}" for d in args.includes] + ["-c", source, "-o", source + ".o"])
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True)
        if result.returncode:
            print(f"FAIL {where}: cc {flags}:\n{result.stdout}")
            failed += 1
        else:
            print(f"ok {where}: cc {flags}")
    if count == 0:
        print(f"FAIL {name}: no C snippets found")
        return 1
    print(f"{count - failed} of {count} snippets compile")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
