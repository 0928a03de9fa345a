//===- Passes.td - mnc passes ------------------------------*- tablegen -*-===//

#ifndef MNC_PASSES_TD
#define MNC_PASSES_TD

include "mlir/Pass/PassBase.td"

def PlanKernelOutputs : Pass<"plan-kernel-outputs", "mlir::ModuleOp"> {
  let summary = "Records which convolution kernels write their results for "
                "their consumers";
  let description = [{
    The analysis behind the cross-op decisions of convert-mnc-to-linalg's
    vector kernels, run before it and recorded as discardable attributes on
    the mnc ops (names in dialects/MncAbi.h), so that each lowering pattern
    reads its decisions from the op it lowers:
    - `mnc.output_padding = array<i64: top, left, bottom, right>` on an
      `mnc.conv2d` whose result is read only by convolutions that all pad
      their input alike (or add it as their residual): its kernel writes
      the result with these zero borders, and the consumers read it without
      a padded copy;
    - `mnc.row_sums` on a depthwise `mnc.conv2d` whose result only a
      squeeze-and-excite reads: its kernel also returns the sums of its
      rows, from which the squeeze takes its mean.
    Without `vector-lanes`, convert-mnc-to-linalg ignores both.
  }];
}

def ConvertMncToLinalg : Pass<"convert-mnc-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lowers mnc operations to linalg, tensor and arith on NHWC tensors";
  let description = [{
    Decides the internal layout once: every rank-4 activation is NHWC inside
    the function, so channels are contiguous for vectorization. The entry
    function keeps the model's NCHW signature; transposes at its boundary
    convert. Weights are re-laid out at compile time to match (HWCF for
    convolutions, HWC for depthwise ones, [K, N] for fully connected layers).
    Bias, fused activation and residual add become one elementwise epilogue.
    Operations that cannot be lowered are reported, all of them, with their
    locations.

    With `vector-lanes` set (mnc-compile sets it from the target), the
    convolutions and fully connected layers become register-blocked kernels
    instead of linalg named ops: scf loops around vector FMAs, with the bias,
    activation and residual applied in registers (passes/VectorKernels.h).
    A convolution that plan-kernel-outputs marked `mnc.output_padding`
    writes its result padded; a depthwise convolution marked `mnc.row_sums`
    also returns its row sums, from which the squeeze takes its mean; the
    stem reads the model's NCHW input unpadded.

    One conversion pattern per mnc op (passes/lowering/); an op without one
    is reported, as is an op its pattern cannot lower. Each kernel marks the loop threads share
    `mnc.parallel` (outline-parallel-loops).
  }];
  let options = [
    Option<"vectorLanes", "vector-lanes", "int64_t", /*default=*/"0",
           "f32 lanes of a vector register; 0 lowers convolutions to linalg "
           "named ops instead of vector kernels">,
    Option<"tileVectors", "tile-vectors", "int64_t", /*default=*/"2",
           "Channel vectors per tile of a convolution or matrix kernel">,
    Option<"tileRows", "tile-rows", "int64_t", /*default=*/"7",
           "Output pixels per tile of a convolution or matrix kernel">,
    Option<"depthwiseColumns", "depthwise-columns", "int64_t",
           /*default=*/"8", "Output pixels per tile of a depthwise kernel">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def MarkInputsReadOnly : Pass<"mark-inputs-readonly", "mlir::ModuleOp"> {
  let summary = "Forbids bufferization to write into the entry function's inputs";
  let description = [{
    Marks every tensor argument of each public function with a body
    `bufferization.writable = false`. One-shot bufferization with function
    boundaries would otherwise reuse an argument's buffer for a result that
    overwrites it in place; the library's input is the caller's
    `const float *`, which must stay untouched.
  }];
}

def CopyAliasedResults : Pass<"copy-aliased-results", "mlir::ModuleOp"> {
  let summary = "Gives every result of the entry function a buffer of its own";
  let description = [{
    Runs on tensors, before bufferization. A library writes each graph
    output into the caller's buffer for it, so every result of a
    function must be a tensor the function computes, once per result. A
    result that is (a reshape or cast of) a function argument or a constant,
    or a value already returned by an earlier result, becomes a
    `linalg.copy` of it into a `tensor.empty`: bufferization then gives it a
    buffer of its own, which `buffer-results-to-out-params` turns into the
    caller's. (Without it, a graph whose output is its input, such as
    Identity or Dropout, or two outputs of one tensor, have no buffer to
    write into.)
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def PlanWorkspace : Pass<"plan-workspace", "mlir::ModuleOp"> {
  let summary = "Places every buffer of the entry function in one workspace";
  let description = [{
    After bufferization, replaces each `memref.alloc` (and `memref.alloca`) of
    the entry function by a `memref.view` into a caller-provided workspace
    argument (appended as the last argument, `memref<Nxi8>`), at an offset
    chosen from the buffers' liveness, so that buffers whose lifetimes do not
    overlap share memory. A buffer is live from the first to the last
    top-level operation of the function that uses it or any alias of it
    (views, subviews, casts, uses in nested regions). Placement is greedy
    first-fit, largest buffer first. Deallocations are removed. Records the
    workspace size in bytes (a multiple of the alignment) as the module
    attribute `mnc.workspace_size`, and each buffer's offset and size, with
    the name its location carries (the ONNX node it was made for), as
    `mnc.workspace_plan`. Fails, naming the buffer, on an
    allocation it cannot place (dynamic shape, non-identity layout, inside a
    region, returned from the function, or allocated by another operation).

    The entry function is `entry-function` if given, otherwise the module's
    only public function with a body.
  }];
  let options = [
    Option<"alignment", "alignment", "int64_t", /*default=*/"64",
           "Byte alignment of every buffer's offset in the workspace">,
    Option<"entryFunction", "entry-function", "std::string", /*default=*/"",
           "Function whose buffers are planned (default: the only public "
           "function with a body)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
  ];
}

def SplitParallelLinalg : Pass<"split-parallel-linalg", "mlir::ModuleOp"> {
  let summary = "Tiles the entry's large linalg operations on buffers into "
                "mnc.parallel loops";
  let description = [{
    Runs after `plan-workspace`, before `outline-parallel-loops`. Each linalg
    operation in the body of a public function (not inside a loop), with
    buffer operands of static shapes and at least `min-iterations` points in
    its iteration space, is tiled along its longest parallel dimension (the
    first of equals) that indexes every output directly, into an `scf.for` of
    `tile-count` tiles (fewer when the dimension is shorter) marked
    `mnc.parallel`. The operation must not let a tile read what another
    writes: every input is read with the indexing map of an output it may
    share memory with, or provably shares none (distinct function
    arguments, constant globals, views of the workspace at disjoint constant
    byte ranges). Other operations stay as they are.
  }];
  let options = [
    Option<"tileCount", "tile-count", "int64_t", /*default=*/"8",
           "Tiles per operation (at least 2)">,
    Option<"minIterations", "min-iterations", "int64_t", /*default=*/"32768",
           "Smallest iteration space worth splitting">,
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
  ];
}

def OutlineParallelLoops : Pass<"outline-parallel-loops", "mlir::ModuleOp"> {
  let summary = "Turns the kernels' parallel loops into tasks the caller's "
                "parallel-for runs";
  let description = [{
    Runs after `plan-workspace`. Each `scf.for` of the entry function marked
    `mnc.parallel` (the loop of a kernel whose iterations are independent)
    becomes a private function `@ENTRY_task_K(args..., %begin: index,
    %end: index)`, taking the entry's arguments, that runs iterations
    [begin, end) of the loop (iteration i has induction variable
    lb + i * step). Values the body uses from outside the loop are computed
    again in the task from the entry's arguments: their defining chains must
    be operations without regions or memory effects (constants, views of
    the workspace, `memref.get_global`, index arithmetic).

    In the entry the loop becomes
    `func.call @mnc_parallel_for(%ctx, K : i32, count : index)`, where count
    is the loop's trip count and `%ctx` (`!llvm.ptr`) is appended as the
    entry's last argument (always, also when no loop is outlined).
    `@mnc_parallel_for` is declared here and defined by
    `create-entry-points`: it must run task K over a partition of [0, count)
    and return when all of it is done. The module attribute
    `mnc.parallel_tasks` lists the tasks, task K at index K.

    A marked loop that carries values (iter_args), or whose body uses a value
    that cannot be recomputed (loaded from memory, an enclosing loop's
    induction variable), stays a serial loop. A marked loop inside an
    outlined one is part of its task. Fails when there is no entry function
    or `mnc_parallel_for` is already a symbol of another type.
  }];
  let options = [
    Option<"entryFunction", "entry-function", "std::string", /*default=*/"",
           "Function whose loops are outlined (default: the only public "
           "function with a body)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::scf::SCFDialect",
  ];
}

def CheckLLVMDialect : Pass<"check-llvm-dialect", "mlir::ModuleOp"> {
  let summary = "Fails unless the module holds only LLVM dialect operations";
  let description = [{
    Conversion passes can succeed and still leave operations of other dialects
    behind (a `func.func`, an `unrealized_conversion_cast`). This pass reports
    each of them, so that translation to LLVM IR never sees a half-lowered
    module.
  }];
}

def AddBufferArgumentAttrs
    : Pass<"add-buffer-argument-attrs", "mlir::ModuleOp"> {
  let summary = "Marks the lowered entry's and tasks' buffer arguments "
                "noalias and the workspace aligned";
  let description = [{
    Runs on the LLVM dialect, after the lowering. The entry
    `llvm.func @main(%input, %output, %workspace, %context)` and the parallel
    tasks the module attribute `mnc.parallel_tasks` lists
    (`(%input, %output, %workspace, %begin, %end)`) receive the buffers that
    NAME_run and NAME_run_parallel have checked: disjoint, and the workspace
    aligned to MNC_WORKSPACE_ALIGNMENT bytes. Their first three arguments get
    `llvm.noalias`, and the workspace `llvm.align` when the module attribute
    `mnc.workspace_size` is positive. The entry's arguments stay without
    `llvm.noalias` when the module has tasks: the tasks reach the same buffers
    through the parallel context during the entry's calls of the dispatcher.

    Fails when there is no lowered entry
    `void main(ptr, ptr, ptr, ptr)` with a body, or a listed task is missing,
    has no body or does not take 5 arguments.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def AddWorkspaceAliasScopes
    : Pass<"add-workspace-alias-scopes", "mlir::ModuleOp"> {
  let summary = "Tells LLVM that the buffers placed in the workspace do not "
                "overlap";
  let description = [{
    Runs on the LLVM dialect, after the lowering, on the entry `llvm.func
    @main` and the parallel tasks `mnc.parallel_tasks` lists; their third
    argument is the workspace. Every intermediate buffer is a view into it:
    a constant-offset `llvm.getelementptr` of the workspace, the aligned
    pointer (field 1) of a memref descriptor whose offset, sizes and strides
    are constants. Each such view gets an alias scope of a domain
    `mnc.workspace` (one per function), and every `llvm.load` and
    `llvm.store` whose address derives from the view (by GEPs and
    descriptor field reads) gets `alias_scopes` = the view's scope and
    `noalias_scopes` = the scopes of the views whose byte ranges are disjoint
    from its own. A view's range is [offset, offset + (last element + 1) *
    widest access), the last element being the largest that any descriptor
    of it reaches. A view reached by any descriptor with a non-constant
    offset, size or stride, and accesses through anything not recognized,
    keep no scopes. Fails like `add-buffer-argument-attrs` on a malformed
    entry or task.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def CreateEntryPoints : Pass<"create-entry-points", "mlir::ModuleOp"> {
  let summary = "Adds the library's exported C functions around the lowered "
                "entry";
  let description = [{
    Runs on the LLVM dialect, last before translation to LLVM IR. Defines,
    for the library named `library-name` (NAME):
    `i32 NAME_run(ptr input..., ptr output..., ptr workspace)` and
    `i32 NAME_run_parallel(ptr input..., ptr output..., ptr workspace,
    ptr parallel_for, ptr pool)` (one pointer per graph input and output),
    which return the MNC_ERROR_ codes of mnc_runtime.h for NULL buffers (or
    hook), a workspace not aligned to MNC_WORKSPACE_ALIGNMENT and
    overlapping buffers (input k has `input-sizes`[k] elements of
    `input-element-bytes`[k] bytes (default 4: floats), output k
    `output-sizes`[k] floats, the workspace the module attribute
    `mnc.workspace_size` bytes; inputs may overlap each other), and
    otherwise call the entry with a parallel context {hook, pool,
    buffers...} on the stack (NAME_run's hook is NAME_serial_for, which runs
    a task's whole range in the calling thread); the dispatcher
    `mnc_parallel_for`, when declared, becomes NAME_parallel_for, which hands
    the hook the trampoline NAME_task_K of task K (the table NAME_tasks),
    which calls task K with the buffers of the context. The entry becomes
    NAME_main, the tasks NAME_main_task_K, and every definition but NAME_run
    and NAME_run_parallel internal.

    Fails without the options, with sizes for another number of buffers
    than the entry takes, on a module without the lowered entry, or with a
    dispatcher or task of another type.
  }];
  let options = [
    Option<"libraryName", "library-name", "std::string", /*default=*/"",
           "The C identifier prefix of the exported functions (NAME)">,
    ListOption<"inputSizes", "input-sizes", "int64_t",
               "Elements of each input, in graph order">,
    ListOption<"inputElementBytes", "input-element-bytes", "int64_t",
               "Bytes of one element of each input, in graph order "
               "(default: 4 each, floats; 1 for a uint8 input)">,
    ListOption<"outputSizes", "output-sizes", "int64_t",
               "Float elements of each output, in graph order">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def InstrumentLayers : Pass<"instrument-layers", "mlir::ModuleOp"> {
  let summary = "Calls a hook before every layer of the entry function, "
                "for per-layer timing";
  let description = [{
    Runs on the fused mnc dialect, before `convert-mnc-to-linalg`. The
    layers are the mnc operations of the entry function, in order: that is
    `entry-function` if given, otherwise the module's only public function
    with a body; it must have one block.
    Before layer i the pass inserts `func.call @hook(%i) : (i32) -> ()`, and
    before the `func.return` one more call with the layer count, so that
    the time between two consecutive calls is the time of one layer. It
    declares `func.func private @hook(i32)`; the caller of the compiled
    library defines it.

    The module attribute `mnc.layers` records one dictionary per layer:
    `op` (the mnc operation), `kind` (for convolutions "pointwise" or
    "pointwise sS", "depthwise KxK sS" or "conv KxK sS"; "fully connected",
    "squeeze-excite", otherwise the operation), `node` (the ONNX node its
    location names first), `shape` (of its result, e.g. "1x16x112x112") and
    `macs` (its multiply-accumulates): `mnc::describeLayer`
    (passes/LayerInfo.h), which `mnc-compile --report` prints too.

    Fails when there is no such entry function, when it has no mnc
    operation (the module is already lowered), when the module is already
    instrumented, or when `hook` names a symbol that is not a
    `(i32) -> ()` declaration.
  }];
  let options = [
    Option<"hook", "hook", "std::string", /*default=*/"mnc::abi::kDefaultProfileHook.str()",
           "Symbol of the function called with each layer's index">,
    Option<"entryFunction", "entry-function", "std::string", /*default=*/"",
           "Function whose layers are instrumented (default: the only public "
           "function with a body)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::func::FuncDialect",
  ];
}

//===----------------------------------------------------------------------===//
// Fusion (mnc -> mnc)
//===----------------------------------------------------------------------===//

def FuseConvActivation : Pass<"fuse-conv-activation", "mlir::ModuleOp"> {
  let summary = "Fuses a standalone activation into the conv2d, "
                "conv_transpose, fully_connected or avg_pool it follows";
  let description = [{
    `act(conv2d(...))`, `act(conv_transpose(...))`,
    `act(fully_connected(...))` and `act(avg_pool(...))`, for every
    activation op (relu, clip, hardsigmoid, hardswish, sigmoid), and
    `relu(max_pool(...))`, `clip(max_pool(...))` (activations that commute
    with the maximum), become the producer with
    its `activation` attribute set to the op's activation. The producer's
    result must have the activation as its only use and the producer no
    activation yet. A conv2d with a residual is left alone (its activation
    applies before the residual is added).
  }];
}

def DropPaddingTaps : Pass<"drop-padding-taps", "mlir::ModuleOp"> {
  let summary = "Drops the filter taps of a conv2d that only ever read padding";
  let description = [{
    A kernel row (column) of a conv2d with a constant filter whose input
    position falls in the zero padding for every output row (column) only
    multiplies zeros: DeepLabV3's ASPP convs (3x3, dilation 12, 24, 36) on a
    small map. The filter loses those rows and columns and the padding they
    reached into; a dimension left with one tap gets dilation 1, so a window
    that shrinks to 1x1 is a pointwise conv. The output shape and values stay
    the same. Left alone: a non-constant filter, a conv whose taps all read the
    input, one where no tap does (its output is the bias), and one whose
    remaining padding would be negative.
  }];
}

def FoldSqueezeExcite : Pass<"fold-squeeze-excite", "mlir::ModuleOp"> {
  let summary = "Folds a squeeze-and-excite block into mnc.squeeze_excite";
  let description = [{
    Replaces `mul(g, x)` (either order), where the gate `g` ([N, C, 1, 1]) is
    `act2(fc2(act1(fc1(mean_HW(x)))))`, by one `mnc.squeeze_excite`. The mean
    is `global_avg_pool` or `reduce_mean` over axes [2, 3]; each `fc` is a 1x1
    `conv2d` (groups 1, stride 1, no padding, no residual) or a
    `fully_connected`, with reshapes allowed between the stages; each
    activation is standalone or fused into its layer. `act2` must be
    hardsigmoid or sigmoid; `act1` may be any activation or none. Every
    intermediate value must have exactly one use. Filters [R, C, 1, 1] become
    [R, C] weights; a missing bias becomes zeros.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def FuseResidualAdd : Pass<"fuse-residual-add", "mlir::ModuleOp"> {
  let summary = "Fuses add(conv2d, r) into the conv2d's residual operand and "
                "add(resize, r) into the resize's addend";
  let description = [{
    `add(conv, r)` (either order) becomes `conv` with residual `r` when the
    conv2d has no residual yet, its result has the add as only use and `r`
    has the conv2d's result type (no broadcasting). A fused activation stays:
    conv2d computes activation(conv + bias) + residual. `add(resize, r)`
    becomes `resize` with addend `r` under the same conditions, so the
    resize's kernel adds r as it writes each pixel.
  }];
}

def FoldBatchNorm : Pass<"fold-batchnorm", "mlir::ModuleOp"> {
  let summary = "Folds inference batch normalization and separate bias "
                "additions into the preceding layer";
  let description = [{
    A `batch_norm` is the per-channel affine map x * s + t with
    s = scale / sqrt(variance + epsilon) and t = bias - mean * s (epsilon is
    the f32 attribute, inside the square root, as in ONNX). After a `conv2d`
    (any groups, with or without bias), a `conv_transpose` (any groups; its
    filter is [C, F / groups, KH, KW]) or a rank-2 `fully_connected` it
    folds into the layer: output channel f of the weights is multiplied by
    s[f] and the bias becomes (b - mean) * s + bias_bn (b = 0 without a
    bias). That needs the layer's result to have the batch_norm as only use,
    constant weights, bias and batch_norm parameters, and a layer without a
    fused activation or residual. Likewise `add(layer, k)` (either order),
    with k a constant that has the channel axis and varies along it only
    ([1, C, 1, 1], [C, 1, 1], [C] after a fully_connected: the bias
    paddle2onnx 0.x adds after a bias-free Conv), becomes the layer with bias
    b + k, under the same conditions (only use, constant bias or none, no
    activation or residual; the weights may be computed). A scalar addend
    stays (it is the `x + 3` of the hard-sigmoid idioms). Any other batch_norm with constant
    parameters becomes `mnc.mul` by s and `mnc.add` of t, constants of shape
    [C, 1, 1] for an NCHW input ([C, 1, ..., 1] in general, [C] for rank 2),
    unless `scale-shift` is off. Values are computed in double and rounded
    to f32 once. A batch_norm whose parameters are computed stays as it is.
    Fails, naming the op and channel, when a constant variance + epsilon is
    not positive.
  }];
  let options = [
    Option<"scaleShift", "scale-shift", "bool", /*default=*/"true",
           "Rewrite a batch_norm that cannot fold into a per-channel mnc.mul "
           "and mnc.add">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def FoldInputNormalization : Pass<"fold-input-normalization",
                                  "mlir::ModuleOp"> {
  let summary = "Moves the input's division by std into the convolution that "
                "reads it";
  let description = [{
    An `mnc.normalize_input` (the graph's input taken as a camera frame:
    (x - mean) / std per channel) whose only use is the input of a `conv2d`
    with a constant f32 filter keeps only its mean (std becomes 1), and the
    convolution's weights that multiply input channel c are divided by
    std[c] (any groups: input channel c = (f / (F / groups)) * (C / groups)
    + j for weight [f, j, kh, kw]), computed in double and rounded to f32
    once. The mean stays in the op: the convolution's kernel subtracts it
    from each pixel it reads, so the normalized image's zero padding stays
    zero (folding it into the bias would be wrong wherever the window
    reaches the padding). Any other `normalize_input` stays as it is.
  }];
}

def RecognizeActivations : Pass<"recognize-activations", "mlir::ModuleOp"> {
  let summary = "Rewrites exporters' hard-sigmoid and hard-swish idioms";
  let description = [{
    `clip(a * x + b, 0, m) / m` and `clip(a * x + b, 0, m) * k` with k = 1 / m
    (either operand order) become `mnc.hardsigmoid(x)` with alpha = a / m and
    beta = b / m (relu6(x + 3) / 6 is alpha 1/6, beta 0.5), as does
    `clip(a * x + b, 0, 1)`. The affine part must be x + b, b + x, x - b,
    x * a or x * a + b (a bare clip of x stays a clip). `x * hardsigmoid(x)` (either order) becomes
    `mnc.hardswish(x)` with the hard-sigmoid's alpha and beta, which stays
    only if it has other users; `(x * clip(a * x + b, 0, m)) / m` (or times
    1 / m) becomes hard-swish directly. Parameters are the ones the constants
    give. Constants must be scalars or tensors of equal elements that do not
    enlarge the shape they broadcast with; the clip's minimum must be 0 and
    the scaling must equal 1 / m within the relative `tolerance`.
  }];
  let options = [
    Option<"tolerance", "tolerance", "double", /*default=*/"1e-6",
           "Relative tolerance when comparing a scaling constant with "
           "1 / (clip maximum)">,
  ];
}

#endif // MNC_PASSES_TD
