# -*- Python -*-
"""lit configuration of the mnc test suite.

Tests are .mlir files (mnc-opt, FileCheck), .test files (shell RUN lines)
and .py files that build a small ONNX model when run with %python and then
RUN the compiler on it.
"""

import os

import lit.formats
from lit.llvm import llvm_config

config.name = "mnc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.mnc_obj_root, "test")
# Helpers and model generators, not tests.
config.excludes = ["lib", "models", "Inputs", "onnx_backend.py", "lit.cfg.py", "lit.site.cfg.py",
                   "CMakeLists.txt"]

# LLVM 19's FileCheck, not the older one an unversioned PATH may find.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment(
    "PYTHONPATH", os.path.join(config.mnc_src_root, "test", "lib"),
    append_path=True)
llvm_config.use_default_substitutions()
llvm_config.add_tool_substitutions(
    ["mnc-opt", "mnc-compile"], [config.mnc_tools_dir])

config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%models", config.mnc_models_dir))
config.substitutions.append(
    ("%testlib", os.path.join(config.mnc_src_root, "test", "lib")))
# The build tree, for the tests that install it (cmake --install), and the
# source tree, which an installed file must not name.
config.substitutions.append(("%mnc_obj_root", config.mnc_obj_root))
config.substitutions.append(("%mnc_src_root", config.mnc_src_root))

# Code compiled for an AVX-512 CPU (--mcpu znver4) runs only on a host with
# AVX-512: the machines differ (some AMD EPYC hosts have AVX2 only). Its
# generated IR is checked everywhere.
def host_has_avx512():
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            return any(line.startswith("flags") and " avx512f" in line for line in cpuinfo)
    except OSError:
        return False


if host_has_avx512():
    config.available_features.add("host-avx512")

# x86-64 hosts run the generated x86 code natively; qemu-x86_64 plays older
# x86 CPUs (Haswell: AVX2 without AVX-512; Nehalem: no AVX).
import platform
if platform.machine() in ("x86_64", "AMD64"):
    config.available_features.add("host-x86_64")
    import shutil as _shutil
    if _shutil.which("qemu-x86_64"):
        config.available_features.add("qemu-x86_64")

# Generated AArch64 code runs under qemu when the cross toolchain is there.
import shutil
if shutil.which("aarch64-linux-gnu-gcc") and shutil.which("qemu-aarch64"):
    config.available_features.add("aarch64-cross")
