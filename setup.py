"""Build hook: copy the top-level ontology/, data/ and queries/ into the package.

The repository keeps one copy of the curated data at the top (the design card's
layout); a wheel carries it as ``partygraph/_data/`` so an installed partygraph finds
it with ``importlib.resources``. An editable install reads the checkout instead.
"""

import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = runpy.run_path(str(ROOT / "src" / "partygraph" / "_layout.py"))["BUNDLED"]


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # the checkout itself is read (partygraph.paths)
        target = Path(self.build_lib) / "partygraph" / "_data"
        for name, folder in BUNDLED.items():
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(ROOT / folder, target / name)


setup(cmdclass={"build_py": BuildWithData})
