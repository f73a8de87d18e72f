"""The catalogue of reason codes: default severity and plain words for people, German and English.

The codes are a contract (exports, the public status page, the review queue, other tools): never
rename one. Each comes with a title, an explanation of what happened and advice on what the
participant can do, because a verdict nobody understands makes organisers answer e-mails.
The order of the catalogue is the order in which reasons are listed on a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """What a reason does to an entry's status; the contest file may change it per code."""

    reject = "reject"
    review = "review"
    off = "off"  # the check is not made at all


@dataclass(frozen=True, slots=True)
class ReasonText:
    title: str
    explanation: str
    advice: str  # what the participant can do


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    severity: Severity
    de: ReasonText
    en: ReasonText


def _reason(
    code: str, severity: Severity, de: tuple[str, str, str], en: tuple[str, str, str]
) -> Reason:
    return Reason(code, severity, ReasonText(*de), ReasonText(*en))


_R, _V = Severity.reject, Severity.review

CATALOGUE: dict[str, Reason] = {
    reason.code: reason
    for reason in (
        _reason(
            "outside_period",
            _R,
            (
                "Außerhalb des Teilnahmezeitraums",
                "Der Beitrag wurde vor Beginn oder nach Ende des Wettbewerbs veröffentlicht. "
                "Maßgeblich ist die Ortszeit des Wettbewerbs.",
                "Es zählen nur Beiträge aus dem Teilnahmezeitraum. Wenn Sie meinen, dass die Zeit "
                "falsch erfasst ist, wenden Sie sich an die Veranstalter.",
            ),
            (
                "Outside the contest period",
                "The post was published before the contest opened or after it closed, in the "
                "contest's local time.",
                "Only posts from the contest period count. If you think the time was recorded "
                "wrongly, contact the organisers.",
            ),
        ),
        _reason(
            "not_a_photo",
            _R,
            (
                "Kein Foto",
                "Videos und Reels nehmen nicht teil (und Karussell-Beiträge nicht, wenn die "
                "Auslobung nur Einzelfotos zulässt).",
                "Veröffentlichen Sie Ihr Motiv als Foto-Beitrag mit dem Wettbewerbs-Hashtag, "
                "solange der Wettbewerb läuft.",
            ),
            (
                "Not a photo",
                "Videos and reels do not take part (nor carousel posts, when the call for entries "
                "allows single photos only).",
                "Post your subject as a photo with the contest hashtag while the contest is open.",
            ),
        ),
        _reason(
            "excluded_account",
            _R,
            (
                "Konto ausgeschlossen",
                "Beiträge dieses Kontos nehmen nicht teil, zum Beispiel das Konto des "
                "Wettbewerbs oder Konten von Veranstaltern, Partnern und Jury.",
                "Wenn Sie meinen, dass Ihr Konto zu Unrecht ausgeschlossen ist, wenden Sie sich an "
                "die Veranstalter.",
            ),
            (
                "Account excluded",
                "Posts of this account do not take part, for example the contest's own account "
                "or accounts of organisers, partners and jurors.",
                "If you think your account was excluded by mistake, contact the organisers.",
            ),
        ),
        _reason(
            "over_entry_limit",
            _R,
            (
                "Zu viele Beiträge",
                "Pro Konto zählt nur eine begrenzte Zahl von Beiträgen, in der Reihenfolge ihrer "
                "Veröffentlichung. Dieser Beitrag kam nach dem letzten, der noch zählt.",
                "Ihre früheren Beiträge zählen weiter. Soll stattdessen dieser Beitrag zählen, "
                "wenden Sie sich an die Veranstalter.",
            ),
            (
                "Too many entries",
                "Only a limited number of posts count per account, in the order they were "
                "published. This post came after the last one that counts.",
                "Your earlier posts still count. If you want this one to count instead, contact "
                "the organisers.",
            ),
        ),
        _reason(
            "duplicate",
            _R,
            (
                "Doppelter Beitrag",
                "Das Foto gleicht einem früheren Beitrag desselben Kontos. Jedes Foto zählt nur "
                "einmal, und zwar mit dem frühesten Beitrag.",
                "Ihr früherer Beitrag mit diesem Foto zählt weiter; Sie müssen nichts tun.",
            ),
            (
                "Duplicate entry",
                "The photo matches an earlier post by the same account. Each photo counts once, "
                "with its earliest post.",
                "Your earlier post of this photo still counts; there is nothing to do.",
            ),
        ),
        _reason(
            "town_not_eligible",
            _R,
            (
                "Ort nimmt nicht teil",
                "Das Foto zeigt eine Stadt, die nach der Auslobung nicht teilnimmt, zum Beispiel "
                "weil ihre Einwohnerzahl außerhalb des vorgegebenen Bereichs liegt.",
                "Die teilnehmenden Städte stehen in den Teilnahmebedingungen. Wurde der Ort falsch "
                "erkannt, wenden Sie sich an die Veranstalter.",
            ),
            (
                "Town not taking part",
                "The photo shows a town that is not eligible under the call for entries, for "
                "example because its population is outside the required range.",
                "The terms list the eligible towns. If the place was recognised wrongly, contact "
                "the organisers.",
            ),
        ),
        _reason(
            "missing_hashtag",
            _V,
            (
                "Wettbewerbs-Hashtag fehlt in der Bildunterschrift",
                "Der Beitrag wurde gefunden, aber der Wettbewerbs-Hashtag steht nicht in der "
                "Bildunterschrift (zum Beispiel nur in einem Kommentar). Die Veranstalter prüfen "
                "den Beitrag.",
                "Ergänzen Sie den Wettbewerbs-Hashtag in der Bildunterschrift Ihres Beitrags.",
            ),
            (
                "Contest hashtag missing from the caption",
                "The post was found, but the contest hashtag is not in its caption (for example "
                "only in a comment). The organisers will check it.",
                "Add the contest hashtag to your post's caption.",
            ),
        ),
        _reason(
            "missing_mention",
            _V,
            (
                "Erwähnung des Wettbewerbskontos fehlt",
                "Die Auslobung verlangt, dass der Beitrag das Wettbewerbskonto erwähnt oder "
                "markiert; das fehlt hier. Die Veranstalter prüfen den Beitrag.",
                "Erwähnen Sie das Wettbewerbskonto mit @ in der Bildunterschrift oder markieren "
                "Sie es im Foto.",
            ),
            (
                "Contest account not mentioned",
                "The call for entries asks every post to mention or tag the contest account; "
                "this one does not. The organisers will check it.",
                "Mention the contest account with @ in the caption, or tag it in the photo.",
            ),
        ),
        _reason(
            "duplicate_other_account",
            _V,
            (
                "Gleiches Foto bei einem anderen Konto",
                "Ein sehr ähnliches Foto hat ein anderes Konto früher veröffentlicht. Die "
                "Veranstalter prüfen, von wem das Foto stammt.",
                "Ist das Foto von Ihnen, wenden Sie sich an die Veranstalter, am besten mit der "
                "Originaldatei.",
            ),
            (
                "Same photo posted by another account",
                "A very similar photo was posted earlier by another account. The organisers will "
                "check whose photo it is.",
                "If the photo is yours, contact the organisers, ideally with the original file.",
            ),
        ),
        _reason(
            "possible_duplicate",
            _V,
            (
                "Möglicherweise doppelt",
                "Das Foto ähnelt einem früheren Beitrag. Ob es dasselbe Bild ist, entscheiden die "
                "Veranstalter.",
                "Sie müssen nichts tun; die Veranstalter entscheiden.",
            ),
            (
                "Possible duplicate",
                "The photo resembles an earlier post. The organisers decide whether it is the same "
                "picture.",
                "There is nothing to do; the organisers will decide.",
            ),
        ),
        _reason(
            "town_unknown",
            _V,
            (
                "Ort nicht erkannt",
                "Aus Geotag, Hashtags und Bildunterschrift ließ sich keine Stadt des Wettbewerbs "
                "ermitteln, oder der Geotag liegt außerhalb des Wettbewerbsgebiets.",
                "Nennen Sie die Stadt per Geotag oder in der Bildunterschrift, zum Beispiel "
                "„#Gotha“.",
            ),
            (
                "Town not recognised",
                "No town of the contest could be found from the geotag, the hashtags or the "
                "caption, or the geotag lies outside the contest's area.",
                "Name the town with a geotag or in the caption, for example “#Gotha”.",
            ),
        ),
        _reason(
            "town_ambiguous",
            _V,
            (
                "Ort nicht eindeutig",
                "Der Beitrag nennt mehrere Städte, und nichts entscheidet zwischen ihnen.",
                "Setzen Sie einen Geotag auf den Ort der Aufnahme oder nennen Sie nur diese Stadt.",
            ),
            (
                "Town unclear",
                "The post names several towns and nothing decides between them.",
                "Add a geotag for the place the photo was taken, or name only that town.",
            ),
        ),
        _reason(
            "not_town_centre",
            _V,
            (
                "Nicht in der Innenstadt?",
                "Der Geotag liegt weit vom Zentrum der Stadt entfernt. Gesucht sind Fotos aus "
                "Innenstädten; die Veranstalter prüfen den Beitrag.",
                "Zeigt das Foto doch die Innenstadt, müssen Sie nichts tun. Sonst korrigieren Sie "
                "den Geotag.",
            ),
            (
                "Not in the town centre?",
                "The geotag lies far from the town centre. The contest wants photos of town "
                "centres; the organisers will check the post.",
                "If the photo does show the town centre, there is nothing to do. Otherwise correct "
                "the geotag.",
            ),
        ),
        _reason(
            "too_small",
            _V,
            (
                "Bild zu klein",
                "Das Bild ist kleiner als die Mindestgröße der Auslobung und taugt womöglich "
                "nicht für Jury und Ausstellung. Die Veranstalter prüfen den Beitrag.",
                "Veröffentlichen Sie das Foto in höherer Auflösung.",
            ),
            (
                "Image too small",
                "The image is smaller than the minimum size of the call for entries and may not "
                "be fit for the jury and the exhibition. The organisers will check the post.",
                "Post the photo at a higher resolution.",
            ),
        ),
        _reason(
            "image_unreadable",
            _V,
            (
                "Bild nicht lesbar",
                "Das Bild des Beitrags ließ sich nicht öffnen; die Veranstalter prüfen es von "
                "Hand.",
                "Sie müssen nichts tun. Ein gelöschter oder privater Beitrag kann nicht "
                "teilnehmen.",
            ),
            (
                "Image unreadable",
                "The post's image could not be opened; the organisers will check it by hand.",
                "There is nothing to do. A deleted or private post cannot take part.",
            ),
        ),
        _reason(
            "ai_suspected",
            _V,
            (
                "Verdacht auf KI-Bild",
                "Der Beitrag trägt Hashtags, die auf ein KI-erzeugtes Bild hinweisen (etwa "
                "#aiart oder #midjourney). KI-Bilder, Fotomontagen und stark bearbeitete Bilder "
                "sind ausgeschlossen. Die Veranstalter prüfen den Beitrag.",
                "Ist Ihr Foto echt, entfernen Sie die irreführenden Hashtags oder wenden Sie sich "
                "an die Veranstalter.",
            ),
            (
                "Suspected AI image",
                "The post carries hashtags that point to an AI-generated image (such as #aiart "
                "or #midjourney). AI images, photomontages and heavily edited images are "
                "excluded. The organisers will check the post.",
                "If your photo is genuine, remove the misleading hashtags or contact the "
                "organisers.",
            ),
        ),
    )
}

REASON_CODES: tuple[str, ...] = tuple(CATALOGUE)
DEFAULT_SEVERITY: dict[str, Severity] = {code: r.severity for code, r in CATALOGUE.items()}


def explain(code: str, lang: str) -> ReasonText:
    """Title, explanation and advice for a reason code; `lang` like "de", "en" or "de-DE".

    Languages other than English get German, the interface's first language.
    """
    try:
        reason = CATALOGUE[code]
    except KeyError:
        raise KeyError(f"unknown reason code {code!r}") from None
    return reason.en if lang.lower().split("-")[0].split("_")[0] == "en" else reason.de


def sort_codes(codes: set[str] | frozenset[str]) -> tuple[str, ...]:
    """Reason codes in catalogue order, so every verdict lists them the same way."""
    return tuple(code for code in REASON_CODES if code in codes)
