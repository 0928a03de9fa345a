//===- ConvertMncToLinalg.cpp - mnc to linalg on NHWC tensors -------------===//
//
// A dialect conversion whose type converter stores every rank-4 tensor NHWC:
// mnc ops keep ONNX's NCHW meaning ("logical" dimensions), their lowered
// forms work on the NHWC "storage" order. Transposes materialize where a
// value crosses between the two (the function's NCHW input and a rank-4
// output). Weights are constants and are re-laid out here, at compile time.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/VectorKernels.h"

#include "dialects/MncOps.h"
#include "dialects/ShapeInference.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/TypeSwitch.h"

#include <numeric>

namespace mnc {
#define GEN_PASS_DEF_CONVERTMNCTOLINALG
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;
using namespace mnc;

namespace {

using utils::IteratorType;

//===----------------------------------------------------------------------===//
// Layout
//===----------------------------------------------------------------------===//

/// For each storage dimension, the logical (ONNX) dimension it holds: rank-4
/// tensors are stored NHWC, every other rank as is.
SmallVector<int64_t> storageToLogical(int64_t rank) {
  if (rank == 4)
    return {0, 2, 3, 1};
  return llvm::to_vector(llvm::seq<int64_t>(0, rank));
}

/// The storage position of logical dimension `logical`.
int64_t storageIndex(int64_t rank, int64_t logical) {
  SmallVector<int64_t> perm = storageToLogical(rank);
  return llvm::find(perm, logical) - perm.begin();
}

SmallVector<int64_t> toStorageShape(ArrayRef<int64_t> logicalShape) {
  SmallVector<int64_t> shape;
  for (int64_t dim : storageToLogical(logicalShape.size()))
    shape.push_back(logicalShape[dim]);
  return shape;
}

/// Whether a tensor's storage and logical orders list its elements in the
/// same sequence, which holds when at most one of C and H*W exceeds 1.
bool storageIsRowMajor(ArrayRef<int64_t> logicalShape) {
  return logicalShape.size() != 4 || logicalShape[1] == 1 ||
         logicalShape[2] * logicalShape[3] == 1;
}

Value transpose(OpBuilder &b, Location loc, Value input,
                ArrayRef<int64_t> resultShape, ArrayRef<int64_t> perm) {
  Value init = b.create<tensor::EmptyOp>(loc, resultShape, b.getF32Type());
  return b.create<linalg::TransposeOp>(loc, input, init, perm)->getResult(0);
}

//===----------------------------------------------------------------------===//
// Building blocks
//===----------------------------------------------------------------------===//

RankedTensorType tensorType(ArrayRef<int64_t> shape, Type elementType) {
  return RankedTensorType::get(shape, elementType);
}

Value emptyTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape) {
  return b.create<tensor::EmptyOp>(loc, shape, b.getF32Type());
}

Value constantF32(OpBuilder &b, Location loc, float value) {
  return b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(value));
}

Value filledTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                   float value) {
  return b
      .create<linalg::FillOp>(loc, constantF32(b, loc, value),
                              emptyTensor(b, loc, shape))
      .getResult(0);
}

SmallVector<IteratorType> parallelIterators(int64_t rank) {
  return SmallVector<IteratorType>(rank, IteratorType::parallel);
}

/// The elements of a constant tensor, or nothing when `value` is computed.
std::optional<SmallVector<float>> constantElements(Value value) {
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  return llvm::to_vector(attr.getValues<float>());
}

Value denseConstant(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                    ArrayRef<float> data) {
  auto type = tensorType(shape, b.getF32Type());
  return b.create<arith::ConstantOp>(loc, DenseElementsAttr::get(type, data));
}

/// The storage form of an operand: `converted` (what the conversion maps it
/// to), except for constants, which the type converter leaves in their
/// logical layout and which are re-laid out here at compile time.
Value storageValue(OpBuilder &b, Value original, Value converted) {
  auto type = cast<RankedTensorType>(original.getType());
  std::optional<SmallVector<float>> data = constantElements(original);
  if (!data || type.getRank() != 4)
    return converted;
  ArrayRef<int64_t> s = type.getShape();
  SmallVector<float> packed(data->size());
  for (int64_t n = 0; n < s[0]; ++n)
    for (int64_t c = 0; c < s[1]; ++c)
      for (int64_t h = 0; h < s[2]; ++h)
        for (int64_t w = 0; w < s[3]; ++w)
          packed[((n * s[2] + h) * s[3] + w) * s[1] + c] =
              (*data)[((n * s[1] + c) * s[2] + h) * s[3] + w];
  return denseConstant(b, original.getLoc(), toStorageShape(s), packed);
}

/// Maps the storage loop space of a result with logical shape `resultShape`
/// to an operand with logical shape `operandShape` under NumPy broadcasting
/// (the operand's dimensions align with the result's last ones).
AffineMap broadcastMap(MLIRContext *context, ArrayRef<int64_t> operandShape,
                       ArrayRef<int64_t> resultShape) {
  int64_t rank = resultShape.size(), operandRank = operandShape.size();
  SmallVector<AffineExpr> exprs;
  for (int64_t logical : storageToLogical(operandRank)) {
    int64_t resultLogical = logical + rank - operandRank;
    if (operandShape[logical] == 1 && resultShape[resultLogical] != 1)
      exprs.push_back(getAffineConstantExpr(0, context));
    else
      exprs.push_back(
          getAffineDimExpr(storageIndex(rank, resultLogical), context));
  }
  return AffineMap::get(rank, 0, exprs, context);
}

