//===- HeaderWriter.cpp - the C headers of a generated library ------------===//

#include "compiler/backend/HeaderWriter.h"
#include "compiler/backend/Target.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <cstdlib>
#include "llvm/TargetParser/Triple.h"

using namespace mlir;

namespace {

/// The text of runtime/mnc_runtime.h, embedded at build time.
#include "compiler/backend/RuntimeHeader.inc"

/// `shape` as a C initializer: "{1, 3, 224, 224}".
std::string shapeInitializer(ArrayRef<int64_t> shape) {
  std::string text = "{";
  for (auto [index, dim] : llvm::enumerate(shape))
    text += (index ? ", " : "") + std::to_string(dim);
  return text + "}";
}

/// `text` made safe inside a C block comment whatever it holds (a path or a
/// command line): no "*/" to end it, no "/*" for -Wcomment to warn of, and
/// only printable ASCII (-Winvalid-utf8), anything else becoming '?'.
std::string commentSafe(StringRef text) {
  std::string safe;
  for (char c : text) {
    bool printable = c == '\n' || (c >= 0x20 && c <= 0x7e);
    char previous = safe.empty() ? '\0' : safe.back();
    if ((previous == '*' && c == '/') || (previous == '/' && c == '*'))
      safe += ' ';
    safe += printable ? c : '?';
  }
  return safe;
}

/// `value` in the fewest significant digits that read back as the same
/// float: "123.675", not "123.675003".
std::string shortestFloat(float value) {
  for (int digits = 6; digits < 9; ++digits) {
    char buffer[32];
    snprintf(buffer, sizeof(buffer), "%.*g", digits, double(value));
    if (static_cast<float>(strtod(buffer, nullptr)) == value)
      return buffer;
  }
  char buffer[32];
  snprintf(buffer, sizeof(buffer), "%.9g", double(value));
  return buffer;
}

/// `values` as "{a, b, c}", or as a C initializer of floats with
/// `suffix` "f": "{123.675f, 116.28f, 103.53f}".
std::string floatList(ArrayRef<float> values, StringRef suffix = "") {
  std::string text = "{";
  for (auto [index, value] : llvm::enumerate(values)) {
    std::string number = shortestFloat(value);
    // A float literal needs a point or an exponent before its suffix.
    if (!suffix.empty() && number.find_first_of(".en") == std::string::npos)
      number += ".0";
    text += (index ? ", " : "") + number + suffix.str();
  }
  return text + "}";
}

/// Writes `paragraphs` as the lines of a C block comment (" * text"), each
/// paragraph word-wrapped to 78 columns and separated by an empty comment
/// line. Lines starting with two spaces are code: kept as they are.
void writeCommentBody(raw_ostream &os, ArrayRef<std::string> paragraphs) {
  for (auto [index, unsafe] : llvm::enumerate(paragraphs)) {
    if (index)
      os << " *\n";
    std::string paragraph = commentSafe(unsafe);
    SmallVector<StringRef> lines;
    StringRef(paragraph).split(lines, '\n');
    std::string line;
    auto flush = [&] {
      if (!line.empty())
        os << " * " << line << "\n";
      line.clear();
    };
    for (StringRef text : lines) {
      if (text.starts_with("  ")) {
        flush();
        os << " * " << text << "\n";
        continue;
      }
      SmallVector<StringRef> words;
      text.split(words, ' ', -1, /*KeepEmpty=*/false);
      for (StringRef word : words) {
        if (!line.empty() && 3 + line.size() + 1 + word.size() > 78)
          flush();
        line += (line.empty() ? "" : " ") + word.str();
      }
    }
    flush();
  }
}

/// `text` as a C string literal: quotes, backslashes and anything outside
/// printable ASCII escaped (octal, which cannot run into a following digit
/// the way a hexadecimal escape can, since it stops after three digits).
std::string cStringLiteral(StringRef text) {
  std::string literal = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      literal += '\\';
      literal += c;
    } else if (c < 0x20 || c > 0x7e) {
      literal += '\\';
      literal += char('0' + (c >> 6));
      literal += char('0' + ((c >> 3) & 7));
      literal += char('0' + (c & 7));
    } else {
      literal += c;
    }
  }
  return literal + "\"";
}

