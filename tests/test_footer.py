"""The footer rebuilds its keys only when the keys it shows change."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from reader.ui.app import LimelightApp
from tests.helpers import settle, wait_until


def shown(app: LimelightApp) -> list[FooterKey]:
    return list(app.footer.query(FooterKey))


async def test_the_footer_keeps_its_keys_until_they_change(two_articles):
    app = LimelightApp(paths=[two_articles])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: bool(shown(app)))
        keys = shown(app)
        assert "Quit" in [key.description for key in keys]
        # The screen says its bindings changed, but the same keys are in force:
        # the very same key widgets stay.
        app.screen.bindings_updated_signal.publish(app.screen)
        await pilot.press("j")
        await settle(pilot)
        assert shown(app) == keys
        assert all(key.is_attached for key in keys)
        # The find line has keys of its own: the footer shows them.
        await pilot.press("/")
        await wait_until(pilot, lambda: "Regex" in [key.description for key in shown(app)])
        assert "Quit" not in [key.description for key in shown(app)]
        await pilot.press("escape")
        await wait_until(pilot, lambda: "Quit" in [key.description for key in shown(app)])
        assert "Regex" not in [key.description for key in shown(app)]
