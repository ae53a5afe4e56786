"""Genre structure: who speaks in a text by its layout rather than by a reporting verb.

- **Turns.** A line that opens with a speaker prefix ("Jeanne Roux :", "ROUX:", "J.R. :",
  "M. Jean Roux. –", "Mr HOLLIS (Independent):", "Q:", "R :", "— ") starts a turn that
  runs until the next prefixed line. When a text has two or more such lines it is a
  transcript: each statement of a member's speech or an interviewee's answer is their
  claim; questions, the chair's lines and stage directions are not claims.
- **Interviews without prefixes.** A text announced as an interview whose questions stand
  in paragraphs of their own: the paragraphs after each question are answers.
  The interviewee is the person the prefixes name, or the person the standfirst names
  most (not the interviewer credited by "propos recueillis par", "interview by").
- **Communiqués.** A header that announces a statement ("Communiqué du groupe …",
  "Statement by the … Party") names the body whose statements the rest of the text are.
- **Bylines.** "By Jane Roe" / "Par Jeanne Martin" near the top: "I" and "we" outside
  quotations are the author.
- **Posts.** A line under a handle ("@ana_ruiz: …", "Ana Ruiz (@ana_ruiz) : …") is one
  post, a claim of its author.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from analysis.actors import ActorIndex, Mention
from analysis.document import ArticleDoc, Sentence
from analysis.lexicon import Rules, fold_accents

HEAD_LINES = 4  # lines from the top where a byline or a communiqué header may stand
MAX_NAME_WORDS = 6
MAX_BYLINE_WORDS = 30
HEADER_WORDS = 3  # a communiqué's header names itself in its first words
MAX_HEADER_WORDS = 25
MIN_TURNS = 2  # prefixed lines that make a text a transcript
MIN_QUESTIONS = 2  # question paragraphs that make an announced interview
MIN_STATEMENT_WORDS = 3
EXCLAMATION_WORDS = 6  # a turn of one short exclamation is an interjection
QUESTION_MAX_WORDS = 60
ARTICLES = {"the", "le", "la", "l'", "l’"}
HEADLINE_QUOTES = "“«\"‘'"
PREFIX_COLON = re.compile(r"^(?P<prefix>[^:\n]{1,90}?)[ \u00a0\u202f]?:[ \u00a0\u202f]*")
PREFIX_DASH = re.compile(r"^(?P<prefix>[^\n]{1,90}?)\.[ \u00a0]*[–—-](?![A-ZÀ-Ý]\.)[ \u00a0]*")
# The French Senate's records: "M. Alain Kervella. Monsieur le ministre, …" (an honorific first)
PREFIX_DOT = re.compile(r"^(?P<prefix>(?:M\.|MM\.|Mme|Mmes|Mr\.?|Mrs\.?|Ms\.?) [^\n]{1,90}?)"
                        r"\.[ \u00a0]+(?=[A-ZÀ-Ý(«“\"])")
PREFIX_MARK = re.compile(r"^(?P<prefix>[A-Za-zÀ-ÿ]{1,8})\.[ \u00a0]+(?=\S)")
DASH_LINE = re.compile(r"^[—–][ \u00a0]*")
SIGNATURE = re.compile(r"^[—–-][ \u00a0]*(?P<name>[^()\n,@]{3,60}?)\s*(?:,[^()\n]*)?\(@\w+\)")
INITIALS = re.compile(r"^(?:[A-ZÀ-Ý]\.[ -]?){1,5}$")
HANDLE = re.compile(r"@(?P<handle>\w{2,30})")
PARENTHESIS = re.compile(r"\s*\((?P<inside>[^()]*)\)\s*$")
ALL_PARENTHESES = re.compile(r"\s*\((?P<inside>[^()]*)\)")
NAME_WORD = re.compile(r"^[A-ZÀ-ÝŒ][\w'’.-]*$")
BRACKETED = re.compile(r"^\s*[(\[].*[)\]]\s*[.]?\s*$", re.DOTALL)
TRAILING_BRACKETS = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")


@dataclass
class Turn:
    """A stretch of text that one speaker says: `start` is after the prefix.

    kind: "answer", "speech" and "post" are claims of `speaker` sentence by sentence (a
    post as a whole); "question" and "chair" are no claims; "body" (a communiqué) makes
    its sentences the speaker's claims where no other speaker is found.
    """

    start: int
    end: int
    kind: str
    speaker: Mention | None = None


@dataclass
class Structure:
    turns: list[Turn] = field(default_factory=list)
    author: Mention | None = None
    _starts: list[int] = field(default_factory=list)

    def finish(self) -> Structure:
        self.turns.sort(key=lambda turn: turn.start)
        self._starts = [turn.start for turn in self.turns]
        return self

    def turn_at(self, position: int) -> Turn | None:
        index = bisect.bisect_right(self._starts, position) - 1
        if index >= 0 and position < self.turns[index].end:
            return self.turns[index]
        return None

    def turn_over(self, start: int, end: int) -> Turn | None:
        """The turn a sentence [start, end) belongs to: the one that holds most of it (a
        sentence starts on a turn's prefix and ends on the line break after it)."""
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        last = bisect.bisect_left(self._starts, end)
        best, best_share = None, 0
        for turn in self.turns[first:last]:
            share = min(end, turn.end) - max(start, turn.start)
            if share > best_share:
                best, best_share = turn, share
        return best

    def first_person(self, position: int) -> Mention | None:
        """Who "I" and "we" are at a position: the turn's speaker, else the author."""
        turn = self.turn_at(position)
        if turn is not None and turn.speaker is not None:
            return turn.speaker
        return self.author


@dataclass
class _Line:
    start: int
    end: int
    text: str
    prefix_end: int = 0  # characters of the line taken by a speaker prefix
    kind: str = ""  # "question", "answer", "dash", "name", "handle", "chair", ""
    name: str = ""  # the name a "name" or "handle" prefix gives
    speaker: Mention | None = None


def find_structure(article: ArticleDoc, actors: ActorIndex, rules: Rules) -> Structure:
    """The turns, communiqué body and author of an article (empty for plain prose)."""
    finder = _StructureFinder(article, actors, rules)
    return finder.find()


class _StructureFinder:
    def __init__(self, article: ArticleDoc, actors: ActorIndex, rules: Rules) -> None:
        self.article = article
        self.actors = actors
        self.rules = rules
        self.lines = _lines(article.text)
        self.particles = rules.words("genres", "name_particles")

    def find(self) -> Structure:
        structure = Structure(author=self._byline())
        for line in self.lines:
            self._read_prefix(line)
        turns = [line for line in self.lines
                 if line.kind in {"name", "chair", "question", "answer"}]
        dashes = [line for line in self.lines if line.kind == "dash"]
        if any(_is_question(line.text) for line in dashes) and not all(
                _is_question(line.text) for line in dashes):
            turns += dashes  # "— Question ?" / "— Answer.": an interview's dashes
        else:
            for line in dashes:
                line.kind, line.prefix_end = "", 0
        if len(turns) >= MIN_TURNS:
            self._resolve_speakers({"name"})
            structure.turns += self._transcript()
        elif self._announced_interview():
            structure.turns += self._unprefixed_interview()
        self._resolve_speakers({"handle", "signature"})
        structure.turns += [Turn(line.start + line.prefix_end, line.end, "post", line.speaker)
                            for line in self.lines if line.kind == "handle" and line.speaker]
        for before, line in zip(self.lines, self.lines[1:]):
            if line.kind == "signature" and line.speaker is not None and not before.kind:
                structure.turns.append(Turn(before.start, before.end, "post", line.speaker))
        headline = self._quoted_headline(len(turns) >= MIN_TURNS)
        if headline is not None:
            structure.turns.append(headline)
        if not structure.turns or structure.turns == [headline]:
            body = self._communique_body()
            if body is not None:
                structure.turns.append(body)
        return structure.finish()

    def _quoted_headline(self, transcript: bool) -> Turn | None:
        """"Nuria Echevarría: “Our soldiers should answer to Madrid”", "Mathilde Ouellet :
        « Quitter l'OTAN serait un saut dans le vide »": a headline that quotes the person
        its prefix names is their claim (a transcript's turns already hold it)."""
        if transcript or not self.lines:
            return None
        head = self.lines[0]
        rest = head.text[head.prefix_end:].lstrip()
        if head.kind != "name" or not rest or rest[0] not in HEADLINE_QUOTES:
            return None
        head.speaker = self._named(head, head.name)
        if head.speaker is None:
            return None
        return Turn(head.start + head.prefix_end, head.end, "post", head.speaker)

    # ------------------------------------------------------------ prefixes

    def _read_prefix(self, line: _Line) -> None:
        text = line.text
        dash = DASH_LINE.match(text)
        signature = SIGNATURE.match(text)
        if signature:
            # "— Dimitra Kallergi (@dkallergi) February 8, 2026": the author of the post above
            line.kind, line.name = "signature", signature.group("name").strip()
            return
        if dash:
            line.kind, line.prefix_end = "dash", dash.end()
            return
        marker = PREFIX_MARK.match(text)
        if marker and marker.group("prefix").casefold() in self.rules.words(
                "genres", "question_markers") | self.rules.words("genres", "answer_markers"):
            self._prefix_kind(line, marker.group("prefix"))  # "Q. Why now?", "A. Because …"
            line.prefix_end = marker.end()
            return
        for pattern in (PREFIX_DASH, PREFIX_COLON, PREFIX_DOT):
            match = pattern.match(text)
            if match and self._prefix_kind(line, match.group("prefix")):
                line.prefix_end = match.end()
                return

    def _prefix_kind(self, line: _Line, prefix: str) -> bool:
        """Set the kind and speaker a prefix gives its line; False if it is no prefix."""
        bare = prefix.strip().rstrip(".").casefold()
        if bare in self.rules.words("genres", "question_markers"):
            line.kind = "question"
            return True
        if bare in self.rules.words("genres", "answer_markers"):
            line.kind = "answer"
            return True
        handle = HANDLE.search(prefix)
        if handle:
            line.kind, line.name = "handle", PARENTHESIS.sub("", prefix).strip()
            return True
        if any(char.isdigit() for char in prefix):
            return False  # a dateline ("ATHENS, Aug. 14 (Reuter). —"), not a speaker
        name = ALL_PARENTHESES.sub("", prefix).split(",")[0].strip()
        inside = ALL_PARENTHESES.search(prefix)
        collectives = self.rules.words("genres", "collective_speakers")
        if any(word.casefold() in collectives for word in name.split()):
            line.kind = "chair"  # "Hon. Members:", "Plusieurs députés :": a chorus, no claim
            return True
        if inside and any(word.casefold() in self.rules.role_words for word in name.split()):
            # "The Minister for the Armed Forces (Dominic Wray):": the name is in brackets
            name = inside.group("inside").strip()
        words = name.split()
        if not words or len(words) > MAX_NAME_WORDS:
            return False
        chair = self.rules.words("genres", "chair_words")
        if any(word.casefold() in chair for word in words) and not any(
                NAME_WORD.match(word) and word.casefold() not in chair
                and word not in self.rules.honorifics and word.casefold() not in {"the", "le", "la"}
                for word in words):
            line.kind = "chair"
            return True
        if not all(self._name_word(word) for word in words):
            return False
        if not any(NAME_WORD.match(word) and word not in self.rules.honorifics for word in words):
            return False
        if len(words) == 1 and not (words[0].isupper() or INITIALS.match(words[0])):
            # "Défense : …", "Analyse :": a headline's topic, unless a person of the text
            if not self._known_surname(words[0]):
                return False
        line.kind, line.name = "name", name
        return True

    def _known_surname(self, word: str) -> bool:
        return any(record.actor_type == "person" and _fold(actor.split()[-1]) == _fold(word)
                   for actor, record in self.actors.actors.items())

    def _resolve_speakers(self, kinds: set[str]) -> None:
        """Speakers of the prefixed lines of these kinds (done only once the text is known
        to be a transcript, as naming someone adds them to the actors)."""
        for line in self.lines:
            if line.kind not in kinds or line.speaker is not None:
                continue
            if line.kind == "signature":
                line.speaker = self._named(line, line.name)
                continue
            handle = HANDLE.search(line.name)
            if line.kind == "handle" and line.name.startswith("@") and handle:
                line.speaker = self._by_handle(handle.group("handle"))
            else:
                line.speaker = self._named(line, line.name)

    def _name_word(self, word: str) -> bool:
        return (word in self.rules.honorifics or word.casefold() in self.particles
                or bool(NAME_WORD.match(word)) or bool(INITIALS.match(word)))

    def _named(self, line: _Line, name: str) -> Mention | None:
        """The person a prefix names: a mention inside it, a person of the text whose name
        ends with its surname or has its initials, or a new person named by it."""
        offset = line.text.find(name)
        start, end = line.start + offset, line.start + offset + len(name)
        for token in self.article.tokens_between(start, end):
            mention = self.actors.mention_at(token)
            if mention is not None and mention.actor_type == "person":
                return mention
        words = [word for word in name.split() if word not in self.rules.honorifics]
        if not words:
            return None
        roles = [word.casefold() for word in words if word.casefold() in self.rules.role_words]
        if roles and all(word.casefold() in roles or word.casefold() in ARTICLES
                         for word in words):
            return self._by_role(line, roles)
        if all(INITIALS.match(word) for word in words):
            return self._by_initials("".join(words), start)
        surname = _fold(" ".join(w for w in words if not INITIALS.match(w)).split()[-1])
        people = [actor for actor, record in self.actors.actors.items()
                  if record.actor_type == "person" and _fold(actor.split()[-1]) == surname]
        if len(people) == 1:
            return self._mention(people[0], start, end)
        return self._new_person(words, start, end)

    def _by_role(self, line: _Line, roles: list[str]) -> Mention | None:
        """"The MINISTER:" after "The MINISTER FOR THE ARMED FORCES (Gareth Pryce-Llewellyn):":
        the last earlier speaker whose prefix held the role, else the one person of the text
        with that role."""
        for earlier in reversed([other for other in self.lines if other.end <= line.start]):
            prefix = earlier.text[:earlier.prefix_end].casefold().split()
            if earlier.kind == "name" and earlier.speaker is not None and all(
                    any(word.strip("():,.").startswith(role) for word in prefix)
                    for role in roles):
                return self.actors.last_mention(earlier.speaker.actor, line.start)
        people = [actor for actor, record in self.actors.actors.items()
                  if record.actor_type == "person" and any(
                      _fold(role) in _fold(" ".join(record.roles)) for role in roles)]
        return self.actors.last_mention(people[0], line.start) if len(people) == 1 else None

    def _by_initials(self, initials: str, position: int) -> Mention | None:
        letters = [char for char in initials if char.isalpha()]
        people = [actor for actor, record in self.actors.actors.items()
                  if record.actor_type == "person"
                  and [part[0] for part in re.split(r"[\s-]+", actor) if part[:1].isupper()]
                  == letters]
        return self._mention(people[0], position, position + len(initials)) if len(
            people) == 1 else None

    def _by_handle(self, handle: str) -> Mention | None:
        """The person whose name the handle spells ("@ana_ruiz", "@AnaRuizSenat",
        "@cforestier_senat", "@HMartelRoy"): the whole name, else the surname."""
        folded = _fold(handle).replace("_", "")
        people = [actor for actor, record in self.actors.actors.items()
                  if record.actor_type == "person" and len(actor) > 3
                  and _fold(actor).replace(" ", "").replace("-", "") in folded]
        if not people:
            people = [actor for actor, record in self.actors.actors.items()
                      if record.actor_type == "person" and " " in actor
                      and len(surname := _fold(actor.split()[-1]).replace("-", "")) > 3
                      and surname in folded]
        if len(people) != 1:
            return None
        mention = self.actors.last_mention(people[0], len(self.article.text))
        return mention

    def _mention(self, actor: str, start: int, end: int) -> Mention | None:
        """A mention of a known actor on the prefix's characters, added to the index."""
        tokens = [token for token in self.article.tokens_between(start, end)
                  if self.actors.mention_at(token) is None]
        record = self.actors.actors[actor]
        if not tokens:
            return self.actors.last_mention(actor, end)
        mention = _new_mention(self.article, actor, record.actor_type, tokens)
        self.actors.add(mention)
        return mention

    def _new_person(self, words: list[str], start: int, end: int) -> Mention | None:
        """A person the text names only in a prefix ("Mr HOLLIS"): named as written, with
        capitals undone ("Hollis")."""
        name = " ".join(word.capitalize() if word.isupper() and len(word) > 1 else word
                        for word in words)
        tokens = self.article.tokens_between(start, end)
        if not tokens or not any(NAME_WORD.match(word) for word in words):
            return None
        mention = _new_mention(self.article, name, "person", tokens)
        self.actors.add(mention)
        return mention

    # ------------------------------------------------------------ transcripts

    def _transcript(self) -> list[Turn]:
        """Turns from prefixed lines; unprefixed lines continue the turn before them, and a
        statement after a question is the interviewee's answer."""
        interviewee = self._interviewee()
        turns: list[Turn] = []
        current: Turn | None = None
        for line in self.lines:
            if _is_credit(line.text, self.rules):
                current = None
                continue
            if line.kind in {"question", "answer", "dash", "name", "chair"}:
                kind, speaker = self._turn_of(line, interviewee)
                current = Turn(line.start + line.prefix_end, line.end, kind, speaker)
                turns.append(current)
                if line is self.lines[0]:
                    current = None  # a headline "Name : « … »" runs on into nothing
            elif current is not None:
                if current.kind == "question" and not _is_question(line.text):
                    current = Turn(line.start, line.end, "answer", interviewee)
                    turns.append(current)
                else:
                    current.end = line.end
        return [turn for turn in turns if turn.kind != "answer" or turn.speaker is not None]

    def _turn_of(self, line: _Line, interviewee: Mention | None) -> tuple[str, Mention | None]:
        if line.kind == "chair":
            return "chair", None
        if line.kind == "question" or _is_question(line.text) and line.kind == "dash":
            return "question", None
        if line.kind in {"answer", "dash"}:
            return "answer", interviewee
        if self._asks(line.speaker, interviewee):
            return "question", None  # the interviewer's prefix
        return "speech", line.speaker

    def _asks(self, speaker: Mention | None, interviewee: Mention | None) -> bool:
        """True for the interviewer: a prefix speaker whose every line is a question, or
        half of whose lines are when the standfirst names someone else as interviewee."""
        if speaker is None or any(line.kind == "chair" for line in self.lines):
            return False  # a debate, with its chair, has members asking, not interviewers
        lines = [line for line in self.lines if line.speaker is not None
                 and line.speaker.actor == speaker.actor and line.kind == "name"]
        questions = sum(_is_question(line.text) for line in lines)
        if interviewee is not None and interviewee.actor != speaker.actor:
            return bool(lines) and 2 * questions >= len(lines)
        return bool(lines) and questions == len(lines)

    def _interviewee(self) -> Mention | None:
        """The person the standfirst (the lines before the first question) names most,
        leaving out the interviewer and the author."""
        first_question = next((line.start for line in self.lines
                               if line.kind == "question" or _is_question(line.text)
                               and line.start > self.lines[0].end), len(self.article.text))
        excluded = self._credited()
        counts: dict[str, list[Mention]] = {}
        for mention in self.actors.mentions:
            if (mention.start_char < first_question and mention.actor_type == "person"
                    and mention.actor not in excluded and not mention.in_quote):
                counts.setdefault(mention.actor, []).append(mention)
        if not counts:
            return None
        # a full name before a single word the model may have taken for a person
        best = max(counts.values(), key=lambda mentions: (" " in mentions[0].actor,
                                                          len(mentions), -mentions[0].start_char))
        return best[0]

    def _credited(self) -> set[str]:
        """Persons credited as interviewer or author: not the interviewee."""
        names = set()
        for line in self.lines:
            if _is_credit(line.text, self.rules) or self._byline_of(line) is not None:
                names |= {m.actor for m in self._mentions_in(line) if m.actor_type == "person"}
        return names

    def _announced_interview(self) -> bool:
        head = " ".join(line.text for line in self.lines[:HEAD_LINES]).casefold()
        questions = [line for line in self.lines[1:] if _is_question(line.text)]
        return len(questions) >= MIN_QUESTIONS and any(
            word in head for word in self.rules.words("genres", "interview_words"))

    def _unprefixed_interview(self) -> list[Turn]:
        interviewee = self._interviewee()
        if interviewee is None:
            return []
        turns: list[Turn] = []
        asked = False
        for line in self.lines[1:]:
            if _is_credit(line.text, self.rules):
                continue
            if _is_question(line.text):
                asked = True
                turns.append(Turn(line.start, line.end, "question"))
            elif asked:
                turns.append(Turn(line.start, line.end, "answer", interviewee))
        return turns

    # ------------------------------------------------------------ bylines, communiqués

    def _byline(self) -> Mention | None:
        for line in self.lines[:HEAD_LINES + 1]:
            author = self._byline_of(line)
            if author is not None:
                return author
        return None

    def _byline_of(self, line: _Line) -> Mention | None:
        """"By Catherine Morvan, a former diplomat …", "Par Jeanne Martin, historienne": the
        person named right after the word."""
        words = line.text.split()
        if len(words) > MAX_BYLINE_WORDS or len(words) < 2:
            return None
        if words[0].casefold() not in self.rules.words("genres", "byline_words"):
            return None
        people = [m for m in self._mentions_in(line) if m.actor_type == "person"]
        if not people or people[0].start_char > line.start + len(words[0]) + 1 + len(words[1]):
            return None
        return people[0]

    def _communique_body(self) -> Turn | None:
        """A header announcing a statement, and the actor it names (on that line or the next
        two: "PRESS RELEASE" / "Statement by Terre et République on …"): the rest is theirs."""
        for index, line in enumerate(self.lines[:HEAD_LINES]):
            opening = " ".join(line.text.casefold().split()[:HEADER_WORDS])
            if len(line.text.split()) > MAX_HEADER_WORDS or not any(
                    re.search(rf"(?<!\w){re.escape(word)}(?!\w)", opening)
                    for word in self.rules.words("genres", "communique_words")):
                continue
            for header in self.lines[index: index + 3]:
                body = (self._body_named(header) or self._body_written(header)
                        or self._body_named(header, anyone=True))
                if body is not None:
                    return Turn(header.end, len(self.article.text), "body", body)
        return None

    def _body_written(self, line: _Line) -> Mention | None:
        """A body a header names that the model did not tag: the capitalised name after
        "by" / "de" / a dash ("Statement by Terre et République on …"), or the line's own
        opening name ("Gauche souveraine et populaire (GSP) – Bureau national")."""
        words = self.rules.words("genres", "header_links")
        tokens = [t for t in self.article.tokens_between(line.start, line.end)]
        starts = [i + 1 for i, t in enumerate(tokens) if t.lower_ in words] or [0]
        for start in starts:
            name = []
            for token in tokens[start:]:
                if token.text[:1].isupper() and token.is_alpha and not token.is_stop or (
                        name and (token.lower_ in self.rules.words("actors", "name_links")
                                  or token.is_lower and token.pos_ == "ADJ")):
                    name.append(token)
                else:
                    break
            while name and not name[-1].text[:1].isupper() and name[-1].pos_ != "ADJ":
                name.pop()
            shouted = all(t.text.isupper() for t in name)  # "PRESS RELEASE", a header's label
            if len(name) >= 2 and not shouted and not any(self.actors.mention_at(t)
                                                            for t in name):
                label = "party" if any(t.lower_ in self.rules.words("actors", "party_words")
                                       for t in name) else "organisation"
                mention = _new_mention(self.article, _name_of(name), label, name)
                self.actors.add(mention)
                return mention
        return None

    def _body_named(self, line: _Line, *, anyone: bool = False) -> Mention | None:
        """The party or body a header names: the longest name of the article's parties and
        bodies written in it (a header in capitals included), else its first mention; NATO,
        which every text here names, is the subject, not the author."""
        folded = _fold(line.text)
        named = [actor for actor, record in self.actors.actors.items()
                 if record.actor_type in {"party", "organisation"} and actor != "NATO"
                 and _fold(actor) in folded]
        if named:
            best = max(named, key=len)
            return self.actors.last_mention(best, len(self.article.text) + 1)
        bodies = [m for m in self._mentions_in(line) if not m.in_quote and m.actor != "NATO"
                  and (anyone or m.actor_type in {"party", "organisation"})]
        if not bodies:
            return None
        return min(bodies, key=lambda m: (_BODY_PRIORITY.get(m.actor_type, 9), m.start_char))

    def _mentions_in(self, line: _Line) -> list[Mention]:
        first = bisect.bisect_left(self.actors.starts, line.start)
        last = bisect.bisect_left(self.actors.starts, line.end)
        return self.actors.mentions[first:last]


_BODY_PRIORITY = {"party": 0, "organisation": 1, "state": 2, "person": 3}


def turn_statements(article: ArticleDoc, sentence: Sentence, turn: Turn,
                    rules: Rules) -> list[tuple[int, int]]:
    """The spans of a sentence that are claims of a turn's speaker: the sentence within the
    turn, without stage directions; none for a question or a line of a few words."""
    start, end = max(sentence.start_char, turn.start), min(sentence.end_char, turn.end)
    text = article.text[start:end]
    if BRACKETED.match(text):
        return []
    trailing = TRAILING_BRACKETS.search(text)
    if trailing:
        end = start + trailing.start()
        text = article.text[start:end]
    text = text.rstrip()
    words = [word for word in text.split() if any(char.isalnum() for char in word)]
    if _is_question(text) or len(words) < MIN_STATEMENT_WORDS:
        return []  # "Très bien !", "Yes.": an interjection, no statement
    address = rules.words("genres", "address_words")
    if all(word.strip(",.;:!").casefold() in address for word in words):
        return []  # "Madame la présidente, chers collègues,": who is addressed, not what is said
    if text.endswith("!") and len(words) <= EXCLAMATION_WORDS and _whole_turn(
            article, sentence, turn):
        return []  # "C'est un contresens historique !" thrown in from the benches
    return [(start, end)]


def _whole_turn(article: ArticleDoc, sentence: Sentence, turn: Turn) -> bool:
    return not article.text[turn.start:turn.end].replace(sentence.text.strip(), "").strip()


def _lines(text: str) -> list[_Line]:
    lines, position = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = position + raw.index(stripped[0])
            lines.append(_Line(start, start + len(stripped), stripped))
        position += len(raw) + 1
    return lines


def _is_question(text: str) -> bool:
    text = text.rstrip(" \u00a0»”\"")
    return text.endswith("?") and len(text.split()) <= QUESTION_MAX_WORDS


def _is_credit(text: str, rules: Rules) -> bool:
    folded = text.casefold().lstrip("(—–- ")
    return any(folded.startswith(credit) for credit in rules.words("genres", "interviewer_credits"))


def _name_of(tokens: list) -> str:
    doc = tokens[0].doc
    return doc[tokens[0].i: tokens[-1].i + 1].text


def _fold(text: str) -> str:
    return fold_accents(text.casefold())


def _new_mention(article: ArticleDoc, actor: str, actor_type: str, tokens: list) -> Mention:
    start, end = article.char_span(tokens)
    sentence = article.sentence_at(start)
    return Mention(actor, actor_type, tokens, start, end,
                   sentence.index if sentence is not None else 0, article.in_quote(start, end))
