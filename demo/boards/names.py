"""Names and board layouts the demo draws from."""

from __future__ import annotations

import random

from orgs.models import OrganisationKind
from succession.models import (
    Criticality,
    PostRole,
    Readiness,
)
from talent.models import ProfessionalBackground

# --- Names -----------------------------------------------------------------------------------
# British leaders of many heritages; 150 first names and 200 surnames.

FIRST_NAMES = (
    # women
    "Sarah", "Helen", "Claire", "Emma", "Rachel", "Catherine", "Jane", "Susan", "Karen",
    "Elizabeth", "Victoria", "Louise", "Nicola", "Joanne", "Amanda", "Alison", "Fiona", "Gillian",
    "Katherine", "Lucy", "Hannah", "Charlotte", "Rebecca", "Laura", "Anna", "Ruth", "Mary",
    "Margaret", "Deborah", "Julie", "Lisa", "Kate", "Sian", "Rhiannon", "Cerys", "Eilidh",
    "Morag", "Siobhan", "Aoife", "Niamh", "Orla", "Priya", "Anjali", "Sunita", "Meera", "Aisha",
    "Fatima", "Samira", "Yasmin", "Shabnam", "Ayesha", "Zainab", "Amara", "Chidinma", "Ngozi",
    "Folake", "Adaeze", "Abena", "Grace", "Marcia", "Claudette", "Beverley", "Paulette", "Mei",
    "Hui", "Agnieszka", "Katarzyna", "Ioana", "Maria", "Sofia", "Elena", "Deepa", "Kavita",
    "Harpreet", "Simran", "Olivia", "Sophie", "Eleanor", "Harriet", "Imogen", "Philippa", "Tessa",
    "Bridget", "Joy",
    # men
    "David", "Andrew", "Mark", "Paul", "Richard", "James", "John", "Michael", "Peter", "Stephen",
    "Simon", "Ian", "Neil", "Martin", "Christopher", "Jonathan", "Matthew", "Robert", "Thomas",
    "William", "Daniel", "Nicholas", "Timothy", "Graham", "Alistair", "Hamish", "Callum", "Euan",
    "Gareth", "Rhys", "Dafydd", "Owain", "Sean", "Ciaran", "Declan", "Patrick", "Rajesh",
    "Sanjay", "Vikram", "Arun", "Amit", "Rohan", "Anil", "Imran", "Tariq", "Omar", "Yusuf",
    "Hassan", "Bilal", "Kwame", "Kofi", "Emeka", "Oluwaseun", "Tunde", "Femi", "Winston",
    "Delroy", "Marcus", "Jerome", "Wei", "Kenneth", "Tomasz", "Piotr", "Andreas", "Nikos",
    "Mohammed",
)  # fmt: skip

SURNAMES = (
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
    "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
    "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Jackson", "Wood", "Turner", "Martin",
    "Cooper", "Hill", "Ward", "Morris", "Moore", "Lee", "King", "Baker", "Harrison", "Morgan",
    "Allen", "Scott", "Phillips", "Watson", "Parker", "Price", "Bennett", "Young", "Griffiths",
    "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw",
    "Murphy", "Miller", "Cox", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Wilkinson",
    "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Hunt", "Campbell",
    "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler",
    "Russell", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Pearson", "Fletcher", "Walsh",
    "Gibson", "Howard", "Stewart", "Elliott", "Reynolds", "Fox", "Pearce", "Lawrence", "Atkinson",
    "Spencer", "Dawson", "O'Brien", "Rees", "Hart", "Hudson", "Webster", "Hunter", "Reid",
    "Robertson", "Kennedy", "Gardner", "Henderson", "Parry", "Burns", "Ross", "Hamilton", "Byrne",
    "McDonald", "O'Connor", "Doherty", "Kavanagh", "McLoughlin", "O'Sullivan", "Gallagher",
    "MacLeod", "Fraser", "Mackenzie", "Sinclair", "Buchanan", "Llewellyn", "Pritchard", "Vaughan",
    "Howells", "Patel", "Shah", "Sharma", "Gupta", "Mehta", "Desai", "Joshi", "Kumar", "Singh",
    "Kaur", "Chaudhry", "Iqbal", "Rahman", "Chowdhury", "Begum", "Khan", "Ali", "Hussain",
    "Ahmed", "Malik", "Qureshi", "Siddiqui", "Mistry", "Parmar", "Sandhu", "Dhillon", "Bains",
    "Nair", "Menon", "Pillai", "Rao", "Krishnan", "Kapoor", "Verma", "Akhtar", "Miah", "Adeyemi",
    "Mensah", "Owusu", "Boateng", "Asante", "Okonkwo", "Nwosu", "Adebayo", "Obi", "Bankole",
    "Olawale", "Abiodun", "Eze", "Achterberg", "Abdi", "Farah", "Warsame", "Chen", "Wong", "Li",
    "Zhang", "Lam", "Chan", "Ng", "Tang", "Cheung", "Nowak", "Kowalczyk", "Georgiou",
    "Christodoulou", "Yilmaz", "Rossi", "Cohen", "Levy", "Da Silva", "Fernandes", "Francis",
    "Grant", "Henry",
)  # fmt: skip

