"""Swedish text for synthetic examples, drawn only from the site's own seed vocabulary.

The sentences come from the demo examples (``examples/demo/content.py``), the phrases from their
tags, the goals and the target groups, so synthetic pages read like the real ones and the search
meets the same words, stems and compounds it meets in production.
"""

import random
import re
from dataclasses import dataclass
from functools import cache

from examples.demo import content

SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[A-ZÅÄÖ”])")
GENERIC_TAGS = {"strategiförhälsa"}
TITLE_FORMS = (
    "{topic} för {group} i {place}",
    "{topic} i {place}",
    "{Topic} – {place}",
    "Samverkan kring {topic} i {place}",
    "{Topic} och {other} för {group}",
)


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE_END.split(text) if len(part.strip()) > 20]


@dataclass(frozen=True)
class Vocabulary:
    summary_sentences: tuple[str, ...]
    body_sentences: tuple[str, ...]
    write_up_sentences: tuple[str, ...]
    topics: tuple[str, ...]
    tags: tuple[str, ...]
    palettes: tuple[tuple[str, str], ...]


@cache
def vocabulary() -> Vocabulary:
    summary, body, write_up, tags, palettes = [], [], [], set(), []
    for example in content.EXAMPLES:
        summary += sentences(example["summary"])
        for paragraph in example["body"]:
            body += sentences(paragraph)
        for key in ("results", "lessons", "transfer", "stage_basis"):
            write_up += sentences(example[key])
        tags.update(tag for tag in example["tags"] if tag not in GENERIC_TAGS)
        palettes.append(tuple(example["palette"]))
    topics = sorted(tag for tag in tags if len(tag) > 4)
    return Vocabulary(
        summary_sentences=tuple(dict.fromkeys(summary)),
        body_sentences=tuple(dict.fromkeys(body)),
        write_up_sentences=tuple(dict.fromkeys(write_up + summary)),
        topics=tuple(topics),
        tags=tuple(sorted(tags)),
        palettes=tuple(dict.fromkeys(palettes)),
    )


def title(rng: random.Random, place: str, group: str) -> str:
    words = vocabulary()
    topic, other = rng.sample(words.topics, 2)
    form = rng.choice(TITLE_FORMS)
    text = form.format(
        topic=topic, Topic=topic[:1].upper() + topic[1:], other=other, group=group, place=place
    )
    return text[:1].upper() + text[1:]


def paragraph(rng: random.Random, pool: tuple[str, ...], low: int = 2, high: int = 3) -> str:
    return " ".join(rng.sample(pool, min(len(pool), rng.randint(low, high))))
