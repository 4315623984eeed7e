"""Stop words per language: the Snowball project's lists (BSD licence), lightly trimmed.

Kept as plain data so the engine needs no NLP package beyond PyStemmer."""

ENGLISH = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing don down during each etc few for
    from further had has have having he her here hers herself him himself his how i if in into
    is it its itself just may me might more most must my myself no nor not of off on once only
    or other ought our ours ourselves out over own per s same shall she should so some such t
    than that the their theirs them themselves then there these they this those through to too
    under until up upon very via was we were what when where whether which while who whom why
    will with within without would you your yours yourself yourselves
    """.split()
)

DANISH = frozenset(
    """
    af alle alt anden at blev blevet blive bliver både da de dem den denne der deres det dette
    dig din dine dit dog du efter ej eller en end er et for fordi fra før ham han hans har havde
    have hende hendes her hun hvad hvem hver hvilke hvilken hvilket hvis hvor hvordan hvorfor
    hvornår i ikke ind ingen intet ja jeg jo kan kom kun kunne man med meget mellem men mig min
    mine mit mod må måske ned nogen noget nogle nu når og også om op os over på samme selv
    selvom sig sin sine sit skal skulle som så sådan sådanne sådant til ud uden under var ved vi
    vil ville vor vores vort være været
    """.split()
)

SWEDISH = frozenset(
    """
    alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din
    dina ditt du där då efter ej eller en er era ert ett från för ha hade han hans har henne
    hennes hon honom hur här i icke ingen inom inte jag ju kan kunde man med mellan men mig min
    mina mitt mot mycket ni nu när någon något några och om oss på samma sedan sig sin sina
    sitta själv skulle som så sådan sådana sådant till under upp ut utan vad var vara varför
    varit varje vars vart vem vi vid vilka vilkas vilken vilket vår våra vårt än är åt över
    """.split()
)

NORWEGIAN = frozenset(
    """
    alle at av bare begge ble blei bli blir blitt både båe da de deg dei deim deira deires dem
    den denne der dere deres det dette di din disse ditt du dykk dykkar då eg ein eit eitt eller
    elles en enn er et ett etter for fordi fra før ha hadde han hans har hennar henne hennes her
    hjå ho hoe honom hoss hossen hun hva hvem hver hvilke hvilken hvis hvor hvordan hvorfor i
    ikke ikkje ingen ingi inkje inn inni ja jeg kan kom korleis korso kun kunne kva kvar
    kvarhelst kven kvi kvifor man mange me med medan meg meget mellom men mi min mine mitt mot
    mykje ned no noe noen noka noko nokon nokor nokre nå når og også om opp oss over på samme
    seg selv si sia sidan siden sin sine sitt sjøl skal skulle slik so som somme somt så sånn
    til um upp ut uten var vart varte ved vere verte vi vil ville vore vors vort vår være vært å
    """.split()
)

BY_LANGUAGE = {
    "en": ENGLISH,
    "da": DANISH,
    "sv": SWEDISH,
    "nb": NORWEGIAN,
    "nn": NORWEGIAN,
    "no": NORWEGIAN,
}
