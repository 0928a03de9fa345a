# A consumer's toolchain file that names no compiler target triple (GCC's
# cross compiler has it built in): mnc_add_model derives aarch64-linux-gnu
# from CMAKE_SYSTEM_PROCESSOR and CMAKE_SYSTEM_NAME.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
