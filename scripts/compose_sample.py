"""Make docs/assets/gongwen-sample.png: page 1 of a full draft (主送机关, body, 附件, 落款) exported by
`cailiaoku export`, rendered by LibreOffice to PDF and by pdftoppm to PNG.

Usage: .venv/bin/python scripts/compose_sample.py   (needs LibreOffice and poppler-utils)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "assets" / "gongwen-sample.png"
OUTLINE = """kind: 总结
org: 县文化和旅游局
year: 2025
title: 县文化和旅游局2025年意识形态工作责任制落实情况总结
recipient: 县委宣传部
date: 2025年12月20日
attachments: [2025年意识形态工作台账]
sections:
  - intro: true
    blocks:
      - text: 2025年，我局认真落实意识形态工作责任制，现将有关情况报告如下。
  - heading: 主要做法和成效
    ids: [sntb288]
  - heading: 存在的问题
    ids: [spv3zkp]
"""


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "sample.yaml").write_text(OUTLINE, encoding="utf-8")
        docx = work / "sample.docx"
        subprocess.run([sys.executable, "-m", "cailiaoku", "export", "--outline", str(work / "sample.yaml"),
                        "--clean", "-o", str(docx)], cwd=ROOT, check=True)
        profile = work / "profile"
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(work), str(docx)], check=True, env={**os.environ, "HOME": str(profile)},
                       capture_output=True)
        subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "80", "-png", "-singlefile", str(work / "sample.pdf"),
                        str(work / "page")], check=True)
        OUT.write_bytes((work / "page.png").read_bytes())
    print(f"已生成 {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
