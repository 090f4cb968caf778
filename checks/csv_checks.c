/* CSV-ENCODING, CSV-STRUCTURE, CSV-FORMULA: a CSV must decode (UTF-8 or
 * Shift_JIS), parse into a table (same field count, sound quoting), and not
 * carry cells a spreadsheet would execute when the file is opened. */
#include <string.h>
#include "layout/table_layout.h"
#include "readers/csv_reader.h"
#include "readers/xlsx_classify.h"

static const nohin_rule rules[] = {
    {"CSV-ENCODING", NOHIN_SEV_ERROR, false,
     N_("CSV not in UTF-8 or Shift_JIS, or with invalid or mixed encodings"), "001 §5(2)"},
    {"CSV-STRUCTURE", NOHIN_SEV_ERROR, false,
     N_("CSV records with a different field count, or broken quoting"), "001 §5(2)"},
    {"CSV-FORMULA", NOHIN_SEV_ERROR, false,
     N_("CSV field a spreadsheet would run as a formula (=, +, -, @, tab, CR)"), "000 §16"},
    {NULL}};

static void encoding(nohin_ctx *ctx, nohin_file *file, const nohin_csv *c)
{
    const char *fix = _("Save the file as UTF-8 (CSV UTF-8 in Excel) and check the characters.");
    if (!c->encoding_ok) {
        nohin_finding *f =
            nohin_emit(ctx, file, "CSV-ENCODING", nohin_loc_none(), fix,
                       _("The file is encoded in %s, not UTF-8 or Shift_JIS."), c->encoding);
        if (f)
            nohin_finding_set_evidence(f, "encoding=%s detected=%s bom=%d", c->encoding,
                                       c->detected, c->bom);
    } else if (g_str_has_prefix(c->encoding, "UTF-16")) {
        nohin_finding *f = nohin_emit(ctx, file, "CSV-ENCODING", nohin_loc_none(), fix,
                                      _("The file is UTF-16 (%s); it is readable, but most tools "
                                        "expect UTF-8."),
                                      c->encoding);
        if (f) nohin_finding_set_severity(ctx, f, NOHIN_SEV_INFO);
    } else if (!g_str_has_prefix(c->encoding, "UTF-8") && file->role == NOHIN_ROLE_PUBLIC) {
        /* Open data is published in UTF-8 (with a BOM, so Excel opens it). */
        nohin_finding *f = nohin_emit(
            ctx, file, "CSV-ENCODING", nohin_loc_none(),
            _("Convert it to UTF-8 with a BOM: nohin clean --normalize-csv."),
            _("The public CSV is encoded in %s; open data is published in UTF-8."), c->encoding);
        if (f) nohin_finding_set_severity(ctx, f, NOHIN_SEV_INFO);
    }
    const nohin_csv_marks *m = &c->marks[NOHIN_CSV_MARK_ENCODING];
    if (!m->total || !m->items) return;
    int first = g_array_index(m->items, nohin_csv_mark, 0).line;
    GString *lines = g_string_new(NULL);
    int last = -1, shown = 0;
    for (guint i = 0; i < m->items->len && shown < 10; i++) {
        int l = g_array_index(m->items, nohin_csv_mark, i).line;
        if (l == last) continue;
        g_string_append_printf(lines, "%s%d", shown ? "," : "", l);
        last = l;
        shown++;
    }
    nohin_finding *f;
    if (c->mixed)
        f = nohin_emit(ctx, file, "CSV-ENCODING", nohin_loc_line(first, 0), fix,
                       _("The file mixes encodings: UTF-8 text and %llu bytes that are not UTF-8, "
                         "from line %d."),
                       (unsigned long long)c->bad_bytes, first);
    else
        f = nohin_emit(ctx, file, "CSV-ENCODING", nohin_loc_line(first, 0), fix,
                       _("%llu bytes are not valid %s, from line %d."),
                       (unsigned long long)c->bad_bytes, c->encoding, first);
    if (f) nohin_finding_set_evidence(f, "lines=%s", lines->str);
    g_string_free(lines, TRUE);
}

static bool layout_field(const nohin_csv_field *f, void *user)
{
    if (f->len == 0 || nohin_text_blank(f->text)) return true;
    nohin_layout_add(user, f->record_line, f->text, nohin_text_is_number(f->text));
    return true;
}

