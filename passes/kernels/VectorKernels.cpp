//===- VectorKernels.cpp - register-blocked convolution kernels -----------===//
//
// The kernels are built on tensors, before bufferization: loops carry the
// output tensor, and vector.transfer_write into it bufferizes in place. The
// loop bounds are static, so a partial tile is emitted as its own straight
// copy of the tile code rather than with masks.
//
// This file holds the activation, the matrix kernel and the squeeze-and-
// excite's channel mean and scale; the convolution kernels are in
// passes/kernels/ (ConvKernel.cpp, DepthwiseKernel.cpp), built from
// passes/kernels/KernelUtils.h.
//
//===----------------------------------------------------------------------===//

#include "passes/kernels/VectorKernels.h"
#include "passes/ConstantBuilders.h"
#include "passes/kernels/KernelUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using namespace mnc;
using namespace mnc::kernel;

Value mnc::emitActivation(OpBuilder &b, Location loc, Value x,
                          ActivationAttr activation) {
  if (ActivationAttr::isIdentity(activation))
    return x;
  Type type = x.getType();
  auto constant = [&](float value) {
    return constantF32(b, loc, type, value);
  };
  auto hardSigmoid = [&](Value v) -> Value {
    Value scaled = b.create<arith::AddFOp>(
        loc,
        b.create<arith::MulFOp>(loc, v, constant(activation.getAlphaValue())),
        constant(activation.getBetaValue()));
    Value low = b.create<arith::MaximumFOp>(loc, scaled, constant(0));
    return b.create<arith::MinimumFOp>(loc, low, constant(1));
  };
  switch (activation.getKind()) {
  case ActivationKind::None:
    return x;
  case ActivationKind::Relu:
    return b.create<arith::MaximumFOp>(loc, x, constant(0));
  case ActivationKind::Clip: {
    Value low = b.create<arith::MaximumFOp>(
        loc, x, constant(activation.getAlphaValue()));
    return b.create<arith::MinimumFOp>(loc, low,
                                       constant(activation.getBetaValue()));
  }
  case ActivationKind::HardSigmoid:
    return hardSigmoid(x);
  case ActivationKind::HardSwish:
    return b.create<arith::MulFOp>(loc, x, hardSigmoid(x));
  case ActivationKind::Sigmoid: {
    Value negExp = b.create<math::ExpOp>(loc, b.create<arith::NegFOp>(loc, x));
    Value denominator = b.create<arith::AddFOp>(loc, constant(1), negExp);
    return b.create<arith::DivFOp>(loc, constant(1), denominator);
  }
  case ActivationKind::LeakyRelu: {
    Value negative = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT,
                                             x, constant(0));
    Value scaled =
        b.create<arith::MulFOp>(loc, x, constant(activation.getAlphaValue()));
    return b.create<arith::SelectOp>(loc, negative, scaled, x);
  }
  }
  llvm_unreachable("unknown activation");
}

Value mnc::emitMatmulKernel(OpBuilder &b, Location loc, Value input,
                            ArrayRef<float> weight, int64_t n, Value bias,
                            ActivationAttr activation,
                            const VectorTarget &target) {
  ArrayRef<int64_t> in = cast<RankedTensorType>(input.getType()).getShape();
  int64_t m = in[0], k = in[1];
  Type f32 = b.getF32Type();
  SmallVector<ReassociationIndices> rows = {{0, 1, 2}, {3}};
  Value image = b.create<tensor::ExpandShapeOp>(
      loc, RankedTensorType::get({1, 1, m, k}, f32), input, rows);
  SmallVector<int64_t> outShape = {1, 1, m, n};
  ConvKernelOperands operands;
  operands.input = image;
  operands.filter = weight;
  operands.bias = bias;
  operands.activation = activation;
  operands.outputShape = outShape;
  Value result = emitConvKernel(b, loc, operands, target);
  return b.create<tensor::CollapseShapeOp>(
      loc, RankedTensorType::get({m, n}, f32), result, rows);
}

