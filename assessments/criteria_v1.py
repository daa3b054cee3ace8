"""The site's first version of the assessment criteria, written for this site.

Eight groups, as the issue lists them; each criterion is a question an assessor can answer
from what an example page says, and guidance on what to look for. Loaded by migration 0002.
"""

VALID_FROM = "2026-12-01"
INTRODUCTION = (
    "Ett bedömt exempel har granskats av en eller två bedömare mot kriterierna nedan. Bedömningen "
    "visar vad exemplet redovisar, inte om arbetet passar just din verksamhet. Varje kriterium "
    "bedöms som uppfyllt, delvis uppfyllt, inte uppfyllt eller inte bedömt, med en kort "
    "motivering."
)

CRITERIA = [
    (
        "Relevans och behov",
        "Beskrivet behov",
        "Beskriver exemplet vilket behov eller problem arbetet svarar mot, och för vilka?",
        "Titta efter en beskrivning av utgångsläget: vad man såg, hur man visste det (till "
        "exempel statistik, kartläggning eller dialog) och vilka som berördes.",
    ),
    (
        "Relevans och behov",
        "Koppling till Strategi för hälsa",
        "Är det tydligt vilka av strategins mål arbetet bidrar till och hur?",
        "Målen ska vara valda med en förklaring i texten, inte bara markerade.",
    ),
    (
        "Utformning och förändringsteori",
        "Tydliga mål och logik",
        "Finns mätbara eller konkreta mål och en rimlig beskrivning av varför insatserna "
        "väntas leda dit?",
        "Se efter om aktiviteter, förväntade resultat och mål hänger ihop. Hänvisning till "
        "kunskap eller erfarenhet som arbetet bygger på räknas.",
    ),
    (
        "Målgruppens delaktighet och jämlikhet",
        "Målgruppens delaktighet",
        "Har målgruppen varit med och påverkat hur arbetet utformats eller genomförts?",
        "Exempel: dialoger, referensgrupper, brukarråd eller medskapande. Beskriv vad som "
        "faktiskt påverkades.",
    ),
    (
        "Målgruppens delaktighet och jämlikhet",
        "Jämlikhet",
        "Tar arbetet hänsyn till skillnader i hälsa och når det de grupper som har störst behov?",
        "Titta efter hur grupper med sämre förutsättningar nås och om arbetet kan öka "
        "skillnader oavsiktligt.",
    ),
    (
        "Genomförande och resurser",
        "Genomförande och resurser",
        "Beskrivs hur arbetet genomfördes, vilka resurser det krävde och vilka hinder som fanns?",
        "Personal, tid, kostnader, kompetens och organisation. Ärlighet om svårigheter är en "
        "styrka.",
    ),
    (
        "Uppföljning och resultat",
        "Uppföljning",
        "Har arbetet följts upp på ett sätt som passar dess storlek och mål?",
        "Vilka mått, hur ofta och av vem. Även en enkel, regelbunden uppföljning räknas.",
    ),
    (
        "Uppföljning och resultat",
        "Redovisade resultat",
        "Redovisar exemplet resultat, och skiljer det mellan vad som mätts och vad som antas?",
        "Resultat kan vara effekter för målgruppen, förändrade arbetssätt eller lärdomar. "
        "Uteblivna resultat ska också redovisas.",
    ),
    (
        "Etik",
        "Etiska överväganden",
        "Har arbetet hanterat etiska frågor som samtycke, integritet och risk för skada?",
        "Särskilt viktigt när arbetet rör barn, personuppgifter eller utsatta grupper.",
    ),
    (
        "Hållbarhet och överförbarhet",
        "Hållbarhet över tid",
        "Finns en plan för att arbetet ska leva vidare efter projekttid eller särskild "
        "finansiering?",
        "Titta efter ordinarie budget, ansvar i linjen eller beslut om fortsättning.",
    ),
    (
        "Hållbarhet och överförbarhet",
        "Överförbarhet",
        "Kan andra kommuner eller regioner införa arbetet utifrån det som beskrivs?",
        "Förutsättningar, anpassningar och kontaktvägar ska framgå. Material som bilagor räknas.",
    ),
    (
        "Samverkan mellan sektorer",
        "Samverkan",
        "Bygger arbetet på samverkan mellan verksamheter, sektorer eller med civilsamhället?",
        "Vilka parter, vilka roller och hur samverkan organiserades.",
    ),
]
