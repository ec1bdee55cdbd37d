//! Units and currencies that can follow or precede a number.

use crate::lower::Lower;

/// A duration unit's canonical (singular) name.
pub fn duration_unit(word: &str) -> Option<&'static str> {
    let lower = Lower::new(word);
    let lower = lower.trim_end_matches(['\'', '’']);
    Some(match lower {
        "year" | "years" | "yr" | "yrs" => "year",
        "month" | "months" => "month",
        "week" | "weeks" => "week",
        "day" | "days" => "day",
        "hour" | "hours" | "hr" | "hrs" => "hour",
        "minute" | "minutes" | "min" | "mins" => "minute",
        "second" | "seconds" | "sec" | "secs" => "second",
        "decade" | "decades" => "decade",
        "century" | "centuries" => "century",
        _ => return None,
    })
}

/// Length of a duration unit in days, for comparing durations.
pub fn duration_in_days(unit: &str) -> Option<f64> {
    Some(match unit {
        "year" => 365.25,
        "month" => 30.436_875,
        "week" => 7.0,
        "day" => 1.0,
        "hour" => 1.0 / 24.0,
        "minute" => 1.0 / 1440.0,
        "second" => 1.0 / 86_400.0,
        "decade" => 3652.5,
        "century" => 36_525.0,
        _ => return None,
    })
}

/// A currency symbol or code written before the amount.
pub fn currency_prefix(token: &str) -> Option<&'static str> {
    Some(match token {
        "$" | "US$" | "USD" => "USD",
        "€" | "EUR" => "EUR",
        "£" | "GBP" => "GBP",
        "¥" | "JPY" => "JPY",
        "₹" | "INR" => "INR",
        "Rs" | "PKR" | "₨" => "PKR",
        "CNY" | "RMB" => "CNY",
        "A$" | "AUD" => "AUD",
        "C$" | "CAD" => "CAD",
        "S$" | "SGD" => "SGD",
        "HK$" | "HKD" => "HKD",
        "RM" | "MYR" => "MYR",
        "CHF" => "CHF",
        "TRY" | "₺" => "TRY",
        "SAR" => "SAR",
        "AED" => "AED",
        "KRW" | "₩" => "KRW",
        "NGN" | "₦" => "NGN",
        "ZAR" => "ZAR",
        _ => return None,
    })
}

/// A currency named after the amount ("50 million rupees", "5 euros").
pub fn currency_suffix(word: &str) -> Option<&'static str> {
    let lower = Lower::new(word);
    Some(match &*lower {
        "dollar" | "dollars" | "usd" => "USD",
        "euro" | "euros" | "eur" => "EUR",
        "sterling" | "gbp" => "GBP",
        "rupee" | "rupees" | "pkr" => "PKR",
        "inr" => "INR",
        "yen" | "jpy" => "JPY",
        "yuan" | "renminbi" | "cny" => "CNY",
        "ringgit" | "myr" => "MYR",
        "lira" | "liras" => "TRY",
        "riyal" | "riyals" => "SAR",
        "dirham" | "dirhams" => "AED",
        "won" if word != "won" => "KRW",
        "naira" => "NGN",
        "rand" if word != "rand" => "ZAR",
        "cent" | "cents" => "cent",
        "penny" | "pence" => "penny",
        _ => return None,
    })
}

