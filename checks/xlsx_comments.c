/* XLSX-COMMENT: notes and threaded comments stay in the published file and
 * often name their authors. One finding per comment, author masked. */
#include "readers/xlsx_reader.h"

static const nohin_rule rules[] = {{"XLSX-COMMENT", NOHIN_SEV_ERROR, true,
                                    N_("Comment or note in a cell (with its author)"), "001 §5(2)"},
                                   {NULL}};

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_xlsx *x = nohin_xlsx_of(file);
    if (x->status != NOHIN_XLSX_OK) return;
    for (guint i = 0; i < x->sheets->len; i++) {
        const nohin_xlsx_sheet *s = x->sheets->pdata[i];
        for (guint j = 0; s->comments && j < s->comments->len; j++) {
            const nohin_xlsx_comment *c = s->comments->pdata[j];
            char *author = nohin_mask(c->author);
            const char *fix = _("Delete the comment (Review > Delete); move anything readers need "
                                "into the data itself.");
            nohin_finding *f;
            if (*author)
                f = nohin_emit(ctx, file, "XLSX-COMMENT", nohin_loc_cell(s->name, c->ref), fix,
                               c->threaded ? _("Cell %s!%s has a threaded comment by %s.")
                                           : _("Cell %s!%s has a note by %s."),
                               s->name, c->ref, author);
            else
                f = nohin_emit(ctx, file, "XLSX-COMMENT", nohin_loc_cell(s->name, c->ref), fix,
                               c->threaded ? _("Cell %s!%s has a threaded comment.")
                                           : _("Cell %s!%s has a note."),
                               s->name, c->ref);
            if (f) {
                char *text = nohin_mask(c->text);
                nohin_finding_set_evidence(f, "author=%s text=%s", author, text);
                g_free(text);
            }
            g_free(author);
        }
    }
}

NOHIN_CHECK(xlsx_comments) = {.name = "xlsx_comments",
                              .rules = rules,
                              .formats = NOHIN_FMT_XLSX,
                              .roles = NOHIN_ROLE_PUBLIC,
                              .run_file = run};
