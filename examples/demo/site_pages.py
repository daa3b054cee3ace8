"""Texts of the site's own content pages for the demo.

"Om Strategi för hälsa" restates the seed documents; the other pages, and the accessibility
statement, describe this site itself.
"""

ABOUT_STRATEGY = {
    "slug": "om-strategi-for-halsa",
    "title": "Om Strategi för hälsa",
    "introduction": (
        "Strategi för hälsa är en långsiktig, gemensam strategi för kommuner och regioner. "
        "Den omfattar skola, socialtjänst, vård och omsorg samt hälso- och sjukvård."
    ),
    "paragraphs": [
        "<h2>Varför en strategi för hälsa</h2>"
        "<p>Strategi för hälsa är en av de prioriteringar som SKL:s kongress beslutade om 2015. "
        "Genom en långsiktig, gemensam strategi får medlemmarna ett gemensamt verktyg för att "
        "bättre kunna möta de utmaningar välfärdsverksamheterna står inför.</p>"
        "<p>Strategin innebär att skola, socialtjänst samt hälso- och sjukvård behöver ledas, "
        "styras och samordnas för att främja hälsa och förebygga ohälsa.</p>",
        "<h2>Hur strategin togs fram</h2>"
        "<p>Över 1 000 förtroendevalda och tjänstepersoner från kommuner, regioner och landsting "
        "var delaktiga från våren 2016. Våren 2017 hölls länsvisa workshoppar över hela Sverige, "
        "och i december 2017 beslutade SKL:s styrelse om strategin.</p>",
        "<h2>Tre målområden och 22 mål</h2>"
        "<p>Strategin har tre målområden: God och jämlik hälsa, God kvalitet samt Hållbart och "
        "uthålligt. Det finns 22 mål med indikatorer som har tagits fram tillsammans med kommuner "
        "och regioner. Målen kan mätas och följas upp lokalt, regionalt och nationellt.</p>",
        "<h2>Dialog med länen</h2>"
        "<p>SKR har fört dialog med länen i tre omgångar: regionala workshoppar 2017, "
        "länsdialoger 2020–2023 och uppföljande samtal 2023. Varje läns sida visar vilka "
        "dialoger som hållits där.</p>",
        "<h2>Dela goda exempel</h2>"
        "<p>Under workshopparna kom det fram många goda exempel. Exempel som taggas "
        "”strategiförhälsa” blir sökbara i strategins sammanhang.</p>",
    ],
    "show_in_menus": True,
    "show_in_footer": False,
}

ABOUT_SITE = {
    "slug": "om-webbplatsen",
    "title": "Om webbplatsen",
    "introduction": (
        "Goda exempel för hälsa samlar lokalt och regionalt arbete inom Strategi för hälsa, så "
        "att andra kan hitta det, lita på det och se hur långt det har kommit."
    ),
    "paragraphs": [
        "<h2>Vad du hittar här</h2>"
        "<p>Varje gott exempel beskriver vad som görs, i vilket län och vilka kommuner, för vilka "
        "målgrupper och inom vilka verksamhetsområden. Exemplet visar också vilket steg arbetet "
        "har nått, från planering till en del av länets ordinarie samverkansarbete, och vilka av "
        "strategins 22 mål det påverkar.</p>",
        "<h2>Stegen</h2>"
        "<p>Stegen kommer från SKR:s uppföljning av strategin: 1 Planering pågår; 2 Förändrade "
        "angreppssätt prövas; 3 Förändrade angreppssätt visar på förbättringar och införs i "
        "större skala; 4 Förbättrade angreppssätt prövas i större skala och införs som en del av "
        "länets ordinarie samverkansarbete. Varje gång ett exempel byter steg sparas det med "
        "datum.</p>",
        "<h2>Exemplen i demoversionen</h2>"
        "<p>Exemplen bygger på SKR:s presentation ”En samverkansresa för hälsa” (2023). De säger "
        "bara det som presentationen säger. Illustrationerna är abstrakta bilder som webbplatsen "
        "har ritat själv.</p>",
    ],
    "show_in_menus": False,
    "show_in_footer": True,
}

