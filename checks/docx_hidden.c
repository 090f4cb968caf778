/* What Word's Document Inspector lists in a .docx: tracked changes (the deleted
 * text stays in the file, with who made each change), comments with their
 * authors, hidden text, and a person as author in the properties. Personal data inside
 * deleted text, comments and headers/footers is PII-*'s (the docx text source
 * reads them). DOCX is not published, so nohin clean fixes none of this. */
#include <string.h>
#include "pii/pii.h"
#include "readers/docx_reader.h"

static const nohin_rule rules[] = {
    {"DOCX-TRACKED-CHANGES", NOHIN_SEV_WARNING, false,
     N_("Tracked changes kept in a Word document (deleted text and who changed it)"), "001 §5(2)"},
    {"DOCX-COMMENT", NOHIN_SEV_WARNING, false, N_("Comments in a Word document"), "001 §5(2)"},
    {"DOCX-HIDDEN-TEXT", NOHIN_SEV_WARNING, false,
     N_("Text formatted as hidden in a Word document"), "001 §5(2)"},
    {"DOCX-METADATA-PERSON", NOHIN_SEV_WARNING, false,
     N_("A person's name in a Word document's properties"), "001 §5(2)"},
    {NULL}};

/* "山* **, 佐* **": the names masked, at most a few. */
static char *masked_list(GPtrArray *names, guint from_col)
{
    GString *g = g_string_new(NULL);
    for (guint i = 0; i < names->len && i < 5; i++) {
        const char *n = names->pdata[i];
        if (from_col) {
            const char *tab = strchr(n, '\t');
            char *a = g_strndup(n, tab ? (gsize)(tab - n) : strlen(n));
            char *m = nohin_mask(a);
            if (*a && !strstr(g->str, m)) g_string_append_printf(g, "%s%s", g->len ? ", " : "", m);
            g_free(m);
            g_free(a);
            continue;
        }
        char *m = nohin_mask(n);
        g_string_append_printf(g, "%s%s", g->len ? ", " : "", m);
        g_free(m);
    }
    return g_string_free(g, FALSE);
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_docx *d = nohin_docx_of(file);
    if (d->error) return;
    if (d->insertions || d->deletions) {
        char *who = masked_list(d->change_authors, 0);
        nohin_finding *f = nohin_emit(
            ctx, file, "DOCX-TRACKED-CHANGES", nohin_loc_none(),
            _("Accept or reject every change (Review > Accept > Accept All Changes), turn off "
              "Track Changes, and save again."),
            _("The document keeps %d tracked insertions and %d deletions (deleted text stays in "
              "the file) by %s."),
            d->insertions, d->deletions, *who ? who : "?");
        if (f) nohin_finding_set_evidence(f, "authors=%s", who);
        g_free(who);
    }
    if (d->comments->len) {
        char *who = masked_list(d->comments, 1);
        nohin_finding *f = nohin_emit(
            ctx, file, "DOCX-COMMENT", nohin_loc_none(),
            _("Delete the comments (Review > Delete > Delete All Comments in "
              "Document)."),
            _("The document holds %u comments (authors: %s)."), d->comments->len, *who ? who : "?");
        if (f) nohin_finding_set_evidence(f, "authors=%s", who);
        g_free(who);
    }
    if (d->hidden_chars) {
        /* the text itself is read with the body (PII-* there); not shown here */
        nohin_finding *f = nohin_emit(
            ctx, file, "DOCX-HIDDEN-TEXT", nohin_loc_none(),
            _("Show hidden text (Home > Show/Hide), then delete it or clear the Hidden font "
              "attribute, and save again."),
            _("The document holds %d characters formatted as hidden (not shown, still in the "
              "file)."),
            d->hidden_chars);
        if (f) nohin_finding_set_evidence(f, "characters=%d", d->hidden_chars);
    }
    const nohin_config *cfg = nohin_ctx_config(ctx);
    const char *keys[] = {"dc:creator", "cp:lastModifiedBy"};
    const char *vals[] = {d->creator, d->last_modified_by};
    for (int i = 0; i < 2; i++) {
        const char *v = vals[i];
        if (!v || !*v || pii_author_kind_of(v, cfg ? cfg->organisation : NULL) != PII_AUTHOR_PERSON)
            continue;
        char *m = nohin_mask(v);
        nohin_finding *f = nohin_emit(
            ctx, file, "DOCX-METADATA-PERSON", nohin_loc_properties(0),
            _("Remove personal information (File > Info > Check for Issues > Inspect Document), "
              "or set the author to the organisation."),
            _("The property %s holds %s."), keys[i], m);
        if (f) nohin_finding_set_evidence(f, "%s=%s", keys[i], m);
        g_free(m);
    }
}

NOHIN_CHECK(docx_hidden) = {.name = "docx_hidden",
                            .rules = rules,
                            .formats = NOHIN_FMT_DOCX,
                            .roles = NOHIN_ROLE_ANY,
                            .run_file = run};
