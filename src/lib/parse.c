/*
 * parse.c - shallow structure of one sentence: noun phrases that name actors (with their
 * codes), verb groups (voice, negation, nominal use) and clauses.
 *
 * Noun phrases: runs of actor and agent matches glued by possessives, determiners,
 * capitalised names, hyphens, "of" and short modifiers ("Eastern Libyan strongman Khalifa
 * Haftar", "Haftar's forces", "President of Turkey", "his Russian counterpart Vladimir
 * Putin"). Their code is the most specific actor code, with the agent's role added to a
 * bare country (TABARI's agent composition). "A and B", "A, B and C" make compounds.
 * Pronouns take the subject of their clause or of an earlier clause, else the story's last
 * actor (TABARI's pronoun rule, widened to the story).
 *
 * Clauses end at ; and : and before but/while/whereas/although/because/when, ", which" and
 * ", who", and at "and"/"or" unless they join two actors into a compound.
 */
#include <string.h>

#include "doc.h"
#include "words.h"

/* Word tests run for every token many times over (profile: strcmp was a quarter of coding
 * time): inline, with the constant's length known. */
static inline int is(const kh_token *t, const char *w)
{
    return kh__norm_is(t, w);
}

/* The word lists below, as bits of the token's entry in the word table (words.h): each
 * token is looked up once per story, not strcmp'd against the lists at every test (#7). */
enum {
    W_DET = 1 << 0, W_POSSPRO = 1 << 1, W_SUBJPRO = 1 << 2, W_RELPRO = 1 << 3, W_LOC = 1 << 4,
    W_BREAK = 1 << 5, W_CLAUSE = 1 << 6, W_BE = 1 << 7, W_AUX = 1 << 8, W_NEG = 1 << 9,
    W_NOMDET = 1 << 10, W_NOTNAME = 1 << 11, W_PARTICLE = 1 << 12, W_SUBORD = 1 << 13,
    W_CONJ = 1 << 14,  /* AND, BUT, OR, NOR: where TABARI's clauses may end (7.6) */
    W_TCOMMA = 1 << 15 /* , ; : ( ): TABARI's commas (5.1) */
};

static inline int in(const kh_token *t, unsigned bits)
{
    return (kh__words[t->wcls].parse & bits) != 0;
}

static const char *const k_det[] = {"THE", "A", "AN", "THIS", "THAT", "THESE", "THOSE",
                                    "SOME", "SEVERAL", "MANY", "TWO", "THREE", "FOUR", "FIVE",
                                    "BOTH", "ALL", NULL};
static const char *const k_posspro[] = {"HIS", "HER", "THEIR", "ITS", "OUR", NULL};
static const char *const k_subjpro[] = {"HE", "SHE", "THEY", "IT", "WE", "HIM", "THEM", NULL};
static const char *const k_relpro[] = {"WHICH", "WHO", NULL};
static const char *const k_loc[] = {"IN", "AT", "NEAR", "OUTSIDE", "INSIDE", "ACROSS", "INTO",
                                    "AROUND", "THROUGHOUT", "WITHIN", "NORTH", "SOUTH",
                                    "EAST", "WEST", NULL};
static const char *const k_break[] = {
    "AND", "OR", "NOR", "BUT", "WHILE", "WHEREAS", "ALTHOUGH", "THOUGH", "BECAUSE", "WHEN",
    "IN", "ON", "AT", "TO", "FROM", "BY", "WITH", "FOR", "AGAINST", "ABOUT", "OVER", "INTO",
    "ONTO", "AFTER", "BEFORE", "SINCE", "UNTIL", "DURING", "NEAR", "AS", "THAN", "THAT",
    "WHICH", "WHO", "WHOM", "WHOSE", "WHERE", "IS", "ARE", "WAS", "WERE", "BE", "BEEN",
    "BEING", "HAS", "HAVE", "HAD", "WILL", "WOULD", "SHALL", "SHOULD", "CAN", "COULD", "MAY",
    "MIGHT", "MUST", "DO", "DOES", "DID", "NOT", "NEVER", "HE", "SHE", "THEY", "IT", "WE",
    "I", "YOU", "SAID", "SAYS", "SAY", "TOLD", "ALSO", "LATE", "EARLY", "ON", "LAST",
    "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", NULL};
static const char *const k_clause[] = {"BUT", "WHILE", "WHEREAS", "ALTHOUGH", "THOUGH",
                                       "BECAUSE", "WHEN", "HOWEVER", NULL};
static const char *const k_be[] = {"IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM",
                                   "GET", "GETS", "GOT", "GOTTEN", NULL};
static const char *const k_aux[] = {"HAS", "HAVE", "HAD", "WILL", "WOULD", "SHALL", "SHOULD",
                                    "CAN", "COULD", "MAY", "MIGHT", "MUST", "DO", "DOES",
                                    "DID", "TO", "ALSO", "STILL", "ALREADY", "REPORTEDLY",
                                    "ALLEGEDLY", "RECENTLY", "JUST", "EVEN", "AGAIN",
                                    "REPEATEDLY", "FURTHER", "THEN", "LATER", "NOW", "FINALLY",
                                    "REPORTEDLY", "SUBSEQUENTLY", "JOINTLY", "FORMALLY",
                                    "OFFICIALLY", "PUBLICLY", "STRONGLY", "SHARPLY", NULL};
static const char *const k_neg[] = {"NOT", "NEVER", "NO", "DIDN'T", "DOESN'T", "DON'T",
                                    "WON'T", "WOULDN'T", "CAN'T", "CANNOT", "COULDN'T",
                                    "ISN'T", "AREN'T", "WASN'T", "WEREN'T", "HASN'T",
                                    "HAVEN'T", "HADN'T", "SHOULDN'T", "NEITHER", NULL};
static const char *const k_nomdet[] = {"THE", "A", "AN", "ITS", "THEIR", "HIS", "HER",
                                       "OUR", "THIS", "THAT", "ANY", "NO", "EVERY", "EACH",
                                       "SUCH", "FURTHER", "NEW", "FRESH", "RENEWED",
                                       "LATEST", "RECENT", "JOINT", NULL};

static int is_neg(const kh_token *t)
{
    return in(t, W_NEG) || (t->nlen > 3 && memcmp(t->norm + t->nlen - 3, "N'T", 3) == 0);
}

static int is_adverb(const kh_token *t)
{
    return t->kind == KH_TK_WORD && t->nlen > 4 && memcmp(t->norm + t->nlen - 2, "LY", 2) == 0 &&
           (t->flags & KH_TF_LOWER);
}

/* The match at token i if it is of kind k (or any kind when k < 0), else NULL. */
static const kh_match *match_at(const kh_doc *doc, size_t i, int k)
{
    int32_t m = doc->toks[i].match;
    if (m < 0)
        return NULL;
    const kh_match *mm = &doc->matches[m];
    return (k < 0 || mm->kind == k) ? mm : NULL;
}

/* Does token i start something a noun phrase is made of? */
static int np_core(const kh_doc *doc, size_t i)
{
    const kh_match *m = match_at(doc, i, -1);
    if (!m)
        return 0;
    if (m->kind == KH_PH_AGENT)
        return 1;
    if (m->kind == KH_PH_ACTOR) {
        const char *c = m->code;
        return c && !kh__code_special(c);
    }
    return 0;
}

/* Words that never belong to a person's or group's name after a description. */
static const char *const k_notname[] = {
    "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "JANUARY",
    "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER",
    "NOVEMBER", "DECEMBER", "JAN", "FEB", "MAR", "APR", "JUN", "JUL", "AUG", "SEP", "SEPT",
    "OCT", "NOV", "DEC", "I", "JR", "SR", "MR", "MRS", "MS", "DR", "THE", NULL};
/* Lower-case particles inside names: "Ahmad al-Mesmoori", "Ursula von der Leyen". */
static const char *const k_particle[] = {"AL", "EL", "BIN", "BEN", "IBN", "ABU", "BINT", "DE",
                                         "DEL", "DA", "DI", "DOS", "DU", "LA", "LE", "VAN",
                                         "VON", "DER", "DEN", "UL", "UD", NULL};

/* Can token i be part of a name no dictionary knows? */
static int name_word(const kh_doc *doc, size_t i)
{
    const kh_token *t = &doc->toks[i];
    return t->kind == KH_TK_WORD && t->match < 0 && (t->flags & KH_TF_CAP) &&
           !(t->flags & KH_TF_ABBR) && !in(t, W_NOTNAME);
}

