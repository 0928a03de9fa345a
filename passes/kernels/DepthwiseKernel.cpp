//===- DepthwiseKernel.cpp - the depthwise convolution kernel -------------===//
//
// emitDepthwiseKernel: each tile is `depthwiseColumns` output pixels of one
// row by one channel vector, the KH x KW taps unrolled; optionally the sums
// of the result's rows, added up while the tiles are in registers. The
// loops carry the output and, when asked for, the row sums. Like
// ConvKernelEmitter, DepthwiseKernelEmitter decides the threading once and
// builds the loop nest in member functions: image, row (or row and channel
// vector pairs), channel vector, tile.
//
//===----------------------------------------------------------------------===//

#include "passes/kernels/KernelUtils.h"
#include "passes/ConstantBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using namespace mnc;
using namespace mnc::kernel;

namespace {

class DepthwiseKernelEmitter {
public:
  DepthwiseKernelEmitter(Location loc, const ConvKernelOperands &operands,
                         const VectorTarget &target, bool withSums);

  /// The kernel's results: the output, then the row sums if asked for.
  SmallVector<Value> emit(OpBuilder &builder);

private:
  SmallVector<Value> tile(OpBuilder &b, Value n, Value oh, Value ow,
                          int64_t columns, Value c, int64_t width,
                          ValueRange state) const;
  SmallVector<Value> zeroSums(OpBuilder &b, Value n, Value oh, Value c,
                              int64_t count, ValueRange state) const;
  SmallVector<Value> channelTiles(OpBuilder &b, Value n, Value oh, Value ow,
                                  int64_t columns, ValueRange state) const;
  SmallVector<Value> rowOf(OpBuilder &b, Value n, Value oh, Value c,
                           int64_t width, ValueRange state) const;
  SmallVector<Value> rowVectorPair(OpBuilder &b, Value n, Value pair,
                                   ValueRange args) const;
  SmallVector<Value> row(OpBuilder &b, Value n, Value oh,
                         ValueRange args) const;
  SmallVector<Value> image(OpBuilder &b, Value n, ValueRange args) const;

