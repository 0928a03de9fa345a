# mnc_add_model: compile an ONNX model into a static library target at build
# time, with the installed mnc-compile (included by mncConfig.cmake).
#
#   mnc_add_model(<name> MODEL <file.onnx>
#                 [TARGET <triple>] [MCPU <cpu>]
#                 [INPUT_SHAPE <[NAME=]NxCxHxW>...]
#                 [OUTPUTS <tensor>...]
#                 [OPTIONS <mnc-compile argument>...])
#
#   <name>       The library target, also the C prefix: <name>_run,
#                <name>_run_parallel, <name>.h, <NAME>_INPUT_SIZE... Must be a
#                C identifier, so that the header's name is the target's.
#   MODEL        The ONNX file; a relative path is taken from
#                CMAKE_CURRENT_SOURCE_DIR.
#   TARGET       LLVM triple to compile for (mnc-compile --target): x86_64 or
#                aarch64, e.g. aarch64-linux-gnu, aarch64-none-elf.
#                Default: when the project cross-compiles (CMAKE_CROSSCOMPILING),
#                CMAKE_C_COMPILER_TARGET (else CMAKE_CXX_COMPILER_TARGET) if
#                the toolchain sets one, else CMAKE_SYSTEM_PROCESSOR (aarch64,
#                arm64, x86_64, AMD64) with -linux-gnu for CMAKE_SYSTEM_NAME
#                Linux or -none-elf for Generic; anything else is a configure
#                error asking for TARGET. Never the build machine silently.
#                When not cross-compiling: the host, and without MCPU the
#                library is tuned for (and may need) the building machine's
#                CPU, as mnc-compile's default is; give MCPU (x86-64-v3, ...)
#                for a library that runs on other machines.
#   MCPU         Target CPU (mnc-compile --mcpu: cortex-a76, neoverse-n1,
#                znver4, native...). Default: mnc-compile's (the host CPU for
#                the host, generic for another triple).
#   INPUT_SHAPE  One --input-shape per value: NxCxHxW for the only input, or
#                NAME=NxCxHxW for the input named NAME. Needed when the model
#                has dynamic dimensions.
#   OUTPUTS      Tensors to compute instead of the graph's outputs
#                (--outputs a,b): several values, or one "a,b".
#   OPTIONS      Passed verbatim to mnc-compile, after the options above
#                (--mattr=+a,-b, --fuse=false, --profile, ...).
#
# The result:
#   <name>             STATIC IMPORTED GLOBAL library: lib<name>.a, with
#                      <name>.h and mnc_runtime.h on its include path, libm in
#                      its link interface.
#   mnc_compile_<name> the custom target that runs mnc-compile.
# The library, its header and mnc_runtime.h are written to
# ${CMAKE_CURRENT_BINARY_DIR}/mnc/<name>/ (the target's MNC_OUTPUT_DIR
# property). mnc-compile runs again when the model file or the installed
# mnc-compile changes, or when the arguments change (CMake regenerates the
# command), and not otherwise.
include_guard(GLOBAL)

# The triple to compile for when the project cross-compiles and names none.
function(_mnc_cross_triple out_var)
  foreach(lang IN ITEMS C CXX)
    if(CMAKE_${lang}_COMPILER_TARGET)
      set(${out_var} "${CMAKE_${lang}_COMPILER_TARGET}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" processor)
  if(processor MATCHES "^(aarch64|arm64)$")
    set(arch aarch64)
  elseif(processor MATCHES "^(x86_64|amd64)$")
    set(arch x86_64)
  else()
    message(FATAL_ERROR
      "mnc_add_model: cross-compiling for CMAKE_SYSTEM_PROCESSOR "
      "'${CMAKE_SYSTEM_PROCESSOR}', which mnc does not know (x86_64 and "
      "aarch64): pass TARGET <triple>")
  endif()
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    set(${out_var} "${arch}-linux-gnu" PARENT_SCOPE)
  elseif(CMAKE_SYSTEM_NAME STREQUAL "Generic")
    set(${out_var} "${arch}-none-elf" PARENT_SCOPE)
  else()
    message(FATAL_ERROR
      "mnc_add_model: cross-compiling for CMAKE_SYSTEM_NAME "
      "'${CMAKE_SYSTEM_NAME}', without a compiler target triple: pass "
      "TARGET <triple>")
  endif()