/// The profiling interface of a library compiled with --profile: the hook
/// NAME_run calls between the layers, the layer count, and tables that name
/// and size the layers (static in the header, so a program that profiles
/// several libraries has each library's tables under its own prefix).
void writeProfileDeclarations(raw_ostream &os,
                              const mnc::LibraryInterface &interface) {
  const std::string &name = interface.name;
  const std::string &hook = interface.profileHook;
  std::string count = StringRef(name).upper() + "_LAYER_COUNT";
  os << "\n/*\n";
  writeCommentBody(
      os,
      {"Profiling (compiled with --profile): " + name + "_run calls " +
           hook + "(i) before layer i of the fused graph and " + hook + "(" +
           count + ") after the last layer, so layer i runs between marks i "
           "and i + 1. The caller defines " + hook +
           " (tools/bench/profile_main.c timestamps the marks); it must "
           "return quickly and must not call " + name + "_run.",
       "Per layer, the tables give the ONNX node it came from, what it "
       "computes (convolutions: \"pointwise\", \"depthwise KxK sS\", "
       "\"conv KxK sS dD\", \"transposed KxK sS\"; pooling: \"max pool KxK "
       "sS\", \"global pool\"; \"resize bilinear\"; other layers: the "
       "operation), the shape of its output, its multiply-accumulates and "
       "the bytes of the activations it reads and writes (the cost of "
       "layers that move data rather than compute)."});
  os << " */\n"
     << "void " << hook << "(int layer); /* defined by the caller */\n"
     << "\n"
     << "#define " << count << " " << interface.layers.size() << "\n";
  auto writeTable = [&](StringRef type, StringRef table,
                        llvm::function_ref<std::string(
                            const mnc::ProfiledLayer &)> element) {
    os << "static const " << type << " " << name << "_layer_" << table << "["
       << count << "] = {\n";
    for (auto [index, layer] : llvm::enumerate(interface.layers))
      os << "  /* " << index << " */ " << element(layer) << ",\n";
    os << "};\n";
  };
  writeTable("char *const", "names", [](const mnc::ProfiledLayer &layer) {
    return cStringLiteral(layer.node);
  });
  writeTable("char *const", "kinds", [](const mnc::ProfiledLayer &layer) {
    return cStringLiteral(layer.kind);
  });
  writeTable("char *const", "shapes", [](const mnc::ProfiledLayer &layer) {
    return cStringLiteral(layer.shape);
  });
  writeTable("long long", "macs", [](const mnc::ProfiledLayer &layer) {
    return std::to_string(layer.macs);
  });
  writeTable("long long", "bytes", [](const mnc::ProfiledLayer &layer) {
    return std::to_string(layer.bytes);
  });
}
/// What the header says of the CPUs the code runs on.
std::string describeCodePaths(const mnc::LibraryInterface &interface) {
  auto features = [](const mnc::CodePathInterface &path) {
    return llvm::join(llvm::split(path.features, ","), ", ");
  };
  if (!interface.checksCpu) {
    std::string text = "CPU features the code uses (it runs only on CPUs "
                       "that have them all): ";
    for (const mnc::CodePathInterface &path : interface.codePaths)
      text += features(path);
    return text + ".";
  }
  const std::string &name = interface.name;
  std::string text =
      "CPU check: " + name + "_run and " + name + "_run_parallel first check "
      "(cpuid, and XGETBV for the registers the operating system saves) that "
      "the CPU has the features of ";
  if (interface.codePaths.size() == 1)
    text += "the code (" + features(interface.codePaths.front()) + ")";
  else {
    text += "one of the code paths, and run the one that uses the most of "
            "them:";
    for (const mnc::CodePathInterface &path : interface.codePaths)
      text += " " + path.cpu + " (" + features(path) + ");";
    text.pop_back();
  }
  return text + ". Where none fits they return MNC_ERROR_UNSUPPORTED_CPU "
                "instead of executing an illegal instruction. " + name +
         "_cpu_path() names the CPU of the code that runs on this machine "
         "(NULL: none).";
}

} // namespace

namespace {

/// The parts of the header that depend on the number of inputs and
/// outputs: a library of one input and one output keeps the unnumbered
/// form (NAME_INPUT_SIZE, NAME_run(input, output, workspace)); any other
/// numbers them in graph order (NAME_INPUT0_SIZE, NAME_run(input0, ...,
/// output0, ..., workspace)).
class BufferNaming {
public:
  explicit BufferNaming(const mnc::LibraryInterface &interface)
      : interface(interface), upper(StringRef(interface.name).upper()),
        single(interface.hasSingleInputAndOutput()) {}

