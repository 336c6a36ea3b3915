"""Search takes what the analyst types literally: % and _ are characters, not wildcards."""

from __future__ import annotations

from workbench.store import CaseStore


def test_percent_underscore_and_backslash_match_only_themselves(tmp_path, case_target):
    with CaseStore.create(case_target or tmp_path / "s.zlcase", "li") as store:
        named = {
            name: store.add_entity("person", None, name)
            for name in ("返利100%", "返利1000", "wxid_ab", "wxidXab", "路径C:\\a", "路径C:a")
        }
        alias = store.add_entity("person", None, "张三", aliases=["阿_三"])
        store.add_entity("person", None, "阿X三")

        def found(text: str) -> set[int]:
            rows = store.browse("person", text)
            assert store.count_entities("person", text) == len(rows)
            return {r[0] for r in rows}

        assert found("%") == {named["返利100%"]}
        assert found("100%") == {named["返利100%"]}
        assert found("wxid_") == {named["wxid_ab"]}
        assert found("_") == {named["wxid_ab"], alias}  # names and aliases alike
        assert found("\\") == {named["路径C:\\a"]}
        # Plain text still matches anywhere, as before.
        assert found("返利") == {named["返利100%"], named["返利1000"]}
        assert found("wxid") == {named["wxid_ab"], named["wxidXab"]}
