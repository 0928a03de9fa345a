//===- VectorKernels.cpp - register-blocked convolution kernels -----------===//
//
// The kernels are built on tensors, before bufferization: loops carry the
// output tensor, and vector.transfer_write into it bufferizes in place. The
// loop bounds are static, so a partial tile is emitted as its own straight
// copy of the tile code rather than with masks.
//
//===----------------------------------------------------------------------===//

#include "passes/VectorKernels.h"
#include "dialects/MncAbi.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using namespace mnc;

namespace {

Value constantLike(OpBuilder &b, Location loc, Type type, float value) {
  if (auto vector = dyn_cast<VectorType>(type))
    return b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(vector, ArrayRef<float>{value}));
  return b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(value));
}

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

using LoopBody = function_ref<SmallVector<Value>(OpBuilder &, Value iv,
                                                 ValueRange iterArgs)>;

/// Each kernel marks the one loop whose iterations are independent and share
/// the work evenly (output rows, or pixel tiles) for splitting across threads.
using mnc::abi::kParallelAttr;

/// Input channels per iteration of a matrix kernel's reduction loop.
constexpr int64_t kChannelUnroll = 4;

/// Iterations below which a kernel's outer loop shares work unevenly
/// between threads (7 splits 4/3), so the threads share pairs of it and an
/// inner loop instead.
constexpr int64_t kMinParallelIterations = 8;

/// Most output pixels in one tile of a matrix kernel.
constexpr int64_t kMaxTileRows = 14;

/// Channel vectors summed together over the pixels by emitChannelMean.
constexpr int64_t kMeanGroupVectors = 4;

/// for iv in [lower, upper) step `step`, carrying `inits`. A loop of one
/// iteration is emitted inline with a constant induction variable, so 1x1
/// filters and single tiles leave no loop behind. `parallel` marks the loop
/// (when there is one) with kParallelAttr.
SmallVector<Value> forLoop(OpBuilder &b, Location loc, int64_t lower,
                           int64_t upper, int64_t step, ValueRange inits,
                           LoopBody body, bool parallel = false) {
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
    loop->setAttr(kParallelAttr, b.getUnitAttr());
  return SmallVector<Value>(loop.getResults());
}

using TileBody = function_ref<SmallVector<Value>(
    OpBuilder &, Value start, int64_t size, ValueRange state)>;

/// Tiles of `tile` over [0, length), carrying `state`: a loop over the full
/// tiles (marked `parallel` if asked), then the partial tile at the end, if
/// any, inline. `body` gets each tile's start and size.
SmallVector<Value> forEachTile(OpBuilder &b, Location loc, int64_t length,
                               int64_t tile, ValueRange state, TileBody body,
                               bool parallel = false) {
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

using ChannelVectorBody = function_ref<SmallVector<Value>(
    OpBuilder &, Value channel, int64_t width, ValueRange state)>;

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

Value denseTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                  ArrayRef<float> data) {
  auto type = RankedTensorType::get(shape, b.getF32Type());
  return b.create<arith::ConstantOp>(loc, DenseElementsAttr::get(type, data));
}

/// Views `value` of shape [N, A, B, C] as [N, 1, A * B, C] (and back with
/// `restoreShape`): both reshapes bufferize to views.
Value flattenRows(OpBuilder &b, Location loc, Value value) {
  ArrayRef<int64_t> s = cast<RankedTensorType>(value.getType()).getShape();
  Type f32 = b.getF32Type();
  SmallVector<ReassociationIndices> merge = {{0}, {1, 2}, {3}};
  Value collapsed = b.create<tensor::CollapseShapeOp>(
      loc, RankedTensorType::get({s[0], s[1] * s[2], s[3]}, f32), value,
      merge);
  return b.create<tensor::ExpandShapeOp>(
      loc, RankedTensorType::get({s[0], 1, s[1] * s[2], s[3]}, f32), collapsed,
      merge);
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
             : constantLike(b, loc, f32Vector(b, width), 0.0f));
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
                  Value *stored = nullptr) {
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
                    b, loc, constantLike(b, loc, f32Vector(b, width), 0.0f),
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
                     Value n, Value oh, Value channel = Value(),
                     int64_t channels = 0) {
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

} // namespace

