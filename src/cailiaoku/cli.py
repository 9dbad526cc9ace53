"""The `cailiaoku` command: thin wrappers over library calls; only here do errors become messages.

Sub-commands live beside the code they drive and are imported only when used.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from . import __version__
from .clibase import Group
from .errors import CailiaokuError
from .project import Project

# name → "module:function"; the order is the order of `cailiaoku --help`.
COMMANDS: dict[str, str] = {
    "ingest": "cailiaoku.ingest.cli:ingest",
    "lint": "cailiaoku.editor.lint_cli:lint",
    "explain": "cailiaoku.ingest.cli:explain",
    "new-passage": "cailiaoku.editor.cli:new_passage",
    "add-source": "cailiaoku.editor.cli:add_source_cmd",
    "passages": "cailiaoku.editor.passages_cli:passages",
    "search": "cailiaoku.finder.cli:search",
    "export": "cailiaoku.compose.cli:export",
    "check": "cailiaoku.compose.cli:check",
    "build": "cailiaoku.site.cli:build_command",
    "serve": "cailiaoku.site.cli:serve_command",
}


class LazyGroup(Group):
    """Imports a sub-command's module only when that command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cailiaoku", help="显示版本并退出。")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="项目目录（含 taxonomy.yaml），默认从当前目录向上查找。")
@click.pass_context
def cli(ctx: click.Context, root: Path | None) -> None:
    """材料库：把范文拆成带标签的可复用段落，并生成离线可用的检索网站。"""
    if root is not None and not root.is_dir():
        raise CailiaokuError(f"项目目录 {root} 不存在", hint="检查 --root 后面的路径，它应是含 taxonomy.yaml 的文件夹。")
    ctx.obj = Project(root.resolve()) if root else Project.find()


def main() -> None:
    cli(prog_name="cailiaoku")
