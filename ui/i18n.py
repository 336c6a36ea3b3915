"""Language and fonts: the translators the application runs with, and the CJK font."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = ("en", "zh_CN")
CJK_FAMILY = "Noto Sans SC"

_installed: list[QTranslator] = []


def chosen_language(settings: QSettings | None = None) -> str:
    """The language the analyst chose in the menu, else the system's."""
    settings = settings or QSettings()
    chosen = settings.value("language", "", type=str)
    if chosen in LANGUAGES:
        return chosen
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def install_language(language: str) -> str:
    """Install the translators for a language (replacing earlier ones); return it."""
    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if language == "zh_CN":
        ours = QTranslator(app)
        if not ours.load(str(TRANSLATIONS / "zhanlian_zh_CN.qm")):
            raise FileNotFoundError(TRANSLATIONS / "zhanlian_zh_CN.qm")
        qt = QTranslator(app)
        # Qt's own strings (dialog buttons, context menus); absent in some wheels.
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
        app.installTranslator(ours)
        _installed.append(ours)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return language


def cjk_font_path() -> Path:
    """Noto Sans SC Regular, shipped by the pylopdf-fonts-zh-cn wheel (SIL OFL 1.1)."""
    import pylopdf_fonts_zh_cn

    return Path(pylopdf_fonts_zh_cn.__file__).resolve().parent / "NotoSansSC-Regular.otf"


def register_fonts(app) -> str:
    """Register the CJK font and make it the fallback of the application font.

    Chinese then renders on a workstation that has no Chinese font installed. The font is
    the static Regular cut, so text is not drawn in the Thin weight that variable CJK fonts
    default to.
    """
    font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    family = families[0] if families else CJK_FAMILY
    base = app.font()
    font = QFont(base)
    font.setFamilies([base.family(), family])
    font.setWeight(QFont.Weight.Normal)
    app.setFont(font)
    return family
