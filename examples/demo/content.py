"""Demo content for load_demo_content: every good example the seed documents name.

Written only from facts in ../shared/seeds/ (mainly 003_636c4f7c21734c00.txt, SKR 2023).

Notes for reviewers:
- Where the seeds only name an example (HLT-team, Cresco+, seniorhälsovårdsprogram,
  Vivalla, ofrivillig ensamhet 65+, Allaktivitetshusen), the texts are deliberately short
  and the stage is the most conservative one the context supports (2).
- No example has a start or end year in the seeds, so all years are None.
- target_areas are a classification: where the seeds do not say which welfare area an
  example belongs to, the area is taken from the example's own name (e.g. "elevhälsocentral"
  -> skola, "första linjen" -> hälso- och sjukvård) or, failing that, "folkhalsa", since the
  presentation treats all examples as health-promoting and preventive work.
- Target groups for Cross and Cresco+ ("vuxna") come from the seminar they are presented at
  ("Seminarium 2: Vuxenlivet"); the seeds say nothing else about whom they serve.
"""

SOURCE = (
    "SKR, En samverkansresa för hälsa – summering och avstamp, "
    "Strategi för hälsa 2017–2023 (presentation, 2023)"
)

# Stage ladder, worded exactly as in the seed presentation
# ("Prövas och införs hälsofrämjande och förebyggande angreppssätt i större skala i länet?").
STAGES = {
    1: "Planering pågår",
    2: "Förändrade angreppssätt prövas",
    3: "Förändrade angreppssätt visar på förbättringar och införs i större skala",
    4: (
        "Förbättrade angreppssätt prövas i större skala och införs som en del av "
        "länets ordinarie samverkansarbete"
    ),
}

# The 22 goals in the seed's order (section "22 indikatorer och mål").
# 1–9 God och jämlik hälsa, 10–18 God kvalitet, 19–22 Hållbart och uthålligt.
GOALS = {
    1: "Färre små barn ska utsättas för tobaksrök i hemmet",
    2: "Färre 3-åriga barn ska ha karies",
    3: "Fler elever i årskurs 9 ska vara behöriga till gymnasiet",
    4: "Fler gymnasieelever ska ta examen",
    5: "Fler barn som varit placerade ska som 20-åringar ha avslutat treårigt gymnasium",
    6: (
        "Fler nyanlända i arbete eller studier 90 dagar efter etableringsuppdraget "
        "(öka med minst 7 procentenheter)"
    ),
    7: "Minska andelen unga som varken studerar eller arbetar",
    8: (
        "Minska andelen som har en stillasittande fritid "
        "(nu heter den stillasittande mer än 7 timmar per dag)"
    ),
    9: "Minska antalet äldre som drabbas av fallskador",
    10: "Fler elever ska känna sig trygga i skolan",
    11: "Fler elever ska känna att de får hjälp i skolan när de behöver det",
    12: "Fler elever ska känna att skolarbetet gör dem så nyfikna att de får lust att lära sig mer",
    13: (
        "Fler brukare i hemtjänsten och äldreomsorgen ska ha en positiv upplevelse kring "
        "bemötande, förtroende och trygghet"
    ),
    14: (
        "Fler brukare i individ- och familjeomsorgen ska uppleva en förbättrad situation "
        "efter kontakt med Socialtjänsten"
    ),
    15: (
        "Fler brukare inom funktionshinderområdet ska uppleva att de får bestämma om saker "
        "som är viktiga för dem i sin dagliga verksamhet"
    ),
    16: "Fler patienter ska uppleva bättre kvalitet vad avser kontinuitet och koordinering",
    17: "Fler patienter ska uppleva bättre kvalitet vad avser respekt och bemötande",
    18: (
        "Fler patienter ska uppleva bättre kvalitet vad avser emotionellt stöd; att "
        "personalen/behandlaren var aktiv och lyhörd, tillgänglig och stödjande"
    ),
    19: "Medellivslängden ska öka över tid, skillnader mellan olika grupper ska minska",
    20: "Färre barn och unga ska leva i ekonomiskt utsatta hushåll",
    21: "Fler personer i åldrarna 16-84 år ska uppge att de upplever en god hälsa",
    22: "Fler personer i åldrarna 16-84 år ska uppge att de litar på andra människor",
}