  /// The macro prefix of input or output `index`: NAME_INPUT or NAME_INPUT3.
  std::string macro(bool isInput, size_t index) const {
    return upper + (isInput ? "_INPUT" : "_OUTPUT") +
           (single ? "" : std::to_string(index));
  }
  /// The C parameter of input or output `index`: input or input3.
  std::string parameter(bool isInput, size_t index) const {
    return std::string(isInput ? "input" : "output") +
           (single ? "" : std::to_string(index));
  }
  /// "const float *input0, ..., float *output0, ..., void *workspace" (an
  /// input of 8-bit pixels is const uint8_t *).
  std::string parameters() const {
    std::string text;
    for (size_t i = 0; i < interface.inputs.size(); ++i)
      text += "const " + interface.inputs[i].elementType + " *" +
              parameter(true, i) + ", ";
    for (size_t i = 0; i < interface.outputs.size(); ++i)
      text += "float *" + parameter(false, i) + ", ";
    return text + "void *workspace";
  }
  /// "input0, ..., output0, ..., " as a call's arguments.
  std::string arguments() const {
    std::string text;
    for (size_t i = 0; i < interface.inputs.size(); ++i)
      text += parameter(true, i) + ", ";
    for (size_t i = 0; i < interface.outputs.size(); ++i)
      text += parameter(false, i) + ", ";
    return text;
  }
  /// The buffer declarations of the header's example: one of the float
  /// buffers, after one of the uint8_t inputs, if any.
  std::string exampleDeclarations() const {
    std::string bytes, floats;
    auto add = [&](std::string &text, StringRef type, bool isInput,
                   size_t index) {
      text += (text.empty() ? "  static " + type.str() + " " : ", ") +
              parameter(isInput, index) + "[" + macro(isInput, index) +
              "_SIZE]";
    };
    for (size_t i = 0; i < interface.inputs.size(); ++i) {
      StringRef type = interface.inputs[i].elementType;
      add(type == "float" ? floats : bytes, type, true, i);
    }
    for (size_t i = 0; i < interface.outputs.size(); ++i)
      add(floats, "float", false, i);
    return (bytes.empty() ? "" : bytes + ";\n") + floats + ";";
  }

  /// Whether an input is not a float tensor in the model's layout.
  bool anyInputFormat() const {
    return llvm::any_of(interface.inputs, [](const mnc::TensorInterface &t) {
      return t.format.has_value();
    });
  }

  /// The macros that size and shape each buffer.
  void writeMacros(raw_ostream &os) const {
    if (!single)
      os << "/* " << interface.inputs.size() << " input"
         << (interface.inputs.size() == 1 ? "" : "s") << " and "
         << interface.outputs.size() << " output"
         << (interface.outputs.size() == 1 ? "" : "s") << ", in the order "
         << "of the ONNX graph and of " << interface.name << "_run's "
         << "arguments. */\n"
         << "#define " << upper << "_INPUT_COUNT " << interface.inputs.size()
         << "\n"
         << "#define " << upper << "_OUTPUT_COUNT "
         << interface.outputs.size() << "\n"
         << "\n";
    for (auto [index, input] : llvm::enumerate(interface.inputs))
      writeTensorMacros(os, true, index, input);
    for (auto [index, output] : llvm::enumerate(interface.outputs))
      writeTensorMacros(os, false, index, output);
  }

private:
  void writeTensorMacros(raw_ostream &os, bool isInput, size_t index,
                         const mnc::TensorInterface &tensor) const {
    if (isInput && tensor.format)
      return writeFormattedInputMacros(os, index, tensor);
    std::string prefix = macro(isInput, index);
    std::string quotedName =
        tensor.name.empty() ? std::string() : " '" + tensor.name + "'";
    StringRef kind = isInput ? "input" : "output";
    os << "/* The " << kind;
    if (!single)
      os << " " << index;
    os << quotedName << ". */\n"
       << "#define " << prefix << "_SIZE " << mnc::numElements(tensor.shape)
       << " /* float elements, in the ONNX " << kind << "'s layout */\n"
       << "#define " << prefix << "_RANK " << tensor.shape.size() << "\n"
       << "#define " << prefix << "_SHAPE " << shapeInitializer(tensor.shape)
       << "\n"
       << "\n";
  }

