//===- KernelUtils.cpp - building blocks of the vector kernels ------------===//

#include "passes/kernels/KernelUtils.h"
#include "passes/ConstantBuilders.h"

#include "dialects/MncAbi.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

namespace mnc::kernel {

Value constantIndex(OpBuilder &b, Location loc, int64_t value) {
  return b.create<arith::ConstantIndexOp>(loc, value);
}

/// value * scale + offset, folded where constant.
Value scaleAdd(OpBuilder &b, Location loc, Value value, int64_t scale,
               int64_t offset) {
  if (scale != 1)
    value = b.createOrFold<arith::MulIOp>(loc, value,
                                          constantIndex(b, loc, scale));
  if (offset != 0)
    value = b.createOrFold<arith::AddIOp>(loc, value,
                                          constantIndex(b, loc, offset));
  return value;
}

Value add(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  return b.createOrFold<arith::AddIOp>(loc, lhs, rhs);
}

/// The two positions (index / inner, index % inner) of a loop that runs
/// over pairs, the second of `inner` varying fastest.
std::pair<Value, Value> splitPair(OpBuilder &b, Location loc, Value index,
                                  int64_t inner) {
  Value count = constantIndex(b, loc, inner);
  return {b.createOrFold<arith::DivUIOp>(loc, index, count),
          b.createOrFold<arith::RemUIOp>(loc, index, count)};
}

/// for iv in [lower, upper) step `step`, carrying `inits`. A loop of one
/// iteration is emitted inline with a constant induction variable, so 1x1
/// filters and single tiles leave no loop behind. `parallel` marks the loop
/// (when there is one) with abi::kParallelAttr.
SmallVector<Value> forLoop(OpBuilder &b, Location loc, int64_t lower,
                           int64_t upper, int64_t step, ValueRange inits,
                           LoopBody body, bool parallel) {
  if (upper <= lower)
    return llvm::to_vector(inits);
  if (upper - lower <= step)
    return body(b, constantIndex(b, loc, lower), inits);
  auto loop = b.create<scf::ForOp>(
      loc, constantIndex(b, loc, lower), constantIndex(b, loc, upper),
      constantIndex(b, loc, step), inits,
      [&](OpBuilder &nested, Location nestedLoc, Value iv, ValueRange args) {
        nested.create<scf::YieldOp>(nestedLoc, body(nested, iv, args));
      });
  if (parallel)
    loop->setAttr(abi::kParallelAttr, b.getUnitAttr());
  return SmallVector<Value>(loop.getResults());
}

/// Tiles of `tile` over [0, length), carrying `state`: a loop over the full
/// tiles (marked `parallel` if asked), then the partial tile at the end, if
/// any, inline. `body` gets each tile's start and size.
SmallVector<Value> forEachTile(OpBuilder &b, Location loc, int64_t length,
                               int64_t tile, ValueRange state, TileBody body,
                               bool parallel) {
  int64_t full = length - length % tile;
  SmallVector<Value> results = forLoop(
      b, loc, 0, full, tile, state,
      [&](OpBuilder &b, Value start, ValueRange args) {
        return body(b, start, tile, args);
      },
      parallel);
  if (full < length)
    results = body(b, constantIndex(b, loc, full), length - full, results);
  return results;
}

/// forLoop unrolled `unroll` times in the IR (LLVM's own unroller is off:
/// it fully unrolled whole tiles into blocks that made instruction
/// scheduling take most of the compile time), then the remaining iterations.
SmallVector<Value> unrolledLoop(OpBuilder &b, Location loc, int64_t lower,
                                int64_t upper, int64_t unroll,
                                ValueRange inits, LoopBody body) {
  int64_t unrolledUpper = lower + (upper - lower) / unroll * unroll;
  SmallVector<Value> results = forLoop(
      b, loc, lower, unrolledUpper, unroll, inits,
      [&](OpBuilder &b, Value iv, ValueRange args) {
        SmallVector<Value> values(args);
        for (int64_t u = 0; u < unroll; ++u) {
          Value index = u == 0 ? iv
                               : b.createOrFold<arith::AddIOp>(
                                     loc, iv, constantIndex(b, loc, u));
          values = body(b, index, values);
        }
        return values;
      });
  return forLoop(b, loc, unrolledUpper, upper, 1, results, body);
}

/// Power-of-two widths, widest first and at most `lanes`, summing to `count`.
SmallVector<int64_t> powerOfTwoWidths(int64_t count, int64_t lanes) {
  SmallVector<int64_t> widths;
  while (count > 0) {
    int64_t width = lanes;
    while (width > count)
      width /= 2;
    widths.push_back(width);
    count -= width;
  }
  return widths;
}

/// Channels [first, first + count) in vectors of `lanes`: a loop over the
/// full vectors, then the power-of-two tail vectors inline, carrying
/// `state`. `body` gets each vector's first channel and width.
SmallVector<Value> forEachChannelVector(OpBuilder &b, Location loc,
                                        int64_t first, int64_t count,
                                        int64_t lanes, ValueRange state,
                                        ChannelVectorBody body) {
  int64_t full = count - count % lanes;
  SmallVector<Value> results = forLoop(
      b, loc, first, first + full, lanes, state,
      [&](OpBuilder &b, Value channel, ValueRange args) {
        return body(b, channel, lanes, args);
      });
  int64_t offset = first + full;
  for (int64_t width : powerOfTwoWidths(count % lanes, lanes)) {
    results = body(b, constantIndex(b, loc, offset), width, results);
    offset += width;
  }
  return results;
}

VectorType f32Vector(OpBuilder &b, int64_t width) {
  return VectorType::get({width}, b.getF32Type());
}

Value readVector(OpBuilder &b, Location loc, Value tensor, ValueRange indices,
                 int64_t width) {
  return b.create<vector::TransferReadOp>(loc, f32Vector(b, width), tensor,
                                          indices, ArrayRef<bool>{true});
}

Value writeVector(OpBuilder &b, Location loc, Value vector, Value tensor,
                  ValueRange indices) {
  return b
      .create<vector::TransferWriteOp>(loc, vector, tensor, indices,
                                       ArrayRef<bool>{true})
      .getResult();
}

/// Views `value` of shape [N, A, B, C] as [N, 1, A * B, C] (and back with
/// `restoreShape`): both reshapes bufferize to views.
Value flattenRows(OpBuilder &b, Location loc, Value value) {
  ArrayRef<int64_t> s = cast<RankedTensorType>(value.getType()).getShape();
  return restoreShape(b, loc, value, {s[0], 1, s[1] * s[2], s[3]});
}

Value restoreShape(OpBuilder &b, Location loc, Value value,
                   ArrayRef<int64_t> shape) {
  ArrayRef<int64_t> s = cast<RankedTensorType>(value.getType()).getShape();
  Type f32 = b.getF32Type();
  SmallVector<ReassociationIndices> merge = {{0}, {1, 2}, {3}};
  Value collapsed = b.create<tensor::CollapseShapeOp>(
      loc, RankedTensorType::get({s[0], s[1] * s[2], s[3]}, f32), value,
      merge);
  return b.create<tensor::ExpandShapeOp>(
      loc, RankedTensorType::get(shape, f32), collapsed, merge);
}

/// Accumulators start from the bias (or zero), one vector per width.
SmallVector<Value> biasVectors(OpBuilder &b, Location loc, Value bias,
                               Value channel, ArrayRef<int64_t> widths) {
  SmallVector<Value> vectors;
  int64_t offset = 0;
  for (int64_t width : widths) {
    vectors.push_back(
        bias ? readVector(b, loc, bias, add(b, loc, channel,
                                            constantIndex(b, loc, offset)),
                          width)
             : constantF32(b, loc, f32Vector(b, width), 0.0f));
    offset += width;
  }
  return vectors;
}

/// Activation, residual add and store of one output vector at `indices`
/// (n, oh, ow, channel), shifted by the output padding.
/// `stored`, when given, receives the vector written.
Value storeOutput(OpBuilder &b, Location loc, Value accumulator,
                  const ConvKernelOperands &operands, Value residual,
                  Value output, ArrayRef<Value> indices,
                  Value *stored) {
  Value result = emitActivation(b, loc, accumulator, operands.activation);
  if (residual) {
    int64_t width = cast<VectorType>(accumulator.getType()).getNumElements();
    result = b.create<arith::AddFOp>(
        loc, result, readVector(b, loc, residual, indices, width));
  }
  SmallVector<Value> at(indices);
  if (!operands.outputPadding.empty()) {
    at[1] = scaleAdd(b, loc, at[1], 1, operands.outputPadding[0]);
    at[2] = scaleAdd(b, loc, at[2], 1, operands.outputPadding[1]);
  }
  if (stored)
    *stored = result;
  return writeVector(b, loc, result, output, at);
}

/// Zero vectors (channels [channel, channel + channels) in widths of at most
/// `lanes`) at pixels [row, row + rows) x [column, column + columns) of
/// image `n`.
Value zeroPixels(OpBuilder &b, Location loc, Value tensor, Value n,
                 Value row, int64_t rows, int64_t column, int64_t columns,
                 Value channel, int64_t channels, int64_t lanes) {
  SmallVector<int64_t> widths = powerOfTwoWidths(channels, lanes);
  return forLoop(
      b, loc, 0, rows, 1, tensor,
      [&](OpBuilder &b, Value h, ValueRange args) {
        Value at = add(b, loc, row, h);
        return forLoop(
            b, loc, column, column + columns, 1, args,
            [&](OpBuilder &b, Value w, ValueRange args) {
              Value tensor = args[0];
              int64_t offset = 0;
              for (int64_t width : widths) {
                tensor = writeVector(
                    b, loc, constantF32(b, loc, f32Vector(b, width), 0.0f),
                    tensor, {n, at, w, scaleAdd(b, loc, channel, 1, offset)});
                offset += width;
              }
              return SmallVector<Value>{tensor};
            });
      })[0];
}

/// The shape of a kernel's result: `shape` plus its output padding.
SmallVector<int64_t> paddedShape(const ConvKernelOperands &operands,
                                 ArrayRef<int64_t> shape) {
  ArrayRef<int64_t> pad = operands.outputPadding;
  if (pad.empty())
    return SmallVector<int64_t>(shape);
  return {shape[0], shape[1] + pad[0] + pad[2], shape[2] + pad[1] + pad[3],
          shape[3]};
}

/// The tensor a kernel writes into. When it is padded and `zeroBorders`,
/// its borders are zeroed here; otherwise the kernel zeroes them row by row
/// (zeroRowBorders), inside the loop threads share.
Value outputInit(OpBuilder &b, Location loc,
                 const ConvKernelOperands &operands, ArrayRef<int64_t> shape,
                 int64_t lanes, bool zeroBorders) {
  SmallVector<int64_t> padded = paddedShape(operands, shape);
  Value result = b.create<tensor::EmptyOp>(loc, padded, b.getF32Type());
  if (operands.outputPadding.empty() || !zeroBorders)
    return result;
  ArrayRef<int64_t> pad = operands.outputPadding;
  return forLoop(
      b, loc, 0, shape[0], 1, result,
      [&](OpBuilder &b, Value n, ValueRange args) {
        Value t = args[0];
        Value c = constantIndex(b, loc, 0);
        t = zeroPixels(b, loc, t, n, constantIndex(b, loc, 0), pad[0], 0,
                       padded[2], c, shape[3], lanes);
        t = zeroPixels(b, loc, t, n, constantIndex(b, loc, padded[1] - pad[2]),
                       pad[2], 0, padded[2], c, shape[3], lanes);
        t = zeroPixels(b, loc, t, n, constantIndex(b, loc, pad[0]), shape[1],
                       0, pad[1], c, shape[3], lanes);
        t = zeroPixels(b, loc, t, n, constantIndex(b, loc, pad[0]), shape[1],
                       padded[2] - pad[3], pad[3], c, shape[3], lanes);
        return SmallVector<Value>{t};
      })[0];
}

/// Zeroes the borders of padded output row `oh` (of `shape`'s rows): its
/// left and right padding, and the top (bottom) padding rows with the first
/// (last) row; channels [channel, channel + channels), all when `channel` is
/// null.
Value zeroRowBorders(OpBuilder &b, Location loc,
                     const ConvKernelOperands &operands,
                     ArrayRef<int64_t> shape, int64_t lanes, Value output,
                     Value n, Value oh, Value channel,
                     int64_t channels) {
  ArrayRef<int64_t> pad = operands.outputPadding;
  if (pad.empty())
    return output;
  SmallVector<int64_t> padded = paddedShape(operands, shape);
  if (!channel) {
    channel = constantIndex(b, loc, 0);
    channels = shape[3];
  }
  Value row = scaleAdd(b, loc, oh, 1, pad[0]);
  output = zeroPixels(b, loc, output, n, row, 1, 0, pad[1], channel, channels,
                      lanes);
  output = zeroPixels(b, loc, output, n, row, 1, padded[2] - pad[3], pad[3],
                      channel, channels, lanes);
  auto onRow = [&](int64_t which, int64_t firstRow, int64_t rows) {
    if (rows == 0)
      return;
    Value isRow = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, oh,
                                          constantIndex(b, loc, which));
    auto branch = b.create<scf::IfOp>(
        loc, isRow,
        [&](OpBuilder &b, Location loc) {
          b.create<scf::YieldOp>(
              loc, zeroPixels(b, loc, output, n,
                              constantIndex(b, loc, firstRow), rows, 0,
                              padded[2], channel, channels, lanes));
        },
        [&](OpBuilder &b, Location loc) {
          b.create<scf::YieldOp>(loc, output);
        });
    output = branch.getResult(0);
  };
  onRow(0, 0, pad[0]);
  onRow(shape[1] - 1, padded[1] - pad[2], pad[2]);
  return output;
}

} // namespace mnc::kernel
