# Resize nodes the importer refuses, each with one error line naming the
# node, the op and the reason. Input [1, 2, 3, 4].
# RUN: %python %s %t.c.onnx 13 channels && not mnc-compile %t.c.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.c.onnx --check-prefix=CHANNELS
# RUN: %python %s %t.n.onnx 13 batch-sizes && not mnc-compile %t.n.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.n.onnx --check-prefix=BATCH
# RUN: %python %s %t.both.onnx 13 both && not mnc-compile %t.both.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.both.onnx --check-prefix=BOTH
# RUN: %python %s %t.none.onnx 13 neither && not mnc-compile %t.none.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.none.onnx --check-prefix=BOTH
# RUN: %python %s %t.rt.onnx 13 runtime-scales && not mnc-compile %t.rt.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.rt.onnx --check-prefix=RUNTIME
# RUN: %python %s %t.zero.onnx 13 zero-scale && not mnc-compile %t.zero.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.zero.onnx --check-prefix=ZERO
# RUN: %python %s %t.empty.onnx 13 empty && not mnc-compile %t.empty.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.empty.onnx --check-prefix=EMPTY
# RUN: %python %s %t.nm.onnx 13 nearest-mode && not mnc-compile %t.nm.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.nm.onnx --check-prefix=NEARESTMODE
# RUN: %python %s %t.ex.onnx 13 exclude-outside && not mnc-compile %t.ex.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.ex.onnx --check-prefix=EXCLUDE
# RUN: %python %s %t.aa.onnx 18 antialias && not mnc-compile %t.aa.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.aa.onnx --check-prefix=EXCLUDE
# Opset 18: axes out of range, scales not matching the axes, an unknown
# policy, and a policy over every axis (no `axes`), which scales N and C too.
# RUN: %python %s %t.ax.onnx 18 axis-range && not mnc-compile %t.ax.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.ax.onnx --check-prefix=AXISRANGE
# RUN: %python %s %t.axn.onnx 18 axes-count && not mnc-compile %t.axn.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.axn.onnx --check-prefix=AXESCOUNT
# RUN: %python %s %t.pol.onnx 18 policy && not mnc-compile %t.pol.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.pol.onnx --check-prefix=POLICY
# RUN: %python %s %t.all.onnx 18 policy-all-axes && not mnc-compile %t.all.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.all.onnx --check-prefix=POLICYALL

import sys

import numpy as np

from onnx_testlib import make_single_op_model, save

opset, variant = int(sys.argv[2]), sys.argv[3]
f32 = lambda v: np.array(v, np.float32)
i64 = lambda v: np.array(v, np.int64)
graph_inputs = [("x", "float32", [1, 2, 3, 4])]
attrs, inits, inputs, out = {}, {}, None, [1, 2, 6, 8]
scales = lambda v: (inits.update(scales=f32(v)), ["x", "", "scales"])[1]
sizes = lambda v: (inits.update(sizes=i64(v)), ["x", "", "", "sizes"])[1]
if variant == "channels":
    inputs = scales([1, 2, 2, 2])
elif variant == "batch-sizes":
    inputs = sizes([2, 2, 6, 8])
elif variant == "both":
    inits.update(scales=f32([1, 1, 2, 2]), sizes=i64([1, 2, 6, 8]))
    inputs = ["x", "", "scales", "sizes"]
elif variant == "neither":
    inputs = ["x"]
elif variant == "runtime-scales":
    graph_inputs.append(("scales", "float32", [4]))
    inputs = ["x", "", "scales"]
elif variant == "zero-scale":
    inputs = scales([1, 1, 0, 2])
elif variant == "empty":
    inputs = scales([1, 1, 0.1, 0.1])
elif variant == "nearest-mode":
    attrs["nearest_mode"] = "round_half_even"
    inputs = scales([1, 1, 2, 2])
elif variant == "exclude-outside":
    attrs["exclude_outside"] = 1
    inputs = scales([1, 1, 2, 2])
elif variant == "antialias":
    attrs.update(mode="linear", antialias=1)
    inputs = scales([1, 1, 2, 2])
elif variant == "axis-range":
    attrs["axes"] = [2, 4]
    inputs = scales([2, 2])
elif variant == "axes-count":
    attrs["axes"] = [2, 3]
    inputs = scales([1, 1, 2, 2])
elif variant == "policy":
    attrs["keep_aspect_ratio_policy"] = "fit"
    inputs = sizes([1, 2, 6, 8])
elif variant == "policy-all-axes":
    attrs["keep_aspect_ratio_policy"] = "not_smaller"
    inputs = sizes([1, 2, 6, 6])
# Saved unchecked: invalid on purpose.
save(make_single_op_model("Resize", graph_inputs, [("y", "float32", out)],
                          attrs=attrs, initializers=inits, node_inputs=inputs,
                          opset=opset), sys.argv[1])

# CHANNELS:        [[FILE]]: error: node 0 'resize_0' (Resize): only H and W can be resized; scales are [1, 2, 2, 2]
# CHANNELS-NOT:    error
# BATCH:           [[FILE]]: error: node 0 'resize_0' (Resize): only H and W can be resized; sizes are [2, 2, 6, 8] for input [1, 2, 3, 4]
# BOTH:            [[FILE]]: error: node 0 'resize_0' (Resize): exactly one of scales and sizes must be given
# RUNTIME:         [[FILE]]: error: node 0 'resize_0' (Resize): scales 'scales' must be a compile-time constant (an initializer or a computation on them)
# ZERO:            [[FILE]]: error: node 0 'resize_0' (Resize): scales must be positive
# EMPTY:           [[FILE]]: error: node 0 'resize_0' (Resize): the output size [1, 2, 0, 0] is empty
# NEARESTMODE:     [[FILE]]: error: node 0 'resize_0' (Resize): nearest_mode 'round_half_even' is not supported
# EXCLUDE:         [[FILE]]: error: node 0 'resize_0' (Resize): exclude_outside and antialias are not supported
# AXISRANGE:       [[FILE]]: error: node 0 'resize_0' (Resize): axis 4 is out of range for rank 4
# AXESCOUNT:       [[FILE]]: error: node 0 'resize_0' (Resize): scales must have 2 entries, got 4
# POLICY:          [[FILE]]: error: node 0 'resize_0' (Resize): keep_aspect_ratio_policy 'fit' is not supported (stretch, not_larger, not_smaller)
# POLICYALL:       [[FILE]]: error: node 0 'resize_0' (Resize): only H and W can be resized; sizes are [2, 4, 6, 8] for input [1, 2, 3, 4]