/// An elementwise linalg.generic over `resultShape` (logical) whose operands
/// broadcast to it; `body` gets the operands' scalars.
Value elementwise(OpBuilder &b, Location loc, ArrayRef<int64_t> resultShape,
                  ValueRange operands, ArrayRef<ArrayRef<int64_t>> shapes,
                  function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  MLIRContext *context = b.getContext();
  int64_t rank = resultShape.size();
  SmallVector<AffineMap> maps;
  for (ArrayRef<int64_t> shape : shapes)
    maps.push_back(broadcastMap(context, shape, resultShape));
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, context));
  SmallVector<int64_t> storage = toStorageShape(resultShape);
  return b
      .create<linalg::GenericOp>(
          loc, tensorType(storage, b.getF32Type()), operands,
          emptyTensor(b, loc, storage), maps, parallelIterators(rank),
          [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
            nested.create<linalg::YieldOp>(
                nestedLoc, body(nested, nestedLoc, args.drop_back()));
          })
      .getResult(0);
}

ArrayRef<int64_t> logicalShape(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

/// `init` with `bias` ([C], along the last storage dimension) broadcast into
/// it, or zeros: the accumulator a convolution or matmul starts from.
Value accumulatorInit(OpBuilder &b, Location loc, ArrayRef<int64_t> storage,
                      Value bias) {
  if (!bias)
    return filledTensor(b, loc, storage, 0.0f);
  int64_t rank = storage.size();
  MLIRContext *context = b.getContext();
  AffineMap biasMap =
      AffineMap::get(rank, 0, getAffineDimExpr(rank - 1, context), context);
  return b
      .create<linalg::GenericOp>(
          loc, tensorType(storage, b.getF32Type()), bias,
          emptyTensor(b, loc, storage),
          ArrayRef<AffineMap>{biasMap,
                              AffineMap::getMultiDimIdentityMap(rank, context)},
          parallelIterators(rank),
          [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
            nested.create<linalg::YieldOp>(nestedLoc, args[0]);
          })
      .getResult(0);
}

/// activation(x) + residual over storage-ordered values of one shape.
Value epilogue(OpBuilder &b, Location loc, Value x, ActivationAttr activation,
               Value residual) {
  if ((!activation || activation.getKind() == ActivationKind::None) &&
      !residual)
    return x;
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  SmallVector<Value> inputs = {x};
  if (residual)
    inputs.push_back(residual);
  SmallVector<AffineMap> maps(
      inputs.size() + 1, AffineMap::getMultiDimIdentityMap(rank, b.getContext()));
  return b
      .create<linalg::GenericOp>(
          loc, type, inputs, emptyTensor(b, loc, type.getShape()), maps,
          parallelIterators(rank),
          [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
            Value result = emitActivation(nested, nestedLoc, args[0],
                                          activation);
            if (residual)
              result = nested.create<arith::AddFOp>(nestedLoc, result, args[1]);
            nested.create<linalg::YieldOp>(nestedLoc, result);
          })
      .getResult(0);
}

/// Reinterprets `value` (stored for logical shape `from`) as logical shape
/// `to`, in row-major logical order.
Value reshapeLogical(OpBuilder &b, Location loc, Value value,
                     ArrayRef<int64_t> from, ArrayRef<int64_t> to) {
  Type f32 = b.getF32Type();
  if (!storageIsRowMajor(from)) {
    value = transpose(b, loc, value, from, {0, 3, 1, 2});
  }
  // Through one dimension: collapse everything, expand to the target.
  int64_t count = getNumElements(from);
  if (from.size() != 1) {
    SmallVector<ReassociationIndices> all(1);
    all[0] = llvm::to_vector(llvm::seq<int64_t>(0, from.size()));
    value = b.create<tensor::CollapseShapeOp>(loc, tensorType({count}, f32),
                                              value, all);
  }
  SmallVector<int64_t> target =
      storageIsRowMajor(to) ? toStorageShape(to) : SmallVector<int64_t>(to);
  if (to.size() != 1) {
    SmallVector<ReassociationIndices> all(1);
    all[0] = llvm::to_vector(llvm::seq<int64_t>(0, to.size()));
    value = b.create<tensor::ExpandShapeOp>(loc, tensorType(target, f32),
                                            value, all);
  }
  if (!storageIsRowMajor(to))
    value = transpose(b, loc, value, toStorageShape(to), {0, 2, 3, 1});
  return value;
}

//===----------------------------------------------------------------------===//
// Lowerings: one function per op, returning the storage-layout result
//===----------------------------------------------------------------------===//

/// The storage-layout value of each logical (mnc-level) value lowered so
/// far.
class StorageValues {
public:
  void set(Value logical, Value storage) { map[logical] = storage; }

  /// The storage form of `logical`: its lowered value, a constant re-laid
  /// out at compile time, or the value itself where both layouts agree.
  Value get(OpBuilder &b, Value logical) {
    if (Value storage = map.lookup(logical))
      return storage;
    // A rank-4 argument is transposed to NHWC where it is first needed
    // (not at all when convolution kernels read it as it is).
    auto type = cast<RankedTensorType>(logical.getType());
    if (isa<BlockArgument>(logical) && type.getRank() == 4) {
      Value storage = transpose(b, logical.getLoc(), logical,
                                toStorageShape(type.getShape()), {0, 2, 3, 1});
      map[logical] = storage;
      return storage;
    }
    Value storage = storageValue(b, logical, logical);
    map[logical] = storage;
    return storage;
  }

  /// Asks the producer of `logical` to write it with zero borders of
  /// `pads` (top, left, bottom, right) for its consumers.
  void requestPadding(Value logical, ArrayRef<int64_t> pads) {
    requested[logical] = llvm::to_vector(pads);
  }
  ArrayRef<int64_t> requestedPadding(Value logical) const {
    auto it = requested.find(logical);
    return it == requested.end() ? ArrayRef<int64_t>() : it->second;
  }

  /// Asks the depthwise convolution producing `logical` for the sums of its
  /// rows too (for the squeeze-and-excite that reads it).
  void requestRowSums(Value logical) { rowSumsRequested.insert(logical); }
  bool rowSumsRequestedFor(Value logical) const {
    return rowSumsRequested.contains(logical);
  }
  void setRowSums(Value logical, Value sums) { rowSums[logical] = sums; }
  /// [N, H, C]: `logical`'s storage summed over W, or null.
  Value getRowSums(Value logical) const { return rowSums.lookup(logical); }

  /// `logical` stored with the zero borders it was requested with.
  void setPadded(Value logical, Value storage) { padded[logical] = storage; }
  Value getPadded(Value logical) const { return padded.lookup(logical); }

private:
  DenseMap<Value, Value> map;
  DenseMap<Value, SmallVector<int64_t>> requested;
  DenseMap<Value, Value> padded;
  DenseSet<Value> rowSumsRequested;
  DenseMap<Value, Value> rowSums;
};

/// The convolutions whose result feeds only convolutions that pad their
/// input alike get to write it padded: the consumers then need no copy into
/// a padded buffer, and the unpadded tensor never exists. (A convolution
/// that adds it as its residual reads the interior in place.)
void planPaddedOutputs(Block &body, StorageValues &values) {
  for (auto producer : body.getOps<Conv2dOp>()) {
    Value result = producer.getOutput();
    std::optional<ArrayRef<int64_t>> pads;
    bool allPaddedConvs = !result.use_empty();
    for (OpOperand &use : result.getUses()) {
      auto consumer = dyn_cast<Conv2dOp>(use.getOwner());
      if (consumer && use.get() == consumer.getResidual() &&
          use.get() != consumer.getInput())
        continue;
      if (!consumer || use.getOperandNumber() != 0 ||
          llvm::all_of(consumer.getPads(), [](int64_t p) { return p == 0; }) ||
          (pads && *pads != consumer.getPads())) {
        allPaddedConvs = false;
        break;
      }
      pads = consumer.getPads();
    }
    if (allPaddedConvs && pads)
      values.requestPadding(result, *pads);
  }
}

/// A depthwise convolution whose result only a squeeze-and-excite reads adds
/// up its rows as it writes them: the squeeze then sums H row sums instead
/// of reading the whole tensor, which also keeps each thread's rows in its
/// own cache until the excite scales them.
void planRowSums(Block &body, StorageValues &values) {
  for (auto excite : body.getOps<SqueezeExciteOp>()) {
    auto producer = excite.getInput().getDefiningOp<Conv2dOp>();
    if (producer && producer.getOutput().hasOneUse() &&
        producer.isDepthwise())
      values.requestRowSums(producer.getOutput());
  }
}

/// Convolution: zero padding, the packed filter, an accumulator holding the
/// bias, the linalg convolution, then activation and residual.
FailureOr<Value> lowerConv2d(Conv2dOp op, StorageValues &values,
                             OpBuilder &rewriter, const VectorTarget &target) {
    Location loc = op.getLoc();
    std::optional<SmallVector<float>> filter =
        constantElements(op.getFilter());
    if (!filter)
      return op.emitError("filter is not a constant");
    ArrayRef<int64_t> in = logicalShape(op.getInput());
    ArrayRef<int64_t> fs = logicalShape(op.getFilter());
    ArrayRef<int64_t> out = logicalShape(op.getOutput());
    int64_t groups = op.getGroups();
    int64_t outChannels = fs[0], groupChannels = fs[1], kh = fs[2], kw = fs[3];
    // groups == 1 is an ordinary convolution, also with one input channel.
    bool depthwise = op.isDepthwise();
    if (groups != 1 && !depthwise)
      return op.emitError("grouped convolution");

    ArrayRef<int64_t> pads = op.getPads();
    bool anyPadding = llvm::any_of(pads, [](int64_t p) { return p != 0; });
    // The kernel of a full (not pointwise) convolution reads the model's
    // NCHW input in place: no transpose pass over the image.
    bool inputNCHW = target.lanes && !depthwise && (kh != 1 || kw != 1) &&
                     isa<BlockArgument>(op.getInput());
    Value input = values.getPadded(op.getInput());
    if (inputNCHW) {
      // Border tiles read the padding as zeros: no padded copy.
      input = op.getInput();
    } else if (!input) {
      input = values.get(rewriter, op.getInput());
    }
    if (!inputNCHW && !values.getPadded(op.getInput()) && anyPadding) {
      SmallVector<int64_t> padded = {in[0], in[2] + pads[0] + pads[2],
                                     in[3] + pads[1] + pads[3], in[1]};
      SmallVector<OpFoldResult> low = {rewriter.getIndexAttr(0),
                                       rewriter.getIndexAttr(pads[0]),
                                       rewriter.getIndexAttr(pads[1]),
                                       rewriter.getIndexAttr(0)};
      SmallVector<OpFoldResult> high = {rewriter.getIndexAttr(0),
                                        rewriter.getIndexAttr(pads[2]),
                                        rewriter.getIndexAttr(pads[3]),
                                        rewriter.getIndexAttr(0)};
      input = rewriter.create<tensor::PadOp>(
          loc, tensorType(padded, rewriter.getF32Type()), input, low, high,
          constantF32(rewriter, loc, 0.0f));
    }

    SmallVector<int64_t> storage = toStorageShape(out);
    Value bias = op.getBias() ? values.get(rewriter, op.getBias()) : Value();
    // A padded result is what its consumers read; the unpadded view of it
    // (an extract_slice, so no copy) serves anything else.
    auto kernelResult = [&](Conv2dOp op, Value result) -> Value {
      ArrayRef<int64_t> padding = values.requestedPadding(op.getOutput());
      if (padding.empty())
        return result;
      values.setPadded(op.getOutput(), result);
      SmallVector<int64_t> offsets = {0, padding[0], padding[1], 0};
      SmallVector<int64_t> strides(4, 1);
      return rewriter.create<tensor::ExtractSliceOp>(
          loc, tensorType(storage, rewriter.getF32Type()), result,
          ValueRange(), ValueRange(), ValueRange(), offsets, storage,
          strides);
    };
    auto strides = rewriter.getI64VectorAttr(op.getStrides());
    auto dilations = rewriter.getI64VectorAttr(op.getDilations());
    Value residual = op.getResidual()
                         ? values.get(rewriter, op.getResidual())
                         : Value();
    ConvKernelOperands kernel;
    kernel.input = input;
    kernel.inputNCHW = inputNCHW;
    if (inputNCHW && anyPadding)
      kernel.inputPadding = pads;
    kernel.kernelH = kh;
    kernel.kernelW = kw;
    kernel.strideH = op.getStrides()[0];
    kernel.strideW = op.getStrides()[1];
    kernel.dilationH = op.getDilations()[0];
    kernel.dilationW = op.getDilations()[1];
    kernel.bias = bias;
    kernel.activation = op.getActivationAttr();
    kernel.residual = residual;
    kernel.outputShape = storage;
    kernel.outputPadding = values.requestedPadding(op.getOutput());
    Value result;
    if (!depthwise) {
      // [F, C, KH, KW] -> HWCF.
      SmallVector<float> packed(filter->size());
      for (int64_t f = 0; f < outChannels; ++f)
        for (int64_t c = 0; c < groupChannels; ++c)
          for (int64_t y = 0; y < kh; ++y)
            for (int64_t x = 0; x < kw; ++x)
              packed[((y * kw + x) * groupChannels + c) * outChannels + f] =
                  (*filter)[((f * groupChannels + c) * kh + y) * kw + x];
      if (target.lanes) {
        kernel.filter = packed;
        return kernelResult(op, emitConvKernel(rewriter, loc, kernel, target));
      }
      Value weights = denseConstant(rewriter, loc,
                                    {kh, kw, groupChannels, outChannels},
                                    packed);
      result = rewriter
                   .create<linalg::Conv2DNhwcHwcfOp>(
                       loc, tensorType(storage, rewriter.getF32Type()),
                       ValueRange{input, weights},
                       accumulatorInit(rewriter, loc, storage, bias), strides,
                       dilations)
                   .getResult(0);
    } else {
      // [C, 1, KH, KW] -> HWC.
      SmallVector<float> packed(filter->size());
      for (int64_t c = 0; c < outChannels; ++c)
        for (int64_t y = 0; y < kh; ++y)
          for (int64_t x = 0; x < kw; ++x)
            packed[(y * kw + x) * outChannels + c] =
                (*filter)[(c * kh + y) * kw + x];
      if (target.lanes) {
        kernel.filter = packed;
        if (!values.rowSumsRequestedFor(op.getOutput()))
          return kernelResult(
              op, emitDepthwiseKernel(rewriter, loc, kernel, target));
        Value rowSums;
        Value result =
            emitDepthwiseKernel(rewriter, loc, kernel, target, &rowSums);
        values.setRowSums(op.getOutput(), rowSums);
        return kernelResult(op, result);
      }
      Value weights =
          denseConstant(rewriter, loc, {kh, kw, outChannels}, packed);
      result = rewriter
                   .create<linalg::DepthwiseConv2DNhwcHwcOp>(
                       loc, tensorType(storage, rewriter.getF32Type()),
                       ValueRange{input, weights},
                       accumulatorInit(rewriter, loc, storage, bias), strides,
                       dilations)
                   .getResult(0);
    }
    return (epilogue(rewriter, loc, result,
                                    op.getActivationAttr(), residual));
}

/// Standalone activations.
template <typename OpT>
FailureOr<Value> lowerActivation(OpT op, StorageValues &values,
                                 OpBuilder &rewriter) {
    ActivationAttr activation =
        cast<ActivationOpInterface>(op.getOperation()).getActivation();
    return (epilogue(rewriter, op.getLoc(), values.get(rewriter, op->getOperand(0)),
                                    activation, Value()));
}

template <typename ArithOpT, typename OpT>
FailureOr<Value> lowerBinary(OpT op, StorageValues &values,
                             OpBuilder &rewriter) {
    Value result = elementwise(
        rewriter, op.getLoc(), logicalShape(op.getOutput()),
        ValueRange{values.get(rewriter, op->getOperand(0)),
                   values.get(rewriter, op->getOperand(1))},
        {logicalShape(op.getLhs()), logicalShape(op.getRhs())},
        [](OpBuilder &b, Location loc, ValueRange args) -> Value {
          return b.create<ArithOpT>(loc, args[0], args[1]);
        });
    return (result);
}

/// (x - mean) / sqrt(variance + epsilon) * scale + bias along logical axis 1.
FailureOr<Value> lowerBatchNorm(BatchNormOp op, StorageValues &values, OpBuilder &rewriter) {
    ArrayRef<int64_t> shape = logicalShape(op.getInput());
    // A [C] parameter broadcast along axis 1 has logical shape [C, 1, ...].
    SmallVector<int64_t> paramShape(shape.size() - 1, 1);
    paramShape[0] = shape[1];
    float epsilon = op.getEpsilon().convertToFloat();
    Location loc = op.getLoc();
    SmallVector<Value> params;
    for (Value param : {values.get(rewriter, op.getScale()), values.get(rewriter, op.getBias()),
                        values.get(rewriter, op.getMean()), values.get(rewriter, op.getVariance())}) {
      SmallVector<ReassociationIndices> group(1);
      group[0] = llvm::to_vector(llvm::seq<int64_t>(0, paramShape.size()));
      params.push_back(
          paramShape.size() == 1
              ? param
              : rewriter.create<tensor::ExpandShapeOp>(
                    loc, tensorType(paramShape, rewriter.getF32Type()), param,
                    group));
    }
    SmallVector<ArrayRef<int64_t>> shapes = {shape, paramShape, paramShape,
                                             paramShape, paramShape};
    Value result = elementwise(
        rewriter, loc, shape,
        ValueRange{values.get(rewriter, op->getOperand(0)), params[0], params[1], params[2],
                   params[3]},
        shapes, [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value centered = b.create<arith::SubFOp>(l, args[0], args[3]);
          Value deviation = b.create<math::SqrtOp>(
              l, b.create<arith::AddFOp>(l, args[4], constantF32(b, l, epsilon)));
          Value normalized = b.create<arith::DivFOp>(l, centered, deviation);
          return b.create<arith::AddFOp>(
              l, b.create<arith::MulFOp>(l, normalized, args[1]), args[2]);
        });
    return (result);
}

/// Sum over the logical `axes` of the input, then a multiplication by the
/// reciprocal of the count.
Value meanOver(OpBuilder &b, Location loc, Value input,
               ArrayRef<int64_t> inShape, ArrayRef<int64_t> axes,
               bool keepdims, ArrayRef<int64_t> outShape) {
  MLIRContext *context = b.getContext();
  int64_t rank = inShape.size();
  SmallVector<IteratorType> iterators(rank, IteratorType::parallel);
  int64_t count = 1;
  for (int64_t axis : axes) {
    iterators[storageIndex(rank, axis)] = IteratorType::reduction;
    count *= inShape[axis];
  }
  // Output storage dimension -> logical output dimension -> logical input
  // dimension -> loop dimension (or 0 where a kept dimension was reduced).
  SmallVector<int64_t> outLogicalToIn;
  for (int64_t i = 0; i < rank; ++i)
    if (keepdims || !llvm::is_contained(axes, i))
      outLogicalToIn.push_back(i);
  SmallVector<AffineExpr> outExprs;
  for (int64_t logical : storageToLogical(outShape.size())) {
    int64_t inLogical = outLogicalToIn[logical];
    if (llvm::is_contained(axes, inLogical))
      outExprs.push_back(getAffineConstantExpr(0, context));
    else
      outExprs.push_back(
          getAffineDimExpr(storageIndex(rank, inLogical), context));
  }
  SmallVector<int64_t> storage = toStorageShape(outShape);
  Value sum = b.create<linalg::GenericOp>(
                   loc, tensorType(storage, b.getF32Type()), input,
                   filledTensor(b, loc, storage, 0.0f),
                   ArrayRef<AffineMap>{
                       AffineMap::getMultiDimIdentityMap(rank, context),
                       AffineMap::get(rank, 0, outExprs, context)},
                   iterators,
                   [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
                     nested.create<linalg::YieldOp>(
                         nestedLoc, nested
                                        .create<arith::AddFOp>(
                                            nestedLoc, args[0], args[1])
                                        .getResult());
                   })
                  .getResult(0);
  float scale = 1.0f / static_cast<float>(count);
  return elementwise(b, loc, outShape, sum, {outShape},
                     [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
                       return nb.create<arith::MulFOp>(
                           l, args[0], constantF32(nb, l, scale));
                     });
}

FailureOr<Value> lowerGlobalAvgPool(GlobalAvgPoolOp op, StorageValues &values, OpBuilder &rewriter) {
    return (meanOver(rewriter, op.getLoc(), values.get(rewriter, op->getOperand(0)),
                                    logicalShape(op.getInput()), {2, 3},
                                    /*keepdims=*/true,
                                    logicalShape(op.getOutput())));
}

FailureOr<Value> lowerReduceMean(ReduceMeanOp op, StorageValues &values, OpBuilder &rewriter) {
    return (meanOver(rewriter, op.getLoc(), values.get(rewriter, op->getOperand(0)),
                                    logicalShape(op.getInput()), op.getAxes(),
                                    op.getKeepdims(),
                                    logicalShape(op.getOutput())));
}

/// activation([M, K] x [N, K]^T + bias ([N])): `weight` is the op's [N, K]
/// operand, packed to [K, N] at compile time when it is constant (then a
/// vector kernel when the target has one), otherwise read transposed through
/// `storageWeight`, its lowered value.
Value matmulTransposedWeight(OpBuilder &b, Location loc, Value input,
                             Value weight, Value storageWeight, Value bias,
                             ActivationAttr activation, ArrayRef<int64_t> out,
                             const VectorTarget &target) {
  auto type = tensorType(out, b.getF32Type());
  if (std::optional<SmallVector<float>> data = constantElements(weight)) {
    ArrayRef<int64_t> ws = logicalShape(weight);
    int64_t n = ws[0], k = ws[1];
    SmallVector<float> packed(data->size());
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < k; ++j)
        packed[j * n + i] = (*data)[i * k + j];
    if (target.lanes)
      return emitMatmulKernel(b, loc, input, packed, n, bias, activation,
                              target);
    Value init = accumulatorInit(b, loc, out, bias);
    Value weights = denseConstant(b, loc, {k, n}, packed);
    Value product = b.create<linalg::MatmulOp>(
                         loc, type, ValueRange{input, weights}, init)
                        .getResult(0);
    return epilogue(b, loc, product, activation, Value());
  }
  Value product = b.create<linalg::MatmulTransposeBOp>(
                       loc, type, ValueRange{input, storageWeight},
                       accumulatorInit(b, loc, out, bias))
                      .getResult(0);
  return epilogue(b, loc, product, activation, Value());
}