  Location loc;
  const ConvKernelOperands &operands;
  ArrayRef<int64_t> outShape;
  int64_t batch, rowCount, rowLength, channels;
  int64_t kernelH, kernelW;
  /// The packed filter constant, [KH, KW, C].
  Value filter;
  int64_t lanes, fullChannels, tileColumns;
  bool withSums;
  // Threads share the rows, or, when there are few rows (a 7x7 stage would
  // split 4/3 over two threads) and more than one channel vector, the (row,
  // channel vector) pairs, row-major, so that each thread keeps about the
  // pixels it has in the layers before and after. The channel tail is the
  // last "vector" of each row.
  int64_t fullVectors;
  bool hasTail;
  int64_t perRow;
  bool rowsByVector;
};

DepthwiseKernelEmitter::DepthwiseKernelEmitter(
    Location loc, const ConvKernelOperands &operands,
    const VectorTarget &target, bool withSums)
    : loc(loc), operands(operands), withSums(withSums) {
  outShape = operands.outputShape;
  batch = outShape[0];
  rowCount = outShape[1];
  rowLength = outShape[2];
  channels = outShape[3];
  kernelH = operands.kernelH;
  kernelW = operands.kernelW;
  lanes = target.lanes;
  fullChannels = channels - channels % lanes;
  tileColumns = std::min(target.depthwiseColumns, rowLength);
  fullVectors = fullChannels / lanes;
  hasTail = fullChannels < channels;
  perRow = fullVectors + (hasTail ? 1 : 0);
  rowsByVector = rowCount < kMinParallelIterations && perRow > 1;
}

SmallVector<Value> DepthwiseKernelEmitter::emit(OpBuilder &builder) {
  filter = denseF32Constant(builder, loc, {kernelH, kernelW, channels},
                            operands.filter);
  SmallVector<Value> init = {outputInit(builder, loc, operands, outShape,
                                        lanes, /*zeroBorders=*/false)};
  if (withSums)
    init.push_back(builder.create<tensor::EmptyOp>(
        loc, ArrayRef<int64_t>{batch, rowCount, channels},
        builder.getF32Type()));
  return forLoop(builder, loc, 0, batch, 1, init,
                 [&](OpBuilder &b, Value n, ValueRange args) {
                   return image(b, n, args);
                 });
}

/// One tile: `columns` output pixels from (n, oh, ow) on, `width` channels
/// from `c` on; the taps are unrolled. Its sum over the columns is added to
/// the row sums while the results are still in registers.
SmallVector<Value> DepthwiseKernelEmitter::tile(OpBuilder &b, Value n,
                                                Value oh, Value ow,
                                                int64_t columns, Value c,
                                                int64_t width,
                                                ValueRange state) const {
  SmallVector<Value> accumulators(
      columns, biasVectors(b, loc, operands.bias, c, {width})[0]);
  Value rowBase = scaleAdd(b, loc, oh, operands.strideH, 0);
  Value columnBase = scaleAdd(b, loc, ow, operands.strideW, 0);
  for (int64_t kh = 0; kh < kernelH; ++kh) {
    Value ih = scaleAdd(b, loc, rowBase, 1, kh * operands.dilationH);
    for (int64_t kw = 0; kw < kernelW; ++kw) {
      Value weight = readVector(
          b, loc, filter,
          {constantIndex(b, loc, kh), constantIndex(b, loc, kw), c}, width);
      for (int64_t j = 0; j < columns; ++j) {
        Value iw = scaleAdd(b, loc, columnBase, 1,
                            j * operands.strideW + kw * operands.dilationW);
        Value x = readVector(b, loc, operands.input, {n, ih, iw, c}, width);
        accumulators[j] =
            b.create<vector::FMAOp>(loc, x, weight, accumulators[j]);
      }
    }
  }
  Value output = state[0], sum;
  for (int64_t j = 0; j < columns; ++j) {
    Value stored;
    output = storeOutput(b, loc, accumulators[j], operands, operands.residual,
                         output, {n, oh, scaleAdd(b, loc, ow, 1, j), c},
                         &stored);
    sum = sum ? b.create<arith::AddFOp>(loc, sum, stored) : stored;
  }
  if (!withSums)
    return {output};
  Value sums = state[1];
  Value previous = readVector(b, loc, sums, {n, oh, c}, width);
  return {output,
          writeVector(b, loc, b.create<arith::AddFOp>(loc, previous, sum),
                      sums, {n, oh, c})};
}

/// Zeroes the row sums of row (n, oh), channels [c, c + count), before its
/// tiles add to them.
SmallVector<Value> DepthwiseKernelEmitter::zeroSums(OpBuilder &b, Value n,
                                                    Value oh, Value c,
                                                    int64_t count,
                                                    ValueRange state) const {
  if (!withSums)
    return llvm::to_vector(state);
  Value sums = state[1];
  int64_t offset = 0;
  for (int64_t width : powerOfTwoWidths(count, lanes)) {
    sums = writeVector(b, loc, constantF32(b, loc, f32Vector(b, width), 0.0f),
                       sums, {n, oh, scaleAdd(b, loc, c, 1, offset)});
    offset += width;
  }
  return {state[0], sums};
}

/// All channel vectors of `columns` pixels from (n, oh, ow) on.
SmallVector<Value>
DepthwiseKernelEmitter::channelTiles(OpBuilder &b, Value n, Value oh,
                                     Value ow, int64_t columns,
                                     ValueRange state) const {
  return forEachChannelVector(
      b, loc, 0, channels, lanes, state,
      [&](OpBuilder &b, Value c, int64_t width, ValueRange state) {
        return tile(b, n, oh, ow, columns, c, width, state);
      });
}

/// The column tiles of row `oh` for the `width` channels from `c` on,
/// after zeroing those channels of its sums and of its borders.
SmallVector<Value> DepthwiseKernelEmitter::rowOf(OpBuilder &b, Value n,
                                                 Value oh, Value c,
                                                 int64_t width,
                                                 ValueRange state) const {
  SmallVector<Value> zeroed = zeroSums(b, n, oh, c, width, state);
  zeroed[0] = zeroRowBorders(b, loc, operands, outShape, lanes, zeroed[0], n,
                             oh, c, width);
  return forEachTile(
      b, loc, rowLength, tileColumns, zeroed,
      [&](OpBuilder &b, Value ow, int64_t columns, ValueRange state) {
        return tile(b, n, oh, ow, columns, c, width, state);
      });
}

/// (row, channel vector) pair `pair` (rowsByVector): a full vector, or the
/// channel tail in its power-of-two vectors.
SmallVector<Value> DepthwiseKernelEmitter::rowVectorPair(OpBuilder &b, Value n,
                                                         Value pair,
                                                         ValueRange args) const {
  Value oh, which;
  std::tie(oh, which) = splitPair(b, loc, pair, perRow);
  auto fullVector = [&](OpBuilder &b) {
    return rowOf(b, n, oh, scaleAdd(b, loc, which, lanes, 0), lanes, args);
  };
  if (!hasTail)
    return fullVector(b);
  Value isFull = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, which,
                                         constantIndex(b, loc, fullVectors));
  auto branch = b.create<scf::IfOp>(
      loc, isFull,
      [&](OpBuilder &b, Location loc) {
        b.create<scf::YieldOp>(loc, fullVector(b));
      },
      [&](OpBuilder &b, Location loc) {
        b.create<scf::YieldOp>(
            loc, forEachChannelVector(
                     b, loc, fullChannels, channels % lanes, lanes, args,
                     [&](OpBuilder &b, Value c, int64_t width,
                         ValueRange state) {
                       return rowOf(b, n, oh, c, width, state);
                     }));
      });
  return SmallVector<Value>(branch.getResults());
}

