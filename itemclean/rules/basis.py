"""Legal basis (设定依据): RULES.md, first table."""

from __future__ import annotations

import datetime as dt

from ..messages import LEVEL_NAMES
from ..normalize import norm_name
from ..reference import SETTING_LEVELS
from .registry import Doc, Hit, explain, rule


def is_permit(item) -> bool:
    return norm_name(item.category) == "行政许可"


@rule(
    "basis-missing",
    "error",
    "basis",
    abolish=True,
    zh=("事项没有设定依据", "废止该事项（凡无法律依据的，应予废止）"),
    en=("the item cites no legal basis", "abolish the item (no legal basis, no permit)"),
)
@explain(
    zh=Doc(
        fires="事项的“设定依据”一栏为空，或只写了“无”“——”“/”等空词。",
        why=(
            "《行政许可法》第十四条至第十七条规定，行政许可只能由法律、行政法规、国务院决定、地方性法规和省"
            "级政府规章设定，其他规范性文件一律不得设定。没有依据的事项就没有设立的权源；清理的原则是“凡无"
            "法律依据的，应予废止”。"
        ),
        answer=(
            '能找到现行有效的设定依据的，补上（`itemclean edit CODE --set "basis=《…》第…条"`），然后保留；'
            '找不到的，废止（`itemclean decide CODE --abolish --reason "无设定依据"`），或并入有依据的事项'
            "（`--merge-into`）。确属依据漏填而一时无法补齐的，可写明理由后覆盖（`--override basis-missing "
            "--reason …`）。"
        ),
    ),
    en=Doc(
        fires="The item's basis (设定依据) is empty, or holds only an empty word such as 无, —— or /.",
        why=(
            "Under Arts. 14–17 of the Administrative Licensing Law only laws, administrative regulations, "
            "State Council decisions, local regulations and provincial government rules may set a permit; "
            "no other document may. An item with no basis has no source of authority, and the cleanup's "
            "principle is that an item with no legal basis is abolished (凡无法律依据的，应予废止)."
        ),
        answer=(
            'If a basis in force exists, write it in (`itemclean edit CODE --set "basis=《…》第…条"`) and '
            'keep the item; if none exists, abolish it (`itemclean decide CODE --abolish --reason "无设定依'
            '据"`) or merge it into an item that has one (`--merge-into`). Where the basis was merely left '
            "out and cannot be filled in yet, override with a written reason (`--override basis-missing "
            "--reason …`)."
        ),
    ),
)
def basis_missing(item, ctx, r):
    if not item.basis:
        yield Hit()


@rule(
    "basis-cannot-set",
    "error",
    "basis",
    abolish=True,
    zh=("行政许可的设定依据均无权设定行政许可：{levels}", "废止该事项，或补充有权设定的依据"),
    en=("no instrument of this permit may set a permit: {levels}", "abolish, or find a setting instrument"),
)
@explain(
    zh=Doc(
        fires=(
            "事项类型为“行政许可”，写了依据，每条依据都能在法律法规库中找到，但没有一条是有权设定行政许可的"
            "层级（法律、行政法规、国务院决定、地方性法规、省级政府规章），例如只依据部门规章或规范性文件。"
        ),
        why=(
            "《行政许可法》第十六条规定，规章只能在上位法设定的行政许可事项范围内作出具体规定；第十七条规定"
            "，其他规范性文件一律不得设定行政许可。只以部门规章、设区的市政府规章或文件为依据的许可，是违法"
            "设定的许可。"
        ),
        answer=(
            "补充有权设定的上位依据（多数部门规章本身引用了某部法律或行政法规，把那部法律的条款写进依据），"
            "然后保留；没有上位依据的，废止该事项，或将其改为非许可类事项（修改“事项类型”）。"
        ),
    ),
    en=Doc(
        fires=(
            "The item is a 行政许可, cites a basis, every citation names an instrument of the registry, "
            "and none of them is of a level that may set a permit (law, administrative regulation, State "
            "Council decision, local regulation, provincial government rule) — for example it rests on a "
            "departmental rule or a normative document only."
        ),
        why=(
            "Art. 16 of the Administrative Licensing Law lets rules only specify permits that a higher "
            "instrument has set; Art. 17 forbids any other normative document to set one. A permit resting "
            "only on a departmental rule, a city government rule or a document is unlawfully set."
        ),
        answer=(
            "Add the higher instrument that sets the permit (a departmental rule usually cites the law or "
            "regulation it implements: cite that law's article too) and keep the item; if there is none, "
            "abolish the item, or change its category if it is not a permit at all."
        ),
    ),
)
def basis_cannot_set(item, ctx, r):
    if not is_permit(item) or not item.basis:
        return
    found = []
    for c in item.basis:
        i = ctx.reference.instrument(c.instrument)
        if i is None or i.level in SETTING_LEVELS:  # unknown, or it may set a permit
            return
        found.append(i)
    names = LEVEL_NAMES[ctx.lang]
    unique = list({id(i): i for i in found}.values())  # an instrument cited twice is named once
    yield Hit(fields={"levels": "、".join(f"《{i.title}》({names[i.level]})" for i in unique)})