/// [M, K] x [N, K]^T + bias, then the fused activation.
FailureOr<Value> lowerFullyConnected(FullyConnectedOp op, StorageValues &values,
                                     OpBuilder &rewriter,
                                     const VectorTarget &target) {
  return matmulTransposedWeight(
      rewriter, op.getLoc(), values.get(rewriter, op.getInput()),
      op.getWeight(), values.get(rewriter, op.getWeight()),
      op.getBias() ? values.get(rewriter, op.getBias()) : Value(),
      op.getActivationAttr(), logicalShape(op.getOutput()), target);
}

/// Squeeze-and-excite: the mean over H and W ([N, C]), two matmuls with
/// their biases and activations ([N, R], then the [N, C] gate), then x times
/// the gate broadcast over H and W, one elementwise pass over x.
FailureOr<Value> lowerSqueezeExcite(SqueezeExciteOp op, StorageValues &values,
                                    OpBuilder &rewriter,
                                    const VectorTarget &target) {
  Location loc = op.getLoc();
  MLIRContext *context = rewriter.getContext();
  ArrayRef<int64_t> in = logicalShape(op.getInput());
  int64_t n = in[0], channels = in[1];
  int64_t reduced = logicalShape(op.getReduceWeight())[0];
  Value input = values.get(rewriter, op.getInput());
  Value squeezed;
  if (Value rowSums = values.getRowSums(op.getInput())) {
    // The mean of the H row sums, viewed as [N, H, 1, C].
    int64_t height = in[2];
    Value sums = rewriter.create<tensor::ExpandShapeOp>(
        loc, tensorType({n, height, 1, channels}, rewriter.getF32Type()),
        rowSums, SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
    squeezed = emitChannelMean(rewriter, loc, sums, target, height * in[3]);
  } else {
    squeezed = target.lanes
                   ? emitChannelMean(rewriter, loc, input, target)
                   : meanOver(rewriter, loc, input, in, {2, 3},
                              /*keepdims=*/false, {n, channels});
  }
  Value hidden = matmulTransposedWeight(
      rewriter, loc, squeezed, op.getReduceWeight(),
      values.get(rewriter, op.getReduceWeight()),
      values.get(rewriter, op.getReduceBias()), op.getReduceActivation(),
      {n, reduced}, target);
  Value gate = matmulTransposedWeight(
      rewriter, loc, hidden, op.getExpandWeight(),
      values.get(rewriter, op.getExpandWeight()),
      values.get(rewriter, op.getExpandBias()), op.getExpandActivation(),
      {n, channels}, target);
  if (target.lanes)
    return emitChannelScale(rewriter, loc, input, gate, target);
  // Storage loops (n, h, w, c): x[n, h, w, c] * gate[n, c].
  SmallVector<int64_t> storage = toStorageShape(in);
  AffineMap identity = AffineMap::getMultiDimIdentityMap(4, context);
  AffineMap perChannel = AffineMap::get(
      4, 0, {getAffineDimExpr(0, context), getAffineDimExpr(3, context)},
      context);
  return rewriter
      .create<linalg::GenericOp>(
          loc, tensorType(storage, rewriter.getF32Type()),
          ValueRange{input, gate}, emptyTensor(rewriter, loc, storage),
          ArrayRef<AffineMap>{identity, perChannel, identity},
          parallelIterators(4),
          [](OpBuilder &b, Location l, ValueRange args) {
            b.create<linalg::YieldOp>(
                l, b.create<arith::MulFOp>(l, args[0], args[1]).getResult());
          })
      .getResult(0);
}

FailureOr<Value> lowerReshape(ReshapeOp op, StorageValues &values, OpBuilder &rewriter) {
    return (reshapeLogical(rewriter, op.getLoc(),
                                          values.get(rewriter, op->getOperand(0)),
                                          logicalShape(op.getInput()),
                                          logicalShape(op.getOutput())));
}

FailureOr<Value> lowerTranspose(TransposeOp op, StorageValues &values, OpBuilder &rewriter) {
    int64_t rank = op.getPerm().size();
    SmallVector<int64_t> inPerm = storageToLogical(rank);
    SmallVector<int64_t> storagePerm;
    for (int64_t logical : storageToLogical(rank))
      storagePerm.push_back(
          llvm::find(inPerm, op.getPerm()[logical]) - inPerm.begin());
    SmallVector<int64_t> storage = toStorageShape(logicalShape(op.getOutput()));
    Value init = emptyTensor(rewriter, op.getLoc(), storage);
    return (rewriter
                               .create<linalg::TransposeOp>(
                                   op.getLoc(), values.get(rewriter, op->getOperand(0)), init,
                                   storagePerm)
                               ->getResult(0));
}

FailureOr<Value> lowerConcat(ConcatOp op, StorageValues &values, OpBuilder &rewriter) {
    Location loc = op.getLoc();
    ArrayRef<int64_t> out = logicalShape(op.getOutput());
    int64_t rank = out.size();
    int64_t axis = storageIndex(rank, op.getAxis());
    SmallVector<int64_t> storage = toStorageShape(out);
    Value result = emptyTensor(rewriter, loc, storage);
    int64_t offset = 0;
    for (unsigned index = 0; index < op.getInputs().size(); ++index) {
      Value input = values.get(rewriter, op.getInputs()[index]);
      ArrayRef<int64_t> shape =
          cast<RankedTensorType>(input.getType()).getShape();
      SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
      offsets[axis] = rewriter.getIndexAttr(offset);
      SmallVector<OpFoldResult> sizes, strides(rank, rewriter.getIndexAttr(1));
      for (int64_t dim : shape)
        sizes.push_back(rewriter.getIndexAttr(dim));
      result = rewriter.create<tensor::InsertSliceOp>(loc, input, result,
                                                      offsets, sizes, strides);
      offset += shape[axis];
    }
    return (result);
}

FailureOr<Value> lowerPad(PadOp op, StorageValues &values, OpBuilder &rewriter) {
    int64_t rank = logicalShape(op.getInput()).size();
    SmallVector<OpFoldResult> low, high;
    for (int64_t logical : storageToLogical(rank)) {
      low.push_back(rewriter.getIndexAttr(op.getPads()[logical]));
      high.push_back(rewriter.getIndexAttr(op.getPads()[logical + rank]));
    }
    auto type = tensorType(toStorageShape(logicalShape(op.getOutput())),
                           rewriter.getF32Type());
    return rewriter.create<tensor::PadOp>(
        op.getLoc(), type, values.get(rewriter, op->getOperand(0)), low, high,
               constantF32(rewriter, op.getLoc(), op.getValue().convertToFloat()))
        .getResult();
}

/// exp(x - max) / sum(exp(x - max)) along one axis.
FailureOr<Value> lowerSoftmax(SoftmaxOp op, StorageValues &values, OpBuilder &rewriter) {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    ArrayRef<int64_t> shape = logicalShape(op.getInput());
    int64_t rank = shape.size();
    int64_t axis = storageIndex(rank, op.getAxis());
    SmallVector<int64_t> storage = toStorageShape(shape);
    SmallVector<int64_t> reduced = storage;
    reduced[axis] = 1;
    AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, context);
    SmallVector<AffineExpr> exprs;
    for (int64_t i = 0; i < rank; ++i)
      exprs.push_back(i == axis ? getAffineConstantExpr(0, context)
                                : getAffineDimExpr(i, context));
    AffineMap reducedMap = AffineMap::get(rank, 0, exprs, context);
    SmallVector<IteratorType> reduction = parallelIterators(rank);
    reduction[axis] = IteratorType::reduction;
    auto reduce = [&](Value input, Value init, auto combine) {
      return rewriter
          .create<linalg::GenericOp>(
              loc, init.getType(), input, init,
              ArrayRef<AffineMap>{identity, reducedMap}, reduction,
              [&](OpBuilder &b, Location l, ValueRange args) {
                b.create<linalg::YieldOp>(l, combine(b, l, args[0], args[1]));
              })
          .getResult(0);
    };
    auto map2 = [&](Value a, Value b2, auto fn) {
      auto type = tensorType(storage, rewriter.getF32Type());
      return rewriter
          .create<linalg::GenericOp>(
              loc, type, ValueRange{a, b2}, emptyTensor(rewriter, loc, storage),
              ArrayRef<AffineMap>{identity, reducedMap, identity},
              parallelIterators(rank),
              [&](OpBuilder &b, Location l, ValueRange args) {
                b.create<linalg::YieldOp>(l, fn(b, l, args[0], args[1]));
              })
          .getResult(0);
    };
    Value input = values.get(rewriter, op->getOperand(0));
    Value maximum = reduce(
        input, filledTensor(rewriter, loc, reduced, -INFINITY),
        [](OpBuilder &b, Location l, Value x, Value acc) -> Value {
          return b.create<arith::MaximumFOp>(l, x, acc);
        });
    Value exps = map2(input, maximum,
                      [](OpBuilder &b, Location l, Value x, Value m) -> Value {
                        return b.create<math::ExpOp>(
                            l, b.create<arith::SubFOp>(l, x, m));
                      });
    Value sum = reduce(exps, filledTensor(rewriter, loc, reduced, 0.0f),
                       [](OpBuilder &b, Location l, Value x, Value acc) -> Value {
                         return b.create<arith::AddFOp>(l, x, acc);
                       });
    return (map2(exps, sum,
                 [](OpBuilder &b, Location l, Value e, Value s) -> Value {
                   return b.create<arith::DivFOp>(l, e, s);
                 }));
}