# --- Boards ----------------------------------------------------------------------------------

CE = PostRole.CHIEF_EXECUTIVE
FD = PostRole.FINANCE_DIRECTOR
MD = PostRole.MEDICAL_DIRECTOR
CN = PostRole.CHIEF_NURSE
COO = PostRole.CHIEF_OPERATING_OFFICER
DOW = PostRole.DIRECTOR_OF_WORKFORCE
OTHER = PostRole.OTHER_EXECUTIVE_DIRECTOR
CHAIR = PostRole.CHAIR
NED = PostRole.NON_EXECUTIVE_DIRECTOR
AO = PostRole.ACCOUNTABLE_OFFICER
EXECUTIVE = frozenset(PostRole.executive_roles())
COMMISSIONER_KINDS = frozenset({OrganisationKind.CCG, OrganisationKind.ICB})


def _family(role: str) -> str:
    """Accountable officers lead CCGs as chief executives lead trusts: one talent family."""
    return CE if role == AO else role


BACKGROUNDS = {
    FD: ProfessionalBackground.FINANCE,
    MD: ProfessionalBackground.CLINICAL,
    CN: ProfessionalBackground.CLINICAL,
    COO: ProfessionalBackground.OPERATIONS,
    DOW: ProfessionalBackground.WORKFORCE,
    OTHER: ProfessionalBackground.OTHER,
}
CE_BACKGROUNDS = (
    ProfessionalBackground.CLINICAL,
    ProfessionalBackground.FINANCE,
    ProfessionalBackground.OPERATIONS,
    ProfessionalBackground.OPERATIONS,
    ProfessionalBackground.OTHER,
)
NED_BACKGROUNDS = (
    ProfessionalBackground.OTHER,
    ProfessionalBackground.OTHER,
    ProfessionalBackground.FINANCE,
    ProfessionalBackground.CLINICAL,
    ProfessionalBackground.WORKFORCE,
)

FD_TITLES = (
    "Director of finance",
    "Chief financial officer",
    "Director of finance and performance",
)
MD_TITLES = ("Medical director", "Medical director", "Chief medical officer")
CN_TITLES = ("Chief nurse", "Director of nursing", "Director of nursing and quality")
COO_TITLES = ("Chief operating officer", "Chief operating officer", "Director of operations")
DOW_TITLES = (
    "Director of workforce",
    "Director of people",
    "Director of workforce and organisational development",
)
OTHER_EXECUTIVE_TITLES = (
    "Director of strategy",
    "Chief information officer",
    "Director of estates and facilities",
    "Director of corporate affairs",
    "Director of strategy and transformation",
    "Chief digital officer",
)
NED_COMMITTEE_TITLES = (
    "Non-executive director (audit committee chair)",
    "Non-executive director (quality committee chair)",
    "Non-executive director (finance committee chair)",
    "Non-executive director (people committee chair)",
    "Non-executive director (charitable funds)",
    "Non-executive director (digital)",
)
LAY_MEMBER_TITLES = (
    "Lay member for governance",
    "Lay member for patient and public involvement",
    "Secondary care specialist doctor",
)


def _trust_layout(rng: random.Random) -> list[tuple[str, str, str]]:
    """(role, title, criticality) for a trust board: six executives, often one more, the chair
    and four to six non-executive directors: about 13 posts."""
    layout = [
        (CE, "Chief executive", Criticality.CRITICAL),
        (FD, rng.choice(FD_TITLES), Criticality.CRITICAL),
        (MD, rng.choice(MD_TITLES), Criticality.HIGH),
        (CN, rng.choice(CN_TITLES), Criticality.HIGH),
        (COO, rng.choice(COO_TITLES), Criticality.HIGH),
        (DOW, rng.choice(DOW_TITLES), Criticality.HIGH),
    ]
    if rng.random() < 0.8:
        layout.append((OTHER, rng.choice(OTHER_EXECUTIVE_TITLES), Criticality.STANDARD))
    layout.append((CHAIR, "Chair", Criticality.CRITICAL))
    non_executives = rng.choices((4, 5, 6), weights=(1, 2, 1))[0]
    titles = ["Vice-chair", "Senior independent director"]
    titles += rng.sample(NED_COMMITTEE_TITLES, non_executives - 2)
    layout += [(NED, title, Criticality.STANDARD) for title in titles]
    return layout