# Who runs the site and where visitors write are not in any seed document: these are
# placeholders, clearly marked on the pages, for the operator to replace in the admin
# (README, "Demo content").
OPERATOR_PLACEHOLDER = "[Ange organisationen som driver webbplatsen]"
CONTACT_EMAIL_PLACEHOLDER = "kontakt@organisationen.example"

# The date of the self-assessment the statement describes (the browser tests of that day).
ASSESSED_ON = "2026-12-01"

ACCESSIBILITY_STATEMENT = {
    "slug": "tillganglighetsredogorelse",
    "title": "Tillgänglighetsredogörelse",
    "organisation": OPERATOR_PLACEHOLDER,
    "service_name": "webbplatsen Goda exempel för hälsa",
    "compliance_status": "partial",
    "shortcomings": [
        {
            "description": (
                "Bilagor som medlemmar laddar upp till sina goda exempel (PDF, Word, Excel, "
                "PowerPoint och OpenDocument) kontrolleras inte för tillgänglighet innan de "
                "publiceras. De kan sakna rubrikstruktur, alternativtexter till bilder eller "
                "en dokumenttitel."
            ),
            "criteria": [
                "1.1.1 Icke-textuellt innehåll",
                "1.3.1 Information och relationer",
                "2.4.2 Sidrubrik",
            ],
            "remedy": (
                "Exemplets sida beskriver arbetet i text. Behöver du innehållet i en bilaga i "
                "en annan form, skriv till oss."
            ),
        }
    ],
    "alternative_access": (
        "<p>Om du inte kan ta del av något på webbplatsen, till exempel en bilaga till ett gott "
        "exempel, kan du be oss om innehållet i en annan form. Skriv vilket innehåll det gäller "
        "och hur du vill ha det.</p>"
    ),
    "contact_email": CONTACT_EMAIL_PLACEHOLDER,
    "out_of_scope": (
        "<p>Länkar till andra webbplatser, till exempel till en webbsändning av ett seminarium, "
        "leder till innehåll som inte är en del av den här webbplatsen. Det innehållet "
        "beskrivs i den webbplatsens egen tillgänglighetsredogörelse.</p>"
    ),
    "assessment_method": (
        "<p>Vi har gjort en självskattning (intern testning). Varje sidtyp på webbplatsen, "
        "bland annat startsidan, sökningen, de goda exemplen, seminarierna, kontakt- och "
        "kontosidorna och formuläret Dela med dig, granskas automatiskt med verktyget axe-core "
        "mot WCAG 2.1 nivå A och AA i webbläsaren Chromium varje gång webbplatsen ändras. De "
        "tre viktigaste flödena (bli medlem och dela ett exempel, söka och ladda ned en bilaga, "
        "granska ett exempel) testas dessutom med enbart tangentbord.</p>"
        "<p>Automatiska verktyg hittar inte alla brister. Webbplatsen har ännu inte testats med "
        "skärmläsare eller av användare med funktionsnedsättning.</p>"
    ),
    "assessment_date": ASSESSED_ON,
    "last_updated": ASSESSED_ON,
}

CONTACT = {
    "slug": "kontakt",
    "title": "Kontakt",
    "introduction": "Så når du dem som står bakom ett gott exempel, och oss som driver webbplatsen.",
    "paragraphs": [
        "<h2>Frågor om ett gott exempel</h2>"
        "<p>Varje gott exempel visar vilket län, vilka kommuner och vilka organisationer som står "
        "bakom det. Om den som har delat exemplet har samtyckt till det visar sidan också en "
        "kontaktperson med namn, roll och e-postadress.</p>",
        "<h2>Dela ett eget exempel</h2>"
        '<p><a href="/konto/signup/">Bli medlem</a> och använd sedan '
        '<a href="/dela/">Dela med dig</a>. En redaktör granskar exemplet innan det '
        "publiceras.</p>",
        "<h2>Synpunkter på webbplatsen</h2>"
        f"<p>Webbplatsen drivs av {OPERATOR_PLACEHOLDER}. Skriv till "
        f'<a href="mailto:{CONTACT_EMAIL_PLACEHOLDER}">{CONTACT_EMAIL_PLACEHOLDER}</a>. '
        "Hur tillgänglig webbplatsen är, och hur du rapporterar brister i tillgängligheten, "
        'står i <a href="/tillganglighetsredogorelse/">tillgänglighetsredogörelsen</a>.</p>',
    ],
    "show_in_menus": False,
    "show_in_footer": True,
}

