//===- NodeContext.h - what an op handler sees of the import --------------===//
//
// ImportState is the import's state shared by all nodes: the builder, the
// tensors known so far (run-time values and compile-time constants, by ONNX
// name) and the error count. NodeContext is one node's view of it, handed to
// the op handlers of OpTable: the node's inputs as values or constants, its
// attributes through typed getters that report a wrong type, its outputs,
// and errors that name the node.
//
// Error convention: every error goes through error() or
// ImportState::fileError(), which count it. A handler that fails, or that
// reports an error and still returns success, poisons the node's outputs
// (see ImportDriver.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_FRONTEND_ONNX_NODECONTEXT_H
#define MNC_COMPILER_FRONTEND_ONNX_NODECONTEXT_H

#include "compiler/frontend/onnx/ConstTensor.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringMap.h"

#include <onnx/onnx_pb.h>

#include <optional>
#include <string>

namespace mnc::onnx_frontend {

/// The state of one import, shared by every node.
struct ImportState {
  ImportState(llvm::StringRef path, mlir::MLIRContext &context);

  /// An error at the model file's location (no node to blame).
  mlir::InFlightDiagnostic fileError();

  /// The arith.constant holding `tensor` as f32, made once per `name` (the
  /// cache key: callers deriving a constant must make the name unique).
  mlir::Value materialize(llvm::StringRef name, const ConstTensor &tensor);

  mlir::RankedTensorType tensorType(llvm::ArrayRef<int64_t> shape) {
    return mlir::RankedTensorType::get(shape, builder.getF32Type());
  }

  std::string path;
  mlir::OpBuilder builder;
  mlir::Location fileLoc;
  /// The model's default-domain opset.
  int64_t opset = 0;
  /// Errors reported so far.
  unsigned errorCount = 0;

  /// Tensors computed at run time, by ONNX name.
  llvm::StringMap<mlir::Value> values;
  /// Tensors known at compile time, by ONNX name.
  llvm::StringMap<ConstTensor> constants;
  /// arith.constant ops already made for `constants`.
  llvm::StringMap<mlir::Value> materialized;
};

/// One node's view of the import, for its OpTable handler.
class NodeContext {
public:
  NodeContext(ImportState &state, const onnx::NodeProto &node, int index,
              mlir::Location loc)
      : state(state), node(node), index(index), loc(loc) {}

  const onnx::NodeProto &getNode() const { return node; }
  int getIndex() const { return index; }
  int64_t getOpset() const { return state.opset; }
  mlir::OpBuilder &getBuilder() { return state.builder; }
  mlir::Location getLoc() const { return loc; }

  //===--------------------------------------------------------------------===//
  // Diagnostics
  //===--------------------------------------------------------------------===//

  /// An error naming the node: "node 3 'conv1' (Conv): " then the message.
  mlir::InFlightDiagnostic error();

  /// For the `emitError` argument of the shape rules. Returns the callable
  /// itself: an EmitErrorFn (a function_ref) made here would refer to a
  /// lambda that dies on return. Pass it straight to the call.
  auto errorFn() {
    return [this] { return error(); };
  }

  /// Errors reported so far in the whole import: compare before and after
  /// a getter that reports instead of failing.
  unsigned getErrorCount() const { return state.errorCount; }

  //===--------------------------------------------------------------------===//
  // Inputs
  //===--------------------------------------------------------------------===//

  int getNumInputs() const { return node.input_size(); }
  /// Whether input `index` is given (ONNX marks an omitted optional input by
  /// an empty name).
  bool hasInput(int index) const {
    return index < node.input_size() && !node.input(index).empty();
  }
  llvm::StringRef getInputName(int index) const { return node.input(index); }
  /// Whether every given input is known at compile time.
  bool allInputsConst() const;

  /// Input `index` if it is known at compile time, else null.
  const ConstTensor *getConst(int index) const;
  /// Input `index`, which must be known at compile time; `what` names it in
  /// the error.
  mlir::FailureOr<const ConstTensor *> requireConst(int index,
                                                    llvm::StringRef what);
  /// Input `index` as a value, materializing a constant if needed.
  mlir::FailureOr<mlir::Value> getValue(int index);
  mlir::FailureOr<mlir::RankedTensorType> getValueType(int index);
  /// The type of input `index` of an op that supports only rank-4 (NCHW)
  /// inputs.
  mlir::FailureOr<mlir::RankedTensorType> getNchwType(int index);
  /// A tensor held in an attribute (Constant's and ConstantOfShape's
  /// `value`). Its problems are reported at the file, as those of
  /// initializers are, with `what` naming it.
  mlir::FailureOr<ConstTensor> decodeAttrTensor(const onnx::TensorProto &tensor,
                                                llvm::StringRef what);
  /// A scalar float input such as Clip's bounds or Pad's value;
  /// `defaultValue` if it is not given.
  mlir::FailureOr<float> getScalar(int index, llvm::StringRef what,
                                   float defaultValue);

  //===--------------------------------------------------------------------===//
  // Outputs
  //===--------------------------------------------------------------------===//

  /// Whether output `index` is used (named).
  bool hasOutput(int index) const {
    return index < node.output_size() && !node.output(index).empty();
  }
  void setOutput(int index, mlir::Value value);
  void setConstOutput(int index, ConstTensor tensor);

  //===--------------------------------------------------------------------===//
  // Attributes. A getter whose attribute has the wrong type reports an error
  // and returns the default.
  //===--------------------------------------------------------------------===//

  const onnx::AttributeProto *findAttr(llvm::StringRef name) const;
  int64_t getInt(llvm::StringRef name, int64_t defaultValue);
  float getFloat(llvm::StringRef name, float defaultValue);
  std::string getString(llvm::StringRef name, llvm::StringRef defaultValue);
  llvm::SmallVector<int64_t> getInts(llvm::StringRef name,
                                     llvm::ArrayRef<int64_t> defaultValue = {});
  llvm::SmallVector<float> getFloats(llvm::StringRef name,
                                     llvm::ArrayRef<float> defaultValue = {});

  /// The axes of Squeeze, Unsqueeze and ReduceMean: the `axes` attribute of
  /// older opsets or the constant input `inputIndex` of newer ones; nullopt
  /// when neither is given. Errors raise getErrorCount().
  std::optional<llvm::SmallVector<int64_t>> getAxes(int inputIndex);
  /// `axes` made non-negative for `rank`; out-of-range or repeated axes are
  /// errors.
  mlir::FailureOr<llvm::SmallVector<int64_t>>
  normalizeAxes(llvm::ArrayRef<int64_t> axes, int64_t rank, bool sorted);

  //===--------------------------------------------------------------------===//
  // Building
  //===--------------------------------------------------------------------===//

  mlir::RankedTensorType tensorType(llvm::ArrayRef<int64_t> shape) {
    return state.tensorType(shape);
  }
  mlir::Value materialize(llvm::StringRef name, const ConstTensor &tensor) {
    return state.materialize(name, tensor);
  }
  /// An OpT at the node's location; returns its result.
  template <typename OpT, typename... Args>
  mlir::Value create(mlir::Type type, Args &&...args) {
    return state.builder
        .create<OpT>(loc, type, std::forward<Args>(args)...)
        .getResult();
  }

private:
  ImportState &state;
  const onnx::NodeProto &node;
  int index;
  mlir::Location loc;
};

} // namespace mnc::onnx_frontend

#endif // MNC_COMPILER_FRONTEND_ONNX_NODECONTEXT_H
