"""The command line speaks Chinese, and every command is listed."""

from __future__ import annotations

from click.testing import CliRunner

from cailiaoku.cli import COMMANDS, cli


def test_help_lists_every_command_in_chinese() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "显示帮助并退出。" in result.output and "Show this message" not in result.output
    assert {"passages", "search", "serve"} <= set(COMMANDS)
    for name in COMMANDS:
        assert f"  {name} " in result.output
    for name in COMMANDS:
        sub = CliRunner().invoke(cli, [name, "-h"])
        assert sub.exit_code == 0 and "显示帮助并退出。" in sub.output, name


def test_domain_error_becomes_a_chinese_message_and_exit_1(tmp_path) -> None:
    (tmp_path / "taxonomy.yaml").write_text("themes: 不是列表\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "lint"])
    assert result.exit_code == 1
    assert "taxonomy.yaml:1：taxonomy.yaml 应以 themes: 列表开头" in result.output
    assert "处理办法：" in result.output