/* The story actor whose name starts at token i (newest first), with its length in tokens in
 * *n; NULL when none. Only for text with case: a lower-case story has no names to follow. */
static const kh_entity *entity_at(const kh_doc *doc, size_t i, size_t *n)
{
    *n = 0;
    if (!doc->nents || doc->opts.tabari || !name_word(doc, i))
        return NULL;
    for (size_t k = doc->nents; k-- > 0;) {
        const kh_entity *e = &doc->ents[k];
        if (!e->name || i + e->ntok > doc->ntoks)
            continue;
        const char *p = e->name;
        size_t j = 0;
        for (; j < e->ntok; j++) {
            const kh_token *t = &doc->toks[i + j];
            if (t->match >= 0 || strncmp(p, t->norm, t->nlen) != 0 ||
                (p[t->nlen] != ' ' && p[t->nlen] != 0))
                break;
            p += t->nlen + (p[t->nlen] == ' ');
        }
        if (j == e->ntok) {
            *n = j;
            return e;
        }
    }
    return NULL;
}

/* The story actor a role noun stands for ("the strongman" after "Libyan strongman Khalifa
 * Haftar"), or NULL. */
static const kh_entity *entity_of_agent(const kh_doc *doc, int32_t agent)
{
    for (size_t k = doc->nents; k-- > 0;)
        if (!doc->ents[k].name && doc->ents[k].agent == agent)
            return &doc->ents[k];
    return NULL;
}

static kh_np *new_np(kh_doc *doc)
{
    KH_GROW(doc, doc->nps, doc->nnps, doc->capnps, kh_np);
    kh_np *np = &doc->nps[doc->nnps];
    memset(np, 0, sizeof *np);
    np->group = (int32_t)doc->nnps;
    doc->nnps++;
    return np;
}

/* Is the actor match m only a modifier: "UN-recognized", "Iranian-backed", "pro-Turkish"? */
static int modifier(const kh_doc *doc, const kh_match *m)
{
    if (m->t1 < doc->ntoks) {
        const kh_token *n = &doc->toks[m->t1];
        if ((n->flags & KH_TF_HYPHEN) && (n->flags & KH_TF_LOWER) &&
            (n->match < 0 || doc->matches[n->match].kind == KH_PH_VERB ||
             doc->matches[n->match].kind == KH_PH_NULL))
            return 1;
    }
    /* "pro-Turkish", "anti-government", "all-India": joined to a word before it. */
    if (m->t0 > 0 && (doc->toks[m->t0].flags & KH_TF_HYPHEN) && doc->toks[m->t0 - 1].match < 0)
        return 1;
    return 0;
}

/* PETRARCH: a word that may stand between a possessive and its agent: "Dagolath's first
 * deputy prime minister", "Ithilen's awful and evil minister". */
static int petr_adj(const kh_doc *doc, size_t i)
{
    const kh_token *t = &doc->toks[i];
    return t->kind == KH_TK_WORD && (t->match < 0 || is(t, "AND"));
}

/* TABARI 5.4: the code of the noun phrase [a, b): its first actor, with the agent that stands
 * right after it (a possessive or FORMER may come between) or right before it (IN or OF may
 * come between); the agent's part is left out when the actor's code already has it at a
 * multiple of three letters. */
static const char *np_code_tabari(const kh_dict *d, kh_doc *doc, size_t a, size_t b)
{
    const kh_match *act = NULL;
    const char *code = NULL;
    for (size_t i = a; i < b && !act; i++) {
        const kh_match *m = match_at(doc, i, KH_PH_ACTOR);
        if (!m || m->t0 != i)
            continue;
        const char *c = m->code;
        if (c && !kh__code_special(c)) {
            act = m;
            code = c;
        }
    }
    if (!act)
        return NULL;
    const kh_agent_entry *ag = NULL;
    int former = 0;
    size_t j = act->t1;
    while (j < doc->ntoks && (doc->toks[j].kind == KH_TK_POSS || is(&doc->toks[j], "FORMER"))) {
        former |= is(&doc->toks[j], "FORMER");
        j++;
    }
    /* PETRARCH: "Dagolath's first deputy prime minister": words between the possessive and
     * the agent */
    if (doc->opts.petrarch && j > act->t1 && j < b) {
        size_t h = j;
        while (h < b && h < j + 4 && petr_adj(doc, h))
            h++;
        if (h < b && match_at(doc, h, KH_PH_AGENT))
            j = h;
    }
    const kh_match *m = j < doc->ntoks ? match_at(doc, j, KH_PH_AGENT) : NULL;
    if (!m && act->t0 > 0) {
        size_t k = act->t0;
        if (k > 0 && (is(&doc->toks[k - 1], "IN") || is(&doc->toks[k - 1], "OF") ||
                      (doc->opts.petrarch && is(&doc->toks[k - 1], "FROM"))))
            k--;
        if (k > 0 && doc->toks[k - 1].match >= 0 &&
            doc->matches[doc->toks[k - 1].match].kind == KH_PH_AGENT)
            m = &doc->matches[doc->toks[k - 1].match];
    }
    if (act->t0 > 0 && is(&doc->toks[act->t0 - 1], "FORMER"))
        former = 1;
    if (m) {
        ag = &d->agents.v[d->phrases.v[m->phrase].entry];
        if (m->t0 > 0 && is(&doc->toks[m->t0 - 1], "FORMER"))
            former = 1;
    }
    const char *role = ag ? ag->role : NULL;
    if (former)
        role = "ELI";
    if (!role)
        return code;
    size_t n1 = strlen(code), n2 = strlen(role);
    for (size_t off = 0; off + n2 <= n1; off += 3)
        if (!memcmp(code + off, role, n2))
            return code;
    char *c = kh__arena_alloc(&doc->arena, n1 + n2 + 1);
    if (ag && ag->prefix && !former) {
        memcpy(c, role, n2);
        memcpy(c + n2, code, n1 + 1);
    } else {
        memcpy(c, code, n1);
        memcpy(c + n1, role, n2 + 1);
    }
    /* PETRARCH: a prefix agent right before the actor as well ("an MSF Arnor diplomat":
     * NGO + ARN + GOV) */
    if (doc->opts.petrarch && act->t0 > a && (!ag || !ag->prefix)) {
        const kh_match *pm = match_at(doc, act->t0 - 1, KH_PH_AGENT);
        const kh_agent_entry *pa = pm ? &d->agents.v[d->phrases.v[pm->phrase].entry] : NULL;
        if (pa && pa->prefix && pm != m) {
            size_t n3 = strlen(pa->role), nc = strlen(c);
            char *c2 = kh__arena_alloc(&doc->arena, n3 + nc + 1);
            memcpy(c2, pa->role, n3);
            memcpy(c2 + n3, c, nc + 1);
            c = c2;
        }
    }
    return c;
}

/* Makes the code of the noun phrase [a, b): the most specific actor code, the last agent's
 * role added to a bare country code (TABARI agent composition), or the role alone. */
