# A consumer's toolchain file for AArch64 Linux: clang-19 with its target
# triple (which mnc_add_model takes as the model's --target) and lld, against
# Debian's cross libc in /usr/aarch64-linux-gnu. Programs run here under
# qemu-aarch64 -L /usr/aarch64-linux-gnu.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER clang-19)
set(CMAKE_C_COMPILER_TARGET aarch64-linux-gnu)
set(CMAKE_EXE_LINKER_FLAGS_INIT -fuse-ld=lld)
