"""The development probes (data/probes/: written after tuning began and used for it, so a regression guard, not an
evaluation): complaints about matters no bundled text governs rarely get a strong duty, governed ones keep theirs, and
the routing probes keep their figures."""

from __future__ import annotations

import pytest

from bench.probe_honesty import PROBES, claimed, read_probe
from bench.routing_eval import Outcome, evaluate, read_cases, summarise
from graph.domain import Domain

_OUTCOMES: dict[tuple[int, str], list[Outcome]] = {}


def outcomes(domain: Domain, name: str) -> list[Outcome]:
    """A routing probe file's outcomes, scored once for the tests that read them (the two tests score 20,000
    complaints; the module runs on one worker)."""
    key = (id(domain), name)
    if key not in _OUTCOMES:
        _OUTCOMES[key] = evaluate(domain, read_cases(PROBES / name))
    return _OUTCOMES[key]


# The figures when the probes were written (18 of 394; 26 of 29), with a little room; since stop 22, 24 of 29: two
# borderline ones rest on wording many laws use (设灵堂→违反治安管理行为; 业主 with 烟花爆竹), no longer a sure match.
# Stop 40, 22 of 29: two online purchases (clothes of poor quality, health pills that made someone ill) are now doubted
# by `like-ungoverned`, since ten probe writers in as many rounds keyed an online seller's refusal to take back a faulty
# good `none` (an e-commerce matter of national law, the seller often outside Beijing), while this file keeps them
# governed by the consumer-rights 办法 (第六条). The conflict is in the labels; the floor follows the probes.
# Stop 41, 21 of 29: with round 50c in the law prior, an insurer slow to pay a flood-damage claim (受灾理赔, kept here as
# governed by 突发事件应对法 办法 第六十二条, the insurers' part after an emergency) resembles no probed law enough, so
# `like-ungoverned` doubts it: a weak match, the coordinator named.
# Stop 42, 20 of 29: with round 52's three files in the law prior, a ride-hailing car's painted lettering (车身喷字) no
# longer resembles complaints about the outdoor-advertising law enough, so `unlike-its-law` grades its clause weak.
# Stop 46, 19 of 29: with round 63's three files in the law prior, two questions about governed matters (a care worker's
# paid certificate, 退一赔三 for a car sold as nearly new) resemble the ungoverned complaints at 0.504 and 0.511, just
# past the half at which `like-ungoverned` doubts a sure match (read without round 63a's file, both keep theirs).
UNCOVERED_CEILING = 0.05
GOVERNED_FLOOR = 0.65


def test_ungoverned_matters_rarely_get_a_strong_duty(embedded_domain: Domain) -> None:
    texts = read_probe("uncovered.txt")
    strong = claimed(embedded_domain, texts)
    assert len(texts) > 300 and len(strong) / len(texts) <= UNCOVERED_CEILING, strong


def test_governed_matters_keep_theirs(embedded_domain: Domain) -> None:
    texts = read_probe("governed.txt")
    assert len(claimed(embedded_domain, texts)) / len(texts) >= GOVERNED_FLOOR


# The routing probes' complaints keyed `none`, each file read with a prior that never saw it: of 578 in 44 files when
# the rule was written (stop 39), 536 answered honestly (the coordinator named, no duty claimed surely) before rule
# `like-ungoverned` and 555 with it; 638 of 664 in 47 files with round 44; 841 of 869 in 59 files with round 48; 935
# of 960 in 65 files with round 50; 968 of 992 in 67 files with round 51; 1,015 of 1,038 in 70 with round 52.
UNGOVERNED_HONEST_FLOOR = 0.95


def test_the_routing_probes_ungoverned_complaints_are_answered_honestly(embedded_domain: Domain) -> None:
    every = [o for path in sorted(PROBES.glob("routing_*.csv")) for o in outcomes(embedded_domain, path.name)]
    honest = summarise([o for o in every if o.case.governing == "none"])["uncovered answered honestly"]
    assert honest[1] > 500 and honest[2] >= UNGOVERNED_HONEST_FLOOR, honest


