//! Every class of figure in every language the default rules read, on sentences written for
//! the purpose: recall per language and per class. `cargo test recall_per_language --
//! --nocapture` prints the table docs/languages.md gives.

use crate::config::Config;
use crate::date::Date;
use crate::extract::{Attribution, Extractor, Figure, FigureKind, Qualifier};
use crate::text::{Document, PlainLines, TitleMode};

/// (language, class, sentence, what must be found). The expectation is a kind and a value,
/// then any of: a unit or currency, a measure id, a qualifier (`>=`, `<=`, `~`). Dates are
/// `date YYYY-MM-DD`, `month YYYY-MM`, `year YYYY`; a sentence's attribution is `named` or
/// `anonymous`.
const CASES: &[(&str, &str, &str, &str)] = &[
    // ---- Spanish --------------------------------------------------------------------------
    (
        "es",
        "digits",
        "El censo registra 1.500 personas desplazadas.",
        "count 1500",
    ),
    (
        "es",
        "digits",
        "Organizaron 40 000 raciones de comida.",
        "count 40000",
    ),
    (
        "es",
        "digits",
        "La ciudad tiene 2.345.678 habitantes.",
        "count 2345678 population",
    ),
    (
        "es",
        "digits",
        "Se vendieron 1\u{a0}250 entradas.",
        "count 1250",
    ),
    (
        "es",
        "decimals",
        "La inflación subió un 3,2 % en marzo.",
        "percent 3.2",
    ),
    (
        "es",
        "decimals",
        "El río creció 1,75 metros en una noche.",
        "count 1.75",
    ),
    (
        "es",
        "words",
        "Murieron veintitrés mineros en el derrumbe.",
        "count 23 deaths",
    ),
    (
        "es",
        "words",
        "Llegaron doscientos cuarenta voluntarios.",
        "count 240",
    ),
    (
        "es",
        "words",
        "Hubo treinta y dos heridos en el choque.",
        "count 32 injured",
    ),
    (
        "es",
        "words",
        "El hospital atendió a quince niños.",
        "count 15",
    ),
    (
        "es",
        "scales",
        "El plan beneficia a dos millones de familias.",
        "count 2000000",
    ),
    (
        "es",
        "scales",
        "La región perdió 2,5 millones de árboles.",
        "count 2500000",
    ),
    (
        "es",
        "scales",
        "Asistieron tres mil personas al acto.",
        "count 3000",
    ),
    (
        "es",
        "money",
        "El rescate costará 40.000 millones de US$.",
        "money 40000000000 USD",
    ),
    (
        "es",
        "money",
        "La multa asciende a 12,5 millones de euros.",
        "money 12500000 EUR",
    ),
    (
        "es",
        "money",
        "Pagó US$ 3 millones por el terreno.",
        "money 3000000 USD",
    ),
    (
        "es",
        "money",
        "El presupuesto es de mil millones de dólares.",
        "money 1000000000 USD",
    ),
    ("es", "money", "Cada entrada cuesta 25 €.", "money 25 EUR"),
    (
        "es",
        "percent",
        "El paro bajó al 12,5 %.",
        "percent 12.5 share",
    ),
    (
        "es",
        "percent",
        "El 30 por ciento de los votos fue nulo.",
        "percent 30",
    ),
    (
        "es",
        "dates",
        "El sismo ocurrió el 1 de marzo de 2008.",
        "date 2008-03-01",
    ),
    (
        "es",
        "dates",
        "La huelga empezó el 14 de noviembre.",
        "date 2025-11-14",
    ),
    (
        "es",
        "dates",
        "La ley se aprobó en marzo de 2010.",
        "month 2010-03",
    ),
    ("es", "dates", "La empresa cerró en 2019.", "year 2019"),
    (
        "es",
        "dates",
        "El acuerdo se firmó el 03/11/2015.",
        "date 2015-11-03",
    ),
    (
        "es",
        "durations",
        "La sequía duró tres años.",
        "duration 3 year",
    ),
    (
        "es",
        "durations",
        "Estuvo detenido 18 meses.",
        "duration 18 month",
    ),
    (
        "es",
        "durations",
        "El apagón duró seis horas.",
        "duration 6 hour",
    ),
    (
        "es",
        "hedges",
        "Al menos 40 personas murieron en el ataque.",
        "count >=40 deaths",
    ),
    (
        "es",
        "hedges",
        "Unos 300 manifestantes cortaron la calle.",
        "count ~300 protesters",
    ),
    (
        "es",
        "hedges",
        "Más de 1.000 vecinos fueron evacuados.",
        "count >=1000",
    ),
    (
        "es",
        "hedges",
        "Casi 50 detenidos pasaron la noche en comisaría.",
        "count <=50 arrests",
    ),
    (
        "es",
        "measures",
        "La policía detuvo a 12 sospechosos.",
        "count 12 arrests",
    ),
    (
        "es",
        "measures",
        "El naufragio dejó 9 desaparecidos.",
        "count 9 missing",
    ),
    (
        "es",
        "measures",
        "Hay 4.000 desplazados en los albergues.",
        "count 4000 displaced",
    ),
    (
        "es",
        "measures",
        "El avión llevaba 239 pasajeros.",
        "count 239 passengers",
    ),
    (
        "es",
        "attribution",
        "Según la policía, 14 personas murieron.",
        "named",
    ),
    (
        "es",
        "attribution",
        "El ministro dijo que la cifra era 14.",
        "named",
    ),
    (
        "es",
        "attribution",
        "Fuentes diplomáticas indicaron que habrá acuerdo.",
        "anonymous",
    ),
    (
        "es",
        "attribution",
        "Un alto funcionario aseguró que no habrá cambios.",
        "anonymous",
    ),
    // ---- French ---------------------------------------------------------------------------
    (
        "fr",
        "digits",
        "Le séisme a fait 1 500 morts.",
        "count 1500 deaths",
    ),
    (
        "fr",
        "digits",
        "On compte 1\u{202f}200 sinistrés.",
        "count 1200 displaced",
    ),
    (
        "fr",
        "digits",
        "La commune compte 12.300 habitants.",
        "count 12300 population",
    ),
    (
        "fr",
        "decimals",
        "Le chômage atteint 7,4 % au troisième trimestre.",
        "percent 7.4",
    ),
    (
        "fr",
        "decimals",
        "La croissance est de 0,8 % cette année.",
        "percent 0.8",
    ),
    (
        "fr",
        "words",
        "Vingt-trois soldats ont été blessés.",
        "count 23 injured",
    ),
    (
        "fr",
        "words",
        "Quatre-vingt-dix familles ont été évacuées.",
        "count 90",
    ),
    (
        "fr",
        "words",
        "Soixante et onze personnes sont mortes.",
        "count 71 deaths",
    ),
    (
        "fr",
        "words",
        "Deux cents policiers ont été déployés.",
        "count 200 troops",
    ),
    (
        "fr",
        "scales",
        "Trois millions de personnes ont voté.",
        "count 3000000",
    ),
    (
        "fr",
        "scales",
        "Le pays compte 67,8 millions d'habitants.",
        "count 67800000 population",
    ),
    (
        "fr",
        "money",
        "Le projet coûte 3 millions d'euros.",
        "money 3000000 EUR",
    ),
    (
        "fr",
        "money",
        "L'aide atteint 1,2 milliard de dollars.",
        "money 1200000000 USD",
    ),
    (
        "fr",
        "money",
        "La facture s'élève à 450 €.",
        "money 450 EUR",
    ),
    (
        "fr",
        "percent",
        "Le parti obtient 30 pour cent des voix.",
        "percent 30",
    ),
    (
        "fr",
        "percent",
        "La participation a reculé de 12 %.",
        "percent 12",
    ),
    (
        "fr",
        "dates",
        "L'attentat a eu lieu le 13 novembre 2015.",
        "date 2015-11-13",
    ),
    (
        "fr",
        "dates",
        "Le sommet s'ouvre le 1er mai.",
        "date 2025-05-01",
    ),
    (
        "fr",
        "dates",
        "La réforme date de janvier 2019.",
        "month 2019-01",
    ),
    ("fr", "dates", "L'usine a fermé en 2008.", "year 2008"),
    (
        "fr",
        "durations",
        "Le procès a duré 18 mois.",
        "duration 18 month",
    ),
    (
        "fr",
        "durations",
        "Il a passé deux semaines en prison.",
        "duration 2 week",
    ),
    (
        "fr",
        "durations",
        "Les travaux dureront cinq ans.",
        "duration 5 year",
    ),
    (
        "fr",
        "hedges",
        "Au moins 40 personnes ont été tuées.",
        "count >=40 deaths",
    ),
    (
        "fr",
        "hedges",
        "Environ 2 000 manifestants ont défilé.",
        "count ~2000 protesters",
    ),
    (
        "fr",
        "hedges",
        "Plus de 300 interpellations ont eu lieu.",
        "count >=300 arrests",
    ),
    (
        "fr",
        "hedges",
        "Près de 60 blessés ont été hospitalisés.",
        "count <=60 injured",
    ),
    (
        "fr",
        "measures",
        "La police a interpellé 25 personnes, placées en garde à vue.",
        "count 25 arrests",
    ),
    (
        "fr",
        "measures",
        "Le naufrage a fait 12 disparus.",
        "count 12 missing",
    ),
    (
        "fr",
        "measures",
        "L'avion transportait 150 passagers.",
        "count 150 passengers",
    ),
    (
        "fr",
        "attribution",
        "Selon la préfecture, 14 personnes ont été blessées.",
        "named",
    ),
    (
        "fr",
        "attribution",
        "Le ministre a déclaré que le bilan était lourd.",
        "named",
    ),
    (
        "fr",
        "attribution",
        "De source sûre, le président démissionnera.",
        "anonymous",
    ),
    (
        "fr",
        "attribution",
        "Une source proche du dossier évoque un accord.",
        "anonymous",
    ),
    // ---- German ---------------------------------------------------------------------------
    (
        "de",
        "digits",
        "Bei dem Unglück starben 1.500 Menschen.",
        "count 1500 deaths",
    ),
    (
        "de",
        "digits",
        "Die Stadt hat 245.000 Einwohner.",
        "count 245000 population",
    ),
    (
        "de",
        "digits",
        "Es wurden 12 500 Unterschriften gesammelt.",
        "count 12500",
    ),
    (
        "de",
        "digits",
        "Der Zähler stand bei 1'250 Besuchern.",
        "count 1250",
    ),
    (
        "de",
        "decimals",
        "Die Inflation lag bei 2,4 Prozent.",
        "percent 2.4",
    ),
    (
        "de",
        "decimals",
        "Der Pegel stieg um 1,75 Meter.",
        "count 1.75",
    ),
    (
        "de",
        "words",
        "Dreiundzwanzig Menschen wurden verletzt.",
        "count 23 injured",
    ),
    (
        "de",
        "words",
        "Zweihundert Polizisten waren im Einsatz.",
        "count 200 troops",
    ),
    (
        "de",
        "words",
        "Bei dem Feuer starben zwölf Menschen.",
        "count 12 deaths",
    ),
    (
        "de",
        "words",
        "Einhundertfünfzig Familien verloren ihr Zuhause.",
        "count 150",
    ),
    (
        "de",
        "scales",
        "Das Land zählt 83 Millionen Einwohner.",
        "count 83000000 population",
    ),
    (
        "de",
        "scales",
        "Drei Millionen Menschen sind betroffen.",
        "count 3000000",
    ),
    (
        "de",
        "money",
        "Der Schaden beträgt 12,5 Mio. €.",
        "money 12500000 EUR",
    ),
    (
        "de",
        "money",
        "Die Regierung stellt 3 Mrd. Euro bereit.",
        "money 3000000000 EUR",
    ),
    ("de", "money", "Das Ticket kostet 49 Euro.", "money 49 EUR"),
    (
        "de",
        "money",
        "Der Konzern zahlte 2,3 Milliarden Dollar.",
        "money 2300000000 USD",
    ),
    (
        "de",
        "percent",
        "Die Partei kam auf 12,5 %.",
        "percent 12.5",
    ),
    (
        "de",
        "percent",
        "Rund 70 Prozent stimmten zu.",
        "percent ~70",
    ),
    (
        "de",
        "dates",
        "Das Beben ereignete sich am 3. November 2015.",
        "date 2015-11-03",
    ),
    (
        "de",
        "dates",
        "Die Wahl findet am 14. März statt.",
        "date 2025-03-14",
    ),
    (
        "de",
        "dates",
        "Das Werk schloss im Januar 2019.",
        "month 2019-01",
    ),
    ("de", "dates", "Die Brücke wurde 1998 gebaut.", "year 1998"),
    (
        "de",
        "dates",
        "Der Vertrag wurde am 03.11.2015 unterzeichnet.",
        "date 2015-11-03",
    ),
    (
        "de",
        "durations",
        "Der Streik dauerte drei Wochen.",
        "duration 3 week",
    ),
    (
        "de",
        "durations",
        "Er saß 18 Monate in Haft.",
        "duration 18 month",
    ),
    (
        "de",
        "durations",
        "Der Bau dauerte zehn Jahre.",
        "duration 10 year",
    ),
    (
        "de",
        "hedges",
        "Mindestens 40 Menschen kamen ums Leben.",
        "count >=40 deaths",
    ),
    (
        "de",
        "hedges",
        "Etwa 300 Demonstranten zogen durch die Stadt.",
        "count ~300 protesters",
    ),
    (
        "de",
        "hedges",
        "Mehr als 1.000 Bewohner wurden evakuiert.",
        "count >=1000",
    ),
    (
        "de",
        "hedges",
        "Bis zu 50 Verletzte wurden behandelt.",
        "count <=50 injured",
    ),
    (
        "de",
        "measures",
        "Die Polizei nahm 12 Verdächtige fest.",
        "count 12 arrests",
    ),
    (
        "de",
        "measures",
        "Nach dem Sturm werden 9 Menschen vermisst.",
        "count 9 missing",
    ),
    (
        "de",
        "measures",
        "An Bord waren 239 Passagiere.",
        "count 239 passengers",
    ),
    (
        "de",
        "attribution",
        "Laut Polizei wurden 14 Menschen verletzt.",
        "named",
    ),
    (
        "de",
        "attribution",
        "Der Minister sagte, die Lage sei ernst.",
        "named",
    ),
    (
        "de",
        "attribution",
        "Aus Kreisen der Regierung hieß es, ein Rücktritt sei möglich.",
        "anonymous",
    ),
    (
        "de",
        "attribution",
        "Ein Beamter, der nicht genannt werden wollte, bestätigte das.",
        "anonymous",
    ),
    // ---- Italian --------------------------------------------------------------------------
    (
        "it",
        "digits",
        "Il terremoto ha causato 1.500 morti.",
        "count 1500 deaths",
    ),
    (
        "it",
        "digits",
        "Il comune conta 12 300 abitanti.",
        "count 12300 population",
    ),
    (
        "it",
        "digits",
        "Sono state raccolte 250.000 firme.",
        "count 250000",
    ),
    (
        "it",
        "decimals",
        "Il PIL è cresciuto dello 0,7 %.",
        "percent 0.7",
    ),
    (
        "it",
        "decimals",
        "La disoccupazione è al 9,5 per cento.",
        "percent 9.5",
    ),
    (
        "it",
        "words",
        "Duecento agenti sono stati schierati.",
        "count 200 troops",
    ),
    (
        "it",
        "words",
        "Ventitré persone sono rimaste ferite.",
        "count 23 injured",
    ),
    (
        "it",
        "words",
        "Tremila persone hanno partecipato al corteo.",
        "count 3000",
    ),
    (
        "it",
        "words",
        "Sono morti dodici operai.",
        "count 12 deaths",
    ),
    (
        "it",
        "scales",
        "L'Italia ha 59 milioni di abitanti.",
        "count 59000000 population",
    ),
    (
        "it",
        "scales",
        "Due milioni di famiglie riceveranno il bonus.",
        "count 2000000",
    ),
    (
        "it",
        "money",
        "Il governo stanzia 12 milioni di euro.",
        "money 12000000 EUR",
    ),
    (
        "it",
        "money",
        "La manovra vale 3,5 miliardi di euro.",
        "money 3500000000 EUR",
    ),
    ("it", "money", "Il biglietto costa 15 euro.", "money 15 EUR"),
    (
        "it",
        "percent",
        "Il partito ha ottenuto il 25 per cento.",
        "percent 25",
    ),
    (
        "it",
        "percent",
        "L'affluenza è scesa al 48 %.",
        "percent 48",
    ),
    (
        "it",
        "dates",
        "La scossa è avvenuta il 24 agosto 2016.",
        "date 2016-08-24",
    ),
    (
        "it",
        "dates",
        "Il vertice si apre il 3 novembre.",
        "date 2025-11-03",
    ),
    (
        "it",
        "dates",
        "La legge risale a marzo 2010.",
        "month 2010-03",
    ),
    (
        "it",
        "dates",
        "Lo stabilimento ha chiuso nel 2008.",
        "year 2008",
    ),
    (
        "it",
        "durations",
        "Il processo è durato 18 mesi.",
        "duration 18 month",
    ),
    (
        "it",
        "durations",
        "I lavori dureranno tre anni.",
        "duration 3 year",
    ),
    (
        "it",
        "durations",
        "Lo sciopero è durato due settimane.",
        "duration 2 week",
    ),
    (
        "it",
        "hedges",
        "Almeno 40 persone sono morte.",
        "count >=40 deaths",
    ),
    (
        "it",
        "hedges",
        "Circa 300 manifestanti hanno sfilato.",
        "count ~300 protesters",
    ),
    (
        "it",
        "hedges",
        "Oltre 1.000 sfollati sono ospitati nelle scuole.",
        "count >=1000 displaced",
    ),
    (
        "it",
        "hedges",
        "Quasi 50 feriti sono stati ricoverati.",
        "count <=50 injured",
    ),
    (
        "it",
        "measures",
        "La polizia ha arrestato 12 persone.",
        "count 12 arrests",
    ),
    (
        "it",
        "measures",
        "Dopo il naufragio ci sono 9 dispersi.",
        "count 9 missing",
    ),
    (
        "it",
        "measures",
        "L'aereo trasportava 180 passeggeri.",
        "count 180 passengers",
    ),
    (
        "it",
        "attribution",
        "Secondo la polizia, 14 persone sono rimaste ferite.",
        "named",
    ),
    (
        "it",
        "attribution",
        "Il ministro ha detto che la situazione è grave.",
        "named",
    ),
    (
        "it",
        "attribution",
        "Fonti diplomatiche parlano di un accordo vicino.",
        "anonymous",
    ),
    (
        "it",
        "attribution",
        "Un alto funzionario conferma le dimissioni.",
        "anonymous",
    ),
    // ---- Dutch ----------------------------------------------------------------------------
    (
        "nl",
        "digits",
        "Bij de ramp kwamen 1.500 mensen om het leven.",
        "count 1500 deaths",
    ),
    (
        "nl",
        "digits",
        "De stad telt 245.000 inwoners.",
        "count 245000 population",
    ),
    (
        "nl",
        "digits",
        "Er werden 12 500 handtekeningen verzameld.",
        "count 12500",
    ),
    (
        "nl",
        "decimals",
        "De inflatie bedroeg 2,4 procent.",
        "percent 2.4",
    ),
    (
        "nl",
        "decimals",
        "De werkloosheid steeg naar 3,9 %.",
        "percent 3.9",
    ),
    (
        "nl",
        "words",
        "Drieëntwintig mensen raakten gewond.",
        "count 23 injured",
    ),
    (
        "nl",
        "words",
        "Tweehonderd agenten werden ingezet.",
        "count 200 troops",
    ),
    (
        "nl",
        "words",
        "Twintig gezinnen zijn geëvacueerd.",
        "count 20",
    ),
    (
        "nl",
        "words",
        "Er kwamen twaalf mensen om.",
        "count 12 deaths",
    ),
    (
        "nl",
        "scales",
        "Nederland telt 17,9 miljoen inwoners.",
        "count 17900000 population",
    ),
    (
        "nl",
        "scales",
        "Drie miljoen mensen stemden.",
        "count 3000000",
    ),
    (
        "nl",
        "money",
        "De schade bedraagt 12,5 miljoen euro.",
        "money 12500000 EUR",
    ),
    (
        "nl",
        "money",
        "Het kabinet trekt 3 miljard euro uit.",
        "money 3000000000 EUR",
    ),
    ("nl", "money", "Een kaartje kost 25 euro.", "money 25 EUR"),
    (
        "nl",
        "percent",
        "De partij haalde 21 procent van de stemmen.",
        "percent 21",
    ),
    ("nl", "percent", "De opkomst daalde tot 78 %.", "percent 78"),
    (
        "nl",
        "dates",
        "De aardbeving vond plaats op 14 maart 2020.",
        "date 2020-03-14",
    ),
    (
        "nl",
        "dates",
        "De top begint op 3 november.",
        "date 2025-11-03",
    ),
    (
        "nl",
        "dates",
        "De wet dateert van januari 2019.",
        "month 2019-01",
    ),
    ("nl", "dates", "De fabriek sloot in 2008.", "year 2008"),
    (
        "nl",
        "durations",
        "De staking duurde drie weken.",
        "duration 3 week",
    ),
    (
        "nl",
        "durations",
        "Hij zat 18 maanden vast.",
        "duration 18 month",
    ),
    (
        "nl",
        "durations",
        "De bouw duurde tien jaar.",
        "duration 10 year",
    ),
    (
        "nl",
        "hedges",
        "Minstens 40 mensen kwamen om het leven.",
        "count >=40 deaths",
    ),
    (
        "nl",
        "hedges",
        "Ongeveer 300 demonstranten liepen mee.",
        "count ~300 protesters",
    ),
    (
        "nl",
        "hedges",
        "Meer dan 1.000 bewoners werden geëvacueerd.",
        "count >=1000",
    ),
    (
        "nl",
        "hedges",
        "Bijna 50 gewonden werden behandeld.",
        "count <=50 injured",
    ),
    (
        "nl",
        "measures",
        "De politie heeft 12 mensen gearresteerd.",
        "count 12 arrests",
    ),
    (
        "nl",
        "measures",
        "Na de storm worden 9 mensen vermist.",
        "count 9 missing",
    ),
    (
        "nl",
        "measures",
        "Het vliegtuig had 239 passagiers aan boord.",
        "count 239 passengers",
    ),
    (
        "nl",
        "attribution",
        "Volgens de politie raakten 14 mensen gewond.",
        "named",
    ),
    (
        "nl",
        "attribution",
        "De minister zei dat de situatie ernstig is.",
        "named",
    ),
    (
        "nl",
        "attribution",
        "Ingewijden melden dat er een akkoord komt.",
        "anonymous",
    ),
    (
        "nl",
        "attribution",
        "Volgens bronnen rond het kabinet stapt de minister op.",
        "anonymous",
    ),
    // ---- Portuguese -----------------------------------------------------------------------
    (
        "pt",
        "digits",
        "O sismo causou 1.500 mortos.",
        "count 1500 deaths",
    ),
    (
        "pt",
        "digits",
        "A cidade tem 245 000 habitantes.",
        "count 245000 population",
    ),
    (
        "pt",
        "digits",
        "Foram recolhidas 12.500 assinaturas.",
        "count 12500",
    ),
    (
        "pt",
        "decimals",
        "A inflação subiu para 4,5 %.",
        "percent 4.5",
    ),
    (
        "pt",
        "decimals",
        "O desemprego caiu para 6,1 por cento.",
        "percent 6.1",
    ),
    (
        "pt",
        "words",
        "Vinte e três pessoas ficaram feridas.",
        "count 23 injured",
    ),
    (
        "pt",
        "words",
        "Duzentos polícias foram mobilizados.",
        "count 200 troops",
    ),
    (
        "pt",
        "words",
        "Morreram doze mineiros no acidente.",
        "count 12 deaths",
    ),
    (
        "pt",
        "words",
        "Trezentas famílias foram realojadas.",
        "count 300",
    ),
    (
        "pt",
        "scales",
        "O Brasil tem 203 milhões de habitantes.",
        "count 203000000 population",
    ),
    (
        "pt",
        "scales",
        "Dois milhões de pessoas votaram.",
        "count 2000000",
    ),
    (
        "pt",
        "money",
        "O governo gastou mil milhões de euros.",
        "money 1000000000 EUR",
    ),
    (
        "pt",
        "money",
        "A obra custou R$ 3 milhões.",
        "money 3000000 BRL",
    ),
    (
        "pt",
        "money",
        "O empréstimo é de 2,5 bilhões de dólares.",
        "money 2500000000 USD",
    ),
    ("pt", "money", "O bilhete custa 20 euros.", "money 20 EUR"),
    (
        "pt",
        "percent",
        "O partido teve 30 por cento dos votos.",
        "percent 30",
    ),
    (
        "pt",
        "percent",
        "A abstenção chegou aos 45 %.",
        "percent 45",
    ),
    (
        "pt",
        "dates",
        "O sismo ocorreu a 1 de março de 2008.",
        "date 2008-03-01",
    ),
    (
        "pt",
        "dates",
        "A greve começou a 14 de novembro.",
        "date 2025-11-14",
    ),
    (
        "pt",
        "dates",
        "A lei foi aprovada em março de 2010.",
        "month 2010-03",
    ),
    ("pt", "dates", "A fábrica fechou em 2008.", "year 2008"),
    (
        "pt",
        "durations",
        "A seca durou três anos.",
        "duration 3 year",
    ),
    (
        "pt",
        "durations",
        "Esteve detido 18 meses.",
        "duration 18 month",
    ),
    (
        "pt",
        "durations",
        "O apagão durou seis horas.",
        "duration 6 hour",
    ),
    (
        "pt",
        "hedges",
        "Pelo menos 40 pessoas morreram no ataque.",
        "count >=40 deaths",
    ),
    (
        "pt",
        "hedges",
        "Cerca de 300 manifestantes cortaram a rua.",
        "count ~300 protesters",
    ),
    (
        "pt",
        "hedges",
        "Mais de 1.000 moradores foram evacuados.",
        "count >=1000",
    ),
    (
        "pt",
        "hedges",
        "Quase 50 detidos passaram a noite na esquadra.",
        "count <=50 arrests",
    ),
    (
        "pt",
        "measures",
        "A polícia deteve 12 suspeitos.",
        "count 12 arrests",
    ),
    (
        "pt",
        "measures",
        "O naufrágio deixou 9 desaparecidos.",
        "count 9 missing",
    ),
    (
        "pt",
        "measures",
        "O avião levava 239 passageiros.",
        "count 239 passengers",
    ),
    (
        "pt",
        "attribution",
        "Segundo a polícia, 14 pessoas morreram.",
        "named",
    ),
    (
        "pt",
        "attribution",
        "O ministro disse que a situação é grave.",
        "named",
    ),
    (
        "pt",
        "attribution",
        "Fontes diplomáticas indicaram que haverá acordo.",
        "anonymous",
    ),
    (
        "pt",
        "attribution",
        "Um alto funcionário garantiu que não haverá mudanças.",
        "anonymous",
    ),
];

