/* Machine-readable figure data (総務省「統計表における機械判読可能なデータの
 * 表記方法の統一ルール」): warnings on XLSX worksheets and CSV files. One finding
 * per contiguous range. Public files (the data published as open data). The
 * rules are declared here; workbooks are checked in checks/xlsx_data.c. */
#include <string.h>
#include "layout/table_layout.h"
#include "readers/csv_reader.h"
#include "readers/xlsx_classify.h"

#define SPEC "総務省 機械判読ルール"
static const nohin_rule rules[] = {
    {"DATA-MERGED-CELLS", NOHIN_SEV_WARNING, true, N_("Merged cells in figure data"), SPEC},
    {"DATA-FORMULAS", NOHIN_SEV_WARNING, true, N_("Formulas in figure data instead of values"),
     SPEC},
    {"DATA-OBJECTS", NOHIN_SEV_WARNING, false,
     N_("Charts, images, shapes or text boxes in figure data"), SPEC},
    {"DATA-NUMBER-AS-TEXT", NOHIN_SEV_WARNING, false, N_("Numbers stored as text"), SPEC},
    {"DATA-LAYOUT-SPACES", NOHIN_SEV_WARNING, false,
     N_("Spaces used for layout (leading, trailing, or between characters)"), SPEC},
    {"DATA-MACHINE-DEPENDENT-CHARS", NOHIN_SEV_WARNING, false,
     N_("Machine-dependent characters (①, Ⅰ, ㈱, ㍉ …)"), SPEC},
    {"DATA-BLANK-SEPARATORS", NOHIN_SEV_WARNING, true,
     N_("Blank rows or columns used as separators inside the data"), SPEC},
    {"DATA-MULTIPLE-TABLES", NOHIN_SEV_WARNING, false, N_("More than one table on a sheet"), SPEC},
    {"DATA-MISSING-HEADER", NOHIN_SEV_WARNING, false,
     N_("Table without a header row, or with blank header cells"), SPEC},
    {NULL}};

static void csv_marks(nohin_ctx *ctx, nohin_file *file, const nohin_csv *c, nohin_csv_mark_kind k,
                      const char *rule, const char *fix, const char *msg, bool mask)
{
    const nohin_csv_marks *m = &c->marks[k];
    for (guint i = 0; m->items && i < m->items->len; i++) {
        const nohin_csv_mark *mk = &g_array_index(m->items, nohin_csv_mark, i);
        nohin_finding *f = nohin_emit(ctx, file, rule, nohin_loc_line(mk->line, mk->field), fix,
                                      msg, mk->line, mk->field);
        if (f && mk->evidence) {
            char *v = mask ? nohin_mask(mk->evidence) : g_strdup(mk->evidence);
            nohin_finding_set_evidence(f, "value=%s", v);
            g_free(v);
        }
    }
    if (m->items && m->total > m->items->len)
        nohin_emit(ctx, file, rule, nohin_loc_none(), fix, _("%llu more are not listed."),
                   (unsigned long long)(m->total - m->items->len));
}

static bool layout_field(const nohin_csv_field *f, void *user)
{
    if (f->len == 0 || nohin_text_blank(f->text)) return true;
    nohin_layout_add(user, f->record_line, f->text, nohin_text_is_number(f->text));
    return true;
}

static void csv_file(nohin_ctx *ctx, nohin_file *file)
{
    nohin_csv *c = nohin_csv_of(file);
    if (c->error) return;
    nohin_layout *lay = NULL;
    if (c->marks[NOHIN_CSV_MARK_BLANK_ROWS].items || c->marks[NOHIN_CSV_MARK_NEW_TABLE].items ||
        c->marks[NOHIN_CSV_MARK_MISSING_HEADER].items) {
        lay = nohin_layout_new();
        nohin_csv_foreach_field(file->abspath, c, layout_field, lay);
    }
    csv_marks(ctx, file, c, NOHIN_CSV_MARK_LAYOUT_SPACES, "DATA-LAYOUT-SPACES",
              _("Remove the spaces used for layout."),
              _("Line %d, field %d uses spaces for layout."), true);
    csv_marks(
        ctx, file, c, NOHIN_CSV_MARK_MACHINE_CHARS, "DATA-MACHINE-DEPENDENT-CHARS",
        _("Replace the characters with plain ones: (1) for ①, I for Ⅰ, (株) for ㈱, ミリ for ㍉."),
        _("Line %d, field %d uses machine-dependent characters."), false);
    const nohin_csv_marks *m = &c->marks[NOHIN_CSV_MARK_BLANK_ROWS];
    for (guint i = 0; m->items && i < m->items->len; i++) {
        const nohin_csv_mark *mk = &g_array_index(m->items, nohin_csv_mark, i);
        if (lay && !nohin_layout_gap_real(lay, mk->line, mk->line_end)) continue;
        nohin_finding *f;
        if (mk->line_end > mk->line)
            f = nohin_emit(ctx, file, "DATA-BLANK-SEPARATORS", nohin_loc_line(mk->line, 0),
                           _("Delete the blank lines inside the table."),
                           _("Lines %d–%d are blank inside the data."), mk->line, mk->line_end);
        else
            f = nohin_emit(ctx, file, "DATA-BLANK-SEPARATORS", nohin_loc_line(mk->line, 0),
                           _("Delete the blank lines inside the table."),
                           _("Line %d is blank inside the data."), mk->line);
        if (f) f->fixable = false; /* clean copies a CSV as it is */
    }
    m = &c->marks[NOHIN_CSV_MARK_NEW_TABLE];
    for (guint i = 0; m->items && i < m->items->len; i++) {
        const nohin_csv_mark *mk = &g_array_index(m->items, nohin_csv_mark, i);
        if (lay && !nohin_layout_new_table_real(lay, mk->line)) continue;
        nohin_emit(ctx, file, "DATA-MULTIPLE-TABLES", nohin_loc_line(mk->line, 0),
                   _("Put each table in its own file."), _("Another table starts at line %d."),
                   mk->line);
    }
    m = &c->marks[NOHIN_CSV_MARK_MISSING_HEADER];
    for (guint i = 0; m->items && i < m->items->len; i++) {
        const nohin_csv_mark *mk = &g_array_index(m->items, nohin_csv_mark, i);
        if (lay && (mk->field ? nohin_layout_two_level_header(lay, mk->line)
                              : nohin_layout_year_header(lay, mk->line)))
            continue;
        if (mk->field)
            nohin_emit(ctx, file, "DATA-MISSING-HEADER", nohin_loc_line(mk->line, mk->field),
                       _("Add one header row that names every column."),
                       _("Header field %d on line %d is blank."), mk->field, mk->line);
        else
            nohin_emit(ctx, file, "DATA-MISSING-HEADER", nohin_loc_line(mk->line, 0),
                       _("Add one header row that names every column."),
                       _("The first record (line %d) holds numbers, not column names."), mk->line);
    }
    nohin_layout_free(lay);
}

/* Workbooks: checks/xlsx_data.c (it runs after the personal-data check, whose
 * text walk is then the one pass over each sheet). */
static void run(nohin_ctx *ctx, nohin_file *file)
{
    if (file->format == NOHIN_FMT_CSV) csv_file(ctx, file);
}

NOHIN_CHECK(data_machine_readable) = {.name = "data_machine_readable",
                                      .rules = rules,
                                      .formats = NOHIN_FMT_XLSX | NOHIN_FMT_CSV,
                                      .roles = NOHIN_ROLE_PUBLIC,
                                      .run_file = run};
