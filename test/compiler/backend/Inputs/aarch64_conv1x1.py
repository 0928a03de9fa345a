"""Writes a 1x1 convolution between two intermediate buffers, with an input
and the numpy reference output:

    aarch64_conv1x1.py OUT_DIR [NAME]  ->  OUT_DIR/NAME.mlir, input.bin, expected.bin

relu -> 1x1 conv (4 -> 16 channels) -> relu, in linalg on tensors. The
convolution reads and writes views of the one workspace argument; only the
workspace's alias scopes tell LLVM that its stores never reach its loads, so
that the output-channel loop vectorizes. Seeded, the same on every run.
"""

import os
import sys

import numpy as np

rng = np.random.default_rng(11)
H, W, C, F = 8, 8, 4, 16
x = rng.uniform(-1, 1, (1, H, W, C)).astype(np.float32)
w = rng.uniform(-1, 1, (1, 1, C, F)).astype(np.float32)

relu = np.maximum(x.astype(np.float64), 0)
y = np.maximum(np.einsum("nhwc,cf->nhwf", relu, w[0, 0].astype(np.float64)), 0)

ID = "affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>"
PAR = '["parallel", "parallel", "parallel", "parallel"]'


def relu_op(result, operand, empty, shape):
    return f"""  {empty} = tensor.empty() : tensor<{shape}xf32>
  {result} = linalg.generic {{indexing_maps = [{ID}, {ID}], iterator_types = {PAR}}}
      ins({operand} : tensor<{shape}xf32>) outs({empty} : tensor<{shape}xf32>) {{
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  }} -> tensor<{shape}xf32>
"""


weights = 'dense<"0x' + w.astype("<f4").tobytes().hex().upper() + '">'
text = f"""func.func @main(%arg0: tensor<1x{H}x{W}x{C}xf32>) -> tensor<1x{H}x{W}x{F}xf32> {{
  %zero = arith.constant 0.0 : f32
{relu_op("%r", "%arg0", "%e0", f"1x{H}x{W}x{C}")}  %w = arith.constant {weights} : tensor<1x1x{C}x{F}xf32>
  %e1 = tensor.empty() : tensor<1x{H}x{W}x{F}xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e1 : tensor<1x{H}x{W}x{F}xf32>) -> tensor<1x{H}x{W}x{F}xf32>
  %c = linalg.conv_2d_nhwc_hwcf {{dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}}
      ins(%r, %w : tensor<1x{H}x{W}x{C}xf32>, tensor<1x1x{C}x{F}xf32>) outs(%f : tensor<1x{H}x{W}x{F}xf32>) -> tensor<1x{H}x{W}x{F}xf32>
{relu_op("%o", "%c", "%e2", f"1x{H}x{W}x{F}")}  return %o : tensor<1x{H}x{W}x{F}xf32>
}}
"""

out_dir = sys.argv[1]
name = sys.argv[2] if len(sys.argv) > 2 else "conv1x1"
with open(os.path.join(out_dir, name + ".mlir"), "w") as f:
    f.write(text)
x.astype("<f4").tofile(os.path.join(out_dir, "input.bin"))
y.astype("<f4").tofile(os.path.join(out_dir, "expected.bin"))
