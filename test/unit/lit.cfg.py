# -*- Python -*-
# Each GoogleTest case of the unit-test binaries is one lit test.
import os

import lit.formats

config.name = "hnn-unit"
config.suffixes = []
config.test_exec_root = os.path.join(config.hnn_obj_root, "test", "unit")
config.test_source_root = config.test_exec_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
