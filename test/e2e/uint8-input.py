# A library that takes a camera frame as it comes: --input-layout nhwc
# --input-type uint8 --mean R,G,B --std R,G,B. The model sees (pixel - mean)
# / std per channel; the results must be ONNX Runtime's on the float model
# fed that normalized image (test/lib/image_input_check.py makes a seeded
# random frame and the image in NumPy), at the borders too: the normalized
# image's zero padding is the frame's mean.
#
# The ImageNet numbers, in 8-bit pixel units:
# DEFINE: %{imagenet} = --layout nhwc --type uint8 --mean 123.675,116.28,103.53 --std 58.395,57.12,57.375
#
# A real classifier: MobileNetV3-Small, whose stem is a padded 3x3 stride-2
# convolution: the kernel reads the frame in place (no pass over the image
# before it), with NAME_run and NAME_run_parallel, and on AArch64 under qemu.
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %models/mnv3_small_op13.onnx --workdir %t.small %{imagenet} | FileCheck %s
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %models/mnv3_small_op13.onnx --workdir %t.small-par --parallel %{imagenet} | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/image_input_check.py --compiler mnc-compile --model %models/mnv3_small_op13.onnx --workdir %t.small-a64 --cross aarch64 --timeout 600 --layout nhwc --type uint8 --mean 123.675,116.28,103.53 --std 58.395,57.12,57.375 -- --mcpu cortex-a76 | FileCheck %s %}
#
# The fold, seen in the IR: after fusion the op keeps only the mean (the
# stem's filter took 1 / std); lowered, no linalg op reads the frame: the
# stem's kernel looks each byte it reads up in a table of the 256 values
# minus the channel's mean.
# RUN: mnc-compile %models/mnv3_small_op13.onnx --emit=fused --input-layout nhwc --input-type uint8 --mean 123.675,116.28,103.53 --std 58.395,57.12,57.375 | FileCheck %s --check-prefix=FUSED
# RUN: mnc-compile %models/mnv3_small_op13.onnx --emit=linalg --input-layout nhwc --input-type uint8 --mean 123.675,116.28,103.53 --std 58.395,57.12,57.375 | FileCheck %s --check-prefix=LINALG
#
# A small model whose first convolution pads every side differently, on an
# odd-sized image (3x3 stride 2, pads top 1, left 2, bottom 2, right 1).
# RUN: %python %s %t.pads.onnx pads
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %t.pads.onnx --workdir %t.pads %{imagenet} | FileCheck %s
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %t.pads.onnx --workdir %t.pads-par --parallel %{imagenet} | FileCheck %s
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %t.pads.onnx --workdir %t.pads-avx2 %{imagenet} -- --mattr=-avx512f | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/image_input_check.py --compiler mnc-compile --model %t.pads.onnx --workdir %t.pads-a64 --cross aarch64 --layout nhwc --type uint8 --mean 123.675,116.28,103.53 --std 58.395,57.12,57.375 -- --mcpu cortex-a76 | FileCheck %s %}
# Without vector kernels' fusion (the kernel divides by std as it reads).
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %t.pads.onnx --workdir %t.pads-unfused %{imagenet} -- --fuse=false | FileCheck %s
# The flags one at a time: a float NHWC frame; float NCHW with mean and std;
# 8-bit pixels without mean or std (the model sees the raw values); 8-bit
# NCHW planes (read in place through the byte tables too).
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %t.pads.onnx --workdir %t.pads-nhwc --layout nhwc | FileCheck %s
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %t.pads.onnx --workdir %t.pads-mean --mean 123.675,116.28,103.53 --std 58.395,57.12,57.375 | FileCheck %s
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %t.pads.onnx --workdir %t.pads-raw --layout nhwc --type uint8 | FileCheck %s
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %t.pads.onnx --workdir %t.pads-planes --type uint8 --mean 123.675,116.28,103.53 --std 58.395,57.12,57.375 | FileCheck %s
#
# The input's first consumer is no convolution (a max pool), or there are
# two (a convolution and the residual add): the normalization, layout
# change and conversion are one pass as the input is read. A pointwise
# first convolution takes 1 / std into its filter, the pass the mean.
# RUN: %python %s %t.pool.onnx pool
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %t.pool.onnx --workdir %t.pool %{imagenet} | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/image_input_check.py --compiler mnc-compile --model %t.pool.onnx --workdir %t.pool-a64 --cross aarch64 --layout nhwc --type uint8 --mean 123.675,116.28,103.53 --std 58.395,57.12,57.375 | FileCheck %s %}
# RUN: %python %s %t.two.onnx two
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %t.two.onnx --workdir %t.two %{imagenet} | FileCheck %s
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %t.two.onnx --workdir %t.two-par --parallel %{imagenet} | FileCheck %s
# RUN: %python %s %t.pointwise.onnx pointwise
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %t.pointwise.onnx --workdir %t.pointwise %{imagenet} | FileCheck %s
# RUN: mnc-compile %t.pool.onnx --emit=linalg --input-layout nhwc --input-type uint8 --mean 123.675,116.28,103.53 --std 58.395,57.12,57.375 | FileCheck %s --check-prefix=ONE-PASS
#
# A model of two inputs: the format names the image.
# RUN: %python %s %t.multi.onnx multi
# RUN: %python %testlib/image_input_check.py --compiler mnc-compile --model %t.multi.onnx --workdir %t.multi --input image %{imagenet} | FileCheck %s
# RUN: FileCheck %s --check-prefix=MULTI < %t.multi/model.h

# CHECK: PASS