  /// An input the library takes in its own layout and element type: what
  /// the buffer holds and what the model sees, then the macros (the size in
  /// elements of the buffer's type, the shape as the buffer holds it, the
  /// mean and std when given).
  void writeFormattedInputMacros(raw_ostream &os, size_t index,
                                 const mnc::TensorInterface &tensor) const {
    std::string prefix = macro(true, index);
    const mnc::InputFormatDescription &format = *tensor.format;
    bool bytes = tensor.elementType != "float";
    StringRef layout = format.channelsLast ? "NHWC" : "NCHW";
    std::string what =
        std::string("The input") + (single ? "" : " " + std::to_string(index)) +
        (tensor.name.empty() ? "" : " '" + tensor.name + "'") + ": " +
        (format.channelsLast
             ? "an image with its channels interleaved (NHWC, as a camera "
               "delivers a frame), "
             : "an image in planes of channels (NCHW), ") +
        (bytes ? "of 8-bit pixels (uint8_t, 0 to 255)."
               : "of floats.");
    std::string x = bytes ? "pixel" : "x";
    std::string sees;
    if (format.mean.empty() && format.std.empty())
      sees = "The model sees the " + std::string(bytes ? "pixel values as "
                                                         "floats"
                                                       : "values") +
             ", NCHW.";
    else
      sees = "The model sees (" + x + " - mean[c]) / std[c] in channel c, "
             "NCHW, with mean " +
             (format.mean.empty()
                  ? std::string("0")
                  : floatList(format.mean) + " (" + prefix + "_MEAN)") +
             " and std " +
             (format.std.empty() ? std::string("1")
                                 : floatList(format.std) + " (" + prefix +
                                       "_STD)") +
             ", in the input's units.";
    os << "/*\n";
    writeCommentBody(os, {what + " " + sees +
                          " The library converts it as it reads it (no "
                          "separate pass over the image where a "
                          "convolution reads it first)."});
    os << " */\n"
       << "#define " << prefix << "_SIZE " << mnc::numElements(tensor.shape)
       << (bytes ? " /* bytes (uint8_t elements), " : " /* float elements, ")
       << layout << " */\n"
       << "#define " << prefix << "_RANK " << tensor.shape.size() << "\n"
       << "#define " << prefix << "_SHAPE " << shapeInitializer(tensor.shape)
       << " /* " << (format.channelsLast ? "N, H, W, C" : "N, C, H, W")
       << " */\n";
    if (!format.mean.empty())
      os << "#define " << prefix << "_MEAN " << floatList(format.mean, "f")
         << "\n";
    if (!format.std.empty())
      os << "#define " << prefix << "_STD " << floatList(format.std, "f")
         << "\n";
    os << "\n";
  }

  const mnc::LibraryInterface &interface;
  std::string upper;
  bool single;
};

} // namespace

