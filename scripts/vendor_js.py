"""Refresh the vendored browser libraries from the npm registry (run by hand, then commit).

The site never loads scripts from a CDN: these files ship inside the package and
the build copies them into site/assets/vendor/.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "src" / "cailiaoku"
VENDOR = PACKAGE_DIR / "assets" / "vendor"
SITE_VENDOR = PACKAGE_DIR / "site" / "assets" / "vendor"
# package → (version, {file in the npm tarball: where it is vendored})
# lunr.js is not vendored: the finder's index is built with the lunr PyPI package and only its
# weights ship (lunr.js's own index would be 15 MB at 10,000 passages; see benchmarks/finder.txt).
PACKAGES = {
    "docx": ("9.5.1", {"package/dist/index.iife.js": VENDOR / "docx.iife.js",
                       "package/LICENSE": VENDOR / "docx.LICENSE"}),
    # Material's offline plugin would load this shim from a CDN; the site serves this copy.
    "iframe-worker": ("1.0.4", {"package/shim/index.js": SITE_VENDOR / "iframe-worker-shim.js",
                                "package/LICENSE": SITE_VENDOR / "iframe-worker.LICENSE"}),
    # gunzip for the finder's data files in browsers without DecompressionStream (loaded only there).
    "fflate": ("0.8.3", {"package/umd/index.js": VENDOR / "fflate.umd.js",
                         "package/LICENSE": VENDOR / "fflate.LICENSE"}),
}


def main() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    versions = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (version, files) in PACKAGES.items():
            out = subprocess.run(["npm", "pack", f"{name}@{version}", "--json"], cwd=tmp,
                                 check=True, capture_output=True, text=True).stdout
            tarball = Path(tmp) / json.loads(out)[0]["filename"]
            with tarfile.open(tarball) as tar:
                for member, target in files.items():
                    src = tar.extractfile(member)
                    if src is None:
                        raise SystemExit(f"{name}: {member} 不在 npm 包里")
                    with open(target, "wb") as fh:
                        shutil.copyfileobj(src, fh)
            versions[name] = version
            print(f"vendored {name}@{version}")
    (VENDOR / "versions.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