static void structure(nohin_ctx *ctx, nohin_file *file, const nohin_csv *c)
{
    const nohin_csv_marks *m = &c->marks[NOHIN_CSV_MARK_RAGGED];
    nohin_layout *lay = NULL;
    if (m->items && m->items->len) {
        lay = nohin_layout_new();
        nohin_csv_foreach_field(file->abspath, c, layout_field, lay);
    }
    for (guint i = 0; m->items && i < m->items->len; i++) {
        const nohin_csv_mark *k = &g_array_index(m->items, nohin_csv_mark, i);
        if (lay && nohin_layout_in_notes(lay, k->line)) {
            /* 出典：… under the table, after a blank line: a note, not a broken record. */
            nohin_finding *f = nohin_emit(
                ctx, file, "CSV-STRUCTURE", nohin_loc_line(k->line, 0),
                _("Move the notes (出典, 注) out of the CSV, into the report or a separate file."),
                _("Line %d is a note below the table, not part of it."), k->line);
            if (f)
                nohin_finding_set_severity(ctx, f,
                                           nohin_by_role(file, NOHIN_SEV_WARNING, NOHIN_SEV_INFO));
            continue;
        }
        const char *fix = _("Give every record the same number of fields as the header.");
        nohin_finding *f;
        if (k->line_end > k->line)
            f = nohin_emit(ctx, file, "CSV-STRUCTURE", nohin_loc_line(k->line, 0), fix,
                           _("Lines %d–%d have %d fields; the table has %d."), k->line, k->line_end,
                           k->count, c->fields);
        else
            f = nohin_emit(ctx, file, "CSV-STRUCTURE", nohin_loc_line(k->line, 0), fix,
                           _("Line %d has %d fields; the table has %d."), k->line, k->count,
                           c->fields);
        if (f && k->evidence) nohin_finding_set_evidence(f, "%s", k->evidence);
    }
    m = &c->marks[NOHIN_CSV_MARK_QUOTE];
    for (guint i = 0; m->items && i < m->items->len; i++) {
        const nohin_csv_mark *k = &g_array_index(m->items, nohin_csv_mark, i);
        nohin_finding *f = nohin_emit(
            ctx, file, "CSV-STRUCTURE", nohin_loc_line(k->line, 0),
            _("Enclose fields that contain the delimiter, quotes or line breaks in double quotes, "
              "and double the quotes inside them."),
            !k->evidence ? _("Broken quoting on line %d.")
            : !strcmp(k->evidence, NOHIN_CSV_FIELD_LIMIT_EVIDENCE) /* issue16 */
                ? _("A field on line %d is longer than 1 MiB (the limit); the rest of the line was "
                    "not read.")
                : _("A quoted field opened on line %d is never closed."),
            k->line);
        if (f && k->evidence) nohin_finding_set_evidence(f, "%s", k->evidence);
    }
    m = &c->marks[NOHIN_CSV_MARK_TITLE];
    for (guint i = 0; m->items && i < m->items->len; i++) {
        const nohin_csv_mark *k = &g_array_index(m->items, nohin_csv_mark, i);
        /* The table still parses; a title or unit line only gets in a machine's way. */
        nohin_finding *f = nohin_emit(
            ctx, file, "CSV-STRUCTURE", nohin_loc_line(k->line, 0),
            _("Delete the line: a CSV starts with its header. Put the title in the file name and "
              "the unit in the column name (輸出量（トン）)."),
            _("Line %d is a title or unit line above the header, not part of the table."), k->line);
        if (f)
            nohin_finding_set_severity(ctx, f,
                                       nohin_by_role(file, NOHIN_SEV_WARNING, NOHIN_SEV_INFO));
    }
    nohin_layout_free(lay);
    guint64 more = 0;
    for (int k = NOHIN_CSV_MARK_RAGGED; k <= NOHIN_CSV_MARK_QUOTE; k++)
        more += c->marks[k].items && c->marks[k].total > c->marks[k].items->len
                    ? c->marks[k].total - c->marks[k].items->len
                    : 0;
    if (more)
        nohin_emit(ctx, file, "CSV-STRUCTURE", nohin_loc_none(), _("Fix these as well."),
                   _("%llu more structure problems are not listed."), (unsigned long long)more);
}

static void formulas(nohin_ctx *ctx, nohin_file *file, const nohin_csv *c)
{
    const nohin_csv_marks *m = &c->marks[NOHIN_CSV_MARK_FORMULA];
    for (guint i = 0; m->items && i < m->items->len; i++) {
        const nohin_csv_mark *k = &g_array_index(m->items, nohin_csv_mark, i);
        nohin_finding *f = nohin_emit(
            ctx, file, "CSV-FORMULA", nohin_loc_line(k->line, k->field),
            _("Remove the leading character, or prefix the value with an apostrophe or a space, so "
              "spreadsheets read it as text."),
            _("Line %d, field %d starts with a character that makes spreadsheets run it as a "
              "formula."),
            k->line, k->field);
        if (f && k->evidence) {
            char *v = nohin_mask(k->evidence);
            nohin_finding_set_evidence(f, "value=%s", v);
            g_free(v);
        }
    }
    if (m->items && m->total > m->items->len)
        nohin_emit(ctx, file, "CSV-FORMULA", nohin_loc_none(), _("Fix these as well."),
                   _("%llu more formula-like fields are not listed."),
                   (unsigned long long)(m->total - m->items->len));
}

static void run(nohin_ctx *ctx, nohin_file *file)
{
    nohin_csv *c = nohin_csv_of(file);
    if (c->error) {
        nohin_file_mark_unreadable(file, c->error);
        return;
    }
    encoding(ctx, file, c);
    structure(ctx, file, c);
    formulas(ctx, file, c);
}

NOHIN_CHECK(csv_checks) = {.name = "csv_checks",
                           .rules = rules,
                           .formats = NOHIN_FMT_CSV,
                           .roles = NOHIN_ROLE_ANY,
                           .run_file = run};