Value mnc::emitActivation(OpBuilder &b, Location loc, Value x,
                          ActivationAttr activation) {
  if (!activation)
    return x;
  Type type = x.getType();
  auto constant = [&](float value) {
    return constantLike(b, loc, type, value);
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
  }
  llvm_unreachable("unknown activation");
}

Value mnc::emitConvKernel(OpBuilder &builder, Location loc,
                          const ConvKernelOperands &operands,
                          const VectorTarget &target) {
  ArrayRef<int64_t> outShape = operands.outputShape;
  ArrayRef<int64_t> inShape =
      cast<RankedTensorType>(operands.input.getType()).getShape();
  bool nchw = operands.inputNCHW;
  int64_t batch = outShape[0], channels = outShape[3],
          inChannels = inShape[nchw ? 1 : 3];
  int64_t kernelH = operands.kernelH, kernelW = operands.kernelW;
  int64_t strideH = operands.strideH, strideW = operands.strideW;
  int64_t dilationH = operands.dilationH, dilationW = operands.dilationW;
  Value input = operands.input, residual = operands.residual;
  // A pointwise convolution sees all pixels as one row, so that every tile
  // is full however the image width divides. (Not when its output is padded
  // or its residual is the interior of a padded tensor: neither is one
  // contiguous row.)
  int64_t rowCount = outShape[1], rowLength = outShape[2];
  bool flatten = kernelH == 1 && kernelW == 1 && strideH == 1 &&
                 strideW == 1 && !nchw && inShape[1] == rowCount &&
                 inShape[2] == rowLength && rowCount > 1 &&
                 operands.outputPadding.empty() &&
                 !(residual && residual.getDefiningOp<tensor::ExtractSliceOp>());
  if (flatten) {
    input = flattenRows(builder, loc, input);
    if (residual)
      residual = flattenRows(builder, loc, residual);
    rowLength *= rowCount;
    rowCount = 1;
  }

  int64_t lanes = target.lanes;
  // A single row (a matrix-vector product) keeps the tile's channel
  // vectors: it is bound by streaming the weights, not by its few FMA
  // chains, and narrow tiles share evenly between threads (a squeeze's 144
  // outputs are 9 vectors: tiles of 4 would split 8/1 over two threads).
  int64_t vectorsPerTile = target.vectorsPerTile;
  int64_t tileChannels = lanes * vectorsPerTile;
  SmallVector<int64_t> fullWidths(vectorsPerTile, lanes);
  SmallVector<int64_t> tailWidths =
      powerOfTwoWidths(channels % tileChannels, lanes);
  int64_t fullChannels = channels - channels % tileChannels;
  // With fewer channel vectors than a full tile (a stem conv with 16 output
  // channels), more pixels per tile keep as many accumulators busy.
  int64_t tileVectors =
      fullChannels > 0 ? vectorsPerTile : static_cast<int64_t>(tailWidths.size());
  int64_t tileRows = std::clamp<int64_t>(
      target.rows * target.vectorsPerTile / std::max<int64_t>(tileVectors, 1),
      1, std::min(kMaxTileRows, rowLength));
  int64_t fullRows = rowLength - rowLength % tileRows;

  // The filter packed tile by tile: the [KH * KW * C] x [tile width] block
  // of each channel tile is contiguous (at f * reduction for the tile
  // starting at channel f), so a tile streams its weights sequentially.
  int64_t reduction = kernelH * kernelW * inChannels;
  SmallVector<float> packed(reduction * channels);
  auto packTile = [&](int64_t first, int64_t width) {
    for (int64_t k = 0; k < reduction; ++k)
      for (int64_t j = 0; j < width; ++j)
        packed[first * reduction + k * width + j] =
            operands.filter[k * channels + first + j];
  };
  for (int64_t first = 0; first < fullChannels; first += tileChannels)
    packTile(first, tileChannels);
  if (fullChannels < channels)
    packTile(fullChannels, channels - fullChannels);
  Value filter = denseTensor(builder, loc, {reduction * channels}, packed);

  // Input padding that is not in the input: reads at row ih - top and
  // column iw - left, checked in the tiles that reach the borders.
  ArrayRef<int64_t> inputPadding = operands.inputPadding;
  int64_t padTop = inputPadding.empty() ? 0 : inputPadding[0];
  int64_t padLeft = inputPadding.empty() ? 0 : inputPadding[1];
  int64_t inputH = inShape[nchw ? 2 : 1], inputW = inShape[nchw ? 3 : 2];
  auto readInput = [&](OpBuilder &b, Value n, Value c, Value ih, Value iw,
                       bool guarded) -> Value {
    auto at = [&](Value y, Value x) {
      return b.create<tensor::ExtractOp>(
          loc, input, nchw ? ValueRange{n, c, y, x} : ValueRange{n, y, x, c});
    };
    if (!guarded)
      return at(ih, iw);
    auto compare = [&](arith::CmpIPredicate predicate, Value v, int64_t k) {
      return b.create<arith::CmpIOp>(loc, predicate, v,
                                     constantIndex(b, loc, k));
    };
    auto clamp = [&](Value v, int64_t size) {
      return b.create<arith::MaxSIOp>(
          loc,
          b.create<arith::MinSIOp>(loc, v, constantIndex(b, loc, size - 1)),
          constantIndex(b, loc, 0));
    };
    using P = arith::CmpIPredicate;
    Value inside = b.create<arith::AndIOp>(
        loc,
        b.create<arith::AndIOp>(loc, compare(P::sge, ih, 0),
                                compare(P::slt, ih, inputH)),
        b.create<arith::AndIOp>(loc, compare(P::sge, iw, 0),
                                compare(P::slt, iw, inputW)));
    return b.create<arith::SelectOp>(
        loc, inside, at(clamp(ih, inputH), clamp(iw, inputW)),
        constantLike(b, loc, b.getF32Type(), 0.0f));
  };

  // One tile: `rows` output pixels from (n, oh, ow) on, channels from `f`
  // on in vectors of `widths`; `guarded` checks each input read against the
  // input's bounds.
  auto tileOf = [&](OpBuilder &b, Value n, Value oh, Value ow, int64_t rows,
                    Value f, ArrayRef<int64_t> widths, Value output,
                    bool guarded) -> Value {
    int64_t vectors = widths.size();
    SmallVector<Value> channelOf;
    SmallVector<int64_t> offsets;
    int64_t offset = 0;
    for (int64_t width : widths) {
      channelOf.push_back(add(b, loc, f, constantIndex(b, loc, offset)));
      offsets.push_back(offset);
      offset += width;
    }
    int64_t tileWidth = offset;
    Value tileWeights = scaleAdd(b, loc, f, reduction, 0);
    SmallVector<Value> bias =
        biasVectors(b, loc, operands.bias, f, widths);
    SmallVector<Value> inits;
    for (int64_t r = 0; r < rows; ++r)
      llvm::append_range(inits, bias);

    Value rowBase = scaleAdd(b, loc, oh, strideH, -padTop);
    Value columnBase = scaleAdd(b, loc, ow, strideW, -padLeft);
    SmallVector<Value> accumulators = forLoop(
        b, loc, 0, kernelH, 1, inits,
        [&](OpBuilder &b, Value kh, ValueRange accs) {
          Value ih = add(b, loc, rowBase, scaleAdd(b, loc, kh, dilationH, 0));
          return forLoop(
              b, loc, 0, kernelW, 1, accs,
              [&](OpBuilder &b, Value kw, ValueRange accs) {
                Value iw0 = add(b, loc, columnBase,
                                scaleAdd(b, loc, kw, dilationW, 0));
                // Row (kh * KW + kw) * C of the tile's packed weights.
                Value tap = scaleAdd(
                    b, loc, add(b, loc, scaleAdd(b, loc, kh, kernelW, 0), kw),
                    inChannels * tileWidth, 0);
                Value tapWeights = add(b, loc, tileWeights, tap);
                // A few input channels (an image's 3) unroll completely.
                int64_t unroll = inChannels < 2 * kChannelUnroll
                                     ? inChannels
                                     : kChannelUnroll;
                return unrolledLoop(
                    b, loc, 0, inChannels, unroll, accs,
                    [&](OpBuilder &b, Value c, ValueRange accs) {
                      Value row = add(b, loc, tapWeights,
                                      scaleAdd(b, loc, c, tileWidth, 0));
                      SmallVector<Value> weights;
                      for (int64_t j = 0; j < vectors; ++j)
                        weights.push_back(readVector(
                            b, loc, filter,
                            {scaleAdd(b, loc, row, 1, offsets[j])},
                            widths[j]));
                      SmallVector<Value> next;
                      for (int64_t r = 0; r < rows; ++r) {
                        Value iw = scaleAdd(b, loc, iw0, 1, r * strideW);
                        Value x = readInput(b, n, c, ih, iw, guarded);
                        for (int64_t j = 0; j < vectors; ++j) {
                          Value splat = b.create<vector::BroadcastOp>(
                              loc, f32Vector(b, widths[j]), x);
                          next.push_back(b.create<vector::FMAOp>(
                              loc, splat, weights[j], accs[r * vectors + j]));
                        }
                      }
                      return next;
                    });
              });
        });

    for (int64_t r = 0; r < rows; ++r) {
      Value column = scaleAdd(b, loc, ow, 1, r);
      for (int64_t j = 0; j < vectors; ++j)
        output = storeOutput(b, loc, accumulators[r * vectors + j], operands,
                             residual, output,
                             {n, oh, column, channelOf[j]});
    }
    return output;
  };
  // Output columns whose filter window reaches the input's left padding
  // (ow * stride < left) or its right padding.
  int64_t leftColumns = 0, rightColumns = 0;
  if (!inputPadding.empty()) {
    leftColumns = std::min(rowLength, llvm::divideCeilSigned(padLeft, strideW));
    int64_t firstRight = llvm::divideCeilSigned(
        inputW + padLeft - (kernelW - 1) * dilationW, strideW);
    rightColumns =
        rowLength - std::clamp(firstRight, leftColumns, rowLength);
  }
  // The tile, with checked reads only where it reaches the input padding.
  auto tile = [&](OpBuilder &b, Value n, Value oh, Value ow, int64_t rows,
                  Value f, ArrayRef<int64_t> widths, Value output) -> Value {
    if (inputPadding.empty())
      return tileOf(b, n, oh, ow, rows, f, widths, output, false);
    using P = arith::CmpIPredicate;
    auto within = [&](Value first, int64_t extent, int64_t size) {
      Value last = scaleAdd(b, loc, first, 1, extent);
      return b.create<arith::AndIOp>(
          loc,
          b.create<arith::CmpIOp>(loc, P::sge, first,
                                  constantIndex(b, loc, 0)),
          b.create<arith::CmpIOp>(loc, P::slt, last,
                                  constantIndex(b, loc, size)));
    };
    Value interior = b.create<arith::AndIOp>(
        loc,
        within(scaleAdd(b, loc, oh, strideH, -padTop),
               (kernelH - 1) * dilationH, inputH),
        within(scaleAdd(b, loc, ow, strideW, -padLeft),
               (rows - 1) * strideW + (kernelW - 1) * dilationW, inputW));
    auto branch = b.create<scf::IfOp>(
        loc, interior,
        [&](OpBuilder &b, Location loc) {
          b.create<scf::YieldOp>(
              loc, tileOf(b, n, oh, ow, rows, f, widths, output, false));
        },
        [&](OpBuilder &b, Location loc) {
          b.create<scf::YieldOp>(
              loc, tileOf(b, n, oh, ow, rows, f, widths, output, true));
        });
    return branch.getResult(0);
  };

  // All channel tiles of `rows` pixels from (n, oh, ow) on.
  // Threads share the outer loop. With few pixel tiles in one row (a 7x7
  // stage: 7 tiles would split 4/3 over two threads; a matrix-vector
  // product: one), they share the (pixel tile, channel tile) pairs.
  int64_t pixelTiles = fullRows / tileRows;
  int64_t channelTileCount = fullChannels / tileChannels;
  bool channelsOuter = rowCount == 1 &&
                       pixelTiles < 2 * kMinParallelIterations &&
                       channelTileCount > 0;

  // All channel tiles of `rows` pixels from (n, oh, ow) on.
  auto channelTiles = [&](OpBuilder &b, Value n, Value oh, Value ow,
                          int64_t rows, Value output) -> Value {
    output = forLoop(b, loc, 0, fullChannels, tileChannels, output,
                     [&](OpBuilder &b, Value f, ValueRange args) {
                       return SmallVector<Value>{
                           tile(b, n, oh, ow, rows, f, fullWidths, args[0])};
                     })[0];
    if (!tailWidths.empty())
      output = tile(b, n, oh, ow, rows, constantIndex(b, loc, fullChannels),
                    tailWidths, output);
    return output;
  };
  SmallVector<int64_t> unpaddedShape = {batch, rowCount, rowLength, channels};
  Value init = outputInit(builder, loc, operands, unpaddedShape, lanes,
                          /*zeroBorders=*/channelsOuter);
  // Channel tile `which` (of channelTileCount full ones, then the tail, if
  // any) as `body` sees it: its first channel and vector widths.
  bool hasTail = !tailWidths.empty();
  int64_t tilesPerPixels = channelTileCount + (hasTail ? 1 : 0);
  using ChannelTileBody = function_ref<Value(
      OpBuilder &, Value f, ArrayRef<int64_t> widths, Value output)>;
  auto channelTileAt = [&](OpBuilder &b, Value which, Value output,
                           ChannelTileBody body) -> Value {
    Value f = scaleAdd(b, loc, which, tileChannels, 0);
    if (!hasTail)
      return body(b, f, fullWidths, output);
    if (channelTileCount == 0)
      return body(b, constantIndex(b, loc, fullChannels), tailWidths, output);
    Value isFull =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, which,
                                constantIndex(b, loc, channelTileCount));
    auto branch = b.create<scf::IfOp>(
        loc, isFull,
        [&](OpBuilder &b, Location loc) {
          b.create<scf::YieldOp>(loc, body(b, f, fullWidths, output));
        },
        [&](OpBuilder &b, Location loc) {
          b.create<scf::YieldOp>(
              loc, body(b, constantIndex(b, loc, fullChannels), tailWidths,
                        output));
        });
    return branch.getResult(0);
  };

  // A few rows (a 7x7 stage: 7 would split 4/3 over two threads) share the
  // (row, group of channel tiles) pairs instead, with enough groups for 16
  // pairs; each group runs its channel tiles in a loop, and the first group
  // of a row zeroes the row's borders (zeroing each tile's part of them
  // just before the tile made the layer ~7% slower).
  bool rowsByChannelGroup = rowCount > 1 &&
                            rowCount < kMinParallelIterations &&
                            tilesPerPixels > 1;
  int64_t channelGroups = std::min(
      tilesPerPixels,
      llvm::divideCeilSigned(2 * kMinParallelIterations, rowCount));
  int64_t tilesPerGroup = llvm::divideCeilSigned(tilesPerPixels, channelGroups);
  // The channel tiles of group `group` of row `oh`.
  auto channelGroup = [&](OpBuilder &b, Value n, Value oh, Value group,
                          Value output) -> Value {
    if (!operands.outputPadding.empty()) {
      Value isFirst = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq,
                                              group, constantIndex(b, loc, 0));
      output =
          b.create<scf::IfOp>(
               loc, isFirst,
               [&](OpBuilder &b, Location loc) {
                 b.create<scf::YieldOp>(
                     loc, zeroRowBorders(b, loc, operands, unpaddedShape,
                                         lanes, output, n, oh));
               },
               [&](OpBuilder &b, Location loc) {
                 b.create<scf::YieldOp>(loc, output);
               })
              .getResult(0);
    }
    Value first = scaleAdd(b, loc, group, tilesPerGroup, 0);
    Value last = b.create<arith::MinUIOp>(
        loc, scaleAdd(b, loc, first, 1, tilesPerGroup),
        constantIndex(b, loc, tilesPerPixels));
    auto loop = b.create<scf::ForOp>(
        loc, first, last, constantIndex(b, loc, 1), ValueRange{output},
        [&](OpBuilder &b, Location loc, Value which, ValueRange args) {
          b.create<scf::YieldOp>(
              loc, channelTileAt(
                       b, which, args[0],
                       [&](OpBuilder &b, Value f, ArrayRef<int64_t> widths,
                           Value output) {
                         return forEachTile(
                             b, loc, rowLength, tileRows, output,
                             [&](OpBuilder &b, Value ow, int64_t rows,
                                 ValueRange state) {
                               return SmallVector<Value>{tile(
                                   b, n, oh, ow, rows, f, widths, state[0])};
                             })[0];
                       }));
        });
    return loop.getResult(0);
  };
  Value result = forLoop(
      builder, loc, 0, batch, 1, init,
      [&](OpBuilder &b, Value n, ValueRange args) {
        if (rowsByChannelGroup)
          return forLoop(
              b, loc, 0, rowCount * channelGroups, 1, args,
              [&](OpBuilder &b, Value pair, ValueRange args) {
                Value oh, group;
                std::tie(oh, group) = splitPair(b, loc, pair, channelGroups);
                return SmallVector<Value>{
                    channelGroup(b, n, oh, group, args[0])};
              },
              /*parallel=*/true);
        return forLoop(
            b, loc, 0, rowCount, 1, args,
            [&](OpBuilder &b, Value oh, ValueRange args) {
              Value output = args[0];
              if (channelsOuter) {
                // One loop over (pixel tile, channel tile) pairs, pixel-major
                // so that consecutive tiles share their input pixels; the
                // channel tail is the last channel tile of each pixel tile.
                output = forLoop(
                    b, loc, 0, pixelTiles * tilesPerPixels, 1, output,
                    [&](OpBuilder &b, Value pair, ValueRange args) {
                      Value pixelTile, which;
                      std::tie(pixelTile, which) =
                          splitPair(b, loc, pair, tilesPerPixels);
                      Value ow = scaleAdd(b, loc, pixelTile, tileRows, 0);
                      return SmallVector<Value>{channelTileAt(
                          b, which, args[0],
                          [&](OpBuilder &b, Value f, ArrayRef<int64_t> widths,
                              Value output) {
                            return tile(b, n, oh, ow, tileRows, f, widths,
                                        output);
                          })};
                    },
                    /*parallel=*/true)[0];
                if (fullRows < rowLength)
                  output = channelTiles(b, n, oh,
                                        constantIndex(b, loc, fullRows),
                                        rowLength - fullRows, output);
                return SmallVector<Value>{output};
              }
              output = zeroRowBorders(b, loc, operands, unpaddedShape, lanes,
                                      output, n, oh);
              auto columns = [&](OpBuilder &b, Value ow, int64_t rows,
                                 ValueRange state) {
                return SmallVector<Value>{
                    channelTiles(b, n, oh, ow, rows, state[0])};
              };
              // The columns that reach the input's left or right padding
              // one pixel each, so that the tiles between them are inside
              // the input whenever their row is.
              SmallVector<Value> state = {output};
              for (int64_t ow = 0; ow < leftColumns; ++ow)
                state = columns(b, constantIndex(b, loc, ow), 1, state);
              state = forEachTile(
                  b, loc, rowLength - leftColumns - rightColumns, tileRows,
                  state,
                  [&](OpBuilder &b, Value start, int64_t rows,
                      ValueRange state) {
                    return columns(b, scaleAdd(b, loc, start, 1, leftColumns),
                                   rows, state);
                  },
                  /*parallel=*/rowCount == 1);
              for (int64_t ow = rowLength - rightColumns; ow < rowLength; ++ow)
                state = columns(b, constantIndex(b, loc, ow), 1, state);
              return state;
            },
            /*parallel=*/rowCount > 1);
      })[0];
  return flatten ? restoreShape(builder, loc, result, outShape) : result;
}

