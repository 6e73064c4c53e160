# The default `orders` mapping (src/mapping/default_mappings.cpp, `lsmplus map orders
# --show-default`) written in jq, for the benchmark in bench/run: one Lightspeed order per input
# (the object inside the {"order": ...} envelope) -> the Mplus Order that lsmplus maps it to,
# field for field, with the same cfg and ctx as bench/mapping_bench.cpp.
#
#   jq -c --argjson articles "$(cat articles.json)" -f bench/orders.jq orders.jsonl
#
# $articles is the article table bench/gen-orders writes (sku or EAN -> Mplus article number); it
# stands in for the host function article(item), which looks a line up by sku, then EAN.
#
# Where jq differs from lsmx, and what this file does instead:
# - Time zones: jq has none. Europe/Amsterdam is computed with the EU rule, as lsmplus does
#   (util::amsterdam_time): summer time (UTC+2) from the last Sunday of March 01:00 UTC to the last
#   Sunday of October 01:00 UTC, else UTC+1. The offset in the input is applied first.
# - Money: lsmx computes cents with exact decimals; here `. * 100 | round` on binary doubles,
#   which gives the same cents for amounts with at most two decimals (all amounts of the corpus).
# - A field that maps to null, "" or false is left out of the target, as in FlowMapping.

def cfg: {branch: 1, employee_number: 999999, shipping_article: 900001, payment_article: 900002, language: "nl"};
def ctx: {shop_id: "000001", relation_number: 1005};

# present(x): not null, not false, not "".
def present: . != null and . != false and . != "";
def empty_to_null: if . == "" then null else . end;
def trim: if test("^[ \\t\\n\\r\\f\\v]|[ \\t\\n\\r\\f\\v]$") then sub("^[ \\t\\n\\r\\f\\v]+"; "") | sub("[ \\t\\n\\r\\f\\v]+$"; "") else . end;
# join(list, sep): the items that are not null, as text.
def join_present($sep): map(select(. != null) | tostring) | join($sep);
def cents: if . == null then null else . * 100 | round end;
# Leaves out the fields of an object that are null, "" or false.
def prune: del(.[] | select(present | not));

# ---- time: ISO 8601 with an offset -> Europe/Amsterdam wall clock ----------------------------

# Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil, as util/time.cpp).
def days_from_civil($y; $m; $d):
  ($y - (if $m <= 2 then 1 else 0 end)) as $yy
  | ((if $yy >= 0 then $yy else $yy - 399 end) / 400 | floor) as $era
  | ($yy - $era * 400) as $yoe
  | (((153 * (if $m > 2 then $m - 3 else $m + 9 end) + 2) / 5 | floor) + $d - 1) as $doy
  | ($yoe * 365 + ($yoe / 4 | floor) - ($yoe / 100 | floor) + $doy) as $doe
  | $era * 146097 + $doe - 719468;

# "2026-06-02T10:24:43+02:00" (or Z, or no offset: UTC) -> unix seconds.
def utc_seconds:
  days_from_civil(.[0:4] | tonumber; .[5:7] | tonumber; .[8:10] | tonumber) * 86400
  + (.[11:13] | tonumber) * 3600 + (.[14:16] | tonumber) * 60 + (.[17:19] | tonumber)
  - (if length > 19 and .[19:20] != "Z"
     then ((.[20:22] | tonumber) * 3600 + (.[23:25] | tonumber) * 60) * (if .[19:20] == "-" then -1 else 1 end)
     else 0 end);

# Unix seconds of 01:00 UTC on the last Sunday of March ($month 3) or October ($month 10).
def last_sunday_0100($year; $month):
  days_from_civil($year; $month; 31) as $days
  | ($days - ($days + 4) % 7) * 86400 + 3600;