/// Why an op has no lowering yet, or nothing when it has one.
std::optional<std::string> unsupportedReason(Operation *op) {
  if (!isa<MncDialect>(op->getDialect()))
    return std::nullopt;
  if (auto conv = dyn_cast<Conv2dOp>(op)) {
    if (!constantElements(conv.getFilter()))
      return "its filter is computed at run time; only constant filters are "
             "supported";
    // groups == 1 is an ordinary convolution, also with one input channel.
    if (conv.getGroups() == 1 || conv.isDepthwise())
      return std::nullopt;
    // One input channel per group but more output channels than groups.
    if (logicalShape(conv.getFilter())[1] == 1)
      return "depthwise convolutions with a channel multiplier are not "
             "supported yet";
    return "grouped convolutions (1 < groups < channels) are not supported "
           "yet";
  }
  if (isa<FullyConnectedOp, ReluOp, ClipOp, HardSigmoidOp, HardSwishOp,
          SigmoidOp, AddOp, SubOp, MulOp, DivOp, BatchNormOp, GlobalAvgPoolOp,
          ReduceMeanOp, ReshapeOp, TransposeOp, ConcatOp, PadOp, SoftmaxOp,
          SqueezeExciteOp>(op))
    return std::nullopt;
  return "this operation has no lowering to linalg yet";
}

