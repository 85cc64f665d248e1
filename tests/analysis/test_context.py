"""Scoring with company context: mission conflicts, culture mismatches and fit by meaning.

Every company and answer here is team-written for these tests. The flag examples are scored as
a small labelled set; precision and recall over them are asserted (and printed with ``-s``):

    pytest -q -s tests/analysis/test_context.py -k precision_recall
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from aspira.analysis.context import blend_fit, read_context
from aspira.analysis.pipeline import score
from aspira.analysis.semantic import read
from aspira.analysis.text import make_doc
from aspira.company.model import Archetype, ArchetypeScore, Company, Fact, Offer
from aspira.company.store import FileCompanyStore
from aspira.errors import InputError, NotFoundError
from aspira.knowledge.context import context_data


def company(
    name: str,
    mission: str | None,
    values: Sequence[str] = (),
    archetype: Archetype | None = None,
    confidence: float = 0.8,
    culture: Sequence[str] = (),
    role: str | None = None,
    offers: Sequence[str] = (),
    text: str = "",
) -> Company:
    return Company(
        name=name,
        mission=Fact(value=mission, evidence=mission) if mission else None,
        values=[Fact(value=v.split(":")[0], evidence=v) for v in values],
        archetypes=(
            [ArchetypeScore(id=archetype, confidence=confidence, evidence=list(culture))]
            if archetype
            else []
        ),
        role_title=Fact(value=role, evidence=f"We are hiring a {role}.") if role else None,
        offers=[Offer(kind="skills", value=o, evidence=o) for o in offers],
        text=text,
    )


WILD = company(
    "Fenmoor Wildlife Trust",
    "Our mission is to protect endangered wildlife and restore the wetland habitats they need.",
    ["Evidence first: every project starts from field surveys.", "Hope: recovery is possible."],
    "mission_driven",
    0.8,
    ["We are a charity: every decision starts from what is best for wildlife."],
    "Reserve Warden",
    ["Training in ecological survey methods and species identification."],
)
HOSPITAL = company(
    "Larchfield Hospitals",
    "Our mission is to give every patient safe, compassionate care close to home.",
    ["Patients first: we listen before we treat.", "Safety: we speak up when something is wrong."],
    "customer_centric",
    0.75,
    ["Every patient should leave feeling heard and cared for."],
    "Ward Manager",
    ["Funded leadership training for ward sisters and charge nurses."],
)
PRIVACY = company(
    "Quillsafe",
    "We build private-by-default messaging so personal data stays with the people it belongs to.",
    ["Privacy is not a feature: it is the product.", "Openness: our code is public."],
    "innovative",
    0.6,
    ["We experiment with new cryptography before anyone else ships it."],
    "Backend Engineer",
    ["Time to publish and speak about security research."],
)
SOLAR = company(
    "Brightfold Energy",
    "Our mission is to cut carbon emissions by putting solar panels and heat pumps on every roof.",
    ["Move quickly: the climate will not wait."],
    "fast_growth",
    0.75,
    ["We have tripled in size in two years and everyone wears many hats."],
    "Project Engineer",
    ["Fast progression as the team grows."],
)
SCHOOL = company(
    "Open Shelf Learning",
    "We make good education free and open to every learner, whatever their background.",
    ["Inclusive: we design for people who have been left out."],
    "mission_driven",
    0.7,
    ["We are a non-profit and every course we make is free."],
    "Curriculum Designer",
    ["Mentoring from experienced teachers and instructional designers."],
)
COOP = company(
    "Weaver Mutual",
    "Weaver Mutual is a member-owned co-operative bank: we exist for our members, not for shareholders.",
    ["Prudence: we look after our members' money as if it were our own."],
    "traditional",
    0.8,
    ["Many of our colleagues have been with us for more than twenty years."],
    "Credit Risk Analyst",
    ["Sponsorship for professional banking qualifications."],
)
FOODBANK = company(
    "Northgate Food Network",
    "We are a charity working to end hunger in our city.",
    ["Dignity: everyone who comes to us is treated with respect."],
    "mission_driven",
    0.85,
    ["Our volunteers and staff are here because they believe in the cause."],
    "Operations Coordinator",
)
STUDIO = company(
    "Kite & Comet",
    "We help brave brands look like nobody else.",
    ["Be bold: we try what has not been tried."],
    "innovative",
    0.85,
    ["We reinvent how we work every season and set the trends others follow."],
    "Brand Designer",
    ["Time every month for your own experimental projects."],
)
SCALEUP = company(
    "Rollbird",
    "We make delivery routing simple for small shops.",
    ["Ship it: done beats perfect."],
    "fast_growth",
    0.75,
    ["We doubled our customers last year and the team grows every month."],
    "Operations Analyst",
)
BANK = company(
    "Harlow & Pike",
    "We have protected our clients' wealth for five generations.",
    ["Prudence: we never take risks with what is not ours."],
    "traditional",
    0.8,
    ["Our procedures have been refined over a hundred and fifty years."],
    "Relationship Manager",
    ["A structured graduate programme and a long-term career path."],
)
AGENCY = company(
    "Commonroom",
    "We help public services redesign around the people who use them.",
    ["Together: no one here works alone.", "Share early: show unfinished work."],
    "collaborative",
    0.8,
    ["Every project is run by a mixed team of designers, researchers and engineers."],
    "Service Designer",
)
RETAIL = company(
    "Pennyworth Home",
    "We want every customer to find what their home needs in one visit.",
    ["Customers first: we fix problems on the spot."],
    "customer_centric",
    0.8,
    ["Our store teams know customers by name."],
    "Store Supervisor",
)
OIL = company(
    "Deepline Offshore",
    "We find and produce offshore oil and gas safely and efficiently.",
    ["Safety first: everyone goes home safe."],
    "traditional",
    0.6,
    ["Our engineers follow proven procedures on every platform."],
    "Drilling Engineer",
)
ADTECH = company(
    "Beamly Media",
    "We help brands reach the right audience at the right moment.",
    ["Results: we measure everything."],
    "fast_growth",
    0.7,
    ["We grew to eighty people in three years."],
    "Data Analyst",
)
FREIGHT = company(
    "Kestrel Haulage",
    "We move goods across the country on time.",
    ["Reliability."],
    "traditional",
    0.4,
)
PLAIN = company("Tallow Systems", None)
STUDIO_UNSURE = STUDIO.model_copy(
    update={"archetypes": [ArchetypeScore(id="innovative", confidence=0.4, evidence=[])]}
)

# (company, answer) — the answer contradicts the company's mission.
MISSION_POSITIVE = [
    (WILD, "My aspiration is to become a professional big game hunter and guide trophy hunts."),
    (
        WILD,
        "Long term I'd love to run my own hunting estate where guests shoot deer and wild boar.",
    ),
    (WILD, "I want to build a business importing exotic reptiles and selling them as pets."),
    (WILD, "In five years I see myself managing a timber firm that clears old forest for logging."),
    (
        HOSPITAL,
        "My goal is to cut ward staffing to the bone so the hospital makes a bigger profit.",
    ),
    (HOSPITAL, "I want to maximise revenue per patient by upselling treatments they barely need."),
    (
        HOSPITAL,
        "I want to run clinics like a factory, pushing more patients through each hour for profit.",
    ),
    (PRIVACY, "I want to build ad-tech that tracks users across every site they visit."),
    (PRIVACY, "My ambition is to run a data brokerage that sells people's browsing histories."),
    (
        PRIVACY,
        "I'd like to lead a team that builds detailed behavioural profiles for targeted ads.",
    ),
    (SOLAR, "My aspiration is to lead offshore oil exploration and open up new drilling fields."),
    (SOLAR, "I want to grow a fracking business across the north of the country."),
    (SOLAR, "In ten years I'd like to be running a coal mine and a coal power station."),
    (
        SCHOOL,
        "My aim is to teach at an exclusive boarding school for the children of wealthy families.",
    ),
    (SCHOOL, "I want to build premium tutoring courses that only rich parents can afford."),
    (COOP, "My long-term goal is to maximise returns for shareholders and take the bank public."),
    (COOP, "I'd like to lead the sale of the business to a private equity firm."),
    (FOODBANK, "I want to grow profits for investors above everything else."),
    # written after the hard-negative prototypes, to check they cost no recall
    (
        HOSPITAL,
        "I want to cut nurse staffing to the minimum so the trust's margins improve.",
    ),
    (HOSPITAL, "My plan is to run wards with as few staff as possible to save money."),
    (
        HOSPITAL,
        "I'd like to trim the care budget on every ward, even if patients wait longer.",
    ),
    (COOP, "I want to squeeze the highest possible returns for outside investors."),
]

# (company, answer) — aligned, negated, or at a company whose mission it does not touch.
MISSION_NEGATIVE = [
    (WILD, "I want to stop poaching and help endangered species recover."),
    (WILD, "My aspiration is to lead anti-poaching work and end trophy hunting for good."),
    (WILD, "I want to run wetland surveys and help otter populations recover."),
    (WILD, "In five years I want to lead the data team that tracks wildlife populations."),
    (BANK, "My aspiration is to lead hunting expeditions for international clients."),
    (HOSPITAL, "I want to cut waiting times and spend more time with each patient."),
    (HOSPITAL, "I want to reduce waste in procurement so more of the budget goes to patient care."),
    (RETAIL, "My goal is to cut costs and raise our margins by fixing the supply chain."),
    (PRIVACY, "I want to build tools that stop companies tracking people online."),
    (PRIVACY, "My goal is to design products that collect as little personal data as possible."),
    (PRIVACY, "I'd like to lead the security team that monitors our servers for attacks."),
    (ADTECH, "I want to build ad-tech that targets audiences precisely."),
    (SOLAR, "I want to help oil and gas engineers retrain and move into renewables."),
    (SOLAR, "I want to phase out coal power in our region by building solar farms."),
    (OIL, "My aspiration is to lead offshore oil exploration and open up new fields."),
    (SCHOOL, "I want to widen access to education for children from poorer families."),
    (SCHOOL, "I want to make excellent courses free for everyone, not only for the wealthy."),
    (COOP, "I want to manage our finances carefully so surpluses go back to members."),
    (
        COOP,
        "I want to grow the co-operative so it stays owned by members rather than shareholders.",
    ),
    (SCALEUP, "My goal is to maximise returns for our shareholders as we scale."),
    (FOODBANK, "I want to build the partnerships that get surplus food to families who need it."),
    # hard negatives: an ambition said in the mission's own words (staffing, returns, trapping)
    (HOSPITAL, "As a ward manager I want to set staffing levels that keep every shift safe."),
    (
        HOSPITAL,
        "I want to shape the rota and budget of a whole unit so nurses have time for patients.",
    ),
    (
        HOSPITAL,
        "Long term I'd like to run a department, deciding its staffing, standards and culture.",
    ),
    (HOSPITAL, "I want to cut the paperwork that keeps nurses away from the bedside."),
    (WILD, "I want to lead the team that traps and tags otters so we can track their recovery."),
    (COOP, "I want to grow our returns on members' savings while keeping risk low."),
    (HOSPITAL, "I'd like to lead the team that plans nurse staffing across the hospital."),
    (HOSPITAL, "I want to set the standards of care for a whole ward and coach my team."),
    (HOSPITAL, "In five years I want to manage a unit's budget so that care never suffers."),
    (COOP, "I want to make members' savings earn more while we stay prudent."),
    # from the composer's matrix: the clause "where I can shape staffing" alone is close to
    # "slash staffing", the sentence it belongs to is not
    (
        HOSPITAL,
        "With the people I would serve in mind, I want to move into ward management, where I "
        "can shape staffing, standards and the culture of a whole unit.",
    ),
]

# (company, answer) — the working style the answer wants clashes with the company's culture.
CULTURE_POSITIVE = [
    (STUDIO, "I want a reliable job with stability and security so I can support my family."),
    (
        STUDIO,
        "What I value most is a predictable routine where I know exactly what each day brings.",
    ),
    (
        STUDIO,
        "I'm looking for somewhere I can settle into the same role for the next twenty years.",
    ),
    (STUDIO, "I work best with long, detailed procedures that I can follow step by step."),
    (SCALEUP, "I prefer a calm, slow pace and a clearly defined role that doesn't change."),
    (SCALEUP, "I want stability above all: a secure position with no surprises."),
    (SCALEUP, "I'd like a narrowly defined job with clear boundaries and plenty of process."),
    (BANK, "I want to move fast and break things, and shake up how banking works."),
    (BANK, "My aspiration is to disrupt the industry and throw out the old rulebook."),
    (BANK, "I thrive on chaos and constant change; I get bored if anything stays the same."),
    (BANK, "I want to experiment freely without approvals slowing me down."),
    (AGENCY, "I work best completely on my own and prefer not to depend on a team."),
    (AGENCY, "My goal is to outshine everyone else on the team and be recognised as the star."),
    (AGENCY, "I want to compete with my colleagues for every promotion and win."),
    (FOODBANK, "Honestly, my main goal is to earn as much money as I can, whatever the cause."),
    (FOODBANK, "The cause doesn't matter much to me as long as the salary keeps rising."),
    (RETAIL, "I want a back-office job where I never have to deal with customers."),
    (RETAIL, "Customers are not really my concern; I just want to hit my sales numbers."),
    # written after the hard-negative prototypes, to check they cost no recall
    (BANK, "I want to run experiments on live customers without waiting for sign-off."),
    (BANK, "I'd like to skip the approval process and just try things."),
    (STUDIO, "I want a safe, steady job where every day is the same."),
]

# (company, answer) — a style that fits, a negated clash, or a culture that is not confident.
CULTURE_NEGATIVE = [
    (STUDIO, "I want to set trends with bold ideas and lead our creative work."),
    (STUDIO, "I don't want a predictable routine; I want to experiment every week."),
    (STUDIO, "I want to build reliable, secure systems for our clients' campaigns."),
    (STUDIO, "In five years I want to lead a small team of designers who reinvent brands."),
    (BANK, "I want a stable, secure job with a predictable routine."),
    (BANK, "I want to build a long career here, improving our lending processes carefully."),
    (BANK, "I don't want to move fast and break things; I want to earn clients' trust."),
    (BANK, "I want to modernise our systems while keeping them reliable."),
    (SCALEUP, "I want to wear many hats and help the company scale quickly."),
    (SCALEUP, "I'm not looking for a narrowly defined role; I'd like to own problems end to end."),
    (SCALEUP, "I want to bring structure so our growing team can move faster."),
    (AGENCY, "I want to help my colleagues succeed and lead by bringing people together."),
    (AGENCY, "I can work independently, but I do my best work with a team around me."),
    (FOODBANK, "I want my work to serve a cause I believe in: ending hunger in our city."),
    (FOODBANK, "Money isn't what drives me; I want to make a real difference for families."),
    (RETAIL, "I want to listen to customers and fix what frustrates them in our stores."),
    (
        STUDIO_UNSURE,
        "I want a reliable job with stability and security so I can support my family.",
    ),
    (PLAIN, "I want a reliable job with stability and security so I can support my family."),
    (FREIGHT, "I want to move fast and break things, and shake up how haulage works."),
    # hard negatives: an ambition said in the words of the clashing style
    (BANK, "I want to become an analyst who designs careful experiments to test our pricing."),
    (
        BANK,
        "I'd like to run the experimentation programme that checks every change before launch.",
    ),
    (BANK, "Over time I hope to change how the whole firm works, one careful step at a time."),
    (
        STUDIO,
        "I take pride in working safely and neatly, and I want to lead bigger installations.",
    ),
    (STUDIO, "I want to make sure every shoot runs safely while we try bold new ideas."),
    (SCALEUP, "I want to build the routines that keep our fast-growing team steady."),
    (
        BANK,
        "I want to test new lending products carefully in small pilots before we roll them out.",
    ),
    (
        BANK,
        "I'd like to lead the analytics team that measures which changes actually help clients.",
    ),
    (
        STUDIO,
        "I care about doing the job safely and well, and I want to learn new techniques.",
    ),
]


def flags_for(c: Company, answer: str) -> set[str]:
    doc = make_doc(answer)
    return {f.id for f in read_context(doc, read(doc), c).found}


def precision_recall(
    flag: str, positive: list[tuple[Company, str]], negative: list[tuple[Company, str]]
) -> tuple[float, float, list[str]]:
    misses = [f"missed: {c.name}: {a}" for c, a in positive if flag not in flags_for(c, a)]
    false = [f"false: {c.name}: {a}" for c, a in negative if flag in flags_for(c, a)]
    tp = len(positive) - len(misses)
    precision = tp / (tp + len(false)) if tp + len(false) else 1.0
    return precision, tp / len(positive), misses + false


def test_example_counts() -> None:
    assert len(MISSION_POSITIVE) >= 16 and len(MISSION_NEGATIVE) >= 16
    assert len(CULTURE_POSITIVE) >= 16 and len(CULTURE_NEGATIVE) >= 16


@pytest.mark.parametrize(
    ("flag", "positive", "negative"),
    [
        ("mission_conflict", MISSION_POSITIVE, MISSION_NEGATIVE),
        ("culture_mismatch", CULTURE_POSITIVE, CULTURE_NEGATIVE),
    ],
)
def test_precision_recall(
    flag: str, positive: list[tuple[Company, str]], negative: list[tuple[Company, str]]
) -> None:
    precision, recall, errors = precision_recall(flag, positive, negative)
    print(
        f"\n{flag}: precision {precision:.2f}, recall {recall:.2f} "
        f"({len(positive)} positives, {len(negative)} negatives)"
    )
    for line in errors:
        print("  " + line)
    assert precision >= 0.85 and recall >= 0.90, errors


# (answer, a company it fits, a company it has nothing to do with)
FIT_PAIRS = [
    (
        "In five years I want to lead wetland restoration projects that bring rare birds back.",
        WILD,
        SCALEUP,
    ),
    ("I'd like to grow into a warden who runs species surveys and trains volunteers.", WILD, BANK),
    (
        "My aspiration is to lead a ward where every patient feels safe and listened to.",
        HOSPITAL,
        STUDIO,
    ),
    (
        "I want to become a nurse manager who improves patient safety across the hospital.",
        HOSPITAL,
        ADTECH,
    ),
    (
        "I want to build messaging systems where people's personal data never leaves their device.",
        PRIVACY,
        FOODBANK,
    ),
    (
        "My goal is to become a security engineer who designs strong end-to-end encryption.",
        PRIVACY,
        RETAIL,
    ),
    (
        "I want to lead installation projects that put solar panels and heat pumps on homes.",
        SOLAR,
        SCHOOL,
    ),
    (
        "In five years I'd like to run engineering for a clean-energy team cutting emissions.",
        SOLAR,
        BANK,
    ),
    (
        "I want to design free online courses that reach learners who were left out of school.",
        SCHOOL,
        OIL,
    ),
    ("My aim is to become a curriculum lead who makes learning open to everyone.", SCHOOL, SCALEUP),
    (
        "I want to become a credit risk specialist who protects members' savings for the long term.",
        COOP,
        STUDIO,
    ),
    ("I'd like to build a long career in prudent lending that serves our members.", COOP, ADTECH),
    (
        "I want to run the logistics that get food to families who would otherwise go hungry.",
        FOODBANK,
        PRIVACY,
    ),
    ("My aspiration is to lead bold brand design work that sets trends.", STUDIO, HOSPITAL),
    (
        "I want to become a creative director who experiments with new visual styles every season.",
        STUDIO,
        COOP,
    ),
    (
        "I want to help a fast-growing team scale its delivery routing for small shops.",
        SCALEUP,
        WILD,
    ),
    (
        "My goal is to grow into a relationship manager who earns clients' trust over decades.",
        BANK,
        SOLAR,
    ),
    (
        "I want to become a service designer who redesigns public services with the people who use them.",
        AGENCY,
        OIL,
    ),
    ("I want to lead a store team that fixes customers' problems on the spot.", RETAIL, SCHOOL),
    ("In five years I'd like to be leading offshore drilling operations safely.", OIL, FOODBANK),
    (
        "I want to become a data analyst who measures which campaigns reach the right audience.",
        ADTECH,
        WILD,
    ),
    (
        "I'd like to grow into a team lead who brings researchers, designers and engineers together.",
        AGENCY,
        BANK,
    ),
]


def fit_of(answer: str, c: Company | None) -> int:
    card = score(answer, company=c)
    return next(d.score for d in card.dimensions if d.id == "fit")


def test_fit_pairs_aligned_company_scores_higher() -> None:
    assert len(FIT_PAIRS) >= 20
    results = [(fit_of(a, good), fit_of(a, bad), a) for a, good, bad in FIT_PAIRS]
    wrong = [r for r in results if r[0] <= r[1]]
    print(
        f"\nfit pairs: {len(results) - len(wrong)}/{len(results)} higher with the aligned company"
    )
    for good, bad, a in results:
        print(f"  aligned {good:3d}  unrelated {bad:3d}  {a}")
    assert not wrong, wrong


def test_blend_formula() -> None:
    blend = context_data().fit.blend
    assert blend_fit(60, 60) == 60
    assert blend_fit(40, 100) == round((1 - blend) * 40 + blend * 100)
    assert blend_fit(0, 0) == 0 and blend_fit(100, 100) == 100


ANSWERS = [
    "In five years I want to lead a small data team that builds forecasting tools for stores.",
    "My long-term aspiration is to lead hunting expeditions for international clients.",
    "I want a reliable job with stability and security so I can support my family.",
    "Your job!",
]


@pytest.mark.parametrize("answer", ANSWERS)
def test_no_company_is_the_answer_alone(answer: str) -> None:
    alone = score(answer).to_json()
    assert score(answer, company=None).to_json() == alone
    assert score(answer).to_json() == alone  # deterministic
    assert "company" not in " ".join(score(answer).notes).lower()


def test_with_company_is_deterministic_and_only_fit_and_flags_change() -> None:
    answer = "My long-term aspiration is to lead hunting expeditions for international clients."
    alone, first, second = score(answer), score(answer, company=WILD), score(answer, company=WILD)
    assert first.to_json() == second.to_json()
    assert "mission_conflict" in first.flag_ids() and "mission_conflict" not in alone.flag_ids()
    before, after = alone.dimension_scores(), first.dimension_scores()
    assert {k: v for k, v in before.items() if k != "fit"} == {
        k: v for k, v in after.items() if k != "fit"
    }
    assert first.overall <= 60  # a severe flag caps the overall
    assert not any("not used" in n for n in first.notes)


def test_flag_evidence_names_both_sides() -> None:
    answer = "I want to do good work. Long term I want to become a professional trophy hunter."
    card = score(answer, company=WILD)
    hit = next(f for f in card.flags if f.id == "mission_conflict")
    assert "trophy hunter" in hit.evidence[0].text
    assert "protect endangered wildlife" in hit.matched  # the company's mission sentence
    culture = score("I want stability and a predictable routine above all.", company=STUDIO)
    mismatch = next(f for f in culture.flags if f.id == "culture_mismatch")
    assert "predictable routine" in mismatch.evidence[0].text
    assert "reinvent how we work" in mismatch.matched


def test_context_flags_in_rubric_order() -> None:
    answer = (
        "I plan to leave within a year. Until then I want to run trophy hunts for rich "
        "clients. Above all I want a stable routine where nothing changes."
    )
    wild_studio = WILD.model_copy(update={"archetypes": STUDIO.archetypes})
    ids = score(answer, company=wild_studio).flag_ids()
    assert "mission_conflict" in ids and "culture_mismatch" in ids
    from aspira.rubric import load_rubric

    order = [f.id for f in load_rubric().flags]
    assert ids == sorted(ids, key=order.index)


def test_fit_evidence_points_at_company_sentence() -> None:
    answer = "In five years I want to lead wetland restoration projects at Fenmoor Wildlife Trust that bring rare birds back."
    card = score(answer, company=WILD)
    fit = next(d for d in card.dimensions if d.id == "fit")
    whys = [e.why for e in fit.evidence]
    assert any(w.startswith("close to the mission") for w in whys), whys
    assert any("names the company" in w for w in whys), whys


def test_company_by_name_from_the_store() -> None:
    FileCompanyStore().save(WILD)
    answer = "I want to become a professional trophy hunter."
    assert (
        score(answer, company="fenmoor wildlife trust").to_json()
        == score(answer, company=WILD).to_json()
    )
    with pytest.raises(NotFoundError, match="Fenmoor Wildlife Trust"):
        score(answer, company="Nowhere Ltd")
    with pytest.raises(InputError):
        score(answer, company=42)  # type: ignore[arg-type]


def test_company_without_mission_or_culture_says_so() -> None:
    card = score("I want to lead a data team that builds forecasting tools.", company=PLAIN)
    assert any("Tallow Systems has no mission or culture saved" in n for n in card.notes)
    assert not {"mission_conflict", "culture_mismatch"} & set(card.flag_ids())


# Written after the prototypes, against companies extracted from the test postings: a check on
# wordings the data was not written from. Precision is asserted; recall is reported.
EXTRACTED = [
    ("otterline-trust.md", "mission_conflict", True,
     "One day I want to own a shooting estate and lead pheasant shoots for paying guests."),
    ("otterline-trust.md", "mission_conflict", False,
     "I'd love to help anglers and farmers stop polluting rivers so otters return."),
    ("otterline-trust.md", "mission_conflict", False,
     "I want to campaign against illegal trapping of otters."),
    ("northvale-hospitals.html", "mission_conflict", True,
     "My ambition is to run hospitals as lean businesses, cutting nurse numbers to lift margins."),
    ("northvale-hospitals.html", "mission_conflict", False,
     "I want to lead a team that shortens the time patients wait for surgery."),
    ("willowbank-care.txt", "mission_conflict", True,
     "I want to squeeze more profit out of each care home by trimming the care budget."),
    ("ashcombe-mutual.md", "mission_conflict", True,
     "My plan is to convert the society into a listed company and reward investors."),
    ("ashcombe-mutual.md", "mission_conflict", False,
     "I want to help members save for their first homes."),
    ("fern-and-flint.html", "culture_mismatch", True,
     "More than anything I'd like a settled job where each week looks like the last."),
    ("fern-and-flint.html", "culture_mismatch", False,
     "I want to keep pushing our visual language somewhere new every project."),
    ("harrowgate-bank.html", "culture_mismatch", True,
     "I'm happiest when I can rip up the old way of doing things and start again every quarter."),
    ("harrowgate-bank.html", "culture_mismatch", False,
     "I want to become a trusted adviser who looks after clients' savings for decades."),
    ("tessellate-software.html", "culture_mismatch", True,
     "Frankly I'd rather be left alone to code than sit in planning sessions with others."),
    ("tessellate-software.html", "culture_mismatch", False,
     "I want to pair with other engineers and grow into a tech lead who mentors."),
    ("tangleberry-yarns.md", "culture_mismatch", True,
     "Dealing with shoppers isn't for me; I want to stay behind the scenes."),
    ("tangleberry-yarns.md", "culture_mismatch", False,
     "I want to grow our online shop so knitters find what they need quickly."),
]  # fmt: skip


def test_extracted_companies_precision() -> None:
    from pathlib import Path

    from aspira.company.extract import extract_company, read_posting

    folder = Path(__file__).parent.parent / "data" / "companies"
    companies = {f: extract_company(read_posting(folder / f)) for f, *_ in EXTRACTED}
    got = [(flag, want, flag in flags_for(companies[f], a), a) for f, flag, want, a in EXTRACTED]
    for name in ("mission_conflict", "culture_mismatch"):
        rows = [g for g in got if g[0] == name]
        tp = sum(1 for _, want, hit, _ in rows if want and hit)
        fp = sum(1 for _, want, hit, _ in rows if not want and hit)
        positives = sum(1 for _, want, _, _ in rows if want)
        print(f"\n{name} on extracted companies: {tp}/{positives} found, {fp} false")
        assert fp == 0, [a for _, want, hit, a in rows if hit and not want]