/// Row `oh`, all channels: its sums and borders zeroed, then its column
/// tiles.
SmallVector<Value> DepthwiseKernelEmitter::row(OpBuilder &b, Value n, Value oh,
                                               ValueRange args) const {
  SmallVector<Value> state =
      zeroSums(b, n, oh, constantIndex(b, loc, 0), channels, args);
  state[0] =
      zeroRowBorders(b, loc, operands, outShape, lanes, state[0], n, oh);
  return forEachTile(
      b, loc, rowLength, tileColumns, state,
      [&](OpBuilder &b, Value ow, int64_t columns, ValueRange state) {
        return channelTiles(b, n, oh, ow, columns, state);
      },
      // (The tiles of a row all add to its sums.)
      /*parallel=*/rowCount == 1 && !withSums);
}

/// Image `n`: its rows, or its (row, channel vector) pairs.
SmallVector<Value> DepthwiseKernelEmitter::image(OpBuilder &b, Value n,
                                                 ValueRange args) const {
  if (rowsByVector)
    return forLoop(
        b, loc, 0, rowCount * perRow, 1, args,
        [&](OpBuilder &b, Value pair, ValueRange args) {
          return rowVectorPair(b, n, pair, args);
        },
        /*parallel=*/true);
  return forLoop(
      b, loc, 0, rowCount, 1, args,
      [&](OpBuilder &b, Value oh, ValueRange args) {
        return row(b, n, oh, args);
      },
      /*parallel=*/rowCount > 1);
}

} // namespace

Value mnc::emitDepthwiseKernel(OpBuilder &builder, Location loc,
                               const ConvKernelOperands &operands,
                               const VectorTarget &target, Value *rowSums) {
  SmallVector<Value> results =
      DepthwiseKernelEmitter(loc, operands, target, rowSums != nullptr)
          .emit(builder);
  if (rowSums)
    *rowSums = results[1];
  return results[0];
}
