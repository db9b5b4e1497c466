"""A small gazetteer of place names the small English model often mislabels as people or
organisations ("Kyiv" as PERSON, "Kyiv’s" as ORG): countries, US states, capitals, large cities
and regions that policy news names. Kept to names that are rarely anything but places.
"""

from __future__ import annotations

_COUNTRIES = """
Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas
Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Botswana|Brazil
Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Chad|Chile|China|Colombia|Comoros
Congo|Costa Rica|Croatia|Cuba|Cyprus|Czechia|Czech Republic|Denmark|Djibouti|Dominica
Dominican Republic|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland
France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras
Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan
Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya
Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania
Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Burma
Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia
Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland
Portugal|Qatar|Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles
Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Korea|South Sudan|Spain
Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Timor-Leste
Togo|Tonga|Trinidad|Tunisia|Turkey|Türkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates
UAE|United Kingdom|U.K.|UK|Britain|Great Britain|England|Scotland|Wales|Northern Ireland
United States|U.S.|US|USA|U.S.A.|America|Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|Vietnam
Yemen|Zambia|Zimbabwe|Gaza|Gaza Strip|West Bank|Crimea|Donbas|Hong Kong|Macau|Greenland
Puerto Rico|Guam|United States of America
"""
_US_STATES = """
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho
Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota
Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York
North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina
South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington State|West Virginia|Wisconsin
Wyoming
"""
_CITIES = """
Kyiv|Kiev|Kharkiv|Odesa|Odessa|Lviv|Mariupol|Bakhmut|Donetsk|Luhansk|Moscow|St. Petersburg|Minsk
Warsaw|Berlin|Paris|London|Brussels|Madrid|Rome|Vienna|Prague|Budapest|Bucharest|Sofia|Athens
Amsterdam|The Hague|Copenhagen|Oslo|Stockholm|Helsinki|Tallinn|Riga|Vilnius|Lisbon|Dublin|Bern
Geneva|Zurich|Davos|Munich|Frankfurt|Hamburg|Wiesbaden|Ramstein|Milan|Barcelona|Istanbul|Ankara
Belgrade|Zagreb|Sarajevo|Tbilisi|Yerevan|Baku|Chisinau|Bratislava|Ljubljana|Luxembourg City
Beijing|Shanghai|Hong Kong|Taipei|Tokyo|Osaka|Seoul|Pyongyang|Manila|Hanoi|Bangkok|Jakarta
Singapore|Kuala Lumpur|New Delhi|Delhi|Mumbai|Islamabad|Karachi|Kabul|Tehran|Baghdad|Damascus
Beirut|Amman|Jerusalem|Tel Aviv|Ramallah|Riyadh|Jeddah|Doha|Dubai|Abu Dhabi|Muscat|Sanaa|Cairo
Tripoli|Tunis|Algiers|Rabat|Khartoum|Addis Ababa|Nairobi|Lagos|Abuja|Accra|Dakar|Kinshasa
Johannesburg|Pretoria|Cape Town|Canberra|Sydney|Melbourne|Wellington|Ottawa|Toronto|Montreal
Vancouver|Mexico City|Havana|Caracas|Bogota|Bogotá|Lima|Santiago|Buenos Aires|Brasilia|Brasília
Sao Paulo|São Paulo|Rio de Janeiro|Quito|La Paz|Montevideo|Panama City|Managua|Tegucigalpa
Washington, D.C.|Washington D.C.|D.C.|New York City|Manhattan|Brooklyn|Los Angeles|Chicago
Houston|Philadelphia|Phoenix|San Antonio|San Diego|Dallas|San Francisco|Seattle|Boston|Atlanta
Miami|Detroit|Denver|Las Vegas|Baltimore|Milwaukee|Cleveland|Pittsburgh|Cincinnati|Orlando
Tampa|Charlotte|Raleigh|Richmond|Nashville|Memphis|Louisville|Minneapolis|St. Louis|Kansas City
Omaha|Des Moines|Sacramento|Portland|Salt Lake City|Albuquerque|Austin|New Orleans|Honolulu
Anchorage|Annapolis|Columbus|Indianapolis|Harrisburg|Tallahassee|Palm Beach|Mar-a-Lago
"""
_REGIONS = """
Europe|Asia|Africa|North America|South America|Latin America|Central America|Middle East
Eastern Europe|Western Europe|Central Europe|Balkans|Baltics|Caucasus|Scandinavia|Arctic
Antarctica|Pacific|Atlantic|Indo-Pacific|Persian Gulf|Red Sea|Black Sea|Baltic Sea
South China Sea|Mediterranean|Sahel|Midwest|Silicon Valley|Capitol Hill|West|East
"""

KNOWN_PLACES = frozenset(
    name.strip()
    for block in (_COUNTRIES, _US_STATES, _CITIES, _REGIONS)
    for line in block.strip().splitlines()
    for name in line.split("|")
    if name.strip()
)


def is_known_place(name: str) -> bool:
    return name in KNOWN_PLACES