Value mnc::emitDepthwiseKernel(OpBuilder &builder, Location loc,
                               const ConvKernelOperands &operands,
                               const VectorTarget &target, Value *rowSums) {
  ArrayRef<int64_t> outShape = operands.outputShape;
  int64_t batch = outShape[0], rowCount = outShape[1],
          rowLength = outShape[2], channels = outShape[3];
  int64_t kernelH = operands.kernelH, kernelW = operands.kernelW;
  Value filter = denseTensor(builder, loc, {kernelH, kernelW, channels},
                             operands.filter);
  int64_t lanes = target.lanes;
  int64_t fullChannels = channels - channels % lanes;
  int64_t tileColumns = std::min(target.depthwiseColumns, rowLength);
  // The loops carry the output and, when asked for, the row sums.
  bool withSums = rowSums != nullptr;

  // One tile: `columns` output pixels from (n, oh, ow) on, `width` channels
  // from `c` on; the taps are unrolled. Its sum over the columns is added to
  // the row sums while the results are still in registers.
  auto tile = [&](OpBuilder &b, Value n, Value oh, Value ow, int64_t columns,
                  Value c, int64_t width,
                  ValueRange state) -> SmallVector<Value> {
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
      output = storeOutput(b, loc, accumulators[j], operands,
                           operands.residual, output,
                           {n, oh, scaleAdd(b, loc, ow, 1, j), c}, &stored);
      sum = sum ? b.create<arith::AddFOp>(loc, sum, stored) : stored;
    }
    if (!withSums)
      return {output};
    Value sums = state[1];
    Value previous = readVector(b, loc, sums, {n, oh, c}, width);
    return {output,
            writeVector(b, loc, b.create<arith::AddFOp>(loc, previous, sum),
                        sums, {n, oh, c})};
  };

  // Zeroes the row sums of row (n, oh), channels [c, c + count), before its
  // tiles add to them.
  auto zeroSums = [&](OpBuilder &b, Value n, Value oh, Value c, int64_t count,
                      ValueRange state) -> SmallVector<Value> {
    if (!withSums)
      return llvm::to_vector(state);
    Value sums = state[1];
    int64_t offset = 0;
    for (int64_t width : powerOfTwoWidths(count, lanes)) {
      sums = writeVector(b, loc,
                         constantLike(b, loc, f32Vector(b, width), 0.0f), sums,
                         {n, oh, scaleAdd(b, loc, c, 1, offset)});
      offset += width;
    }
    return {state[0], sums};
  };

  auto channelTiles = [&](OpBuilder &b, Value n, Value oh, Value ow,
                          int64_t columns,
                          ValueRange state) -> SmallVector<Value> {
    return forEachChannelVector(
        b, loc, 0, channels, lanes, state,
        [&](OpBuilder &b, Value c, int64_t width, ValueRange state) {
          return tile(b, n, oh, ow, columns, c, width, state);
        });
  };

  // The column tiles of row `oh` for the `width` channels from `c` on,
  // after zeroing those channels of its sums and of its borders.
  auto rowOf = [&](OpBuilder &b, Value n, Value oh, Value c, int64_t width,
                   ValueRange state) -> SmallVector<Value> {
    SmallVector<Value> zeroed = zeroSums(b, n, oh, c, width, state);
    zeroed[0] = zeroRowBorders(b, loc, operands, outShape, lanes, zeroed[0],
                               n, oh, c, width);
    return forEachTile(b, loc, rowLength, tileColumns, zeroed,
                       [&](OpBuilder &b, Value ow, int64_t columns,
                           ValueRange state) {
                         return tile(b, n, oh, ow, columns, c, width, state);
                       });
  };

  // Threads share the rows, or, when there are few rows (a 7x7 stage would
  // split 4/3 over two threads) and more than one channel vector, the (row,
  // channel vector) pairs, row-major, so that each thread keeps about the
  // pixels it has in the layers before and after. The channel tail is the
  // last "vector" of each row.
  int64_t fullVectors = fullChannels / lanes;
  bool hasTail = fullChannels < channels;
  int64_t perRow = fullVectors + (hasTail ? 1 : 0);
  bool rowsByVector = rowCount < kMinParallelIterations && perRow > 1;
  SmallVector<Value> init = {outputInit(builder, loc, operands, outShape,
                                        lanes, /*zeroBorders=*/false)};
  if (withSums)
    init.push_back(builder.create<tensor::EmptyOp>(
        loc, ArrayRef<int64_t>{batch, rowCount, channels},
        builder.getF32Type()));
  SmallVector<Value> results = forLoop(
      builder, loc, 0, batch, 1, init,
      [&](OpBuilder &b, Value n, ValueRange args) {
        if (rowsByVector)
          return forLoop(
              b, loc, 0, rowCount * perRow, 1, args,
              [&](OpBuilder &b, Value pair, ValueRange args) {
                Value oh, which;
                std::tie(oh, which) = splitPair(b, loc, pair, perRow);
                auto fullVector = [&](OpBuilder &b) {
                  return rowOf(b, n, oh, scaleAdd(b, loc, which, lanes, 0),
                               lanes, args);
                };
                if (!hasTail)
                  return fullVector(b);
                Value isFull = b.create<arith::CmpIOp>(
                    loc, arith::CmpIPredicate::ult, which,
                    constantIndex(b, loc, fullVectors));
                auto branch = b.create<scf::IfOp>(
                    loc, isFull,
                    [&](OpBuilder &b, Location loc) {
                      b.create<scf::YieldOp>(loc, fullVector(b));
                    },
                    [&](OpBuilder &b, Location loc) {
                      b.create<scf::YieldOp>(
                          loc, forEachChannelVector(
                                   b, loc, fullChannels, channels % lanes,
                                   lanes, args,
                                   [&](OpBuilder &b, Value c, int64_t width,
                                       ValueRange state) {
                                     return rowOf(b, n, oh, c, width, state);
                                   }));
                    });
                return SmallVector<Value>(branch.getResults());
              },
              /*parallel=*/true);
        return forLoop(
            b, loc, 0, rowCount, 1, args,
            [&](OpBuilder &b, Value oh, ValueRange args) {
              SmallVector<Value> state = zeroSums(
                  b, n, oh, constantIndex(b, loc, 0), channels, args);
              state[0] = zeroRowBorders(b, loc, operands, outShape, lanes,
                                        state[0], n, oh);
              return forEachTile(
                  b, loc, rowLength, tileColumns, state,
                  [&](OpBuilder &b, Value ow, int64_t columns,
                      ValueRange state) {
                    return channelTiles(b, n, oh, ow, columns, state);
                  },
                  // (The tiles of a row all add to its sums.)
                  /*parallel=*/rowCount == 1 && !withSums);
            },
            /*parallel=*/rowCount > 1);
      });
  if (withSums)
    *rowSums = results[1];
  return results[0];
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
      zeros.push_back(constantLike(b, loc, f32Vector(b, width), 0.0f));
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
          loc, sums[j], constantLike(b, loc, f32Vector(b, width), scale));
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
