"""Chinese help of the command line, keyed by command and option (`import --encoding`, `diff A`, `--db`).

The manual's docs/zh/commands.md is made from this table and the CLI's own (English) help by
`python -m itemclean.docs`; tests/test_docs.py fails when a command or option has no entry here, or an
entry names one that no longer exists.
"""

from __future__ import annotations

from collections.abc import Iterator

import click

from .formats import COMMANDS, help_text

HELP_ZH: dict[str, str] = {
    "itemclean": "行政许可事项清理：导入、审核、审查决定、批准、发布和比对事项目录。",
    "--db": "数据库文件。",
    "--reference": "参考目录（默认：程序包内的 itemclean/catalogs/）。",
    "--reviewer": "审核人姓名（默认：登录名）。",
    "--catalog": "使用数据库中的哪个目录（数据库只有一个目录时可省略）。",
    "--lang": "消息语言：zh（中文）或 en（英文）。",
    "--version": "显示版本号后退出。",
    "import": "把目录文件读入草稿，按事项编码更新事项；所有文件全部导入或全部不导入。",
    "import FILES": "CSV、XLSX、JSON 或 JSONL 文件。",
    "import --encoding": "指定 CSV 的编码（如 gb18030）。",
    "import --sheet": "XLSX 的工作表（默认：第一个）。",
    "import --prune": "删除草稿中文件里没有的事项。",
    "import --dry-run": "只检查并报告变化，不写入任何内容。",
    "import --map": "把另一个表头读作某字段：--map code=item_code。",
    "import --feedback": "这些文件是各部门填好的反馈表。",
    "export": "输出目录（最新批准的版本，或草稿），或它的某种报告。",
    "export --what": (
        "catalogue（目录）、removed-fees（取消的收费）、findings（审核发现）、decisions（决定记录）、"
        "feedback（发给各部门的反馈表）或 results（处理结果清单）。"
    ),
    # the formats a command writes, from the registry of formats
    **{f"{command} --format": help_text(kinds, "zh") for command, kinds in COMMANDS.items()},
    "export --department": "--what feedback 时只输出这个部门的反馈表。",
    "export --version": "批准版本的标签（默认：最新版本）。",
    "export --draft": "输出工作草稿，而不是批准的版本。",
    "export --output": "输出文件；- 或不写：输出到标准输出（--what feedback：一个文件夹，或 文件.xlsx）。",
    "export --headers": "CSV/XLSX 的表头：source（原表头）、zh（中文）或 en（英文）。",
    "export --encoding": "CSV 编码（默认带 BOM 的 UTF-8，Excel 可直接打开）。",
    "export --title": "HTML 或 Markdown 发布页的标题。",
    "export --guard-formulas": (
        "CSV：以 = + - @ 开头的单元格前加一个 '，电子表格把它当作文字（默认；导入时会去掉这个 '）。"
    ),
    "catalogs": "列出数据库中的目录。",
    "catalogs --format": "text、json 或 csv。",
    "show": "逐字段显示草稿中的一个事项。",
    "show CODE": "事项编码。",
    "show --format": "text、json 或 csv。",
    "audit": "对草稿（或直接对文件 FILE）运行审核规则；仍有未处理的错误时退出状态为 1。",
    "audit FILE": "直接审核这个文件（不读写任何数据库）。",
    "audit --as-of": "审核日期 YYYY-MM-DD（默认：今天）。",
    "audit --rule": "只运行这条规则（可重复）。",
    "audit --output": "写入这个文件，而不是标准输出。",
    "audit --encoding": "FILE 的编码（CSV）。",
    "audit --sheet": "FILE 的工作表（XLSX）。",
    "audit --map": "把 FILE 的另一个表头读作某字段。",
    "rules": "列出审核规则、各自在现行规则配置下的级别和触发条件，或详细说明其中一条。",
    "rules RULE": "详细说明这条规则。",
    "audit --full": (
        "重新审核草稿的全部事项（默认只审核上次审核后有变化的事项；参考目录、规则配置、审核日期或语言变了则全部重审）；"
        "结果相同。"
    ),
    "rules --format": "text、json 或 csv。",
    "decide": "把决定记入只增不改的决定记录（撤销也是追加一条反向记录）。",
    "decide CODES": "事项编码。",
    "decide --keep": "保留这些事项。",
    "decide --abolish": "废止这些事项。",
    "decide --amend": "修改后保留这些事项。",
    "decide --merge-into": "把这些事项并入编码为 CODE 的事项。",
    "decide --remove-fee": "标记取消这些事项的这项收费。",
    "decide --keep-fee": "收回对某项收费的取消标记。",
    "decide --override": "覆盖这条规则对事项的发现（须写明理由）。",
    "decide --undo": "撤销每个事项最近的一条决定。",
    "decide --reason": "理由（废止、合并、修改、覆盖时必填）。",
    "decide --from": "CSV 文件，列为 code, decision, reason[, target, fee, rule]。",
    "decide --accept-edit": "采纳部门对字段 FIELD 提出的修改。",
    "decide --reject-edit": "不采纳部门对字段 FIELD 提出的修改。",
    "decide --all-undecided": "对所有尚无人决定的事项执行（不包括等待复核的事项）。",
    "edit": "修改草稿中事项的字段；每处修改连同旧值、新值记入日志，随即重新审核该事项。",
    "edit CODE": "事项编码。",
    "edit --set": "FIELD=VALUE，值按表格格式书写（可重复）。",
    "edit --reason": "修改的理由。",
    "log": "决定记录：谁在何时作了什么决定、理由是什么。",
    "log CODE": "只看这个事项。",
    "log --format": "text、json 或 csv。",
    "approve": "把草稿整体冻结为批准的版本（事项、列、标题、取消的收费）；仍有阻碍时拒绝（退出状态 1）。",
    "approve --label": "版本标签，如 2026。",
    "approve --as-of": "检查所用的审核日期（默认：今天）。",
    "approve --title": "版本发布时的标题（默认：<目录名> 行政许可事项目录）。",
    "versions": "目录的各个批准版本。",
    "versions --format": "text、json 或 csv。",
    "verify": (
        "检查数据库文件、决定记录的哈希链和每个批准版本所含的一切；"
        "有不再吻合的记录或版本时退出状态为 1 并指明第一条记录和各个版本。"
    ),
    "diff": "按事项编码逐字段比较两个目录；两者不同时退出状态为 1。",
    "diff A": "一个文件、目录名 CATALOG（其草稿）或 CATALOG@LABEL（批准的版本）。",
    "diff B": "一个文件、目录名 CATALOG（其草稿）或 CATALOG@LABEL（批准的版本）。",
    "diff --output": "写入这个文件。",
    "diff --encoding": "CSV 一方的编码。",
    "diff --sheet": "XLSX 一方的工作表。",
    "diff --map": "把另一个表头读作某字段：--map code=item_code。",
    "diff --key": "按 COLUMN[,COLUMN] 列而不是事项编码对应文件中的行。",
    "diff --raw": "与版本比较时，用导入时的草稿，而不是按现在发布的样子。",
    "review": "在终端界面中审查目录（给出文件时先导入）。",
    "review FILES": "先导入这些文件（如随程序提供的样例）。",
    "review --as-of": "审核日期（默认：今天）。",
    "report": "按部门和事项类型统计清理的数字，附一段中文说明（HTML 版带 SVG 图表）。",
    "report --version": "批准的版本（默认：最新版本；尚无版本时用草稿）。",
    "report --output": "输出文件；- 或不写：输出到标准输出。",
    "sample": "输出随程序提供的样例县目录（临川县），以便在安装后的程序中导入或审查。",
    "sample --output": "写入这个文件（.csv 或 .xlsx）；不写：CSV 输出到标准输出。",
    "reference": "参考目录：法律法规、收费目录、已取消事项和审核规则配置。",
    "reference check": "载入参考目录，逐条报告问题及其文件和行号（退出状态 2），无误时列出其内容。",
    "reference check DIRECTORY": "要检查的目录（默认：--reference 指定的目录）。",
}


def commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    """Every command in the order of registration, subcommands after their group."""
    for name, cmd in group.commands.items():
        if cmd.hidden:
            continue
        path = f"{prefix}{name}"
        yield path, cmd
        if isinstance(cmd, click.Group):
            yield from commands(cmd, path + " ")


def param_key(path: str, p: click.Parameter) -> str:
    """The key of an option (`import --encoding`) or argument (`diff A`) in HELP_ZH."""
    if isinstance(p, click.Option):
        longs = [o for o in p.opts if o.startswith("--")]
        name = (longs or p.opts)[0]
    else:
        name = (p.name or "").upper()
    return f"{path} {name}".strip()


def in_chinese(group: click.Group) -> click.Group:
    """The command line with every command's and option's help in Chinese: what `--help` shows in zh."""
    group.help = HELP_ZH.get("itemclean", group.help)
    for path, cmd in [("", group), *commands(group)]:
        if path:
            cmd.help = HELP_ZH.get(path, cmd.help)
            cmd.short_help = None
        for p in cmd.params:
            text = HELP_ZH.get(param_key(path, p))
            if text is not None and hasattr(p, "help"):
                p.help = text
    return group