def amsterdam:
  . as $t
  | (gmtime | .[0]) as $year
  | (if $t >= last_sunday_0100($year; 3) and $t < last_sunday_0100($year; 10) then 120 else 60 end) as $offset
  | ($t + $offset * 60 | gmtime) as $l
  | {sec: ($l[5] | floor), min: $l[4], hour: $l[3], day: $l[2], mon: ($l[1] + 1), year: $l[0], offset: $offset};

def mplus_datetime: {sec, min, hour, day, mon, year, isdst: false, timezone: .offset};
def mplus_date: {day, mon, year};

# ---- the mapping -----------------------------------------------------------------------------

def person_name($o): [($o.firstname | empty_to_null), ($o.middlename | empty_to_null), ($o.lastname | empty_to_null)]
  | join_present(" ");

# "Dorpsstraat" "546" "K 1" -> "Dorpsstraat 546 K 1"; "Laan" "1" "-3" -> "Laan 1-3"; "Kerkstraat" "19" "c" -> "Kerkstraat 19c".
def street_line($street; $number; $extension):
  ((if $street | present then $street else "" end)
   + (if $number | present then " " + $number else "" end)
   + (if $extension | present
      then (if $extension | test("^([-/]|[A-Za-z]$)") then "" else " " end) + $extension
      else "" end))
  | trim;

def address($o; $p; $company):
  {
    name: ($o[$p + "Name"] | if present then . else person_name($o) end),
    address: street_line($o[$p + "Street"]; $o[$p + "Number"]; $o[$p + "Extension"]),
    zipcode: $o[$p + "Zipcode"],
    city: $o[$p + "City"],
    country: ($o[$p + "Country"].code | if . == null then null else ascii_upcase end),
    companyName: $company
  } | prune;

def cost_line($price; $article; $title; $what):
  if ($price // 0 | cents) != 0 then
    [{articleNumber: ($article // error("the order has \($what) but flows.orders has no article for them")),
      text: ($title | if present then . else $what end),
      data: {quantity: 1, price: ($price | cents)}}]
  else [] end;

. as $o
| ($o.createdAt | if present then utc_seconds | amsterdam else error("createdAt is not a timestamp") end) as $local
| {
    extOrderId: (if $o.number | present then "LS" + ctx.shop_id + "-" + $o.number else error("the order has no number") end),
    entryBranchNumber: cfg.branch,
    employeeNumber: cfg.employee_number,
    entryTimestamp: ($local | mplus_datetime),
    relationNumber: ctx.relation_number,
    deliveryAddress: address($o; "addressShipping"; $o.addressShippingCompany),
    invoiceAddress: address($o; "addressBilling"; $o.companyName),
    financialDate: ($local | mplus_date),
    financialBranchNumber: cfg.branch,
    workplaceNumber: cfg.workplace,
    reference: $o.number,
    vatMethod: "VAT-METHOD-INCLUSIVE",
    lineList: {
      line: (
        [ $o.products.resource.embedded[]
          | {
              articleNumber: ($articles[.sku | if present then . else "" end] // $articles[.ean | if present then . else "" end]
                              // error("no Mplus article has the number, extArticleId or barcode of this line (sku '\(.sku)', ean '\(.ean)')")),
              text: ([(.productTitle | if present then . else null end), (.variantTitle | if present then . else null end)]
                     | join_present(" - ")),
              data: ({
                quantity: (.quantityOrdered // error("quantityOrdered is missing")
                           | if . > 0 and floor == . then . else error("quantityOrdered is not a positive whole number") end),
                price: (.basePriceIncl | cents // error("basePriceIncl is missing")),
                discountAmount: ((.discountIncl // 0 | cents) as $d | if $d != 0 then $d else null end)
              } | prune)
            } | prune ]
        + cost_line($o.shipmentPriceIncl; cfg.shipping_article; $o.shipmentTitle; "shipping costs")
        + cost_line($o.paymentPriceIncl; cfg.payment_article; $o.paymentTitle; "payment costs"))
    }
  }
| prune