PRIVACY = {
    "slug": "personuppgifter-och-kakor",
    "title": "Personuppgifter och kakor",
    "introduction": "Här beskriver vi vilka personuppgifter och kakor webbplatsen använder och varför.",
    "paragraphs": [
        "<h2>Kakor</h2>"
        "<p>Webbplatsen använder inga kakor för statistik eller marknadsföring och hämtar inget "
        "från andra webbplatser. Kakor sätts bara när de behövs för att en funktion ska fungera: "
        "en sessionskaka när du är inloggad och en säkerhetskaka (csrftoken) när du skickar ett "
        "formulär.</p>",
        "<h2>Personuppgifter</h2>"
        "<p>Ett gott exempel kan ha en kontaktperson med namn, roll och e-postadress. "
        "Kontaktuppgifterna visas bara om den som äger exemplet har samtyckt till det.</p>",
        "<h2>Vad vi sparar om dig som medlem, och varför</h2>"
        "<p>När du blir medlem sparar vi din e-postadress och ditt lösenord (krypterat) så att "
        "du kan logga in och få besked om granskningen av dina exempel, och när du gick med och "
        "senast loggade in. I profilen kan du lägga till namn, organisation, roll och län; de "
        "visas inte på webbplatsen. Ditt samtycke till att visa kontaktuppgifterna sparas med "
        "datum. Dina exempel sparas med alla versioner, så att redaktörerna kan granska dem.</p>",
        "<h2>Hur länge</h2>"
        "<p>Uppgifterna sparas så länge du har kvar ditt konto. Tar du tillbaka samtycket "
        "försvinner kontaktuppgifterna från dina publicerade exempel direkt.</p>",
        "<h2>Bevakningar</h2>"
        "<p>När du bevakar en sökning, ett län, ett mål, ett exempel eller ett seminarium sparar "
        "vi vad du bevakar, namnet du gav bevakningen, hur ofta du vill få mejl, när du började "
        "och när vi senast skickade en sammanfattning, och i 30 dagar vilka nyheter vi skickade. "
        "Som besökare utan konto sparar vi också din e-postadress och när vi skickade "
        "bekräftelsemejlet. Vi skickar ingenting innan du har bekräftat, och bekräftar du inte "
        "inom 7 dagar glöms adressen. Uppgifterna sparas tills du slutar bevaka, med länken i "
        "varje mejl (utan att logga in), eller raderar ditt konto. Som medlem finns dina "
        "bevakningar med när du laddar ned dina uppgifter.</p>",
        "<h2>Ladda ned och radera dina uppgifter</h2>"
        "<p>Under <strong>Dina uppgifter</strong> i din profil kan du ladda ned allt du har "
        "lämnat (konto, profil, samtycke och exempel) som en JSON-fil, och radera ditt konto. "
        "Då raderas kontot, profilen, e-postadresserna och samtycket, och du loggas ut "
        "överallt. Opublicerade exempel (utkast, under granskning eller återkallade) raderas. "
        "Publicerade exempel ligger kvar, eftersom de är en del av den gemensamma kunskapen, men "
        "utan ägare och utan kontaktpersonens namn, roll och e-postadress, både på sidan och i "
        "alla tidigare versioner. Sökningen uppdateras direkt efteråt.</p>",
        "<h2>Rapporter om att ni också har infört ett exempel</h2>"
        "<p>När du rapporterar att din organisation också har infört ett exempel sparar vi "
        "rapporten, dess steghistorik och den kontaktperson du anger. Kontaktpersonen visas "
        "bara om du har samtyckt till att andra får kontakta er; samtycket sparas med datum. "
        "Rapporterna ingår i JSON-filen under Dina uppgifter. Raderar du kontot raderas "
        "rapporter som inte är publicerade. Publicerade rapporter ligger kvar, eftersom de visar "
        "var arbetet görs, men utan koppling till dig och utan kontaktpersonens namn och "
        "e-postadress.</p>",
    ],
    "show_in_menus": False,
    "show_in_footer": True,
}

CONTENT_PAGES = [ABOUT_STRATEGY, ABOUT_SITE, CONTACT, PRIVACY]
