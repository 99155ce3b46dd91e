import importlib.util
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from corpus import REPO  # noqa: E402


def load_example(name: str):
    """An example script of the repository's examples/, as a module."""
    spec = importlib.util.spec_from_file_location(name, REPO / "examples" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def scale_documents():
    """The documents the Ray and Spark tests clean: a few thousand, from seeds/."""
    from corpus import make_documents

    return make_documents(limit=3000)