# Recurring wording, so that every example describes its place in the presentation the same way.
_FROM_PILOT = (
    "SKR lyfter fram arbetet som ett exempel på hur ett arbetssätt kan gå "
    "”från lyckat prövande till införande i större skala”."
)
_JORDNARA = (
    "I SKR:s presentation är det ett av tre exempel på ”jordnära samverkan”, tillsammans med "
    "{others}. Presentationen berättar inte mer om arbetet."
)
_SEMINAR_STAGE_BASIS = (
    "Presentationen nämner det bara i programmet för seminariet ”{seminar}”, som handlar om hur "
    "lokala piloter når framgång och införs brett i ett län; eftersom den inte säger hur långt "
    "arbetet har kommit anges här det försiktigaste steget, att arbetssättet prövas."
)
_JORDNARA_STAGE_BASIS = (
    "Presentationen nämner arbetet bara som ett exempel på ”jordnära samverkan” och säger inte "
    "hur långt det har kommit, så här anges det försiktigaste steget, att arbetssättet prövas."
)

EXAMPLES = [
    {
        "slug": "barnsakert-blekinge",
        "title": "BarnSäkert",
        "summary": (
            "BarnSäkert är ett strukturerat sätt att upptäcka psykosociala riskfaktorer som hänger "
            "ihop med att barn far illa, och att erbjuda hjälp. Arbetet började som lokala piloter "
            "och breddinförs nu i Blekinge län."
        ),
        "body": [
            "BarnSäkert Blekinge är ett strukturerat sätt att identifiera psykosociala "
            "riskfaktorer som är kopplade till att barn far illa, och att erbjuda hjälp till "
            "åtgärd.",
            "Arbetet genomfördes först som lokala piloter. Nu breddinförs det i Blekinge län.",
            _FROM_PILOT + " BarnSäkert finns också med i programmet för seminariet "
            "”Livet som barn och ungdom”.",
        ],
        "county": "10",
        "municipalities": [],
        "organisations": [],
        "target_areas": ["socialtjanst"],
        "target_groups": ["barn-och-unga"],
        "stage": 3,
        "stage_basis": (
            "Presentationen säger att BarnSäkert ”genomfördes som lokala piloter och breddinförs "
            "i Blekinge län”."
        ),
        "goals": [],
        "tags": [
            "strategiförhälsa",
            "barn som far illa",
            "psykosociala riskfaktorer",
            "breddinförande",
        ],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i mörkblått och ljusblått",
        "palette": ("#1f4e79", "#8fb8de"),
    },
    {
        "slug": "aldremottagningar-uppsala-lan",
        "title": "Äldremottagningar i Uppsala län",
        "summary": (
            "Uppsala län har ett samlat koncept för äldremottagningar. Det började på ett antal "
            "vårdcentraler och införs nu i hela länet."
        ),
        "body": [
            "I Uppsala län finns ett samlat koncept för äldremottagningar. Arbetet började via ett "
            "antal vårdcentraler och införs nu i hela länet.",
            _FROM_PILOT,
        ],
        "county": "03",
        "municipalities": [],
        "organisations": [],
        "target_areas": ["halso-och-sjukvard"],
        "target_groups": ["aldre"],
        "stage": 3,
        "stage_basis": (
            "Presentationen säger att konceptet ”började via ett antal vårdcentraler och införs nu "
            "i hela länet”."
        ),
        "goals": [],
        "tags": ["strategiförhälsa", "äldremottagning", "vårdcentral", "äldre"],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i vinrött och laxrosa",
        "palette": ("#7a2e3a", "#f0b7a4"),
    },
    {
        "slug": "geografiskt-halsouppdrag-uppsala-lan",
        "title": "Geografiskt hälsouppdrag till vårdcentraler",
        "summary": (
            "I Uppsala län får vårdcentraler ett geografiskt hälsouppdrag för att samordna "
            "hälsofrämjande insatser. Uppdraget testades först i Gottsunda och Tierp."
        ),
        "body": [
            "Ett geografiskt hälsouppdrag till vårdcentraler ska samordna hälsofrämjande insatser. "
            "Uppdraget testades först i Gottsunda och Tierp.",
            "Enligt SKR:s presentation gäller samma tillvägagångssätt som för länets "
            "äldremottagningar, som började på ett antal vårdcentraler och nu införs i hela länet.",
        ],
        "county": "03",
        "municipalities": ["0380", "0360"],
        "organisations": [],
        "target_areas": ["halso-och-sjukvard", "folkhalsa"],
        "target_groups": [],
        "stage": 3,
        "stage_basis": (
            "Presentationen säger att uppdraget ”testades först i Gottsunda och Tierp” och att "
            "”samma tillvägagångssätt” gäller som för äldremottagningarna, som ”införs nu i hela "
            "länet”."
        ),
        "goals": [],
        "tags": ["strategiförhälsa", "hälsouppdrag", "vårdcentral", "hälsofrämjande"],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i mörkgrönt och ljusgrönt",
        "palette": ("#2f5d3a", "#a8d5a2"),
    },
    {
        "slug": "halsocenter-och-familjecentraler-jonkopings-lan",
        "title": "Lokala hälsocenter och familjecentraler",
        "summary": (
            "Jönköpings län har skalat upp lokala hälsocenter och familjecentraler. Nu finns "
            "länsgemensamma överenskommelser som grund för verksamheten i samtliga kommuner."
        ),
        "body": [
            "I Jönköpings län har lokala hälsocenter och familjecentraler skalats upp. SKR kallar "
            "uppskalningen framgångsrik.",
            "Nu finns länsgemensamma överenskommelser som är grund för verksamhet i samtliga "
            "kommuner i länet.",
            "Familjecentralerna finns med i programmet för seminariet ”Livet som barn och "
            "ungdom”, tillsammans med länets pilot med en elevhälsocentral.",
        ],
        "county": "06",
        "municipalities": [],
        "organisations": [],
        "target_areas": ["folkhalsa"],
        "target_groups": ["barn-och-unga"],
        "stage": 4,
        "stage_basis": (
            "Presentationen säger att det efter ”framgångsrik uppskalning” nu finns "
            "”länsgemensamma överenskommelser som grund för verksamhet i samtliga kommuner”."
        ),
        "goals": [],
        "tags": [
            "strategiförhälsa",
            "familjecentral",
            "hälsocenter",
            "länsgemensam överenskommelse",
        ],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i rostbrunt och solgult",
        "palette": ("#8a4b08", "#f6c667"),
    },
    {
        "slug": "pilot-elevhalsocentral-jonkopings-lan",
        "title": "Pilot med elevhälsocentral",
        "summary": (
            "Jönköpings län har en pilot med en elevhälsocentral. SKR:s presentation nämner den "
            "bara vid namn."
        ),
        "body": [
            "Jönköpings län har en pilot med en elevhälsocentral.",
            "Piloten finns med i programmet för seminariet ”Livet som barn och ungdom”, "
            "tillsammans med länets familjecentraler. Presentationen berättar inte mer om hur "
            "elevhälsocentralen arbetar.",
        ],
        "county": "06",
        "municipalities": [],
        "organisations": [],
        "target_areas": ["skola"],
        "target_groups": ["barn-och-unga"],
        "stage": 2,
        "stage_basis": (
            "Presentationen kallar det en ”pilot elevhälsocentral”, alltså ett arbetssätt som prövas."
        ),
        "goals": [],
        "tags": ["strategiförhälsa", "elevhälsa", "pilot"],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i mörklila och ljuslila",
        "palette": ("#3d2c6b", "#b9a7e3"),
    },
    {
        "slug": "sexit-jamtland",
        "title": "SEXIT",
        "summary": (
            "Genom metoden SEXIT har Jämtland nu ett gemensamt och systematiskt sätt att fråga "
            "elever i skolan om våld och sexuell hälsa."
        ),
        "body": [
            "I Jämtland har man arbetat med metoden SEXIT. Genom det arbetet finns nu ett "
            "gemensamt och systematiskt sätt att ställa frågor till eleverna i skolan om våld och "
            "om sexuell hälsa.",
            _FROM_PILOT + " Jämtlands län och SEXIT finns också med i programmet för seminariet "
            "”Livet som barn och ungdom”.",
        ],
        "county": "23",
        "municipalities": [],
        "organisations": [],
        "target_areas": ["skola"],
        "target_groups": ["barn-och-unga"],
        "stage": 3,
        "stage_basis": (
            "Presentationen tar upp SEXIT bland exemplen ”från lyckat prövande till införande i "
            "större skala” och säger att det nu finns ”ett gemensamt och systematiskt sätt” att "
            "ställa frågorna i skolan."
        ),
        "goals": [],
        "tags": ["strategiförhälsa", "sexuell hälsa", "våld", "elevhälsa"],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": (
            "Om länets utvecklingsarbete i stort, inte bara SEXIT, säger Jämtland i presentationen: "
            "”Mötesplatser är viktiga. Vi är bra på att skapa forum där vi bjuder in brett "
            "oavsett vilken verksamhet som har genomfört ett utvecklingsarbete. Principen är att "
            "det ska finnas en dragningskraft att lära av andra.”"
        ),
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i petroleumblått och ljusturkos",
        "palette": ("#0f5e63", "#8fd3cf"),
    },
    {
        "slug": "forebyggande-hembesok-79-aringar-kalmar-lan",
        "title": "Förebyggande hembesök till 79-åringar",
        "summary": (
            "Kalmar läns förebyggande hembesök till 79-åringar visar goda resultat efter "
            "genomförandet i Kalmar och på Öland. Arbetet har fått gemensam långsiktig finansiering "
            "och följs av Linnéuniversitetet."
        ),
        "body": [
            "Kalmar län har förebyggande hembesök till 79-åringar. Hembesöken har genomförts i "
            "Kalmar och på Öland.",
            "En gemensam långsiktig finansiering har lagts, och Linnéuniversitetet följer arbetet.",
            _FROM_PILOT + " Hembesöken finns också med i programmet för seminariet ”Vuxenlivet”.",
        ],
        "county": "08",
        "municipalities": ["0880", "0885", "0840"],
        "organisations": [
            {"name": "Linnéuniversitetet", "kind": "universitet", "role": "partner"},
        ],
        "target_areas": ["folkhalsa"],
        "target_groups": ["aldre"],
        "stage": 4,
        "stage_basis": (
            "Presentationen säger att hembesöken ”visar goda resultat efter genomförandet i Kalmar "
            "och på Öland” och att ”en gemensam långsiktig finansiering har lagts”."
        ),
        "goals": [],
        "tags": ["strategiförhälsa", "förebyggande hembesök", "äldre", "långsiktig finansiering"],
        "start_year": None,
        "end_year": None,
        "results": (
            "Enligt SKR:s presentation visar hembesöken goda resultat efter genomförandet i Kalmar "
            "och på Öland. Presentationen säger inte vilka resultaten är eller hur de har mätts."
        ),
        "lessons": (
            "Om hur nya arbetssätt införs i hela länet, inte bara hembesöken, säger Kalmar län i "
            "presentationen: ”Tillräckligt många behöver se nyttan för att införandet ska bli "
            "möjligt. Vi ser en tipping-point för införande i hela länet när nya arbetssätt har "
            "testats tillräckligt i olika lokala förutsättningar.”"
        ),
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i mörkbrunt och sandfärg",
        "palette": ("#5b3a1e", "#e8c9a0"),
    },
    {
        "slug": "forsta-linjen-unga-gotland",
        "title": "Första linjen för ungas psykiska hälsa – Gotland",
        "summary": (
            "Gotland har prövat och infört ett samlat arbetssätt i första linjen för att stödja "
            "ungas psykiska hälsa."
        ),
        "body": [
            "Gotland har prövat och infört ett samlat arbetssätt i första linjen för att stödja "
            "ungas psykiska hälsa.",
            "Enligt SKR:s presentation är Gotland och Värmland två av fler län som har gjort det. "
            "Presentationen beskriver inte arbetssättet närmare.",
        ],
        "county": "09",
        "municipalities": ["0980"],
        "organisations": [],
        "target_areas": ["halso-och-sjukvard"],
        "target_groups": ["barn-och-unga"],
        "stage": 3,
        "stage_basis": (
            "Presentationen säger att Gotland och Värmland ”har prövat och infört ett samlat "
            "arbetssätt i första linjen” och tar upp det bland exemplen på införande i större skala."
        ),
        "goals": [],
        "tags": ["strategiförhälsa", "psykisk hälsa", "första linjen", "unga"],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i marinblått och orange",
        "palette": ("#1b3a5c", "#f2a65a"),
    },
    {
        "slug": "forsta-linjen-unga-varmland",
        "title": "Första linjen för ungas psykiska hälsa – Värmland",
        "summary": (
            "Värmland har prövat och infört ett samlat arbetssätt i första linjen för att stödja "
            "ungas psykiska hälsa."
        ),
        "body": [
            "Värmland har prövat och infört ett samlat arbetssätt i första linjen för att stödja "
            "ungas psykiska hälsa.",
            "Enligt SKR:s presentation är Gotland och Värmland två av fler län som har gjort det. "
            "Presentationen beskriver inte arbetssättet närmare.",
        ],
        "county": "17",
        "municipalities": [],
        "organisations": [],
        "target_areas": ["halso-och-sjukvard"],
        "target_groups": ["barn-och-unga"],
        "stage": 3,
        "stage_basis": (
            "Presentationen säger att Gotland och Värmland ”har prövat och infört ett samlat "
            "arbetssätt i första linjen” och tar upp det bland exemplen på införande i större skala."
        ),
        "goals": [],
        "tags": ["strategiförhälsa", "psykisk hälsa", "första linjen", "unga"],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i plommonlila och rosa",
        "palette": ("#6b1d4a", "#f3a7c8"),
    },
    {
        "slug": "cross-orebro-lan",
        "title": "Cross i Örebro län",
        "summary": (
            "Med Cross har Örebro län byggt en gemensam struktur för samverkan mellan "
            "civilsamhället och det offentliga. Arbetet började som pilot i Karlskoga, och nu "
            "ingår sex kommuner."
        ),
        "body": [
            "Cross är en samverkansmodell för samverkan med civilsamhället. Genom Cross har Örebro "
            "län byggt en gemensam struktur för samverkan mellan civilsamhället och det offentliga.",
            "Arbetet började som en pilot i Karlskoga. Nu ingår sex kommuner.",
            _FROM_PILOT + " Cross finns också med i programmet för seminariet ”Vuxenlivet”.",
        ],
        "county": "18",
        "municipalities": ["1883"],
        "organisations": [],
        "target_areas": ["civilsamhalle"],
        "target_groups": ["vuxna"],
        "stage": 3,
        "stage_basis": (
            "Presentationen säger att arbetet ”gick från pilot i Karlskoga till att det nu är sex "
            "kommuner som ingår”."
        ),
        "goals": [],
        "tags": ["strategiförhälsa", "civilsamhälle", "samverkansmodell", "uppskalning"],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i skogsgrönt och gult",
        "palette": ("#264d2b", "#f4d35e"),
    },
    {
        "slug": "barn-med-overvikt-vastmanland",
        "title": "Samverkan för barn med övervikt",
        "summary": (
            "I Västmanland går samverkan för barn med övervikt från projekt till gemensamma flöden "
            "mellan primärvården, barnhälsovården, hälsocenter, familjecentrum och barnkliniken."
        ),
        "body": [
            "Samverkan för barn med övervikt i Västmanland går från projekt till etablering av "
            "gemensamma flöden.",
            "Flödena rör primärvården, barnhälsovården, hälsocenter, familjecentrum och "
            "barnkliniken.",
            _FROM_PILOT,
        ],
        "county": "19",
        "municipalities": [],
        "organisations": [],
        "target_areas": ["halso-och-sjukvard"],
        "target_groups": ["barn-och-unga"],
        "stage": 3,
        "stage_basis": (
            "Presentationen säger att samverkan ”går från projekt till etablering av gemensamma "
            "flöden” och tar upp den bland exemplen på införande i större skala."
        ),
        "goals": [],
        "tags": ["strategiförhälsa", "övervikt", "barnhälsovård", "gemensamma flöden"],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i djupblått och aprikos",
        "palette": ("#004f6e", "#ffd6a5"),
    },
    {
        "slug": "seniorhalsovardsprogram-vastmanland",
        "title": "Seniorhälsovårdsprogram",
        "summary": (
            "Västmanland har ett seniorhälsovårdsprogram. SKR:s presentation nämner det bara vid namn."
        ),
        "body": [
            "Västmanland finns med i programmet för seminariet ”Vuxenlivet” med sitt "
            "seniorhälsovårdsprogram. Seminarierna handlar om vad som gör att lokala piloter når "
            "framgång och införs brett i ett län.",
            "Presentationen berättar inte mer om programmet.",
        ],
        "county": "19",
        "municipalities": [],
        "organisations": [],
        "target_areas": ["halso-och-sjukvard"],
        "target_groups": ["aldre"],
        "stage": 2,
        "stage_basis": _SEMINAR_STAGE_BASIS.format(seminar="Vuxenlivet"),
        "goals": [],
        "tags": ["strategiförhälsa", "seniorhälsovård", "äldre"],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i grafitgrått och mintgrönt",
        "palette": ("#3b3b3b", "#9ed8c6"),
    },
    {
        "slug": "proaktiv-halsostyrning-gavleborg",
        "title": "Proaktiv hälsostyrning och fallprevention",
        "summary": (
            "Gävleborgs län arbetar länsgemensamt med en modell för proaktiv hälsostyrning där "
            "fallprevention ingår. SKR beskriver det som ett system av insatser."
        ),
        "body": [
            "I Gävleborgs län finns ett länsgemensamt arbete med en modell för proaktiv "
            "hälsostyrning. Fallprevention är en del av modellen. Arbetet innebär att man "
            "kartlägger personens situation och gör åtgärder i samråd, för att bibehålla hälsa "
            "och förebygga ohälsa och vårdbehov.",
            "Hälsocentralerna har i uppdrag att arbeta enligt modellen, som en del i Hälsovalet "
            "Region Gävleborg.",
            "Kommunerna och hälsocentralerna samverkar direkt. Biståndshandläggare och kommunens "
            "hemtjänst uppmärksammar när någon behöver insatser.",
            "I hemsjukvården, på särskilda boenden och i primärvården används kvalitetsregistret "
            "Senior alert för att arbeta systematiskt med förebyggande insatser.",
        ],
        "county": "21",
        "municipalities": [],
        "organisations": [
            {"name": "Region Gävleborg", "kind": "region", "role": "owner"},
            {"name": "Kommunerna i Gävleborgs län", "kind": "kommun", "role": "owner"},
        ],
        "target_areas": ["halso-och-sjukvard", "vard-och-omsorg", "socialtjanst"],
        "target_groups": ["aldre"],
        "stage": 4,
        "stage_basis": (
            "Presentationen beskriver ett ”läns-gemensamt arbete” där hälsocentralerna har uppdrag "
            "att arbeta enligt modellen ”som en del i Hälsovalet Region Gävleborg”, alltså inom "
            "länets ordinarie strukturer."
        ),
        "goals": [9],
        "tags": ["strategiförhälsa", "fallprevention", "proaktiv hälsostyrning", "senior alert"],
        "start_year": None,
        "end_year": None,
        "results": (
            "SKR:s presentation visar statistik från Kolada om fallskador bland personer 80 år och "
            "äldre åren 2013 och 2017, räknat per 100 000 invånare. Region Gävleborg hade den "
            "lägsta andelen båda åren, och andelen minskade med cirka 1 200 fall per 100 000 "
            "invånare. Presentationen räknar också ut att om alla län fick ner fallskadorna till "
            "samma nivå som Gävleborgs län skulle cirka 13 700 fall undvikas, och att teoretiskt "
            "1,1 miljard kronor skulle kunna sparas i den slutna somatiska vården. Presentationen "
            "visar siffrorna före beskrivningen av Gävleborgs arbetssätt, men säger inte hur stor "
            "del av minskningen som beror på arbetssättet."
        ),
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i tegelrött och ljusgult",
        "palette": ("#7b2d26", "#f7d08a"),
    },
    {
        "slug": "salutsatsningen-vasterbotten",
        "title": "Salutsatsningen",
        "summary": (
            "Salutsatsningen i Västerbotten är, med SKR:s ord, ”ett befolkningsprogram som gör "
            "skillnad”."
        ),
        "body": [
            "Salutsatsningen är ett befolkningsprogram i Västerbotten. SKR kallar det "
            "”ett befolkningsprogram som gör skillnad”.",
            "Presentationen beskriver inte hur programmet är uppbyggt.",
        ],
        "county": "24",
        "municipalities": [],
        "organisations": [],
        "target_areas": ["folkhalsa"],
        "target_groups": ["barn-och-unga"],
        "stage": 3,
        "stage_basis": (
            "Presentationen kallar Salut ”ett befolkningsprogram som gör skillnad” och visar "
            "preliminära resultat, men säger inget om hur arbetet är förankrat i länets ordinarie "
            "samverkan."
        ),
        "goals": [],
        "tags": ["strategiförhälsa", "befolkningsprogram", "övervikt", "barn"],
        "start_year": None,
        "end_year": None,
        "results": (
            "Presentationen visar ett diagram över övervikt och fetma hos fyraåringar i "
            "Västerbotten 2007–2019. Diagrammet bygger på preliminära resultat från "
            "Kompetenscentrum för mödra- och barnhälsovård, Region Västerbotten. Siffrorna i "
            "diagrammet återges inte här."
        ),
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i skifferblått och ljusgrönt",
        "palette": ("#2b4162", "#c5e0b4"),
    },
    {
        "slug": "hlt-team-vasterbotten",
        "title": "HLT-team (Hälsa, Lärande, Trygghet)",
        "summary": (
            "Västerbottens län har HLT-team, där HLT står för Hälsa, Lärande, Trygghet. SKR:s "
            "presentation nämner dem bara vid namn."
        ),
        "body": [
            "HLT står för Hälsa, Lärande, Trygghet. Västerbottens län finns med i programmet för "
            "seminariet ”Livet som barn och ungdom” med sina HLT-team.",
            "Presentationen berättar inte mer om hur teamen arbetar.",
        ],
        "county": "24",
        "municipalities": [],
        "organisations": [],
        "target_areas": ["skola"],
        "target_groups": ["barn-och-unga"],
        "stage": 2,
        "stage_basis": _SEMINAR_STAGE_BASIS.format(seminar="Livet som barn och ungdom"),
        "goals": [],
        "tags": ["strategiförhälsa", "hälsa", "lärande", "trygghet"],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i lila och gult",
        "palette": ("#5c2a7a", "#f9c74f"),
    },
    {
        "slug": "cresco-plus-skaraborg",
        "title": "Cresco+",
        "summary": (
            "Cresco+ är ett exempel från samordningsförbundet i Skaraborg i Västra Götaland. "
            "SKR:s presentation nämner det bara vid namn."
        ),
        "body": [
            "Skaraborg i Västra Götaland finns med i programmet för seminariet ”Vuxenlivet” med "
            "Cresco+. Som presentatör anges samordningsförbundet.",
            "Presentationen berättar inte mer om arbetet.",
        ],
        "county": "14",
        "municipalities": [],
        "organisations": [
            {
                "name": "Samordningsförbundet i Skaraborg",
                "kind": "samordningsforbund",
                "role": "partner",
            },
        ],
        "target_areas": ["folkhalsa"],
        "target_groups": ["vuxna"],
        "stage": 2,
        "stage_basis": _SEMINAR_STAGE_BASIS.format(seminar="Vuxenlivet"),
        "goals": [],
        "tags": ["strategiförhälsa", "samordningsförbund", "samverkan"],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i marinblått och ljust blågrönt",
        "palette": ("#1d3557", "#a8dadc"),
    },
    {
        "slug": "naromradesutveckling-vivalla",
        "title": "Närområdesutveckling i Vivalla",
        "summary": (
            "Närområdesutveckling i Vivalla i Örebro är ett av SKR:s exempel på jordnära samverkan."
        ),
        "body": [
            _JORDNARA.format(
                others="samverkan för att minska ofrivillig ensamhet hos 65+ i Skaraborg och "
                "Allaktivitetshusen i Malmö"
            ),
        ],
        "county": "18",
        "municipalities": ["1880"],
        "organisations": [],
        "target_areas": ["folkhalsa"],
        "target_groups": [],
        "stage": 2,
        "stage_basis": _JORDNARA_STAGE_BASIS,
        "goals": [],
        "tags": ["strategiförhälsa", "närområdesutveckling", "jordnära samverkan"],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i brunt och ljusorange",
        "palette": ("#6d4c41", "#ffcc80"),
    },
    {
        "slug": "ofrivillig-ensamhet-65-skaraborg",
        "title": "Samverkan för att minska ofrivillig ensamhet hos 65+",
        "summary": (
            "I Skaraborg samverkar man för att minska ofrivillig ensamhet hos personer som är 65 år "
            "eller äldre. Det är ett av SKR:s exempel på jordnära samverkan."
        ),
        "body": [
            _JORDNARA.format(
                others="närområdesutveckling i Vivalla i Örebro och Allaktivitetshusen i Malmö"
            ),
        ],
        "county": "14",
        "municipalities": [],
        "organisations": [],
        "target_areas": ["folkhalsa"],
        "target_groups": ["aldre"],
        "stage": 2,
        "stage_basis": _JORDNARA_STAGE_BASIS,
        "goals": [],
        "tags": ["strategiförhälsa", "ofrivillig ensamhet", "äldre", "jordnära samverkan"],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i blågrått och korall",
        "palette": ("#37474f", "#ffab91"),
    },
    {
        "slug": "allaktivitetshusen-malmo",
        "title": "Allaktivitetshusen i Malmö",
        "summary": "Allaktivitetshusen i Malmö är ett av SKR:s exempel på jordnära samverkan.",
        "body": [
            _JORDNARA.format(
                others="närområdesutveckling i Vivalla i Örebro och samverkan för att minska "
                "ofrivillig ensamhet hos 65+ i Skaraborg"
            ),
        ],
        "county": "12",
        "municipalities": ["1280"],
        "organisations": [],
        "target_areas": ["fritid"],
        "target_groups": [],
        "stage": 2,
        "stage_basis": _JORDNARA_STAGE_BASIS,
        "goals": [],
        "tags": ["strategiförhälsa", "allaktivitetshus", "mötesplats", "jordnära samverkan"],
        "start_year": None,
        "end_year": None,
        "results": "",
        "lessons": "",
        "transfer": "",
        "image_alt": "Abstrakt illustration med geometriska former i mörkt blågrönt och citrongult",
        "palette": ("#00695c", "#fff59d"),
    },
]

