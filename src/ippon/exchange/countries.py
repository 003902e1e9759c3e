"""Countries as IOC codes (GER, NED, JPN), from what an entry list writes.

Entry lists carry the IOC code, an ISO code (DE, DEU) or a name in the organiser's language
("Deutschland", "Pays-Bas"). Lookup ignores case, accents, spaces and punctuation.

    >>> ioc_code("Pays-Bas"), ioc_code("deu"), ioc_code("JPN")
    ('NED', 'GER', 'JPN')
"""

from __future__ import annotations

import unicodedata

__all__ = ["COUNTRIES", "ioc_code", "normalise"]

# IOC | ISO 3166 alpha-2 | alpha-3 | English name | other names (English variants, de, fr, es,
# own); a line with only the IOC code and names adds names.
_TABLE = """
AFG|AF|AFG|Afghanistan|
ALB|AL|ALB|Albania|Albanien;Albanie
ALG|DZ|DZA|Algeria|Algerien;Algérie;Argelia
AND|AD|AND|Andorra|Andorre
ANG|AO|AGO|Angola|
ANT|AG|ATG|Antigua and Barbuda|
ARG|AR|ARG|Argentina|Argentinien;Argentine
ARM|AM|ARM|Armenia|Armenien;Arménie
ARU|AW|ABW|Aruba|
ASA|AS|ASM|American Samoa|
AUS|AU|AUS|Australia|Australien;Australie
AUT|AT|AUT|Austria|Österreich;Autriche
AZE|AZ|AZE|Azerbaijan|Aserbaidschan;Azerbaïdjan;Azerbaiyán
BAH|BS|BHS|Bahamas|
BAN|BD|BGD|Bangladesh|
BAR|BB|BRB|Barbados|
BDI|BI|BDI|Burundi|
BEL|BE|BEL|Belgium|Belgien;Belgique;Bélgica;België
BEN|BJ|BEN|Benin|Bénin
BER|BM|BMU|Bermuda|
BHU|BT|BTN|Bhutan|
BIH|BA|BIH|Bosnia and Herzegovina|Bosnia;Bosnien und Herzegowina;Bosnie-Herzégovine
BIZ|BZ|BLZ|Belize|
BLR|BY|BLR|Belarus|Weißrussland;Biélorussie;Bielorrusia
BOL|BO|BOL|Bolivia|Bolivien;Bolivie
BOT|BW|BWA|Botswana|
BRA|BR|BRA|Brazil|Brasilien;Brésil;Brasil
BRN|BH|BHR|Bahrain|
BRU|BN|BRN|Brunei|Brunei Darussalam
BUL|BG|BGR|Bulgaria|Bulgarien;Bulgarie
BUR|BF|BFA|Burkina Faso|
CAF|CF|CAF|Central African Republic|
CAM|KH|KHM|Cambodia|Kambodscha;Cambodge
CAN|CA|CAN|Canada|Kanada
CAY|KY|CYM|Cayman Islands|
CGO|CG|COG|Congo|Republic of the Congo
CHA|TD|TCD|Chad|Tschad;Tchad
CHI|CL|CHL|Chile|Chili
CHN|CN|CHN|China|People's Republic of China;Chine
CIV|CI|CIV|Côte d'Ivoire|Ivory Coast;Elfenbeinküste
CMR|CM|CMR|Cameroon|Kamerun;Cameroun;Camerún
COD|CD|COD|DR Congo|Democratic Republic of the Congo;Congo DR;RD Congo
COK|CK|COK|Cook Islands|
COL|CO|COL|Colombia|Kolumbien;Colombie
COM|KM|COM|Comoros|
CPV|CV|CPV|Cabo Verde|Cape Verde
CRC|CR|CRI|Costa Rica|
CRO|HR|HRV|Croatia|Kroatien;Croatie;Croacia;Hrvatska
CUB|CU|CUB|Cuba|Kuba
CYP|CY|CYP|Cyprus|Zypern;Chypre;Chipre
CZE|CZ|CZE|Czechia|Czech Republic;Tschechien;Tschechische Republik;République tchèque;Chequia;Česko
DEN|DK|DNK|Denmark|Dänemark;Danemark;Dinamarca;Danmark
DJI|DJ|DJI|Djibouti|
DMA|DM|DMA|Dominica|
DOM|DO|DOM|Dominican Republic|Dominikanische Republik;République dominicaine;República Dominicana
ECU|EC|ECU|Ecuador|Équateur
EGY|EG|EGY|Egypt|Ägypten;Égypte;Egipto
ERI|ER|ERI|Eritrea|
ESA|SV|SLV|El Salvador|
ESP|ES|ESP|Spain|Spanien;Espagne;España
EST|EE|EST|Estonia|Estland;Estonie;Eesti
ETH|ET|ETH|Ethiopia|Äthiopien;Éthiopie
FIJ|FJ|FJI|Fiji|
FIN|FI|FIN|Finland|Finnland;Finlande;Finlandia;Suomi
FRA|FR|FRA|France|Frankreich;Francia
FSM|FM|FSM|Micronesia|
GAB|GA|GAB|Gabon|
GAM|GM|GMB|Gambia|
GBR|GB|GBR|Great Britain|United Kingdom;UK;Britain;England;Scotland;Wales;Northern Ireland
GBR||||Großbritannien;Vereinigtes Königreich;Grande-Bretagne;Royaume-Uni;Reino Unido
GBS|GW|GNB|Guinea-Bissau|
GEO|GE|GEO|Georgia|Georgien;Géorgie
GEQ|GQ|GNQ|Equatorial Guinea|
GER|DE|DEU|Germany|Deutschland;Allemagne;Alemania
GHA|GH|GHA|Ghana|
GRE|GR|GRC|Greece|Griechenland;Grèce;Grecia
GRN|GD|GRD|Grenada|
GUA|GT|GTM|Guatemala|
GUI|GN|GIN|Guinea|
GUM|GU|GUM|Guam|
GUY|GY|GUY|Guyana|
HAI|HT|HTI|Haiti|
HKG|HK|HKG|Hong Kong|Hong Kong, China
HON|HN|HND|Honduras|
HUN|HU|HUN|Hungary|Ungarn;Hongrie;Hungría;Magyarország
INA|ID|IDN|Indonesia|Indonesien;Indonésie
IND|IN|IND|India|Indien;Inde
IRI|IR|IRN|Iran|Islamic Republic of Iran;Iran, Islamic Republic of
IRL|IE|IRL|Ireland|Irland;Irlande;Irlanda
IRQ|IQ|IRQ|Iraq|Irak
ISL|IS|ISL|Iceland|Island;Islande;Islandia
ISR|IL|ISR|Israel|Israël
ISV|VI|VIR|Virgin Islands|US Virgin Islands
ITA|IT|ITA|Italy|Italien;Italie;Italia
IVB|VG|VGB|British Virgin Islands|
JAM|JM|JAM|Jamaica|Jamaika;Jamaïque
JOR|JO|JOR|Jordan|Jordanien;Jordanie
JPN|JP|JPN|Japan|Japon;Japón;Nippon
KAZ|KZ|KAZ|Kazakhstan|Kasachstan;Kazajistán
KEN|KE|KEN|Kenya|Kenia
KGZ|KG|KGZ|Kyrgyzstan|Kirgisistan;Kirghizistan
KIR|KI|KIR|Kiribati|
KOR|KR|KOR|Korea|South Korea;Republic of Korea;Korea, Republic of;Südkorea;Corée du Sud
KOR||||Corea del Sur
KOS|XK|XKX|Kosovo|
KSA|SA|SAU|Saudi Arabia|Saudi-Arabien;Arabie saoudite;Arabia Saudita
KUW|KW|KWT|Kuwait|
LAO|LA|LAO|Laos|
LAT|LV|LVA|Latvia|Lettland;Lettonie;Letonia;Latvija
LBA|LY|LBY|Libya|Libyen;Libye
LBN|LB|LBN|Lebanon|Libanon;Liban;Líbano
LBR|LR|LBR|Liberia|
LCA|LC|LCA|Saint Lucia|
LES|LS|LSO|Lesotho|
LIE|LI|LIE|Liechtenstein|
LTU|LT|LTU|Lithuania|Litauen;Lituanie;Lituania;Lietuva
LUX|LU|LUX|Luxembourg|Luxemburg;Luxemburgo
MAD|MG|MDG|Madagascar|Madagaskar
MAR|MA|MAR|Morocco|Marokko;Maroc;Marruecos
MAS|MY|MYS|Malaysia|Malaisie;Malasia
MAW|MW|MWI|Malawi|
MDA|MD|MDA|Moldova|Republic of Moldova;Moldawien;Moldau;Moldavie
MDV|MV|MDV|Maldives|
MEX|MX|MEX|Mexico|Mexiko;Mexique;México
MGL|MN|MNG|Mongolia|Mongolei;Mongolie
MHL|MH|MHL|Marshall Islands|
MKD|MK|MKD|North Macedonia|Macedonia;Nordmazedonien;Macédoine du Nord
MLI|ML|MLI|Mali|
MLT|MT|MLT|Malta|Malte
MNE|ME|MNE|Montenegro|Monténégro
MON|MC|MCO|Monaco|
MOZ|MZ|MOZ|Mozambique|Mosambik
MRI|MU|MUS|Mauritius|Maurice
MTN|MR|MRT|Mauritania|Mauretanien;Mauritanie
MYA|MM|MMR|Myanmar|Burma
NAM|NA|NAM|Namibia|Namibie
NCA|NI|NIC|Nicaragua|
NED|NL|NLD|Netherlands|The Netherlands;Holland;Niederlande;Pays-Bas;Países Bajos;Nederland
NEP|NP|NPL|Nepal|Népal
NGR|NG|NGA|Nigeria|Nigéria
NIG|NE|NER|Niger|
NOR|NO|NOR|Norway|Norwegen;Norvège;Noruega;Norge
NRU|NR|NRU|Nauru|
NZL|NZ|NZL|New Zealand|Neuseeland;Nouvelle-Zélande;Nueva Zelanda
OMA|OM|OMN|Oman|
PAK|PK|PAK|Pakistan|
PAN|PA|PAN|Panama|Panamá
PAR|PY|PRY|Paraguay|
PER|PE|PER|Peru|Pérou;Perú
PHI|PH|PHL|Philippines|Philippinen;Filipinas
PLE|PS|PSE|Palestine|Palästina
PLW|PW|PLW|Palau|
PNG|PG|PNG|Papua New Guinea|
POL|PL|POL|Poland|Polen;Pologne;Polonia;Polska
POR|PT|PRT|Portugal|
PRK|KP|PRK|North Korea|DPR Korea;Democratic People's Republic of Korea;Nordkorea;Corée du Nord
PUR|PR|PRI|Puerto Rico|
QAT|QA|QAT|Qatar|Katar
ROU|RO|ROU|Romania|Rumänien;Roumanie;Rumania;România
RSA|ZA|ZAF|South Africa|Südafrika;Afrique du Sud;Sudáfrica
RUS|RU|RUS|Russia|Russian Federation;Russland;Russie;Rusia
RWA|RW|RWA|Rwanda|Ruanda
SAM|WS|WSM|Samoa|
SEN|SN|SEN|Senegal|Sénégal
SEY|SC|SYC|Seychelles|
SGP|SG|SGP|Singapore|Singapur;Singapour
SKN|KN|KNA|Saint Kitts and Nevis|
SLE|SL|SLE|Sierra Leone|
SLO|SI|SVN|Slovenia|Slowenien;Slovénie;Eslovenia;Slovenija
SMR|SM|SMR|San Marino|Saint-Marin
SOL|SB|SLB|Solomon Islands|
SOM|SO|SOM|Somalia|Somalie
SRB|RS|SRB|Serbia|Serbien;Serbie;Srbija
SRI|LK|LKA|Sri Lanka|
SSD|SS|SSD|South Sudan|
STP|ST|STP|São Tomé and Príncipe|Sao Tome and Principe
SUD|SD|SDN|Sudan|Soudan
SUI|CH|CHE|Switzerland|Schweiz;Suisse;Suiza;Svizzera
SUR|SR|SUR|Suriname|
SVK|SK|SVK|Slovakia|Slowakei;Slovaquie;Eslovaquia;Slovensko
SWE|SE|SWE|Sweden|Schweden;Suède;Suecia;Sverige
SWZ|SZ|SWZ|Eswatini|Swaziland
SYR|SY|SYR|Syria|Syrien;Syrie;Siria
TAN|TZ|TZA|Tanzania|Tansania;Tanzanie
TGA|TO|TON|Tonga|
THA|TH|THA|Thailand|Thaïlande;Tailandia
TJK|TJ|TJK|Tajikistan|Tadschikistan;Tadjikistan
TKM|TM|TKM|Turkmenistan|
TLS|TL|TLS|Timor-Leste|East Timor
TOG|TG|TGO|Togo|
TPE|TW|TWN|Chinese Taipei|Taiwan
TTO|TT|TTO|Trinidad and Tobago|
TUN|TN|TUN|Tunisia|Tunesien;Tunisie;Túnez
TUR|TR|TUR|Türkiye|Turkey;Türkei;Turquie;Turquía
TUV|TV|TUV|Tuvalu|
UAE|AE|ARE|United Arab Emirates|Vereinigte Arabische Emirate;Émirats arabes unis
UGA|UG|UGA|Uganda|Ouganda
UKR|UA|UKR|Ukraine|Ucrania;Україна
URU|UY|URY|Uruguay|
USA|US|USA|United States|United States of America;Vereinigte Staaten;États-Unis;Estados Unidos
UZB|UZ|UZB|Uzbekistan|Usbekistan;Ouzbékistan;Uzbekistán
VAN|VU|VUT|Vanuatu|
VEN|VE|VEN|Venezuela|
VIE|VN|VNM|Vietnam|Viet Nam
VIN|VC|VCT|Saint Vincent and the Grenadines|
YEM|YE|YEM|Yemen|Jemen
ZAM|ZM|ZMB|Zambia|Sambia;Zambie
ZIM|ZW|ZWE|Zimbabwe|Simbabwe
"""


def normalise(text: str) -> str:
    """Case, accents, spaces and punctuation removed: 'Côte d'Ivoire' -> 'cotedivoire'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _load() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    lookup: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        ioc, iso2, iso3, name, others = line.split("|")
        if name:
            names[ioc] = name
        for key in (iso2, iso3, name, *others.split(";")):
            if key:
                lookup.setdefault(normalise(key), ioc)
        # The IOC code wins over an ISO code that happens to spell another country's IOC code.
        lookup[normalise(ioc)] = ioc
    return names, lookup


COUNTRIES, _LOOKUP = _load()
"""IOC code -> English name, for every National Olympic Committee."""


def ioc_code(text: str) -> str | None:
    """The IOC code for an IOC or ISO code or a country name; None if it is none of them."""
    return _LOOKUP.get(normalise(text))