@rule(
    "basis-repealed",
    "error",
    "basis",
    zh=("依据《{instrument}》已于{date}废止：{entry}", "更新为现行有效的依据"),
    en=("《{instrument}》 was repealed on {date}: {entry}", "replace the citation"),
)
@explain(
    zh=Doc(
        fires=(
            "某条依据引用的法律文件在审核日期当天或之前已经废止（法律法规库中写有 `repealed` 日期）。每条这"
            "样的依据报告一次。"
        ),
        why=(
            "已废止的文件不再有效，不能作为实施行政许可的依据；依据失效后继续实施，等于没有依据。清理时要把"
            "依据更新为现行有效的文件。"
        ),
        answer=(
            "改写依据，引用取代它的现行文件（例如《食品卫生法》已由《食品安全法》取代）：`itemclean edit "
            'CODE --set "basis=《中华人民共和国食品安全法》第三十五条"`，保存后立即重新审核；若新文件已不再'
            "设定该许可，则废止事项。"
        ),
    ),
    en=Doc(
        fires=(
            "A citation names an instrument whose `repealed` date in the registry is on or before the "
            "audit date. Each such citation is reported once."
        ),
        why=(
            "A repealed instrument is no longer in force and cannot be the basis of a permit; implementing "
            "a permit on a repealed basis is implementing it without one. The cleanup brings every "
            "citation up to the instrument now in force."
        ),
        answer=(
            "Rewrite the citation to the instrument that replaced it (the Food Hygiene Law by the Food "
            'Safety Law, for instance): `itemclean edit CODE --set "basis=《中华人民共和国食品安全法》第三'
            '十五条"`; the item is audited again at once. If the new instrument no longer sets the permit, '
            "abolish the item."
        ),
    ),
)
def basis_repealed(item, ctx, r):
    for c in item.basis:
        inst = ctx.reference.instrument(c.instrument)
        if inst is not None and inst.repealed_by(ctx.as_of):
            yield Hit(entry=c.text, fields={"instrument": inst.title, "date": inst.repealed.isoformat()})


@rule(
    "basis-unknown",
    "warning",
    "basis",
    zh=("依据不在法律法规库中：{entry}", "核实该依据"),
    en=("the citation names no instrument of the registry: {entry}", "verify the citation"),
)
@explain(
    zh=Doc(
        fires=(
            "某条依据在法律法规库中找不到：书名号内的名称既不是库中某文件的标题，也不是其别名；或者依据根本"
            "没有书名号《》（如“依据道路运输条例第二十四条”）。"
        ),
        why=(
            "审核要判断依据的层级、是否有效，前提是知道引用的是哪一部文件。写法不规范或库中没有的依据，须由人工核实。"
        ),
        answer=(
            "把依据改成规范写法，文件名放进《》（`《中华人民共和国道路运输条例》第二十四条`）；若文件确实存"
            "在而库中没有，把它加入参考目录的 instruments.toml（见“参考目录”一章）；核实无误又不便修改的，"
            "写明理由覆盖。本规则是警告，不阻止批准。"
        ),
    ),
    en=Doc(
        fires=(
            "A citation names no instrument of the registry: the title in 《》 is neither an instrument's "
            "title nor one of its aliases, or the citation has no 《》 at all (依据道路运输条例第二十四条)."
        ),
        why=(
            "To tell whether a basis may set a permit and is still in force, the audit must know which "
            "instrument it cites. A citation it cannot resolve has to be checked by a person."
        ),
        answer=(
            "Write the citation with the title in 《》 (`《中华人民共和国道路运输条例》第二十四条`); if "
            "the instrument exists but the registry lacks it, add it to instruments.toml of the reference "
            "directory (see the chapter on the reference directory); or override with the reason you "
            "verified it. A warning: it never blocks approval."
        ),
    ),
)
def basis_unknown(item, ctx, r):
    for c in item.basis:
        if ctx.reference.instrument(c.instrument) is None:
            yield Hit(entry=c.text)