static const char *np_code(const kh_dict *d, kh_doc *doc, size_t a, size_t b, const char *ref,
                           uint8_t *person, uint8_t *inferred)
{
    *inferred = 0;
    const char *best = NULL;
    const kh_agent_entry *agent = NULL;
    const kh_entity *ent = NULL;
    const char *owner = NULL; /* "Assad's forces": the actor that owns the agent */
    const char *prev = NULL;  /* the code of the actor just before */
    *person = 0;
    for (size_t i = a; i < b;) {
        const kh_match *m = match_at(doc, i, -1);
        if (!m) {
            size_t n;
            const kh_entity *e = entity_at(doc, i, &n);
            if (e && (!best || strlen(e->code) >= strlen(best))) {
                best = e->code;
                ent = e;
                *person = 1;
            }
            if (e)
                prev = e->code;
            else if (doc->toks[i].kind != KH_TK_POSS)
                prev = NULL;
            i += n ? n : 1;
            continue;
        }
        const kh_phrase *ph = &d->phrases.v[m->phrase];
        if (m->kind == KH_PH_ACTOR && !modifier(doc, m)) {
            const char *c = m->code;
            if (c && !kh__code_special(c) && (!best || strlen(c) >= strlen(best))) {
                best = c;
                *person = strlen(c) > 3;
            }
        } else if (m->kind == KH_PH_AGENT) {
            agent = &d->agents.v[ph->entry];
            owner = i > a && doc->toks[i - 1].kind == KH_TK_POSS ? prev : NULL;
        }
        prev = m->kind == KH_PH_ACTOR ? m->code : NULL;
        i = m->t1;
    }
    if (best && best == (ent ? ent->code : NULL))
        *inferred = 1; /* the actor is known from the story, not from a dictionary */
    if (!best && ref) {
        best = ref;
        *person = 1;
    }
    /* "the strongman": a role noun that stood for a named actor earlier in the story. */
    if (!best && agent && !doc->opts.tabari &&
        ((a > 0 && is(&doc->toks[a - 1], "THE")) || is(&doc->toks[a], "THE"))) {
        const kh_entity *e = entity_of_agent(doc, (int32_t)(agent - d->agents.v));
        if (e) {
            *person = 1;
            *inferred = 1;
            return e->code;
        }
    }
    /* "Former Bolivian President Evo Morales", "ex-minister": an elite out of office. */
    int former = 0;
    for (size_t i = a >= 2 ? a - 2 : 0; i < b; i++)
        if (is(&doc->toks[i], "FORMER") || is(&doc->toks[i], "EX"))
            former = 1;
    if (former && best && strlen(best) >= 3) {
        char *c = kh__arena_alloc(&doc->arena, 7);
        memcpy(c, best, 3);
        memcpy(c + 3, "ELI", 4);
        return c;
    }
    if (!agent)
        return best;
    /* "the army", "the government": with the definite article a role belongs to the
     * country the story is about (marked as inferred). */
    if (!best && doc->home && a > 0 && (is(&doc->toks[a - 1], "THE") || is(&doc->toks[a], "THE")) &&
        !agent->prefix) {
        best = doc->home;
        *inferred = 1;
    }
    if (!best && doc->opts.tabari) {
        /* TABARI: an agent needs an actor, unless SET: CONVERT AGENTS makes it "~ROLE" (8.2.6). */
        if (doc->opts.petrarch) {
            /* PETRARCH: a role with no country is "---ROLE" ("a senior official": ---GOV) */
            size_t n = strlen(agent->role);
            char *c = kh__arena_alloc(&doc->arena, n + 4);
            memcpy(c, "---", 3);
            memcpy(c + 3, agent->role, n + 1);
            return c;
        }
        if (!doc->opts.convert_agents)
            return NULL;
        size_t n = strlen(agent->role);
        char *c = kh__arena_alloc(&doc->arena, n + 2);
        c[0] = '~';
        memcpy(c + 1, agent->role, n + 1);
        return c;
    }
    if (!best)
        return agent->role;
    /* "Assad's forces": a state actor's forces are his country's role, not his own code. */
    if (owner && owner == best && !doc->opts.tabari && strlen(best) == 6 && !agent->prefix &&
        strlen(agent->role) == 3 && kh__hash_get(&d->countries, best, 3)) {
        char *c = kh__arena_alloc(&doc->arena, 7);
        memcpy(c, best, 3);
        memcpy(c + 3, agent->role, 4);
        return c;
    }
    if (strlen(best) > 3)
        return best; /* a person's or organisation's own code wins over a title */
    size_t n1 = strlen(best), n2 = strlen(agent->role);
    /* "human rights activists Amnesty International": NGM + NGM stays NGM. */
    if (n1 >= n2 && (agent->prefix ? !memcmp(best, agent->role, n2)
                                    : !memcmp(best + n1 - n2, agent->role, n2)))
        return best;
    char *c = kh__arena_alloc(&doc->arena, n1 + n2 + 1);
    if (agent->prefix) {
        memcpy(c, agent->role, n2);
        memcpy(c + n2, best, n1 + 1);
    } else {
        memcpy(c, best, n1);
        memcpy(c + n1, agent->role, n2 + 1);
    }
    return c;
}

/* The subject a pronoun at token i stands for: the first coded noun phrase of its clause
 * before it, else of the nearest earlier main clause, else the story's last actor. */
static const char *pronoun_ref(const kh_doc *doc, size_t clause_start, size_t i)
{
    const kh_token *t = &doc->toks[i];
    if (doc->opts.tabari) {
        /* TABARI 7.7: he, him, she, her, it: the first actor before it that is in no
         * compound; they, them, their: the first compound, else the first actor. */
        int plural = is(t, "THEY") || is(t, "THEM") || is(t, "THEIR");
        for (int pass = plural ? 0 : 1; pass < 2; pass++)
            for (size_t k = 0; k < doc->nnps; k++) {
                const kh_np *np = &doc->nps[k];
                if (np->t1 > i || !np->code || np->pronoun)
                    continue;
                int members = 0;
                for (size_t j = 0; j < doc->nnps; j++)
                    members += doc->nps[j].group == np->group;
                if ((pass == 0) == (members > 1))
                    return np->code;
            }
        return doc->last_actor;
    }
    /* he, she, his, her refer to people: named actors, not "terrorists". */
    int person = is(t, "HE") || is(t, "SHE") || is(t, "HIS") || is(t, "HER");
    /* '..., " he said': the speaker is the actor the story last named, not one in the quote. */
    if (person && doc->last_actor && i > 0 && doc->toks[i - 1].kind == KH_TK_PUNCT &&
        (is(&doc->toks[i - 1], "\"") || is(&doc->toks[i - 1], "'")))
        return doc->last_actor;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < doc->nnps; k++) {
            const kh_np *np = &doc->nps[k];
            if ((pass == 0 && np->t0 < clause_start) || np->t1 > i || !np->code || np->location ||
                (person && !np->person))
                continue;
            /* "he" is not "them" */
            const kh_token *p0 = &doc->toks[np->t0];
            if (person && np->pronoun && !is(p0, "HE") && !is(p0, "SHE") && !is(p0, "HIS") &&
                !is(p0, "HER"))
                continue;
            return np->code;
        }
    return doc->last_actor;
}

static void add_clause(kh_doc *doc, size_t a, size_t b)
{
    if (doc->nclauses && doc->clauses[doc->nclauses - 1].t1 == a &&
        doc->clauses[doc->nclauses - 1].t0 == a)
        return;
    KH_GROW(doc, doc->clauses, doc->nclauses, doc->capclauses, kh_clause);
    kh_clause *c = &doc->clauses[doc->nclauses++];
    c->t0 = (uint32_t)a;
    c->t1 = (uint32_t)b;
    c->subject_from = -1;
    c->antecedent = -1;
    c->subordinate = 0;
}

/* Is there a verb match in [a, b)? */
static int verb_in(const kh_doc *doc, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (match_at(doc, i, KH_PH_VERB))
            return 1;
    return 0;
}

