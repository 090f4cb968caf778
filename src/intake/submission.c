/* Submissions: the messages of one sender whose subjects differ only in a
 * counter — "（1/3）", "(2/3)", "【3/3】", "その2", "2通目" — sent within the
 * window. A submission is complete when every counter 1..n is there. */
#include <string.h>
#include "core/ctx.h"
#include "intake.h"

const char *nohin_verdict_name(nohin_verdict v)
{
    return v == NOHIN_VERDICT_ACCEPT ? "accept" : v == NOHIN_VERDICT_REJECT ? "reject" : "review";
}

static GRegex *counter_regex(void)
{
    static gsize once;
    static GRegex *re;
    if (g_once_init_enter(&once)) {
        /* n/m in brackets (ASCII or full width, digits either), or その n, or n 通目. */
        re = g_regex_new(
            "[（(［\\[【]\\s*([0-9０-９]{1,3})\\s*[/／]\\s*([0-9０-９]{1,3})\\s*[）)］\\]】]"
            "|その\\s*([0-9０-９]{1,3})"
            "|([0-9０-９]{1,3})\\s*通目",
            G_REGEX_OPTIMIZE, 0, NULL);
        g_once_init_leave(&once, 1);
    }
    return re;
}

static guint digits(const char *s)
{
    guint v = 0;
    for (const char *p = s; p && *p; p = g_utf8_next_char(p)) {
        int d = g_unichar_digit_value(g_utf8_get_char(p));
        if (d >= 0) v = v * 10 + (guint)d;
    }
    return v;
}

/* White space collapsed and trimmed. */
static char *tidy(const char *s)
{
    GString *o = g_string_new(NULL);
    bool space = false;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c)) {
            space = o->len > 0;
            continue;
        }
        if (space) g_string_append_c(o, ' ');
        space = false;
        g_string_append_unichar(o, c);
    }
    return g_string_free(o, FALSE);
}

void nohin_mail_parse_counter(nohin_mail *m)
{
    const char *subject = m->subject_raw ? m->subject_raw : "";
    GMatchInfo *mi = NULL;
    if (g_regex_match(counter_regex(), subject, 0, &mi)) {
        int s = 0, e = 0;
        g_match_info_fetch_pos(mi, 0, &s, &e);
        char *a = g_match_info_fetch(mi, 1), *b = g_match_info_fetch(mi, 2);
        char *c = g_match_info_fetch(mi, 3), *d = g_match_info_fetch(mi, 4);
        if (a && *a) {
            m->part = digits(a);
            m->of = digits(b);
        } else {
            m->part = digits(c && *c ? c : d);
            m->of = 0;
        }
        if (m->part == 0 || (m->of && m->part > m->of)) m->part = m->of = 0; /* not a counter */
        if (m->part) {
            m->counter_text = g_strndup(subject + s, (gsize)(e - s));
            GString *rest = g_string_new_len(subject, s);
            g_string_append(rest, subject + e);
            m->base = tidy(rest->str);
            g_string_free(rest, TRUE);
        }
        g_free(a);
        g_free(b);
        g_free(c);
        g_free(d);
    }
    g_match_info_free(mi);
    if (!m->base) m->base = tidy(subject);
}

/* "（2/3）" in the style the group wrote its counters. */
static char *counter_like(const char *example, guint n, guint of)
{
    if (!example) return g_strdup_printf("（%u/%u）", n, of);
    if (g_str_has_prefix(example, "その")) return g_strdup_printf("その%u", n);
    if (strstr(example, "通目")) return g_strdup_printf("%u通目", n);
    if (g_str_has_prefix(example, "(")) return g_strdup_printf("(%u/%u)", n, of);
    if (g_str_has_prefix(example, "[")) return g_strdup_printf("[%u/%u]", n, of);
    if (g_str_has_prefix(example, "【")) return g_strdup_printf("【%u/%u】", n, of);
    return g_strdup_printf("（%u/%u）", n, of);
}

static nohin_submission *submission_new(void)
{
    nohin_submission *s = g_new0(nohin_submission, 1);
    s->mails = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_mail_free);
    s->missing = g_ptr_array_new_with_free_func(g_free);
    s->report = g_new0(nohin_report, 1);
    s->report->files = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_file_free);
    s->report->findings = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_finding_free);
    return s;
}

nohin_submission *nohin_submission_new_with(GPtrArray *mails)
{
    nohin_submission *s = submission_new();
    for (guint i = 0; i < mails->len; i++)
        g_ptr_array_add(s->mails, mails->pdata[i]);
    g_ptr_array_set_free_func(mails, NULL);
    g_ptr_array_free(mails, TRUE);
    return s;
}

void nohin_submission_free(nohin_submission *s)
{
    if (!s) return;
    g_free(s->id);
    g_free(s->subject);
    g_free(s->sender_domain);
    g_ptr_array_free(s->mails, TRUE);
    g_ptr_array_free(s->missing, TRUE);
    nohin_report_free(s->report);
    g_free(s);
}

