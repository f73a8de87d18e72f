"""The demo contest as data: its photographers, and the posts planted to show every rule at work.

Ordinary posts are generated from the photographers below (see `cli.demo.plan`). The planted
posts are written out one by one, each with a comment saying what it shows and the reason codes
the rules must give it, so the demo doubles as a walk through the call for entries.

Entry limit bookkeeping: an account may have 3 entries not rejected for another reason. Planted
posts that count (accepted or review) are hosted by accounts with room for them; a test checks
that only `pixelwanderer_th` goes over the limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cli.demo.photos import PORTRAIT, SQUARE
from cli.demo.towns import town

CONTEST_ACCOUNT = "downtownsnaps_th"
CONTEST_TAGS = "#ThüringenDownTown @downtownsnaps_th"


@dataclass(frozen=True)
class Photographer:
    username: str
    home: str  # the gazetteer name of the town they live in and mostly photograph
    posts: int  # ordinary posts (planted posts come on top)


# 32 hobby photographers; 70 ordinary posts at full size.
PHOTOGRAPHERS: tuple[Photographer, ...] = (
    Photographer("lena.sieht.gotha", "Gotha", 3),
    Photographer("meininger_momente", "Meiningen", 3),
    Photographer("ilm.fotografie", "Ilmenau", 3),
    Photographer("altenburger_ecken", "Altenburg", 3),
    Photographer("arnstadt_analog", "Arnstadt", 3),
    Photographer("wartburgblick_ea", "Eisenach", 3),
    Photographer("muehlhausen_mittendrin", "Mühlhausen", 3),
    Photographer("nordhaeuser.linse", "Nordhausen", 3),
    Photographer("saalfeld_seitenblick", "Saalfeld/Saale", 3),
    Photographer("suhl.urban", "Suhl", 3),
    Photographer("rudolstadt.licht", "Rudolstadt", 3),
    Photographer("greizer_gassen", "Greiz", 3),
    Photographer("apolda_abendrot", "Apolda", 3),
    Photographer("kati.unterwegs.th", "Bad Langensalza", 3),
    Photographer("salzunger_sole", "Bad Salzungen", 2),
    Photographer("eichsfeld_eyes", "Heilbad Heiligenstadt", 2),
    Photographer("schmalkalden_shots", "Schmalkalden", 2),
    Photographer("sondershausen_sieht", "Sondershausen", 2),
    Photographer("spielzeugstadt_son", "Sonneberg", 2),
    Photographer("soemmerda.snaps", "Sömmerda", 2),
    Photographer("hbn_marktplatz", "Hildburghausen", 2),
    Photographer("poessneck_pixel", "Pößneck", 2),
    Photographer("kyffhaeuser_kiki", "Bad Frankenhausen", 2),
    Photographer("zeulenroda_zuhause", "Zeulenroda-Triebes", 2),
    Photographer("tom.fotografiert", "Gotha", 1),
    Photographer("jana_mit_kamera", "Meiningen", 1),
    Photographer("schmoelln_love", "Schmölln", 1),
    Photographer("frau_ilmenau", "Ilmenau", 1),
    Photographer("rostbratwurst.und.fachwerk", "Arnstadt", 1),
    Photographer("opa_horst_knipst", "Greiz", 1),
    Photographer("studi_in_ilmenau", "Ilmenau", 1),
    Photographer("mila.mag.maerkte", "Altenburg", 1),
)


# How a planted post's photos are made ------------------------------------------------------


@dataclass(frozen=True)
class Scene:
    """A new photo; its seed comes from the post's key, so it is the same on every machine."""

    size: tuple[int, int] = PORTRAIT


@dataclass(frozen=True)
class CopyOf:
    """A copy of another planted post's first photo, made the way people make copies."""

    key: str
    how: Literal["reupload", "cropped", "mirrored", "borderline"]


@dataclass(frozen=True)
class Broken:
    """A file no decoder can read (an interrupted download)."""


Recipe = Scene | CopyOf | Broken


@dataclass(frozen=True)
class Geo:
    name: str
    lat: float
    lng: float