/// Units of measurement, case-sensitive where the short form is ambiguous.
/// Returns the canonical unit and how many words the surface used (1 or 2).
pub fn measurement_unit(first: &str, second: Option<&str>) -> Option<(&'static str, usize)> {
    let starts_pair = matches!(
        &*Lower::new(first),
        "square" | "sq" | "cubic" | "nautical" | "degrees" | "light"
    );
    if let Some(second) = second.filter(|_| starts_pair) {
        let pair = format!(
            "{} {}",
            first.to_ascii_lowercase(),
            second.to_ascii_lowercase()
        );
        let two = match pair.as_str() {
            "square kilometres" | "square kilometers" | "square kilometre" | "square kilometer"
            | "sq km" => Some("km2"),
            "square miles" | "square mile" | "sq mi" => Some("sq mi"),
            "square metres" | "square meters" | "sq m" => Some("m2"),
            "square feet" | "sq ft" => Some("sq ft"),
            "cubic kilometres" | "cubic kilometers" => Some("km3"),
            "cubic metres" | "cubic meters" => Some("m3"),
            "nautical miles" | "nautical mile" => Some("nmi"),
            "degrees celsius" | "degrees centigrade" => Some("°C"),
            "degrees fahrenheit" => Some("°F"),
            "light years" => Some("light-year"),
            _ => None,
        };
        if let Some(unit) = two {
            return Some((unit, 2));
        }
    }
    let exact = match first {
        "km" | "KM" => Some("km"),
        "m" => Some("m"),
        "cm" => Some("cm"),
        "mm" => Some("mm"),
        "nm" => Some("nm"),
        "mi" => Some("mile"),
        "ft" => Some("ft"),
        "kg" | "Kg" => Some("kg"),
        "g" => Some("g"),
        "mg" => Some("mg"),
        "lb" | "lbs" => Some("lb"),
        "L" | "l" => Some("l"),
        "ml" | "mL" => Some("ml"),
        "km2" | "km²" => Some("km2"),
        "mph" => Some("mph"),
        "kph" => Some("km/h"),
        "W" => Some("W"),
        "kW" => Some("kW"),
        "MW" => Some("MW"),
        "GW" => Some("GW"),
        "Wh" => Some("Wh"),
        "kWh" => Some("kWh"),
        "MWh" => Some("MWh"),
        "GWh" => Some("GWh"),
        "V" => Some("V"),
        "eV" => Some("eV"),
        "keV" => Some("keV"),
        "MeV" => Some("MeV"),
        "GeV" => Some("GeV"),
        "TeV" => Some("TeV"),
        "mAh" => Some("mAh"),
        "Hz" => Some("Hz"),
        "kHz" => Some("kHz"),
        "MHz" => Some("MHz"),
        "GHz" => Some("GHz"),
        "KB" | "kB" => Some("KB"),
        "MB" => Some("MB"),
        "GB" => Some("GB"),
        "TB" => Some("TB"),
        "PB" => Some("PB"),
        "EB" => Some("EB"),
        "MP" => Some("megapixel"),
        "ha" => Some("hectare"),
        _ => None,
    };
    if let Some(unit) = exact {
        return Some((unit, 1));
    }
    let lower = Lower::new(first);
    let word = match &*lower {
        "kilometre" | "kilometres" | "kilometer" | "kilometers" => "km",
        "metre" | "metres" | "meter" | "meters" => "m",
        "centimetre" | "centimetres" | "centimeter" | "centimeters" => "cm",
        "millimetre" | "millimetres" | "millimeter" | "millimeters" => "mm",
        "nanometre" | "nanometres" | "nanometer" | "nanometers" => "nm",
        "picometre" | "picometres" | "picometer" | "picometers" => "pm",
        "mile" | "miles" => "mile",
        "foot" | "feet" => "ft",
        "inch" | "inches" => "in",
        "yard" | "yards" => "yd",
        "kilogram" | "kilograms" | "kilo" | "kilos" => "kg",
        "gram" | "grams" => "g",
        "milligram" | "milligrams" => "mg",
        "tonne" | "tonnes" | "ton" | "tons" => "t",
        "pound" | "pounds" => "lb",
        "ounce" | "ounces" => "oz",
        "litre" | "litres" | "liter" | "liters" => "l",
        "gallon" | "gallons" => "gal",
        "barrel" | "barrels" => "bbl",
        "hectare" | "hectares" => "hectare",
        "acre" | "acres" => "acre",
        "knot" | "knots" => "kn",
        "degree" | "degrees" => "degree",
        "watt" | "watts" => "W",
        "kilowatt" | "kilowatts" => "kW",
        "megawatt" | "megawatts" => "MW",
        "gigawatt" | "gigawatts" => "GW",
        "volt" | "volts" => "V",
        "byte" | "bytes" => "byte",
        "bit" | "bits" => "bit",
        "kilobyte" | "kilobytes" => "KB",
        "megabyte" | "megabytes" => "MB",
        "gigabyte" | "gigabytes" => "GB",
        "terabyte" | "terabytes" => "TB",
        "exabyte" | "exabytes" => "EB",
        "megapixel" | "megapixels" => "megapixel",
        "pixel" | "pixels" => "pixel",
        "gigahertz" => "GHz",
        "megahertz" => "MHz",
        "kelvin" => "K",
        _ => return None,
    };
    Some((word, 1))
}