# The routing probes' figures now (routing, duty recall), a whistle or two below: they were tuned on, so a fall means
# a change broke what the lexicon and the rules read today. Each file is read with a law prior that never saw it
# (bench/routing_eval.py's `evaluate`), since the probes are also what the prior learns from.
ROUTING_FLOORS = {
    "routing_hand.csv": (0.83, 0.87),
    "routing_build.csv": (0.77, 0.66),
    "routing_market.csv": (0.72, 0.63),
    "routing_hand2.csv": (0.89, 0.86),
    "routing_build2.csv": (0.74, 0.70),
    "routing_market2.csv": (0.67, 0.67),
    "routing_hand3.csv": (0.83, 0.85),
    "routing_build3.csv": (0.73, 0.69),
    "routing_market3.csv": (0.74, 0.69),
    "routing_hand4.csv": (0.82, 0.87),
    # 81 -> 80 of 105 at stop 25 (`coordinator-after-holders`): a bare coordinator now follows the holders the words
    # found, so where the probe wants the street alone and the words found three departments it is fourth; the round
    # gains 17 over the 26 probes
    "routing_build4.csv": (0.76, 0.68),
    # recall 57 -> 56 of 96 at reader 19: 村组法若干规定 第十九条第二款 (…应当在村民自治章程中规定, what the charter must say)
    # is internal procedure, no duty, and it was the only bundled row at the articles md094 cites
    "routing_market4.csv": (0.62, 0.58),
    # 94 -> 93 at stop 24: 流浪狗 now also reads 无主犬, so a stray that bit a courier matches the city police's 留检所
    # clause (养犬管理规定 第三十三条) first, a weak one-word match that leaves the district police fourth
    "routing_hand5.csv": (0.92, 0.91),
    "routing_build5.csv": (0.72, 0.53),
    # 74 -> 73 at reader 20: 突发公共卫生事件应急条例 第五条第二款 (负责组织…调查、控制) now reads the health commission as
    # lead, so its clause, matched by a stray word, puts it before the food regulators for bulk liquor (me008)
    "routing_market5.csv": (0.73, 0.57),
    "routing_hand6.csv": (0.86, 0.87),
    "routing_civic6.csv": (0.54, 0.71),
    "routing_market6.csv": (0.76, 0.69),
    "routing_build6.csv": (0.78, 0.76),
    # 89 -> 88 at stop 25, as build4
    # lowered at reader 27 (stop 31): the traffic penalty articles now held by the traffic police list items
    # (三轮车, 灭火器具) that pull a stall or an extinguisher complaint their way; all probes +12 routed, -3 recall
    "routing_hand7.csv": (0.85, 0.89),
    "routing_build7.csv": (0.71, 0.61),
    # recall 62 -> 61 at reader 22 (cg062, a sluice opened without leave): once 河湖保护管理条例's permit clauses are
    # read as supervise rows, the answer no longer shows the 第八条 row the probe cites
    "routing_civic7.csv": (0.64, 0.61),
    "routing_market7.csv": (0.67, 0.80),
    "routing_operator7.csv": (0.77, 0.74),
    # recall 66 -> 65 of 96 at stop 25, when round 8's lexicon rows were merged (the rounds' own probes gained 22)
    "routing_inspector7.csv": (0.79, 0.67),
    "routing_resident7.csv": (0.78, 0.59),
    "routing_r8a.csv": (0.79, 0.77),
    "routing_r8b.csv": (0.82, 0.87),
    "routing_r8c.csv": (0.81, 0.83),
    "routing_r9a.csv": (0.87, 0.81),
    "routing_r9b.csv": (0.82, 0.82),
    "routing_r10a.csv": (0.80, 0.82),
    "routing_r10b.csv": (0.76, 0.84),
    "routing_r10c.csv": (0.92, 0.82),
    "routing_r11a.csv": (0.86, 0.84),
    "routing_r11b.csv": (0.79, 0.82),
    "routing_r11c.csv": (0.74, 0.58),
    "routing_r12a.csv": (0.88, 0.82),
    "routing_r12b.csv": (0.83, 0.80),
    "routing_r13a.csv": (0.71, 0.74),
    "routing_r13b.csv": (0.69, 0.75),
    "routing_r14a.csv": (0.85, 0.88),
    "routing_r14b.csv": (0.88, 0.89),
    "routing_r14c.csv": (0.81, 0.80),
    # reader 27, as routing_hand7.csv
    "routing_r15a.csv": (0.81, 0.74),
    "routing_r15b.csv": (0.72, 0.73),
    "routing_r15c.csv": (0.79, 0.71),
    "routing_r16a.csv": (0.81, 0.78),
    "routing_r16b.csv": (0.90, 0.86),
    "routing_r16c.csv": (0.83, 0.83),
    # reader 27, as routing_hand7.csv
    "routing_r17a.csv": (0.71, 0.60),
    # reader 27, as routing_hand7.csv
    "routing_r17b.csv": (0.85, 0.77),
    "routing_r17c.csv": (0.61, 0.79),
    # reader 27, as routing_hand7.csv
    "routing_r18a.csv": (0.70, 0.59),
    "routing_r18b.csv": (0.77, 0.75),
    "routing_r18c.csv": (0.81, 0.65),
    "routing_r19a.csv": (0.73, 0.61),
    "routing_r19b.csv": (0.58, 0.50),
    "routing_r19c.csv": (0.75, 0.82),
    "routing_r20a.csv": (0.75, 0.74),
    "routing_r20b.csv": (0.71, 0.71),
    "routing_r20c.csv": (0.82, 0.81),
    "routing_r21a.csv": (0.80, 0.76),
    "routing_r21b.csv": (0.80, 0.70),
    "routing_r21c.csv": (0.81, 0.83),
    "routing_r22a.csv": (0.83, 0.82),
    "routing_r22b.csv": (0.87, 0.80),
    "routing_r22c.csv": (0.83, 0.73),
    "routing_r23a.csv": (0.87, 0.82),
    "routing_r23b.csv": (0.88, 0.85),
    "routing_r23c.csv": (0.64, 0.72),
    "routing_r24a.csv": (0.79, 0.75),
    "routing_r24b.csv": (0.79, 0.73),
    "routing_r24c.csv": (0.87, 0.76),
    # recall 78 -> 77 of 96 at stop 35 (`law-prior`), routing 66 -> 65 of 87 in r25c, recall 81 -> 80 in r26a: the prior
    # reorders weak matches; over all probe files it routes 173 more and recalls 97 more, each file read unseen
    # and 77 -> 76 when the prior stopped lifting clauses found only by setting or widespread words (r32a 79 -> 78)
    "routing_r25a.csv": (0.77, 0.79),
    "routing_r25b.csv": (0.76, 0.72),
    "routing_r25c.csv": (0.74, 0.65),
    "routing_r26a.csv": (0.87, 0.80),
    # r26b recall 90 -> 89 of 102, r27b routing 96 -> 95 of 100 and r32c routing 93 -> 92 of 105 when round 33's probes
    # joined what the law prior learns from (r27b's fb023: 城管执法 3rd -> 5th behind two clauses the prior now favours)
    "routing_r26b.csv": (0.79, 0.87),
    "routing_r26c.csv": (0.82, 0.91),
    "routing_r27a.csv": (0.69, 0.63),
    "routing_r27b.csv": (0.95, 0.93),
    # r27c recall 69 -> 68 of 89 when round 38 joined the prior (fc085 no longer shows ljgl2020-a31-1)
    "routing_r27c.csv": (0.84, 0.76),
    "routing_r28a.csv": (0.82, 0.76),
    "routing_r28b.csv": (0.91, 0.80),
    "routing_r28c.csv": (0.89, 0.70),
    "routing_r29a.csv": (0.93, 0.88),
    "routing_r29b.csv": (0.87, 0.81),  # recall 82 -> 81 of 100 (fh005) when rounds 56 and 57 joined the prior (stop 44)
    "routing_r29c.csv": (0.71, 0.71),
    "routing_r30a.csv": (0.83, 0.76),
    "routing_r30b.csv": (0.73, 0.71),
    "routing_r30c.csv": (0.77, 0.81),
    "routing_r31a.csv": (0.81, 0.79),
    "routing_r31b.csv": (0.82, 0.81),
    # routing 86 -> 85 of 100 when round 40 joined the prior, 85 -> 84 when rounds 58 and 59 did (fo043, a dog's
    # licence the village committee will not vouch for: read as the dog rules' matter, the committee 4th)
    "routing_r31c.csv": (0.84, 0.80),
    # recall 78 -> 77 of 103 when round 39 joined the prior; routing 85 -> 84 at stop 45 (fp019: litter in a green belt
    # surely matches the greening law's clause on estates' green space, which `focus-regulation` then puts in focus,
    # calling the greening bureau before 城管; over 174 files that rule gained 16 complaints and lost 8)
    "routing_r32a.csv": (0.81, 0.74),
    # (stop 46, 0.86 -> 0.85: fq063, breakfast stalls missing from a new estate, a service the street provides; with
    # 小规模食品生产经营管理规定 第二十三条's fines given to the bodies 第六条 assigns, the stalls' fine now names 城管 by
    # 食品摊贩, which its words also say, and the street office falls to 4th)
    "routing_r32b.csv": (0.85, 0.77),
    "routing_r32c.csv": (0.87, 0.80),
    "routing_r33a.csv": (0.78, 0.66),
    "routing_r33b.csv": (0.88, 0.86),
    "routing_r33c.csv": (0.78, 0.63),
    "routing_r34a.csv": (0.75, 0.79),
    "routing_r34b.csv": (0.94, 0.86),
    "routing_r34c.csv": (0.82, 0.77),
    # stop 40: fy040 and fy044 (a sign hidden by a tree, a broken guardrail) now need the traffic police, since the
    # holder lexicon reads the law's 道路、交通设施的管理部门 (第二十七条); before, that phrase set no requirement
    "routing_r35a.csv": (0.80, 0.55),  # 87 of 104 routed before round 36 joined the prior: one whistle fewer since
    "routing_r35b.csv": (0.74, 0.68),  # recall 75 -> 74 of 108 when round 37 joined the prior (as r35a above)
    "routing_r35c.csv": (0.72, 0.68),
    "routing_r36a.csv": (0.84, 0.75),
    # recall 58 -> 57 of 90 (gf001) when rounds 42 and 43 joined (stop 39); routing 70 -> 69 (gf106, the health
    # department 3rd -> 4th among weak matches) when round 52 joined (stop 42)
    "routing_r36b.csv": (0.76, 0.63),
    "routing_r36c.csv": (0.57, 0.61),  # stop 40: gg009 (batteries stolen from a bike shed), the police 4th since 车棚
    # stop 41: gh091 (a workshop's extinguishers out of date), 灭火器 now also reading the shared extinguishers a property
    # manager keeps (消防条例 第二十四条), puts the fire service before the work-safety bureau
    "routing_r37a.csv": (0.87, 0.93),
    "routing_r37b.csv": (0.85, 0.86),  # recall 73 -> 72 of 83 (gi064, 摊主 a stall's keeper) at stop 39
    "routing_r37c.csv": (0.71, 0.64),
    "routing_r38a.csv": (0.91, 0.87),
    "routing_r38b.csv": (0.91, 0.80),  # recall 68 -> 67 of 83 (gl064) when round 44 joined the prior (stop 39)
    "routing_r38c.csv": (0.80, 0.78),
    "routing_r39a.csv": (0.91, 0.87),
    "routing_r39b.csv": (0.90, 0.88),
    "routing_r39c.csv": (0.90, 0.88),
    "routing_r40a.csv": (0.87, 0.91),
    "routing_r40b.csv": (0.91, 0.87),  # recall 75 -> 74 of 85 when round 41 joined the prior
    "routing_r40c.csv": (0.86, 0.85),
    "routing_r41a.csv": (0.96, 0.89),  # recall 77 -> 76 of 85 (gt083) when rounds 42 and 43 joined (stop 39)
    "routing_r41b.csv": (0.91, 0.88),
    "routing_r41c.csv": (0.86, 0.73),
    # stop 40: gw028 (heaters in a childcare room), fire rescue 4th; gw053's duty when round 47 joined the prior (a car
    # wash's water into a drain: the 市容 clauses, not the water-pollution one)
    "routing_r42a.csv": (0.88, 0.85),
    "routing_r42b.csv": (0.89, 0.89),
    # (0.91 -> 0.90 at stop 52: round 74's 生肉和熟菜 reads gy058's kitchen as a small eatery's)
    "routing_r42c.csv": (0.90, 0.80),
    "routing_r43a.csv": (0.83, 0.96),
    "routing_r43b.csv": (0.76, 0.78),
    "routing_r43c.csv": (0.80, 0.73),
    "routing_r44a.csv": (0.91, 0.86),
    # stop 41: hi082 (a furniture workshop's empty extinguishers), as r37a's gh091; stop 45: routing 78 -> 77 of 86 when
    # round 60 joined the prior (hi024, a café's rubbish fee: the health commission's emergency clause lifted into the
    # first three, checked with round 60 left out)
    "routing_r44b.csv": (0.89, 0.79),
    "routing_r44c.csv": (0.92, 0.85),
    "routing_r45a.csv": (0.90, 0.89),
    "routing_r45b.csv": (0.86, 0.90),
    "routing_r45c.csv": (0.76, 0.80),  # hm011 (pipes banging with the pressure) read as noise once round 47b joined
    "routing_r46a.csv": (0.95, 0.90),
    "routing_r46b.csv": (0.83, 0.73),
    "routing_r46c.csv": (0.90, 0.75),
    "routing_r47a.csv": (0.88, 0.82),
    "routing_r47b.csv": (0.85, 0.88),
    "routing_r47c.csv": (0.88, 0.80),
    "routing_r48a.csv": (0.72, 0.58),
    "routing_r48b.csv": (0.76, 0.67),
    "routing_r48c.csv": (0.81, 0.81),
    "routing_r49a.csv": (0.95, 0.89),
    "routing_r49b.csv": (0.76, 0.74),
    "routing_r49c.csv": (0.93, 0.91),
    "routing_r50a.csv": (0.94, 0.83),
    "routing_r50b.csv": (0.80, 0.80),
    "routing_r50c.csv": (0.63, 0.65),
    "routing_r51a.csv": (0.82, 0.64),
    "routing_r51b.csv": (0.90, 0.90),
    "routing_r52a.csv": (0.83, 0.79),  # recall 0.80 -> 0.79 (if058) when round 55 joined the prior (stop 43)
    "routing_r52b.csv": (0.83, 0.78),
    "routing_r52c.csv": (0.84, 0.80),  # recall 72 -> 71 of 88 (ii085) when rounds 56 and 57 joined the prior (stop 44)
    "routing_r53a.csv": (0.88, 0.83),
    "routing_r53b.csv": (0.82, 0.83),
    "routing_r53c.csv": (0.94, 0.90),
    "routing_r54a.csv": (0.89, 0.86),
    "routing_r54b.csv": (0.89, 0.89),
    "routing_r54c.csv": (0.77, 0.67),
    # routing 76 -> 75 of 84 when rounds 58 and 59 joined the prior (ip077, rats in a small restaurant's kitchen: the
    # small-food-business clauses no longer found, the market regulator absent)
    "routing_r55a.csv": (0.89, 0.88),
    "routing_r55b.csv": (0.83, 0.77),
    "routing_r55c.csv": (0.84, 0.83),
    "routing_r56a.csv": (0.84, 0.71),
    "routing_r56b.csv": (0.94, 0.91),
    "routing_r56c.csv": (0.82, 0.82),
    "routing_r57a.csv": (0.72, 0.69),
    "routing_r57b.csv": (0.86, 0.70),
    "routing_r57c.csv": (0.97, 0.94),
    # (0.77 -> 0.75 at stop 47: with round 65c's file in the law prior, iy054's hazardous-waste store at a car-repair
    # shop, read without r58a, ranks the ecology bureau 4th behind the road-transport clause on repairers' waste oil;
    # 0.74 at stop 50, when round 70's three files joining the prior put it 4th again after it had come back)
    "routing_r58a.csv": (0.74, 0.66),
    "routing_r58b.csv": (0.79, 0.85),
    "routing_r58c.csv": (0.81, 0.69),
    "routing_r59a.csv": (0.80, 0.74),
    "routing_r59b.csv": (0.78, 0.69),
    "routing_r59c.csv": (0.92, 0.93),
    "routing_r60a.csv": (0.77, 0.65),
    "routing_r60b.csv": (0.94, 0.89),
    "routing_r60c.csv": (0.70, 0.76),
    # (0.86 -> 0.85 at stop 50: with round 70's files in the law prior, jl055's live chickens killed at a morning
    # market, read without r61a, no longer name the market regulator among the first three)
    "routing_r61a.csv": (0.85, 0.88),
    "routing_r61b.csv": (0.89, 0.87),
    "routing_r61c.csv": (0.75, 0.52),
    "routing_r62a.csv": (0.93, 0.88),
    "routing_r62b.csv": (0.92, 0.77),
    "routing_r62c.csv": (0.84, 0.84),
    # (0.61 -> 0.60 the same stop: 停满了车 now also reads as the parking law's 停放车辆 妨碍 通行, and jr060's bikes on a
    # pavement are answered with the traffic police by 机动车停车条例 第四十条, not the traffic law's articles its key cites)
    "routing_r63a.csv": (0.77, 0.60),
    "routing_r63b.csv": (0.83, 0.76),  # (0.84 -> 0.83 at stop 52: with rounds 73 and 74 in the law prior, js049's
    # midday renovation noise, read without r63b, names the property rules' department before the police)
    "routing_r63c.csv": (0.85, 0.70),
    "routing_r64a.csv": (0.89, 0.77),
    "routing_r64b.csv": (0.67, 0.65),
    "routing_r64c.csv": (0.82, 0.79),
    "routing_r65a.csv": (0.81, 0.74),
    "routing_r65b.csv": (0.84, 0.75),
    "routing_r65c.csv": (0.78, 0.67),
    "routing_r66a.csv": (0.86, 0.77),
    "routing_r66b.csv": (0.87, 0.74),
    "routing_r66c.csv": (0.89, 0.72),
    "routing_r67a.csv": (0.82, 0.81),
    "routing_r67b.csv": (0.90, 0.82),
    "routing_r67c.csv": (0.71, 0.77),
    "routing_r68a.csv": (0.94, 0.85),
    "routing_r68b.csv": (0.83, 0.71),
    "routing_r68c.csv": (0.78, 0.58),
    "routing_r69a.csv": (0.71, 0.77),
    "routing_r69b.csv": (0.85, 0.77),
    "routing_r69c.csv": (0.85, 0.83),
    "routing_r70a.csv": (0.93, 0.91),
    "routing_r70b.csv": (0.77, 0.74),
    "routing_r70c.csv": (0.83, 0.80),
    "routing_r71a.csv": (0.95, 0.90),
    "routing_r71b.csv": (0.78, 0.77),
    "routing_r71c.csv": (0.72, 0.77),
    "routing_r72a.csv": (0.97, 0.90),
    "routing_r72b.csv": (0.88, 0.82),
    "routing_r72c.csv": (0.85, 0.75),
    "routing_r73a.csv": (0.93, 0.90),
    "routing_r73b.csv": (0.69, 0.61),
    "routing_r73c.csv": (0.92, 0.77),
    "routing_r74a.csv": (0.93, 0.80),
    "routing_r74b.csv": (0.77, 0.86),
    "routing_r74c.csv": (0.87, 0.70),
    # stop 48: r37b, r40c, r42b, r47c, r51a, r58c, r60c, r62b, r62c and r63a each lost one or two complaints, lowered
    # to a whistle below what they read now. `second-matter` keeps a second matter's clause and its holders, which
    # lift some bodies and push others out of the first three (alone, over the 199 older files: +45 / −21 routed,
    # +106 / −4 duties); the planning department's district level (dept:规划 at district level as well) puts the district
    # planning branch, found by a side word of 建设工程质量条例 or 无障碍设施建设和管理条例, before the traffic police
    # or the greening bureau in jr051, jr053 and jk012; with the river, vet-station and round-67 lexicon rows and three
    # files joining the prior, iz034 (干草 now the village fire clause's) and jk064 move too
}


@pytest.mark.parametrize("name", sorted(ROUTING_FLOORS))
def test_routing_probes_hold_their_floor(embedded_domain: Domain, name: str) -> None:
    figures = summarise(outcomes(embedded_domain, name))
    routing, recall = ROUTING_FLOORS[name]
    assert figures["routing (must kinds in top 3)"][2] >= routing, figures
    assert figures["duty recall"][2] >= recall, figures
