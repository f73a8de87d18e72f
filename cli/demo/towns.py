"""The towns the demo's photographers walk through, and the words they write about them.

Names, populations (31.12.2024) and town-core coordinates are copied from the Thuringian
gazetteer (`thuringia_towns.csv`, Destatis GV100AD and BKG VG250); the demo keeps its own copy so
it runs without the rules package's data. Favourite spots are real places in each centre.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoTown:
    name: str  # exactly the gazetteer's `name`
    population: int
    lat: float
    lon: float
    spots: tuple[str, ...]  # favourite spots in the town centre
    tag: str  # the town hashtag people add, without '#'
    label: str = ""  # how people write the town in captions and geotags, if not `name`

    @property
    def called(self) -> str:
        return self.label or self.name


# Eligible in 2025: population from 5,000 to 50,000. The first four are the 2025 winners' towns.
ELIGIBLE_TOWNS: tuple[DemoTown, ...] = (
    DemoTown("Gotha", 46400, 50.9488, 10.7034,
             ("Obere Hauptmarkt", "Hauptmarkt mit Rathaus", "Wasserkunst", "Buttermarkt"), "gotha"),
    DemoTown("Meiningen", 25002, 50.5678, 10.4154,
             ("Postgasse", "Marktplatz mit Stadtkirche", "Bleichgräben", "Georgstraße"),
             "meiningen"),
    DemoTown("Zeulenroda-Triebes", 15677, 50.6490, 11.9796,
             ("Marktplatz", "Rathaus am Markt", "Dreieinigkeitskirche"), "zeulenrodatriebes"),
    DemoTown("Ilmenau", 38834, 50.6860, 10.9156,
             ("Ziegenbrunnen", "Marktplatz mit Amtshaus", "Lindenstraße", "Stadtkirche"),
             "ilmenau"),
    DemoTown("Altenburg", 31093, 50.9872, 12.4373,
             ("Markt", "Brühl", "Rote Spitzen", "Topfmarkt"), "altenburg"),
    DemoTown("Apolda", 22787, 51.0254, 11.5174,
             ("Marktplatz", "Bahnhofstraße", "Lutherkirche"), "apolda"),
    DemoTown("Arnstadt", 28615, 50.8333, 10.9465,
             ("Holzmarkt", "Marktplatz mit Bachdenkmal", "Riedplatz", "Bachkirche"), "arnstadt"),
    DemoTown("Bad Langensalza", 16717, 51.1068, 10.6498,
             ("Marktstraße", "Rathaus", "Marktkirche St. Bonifacius"), "badlangensalza"),
    DemoTown("Bad Salzungen", 22557, 50.8117, 10.2320,
             ("Am Gradierwerk", "Marktplatz", "Ratsstraße"), "badsalzungen"),
    DemoTown("Eisenach", 40747, 50.9773, 10.3224,
             ("Markt mit Georgenkirche", "Karlsplatz", "Lutherhaus", "Nikolaitor"), "eisenach"),
    DemoTown("Greiz", 19766, 50.6547, 12.2015,
             ("Unteres Schloss", "Marktplatz", "Kirchplatz"), "greiz"),
    DemoTown("Heilbad Heiligenstadt", 18230, 51.3785, 10.1380,
             ("Marktplatz", "Wilhelmstraße", "Lindenallee"), "heiligenstadt", "Heiligenstadt"),
    DemoTown("Mühlhausen", 36353, 51.2098, 10.4584,
             ("Untermarkt", "Obermarkt", "Steinweg", "Kornmarkt"), "mühlhausen"),
    DemoTown("Nordhausen", 40767, 51.5004, 10.7916,
             ("Rathaus mit Roland", "Lutherplatz", "Petersberg"), "nordhausen"),
    DemoTown("Rudolstadt", 24852, 50.7216, 11.3436,
             ("Markt", "Schillerstraße", "Stadtkirche St. Andreas"), "rudolstadt"),
    DemoTown("Saalfeld/Saale", 29086, 50.6476, 11.3614,
             ("Marktplatz mit Rathaus", "Saaltor", "Johanniskirche"), "saalfeld", "Saalfeld"),
    DemoTown("Schmalkalden", 19323, 50.7226, 10.4516,
             ("Altmarkt", "Lutherhaus", "Steingasse"), "schmalkalden"),
    DemoTown("Schmölln", 13542, 50.8953, 12.3540, ("Markt", "Amtsplatz"), "schmölln"),
    DemoTown("Sondershausen", 20910, 51.3705, 10.8698,
             ("Marktplatz", "Am Schlossberg"), "sondershausen"),
    DemoTown("Sonneberg", 22843, 50.3576, 11.1757,
             ("Marktplatz", "Obere Marktstraße"), "sonneberg"),
    DemoTown("Sömmerda", 18503, 51.1594, 11.1190, ("Marktplatz", "Rathaus"), "sömmerda"),
    DemoTown("Suhl", 34685, 50.6095, 10.6869,
             ("Steinweg", "Marktplatz mit Waffenschmied"), "suhl"),
    DemoTown("Hildburghausen", 11632, 50.4256, 10.7290,
             ("Marktplatz", "Altes Rathaus"), "hildburghausen"),
    DemoTown("Pößneck", 11960, 50.6935, 11.5932,
             ("Marktplatz mit Rathaus", "Breite Straße"), "pößneck"),
    DemoTown("Bad Frankenhausen", 9715, 51.3573, 11.1007,
             ("Anger", "Schiefer Turm", "Markt"), "badfrankenhausen"),
)  # fmt: skip

# Known to the gazetteer but not eligible: too big (over 50,000) or too small (under 5,000).
ERFURT = DemoTown("Erfurt", 218793, 50.9771, 11.0272, ("Krämerbrücke", "Domplatz"), "erfurt")
JENA = DemoTown("Jena", 109725, 50.9301, 11.5918, ("Eichplatz", "Johannisplatz"), "jena")
UMMERSTADT = DemoTown("Ummerstadt", 455, 50.2592, 10.8111, ("Marktplatz",), "ummerstadt")

TOWNS_BY_NAME = {town.name: town for town in (*ELIGIBLE_TOWNS, ERFURT, JENA, UMMERSTADT)}


def town(name: str) -> DemoTown:
    return TOWNS_BY_NAME[name]


# Why this is the most beautiful downtown view: the short text the call for entries asked for.
# No town names in here: the rules read town names from captions.
REASONS_WHY: tuple[str, ...] = (
    "Morgens um sieben, wenn die Stadt noch schläft, gehört der Platz ganz mir.",
    "Die bunten Fassaden leuchten hier in der Abendsonne wie nirgends sonst.",
    "Hier trifft sich die ganze Stadt – zum Markt, zum Eis, zum Plausch.",
    "Seit meiner Kindheit mein Lieblingsort, und er wird immer schöner.",
    "Fachwerk, Kopfsteinpflaster und ein Brunnen: mehr Innenstadt geht nicht.",
    "Samstags Markttag, sonntags Ruhe – dieser Platz kann beides.",
    "Nach dem Regen glänzt das Pflaster, dann ist es hier am schönsten.",
    "Kaffee in der Hand, Blick aufs Rathaus: so fühlt sich Heimat an.",
    "Jedes Haus erzählt hier seine eigene Geschichte.",
    "Die blaue Stunde macht aus der Altstadt eine Bühne.",
    "Hier sieht man, wie lebendig eine kleine Innenstadt sein kann.",
    "Zwischen den alten Giebeln vergisst man die Zeit.",
    "Wer sagt, dass Kleinstädte langweilig sind? Genau hier ist was los.",
    "Frisch saniert und trotzdem voller Charme.",
    "Der Blick zum Kirchturm hinauf hat mich jedes Mal wieder.",
)

# Caption shapes seen in the 2025 feed. Every one names the contest hashtag (in one of its
# spellings), the contest account, the spot, and the town by name or by town hashtag.
CAPTION_TEMPLATES: tuple[str, ...] = (
    "{spot} in {town} 💛 {why}\n\n#ThüringenDownTown @downtownsnaps_th #{tag} #thüringen "
    "#innenstadt",
    "Mein Lieblingsplatz: {spot}, {town}. {why} #ThüringenDownTown @downtownsnaps_th",
    "Für @downtownsnaps_th: {spot} – {why} 📷 #ThüringenDownTown #{tag} #altstadt",
    "{why} Darum ist {spot} in {town} für mich der schönste Blick in die Innenstadt.\n"
    "@downtownsnaps_th #thüringendowntown #{tag}",
    "Downtown {town}! {spot}. {why} #ThueringenDownTown @downtownsnaps_th #visitthuringia",
)

# How Instagram geotags read: a place page for the town, or for a spot in it.
GEOTAG_NAMES: tuple[str, ...] = ("{town}", "{spot}, {town}", "{town}, Thüringen", "Altstadt {town}")
