# Files that are not (whole) ONNX models.
#
# The first half of a valid model's bytes.
# RUN: %python %s %t.half.onnx truncated && not mnc-compile %t.half.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.half.onnx --check-prefix=PARSE
# A text file.
# RUN: %python %s %t.txt.onnx text && not mnc-compile %t.txt.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.txt.onnx --check-prefix=PARSE
# An empty file parses as an empty ModelProto: no graph.
# RUN: %python %s %t.empty.onnx empty && not mnc-compile %t.empty.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.empty.onnx --check-prefix=EMPTY
# A file that does not exist.
# RUN: rm -f %t.missing.onnx && not mnc-compile %t.missing.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.missing.onnx --check-prefix=MISSING
# Nothing reaches standard output.
# RUN: not mnc-compile %t.half.onnx --emit=mnc 2>/dev/null | count 0

import sys

from onnx_testlib import check, make_single_op_model

variant = sys.argv[2]
data = check(make_single_op_model(
    "Relu", [("x", "float32", [1, 4, 8, 8])],
    [("y", "float32", [1, 4, 8, 8])])).SerializeToString()
if variant == "truncated":
    data = data[:len(data) // 2]
elif variant == "text":
    data = b"this is not an ONNX model\n"
else:
    data = b""
with open(sys.argv[1], "wb") as f:
    f.write(data)

# PARSE:     [[FILE]]: error: not an ONNX model: the file does not parse as an ONNX ModelProto
# PARSE-NOT: error
# EMPTY:     [[FILE]]: error: not an ONNX model: it has no graph nodes
# MISSING:   [[FILE]]: error: cannot read the file: No such file or directory