/* Finds the noun phrases of [t0, t1). Pronoun codes are filled later, per clause. */
static void find_nps(kh_doc *doc, size_t t0, size_t t1)
{
    for (size_t i = t0; i < t1;) {
        const kh_token *t = &doc->toks[i];
        int pro = in(t, W_SUBJPRO) || in(t, W_RELPRO);
        int posspro = in(t, W_POSSPRO);
        size_t en;
        if (!np_core(doc, i) && !pro && !posspro && !entity_at(doc, i, &en)) {
            i++;
            continue;
        }
        size_t a = i, b;
        if (pro) {
            b = i + 1;
        } else {
            b = i;
            if (posspro)
                b = i + 1;
            /* Extend over cores and glue. */
            for (;;) {
                if (b >= t1)
                    break;
                const kh_token *u = &doc->toks[b];
                const kh_match *m = match_at(doc, b, -1);
                if (np_core(doc, b) || (m && m->kind == KH_PH_NULL)) {
                    b = m->t1;
                    continue;
                }
                if (!m && entity_at(doc, b, &en)) { /* a name the story introduced */
                    b += en;
                    continue;
                }
                if (m && m->kind == KH_PH_VERB)
                    break;
                if (u->kind == KH_TK_POSS && b > a) {
                    b++;
                    /* PETRARCH: "Dagolath's first deputy prime minister" */
                    size_t h = b;
                    while (doc->opts.petrarch && h < t1 && h < b + 4 && petr_adj(doc, h))
                        h++;
                    if (h > b && h < t1 && match_at(doc, h, KH_PH_AGENT))
                        b = h;
                    continue;
                }
                if (u->kind == KH_TK_WORD && (u->flags & KH_TF_HYPHEN) && b > a) {
                    b++;
                    continue;
                }
                /* Glue: up to three name-like or modifier words, then another core. */
                size_t g = b;
                /* TABARI reads actors word by word: no glue ("Mordor et Arnor" is two). */
                while (g < t1 && g < b + 3 && !doc->opts.tabari) {
                    const kh_token *w = &doc->toks[g];
                    if (w->kind != KH_TK_WORD || in(w, W_BREAK) || match_at(doc, g, -1))
                        break;
                    /* "Arnor suggested Gondor": a verb form is no glue. */
                    if ((w->flags & KH_TF_LOWER) && w->nlen > 4 &&
                        (!memcmp(w->norm + w->nlen - 2, "ED", 2) ||
                         !memcmp(w->norm + w->nlen - 3, "ING", 3)))
                        break;
                    if (is(w, "OF") && g > a)
                        break;
                    g++;
                }
                /* "forces loyal to Haftar", "militias allied with the army". */
                if (b + 2 < t1 && (is(u, "LOYAL") || is(u, "ALLIED") || is(u, "ALIGNED") ||
                                   is(u, "BELONGING")) &&
                    (is(&doc->toks[b + 1], "TO") || is(&doc->toks[b + 1], "WITH"))) {
                    size_t h = b + 2;
                    while (h < t1 && (in(&doc->toks[h], W_DET) || (doc->toks[h].flags & KH_TF_LOWER &&
                                                                          doc->toks[h].match < 0 && h < b + 5)))
                        h++;
                    if (h < t1 && np_core(doc, h)) {
                        b = h;
                        continue;
                    }
                }
                /* "of" after a role: "President of Turkey", "forces of Haftar" (an actor
                 * of an actor stays two: "Gondor of the Prince of Dol Amroth"). */
                if (g < t1 && (is(&doc->toks[g], "OF") ||
                               (doc->opts.petrarch && (is(&doc->toks[g], "FROM") ||
                                                       is(&doc->toks[g], "IN"))))) {
                    size_t h = g + 1;
                    while (h < t1 && in(&doc->toks[h], W_DET))
                        h++;
                    if (h < t1 && np_core(doc, h) && g > a && g == b &&
                        match_at(doc, b - 1, KH_PH_AGENT)) {
                        b = h;
                        continue;
                    }
                    break;
                }
                if (g > b && g < t1 && (np_core(doc, g) || entity_at(doc, g, &en))) {
                    b = g;
                    continue;
                }
                /* Trailing capitalised names after a core: "Recep Tayyip Erdogan" where only
                 * the surname is known, or an unknown name after a title. */
                if (g > b && b > a && (doc->toks[b].flags & KH_TF_CAP) &&
                    !(doc->toks[b].flags & KH_TF_ALLCAP)) {
                    size_t h = b;
                    while (h < g && ((doc->toks[h].flags & KH_TF_CAP) ||
                                     (h + 1 < g && in(&doc->toks[h], W_PARTICLE) &&
                                      (doc->toks[h + 1].flags & KH_TF_CAP))))
                        h++;
                    if (h > b) {
                        b = h;
                        continue;
                    }
                }
                break;
            }
        }
        if (posspro && b == a + 1) {
            /* A bare possessive pronoun ("his statement") names no actor. */
            i++;
            continue;
        }
        kh_np *np = new_np(doc);
        np->t0 = (uint32_t)a;
        np->t1 = (uint32_t)b;
        np->pronoun = (uint8_t)(pro || posspro);
        /* PETRARCH: "their Ent populations" names the Ents, not who "their" refers to */
        if (doc->opts.petrarch && posspro && b > a + 1)
            np->pronoun = 0;
        /* After in/at/near: a place. */
        size_t p = a;
        while (p > t0 && in(&doc->toks[p - 1], W_DET))
            p--;
        if (p > t0 && in(&doc->toks[p - 1], W_LOC))
            np->location = 1;
        /* "in Abu Salim (Tripoli)": a place named in brackets after a place. */
        if (p > t0 && is(&doc->toks[p - 1], "(")) {
            for (size_t q = p - 1; q > t0 && q + 5 > p; q--)
                if (in(&doc->toks[q - 1], W_LOC))
                    np->location = 1;
        }
        i = b;
    }
}

/* Groups "A and B", "A, B and C", "A or B" into compounds. */
static void find_compounds(kh_doc *doc)
{
    /* conj[k]: how phrase k joined the one before: 0 not, 1 by a comma only, 2 by a conjunction */
    uint8_t *conj = kh__arena_zalloc(&doc->arena, doc->nnps + 1);
    for (size_t k = 1; k < doc->nnps; k++) {
        kh_np *x = &doc->nps[k - 1], *y = &doc->nps[k];
        size_t g = x->t1;
        int comma = 0, cj = 0;
        while (g < y->t0) {
            const kh_token *t = &doc->toks[g];
            /* Articles and the adjectives of the dictionaries' <ADJECTIVE> lists ("the evil
             * awful Gondor") may stand in the gap; "that" may not ("Mordor, that Calimehtar"). */
            if (is(t, "AND") || is(t, "OR") || is(t, "NOR") || is(t, ",") || is(t, "THE") ||
                is(t, "A") || is(t, "AN") ||
                (t->match >= 0 && doc->matches[t->match].kind == KH_PH_NULL)) {
                cj |= is(t, "AND") || is(t, "OR") || is(t, "NOR");
                comma |= is(t, ",");
                g++;
                continue;
            }
            /* PETRARCH: adjectives after the conjunction ("Fornost and the evil awful Gondor") */
            if (doc->opts.petrarch && (cj || comma) && t->kind == KH_TK_WORD && t->match < 0 &&
                (t->flags & KH_TF_LOWER)) {
                g++;
                continue;
            }
            break;
        }
        if (g != y->t0 || !(comma || cj) || (y->location && !x->location) ||
            (y->pronoun && !x->pronoun && in(&doc->toks[y->t0], W_SUBJPRO)))
            continue;
        y->group = x->group;
        y->location = x->location; /* "at Osgiliath and Eriador": both places */
        conj[k] = cj ? 2 : 1;
    }
    /* A list joined by commas alone is no compound: "A, B and C" is, but the last member must
     * come after a conjunction ("Ithilen and Dagolath, the Osgiliath newspaper" is not). */
    for (size_t k = doc->nnps; k-- > 1;) {
        if (conj[k] != 1)
            continue;
        int more = 0; /* a later member joined by a conjunction? */
        for (size_t j = k + 1; j < doc->nnps && doc->nps[j].group == doc->nps[k].group; j++)
            more |= conj[j] == 2;
        if (!more)
            for (size_t j = k; j < doc->nnps && conj[j] && doc->nps[j].group == doc->nps[k - 1].group; j++)
                doc->nps[j].group = (int32_t)k;
    }
}

