//===- HeaderWriter.h - the C headers of a generated library --------------===//
//
// mnc-compile writes two headers beside every archive: NAME.h, generated for
// the library (sizes, shapes, NAME_run, NAME_run_parallel, profiling
// tables), and mnc_runtime.h, the same for every library (status codes,
// workspace alignment, the parallel-for hook type).
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_BACKEND_HEADERWRITER_H
#define MNC_COMPILER_BACKEND_HEADERWRITER_H

#include "compiler/backend/LibraryInterface.h"

#include <string>

namespace mnc {

/// The C header NAME.h of a library.
std::string generateHeader(const LibraryInterface &interface);

/// The text of kRuntimeHeaderName (runtime/mnc_runtime.h, embedded at build
/// time).
llvm::StringRef getRuntimeHeader();

} // namespace mnc

#endif // MNC_COMPILER_BACKEND_HEADERWRITER_H
