//===- OpTable.h - the ONNX ops the importer supports ---------------------===//
//
// The single source of truth for "supported ops": for each ONNX op type of
// the default domain, the handler that imports it as mnc operations on
// run-time tensors, the folder that evaluates it when all its inputs are
// known at compile time, and the opsets it is supported in. The unsupported
// ops report and the fold-or-import decision read this table and nothing
// else.
//
// Each file under ops/ registers its ops through one register*Ops function,
// called by getOpTable() (explicitly: static initializers that register
// themselves are dropped when the library is linked statically).
//
// Adding an op: write `static LogicalResult importFoo(NodeContext &node)`
// in the ops/ file of its category (read inputs with node.getValue or
// node.requireConst, attributes with node.getInt/getFloat/..., report with
// node.error(), build with node.create<OpT>, finish with node.setOutput), and
// add `table.addImporter("Foo", importFoo)` to that file's register*Ops; a
// compile-time form is a folder registered with addFolder, and an op whose
// semantics changed between opsets narrows its range with setOpsetRange.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_FRONTEND_ONNX_OPTABLE_H
#define MNC_COMPILER_FRONTEND_ONNX_OPTABLE_H

#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

namespace mnc::onnx_frontend {

class NodeContext;

/// The newest default-domain opset whose operators this importer knows.
constexpr int64_t kNewestOpset = 21;
/// The oldest one. Most ops kept their meaning on float tensors since opset
/// 1 (attributes such as consumed_inputs or is_test that only matter for
/// training are ignored); those that did not narrow their range (Pad,
/// Reshape, Cast) or read their old form (legacy broadcasting of the
/// arithmetic ops before opset 7, Concat's default axis before 4).
constexpr int64_t kOldestOpset = 1;

/// Imports or folds the node of `node`. An error is reported through the
/// context (NodeContext::error); a handler that reports one fails.
using OpHandler = mlir::LogicalResult (*)(NodeContext &node);

/// What the importer knows about one op type.
struct OpDef {
  /// Builds mnc operations for the node; null if the op is supported only
  /// on compile-time constants.
  OpHandler importer = nullptr;
  /// Evaluates the node when every input is a compile-time constant; null
  /// if the op is never folded. Takes precedence over `importer`.
  OpHandler folder = nullptr;
  /// The default-domain opsets in which the handlers above are right.
  int64_t minOpset = kOldestOpset;
  int64_t maxOpset = kNewestOpset;

  bool supportsOpset(int64_t opset) const {
    return minOpset <= opset && opset <= maxOpset;
  }
};

class OpTable {
public:
  /// Registers the run-time importer of `opType` (at most one).
  void addImporter(llvm::StringRef opType, OpHandler importer);
  /// Registers the compile-time folder of `opType` (at most one).
  void addFolder(llvm::StringRef opType, OpHandler folder);
  /// Narrows the opsets of `opType` (registered already) to [min, max].
  void setOpsetRange(llvm::StringRef opType, int64_t minOpset,
                     int64_t maxOpset);

  /// The entry of a default-domain op type, or null if it is unknown.
  const OpDef *lookup(llvm::StringRef opType) const;
  /// Every op type, sorted by name.
  llvm::SmallVector<llvm::StringRef> opTypes() const;

private:
  llvm::StringMap<OpDef> ops;
};

/// The table of every supported op, built on first use.
const OpTable &getOpTable();

// The registration functions of ops/*.cpp, which getOpTable() calls.
void registerConvOps(OpTable &table);
void registerPoolingOps(OpTable &table);
void registerElementwiseOps(OpTable &table);
void registerShapeOps(OpTable &table);
void registerPassThroughOps(OpTable &table);
void registerGemmOps(OpTable &table);
void registerResizeOps(OpTable &table);
void registerSoftmaxOps(OpTable &table);
void registerConstantFoldingOps(OpTable &table);

} // namespace mnc::onnx_frontend

#endif // MNC_COMPILER_FRONTEND_ONNX_OPTABLE_H
