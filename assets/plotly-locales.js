// Plotly's texts (modebar, hover labels) and date names in Finnish and Swedish, and the locale of every
// chart set from the page's <html lang> (fi, sv or en), which the server serves and the shell keeps in
// sync: the one place that chooses the charts' language. The dictionaries are plotly.js's own locale
// files (plotly.js-locales 3.7.0, fi.js and sv.js, MIT licence, Copyright Plotly, Inc.); the Swedish
// date formats follow Finland-Swedish usage (Babel's sv_FI: lower-case month names, dates d.m.yyyy).
(function () {
    const locales = [
        {
            moduleType: 'locale',
            name: 'fi',
            dictionary: {
                'Autoscale': 'Autoskaalaa',
                'Box Select': 'Laatikkovalinta',
                'Click to enter Colorscale title': 'Klikkaa antaaksesi väriskaalan otsikko',
                'Click to enter Component A title': 'Klikkaa antaaksesi komponentin A otsikko',
                'Click to enter Component B title': 'Klikkaa antaaksesi komponentin B otsikko',
                'Click to enter Component C title': 'Klikkaa antaaksesi komponentin C otsikko',
                'Click to enter Plot title': 'Klikkaa antaaksesi kuvion otsikko',
                'Click to enter X axis title': 'Klikkaa antaaksesi x-akselin otsikko',
                'Click to enter Y axis title': 'Klikkaa antaaksesi y-akselin otsikko',
                'Click to enter radial axis title': 'Klikkaa antaaksesi radiaalisen akselin otsikko',
                'Compare data on hover': 'Vertaa dataa kursorilla',
                'Double-click on legend to isolate one trace': 'Kaksoisklikkaa selitettä eristääksesi yksi sarja',
                'Double-click to zoom back out': 'Kaksoisklikkaa zoomataksesi ulos',
                'Download plot': 'Lataa kuvio',
                'Download plot as a PNG': 'Lataa kuvio PNG-muodossa',
                'Edit in Chart Studio': 'Muokkaa Chart Studiossa',
                'IE only supports svg. Changing format to svg.': 'Formaatiksi vaihdetaan IE:n tukema svg.',
                'Lasso Select': 'Lassovalinta',
                'Orbital rotation': 'Orbitaalikierto',
                'Pan': 'Panorointi',
                'Produced with Plotly.js': 'Tuotettu Plotly.jsllä',
                'Reset': 'Palauta oletusasetukset',
                'Reset axes': 'Palauta akselien oletusasetukset',
                'Reset camera to default': 'Palauta kameran oletusasetukset',
                'Reset camera to last save': 'Palauta kameran viimeksi tallennetut asetukset',
                'Reset view': 'Palauta näkymän oletusasetukset',
                'Reset views': 'Palauta näkymien oletusasetukset',
                'Show closest data on hover': 'Näytä kursoria lähin data',
                'Snapshot succeeded': 'Tilannekuvan ottaminen onnistui',
                'Sorry, there was a problem downloading your snapshot!': 'Pahoittelut, tilannekuvan lataaminen epäonnistui!',
                'Taking snapshot - this may take a few seconds': 'Otetaan tilannekuvaa - odota hetki',
                'Toggle Spike Lines': 'Näytä huiput',
                'Toggle show closest data on hover': 'Näytä kursoria lähin data',
                'Turntable rotation': 'Tasokierto',
                'Zoom': 'Zoomaus',
                'Zoom in': 'Zoomaa sisään',
                'Zoom out': 'Zoomaa ulos',
                'close:': 'loppu:',
                'high:': 'korkein:',
                'incoming flow count:': 'saapuva virtaus:',
                'kde:': 'ydinestimointi:',
                'lat:': 'lat.:',
                'lon:': 'lon.:',
                'low:': 'matalin:',
                'lower fence:': 'alempi raja:',
                'max:': 'maks.:',
                'mean ± σ:': 'keskiarvo ± σ:',
                'mean:': 'keskiarvo:',
                'median:': 'mediaani:',
                'min:': 'min.:',
                'new text': 'uusi teksti',
                'open:': 'alku:',
                'outgoing flow count:': 'lähtevä virtaus:',
                'q1:': 'q1:',
                'q3:': 'q3:',
                'source:': 'lähde:',
                'target:': 'kohde:',
                'trace': 'sarja',
                'upper fence:': 'ylempi raja:',
            },
            format: {
                days: [
                    'sunnuntai', 'maanantai', 'tiistai', 'keskiviikko',
                    'torstai', 'perjantai', 'lauantai'
                ],
                shortDays: ['su', 'ma', 'ti', 'ke', 'to', 'pe', 'la'],
                months: [
                    'tammikuu', 'helmikuu', 'maaliskuu', 'huhtikuu', 'toukokuu', 'kesäkuu',
                    'heinäkuu', 'elokuu', 'syyskuu', 'lokakuu', 'marraskuu', 'joulukuu'
                ],
                shortMonths: [
                    'tammi', 'helmi', 'maalis', 'huhti', 'touko', 'kesä',
                    'heinä', 'elo', 'syys', 'loka', 'marras', 'joulu'
                ],
                date: '%d.%m.%Y'
            },
        },
        {
            moduleType: 'locale',
            name: 'sv',
            dictionary: {
                'Autoscale': 'Autoskala',
                'Box Select': 'Välj rektangel',
                'Click to enter Colorscale title': 'Klicka för att ange titel på färgskala',
                'Click to enter Component A title': 'Klicka för att ange titel på komponent A',
                'Click to enter Component B title': 'Klicka för att ange titel på komponent B',
                'Click to enter Component C title': 'Klicka för att ange titel på komponent C',
                'Click to enter Plot title': 'Klicka för att ange titel på diagram',
                'Click to enter X axis title': 'Klicka för att ange titel på x-axel',
                'Click to enter Y axis title': 'Klicka för att ange titel på y-axel',
                'Click to enter radial axis title': 'Klicka för att ange titel på radiell axel',
                'Compare data on hover': 'Jämför data när muspekaren hålls över',
                'Double-click on legend to isolate one trace': 'Dubbelklicka på förklaringen för att visa endast en serie',
                'Double-click to zoom back out': 'Dubbelklicka för att zooma ut igen',
                'Download plot': 'Ladda ner diagram',
                'Download plot as a PNG': 'Ladda ner diagram som PNG',
                'Edit in Chart Studio': 'Editera i Chart Studio',
                'IE only supports svg.  Changing format to svg.': 'IE stöder enbart svg. Byter format till svg.',
                'Lasso Select': 'Välj lasso',
                'Orbital rotation': 'Orbital rotation',
                'Pan': 'Panorera',
                'Produced with Plotly.js': 'Skapad med Plotly.js',
                'Reset': 'Återställ',
                'Reset axes': 'Återställ axlar',
                'Reset camera to default': 'Återställ kamera till standard',
                'Reset camera to last save': 'Återställ kamera till senast sparad',
                'Reset view': 'Återställ vy',
                'Reset views': 'Återställ vyer',
                'Show closest data on hover': 'Visa närmaste värde när muspekaren hålls över',
                'Snapshot succeeded': 'Bild skapad',
                'Sorry, there was a problem downloading your snapshot!': 'Tyvärr gick något fel vid nedladdning av bild',
                'Taking snapshot - this may take a few seconds': 'Skapar bild - detta kan ta några sekunder',
                'Toggle Spike Lines': 'Aktivera/Inaktivera topplinjer',
                'Toggle show closest data on hover': 'Aktivera/Inaktivera visa närmaste värde när muspekaren hålls över',
                'Turntable rotation': 'Platt rotation',
                'Zoom': 'Zooma',
                'Zoom in': 'Zooma in',
                'Zoom out': 'Zooma ut',
                'close:': 'stängning:',
                'concentration:': 'koncentration:',
                'high:': 'hög:',
                'incoming flow count:': 'inkommande flöde summering:',
                'kde:': 'kde:',
                'lat:': 'lat:',
                'lon:': 'lon:',
                'low:': 'låg:',
                'lower fence:': 'undre gräns:',
                'max:': 'max:',
                'mean ± σ:': 'medel ± σ:',
                'mean:': 'medel:',
                'median:': 'median:',
                'min:': 'min:',
                'new text': 'ny text',
                'open:': 'öppning:',
                'outgoing flow count:': 'utgående flöde summering:',
                'q1:': 'q1:',
                'q3:': 'q3:',
                'source:': 'källa:',
                'target:': 'mål:',
                'trace': 'serie',
                'upper fence:': 'övre gräns:',
            },
            format: {
                days: ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'],
                shortDays: ['sön', 'mån', 'tis', 'ons', 'tors', 'fre', 'lör'],
                months: [
                    'januari', 'februari', 'mars', 'april', 'maj', 'juni',
                    'juli', 'augusti', 'september', 'oktober', 'november', 'december'
                ],
                shortMonths: ['jan', 'feb', 'mars', 'apr', 'maj', 'juni', 'juli', 'aug', 'sep', 'okt', 'nov', 'dec'],
                date: '%d.%m.%Y'
            },
        },
    ];
    const known = ['fi', 'sv', 'en'];

    function pageLocale() {
        const lang = document.documentElement.lang;
        return known.indexOf(lang) === -1 ? 'fi' : lang;
    }

    function follow() {
        if (window.Plotly && window.Plotly.setPlotConfig) {
            window.Plotly.setPlotConfig({locale: pageLocale()});
        }
    }

    if (window.Plotly && window.Plotly.register) {
        window.Plotly.register(locales);
    } else {
        // plotly.js registers window.PlotlyLocales when it loads after this script
        window.PlotlyLocales = (window.PlotlyLocales || []).concat(locales);
    }
    follow();
    document.addEventListener('DOMContentLoaded', follow);
    new MutationObserver(follow).observe(document.documentElement, {attributes: true, attributeFilter: ['lang']});
})();
