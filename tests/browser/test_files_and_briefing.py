"""The new pages in a real browser, on a phone and a desk: the enterprise's, the town's and the
department's files (every tab) and the briefing page with its download; no console error, no
request leaving the platform (the `page` fixture checks both)."""

from tests.support.personas import PASSWORD, USERNAMES

PHONE = {"width": 390, "height": 844}
TABS = ["basic", "risks", "hazards", "inspections", "accidents", "plans", "sources", "history"]
UNIT_TABS = ["enterprises", "risks", "hazards", "inspections", "accidents", "plans", "sources"]


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 390px phone"


def test_the_files_open_every_tab_on_a_phone(page, live_url, login_as, site):
    login_as(page, USERNAMES["county_admin"], PASSWORD)
    page.set_viewport_size(PHONE)
    enterprise = site.pks["enterprise_a"]
    for tab in TABS:
        page.goto(f"{live_url}/reports/enterprises/{enterprise}/?tab={tab}")
        assert page.get_attribute("#tab-content", "data-tab") == tab
        assert "active" in page.get_attribute(f"#tab-{tab}", "class")
        _fits(page)
    assert "甲镇化工有限公司" in page.inner_text("h1")
    for kind, pk in (("towns", site.pks["town_a"]), ("departments", site.pks["traffic_dept"])):
        for tab in UNIT_TABS:
            page.goto(f"{live_url}/reports/{kind}/{pk}/?tab={tab}")
            assert page.get_attribute("#tab-content", "data-tab") == tab
            _fits(page)
    page.goto(f"{live_url}/reports/towns/{site.pks['town_a']}/?tab=enterprises")
    page.click("#file-rows a")
    page.wait_for_selector("#tab-basic.active")


def test_the_briefing_page_downloads_the_word_file(page, live_url, login_as, tmp_path):
    login_as(page, USERNAMES["leader"], PASSWORD)
    page.goto(f"{live_url}/reports/briefing/")
    page.fill("#id_period", "2025-05")
    with page.expect_download() as info:
        page.click("#briefing-download")
    download = info.value
    assert download.suggested_filename == "briefing-2025-05.docx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    from docx import Document

    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "我县2025年5月" in text
    page.set_viewport_size(PHONE)
    page.goto(f"{live_url}/reports/briefing/")
    _fits(page)