/* Marks the verb groups of [t0, t1). */
static void find_verbs(const kh_dict *d, kh_doc *doc, size_t t0, size_t t1)
{
    /* The lexicon's verb matches of the sentence, in order (#7: not every token's match). */
    for (size_t mi = kh__first_match(doc, t0); mi < doc->nmatches && doc->matches[mi].t0 < t1;
         mi++) {
        const kh_match *m = &doc->matches[mi];
        size_t i = m->t0;
        if (m->kind != KH_PH_VERB || (doc->toks[i].flags & KH_TF_NULLED))
            continue;
        /* "Estonia donate's cash", "the attack's aftermath": a possessive makes a noun. */
        if (m->t1 < t1 && doc->toks[m->t1].kind == KH_TK_POSS)
            continue;
        /* TABARI 7.4: after A, AN, THE, or with a capital inside the sentence (in a text not
         * all in capitals), a verb is a noun. */
        if (doc->opts.tabari && i > t0) {
            const kh_token *pv = &doc->toks[i - 1];
            if (is(pv, "A") || is(pv, "AN") || is(pv, "THE"))
                continue;
            if ((doc->toks[i].flags & KH_TF_CAP) && !doc->all_caps)
                continue;
        }
        const kh_phrase *ph = &d->phrases.v[m->phrase];
        KH_GROW(doc, doc->vgs, doc->nvgs, doc->capvgs, kh_verbgroup);
        kh_verbgroup *v = &doc->vgs[doc->nvgs++];
        memset(v, 0, sizeof *v);
        v->t0 = m->t0;
        v->t1 = m->t1;
        v->verb = ph->entry;
        /* Walk back over auxiliaries and adverbs. */
        int be = 0;
        size_t j = i;
        while (j > t0) {
            const kh_token *a = &doc->toks[j - 1];
            if (in(a, W_BE)) {
                be = 1;
                j--;
                continue;
            }
            if (is_neg(a)) {
                v->negated = 1;
                j--;
                continue;
            }
            if (in(a, W_AUX) || is_adverb(a)) {
                j--;
                continue;
            }
            break;
        }
        /* "failed to", "refused to" are read by their own verbs; "failed to" negates. */
        if (j >= t0 + 2 && is(&doc->toks[i - 1], "TO") && j == i - 1) {
            const kh_token *f = &doc->toks[i - 2];
            if (strncmp(f->norm, "FAIL", 4) == 0)
                v->negated = 1;
        }
        const kh_token *vt = &doc->toks[m->t1 - 1];
        const kh_verb_entry *ve = &d->verbs.v[v->verb];
        int irregular = ph->line != ve->line || ph->file != ve->file;
        int participle = irregular || (vt->nlen > 3 && (memcmp(vt->norm + vt->nlen - 2, "ED", 2) == 0 ||
                                                        memcmp(vt->norm + vt->nlen - 2, "EN", 2) == 0));
        if (vt->nlen > 4 && memcmp(vt->norm + vt->nlen - 3, "ING", 3) == 0)
            participle = 0; /* "is acting": a listed -ing form is no passive participle */
        v->participle = (uint8_t)(participle && !be);
        v->aux = (uint8_t)(j < i);
        /* A past form after a subject is finite ("after Russia attacked"), never a noun. */
        if (irregular || (vt->nlen > 3 && memcmp(vt->norm + vt->nlen - 2, "ED", 2) == 0))
            v->aux = v->aux || (j > t0 && doc->toks[j - 1].match >= 0);
        /* "... and at least 5,000 others wounded,": a bare participle after a plain noun or
         * number, with no object after it, is passive. */
        if (participle && !be && j > t0 && m->t1 <= t1 && !doc->opts.tabari) {
            const kh_token *pv = &doc->toks[j - 1];
            const kh_token *nx = m->t1 < t1 ? &doc->toks[m->t1] : NULL;
            /* a number or a plural ("5,000 wounded", "others wounded"), not "the group
             * claimed" or "militia vowed to" */
            int plain = (pv->kind == KH_TK_NUM ||
                         (pv->kind == KH_TK_WORD && (pv->flags & KH_TF_LOWER) && pv->match < 0 &&
                          !in(pv, W_BREAK) && pv->nlen > 3 && pv->norm[pv->nlen - 1] == 'S' &&
                          pv->norm[pv->nlen - 2] != 'S'));
            int no_object = !nx || (nx->kind == KH_TK_PUNCT) ||
                            (in(nx, W_BREAK) && !is(nx, "TO"));
            if (plain && no_object)
                v->passive = 1;
        }
        if (be && participle)
            v->passive = 1;
        /* Reduced passive: "one ... supported mainly by Egypt". */
        if (!be && participle) {
            size_t k = m->t1;
            while (k < t1 && k < m->t1 + 2 && is_adverb(&doc->toks[k]))
                k++;
            if (k < t1 && is(&doc->toks[k], "BY") && k + 1 < t1) {
                size_t h = k + 1;
                while (h < t1 && in(&doc->toks[h], W_DET))
                    h++;
                if (h < t1 && (np_core(doc, h)))
                    v->passive = 2;
            }
        }
    }
}

/* Is verb group v used as a noun ("the attack", "Putin's call", "calls for")? */
int kh__vg_nominal(const kh_doc *doc, const kh_verbgroup *v, size_t t0);
int kh__vg_nominal(const kh_doc *doc, const kh_verbgroup *v, size_t t0)
{
    if (doc->opts.tabari)
        return 0; /* TABARI's nouns are marked in find_verbs (a, an, the; capitals) */
    /* "operation", "rejection", "deployment": a verb stem with a noun's ending. */
    const kh_token *vt = &doc->toks[v->t1 - 1];
    static const char *const k_nounsuf[] = {"TION", "SION", "MENT", "ANCE", "ENCE", NULL};
    for (const char *const *sf = k_nounsuf; *sf; sf++) {
        size_t l = strlen(*sf);
        if (vt->nlen > l + 2 && memcmp(vt->norm + vt->nlen - l, *sf, l) == 0)
            return 1;
    }
    /* "support of": a noun with its complement (but "is accused of" is a verb). */
    if (v->t1 < doc->ntoks && is(&doc->toks[v->t1], "OF") && !v->passive &&
        !(v->t0 > t0 && (in(&doc->toks[v->t0 - 1], W_AUX) || in(&doc->toks[v->t0 - 1], W_BE))))
        return 1;
    if (v->t0 <= t0)
        return 0;
    const kh_token *p = &doc->toks[v->t0 - 1];
    if (p->kind == KH_TK_POSS || in(p, W_NOMDET))
        return 1;
    if (v->t0 >= t0 + 2 && is_adverb(p) == 0 && p->kind == KH_TK_WORD && (p->flags & KH_TF_LOWER) &&
        p->match < 0 && !in(p, W_AUX) && in(&doc->toks[v->t0 - 2], W_NOMDET))
        return 1; /* "a military attack" */
    return 0;
}

/* The noun phrase starting at token i (determiners skipped), or -1. */
static int np_starting(const kh_doc *doc, size_t i, size_t t1)
{
    while (i < t1 && in(&doc->toks[i], W_DET))
        i++;
    for (size_t k = 0; k < doc->nnps; k++)
        if (doc->nps[k].t0 == i)
            return (int)k;
    return -1;
}

/* Skips auxiliaries, adverbs and negations from i. */
static size_t skip_aux(const kh_doc *doc, size_t i, size_t t1)
{
    while (i < t1 && (in(&doc->toks[i], W_AUX) || in(&doc->toks[i], W_BE) ||
                      is_adverb(&doc->toks[i]) || is_neg(&doc->toks[i])))
        i++;
    return i;
}

/* Does a new clause start after the conjunction at i: "and announced", "and Russia backs"
 * (a verb, or an actor and a verb), not "tear gas and water cannon"? */
static int clause_follows(const kh_doc *doc, size_t i, size_t t1)
{
    size_t j = skip_aux(doc, i + 1, t1);
    if (j < t1 && match_at(doc, j, KH_PH_VERB))
        return 1;
    int k = np_starting(doc, j, t1); /* "and then it requested" */
    if (k < 0)
        return 0;
    /* "the army and the RSF to halt": an infinitive is no new clause. */
    if (doc->nps[k].t1 < t1 && is(&doc->toks[doc->nps[k].t1], "TO"))
        return 0;
    j = skip_aux(doc, doc->nps[k].t1, t1);
    return j < t1 && match_at(doc, j, KH_PH_VERB) != NULL;
}

/* Is the comma at i the start of an attribution: ", Ukraine's military said."? A noun
 * phrase or a few words, then a report verb (a subordinate code), then the end. */
static int attribution_follows(const kh_dict *d, const kh_doc *doc, size_t i, size_t t1)
{
    for (size_t j = i + 1; j < t1 && j < i + 14; j++) {
        const kh_match *m = match_at(doc, j, KH_PH_VERB);
        if (m) {
            const kh_verb_entry *v = &d->verbs.v[d->phrases.v[m->phrase].entry];
            /* PETRARCH's dictionaries code "said" [023]: any verb after a noun phrase */
            return ((v->flags & KH_CODE_SUBORD) != 0 || doc->opts.petrarch) && j > i + 1;
        }
        const kh_token *t = &doc->toks[j];
        if (t->kind == KH_TK_PUNCT && !is(t, "\"") && !is(t, "'"))
            return 0;
    }
    return 0;
}

/* Does the conjunction at token i join two members of one compound actor? */
static int joins_compound(const kh_doc *doc, size_t i)
{
    int before = -1, after = -1;
    for (size_t k = 0; k < doc->nnps; k++) {
        if (doc->nps[k].t1 <= i)
            before = (int)k;
        if (doc->nps[k].t0 > i && after < 0)
            after = (int)k;
    }
    return before >= 0 && after >= 0 && doc->nps[before].group == doc->nps[after].group;
}

static int in_compound(const kh_doc *doc, size_t i);

/* Is the comma at i the start of the sentence's last part: no comma after it, at most ten
 * words to the end? */
static int final_part(const kh_doc *doc, size_t i, size_t t1)
{
    if (t1 - i > 12)
        return 0;
    for (size_t j = i + 1; j < t1; j++)
        if (is(&doc->toks[j], ","))
            return 0;
    return 1;
}

/* Is token i a lower-case word that no dictionary knows? */
static int plain_word(const kh_doc *doc, size_t i)
{
    const kh_token *t = &doc->toks[i];
    return t->kind == KH_TK_WORD && t->match < 0 && (t->flags & KH_TF_LOWER);
}