def geo(
    town_name: str, spot: str | None = None, *, north_m: float = 60, east_m: float = -40
) -> Geo:
    """A geotag a few steps from the town core, named as Instagram place pages are."""
    place = town(town_name)
    name = f"{spot}, {place.called}" if spot else place.called
    return Geo(name, round(place.lat + north_m / 111_320, 5), round(place.lon + east_m / 70_200, 5))


@dataclass(frozen=True)
class Decision:
    """What the demo organiser decides on a post the rules left for review."""

    status: Literal["accepted", "rejected"]
    note: str


@dataclass(frozen=True)
class Planted:
    key: str  # stable name of the case; seeds and shortcodes derive from it
    username: str
    when: str  # local time in Europe/Berlin, "YYYY-MM-DD HH:MM"
    caption: str
    expect: tuple[str, ...] = ()  # reason codes the rules must give; () means accepted
    town: str | None = None  # the town the rules should resolve (gazetteer name)
    geotag: Geo | None = None
    photos: tuple[Recipe, ...] = (Scene(),)
    video: bool = False
    likes: int | None = None  # None: a modest count drawn from the key
    comments: tuple[str, ...] = ()  # the owner's own comments (instaloader --comments)
    decision: Decision | None = None  # the organiser's decision after review


def _caption(spot: str, town_name: str, why: str) -> str:
    return f"{spot} in {town(town_name).called}. {why} {CONTEST_TAGS}"