# The seed slide "Strategi och verkstad för hälsa" gives only "7 feb" and "8 feb".
# The year 2024 is inferred: the presentation is from autumn 2023 and announces a follow-up
# workshop on 1 February 2024.
_SEMINAR_INTRO = [
    "Seminariet är ett av två under rubriken ”Strategi och verkstad för hälsa” i SKR:s arbete "
    "med Strategi för hälsa.",
    "Frågan är vilka komponenter som gör att lokala piloter når framgång och införs brett i ett "
    "län. Fokus ligger på strategier och verkstad i ett länsperspektiv.",
]

SEMINARS = [
    {
        "slug": "seminarium-1-livet-som-barn-och-ungdom",
        "title": "Seminarium 1: Livet som barn och ungdom",
        "date": "2024-02-07",  # year inferred, see comment above
        "start": "14:00",
        "end": "16:00",
        "theme": "barn-och-unga",
        "introduction": _SEMINAR_INTRO + ["Temat för seminariet är livet som barn och ungdom."],
        "items": [
            ("barnsakert-blekinge", "Blekinge"),
            ("halsocenter-och-familjecentraler-jonkopings-lan", "Jönköpings län"),
            ("pilot-elevhalsocentral-jonkopings-lan", "Jönköpings län"),
            ("hlt-team-vasterbotten", "Västerbottens län"),
            ("sexit-jamtland", "Jämtlands län"),
        ],
    },
    {
        "slug": "seminarium-2-vuxenlivet",
        "title": "Seminarium 2: Vuxenlivet",
        "date": "2024-02-08",  # year inferred, see comment above
        "start": "14:00",
        "end": "16:00",
        "theme": "vuxna",
        "introduction": _SEMINAR_INTRO + ["Temat för seminariet är vuxenlivet."],
        "items": [
            ("cross-orebro-lan", "Örebro län"),
            ("cresco-plus-skaraborg", "Skaraborg/Västra Götaland (samordningsförbundet)"),
            ("forebyggande-hembesok-79-aringar-kalmar-lan", "Kalmar län"),
            ("seniorhalsovardsprogram-vastmanland", "Västmanland"),
        ],
    },
]