/* Does token i stand inside a noun phrase (not at its edges)? */
static int inside_np(const kh_doc *doc, size_t i)
{
    for (size_t k = 0; k < doc->nnps; k++)
        if (doc->nps[k].t0 < i && i + 1 < doc->nps[k].t1)
            return 1;
    return 0;
}

static const char *const k_subord[] = {"AFTER", "BEFORE", "SINCE", "UNTIL", "IF", "UNLESS",
                                       "BECAUSE", "ALTHOUGH", "THOUGH", "WHEN", "WHEREAS",
                                       "ACCORDING", NULL};

void kh__words_parse(kh_wadd add)
{
    static const char *const k_conj[] = {"AND", "BUT", "OR", "NOR", NULL};
    static const char *const k_tcomma[] = {",", ";", ":", "(", ")", NULL};
    static const kh_wlist k[] = {
        {k_det, W_DET},       {k_posspro, W_POSSPRO}, {k_subjpro, W_SUBJPRO},   {k_relpro, W_RELPRO},
        {k_loc, W_LOC},       {k_break, W_BREAK},     {k_clause, W_CLAUSE},     {k_be, W_BE},
        {k_aux, W_AUX},       {k_neg, W_NEG},         {k_nomdet, W_NOMDET},     {k_notname, W_NOTNAME},
        {k_particle, W_PARTICLE}, {k_subord, W_SUBORD}, {k_conj, W_CONJ}, {k_tcomma, W_TCOMMA}};
    kh__words_add(add, KH_WD_PARSE, k, sizeof k / sizeof *k);
}

/* Splits [t0, t1) into clauses. */
static void find_clauses(const kh_dict *d, kh_doc *doc, size_t t0, size_t t1)
{
    size_t start = t0;
    uint8_t *noinherit = kh__arena_zalloc(&doc->arena, t1 - t0 + 1);
    for (size_t i = t0; i < t1; i++) {
        const kh_token *t = &doc->toks[i];
        int cut = 0, skip = 0;
        /* PETRARCH's parse makes ", a senior official said" a clause of its own. */
        if (doc->opts.petrarch && is(t, ",") && !(t->flags & KH_TF_NULLED) &&
            !in_compound(doc, i) && final_part(doc, i, t1) && attribution_follows(d, doc, i, t1)) {
            if (i > start)
                add_clause(doc, start, i);
            start = i + 1;
            noinherit[i + 1 - t0] = 1;
            continue;
        }
        if (doc->opts.tabari) {
            /* TABARI 7.6: clauses end only at AND, BUT, OR, NOR outside compounds, not as the
             * first or last word, not inside a verb root ("shot and wounded"), not between
             * two words of the <NOUN>/<ADJECTIVE> lists ("sheep and evil awful goats"). */
            if (!in(t, W_CONJ) || i == t0 ||
                i + 2 >= t1 || (t->flags & KH_TF_NULLED) || joins_compound(doc, i) ||
                match_at(doc, i, -1) || (t->flags & KH_TF_INSIDE) || /* "DURTHANG [and an] ORC" */
                (doc->opts.petrarch && inside_np(doc, i)) || /* "Ithilen's awful and evil minister" */
                (doc->opts.petrarch && plain_word(doc, i - 1) && plain_word(doc, i + 1)))
                continue; /* "heavily and unjustly criticized", "death and injury toll" */
            size_t nx = i + 1;
            while (nx < t1 && match_at(doc, nx, KH_PH_NULL) && nx + 1 < t1 &&
                   match_at(doc, nx + 1, KH_PH_NULL))
                nx++;
            if (match_at(doc, i - 1, KH_PH_NULL) && nx < t1 && match_at(doc, nx, KH_PH_NULL))
                continue;
            if (i > start)
                add_clause(doc, start, i);
            start = i;
            continue;
        }
        /* A quotation ends a clause where a comma marks the end of the quoted words:
         * '... until the end," al-Mesmari said'. */
        int quote_end = t->kind == KH_TK_PUNCT && is(t, "\"") &&
                        ((i > t0 && is(&doc->toks[i - 1], ",")) || (i + 1 < t1 && is(&doc->toks[i + 1], ",")));
        if (t->kind == KH_TK_PUNCT && (is(t, ";") || is(t, ":") || quote_end)) {
            cut = 1;
            skip = 1;
        } else if (in(t, W_CLAUSE) || (in(t, W_SUBORD) && i > t0)) {
            cut = 1;
            /* "after weeks of protests": a subordinate clause has its own subject or none. */
            if (in(t, W_SUBORD))
                noinherit[i - t0] = 1;
        } else if (is(t, ",") && i + 1 < t1 && in(&doc->toks[i + 1], W_RELPRO)) {
            cut = 1;
            skip = 1;
        } else if (is(t, ",") && attribution_follows(d, doc, i, t1)) {
            cut = 1;
            skip = 1;
        } else if ((is(t, "AND") || is(t, "OR")) && i > start) {
            /* TABARI 5.5.3 splits at every conjunction that does not join two actors. */
            cut = clause_follows(doc, i, t1);
            if (doc->opts.tabari) /* also before an actor that joins no compound */
                cut = !joins_compound(doc, i) &&
                      (cut || np_starting(doc, skip_aux(doc, i + 1, t1), t1) >= 0);
            if (cut) {
                /* "Turkey and Russia rejected ...": two actors before any verb are a compound
                 * subject, not two clauses. */
                int k = np_starting(doc, i + 1, t1);
                int np_before = 0;
                for (size_t j = 0; j < doc->nnps; j++)
                    if (doc->nps[j].t1 == i || (doc->nps[j].t1 + 1 == i && is(&doc->toks[i - 1], ",")))
                        np_before = 1;
                if (k >= 0 && np_before && !verb_in(doc, start, i))
                    cut = 0;
            }
        }
        if (!cut)
            continue;
        if (i > start)
            add_clause(doc, start, i);
        start = skip ? i + 1 : i;
    }
    if (start < t1)
        add_clause(doc, start, t1);
    /* Subjects for clauses that have none before their first verb. */
    for (size_t c = 0; c < doc->nclauses; c++) {
        kh_clause *cl = &doc->clauses[c];
        const kh_token *first = &doc->toks[cl->t0];
        cl->first_verb = cl->t1;
        for (size_t k = 0; k < doc->nvgs; k++)
            if (doc->vgs[k].t0 >= cl->t0 && doc->vgs[k].t0 < cl->t1) {
                cl->first_verb = doc->vgs[k].t0;
                break;
            }
        size_t fv = cl->first_verb;
        int has_subject = 0;
        for (size_t k = 0; k < doc->nnps; k++) {
            const kh_np *np = &doc->nps[k];
            if (np->t0 >= cl->t0 && np->t1 <= fv && !np->location &&
                !in(&doc->toks[np->t0], W_RELPRO))
                has_subject = 1;
        }
        if (c > 0 && cl->t0 > 0 && is(&doc->toks[cl->t0 - 1], ",") &&
            in(first, W_RELPRO)) {
            /* ", which ..." refers to the noun phrase before the comma. */
            for (size_t k = 0; k < doc->nnps; k++)
                if (doc->nps[k].t1 == cl->t0 - 1)
                    cl->antecedent = (int32_t)k;
        }
        cl->subordinate = noinherit[cl->t0 - t0];
        /* "after its missile and drone attack": "and" goes on with a subordinate clause. */
        if (c > 0 && doc->clauses[c - 1].subordinate &&
            (is(first, "AND") || is(first, "OR")))
            cl->subordinate = 1;
        if (cl->antecedent < 0 && c > 0 && !has_subject && !cl->subordinate)
            cl->subject_from = (int32_t)c - 1;
    }
}

/* Fills pronoun codes: relative pronouns from their antecedent, others from their clause's
 * subject, an earlier one, or the story's last actor. */