struct ConvertMncToLinalgPass
    : public mnc::impl::ConvertMncToLinalgBase<ConvertMncToLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Report every op that cannot be lowered, not just the first.
    bool supported = true;
    module.walk([&](Operation *op) {
      if (std::optional<std::string> reason = unsupportedReason(op)) {
        op->emitError() << "cannot lower '" << op->getName() << "': "
                        << *reason;
        supported = false;
      }
    });
    if (!supported)
      return signalPassFailure();

    // Declarations (such as a profiling hook) have nothing to lower.
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal() && failed(lowerFunction(func, target())))
        return signalPassFailure();
  }

  /// Lowers the mnc ops of `func` in order. Rank-4 arguments are transposed
  /// to NHWC on entry and rank-4 results back to NCHW before returning, so
  /// the signature keeps ONNX's layout.
  /// The vector kernels' blocking from the pass options.
  VectorTarget target() const {
    VectorTarget target;
    target.lanes = vectorLanes;
    target.vectorsPerTile = tileVectors;
    target.rows = tileRows;
    target.depthwiseColumns = depthwiseColumns;
    return target;
  }

  static LogicalResult lowerFunction(func::FuncOp func,
                                     const VectorTarget &target) {
    if (!func.getBody().hasOneBlock())
      return func.emitError("expected a function with a single block");
    Block &body = func.getBody().front();
    OpBuilder b = OpBuilder::atBlockBegin(&body);
    StorageValues values;
    if (target.lanes) {
      planPaddedOutputs(body, values);
      planRowSums(body, values);
    }
    SmallVector<Operation *> lowered;
    for (Operation &op : llvm::make_early_inc_range(body)) {
      b.setInsertionPoint(&op);
      if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        for (OpOperand &operand : ret->getOpOperands()) {
          Value storage = values.get(b, operand.get());
          auto type = cast<RankedTensorType>(operand.get().getType());
          if (type.getRank() == 4)
            storage = transpose(b, ret.getLoc(), storage, type.getShape(),
                                {0, 3, 1, 2});
          operand.set(storage);
        }
        continue;
      }
      if (!isa<MncDialect>(op.getDialect()))
        continue;
      FailureOr<Value> result = lowerOp(&op, values, b, target);
      if (failed(result))
        return failure();
      values.set(op.getResult(0), *result);
      lowered.push_back(&op);
    }
    for (Operation *op : llvm::reverse(lowered))
      op->erase();
    return success();
  }

  static FailureOr<Value> lowerOp(Operation *op, StorageValues &values,
                                  OpBuilder &b, const VectorTarget &target) {
    return llvm::TypeSwitch<Operation *, FailureOr<Value>>(op)
        .Case([&](Conv2dOp op) { return lowerConv2d(op, values, b, target); })
        .Case([&](FullyConnectedOp op) {
          return lowerFullyConnected(op, values, b, target);
        })
        .Case<ReluOp, ClipOp, HardSigmoidOp, HardSwishOp, SigmoidOp>(
            [&](auto op) { return lowerActivation(op, values, b); })
        .Case([&](AddOp op) { return lowerBinary<arith::AddFOp>(op, values, b); })
        .Case([&](SubOp op) { return lowerBinary<arith::SubFOp>(op, values, b); })
        .Case([&](MulOp op) { return lowerBinary<arith::MulFOp>(op, values, b); })
        .Case([&](DivOp op) { return lowerBinary<arith::DivFOp>(op, values, b); })
        .Case([&](BatchNormOp op) { return lowerBatchNorm(op, values, b); })
        .Case([&](GlobalAvgPoolOp op) {
          return lowerGlobalAvgPool(op, values, b);
        })
        .Case([&](ReduceMeanOp op) { return lowerReduceMean(op, values, b); })
        .Case([&](ReshapeOp op) { return lowerReshape(op, values, b); })
        .Case([&](TransposeOp op) { return lowerTranspose(op, values, b); })
        .Case([&](ConcatOp op) { return lowerConcat(op, values, b); })
        .Case([&](PadOp op) { return lowerPad(op, values, b); })
        .Case([&](SoftmaxOp op) { return lowerSoftmax(op, values, b); })
        .Case([&](SqueezeExciteOp op) {
          return lowerSqueezeExcite(op, values, b, target);
        })
        .Default([](Operation *op) -> FailureOr<Value> {
          return op->emitError() << "cannot lower '" << op->getName() << "'";
        });
  }
};

} // namespace