def _commissioner_layout(rng: random.Random) -> list[tuple[str, str, str]]:
    """A CCG governing body's leadership posts: about 9."""
    layout = [
        (AO, "Accountable officer", Criticality.CRITICAL),
        (FD, "Chief finance officer", Criticality.CRITICAL),
        (CN, rng.choice(("Director of quality and nursing", "Chief nurse")), Criticality.HIGH),
    ]
    if rng.random() < 0.5:
        layout.append((COO, "Chief operating officer", Criticality.HIGH))
    if rng.random() < 0.6:
        title = rng.choice(
            ("Director of commissioning", "Director of primary care", "Director of strategy")
        )
        layout.append((OTHER, title, Criticality.STANDARD))
    if rng.random() < 0.4:
        layout.append((MD, "Medical director", Criticality.HIGH))
    layout.append((CHAIR, "Clinical chair", Criticality.CRITICAL))
    titles = list(LAY_MEMBER_TITLES)
    if rng.random() < 0.5:
        titles.append("Lay member for primary care commissioning")
    layout += [(NED, title, Criticality.STANDARD) for title in titles]
    return layout


# Internal talent: (job title, chance the board has one, seniority).
TRUST_TALENT = {
    CE: [("Deputy chief executive", 0.5, "deputy")],
    FD: [
        ("Deputy director of finance", 0.9, "deputy"),
        ("Associate director of finance", 0.6, "associate"),
        ("Head of financial planning", 0.4, "associate"),
    ],
    MD: [
        ("Deputy medical director", 0.8, "deputy"),
        ("Associate medical director", 0.7, "associate"),
        ("Clinical director for surgery", 0.5, "associate"),
        ("Clinical director for medicine", 0.4, "associate"),
    ],
    CN: [
        ("Deputy chief nurse", 0.9, "deputy"),
        ("Associate director of nursing", 0.6, "associate"),
        ("Head of nursing for quality", 0.4, "associate"),
    ],
    COO: [
        ("Deputy chief operating officer", 0.75, "deputy"),
        ("Divisional director of operations", 0.8, "associate"),
        ("Director of operations for planned care", 0.4, "associate"),
    ],
    DOW: [
        ("Deputy director of workforce", 0.85, "deputy"),
        ("Associate director of organisational development", 0.5, "associate"),
        ("Head of HR business partnering", 0.3, "associate"),
    ],
    OTHER: [
        ("Deputy director of strategy", 0.5, "deputy"),
        ("Associate director of transformation", 0.4, "associate"),
    ],
    NED: [
        ("Associate non-executive director", 0.5, "associate"),
        ("Associate non-executive director (NExT Director scheme)", 0.3, "associate"),
    ],
}
COMMISSIONER_TALENT = {
    CE: [("Deputy accountable officer", 0.4, "deputy")],
    FD: [
        ("Deputy chief finance officer", 0.9, "deputy"),
        ("Head of contracting and finance", 0.4, "associate"),
    ],
    CN: [("Deputy director of nursing", 0.7, "deputy"), ("Head of quality", 0.5, "associate")],
    COO: [
        ("Deputy chief operating officer", 0.6, "deputy"),
        ("Head of urgent care commissioning", 0.4, "associate"),
    ],
    OTHER: [
        ("Head of commissioning", 0.6, "associate"),
        ("Associate director of primary care", 0.4, "associate"),
    ],
    MD: [("Clinical lead for planned care", 0.5, "associate")],
    NED: [("Deputy lay member (shadow)", 0.2, "associate")],
}

