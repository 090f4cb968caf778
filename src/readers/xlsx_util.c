/* Small helpers of the XLSX reader: cell references, bounded range lists,
 * XML attribute and text access, relationships, header/footer codes. */
#include <string.h>
#include "xlsx_reader.h"

char *nohin_xlsx_col_name(int col)
{
    char buf[8];
    nohin_ooxml_col_name(col, buf);
    return g_strdup(buf);
}

char *nohin_xlsx_ref(int row, int col)
{
    char *c = nohin_xlsx_col_name(col);
    char *r = g_strdup_printf("%s%d", c, row);
    g_free(c);
    return r;
}

bool nohin_xlsx_parse_ref(const char *ref, int *row, int *col)
{
    return nohin_ooxml_parse_ref(ref, row, col);
}

char *nohin_xlsx_range_ref(const nohin_xlsx_range *r)
{
    char *a = nohin_xlsx_ref(r->r0, r->c0);
    if (r->r0 == r->r1 && r->c0 == r->c1) return a;
    char *b = nohin_xlsx_ref(r->r1, r->c1);
    char *s = g_strdup_printf("%s:%s", a, b);
    g_free(a);
    g_free(b);
    return s;
}

bool xlsx_ranges_push(GArray *ranges, nohin_xlsx_range r, guint64 *dropped)
{
    if (ranges->len >= NOHIN_XLSX_MAX_RANGES) {
        if (dropped) (*dropped)++;
        g_free(r.evidence);
        return false;
    }
    g_array_append_val(ranges, r);
    return true;
}

static void range_clear(gpointer p)
{
    nohin_xlsx_range *r = p;
    g_free(r->evidence);
}

void xlsx_range_array_free(GArray *a)
{
    if (!a) return;
    g_array_set_clear_func(a, range_clear);
    g_array_free(a, TRUE);
}

void xlsx_marks_clear(nohin_xlsx_marks *m)
{
    xlsx_range_array_free(m->ranges);
    m->ranges = NULL;
}

/* Rectangles from cells that arrive in row-major order: runs along a row,
 * then runs with the same columns on consecutive rows grow downwards. Only the
 * previous row's open rectangles are kept, so memory stays bounded. */
#define MAX_OPEN 64
struct xlsx_rect_acc {
    nohin_xlsx_marks *out;
    nohin_xlsx_range open[MAX_OPEN]; /* rectangles ending on the previous row */
    int n_open;
    nohin_xlsx_range cur[MAX_OPEN]; /* runs on the current row */
    int n_cur;
    int row;
};

xlsx_rect_acc *xlsx_rect_acc_new(nohin_xlsx_marks *out)
{
    xlsx_rect_acc *a = g_new0(xlsx_rect_acc, 1);
    a->out = out;
    if (!out->ranges) out->ranges = g_array_new(FALSE, TRUE, sizeof(nohin_xlsx_range));
    return a;
}

static void emit(xlsx_rect_acc *a, nohin_xlsx_range r)
{
    xlsx_ranges_push(a->out->ranges, r, &a->out->dropped_ranges);
}

/* Ends the current row: runs extend matching open rectangles, the rest close. */
static void end_row(xlsx_rect_acc *a)
{
    nohin_xlsx_range next[MAX_OPEN];
    int n_next = 0;
    bool used[MAX_OPEN] = {false};
    for (int i = 0; i < a->n_cur; i++) {
        nohin_xlsx_range run = a->cur[i];
        for (int j = 0; j < a->n_open; j++) {
            nohin_xlsx_range *o = &a->open[j];
            if (!used[j] && o->c0 == run.c0 && o->c1 == run.c1 && o->r1 == run.r0 - 1) {
                used[j] = true;
                o->r1 = run.r1;
                g_free(run.evidence);
                run = *o;
                o->evidence = NULL;
                break;
            }
        }
        next[n_next++] = run;
    }
    for (int j = 0; j < a->n_open; j++)
        if (!used[j]) emit(a, a->open[j]);
    memcpy(a->open, next, sizeof(nohin_xlsx_range) * (size_t)n_next);
    a->n_open = n_next;
    a->n_cur = 0;
}