endfunction()

function(mnc_add_model name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG ""
    "MODEL;TARGET;MCPU" "INPUT_SHAPE;OUTPUTS;OPTIONS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR
      "mnc_add_model(${name}): unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT name MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR
      "mnc_add_model(${name}): the name must be a C identifier (it prefixes "
      "the library's functions and names its header)")
  endif()
  if(NOT ARG_MODEL)
    message(FATAL_ERROR "mnc_add_model(${name}): MODEL <file.onnx> is required")
  endif()
  if(NOT TARGET mnc::mnc-compile)
    message(FATAL_ERROR
      "mnc_add_model(${name}): mnc::mnc-compile is not defined (find_package(mnc) first)")
  endif()
  # (list(FIND): if() would read TARGET as its own keyword.)
  foreach(keyword IN ITEMS MODEL TARGET MCPU)
    list(FIND ARG_KEYWORDS_MISSING_VALUES ${keyword} index)
    if(index GREATER -1)
      message(FATAL_ERROR "mnc_add_model(${name}): ${keyword} needs a value")
    endif()
  endforeach()

  get_filename_component(model "${ARG_MODEL}" ABSOLUTE
    BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")

  set(flags)
  set(triple "${ARG_TARGET}")
  if(NOT triple AND CMAKE_CROSSCOMPILING)
    _mnc_cross_triple(triple)
  endif()
  if(triple)
    list(APPEND flags --target ${triple})
    set(described "${triple}")
  else()
    set(described "the host")
  endif()
  if(ARG_MCPU)
    list(APPEND flags --mcpu ${ARG_MCPU})
    string(APPEND described ", ${ARG_MCPU}")
  endif()
  foreach(shape IN LISTS ARG_INPUT_SHAPE)
    list(APPEND flags --input-shape ${shape})
  endforeach()
  if(ARG_OUTPUTS)
    list(JOIN ARG_OUTPUTS "," outputs)
    list(APPEND flags --outputs ${outputs})
  endif()
  list(APPEND flags ${ARG_OPTIONS})

  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/mnc/${name}")
  set(library "${out_dir}/lib${name}.a")
  # An imported target's include directory must exist when CMake generates.
  file(MAKE_DIRECTORY "${out_dir}")

  get_filename_component(model_file "${model}" NAME)
  message(STATUS "mnc: ${name}: ${model_file} for ${described}")

  # DEPENDS names the compiler's file, not only its target: a new install of
  # mnc-compile must rebuild the model (an imported target alone gives no
  # file-level dependency).
  add_custom_command(
    OUTPUT "${library}" "${out_dir}/${name}.h" "${out_dir}/mnc_runtime.h"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${out_dir}"
    COMMAND mnc::mnc-compile "${model}" -o "${library}" ${flags}
    DEPENDS "${model}" "$<TARGET_FILE:mnc::mnc-compile>"
    COMMENT "mnc: compiling ${name} (${model_file} for ${described})"
    VERBATIM)
  add_custom_target(mnc_compile_${name}
    DEPENDS "${library}" "${out_dir}/${name}.h" "${out_dir}/mnc_runtime.h")

  # An imported library rather than an INTERFACE one: it links as the archive
  # itself, in the usual order, and consumers see a STATIC_LIBRARY target.
  # GLOBAL, so that any directory of the project can link it.
  add_library(${name} STATIC IMPORTED GLOBAL)
  set_target_properties(${name} PROPERTIES
    IMPORTED_LOCATION "${library}"
    INTERFACE_INCLUDE_DIRECTORIES "${out_dir}"
    INTERFACE_LINK_LIBRARIES m
    MNC_OUTPUT_DIR "${out_dir}")
  add_dependencies(${name} mnc_compile_${name})
endfunction()
