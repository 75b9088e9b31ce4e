# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "hnn"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.hnn_obj_root, "test")
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs", "unit", "data", "goldens", "corpus"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%hnn_src_root", config.hnn_src_root))
config.substitutions.append(("%hnn_obj_root", config.hnn_obj_root))
config.substitutions.append(("%hnn_version", config.hnn_version))
config.substitutions.append(("%llvm_version", config.llvm_version))
config.substitutions.append(("%cc", config.c_compiler))
# What an application linking a compiled object adds: LLVM's OpenMP runtime.
config.substitutions.append(
    ("%omp_link", "-L{0} -lomp -Wl,-rpath,{0}".format(config.llvm_lib_dir)))
config.substitutions.append(("%hnnrt_lib", os.path.join(config.hnn_obj_root, "lib")))

# Optional parts: gzip'd IDX files (libhnnrt built with zlib), the libFuzzer
# targets (clang only) and Debian's Fashion-MNIST files.
if config.hnnrt_have_zlib:
    config.available_features.add("hnnrt-zlib")
if config.hnn_have_fuzzer:
    config.available_features.add("fuzzer")
if os.path.isdir("/usr/share/datasets/fashion-mnist"):
    config.available_features.add("fashion-mnist")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tools = [
    ToolSubst("hnn-opt", unresolved="fatal"),
    ToolSubst("hnnc", unresolved="fatal"),
    ToolSubst("hnn-run", unresolved="fatal"),
]
llvm_config.add_tool_substitutions(tools, [config.hnn_tools_dir, config.llvm_tools_dir])
