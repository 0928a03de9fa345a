//===- ConvKernel.cpp - the register-blocked convolution kernel -----------===//
//
// emitConvKernel: out = activation(conv(input, filter) + bias) + residual on
// NHWC tensors (groups = 1), each tile of output pixels by channel vectors
// accumulating over KH x KW x C in registers. The decisions about blocking and
// about which loop threads share are made once, in the constructor of
// ConvKernelEmitter; its member functions build the loop nest from the
// outside in: image, row (or pairs of rows and channel groups), channel tile,
// tile.
//
//===----------------------------------------------------------------------===//

#include "passes/kernels/KernelUtils.h"
#include "passes/ConstantBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using namespace mnc;
using namespace mnc::kernel;

namespace {

class ConvKernelEmitter {
public:
  ConvKernelEmitter(Location loc, const ConvKernelOperands &operands,
                    const VectorTarget &target);

  /// The kernel's result: [N, OH, OW, F], plus the output padding.
  Value emit(OpBuilder &builder);

private:
  using ChannelTileBody = function_ref<Value(
      OpBuilder &, Value f, ArrayRef<int64_t> widths, Value output)>;

  void packFilter();
  Value normalize(OpBuilder &b, Value c, Value x) const;
  Value readInput(OpBuilder &b, Value n, Value c, Value ih, Value iw,
                  bool guarded) const;
  Value tileOf(OpBuilder &b, Value n, Value oh, Value ow, int64_t rows,
               Value f, ArrayRef<int64_t> widths, Value output,
               bool guarded) const;
  Value tile(OpBuilder &b, Value n, Value oh, Value ow, int64_t rows, Value f,
             ArrayRef<int64_t> widths, Value output) const;
  Value channelTiles(OpBuilder &b, Value n, Value oh, Value ow, int64_t rows,
                     Value output) const;
  Value channelTileAt(OpBuilder &b, Value which, Value output,
                      ChannelTileBody body) const;
  Value channelGroup(OpBuilder &b, Value n, Value oh, Value group,
                     Value output) const;
  SmallVector<Value> rowByPixelAndChannelTiles(OpBuilder &b, Value n,
                                               Value oh, Value output) const;
  SmallVector<Value> rowByColumns(OpBuilder &b, Value n, Value oh,
                                  Value output) const;
  SmallVector<Value> image(OpBuilder &b, Value n, ValueRange args) const;