void xlsx_rect_acc_add(xlsx_rect_acc *a, int row, int col, const char *evidence)
{
    a->out->cells++;
    if (row != a->row) {
        end_row(a);
        /* A gap of a row closes everything still open. */
        if (row != a->row + 1) {
            for (int j = 0; j < a->n_open; j++)
                emit(a, a->open[j]);
            a->n_open = 0;
        }
        a->row = row;
    }
    if (a->n_cur > 0) {
        nohin_xlsx_range *last = &a->cur[a->n_cur - 1];
        if (last->c1 == col - 1) {
            last->c1 = col;
            return;
        }
    }
    nohin_xlsx_range r = {row, col, row, col, 0, evidence ? g_strdup(evidence) : NULL};
    if (a->n_cur == MAX_OPEN) {
        emit(a, r); /* too many runs on one row: keep the cell on its own */
        return;
    }
    a->cur[a->n_cur++] = r;
}

void xlsx_rect_acc_finish(xlsx_rect_acc *a)
{
    if (!a) return;
    end_row(a);
    for (int j = 0; j < a->n_open; j++)
        emit(a, a->open[j]);
    g_free(a);
}

char *xlsx_read_text(xmlTextReaderPtr r, size_t max)
{
    GString *g = g_string_new(NULL);
    xlsx_read_text_into(r, g, max);
    return g_string_free(g, FALSE);
}

void xlsx_read_text_into(xmlTextReaderPtr r, GString *g, size_t max)
{
    nohin_ooxml_read_text_into(r, g, max);
}

char *xlsx_rels_part_for(const char *part)
{
    return nohin_ooxml_rels_part_for(part);
}

static void rel_free(gpointer p)
{
    nohin_xlsx_rel *r = p;
    g_free(r->type);
    g_free(r->target);
    g_free(r);
}

/* The package's one relationship reader, indexed by id for the reader's lookups. */
GHashTable *xlsx_read_rels(nohin_xlsx *x, const char *part)
{
    GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, rel_free);
    GPtrArray *a = nohin_ooxml_read_rels(x->zip, part, NULL);
    for (guint i = 0; i < a->len; i++) {
        nohin_ooxml_rel *o = a->pdata[i];
        nohin_xlsx_rel *rel = g_new0(nohin_xlsx_rel, 1);
        rel->type = g_steal_pointer(&o->type);
        rel->target = g_steal_pointer(&o->target);
        rel->external = o->external;
        g_hash_table_replace(h, g_steal_pointer(&o->id), rel);
    }
    g_ptr_array_free(a, TRUE);
    return h;
}

char *nohin_xlsx_headerfooter_text(const char *raw, bool *has_path, bool *has_file)
{
    return nohin_ooxml_headerfooter_text(raw, has_path, has_file); /* the model's */
}

char *nohin_xlsx_mask_path(const char *path)
{
    if (!path) return g_strdup("");
    char *norm = g_strdup(path);
    g_strdelimit(norm, "\\", '/');
    char **parts = g_strsplit(norm, "/", -1);
    for (int i = 0; parts[i]; i++) {
        char *lower = g_ascii_strdown(parts[i], -1);
        char *dec = g_uri_unescape_string(lower, NULL);
        const char *l = dec ? dec : lower;
        bool user_dir =
            !strcmp(l, "users") || !strcmp(l, "home") || !strcmp(l, "documents and settings");
        g_free(lower);
        g_free(dec);
        if (user_dir && parts[i + 1] && *parts[i + 1]) {
            char *m = nohin_mask(parts[i + 1]);
            g_free(parts[i + 1]);
            parts[i + 1] = m;
            i++;
        }
    }
    char *r = g_strjoinv("/", parts);
    g_strfreev(parts);
    g_free(norm);
    return r;
}
