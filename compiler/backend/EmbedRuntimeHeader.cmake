# Writes the text of INPUT as a C++ raw string constant into OUTPUT:
#   cmake -DINPUT=runtime/mnc_runtime.h -DOUTPUT=RuntimeHeader.inc -P EmbedRuntimeHeader.cmake
# The compiler writes that text beside every generated header.
file(READ "${INPUT}" text)
set(delimiter "mnc_embed")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw string delimiter ${delimiter}")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by EmbedRuntimeHeader.cmake; do not edit.\n"
  "constexpr char kRuntimeHeaderText[] = R\"${delimiter}(${text})${delimiter}\";\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
