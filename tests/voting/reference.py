"""The reference: the same election counted by pabutools (the research community's library,
a dev dependency), with the tie-break of `voting.model.priority`, on the ideas that have at
least one vote (an idea nobody voted for is never chosen by our rules)."""

from __future__ import annotations

from typing import Any

from gmpy2 import mpq
from pabutools.election import ApprovalBallot, ApprovalProfile, Cost_Sat, Instance, Project
from pabutools.election.pabulib import parse_pabulib_from_string
from pabutools.rules import (
    completion_by_rule_combination,
    exhaustion_by_budget_increase,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)
from pabutools.tiebreaking import TieBreakingRule

from voting.model import Election, priority
from voting.outcome import Rule


def reference(election: Election, rule: Rule) -> list[str]:
    """The ids of the ideas pabutools chooses, in its order."""
    key = priority(election)
    projects = {
        idea.id: Project(idea.id, mpq(str(idea.cost)))
        for idea in election.ideas
        if election.votes[idea.id] > 0
    }
    instance = Instance(projects.values(), budget_limit=mpq(str(election.budget)))
    profile = ApprovalProfile(
        [ApprovalBallot([projects[i] for i in sorted(b.ideas)]) for b in election.ballots]
    )
    return _count(instance, profile, key, rule)


def _count(
    instance: Instance, profile: ApprovalProfile, key: dict[str, Any], rule: Rule
) -> list[str]:
    tie = TieBreakingRule(lambda _instance, _profile, project: key[project.name])
    greedy: dict[str, Any] = {"sat_class": Cost_Sat, "tie_breaking": tie}
    if rule == "greedy":
        chosen = greedy_utilitarian_welfare(instance, profile, **greedy)
    else:
        mes = {"rule": method_of_equal_shares, "rule_params": dict(greedy)}
        chosen = completion_by_rule_combination(
            instance,
            profile,
            [exhaustion_by_budget_increase, greedy_utilitarian_welfare],
            [mes, dict(greedy)],
        )
    return [project.name for project in chosen]


def reference_of_file(text: str, key_from: Election, rule: Rule) -> list[str]:
    """The ids pabutools chooses for a pabulib file as pabutools itself reads it (ideas
    without votes left out), with the tie-break of `key_from`, our reading of the file."""
    instance, profile = parse_pabulib_from_string(text)
    voted = {project for ballot in profile for project in ballot}
    ballots = [ApprovalBallot([p for p in ballot if p in voted]) for ballot in profile]
    ideas = {idea.id: idea for idea in key_from.ideas}
    assert {p.name: mpq(str(ideas[p.name].cost)) for p in instance} == {
        p.name: p.cost for p in instance
    }
    assert instance.budget_limit == mpq(str(key_from.budget))
    return _count(
        Instance(voted, budget_limit=instance.budget_limit),
        ApprovalProfile(ballots),
        priority(key_from),
        rule,
    )