@rule(
    "basis-no-article",
    "info",
    "basis",
    zh=("依据未写明条款：{entry}", "补充具体条款（第…条）"),
    en=("the citation gives no article: {entry}", "add the article (第…条)"),
)
@explain(
    zh=Doc(
        fires=(
            "某条依据写了书名号内的文件名，但其后没有“第…条”（阿拉伯数字或汉字数字均可）。只有“第…款”“第…项"
            "”不算写明条款。"
        ),
        why=(
            "《行政许可法》第三十条要求公示行政许可的依据。只写文件名不写条款，申请人和监督者无法核对该文件"
            "是否真的设定了这项许可。"
        ),
        answer=(
            "补上具体条款：`…》第三十五条`。引用国务院决定附件的（“附件第112项”），可注明项目序号后写明理由"
            "覆盖。本规则是提示，不阻止批准。"
        ),
    ),
    en=Doc(
        fires=(
            "A citation has an instrument in 《》, known or not, and no article (第…条, in Arabic or "
            "Chinese numerals) after it. 第…款 or 第…项 alone is no article."
        ),
        why=(
            "Art. 30 of the Administrative Licensing Law requires the basis of a permit to be made public. "
            "A title without an article does not let the applicant or a supervisor check that the "
            "instrument really sets this permit."
        ),
        answer=(
            "Add the article: `…》第三十五条`. A citation of an item in the annex of a State Council "
            "decision (附件第112项) may be overridden with that reason. Info only: it never blocks "
            "approval."
        ),
    ),
)
def basis_no_article(item, ctx, r):
    for c in item.basis:
        if c.instrument is not None and c.article is None:
            yield Hit(entry=c.text)


def one_year_before(day: dt.date) -> dt.date:
    """The same day a calendar year earlier; 29 February becomes 28 February."""
    if day.month == 2 and day.day == 29:
        return day.replace(year=day.year - 1, day=28)
    return day.replace(year=day.year - 1)


@rule(
    "basis-provincial-rule-expired",
    "warning",
    "basis",
    zh=("仅以省级政府规章设定，且施行已超过一年：{titles}", "需由地方性法规设定（《行政许可法》第十五条）"),
    en=("set only by provincial rules in force for more than a year: {titles}", "needs a local regulation (Art. 15)"),
)
@explain(
    zh=Doc(
        fires=(
            "事项类型为“行政许可”，在其依据中已知且现行有效的文件里，有权设定许可的只有省级政府规章，而且每"
            "部规章施行都已满一年（施行日期早于审核日期的前一年同日）。没有写施行日期的规章不计。"
        ),
        why=(
            "《行政许可法》第十五条：省级人民政府规章设定的临时性行政许可，实施满一年需要继续实施的，应当提"
            "请本级人民代表大会及其常务委员会制定地方性法规。"
        ),
        answer=(
            "若已制定地方性法规或有上位法依据，把它补进依据；否则报请制定地方性法规，或废止该事项。确在提请"
            "程序中的，可写明理由覆盖。"
        ),
    ),
    en=Doc(
        fires=(
            "The item is a 行政许可 and, among its known instruments in force, the only ones that may set "
            "a permit are provincial government rules, each of which came into effect more than a year "
            "before the audit date. A rule with no effective date never counts."
        ),
        why=(
            "Art. 15 of the Administrative Licensing Law: a permit set by a provincial government rule is "
            "temporary; to continue beyond one year, the provincial people's congress or its standing "
            "committee must enact a local regulation."
        ),
        answer=(
            "If a local regulation or a higher instrument now sets the permit, cite it; otherwise have a "
            "local regulation made, or abolish the item. Where the regulation is under way, override with "
            "that reason."
        ),
    ),
)
def basis_provincial_rule_expired(item, ctx, r):
    if not is_permit(item):
        return
    seen, setting = set(), []
    for c in item.basis:
        inst = ctx.reference.instrument(c.instrument)
        if inst is None or inst.level not in SETTING_LEVELS or not inst.in_force(ctx.as_of):
            continue
        if inst.level != "provincial_rule":  # set by more than provincial rules
            return
        if id(inst) not in seen:
            seen.add(id(inst))
            setting.append(inst)
    if not setting:
        return
    limit = one_year_before(ctx.as_of)
    if all(i.effective is not None and i.effective < limit for i in setting):
        yield Hit(fields={"titles": "、".join(f"《{i.title}》({i.effective.isoformat()})" for i in setting)})