/// Sentences written after the tables were last changed and never used to change them: their
/// recall is what a new text can expect. (A miss here is reported, not fixed by tuning a
/// table to the sentence: fixing the general case and writing new held-out sentences is.)
const HELD_OUT: &[(&str, &str, &str, &str)] = &[
    (
        "es",
        "mixed",
        "Los bomberos rescataron a 85 personas atrapadas en el metro.",
        "count 85",
    ),
    (
        "es",
        "mixed",
        "El Gobierno destinará 250 millones de euros a la reconstrucción.",
        "money 250000000 EUR",
    ),
    (
        "es",
        "mixed",
        "El temporal dejó al menos 17 muertos en la costa.",
        "count >=17 deaths",
    ),
    (
        "es",
        "mixed",
        "La participación alcanzó el 64,3 %.",
        "percent 64.3",
    ),
    (
        "es",
        "mixed",
        "El juicio comenzará el 12 de enero de 2026.",
        "date 2026-01-12",
    ),
    (
        "es",
        "mixed",
        "Cerca de 2.000 agentes vigilarán la cumbre.",
        "count ~2000 troops",
    ),
    (
        "es",
        "mixed",
        "Según el ministerio, la obra tardará cuatro años.",
        "duration 4 year",
    ),
    (
        "es",
        "mixed",
        "Unas quinientas familias siguen sin luz.",
        "count ~500",
    ),
    (
        "fr",
        "mixed",
        "Les pompiers ont secouru 85 personnes bloquées dans le métro.",
        "count 85",
    ),
    (
        "fr",
        "mixed",
        "L'État débloque 250 millions d'euros pour la reconstruction.",
        "money 250000000 EUR",
    ),
    (
        "fr",
        "mixed",
        "La tempête a fait au moins 17 morts sur la côte.",
        "count >=17 deaths",
    ),
    (
        "fr",
        "mixed",
        "La participation a atteint 64,3 %.",
        "percent 64.3",
    ),
    (
        "fr",
        "mixed",
        "Le procès s'ouvrira le 12 janvier 2026.",
        "date 2026-01-12",
    ),
    (
        "fr",
        "mixed",
        "Environ 2 000 policiers seront mobilisés pour le sommet.",
        "count ~2000 troops",
    ),
    (
        "fr",
        "mixed",
        "Selon le ministère, le chantier durera quatre ans.",
        "duration 4 year",
    ),
    (
        "fr",
        "mixed",
        "Quelque cinq cents familles sont toujours privées d'électricité.",
        "count ~500",
    ),
    (
        "de",
        "mixed",
        "Die Feuerwehr rettete 85 Menschen aus der U-Bahn.",
        "count 85",
    ),
    (
        "de",
        "mixed",
        "Der Bund stellt 250 Millionen Euro für den Wiederaufbau bereit.",
        "money 250000000 EUR",
    ),
    (
        "de",
        "mixed",
        "Der Sturm forderte mindestens 17 Todesopfer an der Küste.",
        "count >=17 deaths",
    ),
    (
        "de",
        "mixed",
        "Die Wahlbeteiligung lag bei 64,3 Prozent.",
        "percent 64.3",
    ),
    (
        "de",
        "mixed",
        "Der Prozess beginnt am 12. Januar 2026.",
        "date 2026-01-12",
    ),
    (
        "de",
        "mixed",
        "Rund 2.000 Polizisten sichern den Gipfel.",
        "count ~2000 troops",
    ),
    (
        "de",
        "mixed",
        "Laut Ministerium dauert der Bau vier Jahre.",
        "duration 4 year",
    ),
    (
        "de",
        "mixed",
        "Etwa fünfhundert Haushalte sind noch ohne Strom.",
        "count ~500",
    ),
    (
        "it",
        "mixed",
        "I vigili del fuoco hanno soccorso 85 persone bloccate in metropolitana.",
        "count 85",
    ),
    (
        "it",
        "mixed",
        "Il governo stanzia 250 milioni di euro per la ricostruzione.",
        "money 250000000 EUR",
    ),
    (
        "it",
        "mixed",
        "Il maltempo ha causato almeno 17 morti sulla costa.",
        "count >=17 deaths",
    ),
    (
        "it",
        "mixed",
        "L'affluenza ha raggiunto il 64,3 %.",
        "percent 64.3",
    ),
    (
        "it",
        "mixed",
        "Il processo si aprirà il 12 gennaio 2026.",
        "date 2026-01-12",
    ),
    (
        "it",
        "mixed",
        "Circa 2.000 agenti sorveglieranno il vertice.",
        "count ~2000 troops",
    ),
    (
        "it",
        "mixed",
        "Secondo il ministero, il cantiere durerà quattro anni.",
        "duration 4 year",
    ),
    (
        "it",
        "mixed",
        "Circa cinquecento famiglie sono ancora senza luce.",
        "count ~500",
    ),
    (
        "nl",
        "mixed",
        "De brandweer redde 85 mensen uit de metro.",
        "count 85",
    ),
    (
        "nl",
        "mixed",
        "Het kabinet trekt 250 miljoen euro uit voor de wederopbouw.",
        "money 250000000 EUR",
    ),
    (
        "nl",
        "mixed",
        "De storm eiste minstens 17 doden aan de kust.",
        "count >=17 deaths",
    ),
    (
        "nl",
        "mixed",
        "De opkomst bedroeg 64,3 procent.",
        "percent 64.3",
    ),
    (
        "nl",
        "mixed",
        "Het proces begint op 12 januari 2026.",
        "date 2026-01-12",
    ),
    (
        "nl",
        "mixed",
        "Ongeveer 2.000 agenten bewaken de top.",
        "count ~2000 troops",
    ),
    (
        "nl",
        "mixed",
        "Volgens het ministerie duurt de bouw vier jaar.",
        "duration 4 year",
    ),
    (
        "nl",
        "mixed",
        "Ongeveer vijfhonderd huishoudens zitten nog zonder stroom.",
        "count ~500",
    ),
    (
        "pt",
        "mixed",
        "Os bombeiros resgataram 85 pessoas presas no metro.",
        "count 85",
    ),
    (
        "pt",
        "mixed",
        "O Governo vai destinar 250 milhões de euros à reconstrução.",
        "money 250000000 EUR",
    ),
    (
        "pt",
        "mixed",
        "O temporal provocou pelo menos 17 mortos na costa.",
        "count >=17 deaths",
    ),
    (
        "pt",
        "mixed",
        "A participação atingiu 64,3 %.",
        "percent 64.3",
    ),
    (
        "pt",
        "mixed",
        "O julgamento começa a 12 de janeiro de 2026.",
        "date 2026-01-12",
    ),
    (
        "pt",
        "mixed",
        "Cerca de 2.000 polícias vão vigiar a cimeira.",
        "count ~2000 troops",
    ),
    (
        "pt",
        "mixed",
        "Segundo o ministério, a obra vai durar quatro anos.",
        "duration 4 year",
    ),
    (
        "pt",
        "mixed",
        "Cerca de quinhentas famílias continuam sem luz.",
        "count ~500",
    ),
];