std::string mnc::generateHeader(const LibraryInterface &interface) {
  const std::string &name = interface.name;
  std::string upper = StringRef(name).upper();
  std::string guard = upper + "_H";
  BufferNaming buffers(interface);
  bool single = interface.hasSingleInputAndOutput();

  // A library for another machine is linked by a C compiler for it.
  StringRef triple = StringRef(interface.targetDescription).split(',').first;
  std::string buildWith = "Build a program with:\n  cc";
  if (!triple.empty() && !isHostTriple(llvm::Triple(triple)))
    buildWith = "Build a program with a C compiler for " + triple.str() +
                ", e.g.:\n  clang --target=" + triple.str();

  // Where the library came from.
  std::string provenance = "Compiled by " + interface.compilerVersion;
  if (!interface.sourceSha256.empty())
    provenance += " from " + interface.sourceFile + " (SHA-256 " +
                  interface.sourceSha256 + ")";
  if (!interface.commandLine.empty())
    provenance += " with:\n  " + interface.commandLine;
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "/*\n";
  writeCommentBody(
      os,
      {name + ".h - the model " + interface.sourceFile +
           ", compiled by mnc-compile into " + interface.archiveFile +
           ". Generated file; do not edit.",
       provenance,
       "Target: " + interface.targetDescription,
       describeCodePaths(interface),
       buildWith + " -std=c99 -I DIR app.c DIR/" + interface.archiveFile +
           " -lm",
       "Use:\n" + buffers.exampleDeclarations() +
           "\n"
           "  void *block = malloc(" +
           upper +
           "_WORKSPACE_SIZE + MNC_WORKSPACE_ALIGNMENT - 1);\n"
           "  int status = " +
           name + "_run(" + buffers.arguments() +
           "mnc_align_workspace(block));\n"
           "  if (status != MNC_OK)\n"
           "    fprintf(stderr, \"" +
           name + ": %s\\n\", mnc_status_string(status));"});
  os << " */\n"
     << "#ifndef " << guard << "\n"
     << "#define " << guard << "\n"
     << "\n"
     << "#include \"" << kRuntimeHeaderName << "\"\n"
     << "\n"
     << "#ifdef __cplusplus\n"
     << "extern \"C\" {\n"
     << "#endif\n"
     << "\n";
  if (!interface.sourceSha256.empty())
    os << "/* The SHA-256 of the model file the library was compiled from. */\n"
       << "#define " << upper << "_MODEL_SHA256 \"" << interface.sourceSha256
       << "\"\n"
       << "\n";
  buffers.writeMacros(os);
  os << "/* Scratch memory for " << name << "_run. */\n"
     << "#define " << upper << "_WORKSPACE_SIZE " << interface.workspaceSize
     << " /* bytes the caller provides, 64-byte aligned */\n"
     << "\n"
     << "/*\n";
  std::string inputUnits = "floats";
  if (buffers.anyInputFormat())
    inputUnits = single ? (interface.inputs[0].elementType == "float"
                               ? "floats"
                               : "bytes")
                        : "elements (floats, or bytes for a uint8_t input)";
  std::string reads =
      single ? "reads " + upper + "_INPUT_SIZE " + inputUnits +
                   " from `input` and writes " + upper +
                   "_OUTPUT_SIZE floats to `output`."
             : "reads " + upper + "_INPUTk_SIZE " + inputUnits +
                   " from each `inputk` and writes " + upper +
                   "_OUTPUTk_SIZE floats to each `outputk` (every output in "
                   "full, also one that equals an input or another output).";
  std::string disjoint =
      single ? "The three buffers must not overlap."
             : "Outputs and the workspace must not overlap any other "
               "buffer; inputs may overlap each other.";
  writeCommentBody(
      os,
      {"Runs the model: " + reads + " `workspace` is " + upper +
           "_WORKSPACE_SIZE bytes of scratch memory aligned to "
           "MNC_WORKSPACE_ALIGNMENT bytes; it needs no initialization, is "
           "overwritten, and may be NULL when " + upper +
           "_WORKSPACE_SIZE is 0. " + disjoint,
       "Returns MNC_OK (0), or one of the MNC_ERROR_ codes of " +
           kRuntimeHeaderName.str() +
           ", in which case nothing was written. Allocates nothing and "
           "keeps no state: calls may run concurrently with separate "
           "outputs and workspaces."});
  os << " */\n"
     << "int " << name << "_run(" << buffers.parameters()
     << "); /* 0 on success */\n"
     << "\n"
     << "/*\n";
  writeCommentBody(
      os,
      {"Runs the model like " + name + "_run (same buffers, same results, "
           "same status codes), with the independent loops of its kernels "
           "split over the caller's threads: for each, it calls "
           "parallel_for(pool, task, task_ctx, count), which must run the "
           "task over a partition of [0, count) and return when all of it "
           "is done (mnc_parallel_for_fn in " +
           kRuntimeHeaderName.str() +
           "). The library itself creates no threads. parallel_for must not "
           "be NULL (MNC_ERROR_NULL_ARGUMENT); pool is passed through "
           "untouched. With mnc_threadpool.h (optional, linked separately):",
       "  mnc_threadpool *pool = mnc_threadpool_create(2);\n"
       "  int status = " +
           name + "_run_parallel(" + buffers.arguments() +
           "workspace,\n"
           "                                  mnc_threadpool_parallel_for, "
           "pool);"});
  os << " */\n"
     << "int " << name << "_run_parallel(" << buffers.parameters() << ",\n"
     << std::string(name.size() + 18, ' ')
     << "mnc_parallel_for_fn parallel_for, void *pool);\n";
  if (interface.checksCpu)
    os << "\n"
       << "/* The --mcpu name of the code path " << name
       << "_run runs on this CPU, or NULL\n"
       << "   when the CPU lacks features every path needs "
       << "(MNC_ERROR_UNSUPPORTED_CPU). */\n"
       << "const char *" << name << "_cpu_path(void);\n";
  if (!interface.profileHook.empty())
    writeProfileDeclarations(os, interface);
  os << "\n"
     << "#ifdef __cplusplus\n"
     << "} /* extern \"C\" */\n"
     << "#endif\n"
     << "\n"
     << "#endif /* " << guard << " */\n";
  return text;
}

StringRef mnc::getRuntimeHeader() { return kRuntimeHeaderText; }
