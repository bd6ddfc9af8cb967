"""The intake questionnaire: its sections and questions in plain words, and the forms that ask
them. The keys and answer codes are those that headway.clinical.intake reads; the words are
here so they are translated with the rest of the interface."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from headway.clinical import intake as intake_rules
from headway.lib.problems import problem_message

YES_NO = [("yes", _("Yes")), ("no", _("No")), ("unsure", _("Not sure"))]


@dataclass(frozen=True)
class Question:
    key: str
    label: Any  # a lazily translated string
    kind: str = "yesno"  # yesno, choice, multi, number, text
    choices: tuple[tuple[str, Any], ...] = ()
    help: Any = ""
    minimum: float = 0
    maximum: float | None = None
    # The key of a yes/no question of the same section that this one follows up: asked only
    # after a "yes" there (the aura details after "yes, I have aura"), hidden otherwise.
    after_yes: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    intro: str | Promise
    questions: tuple[Question, ...]


DURATION_CHOICES = (
    ("lt15m", _("less than 15 minutes")),
    ("15m", _("15 minutes")),
    ("30m", _("30 minutes")),
    ("1h", _("1 hour")),
    ("2h", _("2 hours")),
    ("3h", _("3 hours")),
    ("4h", _("4 hours")),
    ("8h", _("8 hours")),
    ("12h", _("12 hours")),
    ("1d", _("1 day")),
    ("2d", _("2 days")),
    ("3d", _("3 days")),
    ("7d", _("a week")),
    ("gt7d", _("more than a week")),
)
INTENSITY_CHOICES = (
    ("mild", _("mild: I can carry on as usual")),
    ("moderate", _("moderate: it slows me down")),
    ("severe", _("severe: I have to stop what I am doing")),
    ("very_severe", _("very severe: the worst pain I can imagine")),
)
PER_DAY_CHOICES = (
    ("0.5", _("every other day")),
    *((str(n), str(n)) for n in range(1, 9)),
    ("9+", _("more than 8")),
)

# Aura symptoms (headway.clinical.ichd3.profile.AuraSymptom). The brainstem symptoms are asked
# one by one: ICHD-3 (2018) 1.2.2 B1 needs at least two of them, so one "brainstem" tick
# cannot decide it. Speech here is finding or understanding words (aphasia); slurred speech
# is dysarthria, a brainstem symptom (1.2.2 note 1).
AURA_CHOICES = (
    ("visual", _("seeing things: zigzags, flashes, a blind spot")),
    ("sensory", _("tingling or numbness")),
    ("speech", _("trouble finding words or understanding speech")),
    ("motor", _("weakness of an arm or leg")),
    ("retinal", _("seeing problems in one eye only")),
    ("dysarthria", _("slurred speech: the words come out blurred")),
    ("vertigo", _("spinning: the room turns (not just feeling light-headed)")),
    ("tinnitus", _("ringing or buzzing in the ears")),
    ("hypacusis", _("hearing less (not just a blocked feeling in the ear)")),
    ("diplopia", _("double vision")),
    ("ataxia", _("unsteady walking or clumsy movements, not from numbness")),
    ("decreased_consciousness", _("very drowsy, confused or hard to wake")),
)
# Answers earlier versions offered and stored answers may still hold: shown, never offered.
# "brainstem" was one tick for all brainstem symptoms; which ones is not known.
RETIRED_CHOICES: dict[str, tuple[tuple[str, Any], ...]] = {
    "aura_symptoms": (("brainstem", _("double vision, spinning, slurred speech or unsteadiness")),),
}

GENERAL = Section(
    "general",
    _("Your headaches"),
    _("A few questions about all your headaches together."),
    (
        Question(
            "kinds",
            _("How many different kinds of headache do you have?"),
            "choice",
            (("1", "1"), ("2", "2"), ("3", "3")),
            _("For example a throbbing one-sided headache and a dull pressing one are two kinds."),
        ),
        Question(
            "headache_days_per_month",
            _("On how many days a month do you have any headache?"),
            "number",
            maximum=31,
        ),
        Question("months", _("For how many months has it been like this?"), "number", maximum=1200),
    ),
)

HEADACHE_QUESTIONS = (
    Question("label", _("What do you call this headache?"), "text", help=_("In your own words.")),
    Question(
        "lifetime_attacks",
        _("How many times have you had this headache in your life?"),
        "choice",
        (
            ("1", _("once")),
            ("2-4", _("2 to 4 times")),
            ("5-9", _("5 to 9 times")),
            ("10-19", _("10 to 19 times")),
            ("20+", _("20 times or more")),
        ),
    ),
    Question(
        "duration_shortest",
        _("How long does it last at the shortest, without treatment or when treatment fails?"),
        "choice",
        DURATION_CHOICES,
    ),
    Question("duration_longest", _("And at the longest?"), "choice", DURATION_CHOICES),
    Question(
        "days_per_month",
        _("On how many days a month do you have this headache?"),
        "number",
        maximum=31,
    ),
    Question("months", _("For how many months has it been this often?"), "number", maximum=1200),
    Question(
        "location",
        _("Where is the pain?"),
        "choice",
        (
            ("one_side", _("on one side of the head")),
            ("both_sides", _("on both sides")),
            ("either", _("sometimes one side, sometimes both")),
            ("unsure", _("Not sure")),
        ),
    ),
    Question(
        "eye_or_temple", _("Is the pain in or around the eye, above the eye or at the temple?")
    ),
    Question(
        "quality",
        _("What does the pain feel like?"),
        "choice",
        (
            ("throbbing", _("throbbing or pulsing")),
            ("pressing", _("pressing or tight, like a band")),
            ("stabbing", _("stabbing or boring")),
            ("other", _("something else")),
            ("unsure", _("Not sure")),
        ),
    ),
    Question(
        "intensity_mildest", _("How strong is it at its mildest?"), "choice", INTENSITY_CHOICES
    ),
    Question("intensity_worst", _("How strong is it at its worst?"), "choice", INTENSITY_CHOICES),
    Question(
        "worse_with_activity",
        _(
            "Does everyday activity, like walking or climbing stairs, make it worse, or do you "
            "avoid it?"
        ),
    ),
    Question(
        "nausea",
        _("Do you feel sick (nauseous) with it?"),
        "choice",
        (
            ("none", _("No")),
            ("mild", _("a little")),
            ("strong", _("moderately or strongly")),
            ("unsure", _("Not sure")),
        ),
    ),
    Question("vomiting", _("Do you vomit with it?")),
    Question("light", _("Does light bother you during it?")),
    Question("sound", _("Does noise bother you during it?")),
    Question(
        "autonomic",
        _(
            "During the pain, on the same side: a red or watering eye, a runny or blocked nose, "
            "a drooping eyelid, or a sweaty or flushed face?"
        ),
    ),
    Question("restless", _("During the pain, are you restless or unable to keep still?")),
    Question(
        "attacks_per_day_least",
        _("If it comes in attacks: how many attacks on a quiet day?"),
        "choice",
        PER_DAY_CHOICES,
    ),
    Question("attacks_per_day_most", _("And on a bad day?"), "choice", PER_DAY_CHOICES),
    Question(
        "bouts",
        _("Does it come in periods of weeks or months, with pain-free times in between?"),
    ),
    Question("bouts_count", _("How many such periods have you had?"), "number", maximum=500),
    Question(
        "bout_shortest_days",
        _("How many days did the shortest period last?"),
        "number",
        maximum=3650,
    ),
    Question(
        "bout_longest_days", _("How many days did the longest period last?"), "number", maximum=3650
    ),
    Question(
        "remission_shortest_months",
        _("How many months was the shortest pain-free time between periods?"),
        "number",
        maximum=1200,
    ),
    Question(
        "months_without_remission",
        _("If there are no pain-free times: for how many months have the attacks gone on?"),
        "number",
        maximum=1200,
    ),
    Question(
        "aura",
        _(
            "Before or during the headache, do you have symptoms that come and go, such as "
            "zigzag lines, flashing lights, tingling or numbness, or trouble finding words?"
        ),
    ),
    # The aura details are read only after a "yes" to aura (headway.clinical.intake, ICHD-3
    # 1.2 criteria B-C), so they are asked only then (issue 13, 1.9).
    Question("aura_symptoms", _("Which of these?"), "multi", AURA_CHOICES, after_yes="aura"),
    Question("aura_reversible", _("Do these symptoms go away completely?"), after_yes="aura"),
    Question(
        "aura_spreads",
        _("Does a symptom spread slowly, over 5 minutes or more?"),
        after_yes="aura",
    ),
    Question(
        "aura_succession", _("Do two or more of them come one after another?"), after_yes="aura"
    ),
    Question(
        "aura_5_to_60_min", _("Does each one last between 5 and 60 minutes?"), after_yes="aura"
    ),
    Question("aura_one_side", _("Is at least one of them on one side only?"), after_yes="aura"),
    Question(
        "aura_positive",
        _("Is at least one something you see or feel (flashes, tingling)?"),
        after_yes="aura",
    ),
    Question(
        "aura_headache_within_60_min",
        _("Does the headache come with them or within an hour after?"),
        after_yes="aura",
    ),
)

RED_FLAGS = Section(
    "red_flags",
    _("Important warning signs"),
    _(
        "These questions look for signs that a doctor should see first. Answer as well as you "
        "can; “Not sure” is a fine answer."
    ),
    (
        Question(
            "systemic_symptoms",
            _("Do you have fever, chills, night sweats or weight loss you cannot explain?"),
        ),
        Question("neoplasm_history", _("Have you ever had cancer?")),
        Question(
            "neurological_deficit",
            _(
                "With the headache, have you had weakness, numbness, loss of vision, confusion "
                "or fainting?"
            ),
        ),
        Question(
            "sudden_onset",
            _("Has a headache ever reached its worst within a minute, like a thunderclap?"),
        ),
        Question(
            "age_at_onset",
            _("How old were you when these headaches began?"),
            "number",
            maximum=120,
        ),
        Question(
            "new_or_changed_headache",
            _("Is this a new headache, or has your usual headache changed?"),
        ),
        Question(
            "months_since_new_or_changed",
            _("If so, how many months ago did it start or change?"),
            "number",
            maximum=1200,
        ),
        Question(
            "positional",
            _("Does the headache get much worse when you stand up, or when you lie down?"),
        ),
        Question(
            "precipitated_by_valsalva_or_exercise",
            _("Is the headache brought on by coughing, sneezing, straining or exercise?"),
        ),
        Question(
            "progressive_or_atypical",
            _("Has the headache become steadily worse over weeks or months?"),
        ),
        Question(
            "pregnant_or_postpartum",
            _("Are you pregnant, or have you given birth in the last 6 weeks?"),
        ),
        Question(
            "painful_eye_with_autonomic_features",
            _("With the headache, is one eye painful and red, with blurred vision or haloes?"),
        ),
        Question(
            "post_traumatic_onset",
            _("Did the headaches begin after a blow to the head, a fall or an accident?"),
        ),
        Question(
            "immune_pathology",
            _(
                "Do you have an illness or take a treatment that weakens the immune system "
                "(for example HIV, chemotherapy, transplant medicines)?"
            ),
        ),
        Question(
            "painkiller_overuse_or_new_drug",
            _(
                "Did the headache begin when you started a new medicine, or do you take "
                "painkillers on more than 10 days a month?"
            ),
        ),
    ),
)

NECK = Section(
    "neck",
    _("Your neck and your health"),
    _(
        "Before anyone treats your neck, your practitioner checks for reasons to be careful. "
        "Your answers help them ask the right questions."
    ),
    (
        Question("neck_pain", _("Do you have neck pain?")),
        Question(
            "recent_trauma",
            _("Have you injured your head or neck in the last 6 weeks (accident, fall, sport)?"),
        ),
        Question("past_cervical_trauma", _("Have you ever had a serious neck injury?")),
        Question(
            "recent_minor_trauma_or_manipulation",
            _("Has your neck been manipulated (“cracked”) or knocked in the last weeks?"),
        ),
        Question("hypertension", _("Do you have high blood pressure?")),
        Question("hypercholesterolaemia", _("Do you have high cholesterol?")),
        Question(
            "cardiovascular_disease",
            _("Have you had heart or blood vessel disease, a stroke or a mini-stroke (TIA)?"),
        ),
        Question("diabetes", _("Do you have diabetes?")),
        Question("clotting_disorder", _("Do you have a blood clotting disorder?")),
        Question("anticoagulants", _("Do you take blood thinners?")),
        Question("long_term_steroids", _("Have you taken cortisone tablets for a long time?")),
        Question("smoking", _("Do you smoke?")),
        Question("recent_infection", _("Have you had an infection, such as a bad cold, recently?")),
        Question(
            "connective_tissue_disorder",
            _("Do you have a connective tissue disorder (for example Ehlers-Danlos or Marfan)?"),
        ),
        Question(
            "family_history_vascular",
            _("Has anyone in your family had a stroke or blood vessel disease young?"),
        ),
        Question("head_neck_surgery", _("Have you had surgery on your head or neck?")),
        Question("rheumatoid_arthritis", _("Do you have rheumatoid arthritis?")),
        Question("ankylosing_spondylitis", _("Do you have ankylosing spondylitis (Bechterew)?")),
        Question("psoriatic_arthritis", _("Do you have psoriatic arthritis?")),
        Question("down_syndrome", _("Do you have Down syndrome?")),
        Question("neck_trauma_whiplash", _("Have you had a whiplash injury?")),
        Question(
            "previous_neck_treatment",
            _("Has your neck been treated before? How did you react?"),
            "text",
        ),
    ),
)

MEDICATION = Section(
    "medication",
    _("Medicines"),
    _("The medicines you take for the headache when it comes, and how often."),
    (
        Question(
            "acute_days",
            _("On how many days a month do you take any medicine for headache?"),
            "number",
            maximum=31,
        ),
        Question(
            "non_opioid_analgesic_days",
            _("Days a month with simple painkillers (paracetamol, ibuprofen, aspirin)"),
            "number",
            maximum=31,
        ),
        Question(
            "triptan_days",
            _("Days a month with a triptan (for example sumatriptan)"),
            "number",
            maximum=31,
        ),
        Question(
            "combination_analgesic_days",
            _("Days a month with combination painkillers (for example with caffeine or codeine)"),
            "number",
            maximum=31,
        ),
        Question(
            "opioid_days",
            _("Days a month with opioids (for example tramadol)"),
            "number",
            maximum=31,
        ),
        Question("ergotamine_days", _("Days a month with ergotamine"), "number", maximum=31),
        Question(
            "other_days", _("Days a month with other headache medicines"), "number", maximum=31
        ),
        Question(
            "medication_months",
            _("For how many months have you taken them this often?"),
            "number",
            maximum=1200,
        ),
        Question("medication_names", _("Names and doses, if you know them"), "text"),
        Question("preventive", _("Medicines you take every day to prevent headache"), "text"),
        Question("oxygen", _("Do you use oxygen for your attacks?")),
    ),
)

LOW_BACK = Section(
    "low_back",
    _("Low back"),
    _("Some headaches come with low back pain. Tell us if you have it."),
    (
        Question("low_back_pain", _("Do you have low back pain?")),
        Question("low_back_months", _("For how many months?"), "number", maximum=1200),
        Question(
            "low_back_intensity",
            _("How strong is it on a usual day, from 0 (none) to 10 (worst imaginable)?"),
            "number",
            maximum=10,
        ),
        Question("low_back_leg", _("Does the pain go down into a leg?")),
        Question("low_back_daily_life", _("Does it stop you doing everyday things?")),
    ),
)

GOALS = Section(
    "goals",
    _("Your goals"),
    _("What would you like to change? This helps plan your care."),
    (
        Question("goals", _("What do you hope for from treatment?"), "text"),
        Question("matters_most", _("What would you most like to be able to do again?"), "text"),
    ),
)


def headache_section(number: int) -> Section:
    return Section(
        f"headache_{number}",
        pgettext_lazy("intake section", "Headache %(number)s") % {"number": number},
        _("Think of this kind of headache as it usually is when you do not treat it."),
        HEADACHE_QUESTIONS,
    )


def sections(kinds: int) -> list[Section]:
    return [
        GENERAL,
        *(headache_section(n) for n in range(1, kinds + 1)),
        RED_FLAGS,
        NECK,
        MEDICATION,
        LOW_BACK,
        GOALS,
    ]


def _field(question: Question) -> forms.Field:
    label = question.label
    if question.kind == "yesno":
        return forms.ChoiceField(
            label=label, choices=YES_NO, required=False, widget=forms.RadioSelect
        )
    if question.kind == "choice":
        return forms.ChoiceField(
            label=label,
            choices=[("", "—"), *question.choices],
            required=False,
            help_text=question.help,
        )
    if question.kind == "multi":
        return forms.MultipleChoiceField(
            label=label,
            choices=question.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
    if question.kind == "number":
        return forms.DecimalField(
            label=label,
            required=False,
            min_value=question.minimum,
            max_value=question.maximum,
            decimal_places=1,
            widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
        )
    return forms.CharField(
        label=label,
        required=False,
        max_length=2000,
        help_text=question.help,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SectionForm(forms.Form):
    """One section's questions. Every question may be left empty: a draft is a draft, and an
    unanswered question is "unknown" to the rules, never "no". With the intake's other answers
    (`answers`), an impossible answer (a shortest headache longer than the longest, more days
    with this headache than with any) is an error on its question, by the clinical core's rules
    (headway.clinical.checks); without them only each answer alone is checked."""

    def __init__(
        self,
        section: Section,
        data: Any = None,
        initial: dict[str, Any] | None = None,
        *,
        answers: Mapping[str, Any] | None = None,
        kinds: int = 1,
        keep_earlier: bool = False,
    ) -> None:
        super().__init__(data=data, initial=initial)
        self.section = section
        self.answers = answers
        self.kinds = kinds
        self.keep_earlier = keep_earlier
        self.follow_ups = {q.key: q.after_yes for q in section.questions if q.after_yes}
        for question in section.questions:
            self.fields[question.key] = _field(question)
            # Read by the template: the page hides the question until that "yes".
            cast(Any, self.fields[question.key]).after_yes = question.after_yes
            # A stored answer that is no longer offered stays ticked and can be kept or
            # unticked, rather than vanishing when the section is saved again.
            given = (initial or {}).get(question.key) or ()
            kept = [c for c in RETIRED_CHOICES.get(question.key, ()) if c[0] in given]
            if kept:
                field = self.fields[question.key]
                assert isinstance(field, forms.MultipleChoiceField)
                field.choices = [*question.choices, *kept]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Follow-up answers sent with "no" or "not sure" to their question (a page without
        # JavaScript shows them) are dropped: they would contradict it. An empty answer there
        # keeps them, as it keeps an earlier answer.
        for key, parent in self.follow_ups.items():
            if data.get(parent) and data[parent] != "yes":
                data[key] = [] if isinstance(data.get(key), list) else None
        if self.answers is None:
            return data
        here = stored(data)
        if self.keep_earlier:
            here = {**self.answers.get(self.section.key, {}), **here}
        answers = {**self.answers, self.section.key: here}
        kinds = int(answers.get("general", {}).get("kinds") or self.kinds)
        questions = {
            (step.key, q.key): (step, q) for step in sections(kinds) for q in step.questions
        }
        for found in intake_rules.answer_problems(answers, kinds=kinds):
            # An answer that conflicts with another section is shown on whichever of the two
            # is asked here; problems only in other sections do not hold this one up.
            if found.section == self.section.key and found.question in self.fields:
                field, other, flipped = found.question, found.other, False
            elif found.other is not None and found.other[0] == self.section.key:
                field, other, flipped = found.other[1], (found.section, found.question), True
            else:
                continue
            label = value = ""
            if other is not None and other in questions:
                step, question = questions[other]
                label = str(question.label)
                if step.key != self.section.key:
                    label = f"{step.title}: {label}"
                if question.kind in ("number", "choice"):
                    given = answers.get(other[0], {}).get(other[1])
                    value = display(question, given) if given not in (None, "") else ""
            if field in self.fields and field not in self.errors:
                self.add_error(
                    field,
                    problem_message(
                        found.problem, other_label=label, other_value=value, flipped=flipped
                    ),
                )
        return data


def stored(cleaned: dict[str, Any]) -> dict[str, Any]:
    """Cleaned form data as JSON: decimals as numbers, empty answers left out."""
    result: dict[str, Any] = {}
    for key, value in cleaned.items():
        if value in (None, "", []):
            continue
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        result[key] = value
    return result


def display(question: Question, value: Any) -> str:
    """An answer as the patient saw it, in the reader's language."""
    if question.kind == "yesno":
        return str(dict(YES_NO).get(value, value))
    if question.kind == "choice":
        return str(dict(question.choices).get(value, value))
    if question.kind == "multi":
        labels = dict((*question.choices, *RETIRED_CHOICES.get(question.key, ())))
        return ", ".join(str(labels.get(v, v)) for v in value)
    return str(value)
