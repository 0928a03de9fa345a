//===- MncAbi.h - names shared by the importer, passes and back end -------===//
//
// Every symbol and attribute name that one stage of mnc writes and another
// reads, defined once. The importer names the entry function and its tensors;
// the passes mark parallel loops, outline them into tasks that call the
// dispatcher, plan the workspace and list the layers; the back end reads all
// of these to build the library's C entry points and header. A name spelled
// out anywhere else is a bug waiting for the two spellings to drift apart.
//
// Header-only and free of MLIR types beyond llvm::StringLiteral, so that every
// folder may include it (the dialect, the passes, the compiler driver and
// back end); it names no ONNX or LLVM code-generation concept.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_DIALECTS_MNCABI_H
#define MNC_DIALECTS_MNCABI_H

#include "llvm/ADT/StringRef.h"

namespace mnc::abi {

//===----------------------------------------------------------------------===//
// The entry function
//===----------------------------------------------------------------------===//

/// The function the importer creates for the model's graph: one argument
/// per graph input and one result per graph output, in graph order. After
/// lowering it becomes `void main(ptr input0, ..., ptr output0, ...,
/// ptr workspace, ptr context)`, which the back end wraps in the exported
/// NAME_run and NAME_run_parallel.
constexpr llvm::StringLiteral kEntryFunction = "main";

/// The lowered entry and every task take the buffers first: the inputs, the
/// outputs, then the workspace. After them the entry takes its parallel
/// context, a task its iteration range (begin, end).
constexpr unsigned kEntryTrailingArguments = 1;
constexpr unsigned kTaskTrailingArguments = 2;
/// The position of the workspace among `numBuffers` buffer arguments.
constexpr unsigned workspaceArgument(unsigned numBuffers) {
  return numBuffers - 1;
}

/// Argument and result attribute of the entry function: the ONNX name of the
/// tensor (a StringAttr), for the generated header's comments.
constexpr llvm::StringLiteral kTensorNameAttr = "mnc.name";

/// Argument attribute of the entry function on an input the library takes
/// other than as the model's NCHW float tensor (mnc-compile's
/// --input-layout, --input-type, --mean, --std; an `mnc.normalize_input`
/// turns the argument into that tensor): a DictionaryAttr with the key
/// kInputLayoutKey ("nchw" or "nhwc", a StringAttr) and, when given,
/// kInputMeanKey and kInputStdKey (DenseF32ArrayAttr, one value per
/// channel). The argument's element type is f32, or i8 for unsigned 8-bit
/// pixels (C `uint8_t`). The header describes the input from it.
constexpr llvm::StringLiteral kInputFormatAttr = "mnc.input_format";
constexpr llvm::StringLiteral kInputLayoutKey = "layout";
constexpr llvm::StringLiteral kInputMeanKey = "mean";
constexpr llvm::StringLiteral kInputStdKey = "std";

/// Module attributes the importer sets: the model file (StringAttr) and its
/// default-domain opset (IntegerAttr).
constexpr llvm::StringLiteral kSourceAttr = "mnc.source";
constexpr llvm::StringLiteral kOpsetAttr = "mnc.opset";

//===----------------------------------------------------------------------===//
// Parallel loops and tasks
//===----------------------------------------------------------------------===//

/// Unit attribute on an `scf.for` whose iterations are independent: the
/// kernels and split-parallel-linalg set it, outline-parallel-loops turns each
/// such loop into a task.
constexpr llvm::StringLiteral kParallelAttr = "mnc.parallel";

/// Module attribute listing the outlined task functions in dispatch order
/// (an ArrayAttr of FlatSymbolRefAttr); create-entry-points builds from it
/// the table of trampolines NAME_run_parallel hands to the caller's
/// parallel-for.
constexpr llvm::StringLiteral kParallelTasksAttr = "mnc.parallel_tasks";

/// The function the entry calls for each parallel loop:
/// `mnc_parallel_for(context, task index, iteration count)`. Declared by
/// outline-parallel-loops, defined by create-entry-points.
constexpr llvm::StringLiteral kParallelForFunction = "mnc_parallel_for";

/// The infix of a task function's name: `<entry>_task_<index>`.
constexpr llvm::StringLiteral kTaskInfix = "_task_";

//===----------------------------------------------------------------------===//
// Workspace and layers
//===----------------------------------------------------------------------===//

/// Module attributes plan-workspace sets: the workspace bytes (IntegerAttr)
/// and one dictionary per placed buffer (ArrayAttr), for the header and the
/// report.
constexpr llvm::StringLiteral kWorkspaceSizeAttr = "mnc.workspace_size";
constexpr llvm::StringLiteral kWorkspacePlanAttr = "mnc.workspace_plan";

/// Module attribute instrument-layers sets: one dictionary per layer of the
/// profiled entry (ArrayAttr), which the header's layer tables come from.
constexpr llvm::StringLiteral kLayersAttr = "mnc.layers";

/// The default name of the profiling hook instrument-layers calls before each
/// layer (`void mnc_profile_mark(int64_t)`); mnc-compile passes NAME's own.
constexpr llvm::StringLiteral kDefaultProfileHook = "mnc_profile_mark";

/// The name of the alias-scope domain of the workspace's buffers in LLVM IR.
constexpr llvm::StringLiteral kWorkspaceAliasDomain = "mnc.workspace";

//===----------------------------------------------------------------------===//
// Kernel plan
//===----------------------------------------------------------------------===//

/// Discardable attribute plan-kernel-outputs sets on an `mnc.conv2d` whose
/// consumers are all convolutions padding their input alike
/// (DenseI64ArrayAttr: top, left, bottom, right): its vector kernel writes
/// the result with zero borders this wide, so no consumer copies it into a
/// padded buffer. convert-mnc-to-linalg reads it.
constexpr llvm::StringLiteral kOutputPaddingAttr = "mnc.output_padding";

/// Discardable unit attribute plan-kernel-outputs sets on a depthwise
/// `mnc.conv2d` whose result only a squeeze-and-excite reads: its vector
/// kernel also returns the sums of the result's rows, from which the squeeze
/// takes its mean. convert-mnc-to-linalg reads it.
constexpr llvm::StringLiteral kRowSumsAttr = "mnc.row_sums";

/// The prefix of every attribute mnc attaches to builtin operations; the back
/// end drops all of them before translation to LLVM IR.
constexpr llvm::StringLiteral kAttrPrefix = "mnc.";

} // namespace mnc::abi

#endif // MNC_DIALECTS_MNCABI_H
