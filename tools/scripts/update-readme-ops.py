#!/usr/bin/python3
"""Keeps the README's list of supported ONNX ops equal to `mnc-compile --list-ops`.

    tools/scripts/update-readme-ops.py [--compiler build/bin/mnc-compile] [--readme README.md]
    tools/scripts/update-readme-ops.py --check ...

Replaces the text between the README's markers `<!-- begin list-ops -->` and
`<!-- end list-ops -->` with the compiler's list in a code block. --check
changes nothing and exits 1, with a diff, when the README's list differs
(test/tools/mnc-compile/readme-ops.test runs that).
"""

import argparse
import difflib
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BEGIN = "<!-- begin list-ops -->"
END = "<!-- end list-ops -->"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compiler", default=os.path.join(REPO, "build", "bin", "mnc-compile"))
    parser.add_argument("--readme", default=os.path.join(REPO, "README.md"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()

    ops = subprocess.run([args.compiler, "--list-ops"], check=True, stdout=subprocess.PIPE,
                         text=True).stdout
    with open(args.readme) as f:
        readme = f.read()
    if readme.count(BEGIN) != 1 or readme.count(END) != 1:
        sys.exit(f"update-readme-ops: {args.readme} needs one {BEGIN} and one {END}")
    head, rest = readme.split(BEGIN)
    old, tail = rest.split(END)
    new = "\n```text\n" + ops + "```\n"
    if args.check:
        if old == new:
            print(f"README's op list matches --list-ops ({len(ops.splitlines())} ops)")
            return 0
        sys.stdout.writelines(difflib.unified_diff(
            old.splitlines(True), new.splitlines(True), "README.md", "mnc-compile --list-ops"))
        print("update-readme-ops: the README's op list differs from --list-ops; run "
              "tools/scripts/update-readme-ops.py")
        return 1
    with open(args.readme, "w") as f:
        f.write(head + BEGIN + new + END + tail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