PLANTED: tuple[Planted, ...] = (
    # The four 2025 winners' motifs, by photographers living in those towns: likes put them on
    # the shortlist. The Meiningen one is a carousel (the first photo is the entry's image).
    Planted("winner-gotha", "tom.fotografiert", "2025-05-11 19:42",
            _caption("Obere Hauptmarkt", "Gotha", "Abendsonne auf den Giebeln, und der Brunnen "
                     "plätschert: der schönste Platz Thüringens."),
            town="Gotha", geotag=geo("Gotha", "Obere Hauptmarkt"), likes=1240),
    Planted("winner-meiningen", "jana_mit_kamera", "2025-05-24 08:15",
            _caption("Postgasse", "Meiningen", "Die kleine Gasse zwischen den Fachwerkhäusern "
                     "ist mein Weg zur Arbeit, jeden Tag ein Geschenk."),
            town="Meiningen", geotag=geo("Meiningen", "Postgasse"), likes=980,
            photos=(Scene(), Scene(SQUARE), Scene())),
    Planted("winner-zeulenroda", "zeulenroda_zuhause", "2025-06-01 10:03",
            _caption("Marktplatz", "Zeulenroda-Triebes", "Rathaus, Brunnen, Eiscafé: hier "
                     "schlägt das Herz unserer Stadt."),
            town="Zeulenroda-Triebes", geotag=geo("Zeulenroda-Triebes", "Marktplatz"), likes=870),
    Planted("winner-ilmenau", "frau_ilmenau", "2025-06-09 18:20",
            _caption("Ziegenbrunnen", "Ilmenau", "Die Ziegen am Brunnen kennt hier jedes Kind."),
            town="Ilmenau", geotag=geo("Ilmenau", "Ziegenbrunnen"), likes=760),
    # Period, at the edges: 5 May 00:07 Berlin is 4 May in UTC and still counts; 4 May 23:41
    # does not. 23 June 00:12 Berlin is 22 June in UTC and is too late.
    Planted("opening-minute", "hbn_marktplatz", "2025-05-05 00:07",
            _caption("Marktplatz", "Hildburghausen", "Die erste Minute des Wettbewerbs, der "
                     "Platz ganz leer."),
            town="Hildburghausen", geotag=geo("Hildburghausen", "Marktplatz")),
    Planted("before-opening", "lena.sieht.gotha", "2025-05-04 23:41",
            _caption("Buttermarkt", "Gotha", "Ich konnte nicht bis morgen warten!"),
            expect=("outside_period",), town="Gotha", geotag=geo("Gotha", "Buttermarkt")),
    Planted("closing-minute", "sondershausen_sieht", "2025-06-22 23:58",
            _caption("Am Schlossberg", "Sondershausen", "Auf den letzten Drücker, aber von "
                     "Herzen."),
            town="Sondershausen", geotag=geo("Sondershausen", "Am Schlossberg")),
    Planted("after-closing", "meininger_momente", "2025-06-23 00:12",
            _caption("Bleichgräben", "Meiningen", "Hoffentlich zählt das noch!"),
            expect=("outside_period",), town="Meiningen", geotag=geo("Meiningen", "Bleichgräben")),
    # A reel: videos are not entries, whatever else they get right.
    Planted("video", "wartburgblick_ea", "2025-05-20 17:30",
            _caption("Markt mit Georgenkirche", "Eisenach", "Als Reel, mit Glockengeläut."),
            expect=("not_a_photo",), town="Eisenach", video=True, photos=(Scene((720, 1280)),),
            geotag=geo("Eisenach", "Markt mit Georgenkirche")),
    # The contest account announcing the contest carries the hashtag too.
    Planted("contest-account", CONTEST_ACCOUNT, "2025-05-05 09:00",
            "Los geht's! Zeigt uns eure schönste Innenstadt-Ansicht in Thüringen: Foto posten, "
            "#ThüringenDownTown setzen und @downtownsnaps_th markieren. Mitmachen bis 22. Juni.",
            expect=("excluded_account",), photos=(Scene(SQUARE),), likes=310),
    # Five entries by one account: the first three count, the 4th and 5th are over the limit.
    *(
        Planted(f"over-limit-{n}", "pixelwanderer_th", when,
                _caption(spot, place, "Jede Woche eine neue Stadt, diese Woche diese hier."),
                expect=("over_entry_limit",) if n >= 3 else (), town=place,
                geotag=geo(place, spot))
        for n, (when, place, spot) in enumerate((
            ("2025-05-10 16:10", "Schmalkalden", "Altmarkt"),
            ("2025-05-17 16:11", "Suhl", "Steinweg"),
            ("2025-05-24 16:12", "Sonneberg", "Obere Marktstraße"),
            ("2025-05-31 16:13", "Hildburghausen", "Altes Rathaus"),
            ("2025-06-07 16:14", "Meiningen", "Georgstraße"),
        ))
    ),
    # The same photographer posts the same photo again (smaller, brighter, re-encoded).
    Planted("duplicate-original", "jens.knipst", "2025-05-12 12:30",
            _caption("Holzmarkt", "Arnstadt", "Mittagspause mit Aussicht."),
            town="Arnstadt", geotag=geo("Arnstadt", "Holzmarkt")),
    Planted("duplicate-again", "jens.knipst", "2025-05-14 20:05",
            _caption("Holzmarkt", "Arnstadt", "Nochmal, jetzt heller – gefällt mir besser!"),
            expect=("duplicate",), town="Arnstadt", geotag=geo("Arnstadt", "Holzmarkt"),
            photos=(CopyOf("duplicate-original", "reupload"),)),
    # Feature accounts repost someone else's photo: one cropped, one mirrored.
    Planted("repost-source", "lichtspiel_mhl", "2025-05-08 07:50",
            _caption("Untermarkt", "Mühlhausen", "Morgens ist der Untermarkt noch still."),
            town="Mühlhausen", geotag=geo("Mühlhausen", "Untermarkt"), likes=420),
    Planted("repost-cropped", "thueringen.entdecken", "2025-05-16 18:00",
            "Was für ein Morgen in Mühlhausen! 📸 @lichtspiel_mhl " + CONTEST_TAGS,
            expect=("duplicate_other_account",), town="Mühlhausen", likes=150,
            photos=(CopyOf("repost-source", "cropped"),)),
    Planted("repost-mirrored", "schoenes.thueringen", "2025-05-30 12:00",
            "Mühlhausen, einfach schön. " + CONTEST_TAGS,
            expect=("duplicate_other_account",), town="Mühlhausen", likes=95,
            photos=(CopyOf("repost-source", "mirrored"),)),
    # Two photographers at the same spot minutes apart: similar, not the same photo. A person
    # should look (possible_duplicate), the rules must not reject it; the organiser accepts it.
    Planted("borderline-first", "mila.mag.maerkte", "2025-05-18 10:12",
            _caption("Markt", "Altenburg", "Markttag in der Skatstadt."),
            town="Altenburg", geotag=geo("Altenburg", "Markt")),
    Planted("borderline-second", "kyffhaeuser_kiki", "2025-05-18 10:31",
            _caption("Markt", "Altenburg", "Zu Besuch und gleich verliebt."),
            expect=("possible_duplicate",), town="Altenburg", geotag=geo("Altenburg", "Markt"),
            photos=(CopyOf("borderline-first", "borderline"),),
            decision=Decision("accepted", "Eigenes Foto vom selben Platz, anderer Standort: "
                              "kein Duplikat.")),
    # Towns known to the gazetteer but not eligible: over 50,000 and under 5,000 inhabitants.
    Planted("big-town-erfurt", "arnstadt_analog", "2025-05-22 15:40",
            _caption("Krämerbrücke", "Erfurt", "Ein Abstecher in die Landeshauptstadt."),
            expect=("town_not_eligible",), town="Erfurt", geotag=geo("Erfurt", "Krämerbrücke")),
    Planted("big-town-jena", "apolda_abendrot", "2025-06-03 13:25",
            _caption("Eichplatz", "Jena", "Studentenstadt mit Charme."),
            expect=("town_not_eligible",), town="Jena"),
    Planted("small-town-ummerstadt", "hbn_marktplatz", "2025-06-14 11:05",
            _caption("Marktplatz", "Ummerstadt", "Die kleinste Stadt Thüringens hat den "
                     "größten Charme."),
            expect=("town_not_eligible",), town="Ummerstadt", geotag=geo("Ummerstadt")),
    # No town anywhere: neither geotag, nor town hashtag, nor town name.
    Planted("no-town", "studi_in_ilmenau", "2025-05-27 21:10",
            "Mein Lieblingsplatz in der Altstadt, gleich hinter dem Rathaus. " + CONTEST_TAGS,
            expect=("town_unknown",)),
    # Two towns named and no geotag to decide between them.
    Planted("two-towns", "rostbratwurst.und.fachwerk", "2025-06-05 14:45",
            "Gotha oder Arnstadt? Ich kann mich nicht entscheiden, beide Marktplätze sind "
            "traumhaft. " + CONTEST_TAGS,
            expect=("town_ambiguous",)),
    # Geotagged to Ilmenau, but taken on the Rennsteig about 7 km from the town core.
    Planted("far-from-centre", "frau_ilmenau", "2025-06-15 09:30",
            "Sonntagswanderung am Rennsteig oberhalb von Ilmenau. " + CONTEST_TAGS,
            expect=("not_town_centre",), town="Ilmenau", geotag=Geo("Ilmenau", 50.6550, 10.8300)),
    # An old phone's 480 x 600 picture, below the contest's minimum size.
    Planted("small-image", "spielzeugstadt_son", "2025-05-29 16:50",
            _caption("Marktplatz", "Sonneberg", "Mit meinem alten Handy, aber mit Liebe."),
            expect=("too_small",), town="Sonneberg", geotag=geo("Sonneberg", "Marktplatz"),
            photos=(Scene((480, 600)),)),
    # The image file is broken (download interrupted): a person must look at the post.
    Planted("broken-image", "opa_horst_knipst", "2025-06-07 11:11",
            _caption("Unteres Schloss", "Greiz", "Mein Enkel hat mir das Posten gezeigt."),
            expect=("image_unreadable",), town="Greiz", geotag=geo("Greiz", "Unteres Schloss"),
            photos=(Broken(),)),
    # A caption that says the picture was made with an image generator; the organiser rejects it.
    Planted("ai-image", "poessneck_pixel", "2025-06-11 22:00",
            _caption("Marktplatz mit Rathaus", "Pößneck", "So könnte es in 100 Jahren aussehen.")
            + " #aiart #midjourney",
            expect=("ai_suspected",), town="Pößneck",
            decision=Decision("rejected", "Laut Bildunterschrift mit Midjourney erzeugt: "
                              "KI-Bilder sind ausgeschlossen.")),
    # The contest hashtag only in the first comment (a common habit), not in the caption. The
    # organiser lets it count; the other review cases stay open for the demo's review queue.
    Planted("hashtag-in-comment", "eichsfeld_eyes", "2025-06-02 19:00",
            "Marktplatz in Heiligenstadt am Abend. @downtownsnaps_th",
            expect=("missing_hashtag",), town="Heilbad Heiligenstadt",
            geotag=geo("Heilbad Heiligenstadt", "Marktplatz"),
            comments=("#ThüringenDownTown #heiligenstadt #eichsfeld",),
            decision=Decision("accepted", "Hashtag im ersten Kommentar: Teilnahme war gewollt.")),
    # The hashtag is there, the contest account is not tagged.
    Planted("no-mention", "soemmerda.snaps", "2025-06-18 08:40",
            "Marktplatz in Sömmerda, frisch gefegt. #ThüringenDownTown #sömmerda",
            expect=("missing_mention",), town="Sömmerda", geotag=geo("Sömmerda", "Marktplatz")),
    # Town resolution, tricky but fine: a geotag outweighs another town in the caption ...
    Planted("geotag-wins", "jana_mit_kamera", "2025-06-12 18:05",
            "Fast so schön wie der Hauptmarkt in Gotha: unser Markt! " + CONTEST_TAGS,
            town="Meiningen", geotag=geo("Meiningen", "Marktplatz mit Stadtkirche")),
    # ... a town hashtag alone names the town (spaces and hyphens dropped) ...
    Planted("town-hashtag", "salzunger_sole", "2025-05-25 15:15",
            "Samstagmorgen auf dem Marktplatz. " + CONTEST_TAGS + " #ZeulenrodaTriebes",
            town="Zeulenroda-Triebes"),
    # ... as does its transliteration (oe for ö) ...
    Planted("transliterated-town", "schmoelln_love", "2025-06-06 12:00",
            "Unser kleiner Markt im Sonnenschein. " + CONTEST_TAGS + " #Schmoelln",
            town="Schmölln"),
    # ... "gerade" is not the town Gera (words match on word boundaries only) ...
    Planted("word-boundaries", "schmalkalden_shots", "2025-06-19 17:45",
            "Bin gerade durch Greiz geschlendert, der Kirchplatz ist ein Traum. " + CONTEST_TAGS,
            town="Greiz"),
    # ... and the hashtag's transliterated spelling is accepted too.
    Planted("transliterated-hashtag", "tom.fotografiert", "2025-06-20 20:20",
            "Wasserkunst in Gotha, Wasser marsch! #ThueringenDownTown @downtownsnaps_th",
            town="Gotha", geotag=geo("Gotha", "Wasserkunst")),
)  # fmt: skip

REJECT_REASONS = frozenset(
    {
        "outside_period",
        "not_a_photo",
        "excluded_account",
        "over_entry_limit",
        "duplicate",
        "town_not_eligible",
    }
)


def expected_status(expect: tuple[str, ...]) -> str:
    """The status the rules give a post with these reasons (issue 4's severity table)."""
    if any(code in REJECT_REASONS for code in expect):
        return "rejected"
    return "review" if expect else "accepted"


@dataclass(frozen=True)
class DemoLogin:
    """A demo account. The passwords are published in the README: demo use only."""

    username: str
    password: str
    role: Literal["organiser", "juror"]
    display_name: str


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("demo-veranstalter", "demo-veranstalter-2025", "organiser",
              "Demo-Veranstalterin (Bündnis Innenstädte mit Zukunft)"),
    DemoLogin("demo-jury-1", "demo-jury-1-2025", "juror", "Jurymitglied Fotografie (Demo)"),
    DemoLogin("demo-jury-2", "demo-jury-2-2025", "juror", "Jurymitglied Stadtplanung (Demo)"),
    DemoLogin("demo-jury-3", "demo-jury-3-2025", "juror", "Jurymitglied Handel (Demo)"),
)  # fmt: skip
