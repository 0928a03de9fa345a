//===- KernelUtils.h - building blocks of the vector kernels ----*- C++ -*-===//
//
// Loops, tiles, vector reads and writes and output borders that the
// convolution, depthwise, matrix and channel kernels (passes/VectorKernels.h)
// are built from. Internal to the kernels.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_PASSES_KERNELS_KERNELUTILS_H
#define MNC_PASSES_KERNELS_KERNELUTILS_H

#include "passes/kernels/VectorKernels.h"

#include "mlir/IR/BuiltinTypes.h"

namespace mnc::kernel {

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

mlir::Value constantIndex(mlir::OpBuilder &b, mlir::Location loc,
                          int64_t value);

/// value * scale + offset, folded where constant.
mlir::Value scaleAdd(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                     int64_t scale, int64_t offset);

/// lhs + rhs, folded where constant.
mlir::Value add(mlir::OpBuilder &b, mlir::Location loc, mlir::Value lhs,
                mlir::Value rhs);

/// The two positions (index / inner, index % inner) of a loop that runs
/// over pairs, the second of `inner` varying fastest.
std::pair<mlir::Value, mlir::Value> splitPair(mlir::OpBuilder &b,
                                              mlir::Location loc,
                                              mlir::Value index,
                                              int64_t inner);

using LoopBody = llvm::function_ref<llvm::SmallVector<mlir::Value>(
    mlir::OpBuilder &, mlir::Value iv, mlir::ValueRange iterArgs)>;

/// for iv in [lower, upper) step `step`, carrying `inits`. A loop of one
/// iteration is emitted inline with a constant induction variable, so 1x1
/// filters and single tiles leave no loop behind. `parallel` marks the loop
/// (when there is one) with abi::kParallelAttr: each kernel marks the one
/// loop whose iterations are independent and share the work evenly (output
/// rows, or pixel tiles) for splitting across threads.
llvm::SmallVector<mlir::Value> forLoop(mlir::OpBuilder &b, mlir::Location loc,
                                       int64_t lower, int64_t upper,
                                       int64_t step, mlir::ValueRange inits,
                                       LoopBody body, bool parallel = false);

using TileBody = llvm::function_ref<llvm::SmallVector<mlir::Value>(
    mlir::OpBuilder &, mlir::Value start, int64_t size,
    mlir::ValueRange state)>;

/// Tiles of `tile` over [0, length), carrying `state`: a loop over the full
/// tiles (marked `parallel` if asked), then the partial tile at the end, if
/// any, inline. `body` gets each tile's start and size.
llvm::SmallVector<mlir::Value>
forEachTile(mlir::OpBuilder &b, mlir::Location loc, int64_t length,
            int64_t tile, mlir::ValueRange state, TileBody body,
            bool parallel = false);

/// forLoop unrolled `unroll` times in the IR (LLVM's own unroller is off:
/// it fully unrolled whole tiles into blocks that made instruction
/// scheduling take most of the compile time), then the remaining iterations.
llvm::SmallVector<mlir::Value>
unrolledLoop(mlir::OpBuilder &b, mlir::Location loc, int64_t lower,
             int64_t upper, int64_t unroll, mlir::ValueRange inits,
             LoopBody body);

/// Power-of-two widths, widest first and at most `lanes`, summing to `count`.
llvm::SmallVector<int64_t> powerOfTwoWidths(int64_t count, int64_t lanes);

using ChannelVectorBody = llvm::function_ref<llvm::SmallVector<mlir::Value>(
    mlir::OpBuilder &, mlir::Value channel, int64_t width,
    mlir::ValueRange state)>;

/// Channels [first, first + count) in vectors of `lanes`: a loop over the
/// full vectors, then the power-of-two tail vectors inline, carrying
/// `state`. `body` gets each vector's first channel and width.
llvm::SmallVector<mlir::Value>
forEachChannelVector(mlir::OpBuilder &b, mlir::Location loc, int64_t first,
                     int64_t count, int64_t lanes, mlir::ValueRange state,
                     ChannelVectorBody body);

mlir::VectorType f32Vector(mlir::OpBuilder &b, int64_t width);

/// An in-bounds read of `width` f32 at `indices` (the last one varying).
mlir::Value readVector(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value tensor, mlir::ValueRange indices,
                       int64_t width);

/// An in-bounds write of `vector` at `indices`; the updated tensor.
mlir::Value writeVector(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value vector, mlir::Value tensor,
                        mlir::ValueRange indices);

/// Views `value` of shape [N, A, B, C] as [N, 1, A * B, C] (and back with
/// `restoreShape`): both reshapes bufferize to views.
mlir::Value flattenRows(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value value);
mlir::Value restoreShape(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value value, llvm::ArrayRef<int64_t> shape);

/// Accumulators start from the bias (or zero), one vector per width.
llvm::SmallVector<mlir::Value> biasVectors(mlir::OpBuilder &b,
                                           mlir::Location loc,
                                           mlir::Value bias,
                                           mlir::Value channel,
                                           llvm::ArrayRef<int64_t> widths);

/// Activation, residual add and store of one output vector at `indices`
/// (n, oh, ow, channel), shifted by the output padding.
/// `stored`, when given, receives the vector written.
mlir::Value storeOutput(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value accumulator,
                        const ConvKernelOperands &operands,
                        mlir::Value residual, mlir::Value output,
                        llvm::ArrayRef<mlir::Value> indices,
                        mlir::Value *stored = nullptr);

/// Zero vectors (channels [channel, channel + channels) in widths of at most
/// `lanes`) at pixels [row, row + rows) x [column, column + columns) of
/// image `n`.
mlir::Value zeroPixels(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value tensor, mlir::Value n, mlir::Value row,
                       int64_t rows, int64_t column, int64_t columns,
                       mlir::Value channel, int64_t channels, int64_t lanes);

/// The shape of a kernel's result: `shape` plus its output padding.
llvm::SmallVector<int64_t> paddedShape(const ConvKernelOperands &operands,
                                       llvm::ArrayRef<int64_t> shape);

/// The tensor a kernel writes into. When it is padded and `zeroBorders`,
/// its borders are zeroed here; otherwise the kernel zeroes them row by row
/// (zeroRowBorders), inside the loop threads share.
mlir::Value outputInit(mlir::OpBuilder &b, mlir::Location loc,
                       const ConvKernelOperands &operands,
                       llvm::ArrayRef<int64_t> shape, int64_t lanes,
                       bool zeroBorders);

/// Zeroes the borders of padded output row `oh` (of `shape`'s rows): its
/// left and right padding, and the top (bottom) padding rows with the first
/// (last) row; channels [channel, channel + channels), all when `channel` is
/// null.
mlir::Value zeroRowBorders(mlir::OpBuilder &b, mlir::Location loc,
                           const ConvKernelOperands &operands,
                           llvm::ArrayRef<int64_t> shape, int64_t lanes,
                           mlir::Value output, mlir::Value n, mlir::Value oh,
                           mlir::Value channel = mlir::Value(),
                           int64_t channels = 0);

} // namespace mnc::kernel

#endif // MNC_PASSES_KERNELS_KERNELUTILS_H