struct Read {
    figures: Vec<Figure>,
    attribution: Attribution,
}

fn read(extractor: &Extractor, lang: &str, text: &str) -> Read {
    let doc = Document::parse(text, 0, TitleMode::Given, &PlainLines);
    let e = extractor.extract_in(lang, text, &doc, Date::new(2025, 11, 20));
    Read {
        attribution: e
            .sentences
            .first()
            .map_or(Attribution::None, |s| s.attribution),
        figures: e.figures,
    }
}

/// Whether `spec` holds of what was read; why not when it does not.
fn holds(spec: &str, got: &Read) -> Result<(), String> {
    let mut words = spec.split_whitespace();
    let kind = words.next().unwrap_or("");
    match kind {
        "named" | "anonymous" => {
            let want = if kind == "named" {
                Attribution::Named
            } else {
                Attribution::Anonymous
            };
            return (got.attribution == want)
                .then_some(())
                .ok_or(format!("attribution {:?}", got.attribution));
        }
        "date" | "month" | "year" => {
            let want = words.next().unwrap_or("");
            let found = got.figures.iter().any(|f| {
                f.kind == FigureKind::Date
                    && f.date
                        .as_ref()
                        .and_then(|d| d.display())
                        .is_some_and(|d| d == want)
            });
            return found.then_some(()).ok_or_else(|| describe(&got.figures));
        }
        _ => {}
    }
    let kind = match kind {
        "count" => FigureKind::Count,
        "money" => FigureKind::Money,
        "percent" => FigureKind::Percent,
        "duration" => FigureKind::Duration,
        other => return Err(format!("unknown kind in spec {other}")),
    };
    let value = words.next().unwrap_or("");
    let (qualifier, number) = if let Some(v) = value.strip_prefix(">=") {
        (Qualifier::AtLeast, v)
    } else if let Some(v) = value.strip_prefix("<=") {
        (Qualifier::AtMost, v)
    } else if let Some(v) = value.strip_prefix('~') {
        (Qualifier::About, v)
    } else {
        (Qualifier::Exact, value)
    };
    let number: f64 = number.parse().map_err(|_| format!("bad value {number}"))?;
    let rest: Vec<&str> = words.collect();
    let found = got.figures.iter().any(|f| {
        // A count may be read as a plain number when it counts nothing the rules name.
        let kind_ok = f.kind == kind || (kind == FigureKind::Count && f.kind == FigureKind::Number);
        kind_ok
            && f.value
                .is_some_and(|v| (v - number).abs() <= number.abs() * 1e-9)
            && f.qualifier == qualifier
            && rest
                .iter()
                .all(|r| f.unit.as_deref() == Some(*r) || f.measure.as_deref() == Some(*r))
    });
    found.then_some(()).ok_or_else(|| describe(&got.figures))
}

