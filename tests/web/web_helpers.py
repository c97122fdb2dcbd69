"""What the page's tests share."""

from __future__ import annotations

# One use, one quotation and one rejection of the same label, and a paragraph of markup that
# must stay text on the page.
ARTICLE = (
    "Trade between the two countries doubled last year. For two decades Kazakhstan has been "
    "Russia's backyard, and the new pipeline will not change that.\n\n"
    'A Kremlin adviser once called the region "Russia\'s backyard" on television.\n\n'
    "Kazakhstan is not Russia's backyard, the foreign minister said on Monday.\n\n"
    '<img src="x" onerror="window.pwned = 1"><script>window.pwned = 2</script><b>bold?</b>\n'
)