# FUSED-LABEL: func.func @main(%arg0: tensor<1x224x224x3xi8> {mnc.input_format = {layout = "nhwc", mean = array<f32: 1.236750e+02, 1.162800e+02, 1.035300e+02>, std = array<f32: 5.839500e+01, 5.712000e+01, 5.737500e+01>}, mnc.name = "input"})
# FUSED:         %[[X:.*]] = mnc.normalize_input %arg0 {channels_last, mean = array<f32: 1.236750e+02, 1.162800e+02, 1.035300e+02>, std = array<f32: 1.000000e+00, 1.000000e+00, 1.000000e+00>} : (tensor<1x224x224x3xi8>) -> tensor<1x3x224x224xf32>
# FUSED:         mnc.conv2d %[[X]], %{{.*}} {{.*}}pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}

# LINALG-LABEL: func.func @main(%arg0: tensor<1x224x224x3xi8>
# LINALG-NOT:    linalg.generic {{.*}}ins(%arg0
# LINALG-NOT:    linalg.transpose
# LINALG:        %[[B:.*]] = tensor.extract %arg0[
# LINALG-NEXT:   %[[I:.*]] = arith.index_castui %[[B]] : i8 to index
# LINALG:        tensor.extract %{{.*}}[%[[I]]] : tensor<768xf32>
# LINALG-NOT:    linalg.generic {{.*}}ins(%arg0

# ONE-PASS-LABEL: func.func @main(%arg0: tensor<1x13x17x3xi8>
# ONE-PASS:         linalg.generic {{.*}} ins(%arg0, %{{.*}}, %{{.*}} : tensor<1x13x17x3xi8>, tensor<3xf32>, tensor<3xf32>) outs(%{{.*}} : tensor<1x13x17x3xf32>)
# ONE-PASS:           arith.uitofp
# ONE-PASS-NEXT:      arith.subf
# ONE-PASS-NEXT:      arith.mulf
# ONE-PASS-NOT:     %arg0

# MULTI:      /* 2 inputs and 1 output, in the order of the ONNX graph and of model_run's arguments. */
# MULTI:      #define MODEL_INPUT0_SIZE 663 /* bytes (uint8_t elements), NHWC */
# MULTI-NEXT: #define MODEL_INPUT0_RANK 4
# MULTI-NEXT: #define MODEL_INPUT0_SHAPE {1, 13, 17, 3} /* N, H, W, C */
# MULTI:      /* The input 1 'gain'. */
# MULTI-NEXT: #define MODEL_INPUT1_SIZE 8 /* float elements, in the ONNX input's layout */
# MULTI:      reads MODEL_INPUTk_SIZE elements (floats, or bytes for a
# MULTI:      int model_run(const uint8_t *input0, const float *input1, float *output0, void *workspace);

import sys

from onnx_testlib import check, helper, make_model, rand, save

H, W = 13, 17


def conv(name, x, y, w, b, **attrs):
    return helper.make_node("Conv", [x, w, b], [y], name=name, **attrs)


kind = sys.argv[2]
image = ("image" if kind == "multi" else "x", "float32", [1, 3, H, W])
inits = {"w1": rand([16, 3, 3, 3], seed=1), "b1": rand([16], seed=2),
         "w2": rand([8, 16, 1, 1], seed=3), "b2": rand([8], seed=4)}
if kind == "pads":
    # 13x17 -> (13 + 3 - 3) / 2 + 1 = 7 by (17 + 3 - 3) / 2 + 1 = 9.
    nodes = [conv("stem", "x", "c1", "w1", "b1", kernel_shape=[3, 3], strides=[2, 2],
                  pads=[1, 2, 2, 1]),
             helper.make_node("HardSwish", ["c1"], ["h1"], name="hswish"),
             conv("project", "h1", "y", "w2", "b2", kernel_shape=[1, 1])]
    model = make_model(nodes, [image], [("y", "float32", [1, 8, 7, 9])], inits, opset=14)
elif kind == "pool":
    # 13x17 -> max pool 2x2 stride 1 -> 12x16 -> 3x3 pad 1 -> 12x16.
    nodes = [helper.make_node("MaxPool", ["x"], ["p"], name="pool", kernel_shape=[2, 2]),
             conv("conv", "p", "c1", "w1", "b1", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["c1"], ["y"], name="relu")]
    model = make_model(nodes, [image], [("y", "float32", [1, 16, 12, 16])], inits)
elif kind == "two":
    # y = conv(x) + x: the input is read by the convolution and the add.
    inits = {"w1": rand([3, 3, 3, 3], seed=1), "b1": rand([3], seed=2)}
    nodes = [conv("conv", "x", "c1", "w1", "b1", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
             helper.make_node("Add", ["c1", "x"], ["y"], name="add")]
    model = make_model(nodes, [image], [("y", "float32", [1, 3, H, W])], inits)
elif kind == "pointwise":
    inits = {"w1": rand([16, 3, 1, 1], seed=1), "b1": rand([16], seed=2)}
    nodes = [conv("conv", "x", "c1", "w1", "b1", kernel_shape=[1, 1]),
             helper.make_node("Relu", ["c1"], ["y"], name="relu")]
    model = make_model(nodes, [image], [("y", "float32", [1, 16, H, W])], inits)
elif kind == "multi":
    # The image's stem, scaled per channel by a second (float) input.
    nodes = [conv("stem", "image", "c1", "w1", "b1", kernel_shape=[3, 3], strides=[2, 2],
                  pads=[1, 1, 1, 1]),
             conv("project", "c1", "c2", "w2", "b2", kernel_shape=[1, 1]),
             helper.make_node("Mul", ["c2", "gain"], ["y"], name="gain")]
    model = make_model(nodes, [image, ("gain", "float32", [1, 8, 1, 1])],
                       [("y", "float32", [1, 8, 7, 9])], inits)
else:
    raise SystemExit(f"unknown model kind {kind}")
save(check(model), sys.argv[1])
