"""reportlab's remote fetching, pinned off in code when the story stage is imported.

reportlab opens URLs for images and fonts named in markup, allowed by
``rl_config.trustedHosts`` and ``trustedSchemes``. Those settings are read from
``RL_trustedHosts`` / ``RL_trustedSchemes`` environment variables (and local
settings files) when reportlab is imported, so a stray variable could let a
hostile spec make the build fetch from the network. Author text never reaches
reportlab as markup (see :mod:`briefpress.story.markup`), and this is the second
wall: the settings are overwritten here, after reportlab read its environment,
and again just before every layout.
"""

from __future__ import annotations

from reportlab import rl_config

TRUSTED_HOSTS: None = None
TRUSTED_SCHEMES: tuple[str, ...] = ()


def pin_reportlab() -> None:
    """Trust no host and no URL scheme, whatever the environment said."""
    rl_config.trustedHosts = TRUSTED_HOSTS
    rl_config.trustedSchemes = list(TRUSTED_SCHEMES)
    saved = getattr(rl_config, "_SAVED", None)
    if isinstance(saved, dict):  # what rl_config._reset() would restore
        saved["trustedHosts"] = TRUSTED_HOSTS
        saved["trustedSchemes"] = list(TRUSTED_SCHEMES)


def remote_fetching_off() -> bool:
    """Whether reportlab is set to refuse every URL (the build checks this before layout)."""
    return not rl_config.trustedHosts and not rl_config.trustedSchemes


pin_reportlab()
