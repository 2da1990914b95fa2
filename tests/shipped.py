"""What the shipped data holds, as tests expect it: written once, checked by the overview, map and page tests."""

# Western universities (and institutes) with a place on the map that cut, suspended or reviewed Huawei ties.
WESTERN_TIE_PLACES = {
    "princeton",
    "oxford",
    "uc-berkeley",
    "stanford",
    "ut-austin",
    "mit",
    "ohio-state",
    "umn",
    "ucsd",
    "uiuc",
    "purdue",
    "penn-state",
}
# Russian universities and institutes with a Huawei tie.
RUSSIAN_PARTNER_PLACES = {"skoltech", "nstu", "mipt", "nsu", "spbpu", "kfu", "rtu-mirea"}