fn describe(figures: &[Figure]) -> String {
    figures
        .iter()
        .map(|f| {
            format!(
                "{:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                f.text,
                f.kind,
                f.value,
                f.unit,
                f.measure,
                f.qualifier,
                f.date.and_then(|d| d.display())
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn recall_per_language_and_class() {
    let config = Config::embedded().expect("embedded rules");
    let extractor = Extractor::new(&config, &[]).expect("extractor builds");
    let mut languages: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    languages.dedup();
    let mut classes: Vec<&str> = CASES.iter().map(|c| c.1).collect();
    classes.sort();
    classes.dedup();
    let mut failures = Vec::new();
    let mut table = String::from("| class |");
    for l in &languages {
        table.push_str(&format!(" {l} |"));
    }
    table.push('\n');
    table.push_str(&"|---".repeat(languages.len() + 1));
    table.push_str("|\n");
    let mut per_language = vec![(0usize, 0usize); languages.len()];
    for class in &classes {
        table.push_str(&format!("| {class} |"));
        for (li, lang) in languages.iter().enumerate() {
            let cases: Vec<_> = CASES
                .iter()
                .filter(|c| c.0 == *lang && c.1 == *class)
                .collect();
            let mut ok = 0;
            for (_, _, text, spec) in &cases {
                match holds(spec, &read(&extractor, lang, text)) {
                    Ok(()) => ok += 1,
                    Err(why) => {
                        failures.push(format!("{lang} {class}: {text:?} wants {spec}; got {why}"))
                    }
                }
            }
            per_language[li].0 += ok;
            per_language[li].1 += cases.len();
            table.push_str(&format!(" {ok}/{} |", cases.len()));
        }
        table.push('\n');
    }
    table.push_str("| **recall** |");
    for (ok, n) in &per_language {
        table.push_str(&format!(" **{:.2}** |", *ok as f64 / *n as f64));
    }
    println!("{table}");
    for f in &failures {
        println!("miss: {f}");
    }
    for (lang, (ok, n)) in languages.iter().zip(&per_language) {
        let recall = *ok as f64 / *n as f64;
        assert!(
            recall >= 0.95,
            "{lang}: recall {recall:.2} ({ok}/{n}) is under 0.95:\n{}",
            failures.join("\n")
        );
    }
}

#[test]
fn every_language_the_default_reads_has_cases_for_every_class() {
    let config = Config::embedded().expect("embedded rules");
    let classes: Vec<&str> = CASES.iter().map(|c| c.1).collect();
    for code in config.languages.keys() {
        for class in &classes {
            assert!(
                CASES.iter().any(|c| c.0 == code && c.1 == *class),
                "{code} has no case for {class}"
            );
        }
    }
}

/// Recall on the held-out sentences, per language: every language the default rules read has
/// held-out sentences, and each must reach the bar on its own (one language missing all of
/// its sentences fails, however well the others do). The bar is lower than on the sentences
/// the tables were built with, and the figures are reported in docs/languages.md.
#[test]
fn recall_on_held_out_sentences() {
    let config = Config::embedded().expect("embedded rules");
    let extractor = Extractor::new(&config, &[]).expect("extractor builds");
    let mut languages: Vec<&str> = config.languages.keys().map(String::as_str).collect();
    languages.sort();
    let mut line = String::from("| held out |");
    let mut under = Vec::new();
    for code in languages {
        let cases: Vec<_> = HELD_OUT.iter().filter(|c| c.0 == code).collect();
        assert!(!cases.is_empty(), "{code} has no held-out sentences");
        let mut ok = 0;
        for (_, _, text, spec) in &cases {
            match holds(spec, &read(&extractor, code, text)) {
                Ok(()) => ok += 1,
                Err(why) => println!("held-out miss: {code}: {text:?} wants {spec}; got {why}"),
            }
        }
        line.push_str(&format!(" {code} {ok}/{} |", cases.len()));
        let recall = ok as f64 / cases.len() as f64;
        if recall < 0.8 {
            under.push(format!("{code}: {recall:.2} ({ok}/{})", cases.len()));
        }
    }
    println!("{line}");
    assert!(
        under.is_empty(),
        "held-out recall under 0.8: {}",
        under.join(", ")
    );
}

#[test]
fn a_number_with_decimals_counts_no_one() {
    let config = Config::embedded().expect("embedded rules");
    let extractor = Extractor::new(&config, &[]).expect("extractor builds");
    let read = read(
        &extractor,
        "fr",
        "Le séisme de magnitude 6,8 a fait au moins 130 morts.",
    );
    let magnitude = read
        .figures
        .iter()
        .find(|f| f.value == Some(6.8))
        .expect("the magnitude is read");
    assert_eq!(magnitude.measure, None, "{magnitude:?}");
    assert!(
        read.figures
            .iter()
            .any(|f| f.value == Some(130.0) && f.measure.as_deref() == Some("deaths"))
    );
}
