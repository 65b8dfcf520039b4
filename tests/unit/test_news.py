"""News dates: only a date of the calendar reaches the list and the feed; any other is a
located warning and its item is left out."""

from __future__ import annotations

import pytest

from portfolio.data.records import load_news
from portfolio.render.news import display_date
from portfolio.web.feed import news_entry

STRANGE = ["-5", "1234567890123456789012", '"1234567890123456789012"', '"2025-02-30"',
           '"2025-13"', '"2025-00"', "99999", "0000", '"0000-01-01"', "-2025", '"2025-1-1"']


@pytest.mark.parametrize("date", STRANGE)
def test_strange_dates_are_located_and_left_out(tmp_path, date):
    path = tmp_path / "news.yaml"
    path.write_text(f"- date: 2025-10-01\n  text: Kept.\n- date: {date}\n  text: Strange.\n",
                    "utf-8")
    items, problems = load_news(path)
    assert [item.text for item in items] == ["Kept."]
    assert [(p.location.line, p.subtype) for p in problems] == [(3, "schema")]
    assert "date" in problems[0].message


@pytest.mark.parametrize("date", ["2025", "2025-10", "2025-10-01", "1900-01-31", "9999-12-31"])
def test_real_dates_reach_the_list_and_the_feed(tmp_path, date):
    path = tmp_path / "news.yaml"
    path.write_text(f"- date: '{date}'\n  text: Something *happened*.\n", "utf-8")
    items, problems = load_news(path)
    assert problems == []
    assert [item.date for item in items] == [date]
    assert display_date(date).endswith(date[:4])
    assert news_entry(items[0], "https://example.org/news.html").updated.startswith(date[:4])
