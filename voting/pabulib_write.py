"""Write an election in the pabulib format (pabulib.org), as `pabulib_read` reads it back.

META holds the election's own META lines (description, country, unit, instance, rule, ...:
the standard asks for those, so an election that is to be shared should have them) and
then num_projects, num_votes, budget, vote_type and, for kiezen binnen het budget,
max_sum_cost equal to the budget. PROJECTS: project_id;cost;votes;name;category. VOTES:
voter_id;vote, the ideas of a ballot in the election's order; a ballot without a voter id
gets the first free number.
"""

from __future__ import annotations

import csv
import io

from voting.checks import checked
from voting.model import Election
from voting.money import plain
from voting.pabulib_read import DERIVED


def write_pabulib(election: Election) -> str:
    checked(election)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerows([["META"], ["key", "value"]])
    for key, value in election.meta:
        if key not in DERIVED and not (key == "max_sum_cost" and election.kind == "knapsack"):
            writer.writerow([key, value])
    writer.writerows(
        [
            ["num_projects", str(len(election.ideas))],
            ["num_votes", str(len(election.ballots))],
            ["budget", plain(election.budget)],
            ["vote_type", "approval"],
        ]
    )
    if election.kind == "knapsack":
        writer.writerow(["max_sum_cost", plain(election.budget)])
    writer.writerows([["PROJECTS"], ["project_id", "cost", "votes", "name", "category"]])
    for idea in election.ideas:
        writer.writerow(
            [idea.id, plain(idea.cost), str(election.votes[idea.id]), idea.name, idea.category]
        )
    writer.writerows([["VOTES"], ["voter_id", "vote"]])
    order = {idea.id: n for n, idea in enumerate(election.ideas)}
    for voter, ballot in zip(_voter_ids(election), election.ballots, strict=True):
        writer.writerow([voter, ",".join(sorted(ballot.ideas, key=order.__getitem__))])
    return out.getvalue()


def _voter_ids(election: Election) -> list[str]:
    used = {b.voter for b in election.ballots if b.voter}
    ids, number = [], 0
    for ballot in election.ballots:
        if ballot.voter:
            ids.append(ballot.voter)
            continue
        number += 1
        while str(number) in used:
            number += 1
        used.add(str(number))
        ids.append(str(number))
    return ids