EARLIER_TITLES = {
    CE: ("Chief operating officer", "Deputy chief executive", "Chief executive", "Director of strategy"),
    FD: ("Deputy director of finance", "Director of finance", "Financial controller", "Head of financial planning"),
    MD: ("Consultant physician", "Consultant surgeon", "Clinical director", "Associate medical director"),
    CN: ("Deputy director of nursing", "Head of nursing", "Matron", "Director of nursing"),
    COO: ("Divisional general manager", "Deputy chief operating officer", "Director of operations", "Head of performance"),
    DOW: ("Head of HR", "Deputy director of workforce", "Director of HR", "Associate director of organisational development"),
    OTHER: ("Head of strategy", "Associate director of transformation", "Head of IM&T", "Programme director"),
    CHAIR: ("Chief executive", "Non-executive director", "Chair", "Managing director"),
    NED: ("Partner", "Finance director", "Non-executive director", "Professor", "Director"),
}  # fmt: skip
OUTSIDE_NHS = (
    "NHS Trust Development Authority",
    "Monitor",
    "Department of Health",
    "Barnet and Chase Farm Hospitals NHS Trust",
    "NHS Lothian",
    "Betsi Cadwaladr University Health Board",
    "Kent County Council",
    "Birmingham City Council",
    "Royal Army Medical Corps",
    "KPMG",
    "Deloitte",
    "PwC",
    "Barclays",
    "Unilever",
    "University of Leeds",
    "King's College London",
    "Macmillan Cancer Support",
    "Citizens Advice",
)

NOTES = {
    Readiness.READY_NOW: (
        "Has covered the role on an acting basis.",
        "Ready now: strong board presence and track record.",
        "Completed a secondment into the role last year.",
        "",
    ),
    Readiness.ONE_TO_TWO_YEARS: (
        "Needs broader board exposure.",
        "On the Aspiring Chief Executive programme.",
        "Would benefit from a system leadership role first.",
        "Mentoring arranged with a sitting director.",
        "",
        "",
    ),
    Readiness.THREE_TO_FIVE_YEARS: (
        "Early career talent: develop through the NExT Director scheme.",
        "Needs experience outside their specialty.",
        "",
        "",
    ),
}
REMOVED_STILL_HERE = (
    "No longer wishes to be considered.",
    "Readiness reassessed at calibration.",
    "Chose a different career path.",
)
REMOVED_GONE = (
    "Left the NHS.",
    "Appointed to a post at another organisation.",
    "Retired.",
    "Left the organisation.",
)
# How many names a plan has had taken off over the years (0-7), by the kind of post.
REMOVED_EXECUTIVE = (10, 15, 18, 18, 15, 10, 8, 6)
REMOVED_COUNTS = {
    CHAIR: (20, 25, 25, 15, 10, 5, 0, 0),
    NED: (45, 30, 15, 10, 0, 0, 0, 0),
}
SIGN_OFF_COMMENTS = (
    "",
    "",
    "",
    "Discussed by the board in private session.",
    "Agreed; revisit after the divisional restructure.",
    "Approved. Please strengthen the emergency cover.",
)
# Roughly the largest trusts by income: their chief executives lead the top-200 list.
LARGEST_TRUSTS = (
    "RJ1", "R1H", "RW3", "RRK", "RYJ", "RR8", "RTH", "RGT", "RTD", "RHQ", "RJZ", "RX1", "RWE",
    "RRV", "RAL", "RHM", "RA7", "RJE", "RJ7", "RM1", "RTR", "RKB", "RWA", "RXH", "RXN", "RP4",
    "RBV", "RQM", "RVJ", "RTE",
)  # fmt: skip
TRUST_KIND_ORDER = (
    OrganisationKind.ACUTE_TRUST,
    OrganisationKind.MENTAL_HEALTH_TRUST,
    OrganisationKind.AMBULANCE_TRUST,
    OrganisationKind.COMMUNITY_TRUST,
    OrganisationKind.OTHER_TRUST,
)

READINESS_STEPS = (Readiness.READY_NOW, Readiness.ONE_TO_TWO_YEARS, Readiness.THREE_TO_FIVE_YEARS)
# Readiness weights (ready now, 1-2 years, 3-5 years) by who the nominee is.
READINESS_WEIGHTS = {
    "deputy": (30, 45, 25),
    "associate": (10, 40, 50),
    "colleague": (35, 45, 20),
    "non_executive": (40, 40, 20),
    "national": (40, 45, 15),
}
# How many successors a slate has (0-4), by the kind of post.
SLATE_SIZES = {
    CE: (5, 25, 35, 25, 10),
    CHAIR: (20, 40, 25, 10, 5),
    NED: (55, 30, 10, 5, 0),
}
EXECUTIVE_SLATE_SIZES = (12, 30, 30, 20, 8)
