//===- ResizeLowering.cpp - nearest and bilinear resize -------------------===//
//
// mnc.resize on the NHWC storage form. Every size and scale is static, so the
// source coordinates are computed here, at compile time, once per output row
// and once per output column, with ONNX Runtime's float arithmetic: the
// source index (nearest), or the two neighbouring indices and the weight of
// the second (bilinear). They become small constant tables that one
// linalg.generic over the output reads by row and column; its body extracts
// the source pixels of the same batch and channel. C is the innermost,
// contiguous dimension, so the copy or interpolation of a pixel's channels
// vectorizes, and the table reads are invariant in it.
//
//===----------------------------------------------------------------------===//

#include "passes/lowering/LoweringPatterns.h"
#include "passes/lowering/LoweringUtils.h"

#include "dialects/MncDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mnc;

namespace {

/// Where one output position along an axis reads: nearest uses `low` only;
/// bilinear mixes `low` and `high` as low * (1 - weight) + high * weight.
struct AxisTaps {
  SmallVector<int32_t> low, high;
  SmallVector<float> weight;
};

/// The input coordinate output position `x` maps to along an axis of
/// `inSize` resized to `outSize` with `scale` (ONNX Resize's
/// coordinate_transformation_mode), in float as ONNX Runtime computes it: a
/// coordinate exactly halfway between pixels decides a nearest rounding.
float sourceCoordinate(CoordinateTransform transform, int64_t x, float scale,
                       int64_t inSize, int64_t outSize) {
  float position = static_cast<float>(x);
  switch (transform) {
  case CoordinateTransform::HalfPixel:
    return (position + 0.5f) / scale - 0.5f;
  case CoordinateTransform::PytorchHalfPixel:
    return outSize > 1 ? (position + 0.5f) / scale - 0.5f : 0.0f;
  case CoordinateTransform::AlignCorners:
    return outSize == 1 ? 0.0f
                        : position * static_cast<float>(inSize - 1) /
                              static_cast<float>(outSize - 1);
  case CoordinateTransform::Asymmetric:
    return position / scale;
  case CoordinateTransform::TfHalfPixelForNn:
    return (position + 0.5f) / scale;
  }
  llvm_unreachable("unknown coordinate transform");
}

/// `coordinate` rounded to a pixel index as ONNX's nearest_mode says (the
/// caller clamps it to the input).
int64_t roundNearest(NearestRounding rounding, float coordinate) {
  bool halfway =
      coordinate == static_cast<float>(static_cast<int64_t>(coordinate)) + 0.5f;
  switch (rounding) {
  case NearestRounding::RoundPreferFloor:
    return static_cast<int64_t>(halfway ? std::floor(coordinate)
                                        : std::round(coordinate));
  case NearestRounding::RoundPreferCeil:
    return static_cast<int64_t>(halfway ? std::ceil(coordinate)
                                        : std::round(coordinate));
  case NearestRounding::Floor:
    return static_cast<int64_t>(std::floor(coordinate));
  case NearestRounding::Ceil:
    return static_cast<int64_t>(std::ceil(coordinate));
  }
  llvm_unreachable("unknown nearest rounding");
}

/// The taps of every output position along one axis.
AxisTaps computeTaps(ResizeOp op, int64_t inSize, int64_t outSize,
                     float scale) {
  AxisTaps taps;
  int64_t last = inSize - 1;
  for (int64_t x = 0; x < outSize; ++x) {
    float coordinate = sourceCoordinate(op.getCoordinateTransform(), x, scale,
                                        inSize, outSize);
    if (op.getMode() == ResizeMode::Nearest) {
      int64_t index = roundNearest(op.getNearestRounding(), coordinate);
      taps.low.push_back(std::clamp<int64_t>(index, 0, last));
      continue;
    }
    // Outside the input the edge pixel repeats (ONNX Runtime clamps the
    // coordinate first).
    coordinate = std::clamp(coordinate, 0.0f, static_cast<float>(last));
    int64_t low = std::min(static_cast<int64_t>(coordinate), last);
    taps.low.push_back(low);
    taps.high.push_back(std::min(low + 1, last));
    taps.weight.push_back(coordinate - static_cast<float>(low));
  }
  return taps;
}

Value indexTable(OpBuilder &b, Location loc, ArrayRef<int32_t> indices) {
  auto type = RankedTensorType::get({static_cast<int64_t>(indices.size())},
                                    b.getI32Type());
  return b.create<arith::ConstantOp>(loc,
                                     DenseElementsAttr::get(type, indices));
}

Value weightTable(OpBuilder &b, Location loc, ArrayRef<float> weights) {
  auto type = RankedTensorType::get({static_cast<int64_t>(weights.size())},
                                    b.getF32Type());
  return b.create<arith::ConstantOp>(loc,
                                     DenseElementsAttr::get(type, weights));
}

/// a + (b - a) * weight.
Value lerp(OpBuilder &b, Location loc, Value first, Value second,
           Value weight) {
  Value difference = b.create<arith::SubFOp>(loc, second, first);
  return b.create<arith::AddFOp>(
      loc, first, b.create<arith::MulFOp>(loc, difference, weight));
}

struct ResizeLowering : OpLoweringPattern<ResizeOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(ResizeOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ArrayRef<int64_t> in = shapeOf(op.getInput());
    ArrayRef<int64_t> out = shapeOf(op.getOutput());
    AxisTaps rows =
        computeTaps(op, in[2], out[2], op.getScaleH().convertToFloat());
    AxisTaps columns =
        computeTaps(op, in[3], out[3], op.getScaleW().convertToFloat());
    bool bilinear = op.getMode() == ResizeMode::Bilinear;

    // Row tables are indexed by the output's storage dimension 1 (H), column
    // tables by dimension 2 (W).
    SmallVector<Value> tables = {indexTable(rewriter, loc, rows.low),
                                 indexTable(rewriter, loc, columns.low)};
    if (bilinear)
      tables.append({indexTable(rewriter, loc, rows.high),
                     indexTable(rewriter, loc, columns.high),
                     weightTable(rewriter, loc, rows.weight),
                     weightTable(rewriter, loc, columns.weight)});
    MLIRContext *context = rewriter.getContext();
    AffineMap byRow = AffineMap::get(4, 0, getAffineDimExpr(1, context));
    AffineMap byColumn = AffineMap::get(4, 0, getAffineDimExpr(2, context));
    SmallVector<AffineMap> maps;
    for (size_t i = 0; i < tables.size(); ++i)
      maps.push_back(i % 2 == 0 ? byRow : byColumn);
    maps.push_back(AffineMap::getMultiDimIdentityMap(4, context));

    Value input = storage(rewriter, op.getInput(), adaptor.getInput());
    SmallVector<int64_t> outStorage = toStorageShape(out);
    Value init = emptyTensor(rewriter, loc, outStorage);
    // A fused addend is read at the output position and added.
    Value addend = op.getAddend()
                       ? storage(rewriter, op.getAddend(), adaptor.getAddend())
                       : Value();
    SmallVector<Value> inputs = tables;
    if (addend) {
      inputs.push_back(addend);
      maps.insert(maps.end() - 1, AffineMap::getMultiDimIdentityMap(4, context));
    }
    auto body = [&](OpBuilder &b, Location l, ValueRange args) {
      Value batch = b.create<linalg::IndexOp>(l, 0);
      Value channel = b.create<linalg::IndexOp>(l, 3);
      SmallVector<Value> indices;
      for (Value i32 : args.take_front(bilinear ? 4 : 2))
        indices.push_back(
            b.create<arith::IndexCastOp>(l, b.getIndexType(), i32));
      auto pixel = [&](Value row, Value column) -> Value {
        return b.create<tensor::ExtractOp>(
            l, input, ValueRange{batch, row, column, channel});
      };
      Value result = pixel(indices[0], indices[1]);
      if (bilinear) {
        Value top = lerp(b, l, result, pixel(indices[0], indices[3]), args[5]);
        Value bottom = lerp(b, l, pixel(indices[2], indices[1]),
                            pixel(indices[2], indices[3]), args[5]);
        result = lerp(b, l, top, bottom, args[4]);
      }
      if (addend)
        result = b.create<arith::AddFOp>(l, result, args[tables.size()]);
      b.create<linalg::YieldOp>(l, result);
    };
    return rewriter
        .create<linalg::GenericOp>(loc, init.getType(), inputs, init, maps,
                                   parallelIterators(4), body)
        .getResult(0);
  }
};

} // namespace

void mnc::populateResizeLoweringPatterns(RewritePatternSet &patterns,
                                         LoweringState &state) {
  patterns.add<ResizeLowering>(patterns.getContext(), state);
}