static void resolve_pronouns(const kh_dict *d, kh_doc *doc)
{
    for (size_t k = 0; k < doc->nnps; k++) {
        kh_np *np = &doc->nps[k];
        const kh_token *t = &doc->toks[np->t0];
        size_t cs = np->t0;
        const kh_clause *cl = NULL;
        for (size_t c = 0; c < doc->nclauses; c++)
            if (doc->clauses[c].t0 <= np->t0 && np->t0 < doc->clauses[c].t1)
                cl = &doc->clauses[c], cs = doc->clauses[c].t0;
        const char *ref = NULL;
        if (np->pronoun) {
            if (in(t, W_RELPRO)) {
                if (cl && cl->antecedent >= 0)
                    ref = doc->nps[cl->antecedent].code;
            } else {
                ref = pronoun_ref(doc, cs, np->t0);
                /* TABARI: "they" that refers to a compound becomes that compound. */
                if (doc->opts.tabari && ref && (is(t, "THEY") || is(t, "THEM") || is(t, "THEIR"))) {
                    for (size_t j = 0; j < k; j++) {
                        if (doc->nps[j].code != ref)
                            continue;
                        int lead = j + 1 < k && doc->nps[j + 1].group == (int32_t)j;
                        if (doc->nps[j].group != (int32_t)j || lead) {
                            np->group = doc->nps[j].group;
                            break;
                        }
                    }
                }
            }
        }
        uint8_t person = 0, inferred = 0;
        np->code = np_code(d, doc, np->t0, np->t1, ref, &person, &inferred);
        if (doc->opts.tabari && !np->pronoun && np->code) {
            const char *tc = np_code_tabari(d, doc, np->t0, np->t1);
            if (tc)
                np->code = tc;
        }
        np->person = person;
        np->inferred = inferred;
    }
    /* An actor that stands for several ("THE_SHIRE [FRO/BIL/SAM]") is a compound of them. */
    size_t n0 = doc->nnps;
    for (size_t k = 0; k < n0; k++) {
        const char *c = doc->nps[k].code;
        const char *sl = c ? strchr(c, '/') : NULL;
        if (!sl)
            continue;
        doc->nps[k].code = kh__arena_strndup(&doc->arena, c, (size_t)(sl - c));
        while (sl) {
            const char *st = sl + 1;
            sl = strchr(st, '/');
            kh_np *x = new_np(doc);
            *x = doc->nps[k];
            x->code = kh__arena_strndup(&doc->arena, st, sl ? (size_t)(sl - st) : strlen(st));
        }
    }
    /* PETRARCH: "the ambassadors of Arnor, Osgiliath and Gondor": the role of an agent that
     * leads the first member goes to the bare actors after it. */
    for (size_t k = 0; k < doc->nnps && doc->opts.petrarch; k++) {
        kh_np *np = &doc->nps[k];
        const kh_match *lead = match_at(doc, np->t0, KH_PH_AGENT);
        if (np->group != (int32_t)k || !np->code || !lead || lead->t1 >= np->t1)
            continue;
        const kh_agent_entry *ag = &d->agents.v[d->phrases.v[lead->phrase].entry];
        if (ag->prefix)
            continue;
        for (size_t j = k + 1; j < doc->nnps; j++) {
            kh_np *x = &doc->nps[j];
            if (x->group != np->group || !x->code || x->pronoun)
                continue;
            int has_agent = 0;
            for (size_t i = x->t0; i < x->t1; i++)
                has_agent |= match_at(doc, i, KH_PH_AGENT) != NULL;
            size_t n1 = strlen(x->code), n2 = strlen(ag->role);
            if (has_agent || n1 % 3 || (n1 >= n2 && !memcmp(x->code + n1 - n2, ag->role, n2)))
                continue;
            char *c = kh__arena_alloc(&doc->arena, n1 + n2 + 1);
            memcpy(c, x->code, n1);
            memcpy(c + n1, ag->role, n2 + 1);
            x->code = c;
        }
    }
    /* "Thai and Cambodian troops", "Russian and Syrian warplanes": the role of the last
     * member belongs to the bare nationalities before it (TABARI shares no agents). */
    for (size_t k = 0; k + 1 < doc->nnps && !doc->opts.tabari; k++) {
        kh_np *np = &doc->nps[k];
        if (!np->code || strlen(np->code) != 3 || np->t1 - np->t0 != 1 || np->t1 >= doc->ntoks ||
            !(is(&doc->toks[np->t1], "AND") || is(&doc->toks[np->t1], ",")))
            continue;
        const kh_np *last = NULL;
        for (size_t j = k + 1; j < doc->nnps; j++)
            if (doc->nps[j].group == np->group)
                last = &doc->nps[j];
        if (!last)
            continue;
        const kh_agent_entry *ag = NULL;
        for (size_t i = last->t0; i < last->t1; i++) {
            const kh_match *m = match_at(doc, i, KH_PH_AGENT);
            if (m)
                ag = &d->agents.v[d->phrases.v[m->phrase].entry];
        }
        if (!ag || ag->prefix)
            continue;
        size_t n1 = strlen(np->code), n2 = strlen(ag->role);
        char *c = kh__arena_alloc(&doc->arena, n1 + n2 + 1);
        memcpy(c, np->code, n1);
        memcpy(c + n1, ag->role, n2 + 1);
        np->code = c;
    }
}

void kh__story_country(const kh_dict *d, kh_doc *doc)
{
    /* Count the countries of the story's actor mentions: the first three letters of codes
     * that some dictionary entry uses as a plain country code. */
    const char *best = NULL;
    size_t bestn = 0, second = 0;
    const char *seen[64];
    size_t counts[64], nseen = 0;
    for (size_t i = 0; i < doc->nmatches; i++) {
        const kh_match *m = &doc->matches[i];
        if (m->kind != KH_PH_ACTOR || modifier(doc, m))
            continue;
        const char *c = m->code;
        if (!c || strlen(c) < 3 || kh__code_special(c) || !memcmp(c, "IGO", 3) || !memcmp(c, "NGO", 3) ||
            !kh__hash_get(&d->countries, c, 3))
            continue;
        size_t k = 0;
        while (k < nseen && memcmp(seen[k], c, 3) != 0)
            k++;
        if (k == nseen) {
            if (nseen == 64)
                continue;
            seen[nseen] = c;
            counts[nseen++] = 0;
        }
        counts[k]++;
    }
    for (size_t k = 0; k < nseen; k++) {
        if (counts[k] > bestn) {
            second = bestn;
            bestn = counts[k];
            best = seen[k];
        } else if (counts[k] > second) {
            second = counts[k];
        }
    }
    doc->home = NULL;
    if (best && bestn >= 2 && bestn > second) {
        char *h = kh__arena_alloc(&doc->arena, 4);
        memcpy(h, best, 3);
        h[3] = 0;
        doc->home = h;
    }
}

/* Is token i a comma for TABARI's comma clauses (; : ( ) count as commas, 5.1)? */
static int tcomma(const kh_token *t)
{
    return t->kind == KH_TK_PUNCT && in(t, W_TCOMMA);
}

/* Is token i inside a compound actor (between two of its members)? */
static int in_compound(const kh_doc *doc, size_t i)
{
    for (size_t k = 0; k < doc->nnps; k++) {
        const kh_np *a = &doc->nps[k];
        if (a->group != (int32_t)k)
            continue;
        size_t end = a->t1;
        for (size_t j = k + 1; j < doc->nnps; j++)
            if (doc->nps[j].group == (int32_t)k && doc->nps[j].t1 > end)
                end = doc->nps[j].t1;
        if (end > a->t1 && i >= a->t0 && i < end)
            return 1;
    }
    return 0;
}

/* TABARI's comma clauses (5.7 of docs/tabari-suite.md, manual 7.8 and 8.6): at each comma A, the
 * words up to the next comma B are dropped when there are min..max of them, or the words to the
 * end when there are emin..emax; the scan resumes after B. Dropped words are neither actors nor
 * verbs. */
