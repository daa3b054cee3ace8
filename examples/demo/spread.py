"""Where the seeds say some examples have spread, recorded as the owners' own places.

Exactly what SKR's presentation (seed 003) says, nothing more: no dates (none are given), a
stage only where the seed names one, a count where only a number is known. The ``adoptions``
app's demo step stores these as spread places (``adoptions/demo.py``). Keys are the examples'
slugs; places name municipalities and counties by their SCB codes.
"""

SOURCE = "SKR:s presentation av uppföljningen av Strategi för hälsa (2023)"

# Only what the example's own municipalities (``content.py``) do not already say: Cross's pilot
# municipality Karlskoga, Kalmar and Öland's two municipalities, and Uppsala and Tierp (Gottsunda
# is a district of Uppsala kommun) are the examples' own places, so they are not repeated here.
SPREAD = {
    # "Arbetet gick från pilot i Karlskoga till att det nu är sex kommuner som ingår": six in
    # all, Karlskoga (the example's own municipality) among them, so five more.
    "cross-orebro-lan": [
        {"count": 5, "county": "18"},
    ],
    # "började via ett antal vårdcentraler och införs nu i hela länet"
    "aldremottagningar-uppsala-lan": [
        {"name": "Ett antal vårdcentraler", "county": "03"},
        {"county": "03"},
    ],
}