Value mnc::emitChannelMean(OpBuilder &b, Location loc, Value input,
                           const VectorTarget &target, int64_t count) {
  ArrayRef<int64_t> s = cast<RankedTensorType>(input.getType()).getShape();
  int64_t batch = s[0], pixels = s[1] * s[2], channels = s[3];
  if (count == 0)
    count = pixels;
  Value rows = flattenRows(b, loc, input);
  int64_t lanes = target.lanes;
  // Accumulators for a group of channel vectors stay in registers over the
  // pixel loop.
  int64_t groupChannels = lanes * kMeanGroupVectors;
  int64_t fullChannels = channels - channels % groupChannels;
  SmallVector<int64_t> fullWidths(kMeanGroupVectors, lanes);
  SmallVector<int64_t> tailWidths =
      powerOfTwoWidths(channels % groupChannels, lanes);
  float scale = 1.0f / static_cast<float>(count);

  auto group = [&](OpBuilder &b, Value n, Value c,
                   ArrayRef<int64_t> widths, Value output) -> Value {
    SmallVector<Value> zeros;
    for (int64_t width : widths)
      zeros.push_back(constantF32(b, loc, f32Vector(b, width), 0.0f));
    SmallVector<Value> sums = forLoop(
        b, loc, 0, pixels, 1, zeros,
        [&](OpBuilder &b, Value p, ValueRange sums) {
          SmallVector<Value> next;
          int64_t offset = 0;
          for (auto [j, width] : llvm::enumerate(widths)) {
            Value x = readVector(
                b, loc, rows,
                {n, constantIndex(b, loc, 0), p, scaleAdd(b, loc, c, 1, offset)},
                width);
            next.push_back(b.create<arith::AddFOp>(loc, sums[j], x));
            offset += width;
          }
          return next;
        });
    int64_t offset = 0;
    for (auto [j, width] : llvm::enumerate(widths)) {
      Value mean = b.create<arith::MulFOp>(
          loc, sums[j], constantF32(b, loc, f32Vector(b, width), scale));
      output = writeVector(b, loc, mean, output,
                           {n, scaleAdd(b, loc, c, 1, offset)});
      offset += width;
    }
    return output;
  };

  Value init = b.create<tensor::EmptyOp>(
      loc, ArrayRef<int64_t>{batch, channels}, b.getF32Type());
  return forLoop(
      b, loc, 0, batch, 1, init,
      [&](OpBuilder &b, Value n, ValueRange args) {
        Value output =
            forLoop(b, loc, 0, fullChannels, groupChannels, args,
                    [&](OpBuilder &b, Value c, ValueRange args) {
                      return SmallVector<Value>{
                          group(b, n, c, fullWidths, args[0])};
                    })[0];
        if (!tailWidths.empty())
          output = group(b, n, constantIndex(b, loc, fullChannels),
                         tailWidths, output);
        return SmallVector<Value>{output};
      })[0];
}

Value mnc::emitChannelScale(OpBuilder &b, Location loc, Value input,
                            Value scale, const VectorTarget &target) {
  ArrayRef<int64_t> s = cast<RankedTensorType>(input.getType()).getShape();
  SmallVector<int64_t> shape(s);
  int64_t batch = s[0], pixels = s[1] * s[2], channels = s[3];
  // The result takes the input's place (bufferization copies only if the
  // input is still needed afterwards).
  Value rows = flattenRows(b, loc, input);
  int64_t lanes = target.lanes;

  auto scaled = [&](OpBuilder &b, Value n, Value p, Value c, int64_t width,
                    Value output) {
    SmallVector<Value> at = {n, constantIndex(b, loc, 0), p, c};
    Value x = readVector(b, loc, output, at, width);
    Value factor = readVector(b, loc, scale, {n, c}, width);
    return writeVector(b, loc, b.create<arith::MulFOp>(loc, x, factor),
                       output, at);
  };
  Value result = forLoop(
      b, loc, 0, batch, 1, rows,
      [&](OpBuilder &b, Value n, ValueRange args) {
        return forLoop(
            b, loc, 0, pixels, 1, args,
            [&](OpBuilder &b, Value p, ValueRange args) {
              return forEachChannelVector(
                  b, loc, 0, channels, lanes, args,
                  [&](OpBuilder &b, Value c, int64_t width, ValueRange state) {
                    return SmallVector<Value>{
                        scaled(b, n, p, c, width, state[0])};
                  });
            },
            /*parallel=*/true);
      })[0];
  return restoreShape(b, loc, result, shape);
}