static void null_comma_clauses(kh_doc *doc, size_t t0, size_t t1)
{
    const kh_options *o = &doc->opts;
    if (!o->tabari || o->comma_off)
        return;
    int mn = o->comma_min ? o->comma_min : 2, mx = o->comma_max ? o->comma_max : 10;
    int emn = o->comma_emin ? o->comma_emin : 2, emx = o->comma_emax ? o->comma_emax : 10;
    if (o->petrarch) { /* PETRARCH's settings: a maximum of 0 turns that rule off */
        mx = o->comma_max ? o->comma_max : -1;
        emx = o->comma_emax ? o->comma_emax : -1;
    }
    int bmn = o->comma_bmin, bmx = o->comma_bmax;
    size_t end = t1;
    while (end > t0 && doc->toks[end - 1].kind == KH_TK_PUNCT && !tcomma(&doc->toks[end - 1]))
        end--; /* the sentence's final point is no word */
    int first = 1;
    for (size_t a = t0; a < end; a++) {
        if (!tcomma(&doc->toks[a]) || in_compound(doc, a))
            continue;
        if (first && bmx >= bmn && bmn > 0 && (int)(a - t0) >= bmn && (int)(a - t0) <= bmx)
            for (size_t k = t0; k < a; k++)
                doc->toks[k].flags |= KH_TF_NULLED;
        first = 0;
        size_t b = a + 1;
        while (b < end && !(tcomma(&doc->toks[b]) && !in_compound(doc, b)))
            b++;
        int n = (int)(b - a - 1);
        if (b >= end) {
            if (n >= emn && n <= emx)
                for (size_t k = a + 1; k < end; k++)
                    doc->toks[k].flags |= KH_TF_NULLED;
            break;
        }
        if (n >= mn && n <= mx)
            for (size_t k = a + 1; k <= b; k++)
                doc->toks[k].flags |= KH_TF_NULLED;
        a = o->petrarch ? b - 1 : b; /* TABARI: B starts no clause of its own */
    }
    /* Actors in dropped words are gone; compounds keep their other members. */
    int32_t *oldgroup = kh__arena_alloc(&doc->arena, (doc->nnps + 1) * sizeof *oldgroup);
    size_t o2 = 0;
    for (size_t k = 0; k < doc->nnps; k++) {
        const kh_np *np = &doc->nps[k];
        int nulled = 0;
        for (size_t i = np->t0; i < np->t1; i++)
            nulled |= (doc->toks[i].flags & KH_TF_NULLED) != 0;
        if (nulled)
            continue;
        oldgroup[o2] = np->group;
        doc->nps[o2++] = *np;
    }
    for (size_t k = 0; k < o2; k++) {
        size_t j = 0;
        while (oldgroup[j] != oldgroup[k])
            j++; /* the first kept member of the old group leads it */
        doc->nps[k].group = (int32_t)j;
    }
    doc->nnps = o2;
}


/* Adds a story actor; 1 if it is new. */
static int add_entity(kh_doc *doc, const char *name, size_t nlen, size_t ntok, int32_t agent,
                      const char *code)
{
    for (size_t k = 0; k < doc->nents; k++) {
        kh_entity *e = &doc->ents[k];
        if (e->agent == agent && e->nlen == nlen && (!name || !memcmp(e->name, name, nlen))) {
            if (strcmp(e->code, code) == 0)
                return 0;
            /* The newest wins: move it to the end with its new code. */
            kh_entity x = *e;
            memmove(e, e + 1, (doc->nents - k - 1) * sizeof *e);
            x.code = code;
            doc->ents[doc->nents - 1] = x;
            return 1;
        }
    }
    KH_GROW(doc, doc->ents, doc->nents, doc->capents, kh_entity);
    kh_entity *e = &doc->ents[doc->nents++];
    e->name = name ? kh__arena_strndup(&doc->arena, name, nlen) : NULL;
    e->nlen = (uint32_t)nlen;
    e->ntok = (uint8_t)ntok;
    e->agent = agent;
    e->code = code;
    return 1;
}

/* Remembers the actors this sentence introduced for the rest of the story: a name no
 * dictionary knows at the end of a coded description ("Eastern Libyan strongman Khalifo
 * Haftor", "his spokesman Ahmad al-Mesmoori"), under its full name and its last word; and
 * the role noun of a description with a name ("strongman"), for "the strongman" later.
 * Returns the number of new or changed entries. */
static int remember_actors(const kh_dict *d, kh_doc *doc)
{
    int added = 0;
    for (size_t k = 0; k < doc->nnps; k++) {
        kh_np *np = &doc->nps[k];
        if (!np->code || np->location || kh__code_special(np->code) || strlen(np->code) < 3 ||
            np->code[0] == '~' || np->code[0] == '-')
            continue;
        /* The trailing name: unmatched capitalised words (and particles) ending the phrase. */
        size_t r = np->t1;
        while (r > np->t0 && (name_word(doc, r - 1) ||
                              (r < np->t1 && in(&doc->toks[r - 1], W_PARTICLE) &&
                               doc->toks[r - 1].match < 0)))
            r--;
        while (r < np->t1 && !name_word(doc, r))
            r++; /* a name does not start with a particle */
        int described = 0, named_person = 0;
        int32_t agent = -1;
        for (size_t i = np->t0; i < r; i++) {
            const kh_match *m = match_at(doc, i, -1);
            if (!m)
                continue;
            described = 1;
            if (m->kind == KH_PH_AGENT)
                agent = (int32_t)d->phrases.v[m->phrase].entry;
            else if (m->kind == KH_PH_ACTOR && np->person)
                named_person = 1;
            i = m->t1 - 1;
        }
        size_t ntok = np->t1 - r;
        if (ntok && ntok <= 5 && described) {
            char buf[256];
            size_t n = 0;
            for (size_t i = r; i < np->t1 && n + doc->toks[i].nlen + 1 < sizeof buf; i++) {
                if (n)
                    buf[n++] = ' ';
                memcpy(buf + n, doc->toks[i].norm, doc->toks[i].nlen);
                n += doc->toks[i].nlen;
            }
            added += add_entity(doc, buf, n, ntok, -1, np->code);
            const kh_token *last = &doc->toks[np->t1 - 1];
            if (ntok > 1 && last->nlen >= 3)
                added += add_entity(doc, last->norm, last->nlen, 1, -1, np->code);
            np->inferred = 1;
        }
        /* "the strongman" later stands for this description's named actor. */
        /* (Not from "former finance minister X": the role noun alone names the office holder.) */
        size_t cl = strlen(np->code);
        if (agent >= 0 && (ntok || named_person) && cl > 3 && strcmp(np->code + cl - 3, "ELI") != 0)
            added += add_entity(doc, NULL, 0, 0, agent, np->code);
    }
    return added;
}

void kh__parse(const kh_dict *d, kh_doc *doc, size_t s)
{
    const kh_sentence *se = &doc->sents[s];
    doc->nnps = doc->nvgs = doc->nclauses = 0;
    size_t t0 = se->t0, t1 = se->t1;
    for (size_t i = t0; i < t1; i++)
        doc->toks[i].flags &= (uint16_t)~KH_TF_NULLED;
    find_nps(doc, t0, t1);
    find_compounds(doc);
    null_comma_clauses(doc, t0, t1);
    find_verbs(d, doc, t0, t1);
    find_clauses(d, doc, t0, t1);
    /* "... have been killed and 5,000 others wounded": a bare participle continuing a
     * passive clause is passive too. */
    for (size_t c = 1; c < doc->nclauses; c++) {
        if (doc->clauses[c].subject_from < 0)
            continue;
        kh_verbgroup *first = NULL, *prev = NULL;
        for (size_t k = 0; k < doc->nvgs; k++) {
            kh_verbgroup *v = &doc->vgs[k];
            if (!first && v->t0 >= doc->clauses[c].t0 && v->t0 < doc->clauses[c].t1)
                first = v;
            if (!prev && v->t0 >= doc->clauses[c - 1].t0 && v->t0 < doc->clauses[c - 1].t1)
                prev = v;
        }
        if (first && prev && first->participle && prev->passive)
            first->passive = 1;
    }
    /* A compound does not reach across a clause break ("... the GNA and Russia backs ..."). */
    for (size_t k = 0; k < doc->nnps; k++) {
        kh_np *np = &doc->nps[k];
        if (np->group == (int32_t)k)
            continue;
        const kh_np *lead = &doc->nps[np->group];
        for (size_t c = 0; c < doc->nclauses; c++) {
            const kh_clause *cl = &doc->clauses[c];
            int in_a = lead->t0 >= cl->t0 && lead->t0 < cl->t1;
            int in_b = np->t0 >= cl->t0 && np->t0 < cl->t1;
            if (in_a != in_b && (in_a || in_b)) {
                int32_t old = np->group;
                for (size_t j = k; j < doc->nnps; j++)
                    if (doc->nps[j].group == old && doc->nps[j].t0 >= np->t0)
                        doc->nps[j].group = (int32_t)k;
                break;
            }
        }
    }
    for (size_t k = 0; k < doc->nvgs; k++)
        for (size_t c = 0; c < doc->nclauses; c++)
            if (doc->clauses[c].t0 <= doc->vgs[k].t0 && doc->vgs[k].t0 < doc->clauses[c].t1)
                doc->vgs[k].clause = (uint32_t)c;
    resolve_pronouns(d, doc);
    /* Actors the sentence introduces are followed through the story (issue #5); a name met
     * again later in the same sentence needs the parse redone once. */
    if (!doc->opts.tabari && !doc->all_caps && se->kind == KH_SENT_TEXT && !doc->reparse &&
        remember_actors(d, doc)) {
        doc->reparse = 1;
        kh__parse(d, doc, s);
        doc->reparse = 0;
    }
}
