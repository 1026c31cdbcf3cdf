"""A synthetic population register: households and residents, vectorised with numpy.

Each neighbourhood gets a character (students, families, elderly, social housing, mixed)
that sets its household sizes, ages, tenure, education and origin, so that the
neighbourhoods differ the way real ones do. A million residents take a few seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from faker import Faker

HEAD_AGE_BANDS = [(18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 74), (75, 94)]
TENURES = ["koop", "sociale huur", "particuliere huur"]
EDUCATIONS = ["laag", "middelbaar", "hoog"]
ORIGINS = ["Nederland", "Europa", "buiten Europa"]
GENDERS = ["vrouw", "man", "anders"]


@dataclass(frozen=True)
class Character:
    name: str
    size_probs: tuple[float, ...]  # household sizes 1..6
    head_age_probs: tuple[float, ...]  # over HEAD_AGE_BANDS, for heads of 1-2 person households
    tenure_probs: tuple[float, ...]
    education_probs: tuple[float, ...]
    origin_probs: tuple[float, ...]


CHARACTERS = [
    Character("studenten", (0.62, 0.25, 0.06, 0.05, 0.015, 0.005),
              (0.40, 0.32, 0.10, 0.06, 0.05, 0.04, 0.03), (0.15, 0.30, 0.55),
              (0.15, 0.35, 0.50), (0.70, 0.14, 0.16)),
    Character("gezinnen", (0.18, 0.30, 0.17, 0.24, 0.08, 0.03),
              (0.03, 0.15, 0.20, 0.22, 0.18, 0.13, 0.09), (0.70, 0.15, 0.15),
              (0.15, 0.40, 0.45), (0.84, 0.07, 0.09)),
    Character("ouderen", (0.45, 0.40, 0.07, 0.05, 0.02, 0.01),
              (0.02, 0.06, 0.08, 0.12, 0.20, 0.27, 0.25), (0.55, 0.35, 0.10),
              (0.35, 0.40, 0.25), (0.88, 0.06, 0.06)),
    Character("sociale huur", (0.40, 0.25, 0.13, 0.12, 0.06, 0.04),
              (0.10, 0.20, 0.18, 0.17, 0.15, 0.11, 0.09), (0.12, 0.75, 0.13),
              (0.45, 0.40, 0.15), (0.55, 0.13, 0.32)),
    Character("gemengd", (0.38, 0.32, 0.12, 0.12, 0.04, 0.02),
              (0.08, 0.20, 0.16, 0.17, 0.16, 0.13, 0.10), (0.50, 0.30, 0.20),
              (0.28, 0.40, 0.32), (0.76, 0.10, 0.14)),
]  # fmt: skip


@dataclass(frozen=True)
class Register:
    households: pd.DataFrame  # id, neighbourhood_id, part_id, tenure, size
    residents: pd.DataFrame  # id, household_id, neighbourhood_id, part_id, birth_date, ...
    contacts: pd.DataFrame  # resident_id, first_name, last_name, street, ...


def characters_for(rng: np.random.Generator, count: int) -> list[Character]:
    """Every character appears once before any repeats, in a seeded order."""
    order = np.concatenate([rng.permutation(len(CHARACTERS)) for _ in range(count // 5 + 1)])
    return [CHARACTERS[i] for i in order[:count]]


def build_register(
    rng: np.random.Generator,
    faker: Faker,
    residents: int,
    neighbourhood_ids: np.ndarray,
    part_ids: np.ndarray,  # shape (neighbourhoods, 4)
    characters: list[Character],
    city: str,
    today: date,
    first_household_id: int = 1,
    first_resident_id: int = 1,
) -> Register:
    n_hoods = len(neighbourhood_ids)
    weights = rng.uniform(0.6, 1.4, n_hoods)
    targets = _split(residents, weights / weights.sum())

    sizes_per_hood = []
    for target, character in zip(targets, characters, strict=True):
        probs = np.array(character.size_probs)
        mean = float(probs @ np.arange(1, 7))
        sizes = rng.choice(np.arange(1, 7), size=int(target / mean * 1.1) + 10, p=probs)
        cut = int(np.searchsorted(np.cumsum(sizes), target))
        sizes = sizes[: cut + 1]
        sizes[-1] -= int(sizes.sum() - target)  # the last household takes up the remainder
        sizes_per_hood.append(sizes[sizes > 0])
    hh_hood = np.concatenate(
        [np.full(len(s), i, dtype=np.int64) for i, s in enumerate(sizes_per_hood)]
    )
    hh_size = np.concatenate(sizes_per_hood).astype(np.int64)
    n_households = len(hh_size)

    part_weights = rng.dirichlet(np.full(4, 6.0), size=n_hoods)
    hh_part_index = _choice_rows(rng, part_weights[hh_hood])
    hh_tenure = _choice_rows(rng, np.array([c.tenure_probs for c in characters])[hh_hood])
    hh_origin = _choice_rows(rng, np.array([c.origin_probs for c in characters])[hh_hood])
    head_age = _head_ages(rng, characters, hh_hood, hh_size)

    # Residents: one row per household member; position 0 is the head.
    member_hh = np.repeat(np.arange(n_households), hh_size)
    starts = np.cumsum(hh_size) - hh_size
    position = np.arange(len(member_hh)) - np.repeat(starts, hh_size)
    n_people = len(member_hh)
    # Two-person households are a couple 85% of the time, else a parent with a child.
    couple = np.where(hh_size == 2, rng.random(n_households) < 0.85, hh_size >= 3)
    is_partner = (position == 1) & couple[member_hh]
    is_child = (position >= 1) & ~is_partner

    heads = head_age[member_hh]
    age = heads.copy()
    partner_age = heads + np.rint(rng.normal(0, 3.5, n_people)).astype(np.int64)
    age = np.where(is_partner, np.clip(partner_age, 18, 99), age)
    child_max = np.clip(heads - 20, 0, 30)
    child_age = np.floor(rng.random(n_people) * (child_max + 1)).astype(np.int64)
    age = np.where(is_child, child_age, age)

    head_gender = rng.choice(3, size=n_households, p=[0.497, 0.497, 0.006])
    gender = rng.choice(3, size=n_people, p=[0.497, 0.497, 0.006])
    opposite = np.where(head_gender == 0, 1, 0)[member_hh]
    partner_gender = np.where(rng.random(n_people) < 0.93, opposite, gender)
    gender = np.where(position == 0, head_gender[member_hh], gender)
    gender = np.where(is_partner, partner_gender, gender)

    edu_probs = np.array([c.education_probs for c in characters])[hh_hood[member_hh]]
    education = _choice_rows(rng, edu_probs)
    education_labels = np.array(EDUCATIONS, dtype=object)[education]
    education_labels = np.where(age < 16, "onbekend", education_labels)

    days_into_year = rng.integers(0, 365, n_people)
    birth = (
        np.datetime64(today, "D")
        - (age * 365.25).astype("timedelta64[D]")
        - days_into_year.astype("timedelta64[D]")
    )
    years_here = np.minimum(rng.exponential(9.0, n_people), age + 0.5)
    since = np.datetime64(today, "D") - (years_here * 365.25).astype("timedelta64[D]")
    since = np.maximum(since, birth)

    household_ids = np.arange(first_household_id, first_household_id + n_households)
    resident_ids = np.arange(first_resident_id, first_resident_id + n_people)
    hood_ids = neighbourhood_ids[hh_hood]
    hh_parts = part_ids[hh_hood, hh_part_index]
    tenure_labels = np.array(TENURES, dtype=object)[hh_tenure]

    households = pd.DataFrame(
        {
            "id": household_ids,
            "neighbourhood_id": hood_ids,
            "part_id": hh_parts,
            "tenure": tenure_labels,
            "size": hh_size,
        }
    )
    people = pd.DataFrame(
        {
            "id": resident_ids,
            "household_id": household_ids[member_hh],
            "neighbourhood_id": hood_ids[member_hh],
            "part_id": hh_parts[member_hh],
            "birth_date": birth,
            "gender": np.array(GENDERS, dtype=object)[gender],
            "education": education_labels,
            "tenure": tenure_labels[member_hh],
            "origin": np.array(ORIGINS, dtype=object)[hh_origin][member_hh],
            "registered_since": since,
        }
    )
    contacts = _contacts(rng, faker, resident_ids, member_hh, is_partner, gender, hh_hood, city)
    return Register(households, people, contacts)


def _head_ages(
    rng: np.random.Generator, characters: list[Character], hh_hood: np.ndarray, size: np.ndarray
) -> np.ndarray:
    probs = np.array([c.head_age_probs for c in characters])[hh_hood]
    families = size >= 3
    # Parents of children at home are mostly 28 to 55.
    probs[families] = np.array([0.01, 0.22, 0.38, 0.29, 0.08, 0.015, 0.005])
    band = _choice_rows(rng, probs)
    low = np.array([b[0] for b in HEAD_AGE_BANDS])[band]
    high = np.array([b[1] for b in HEAD_AGE_BANDS])[band]
    return (low + np.floor(rng.random(len(band)) * (high - low + 1))).astype(np.int64)


def _contacts(
    rng: np.random.Generator,
    faker: Faker,
    resident_ids: np.ndarray,
    member_hh: np.ndarray,
    is_partner: np.ndarray,
    gender: np.ndarray,
    hh_hood: np.ndarray,
    city: str,
) -> pd.DataFrame:
    """Names and addresses from Faker pools, assembled with numpy for speed."""
    women = np.array(sorted({faker.first_name_female() for _ in range(400)}), dtype=object)
    men = np.array(sorted({faker.first_name_male() for _ in range(400)}), dtype=object)
    surnames = np.array(sorted({faker.last_name() for _ in range(1500)}), dtype=object)
    streets = np.array(sorted({faker.street_name() for _ in range(3000)}), dtype=object)
    n_people, n_households = len(resident_ids), len(hh_hood)

    first = np.where(
        gender == 1,
        men[rng.integers(0, len(men), n_people)],
        women[rng.integers(0, len(women), n_people)],
    )
    family_name = surnames[rng.integers(0, len(surnames), n_households)]
    own_name = surnames[rng.integers(0, len(surnames), n_people)]
    keeps_own = is_partner & (rng.random(n_people) < 0.7)
    last = np.where(keeps_own, own_name, family_name[member_hh])

    # About 40 streets per neighbourhood, each with its own postcode letters.
    per_hood = 40
    street_index = hh_hood * per_hood + rng.integers(0, per_hood, n_households)
    street = streets[street_index % len(streets)]
    number = rng.integers(1, 240, n_households)
    letters = np.array([a + b for a in "ABCDEFGHJKLMNPRSTVWXZ" for b in "ABCDEFGHJKLMNPRSTVWXZ"])
    postcode = pd.Series(9700 + hh_hood * 2 + street_index % 2).astype(str) + " "
    postcode = postcode + letters[street_index % len(letters)]
    return pd.DataFrame(
        {
            "resident_id": resident_ids,
            "first_name": first,
            "last_name": last,
            "street": street[member_hh],
            "house_number": pd.Series(number).astype(str).to_numpy()[member_hh],
            "postcode": postcode.to_numpy()[member_hh],
            "city": city,
        }
    )


def _choice_rows(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One draw per row of a (n, k) probability matrix."""
    cumulative = np.cumsum(probs, axis=1)
    cumulative /= cumulative[:, -1:]
    draws = rng.random((len(probs), 1))
    return np.minimum((draws > cumulative).sum(axis=1), probs.shape[1] - 1)


def _split(total: int, shares: np.ndarray) -> np.ndarray:
    """Integers proportional to `shares` that add up to `total`."""
    raw = shares * total
    counts = np.floor(raw).astype(np.int64)
    remainder = total - counts.sum()
    counts[np.argsort(raw - counts)[::-1][:remainder]] += 1
    return counts