  Location loc;
  const ConvKernelOperands &operands;
  ArrayRef<int64_t> outShape, inShape;
  bool nchw;
  int64_t batch, channels, inChannels;
  int64_t kernelH, kernelW, strideH, strideW, dilationH, dilationW;
  /// The input and residual as the tiles read them (flattened or not).
  Value input, residual;
  /// The packed filter constant.
  Value filter;
  /// The per-channel offset and scale of the float values read
  /// (inputOffset, inputScale), as [C] constants for a channel index that
  /// is not a constant; null when there are none.
  Value offsetTable, scaleTable;
  /// For an 8-bit input: what each byte value of each channel becomes,
  /// [C * 256] (channel c's 256 values from c * 256 on).
  Value byteTable;
  int64_t rowCount, rowLength;
  bool flatten;
  int64_t lanes;
  // Channel blocking: full tiles of `fullWidths`, then `tailWidths`.
  int64_t tileChannels;
  SmallVector<int64_t> fullWidths, tailWidths;
  int64_t fullChannels;
  // Pixel blocking: tiles of `tileRows` pixels of a row, up to `fullRows`.
  int64_t tileRows, fullRows;
  int64_t reduction;
  SmallVector<float> packed;
  // Input padding that is not in the input: reads at row ih - top and
  // column iw - left, checked in the tiles that reach the borders.
  ArrayRef<int64_t> inputPadding;
  int64_t padTop, padLeft, inputH, inputW;
  // Output columns whose filter window reaches the input's left padding
  // (ow * stride < left) or its right padding.
  int64_t leftColumns = 0, rightColumns = 0;
  int64_t pixelTiles, channelTileCount;
  bool channelsOuter;
  bool hasTail;
  int64_t tilesPerPixels;
  bool rowsByChannelGroup;
  int64_t channelGroups, tilesPerGroup;
  SmallVector<int64_t> unpaddedShape;
};

ConvKernelEmitter::ConvKernelEmitter(Location loc,
                                     const ConvKernelOperands &operands,
                                     const VectorTarget &target)
    : loc(loc), operands(operands) {
  outShape = operands.outputShape;
  inShape = cast<RankedTensorType>(operands.input.getType()).getShape();
  nchw = operands.inputNCHW;
  batch = outShape[0];
  channels = outShape[3];
  inChannels = inShape[nchw ? 1 : 3];
  kernelH = operands.kernelH;
  kernelW = operands.kernelW;
  strideH = operands.strideH;
  strideW = operands.strideW;
  dilationH = operands.dilationH;
  dilationW = operands.dilationW;
  input = operands.input;
  residual = operands.residual;
  // A pointwise convolution sees all pixels as one row, so that every tile
  // is full however the image width divides. (Not when its output is padded
  // or its residual is the interior of a padded tensor: neither is one
  // contiguous row.)
  rowCount = outShape[1];
  rowLength = outShape[2];
  flatten = kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 &&
            !nchw && inShape[1] == rowCount && inShape[2] == rowLength &&
            rowCount > 1 && operands.outputPadding.empty() &&
            !(residual && residual.getDefiningOp<tensor::ExtractSliceOp>());
  if (flatten) {
    rowLength *= rowCount;
    rowCount = 1;
  }

  lanes = target.lanes;
  // A single row (a matrix-vector product) keeps the tile's channel
  // vectors: it is bound by streaming the weights, not by its few FMA
  // chains, and narrow tiles share evenly between threads (a squeeze's 144
  // outputs are 9 vectors: tiles of 4 would split 8/1 over two threads).
  int64_t vectorsPerTile = target.vectorsPerTile;
  tileChannels = lanes * vectorsPerTile;
  fullWidths.assign(vectorsPerTile, lanes);
  tailWidths = powerOfTwoWidths(channels % tileChannels, lanes);
  fullChannels = channels - channels % tileChannels;
  // With fewer channel vectors than a full tile (a stem conv with 16 output
  // channels), more pixels per tile keep as many accumulators busy.
  int64_t tileVectors = fullChannels > 0
                            ? vectorsPerTile
                            : static_cast<int64_t>(tailWidths.size());
  tileRows = std::clamp<int64_t>(
      target.rows * target.vectorsPerTile / std::max<int64_t>(tileVectors, 1),
      1, std::min(kMaxTileRows, rowLength));
  fullRows = rowLength - rowLength % tileRows;
  reduction = kernelH * kernelW * inChannels;
  packFilter();

  inputPadding = operands.inputPadding;
  padTop = inputPadding.empty() ? 0 : inputPadding[0];
  padLeft = inputPadding.empty() ? 0 : inputPadding[1];
  inputH = inShape[nchw ? 2 : 1];
  inputW = inShape[nchw ? 3 : 2];
  if (!inputPadding.empty()) {
    leftColumns = std::min(rowLength, llvm::divideCeilSigned(padLeft, strideW));
    int64_t firstRight = llvm::divideCeilSigned(
        inputW + padLeft - (kernelW - 1) * dilationW, strideW);
    rightColumns = rowLength - std::clamp(firstRight, leftColumns, rowLength);
  }

  // Threads share the outer loop. With few pixel tiles in one row (a 7x7
  // stage: 7 tiles would split 4/3 over two threads; a matrix-vector
  // product: one), they share the (pixel tile, channel tile) pairs.
  pixelTiles = fullRows / tileRows;
  channelTileCount = fullChannels / tileChannels;
  channelsOuter = rowCount == 1 && pixelTiles < 2 * kMinParallelIterations &&
                  channelTileCount > 0;
  hasTail = !tailWidths.empty();
  tilesPerPixels = channelTileCount + (hasTail ? 1 : 0);
  // A few rows (a 7x7 stage: 7 would split 4/3 over two threads) share the
  // (row, group of channel tiles) pairs instead, with enough groups for 16
  // pairs; each group runs its channel tiles in a loop, and the first group
  // of a row zeroes the row's borders (zeroing each tile's part of them
  // just before the tile made the layer ~7% slower).
  rowsByChannelGroup = rowCount > 1 && rowCount < kMinParallelIterations &&
                       tilesPerPixels > 1;
  channelGroups = std::min(
      tilesPerPixels,
      llvm::divideCeilSigned(2 * kMinParallelIterations, rowCount));
  tilesPerGroup = llvm::divideCeilSigned(tilesPerPixels, channelGroups);
  unpaddedShape = {batch, rowCount, rowLength, channels};
}

/// The filter packed tile by tile: the [KH * KW * C] x [tile width] block
/// of each channel tile is contiguous (at f * reduction for the tile
/// starting at channel f), so a tile streams its weights sequentially.
void ConvKernelEmitter::packFilter() {
  packed.assign(reduction * channels, 0.0f);
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
}

Value ConvKernelEmitter::emit(OpBuilder &builder) {
  if (flatten) {
    input = flattenRows(builder, loc, input);
    if (residual)
      residual = flattenRows(builder, loc, residual);
  }
  filter = denseF32Constant(builder, loc, {reduction * channels}, packed);
  if (!cast<RankedTensorType>(input.getType()).getElementType().isF32()) {
    // (float(v) - offset[c]) * scale[c], in f32 as the float path computes
    // it.
    SmallVector<float> table;
    for (int64_t c = 0; c < inChannels; ++c)
      for (int v = 0; v < 256; ++v) {
        float x = static_cast<float>(v);
        if (!operands.inputOffset.empty())
          x = x - operands.inputOffset[c];
        if (!operands.inputScale.empty())
          x = x * operands.inputScale[c];
        table.push_back(x);
      }
    byteTable = denseF32Constant(builder, loc, {inChannels * 256}, table);
  } else if (!operands.inputOffset.empty())
    offsetTable =
        denseF32Constant(builder, loc, {inChannels}, operands.inputOffset);
  if (!byteTable && !operands.inputScale.empty())
    scaleTable =
        denseF32Constant(builder, loc, {inChannels}, operands.inputScale);
  Value init = outputInit(builder, loc, operands, unpaddedShape, lanes,
                          /*zeroBorders=*/channelsOuter);
  Value result = forLoop(builder, loc, 0, batch, 1, init,
                         [&](OpBuilder &b, Value n, ValueRange args) {
                           return image(b, n, args);
                         })[0];
  return flatten ? restoreShape(builder, loc, result, outShape) : result;
}

/// `x`, read from input channel `c`, as the convolution sees it: minus the
/// channel's offset, times its scale (for a camera frame read in place; see
/// ConvKernelOperands). A constant channel (the 3 of an image are unrolled)
/// takes its constants directly. An 8-bit value is looked up in the
/// channel's table of its 256 normalized values instead: the read becomes
/// two loads (the byte, then its float, which the broadcast takes straight
/// from memory) where converting and subtracting cost three arithmetic
/// instructions per read, which on MobileNetV3-Small's stem (one FMA per
/// read: 16 channels) made the layer 1.8x slower.
Value ConvKernelEmitter::normalize(OpBuilder &b, Value c, Value x) const {
  if (byteTable) {
    Value at = add(b, loc, b.create<arith::IndexCastUIOp>(
                               loc, b.getIndexType(), x),
                   scaleAdd(b, loc, c, 256, 0));
    return b.create<tensor::ExtractOp>(loc, byteTable, at);
  }
  auto ofChannel = [&](ArrayRef<float> values, Value table) -> Value {
    if (std::optional<int64_t> k = getConstantIntValue(c))
      return constantF32(b, loc, values[*k]);
    return b.create<tensor::ExtractOp>(loc, table, c);
  };
  if (offsetTable)
    x = b.create<arith::SubFOp>(loc, x,
                                ofChannel(operands.inputOffset, offsetTable));
  if (scaleTable)
    x = b.create<arith::MulFOp>(loc, x,
                                ofChannel(operands.inputScale, scaleTable));
  return x;
}

/// Input pixel (ih, iw) of channel c; `guarded` reads zero outside the
/// input (the padding that is not in it) and clamps the read itself.
/// Reading the raw frame (normalize), the padding stays the normalized
/// image's zero: subtracting the mean from each pixel read keeps the border
/// tiles' zero reads and their skipping of taps that see only padding
/// exact, where a mean folded into the bias would need the padding to read
/// as the mean (and no tap could be skipped). That costs one subtraction
/// per scalar read of a float frame (which feeds all the tile's channel
/// vectors), and nothing for 8-bit pixels: their table holds the
/// normalized values.
Value ConvKernelEmitter::readInput(OpBuilder &b, Value n, Value c, Value ih,
                                   Value iw, bool guarded) const {
  auto at = [&](Value y, Value x) {
    return normalize(
        b, c,
        b.create<tensor::ExtractOp>(
            loc, input, nchw ? ValueRange{n, c, y, x} : ValueRange{n, y, x, c}));
  };
  if (!guarded)
    return at(ih, iw);
  auto compare = [&](arith::CmpIPredicate predicate, Value v, int64_t k) {
    return b.create<arith::CmpIOp>(loc, predicate, v,
                                   constantIndex(b, loc, k));
  };
  auto clamp = [&](Value v, int64_t size) {
    return b.create<arith::MaxSIOp>(
        loc, b.create<arith::MinSIOp>(loc, v, constantIndex(b, loc, size - 1)),
        constantIndex(b, loc, 0));
  };
  using P = arith::CmpIPredicate;
  Value inside = b.create<arith::AndIOp>(
      loc,
      b.create<arith::AndIOp>(loc, compare(P::sge, ih, 0),
                              compare(P::slt, ih, inputH)),
      b.create<arith::AndIOp>(loc, compare(P::sge, iw, 0),
                              compare(P::slt, iw, inputW)));
  return b.create<arith::SelectOp>(loc, inside,
                                   at(clamp(ih, inputH), clamp(iw, inputW)),
                                   constantF32(b, loc, b.getF32Type(), 0.0f));
}

/// One tile: `rows` output pixels from (n, oh, ow) on, channels from `f` on
/// in vectors of `widths`; `guarded` checks each input read against the
/// input's bounds.
Value ConvKernelEmitter::tileOf(OpBuilder &b, Value n, Value oh, Value ow,
                                int64_t rows, Value f,
                                ArrayRef<int64_t> widths, Value output,
                                bool guarded) const {
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
  SmallVector<Value> bias = biasVectors(b, loc, operands.bias, f, widths);
  SmallVector<Value> inits;
  for (int64_t r = 0; r < rows; ++r)
    llvm::append_range(inits, bias);

  Value rowBase = scaleAdd(b, loc, oh, strideH, -padTop);
  Value columnBase = scaleAdd(b, loc, ow, strideW, -padLeft);
  using P = arith::CmpIPredicate;
  // In a guarded tile, a filter row whose input row is padding, or a tap
  // whose input columns are padding for every pixel of the tile, only adds
  // zeros: skip it (a dilated conv on a small map, DeepLabV3's ASPP, has most
  // of its taps there).
  auto skipUnless = [&](OpBuilder &b, Value first, Value last, int64_t size,
                        ValueRange accs,
                        function_ref<SmallVector<Value>(OpBuilder &)> reads)
      -> SmallVector<Value> {
    if (!guarded)
      return reads(b);
    Value reaches = b.create<arith::AndIOp>(
        loc,
        b.create<arith::CmpIOp>(loc, P::sge, last, constantIndex(b, loc, 0)),
        b.create<arith::CmpIOp>(loc, P::slt, first,
                                constantIndex(b, loc, size)));
    auto branch = b.create<scf::IfOp>(
        loc, reaches,
        [&](OpBuilder &b, Location loc) {
          b.create<scf::YieldOp>(loc, reads(b));
        },
        [&](OpBuilder &b, Location loc) { b.create<scf::YieldOp>(loc, accs); });
    return SmallVector<Value>(branch.getResults());
  };
  // Tap (kh, kw) of every pixel and channel vector: the accumulators plus
  // input x weights over the input channels.
  auto accumulateTap = [&](OpBuilder &b, Value kh, Value kw, Value ih,
                           Value iw0, ValueRange accs) {
    // Row (kh * KW + kw) * C of the tile's packed weights.
    Value tap = scaleAdd(
        b, loc, add(b, loc, scaleAdd(b, loc, kh, kernelW, 0), kw),
        inChannels * tileWidth, 0);
    Value tapWeights = add(b, loc, tileWeights, tap);
    // A few input channels (an image's 3) unroll completely.
    int64_t unroll =
        inChannels < 2 * kChannelUnroll ? inChannels : kChannelUnroll;
    return unrolledLoop(
        b, loc, 0, inChannels, unroll, accs,
        [&](OpBuilder &b, Value c, ValueRange accs) {
          Value row = add(b, loc, tapWeights, scaleAdd(b, loc, c, tileWidth, 0));
          SmallVector<Value> weights;
          for (int64_t j = 0; j < vectors; ++j)
            weights.push_back(readVector(
                b, loc, filter, {scaleAdd(b, loc, row, 1, offsets[j])},
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
  };
  SmallVector<Value> accumulators = forLoop(
      b, loc, 0, kernelH, 1, inits,
      [&](OpBuilder &b, Value kh, ValueRange accs) {
        Value ih = add(b, loc, rowBase, scaleAdd(b, loc, kh, dilationH, 0));
        return skipUnless(b, ih, ih, inputH, accs, [&](OpBuilder &b) {
          return forLoop(
              b, loc, 0, kernelW, 1, accs,
              [&](OpBuilder &b, Value kw, ValueRange accs) {
                Value iw0 = add(b, loc, columnBase,
                                scaleAdd(b, loc, kw, dilationW, 0));
                Value iwLast = scaleAdd(b, loc, iw0, 1, (rows - 1) * strideW);
                return skipUnless(b, iw0, iwLast, inputW, accs,
                                  [&](OpBuilder &b) {
                                    return accumulateTap(b, kh, kw, ih, iw0,
                                                         accs);
                                  });
              });
        });
      });

  for (int64_t r = 0; r < rows; ++r) {
    Value column = scaleAdd(b, loc, ow, 1, r);
    for (int64_t j = 0; j < vectors; ++j)
      output = storeOutput(b, loc, accumulators[r * vectors + j], operands,
                           residual, output, {n, oh, column, channelOf[j]});
  }
  return output;
}

/// The tile, with checked reads only where it reaches the input padding.
Value ConvKernelEmitter::tile(OpBuilder &b, Value n, Value oh, Value ow,
                              int64_t rows, Value f, ArrayRef<int64_t> widths,
                              Value output) const {
  if (inputPadding.empty())
    return tileOf(b, n, oh, ow, rows, f, widths, output, false);
  using P = arith::CmpIPredicate;
  auto within = [&](Value first, int64_t extent, int64_t size) {
    Value last = scaleAdd(b, loc, first, 1, extent);
    return b.create<arith::AndIOp>(
        loc,
        b.create<arith::CmpIOp>(loc, P::sge, first, constantIndex(b, loc, 0)),
        b.create<arith::CmpIOp>(loc, P::slt, last,
                                constantIndex(b, loc, size)));
  };
  Value interior = b.create<arith::AndIOp>(
      loc,
      within(scaleAdd(b, loc, oh, strideH, -padTop), (kernelH - 1) * dilationH,
             inputH),
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
}

/// All channel tiles of `rows` pixels from (n, oh, ow) on.
Value ConvKernelEmitter::channelTiles(OpBuilder &b, Value n, Value oh,
                                      Value ow, int64_t rows,
                                      Value output) const {
  output = forLoop(b, loc, 0, fullChannels, tileChannels, output,
                   [&](OpBuilder &b, Value f, ValueRange args) {
                     return SmallVector<Value>{
                         tile(b, n, oh, ow, rows, f, fullWidths, args[0])};
                   })[0];
  if (!tailWidths.empty())
    output = tile(b, n, oh, ow, rows, constantIndex(b, loc, fullChannels),
                  tailWidths, output);
  return output;
}

/// Channel tile `which` (of channelTileCount full ones, then the tail, if
/// any) as `body` sees it: its first channel and vector widths.
Value ConvKernelEmitter::channelTileAt(OpBuilder &b, Value which, Value output,
                                       ChannelTileBody body) const {
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
            loc,
            body(b, constantIndex(b, loc, fullChannels), tailWidths, output));
      });
  return branch.getResult(0);
}

/// The channel tiles of group `group` of row `oh` (rowsByChannelGroup).
Value ConvKernelEmitter::channelGroup(OpBuilder &b, Value n, Value oh,
                                      Value group, Value output) const {
  if (!operands.outputPadding.empty()) {
    Value isFirst = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq,
                                            group, constantIndex(b, loc, 0));
    output = b.create<scf::IfOp>(
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
}

/// Row `oh` as one loop over (pixel tile, channel tile) pairs
/// (channelsOuter), pixel-major so that consecutive tiles share their input
/// pixels; the channel tail is the last channel tile of each pixel tile.
SmallVector<Value>
ConvKernelEmitter::rowByPixelAndChannelTiles(OpBuilder &b, Value n, Value oh,
                                             Value output) const {
  output = forLoop(
      b, loc, 0, pixelTiles * tilesPerPixels, 1, output,
      [&](OpBuilder &b, Value pair, ValueRange args) {
        Value pixelTile, which;
        std::tie(pixelTile, which) = splitPair(b, loc, pair, tilesPerPixels);
        Value ow = scaleAdd(b, loc, pixelTile, tileRows, 0);
        return SmallVector<Value>{channelTileAt(
            b, which, args[0],
            [&](OpBuilder &b, Value f, ArrayRef<int64_t> widths,
                Value output) {
              return tile(b, n, oh, ow, tileRows, f, widths, output);
            })};
      },
      /*parallel=*/true)[0];
  if (fullRows < rowLength)
    output = channelTiles(b, n, oh, constantIndex(b, loc, fullRows),
                          rowLength - fullRows, output);
  return {output};
}

/// Row `oh` as tiles of columns, each with all its channel tiles, after
/// zeroing the row's borders.
SmallVector<Value> ConvKernelEmitter::rowByColumns(OpBuilder &b, Value n,
                                                   Value oh,
                                                   Value output) const {
  output = zeroRowBorders(b, loc, operands, unpaddedShape, lanes, output, n,
                          oh);
  auto columns = [&](OpBuilder &b, Value ow, int64_t rows, ValueRange state) {
    return SmallVector<Value>{channelTiles(b, n, oh, ow, rows, state[0])};
  };
  // The columns that reach the input's left or right padding one pixel
  // each, so that the tiles between them are inside the input whenever
  // their row is.
  SmallVector<Value> state = {output};
  for (int64_t ow = 0; ow < leftColumns; ++ow)
    state = columns(b, constantIndex(b, loc, ow), 1, state);
  state = forEachTile(
      b, loc, rowLength - leftColumns - rightColumns, tileRows, state,
      [&](OpBuilder &b, Value start, int64_t rows, ValueRange state) {
        return columns(b, scaleAdd(b, loc, start, 1, leftColumns), rows,
                       state);
      },
      /*parallel=*/rowCount == 1);
  for (int64_t ow = rowLength - rightColumns; ow < rowLength; ++ow)
    state = columns(b, constantIndex(b, loc, ow), 1, state);
  return state;
}

/// Image `n`: its rows, or its (row, channel group) pairs.
SmallVector<Value> ConvKernelEmitter::image(OpBuilder &b, Value n,
                                            ValueRange args) const {
  if (rowsByChannelGroup)
    return forLoop(
        b, loc, 0, rowCount * channelGroups, 1, args,
        [&](OpBuilder &b, Value pair, ValueRange args) {
          Value oh, group;
          std::tie(oh, group) = splitPair(b, loc, pair, channelGroups);
          return SmallVector<Value>{channelGroup(b, n, oh, group, args[0])};
        },
        /*parallel=*/true);
  return forLoop(
      b, loc, 0, rowCount, 1, args,
      [&](OpBuilder &b, Value oh, ValueRange args) {
        if (channelsOuter)
          return rowByPixelAndChannelTiles(b, n, oh, args[0]);
        return rowByColumns(b, n, oh, args[0]);
      },
      /*parallel=*/rowCount > 1);
}

} // namespace

Value mnc::emitConvKernel(OpBuilder &builder, Location loc,
                          const ConvKernelOperands &operands,
                          const VectorTarget &target) {
  return ConvKernelEmitter(loc, operands, target).emit(builder);
}
