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

VENDOR = Path(__file__).resolve().parents[1] / "src" / "cailiaoku" / "assets" / "vendor"
# package → (version, {file in the npm tarball: vendored name})
PACKAGES = {
    "lunr": ("2.3.9", {"package/lunr.min.js": "lunr.min.js", "package/LICENSE": "lunr.LICENSE"}),
    "docx": ("9.5.1", {"package/dist/index.iife.js": "docx.iife.js", "package/LICENSE": "docx.LICENSE"}),
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
                    with open(VENDOR / target, "wb") as fh:
                        shutil.copyfileobj(src, fh)
            versions[name] = version
            print(f"vendored {name}@{version}")
    (VENDOR / "versions.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