typedef struct {
    nohin_mail *m;
    guint index; /* input order */
    gint64 when; /* seconds since the epoch; G_MININT64 when the date is unknown */
    char *key;   /* sender + normalised base subject */
} entry;

static gint by_key_then_time(gconstpointer a, gconstpointer b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    if (x->when != y->when) return x->when < y->when ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static gint by_part(gconstpointer a, gconstpointer b)
{
    const entry *x = *(entry *const *)a, *y = *(entry *const *)b;
    if (x->m->part != y->m->part) return x->m->part < y->m->part ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

typedef struct {
    GPtrArray *entries; /* entry* */
    guint first_index;
} chunk;

static gint by_first_index(gconstpointer a, gconstpointer b)
{
    const chunk *x = *(chunk *const *)a, *y = *(chunk *const *)b;
    return x->first_index < y->first_index ? -1 : x->first_index > y->first_index;
}

static void close_chunk(GPtrArray *chunks, GPtrArray *members)
{
    /* Counted messages form one submission; an uncounted one joins them as part 1
     * when they count "その2…" (no total) and nobody is part 1; any other uncounted
     * message is a submission of its own. */
    GPtrArray *counted = g_ptr_array_new();
    bool open_ended = false, has_one = false;
    for (guint i = 0; i < members->len; i++) {
        entry *e = members->pdata[i];
        if (!e->m->part) continue;
        g_ptr_array_add(counted, e);
        if (!e->m->of) open_ended = true;
        if (e->m->part == 1) has_one = true;
    }
    for (guint i = 0; i < members->len; i++) {
        entry *e = members->pdata[i];
        if (e->m->part) continue;
        if (counted->len && open_ended && !has_one) {
            e->m->part = 1;
            has_one = true;
            g_ptr_array_add(counted, e);
            continue;
        }
        chunk *c = g_new0(chunk, 1);
        c->entries = g_ptr_array_new();
        g_ptr_array_add(c->entries, e);
        c->first_index = e->index;
        g_ptr_array_add(chunks, c);
    }
    if (counted->len) {
        chunk *c = g_new0(chunk, 1);
        c->entries = counted;
        c->first_index = G_MAXUINT;
        for (guint i = 0; i < counted->len; i++)
            c->first_index = MIN(c->first_index, ((entry *)counted->pdata[i])->index);
        g_ptr_array_add(chunks, c);
    } else {
        g_ptr_array_free(counted, TRUE);
    }
    g_ptr_array_set_size(members, 0);
}

GPtrArray *nohin_submissions_group(GPtrArray *mails, gint64 window_s)
{
    guint n = mails->len;
    entry *es = g_new0(entry, n ? n : 1);
    for (guint i = 0; i < n; i++) {
        nohin_mail *m = mails->pdata[i];
        nohin_mail_parse_counter(m);
        es[i].m = m;
        es[i].index = i;
        es[i].when = G_MININT64;
        GDateTime *dt = m->date ? g_date_time_new_from_iso8601(m->date, NULL) : NULL;
        if (dt) {
            es[i].when = g_date_time_to_unix(dt);
            g_date_time_unref(dt);
        }
        char *norm = g_utf8_normalize(m->base, -1, G_NORMALIZE_NFKC);
        char *fold = g_utf8_casefold(norm ? norm : m->base, -1);
        /* A message nobody can be sure of (no sender) is a submission of its own. */
        es[i].key = *m->sender_addr ? g_strdup_printf("%s\n%s", m->sender_addr, fold)
                                    : g_strdup_printf("\n%u", i);
        g_free(fold);
        g_free(norm);
    }
    qsort(es, n, sizeof *es, (int (*)(const void *, const void *))by_key_then_time);
    GPtrArray *chunks = g_ptr_array_new();
    GPtrArray *members = g_ptr_array_new();
    gint64 start = G_MININT64;
    for (guint i = 0; i < n; i++) {
        bool same = members->len && !strcmp(((entry *)members->pdata[0])->key, es[i].key);
        bool late = same && start != G_MININT64 && es[i].when != G_MININT64 &&
                    es[i].when - start > window_s;
        if (members->len && (!same || late)) close_chunk(chunks, members);
        if (!members->len || (start == G_MININT64)) start = es[i].when;
        g_ptr_array_add(members, &es[i]);
    }
    if (members->len) close_chunk(chunks, members);
    g_ptr_array_free(members, TRUE);
    g_ptr_array_sort(chunks, by_first_index);
    GPtrArray *subs = g_ptr_array_new_with_free_func((GDestroyNotify)nohin_submission_free);
    for (guint i = 0; i < chunks->len; i++) {
        chunk *c = chunks->pdata[i];
        g_ptr_array_sort(c->entries, by_part);
        nohin_submission *s = submission_new();
        for (guint k = 0; k < c->entries->len; k++)
            g_ptr_array_add(s->mails, ((entry *)c->entries->pdata[k])->m);
        g_ptr_array_add(subs, s);
        g_ptr_array_free(c->entries, TRUE);
        g_free(c);
    }
    g_ptr_array_free(chunks, TRUE);
    for (guint i = 0; i < n; i++)
        g_free(es[i].key);
    g_free(es);
    g_ptr_array_set_free_func(mails, NULL); /* now owned by the submissions */
    g_ptr_array_free(mails, TRUE);
    return subs;
}

GPtrArray *nohin_submission_findings(const nohin_submission *s)
{
    GPtrArray *all = g_ptr_array_new();
    for (guint i = 0; i < s->mails->len; i++) {
        nohin_mail *m = s->mails->pdata[i];
        for (guint k = 0; k < m->report->findings->len; k++)
            g_ptr_array_add(all, m->report->findings->pdata[k]);
    }
    for (guint k = 0; k < s->report->findings->len; k++)
        g_ptr_array_add(all, s->report->findings->pdata[k]);
    return all;
}

void nohin_submission_finish(nohin_submission *s, const nohin_config *cfg)
{
    nohin_mail *first = s->mails->len ? s->mails->pdata[0] : NULL;
    if (!s->id) s->id = g_strdup(first ? first->id : "");
    if (!s->sender_domain) s->sender_domain = g_strdup(first ? first->sender_domain : "");
    if (!s->subject && first) {
        if (!first->base) nohin_mail_parse_counter(first);
        s->subject = nohin_intake_mask(first->base);
    }
    /* Completeness: counters 1..n, n the largest total (or part) seen. */
    guint total = 0;
    const char *example = NULL;
    for (guint i = 0; i < s->mails->len; i++) {
        nohin_mail *m = s->mails->pdata[i];
        total = MAX(total, MAX(m->of, m->part));
        if (m->counter_text && !example) example = m->counter_text;
    }
    guint of = 0;
    for (guint i = 0; i < s->mails->len; i++)
        of = MAX(of, ((nohin_mail *)s->mails->pdata[i])->of);
    for (guint k = 1; !s->group_option && k <= total && k <= 999; k++) {
        bool there = false;
        for (guint i = 0; i < s->mails->len && !there; i++)
            there = ((nohin_mail *)s->mails->pdata[i])->part == k;
        if (!there) g_ptr_array_add(s->missing, counter_like(example, k, of));
    }
    s->complete = s->missing->len == 0;
    if (!s->complete) {
        GString *list = g_string_new(NULL);
        for (guint i = 0; i < s->missing->len; i++)
            g_string_append_printf(list, "%s%s", i ? " " : "", (char *)s->missing->pdata[i]);
        nohin_ctx *ctx = nohin_ctx_new(cfg);
        nohin_file where = {0};
        where.path = (char *)"";
        nohin_finding *f =
            nohin_emit(ctx, &where, "MAIL-INCOMPLETE", nohin_loc_none(),
                       _("Send the missing messages again (the same subject with their counter)."),
                       _("The submission is incomplete: %s missing."), list->str);
        nohin_finding_set_evidence(f, "incomplete: %s missing", list->str);
        GPtrArray *found = nohin_ctx_steal_findings(ctx);
        for (guint i = 0; i < found->len; i++)
            g_ptr_array_add(s->report->findings, g_steal_pointer(&found->pdata[i]));
        g_ptr_array_set_free_func(found, NULL);
        g_ptr_array_free(found, TRUE);
        nohin_ctx_free(ctx);
        g_string_free(list, TRUE);
    }
    GPtrArray *all = nohin_submission_findings(s);
    s->n_error = s->n_warning = s->n_info = s->n_unscannable = 0;
    bool hard = false;
    for (guint i = 0; i < all->len; i++) {
        const nohin_finding *f = all->pdata[i];
        bool unscannable = !strcmp(f->rule, "MAIL-UNSCANNABLE");
        if (unscannable) s->n_unscannable++;
        if (f->severity == NOHIN_SEV_ERROR) {
            s->n_error++;
            if (!unscannable) hard = true;
        } else if (f->severity == NOHIN_SEV_WARNING) {
            s->n_warning++;
        } else if (f->severity == NOHIN_SEV_INFO) {
            s->n_info++;
        }
    }
    g_ptr_array_free(all, TRUE);
    /* reject: something the contractor must fix; review: only warnings or parts
     * nobody could read; accept: nothing above info. */
    s->verdict = hard                               ? NOHIN_VERDICT_REJECT
                 : s->n_warning || s->n_unscannable ? NOHIN_VERDICT_REVIEW
                                                    : NOHIN_VERDICT_ACCEPT;
}
