#include <glib.h>
#include <string.h>
#include "nohin_internal.h"

nohin_location nohin_loc_none(void)
{
    nohin_location l = {0};
    return l;
}

nohin_location nohin_loc_page(int page)
{
    nohin_location l = {.kind = NOHIN_LOC_PAGE, .page = page};
    return l;
}

nohin_location nohin_loc_page_box(int page, nohin_box box)
{
    nohin_location l = nohin_loc_page(page);
    l.has_box = true;
    l.box = box;
    return l;
}

nohin_location nohin_loc_cell(const char *sheet, const char *cell)
{
    nohin_location l = {.kind = NOHIN_LOC_CELL, .sheet = g_strdup(sheet), .cell = g_strdup(cell)};
    return l;
}

nohin_location nohin_loc_rows(const char *sheet, int row, int row_end)
{
    nohin_location l = {.kind = NOHIN_LOC_ROW,
                        .sheet = g_strdup(sheet),
                        .row = row,
                        .row_end = row_end > row ? row_end : 0};
    return l;
}

nohin_location nohin_loc_columns(const char *sheet, const char *col, const char *col_end)
{
    nohin_location l = {
        .kind = NOHIN_LOC_COLUMN, .sheet = g_strdup(sheet), .column = g_strdup(col)};
    if (col_end && strcmp(col, col_end) != 0) l.column_end = g_strdup(col_end);
    return l;
}

nohin_location nohin_loc_line(int line, int column_index)
{
    nohin_location l = {.kind = NOHIN_LOC_LINE, .line = line, .column_index = column_index};
    return l;
}

nohin_location nohin_loc_object(int object)
{
    nohin_location l = {.kind = NOHIN_LOC_OBJECT, .object = object};
    return l;
}

nohin_location nohin_loc_sheet(const char *sheet)
{
    nohin_location l = {.kind = NOHIN_LOC_SHEET, .sheet = g_strdup(sheet)};
    return l;
}

nohin_location nohin_loc_part(const char *part, const char *name, int page)
{
    nohin_location l = {
        .kind = NOHIN_LOC_PART, .part = g_strdup(part), .name = g_strdup(name), .page = page};
    return l;
}

nohin_location nohin_loc_properties(int objid)
{
    nohin_location l = nohin_loc_part("properties", NULL, 0);
    l.object = objid;
    return l;
}

void nohin_location_clear(nohin_location *loc)
{
    g_free(loc->sheet);
    g_free(loc->cell);
    g_free(loc->column);
    g_free(loc->column_end);
    g_free(loc->part);
    g_free(loc->name);
    memset(loc, 0, sizeof *loc);
}

nohin_location nohin_location_copy(const nohin_location *loc)
{
    nohin_location l = *loc;
    l.sheet = g_strdup(loc->sheet);
    l.cell = g_strdup(loc->cell);
    l.column = g_strdup(loc->column);
    l.column_end = g_strdup(loc->column_end);
    l.part = g_strdup(loc->part);
    l.name = g_strdup(loc->name);
    return l;
}

/* "document properties", "attachment “data.xlsx”", "layer “Draft” (p. 3)". */
static char *part_format(const nohin_location *loc)
{
    const char *p = loc->part ? loc->part : "";
    const char *n = loc->name ? loc->name : "";
    char *what = !strcmp(p, "properties")         ? g_strdup(_("document properties"))
                 : !strcmp(p, "attachment")       ? g_strdup_printf(_("attachment “%s”"), n)
                 : !strcmp(p, "form") && *n       ? g_strdup_printf(_("form field “%s”"), n)
                 : !strcmp(p, "form")             ? g_strdup(_("form fields"))
                 : !strcmp(p, "layer")            ? g_strdup_printf(_("layer “%s”"), n)
                 : !strcmp(p, "open-action")      ? g_strdup(_("document open action"))
                 : !strcmp(p, "document-actions") ? g_strdup(_("document actions"))
                 : !strcmp(p, "javascript") ? g_strdup_printf(_("document JavaScript “%s”"), n)
                 : !strcmp(p, "bookmark")   ? g_strdup_printf(_("bookmark “%s”"), n)
                 : !strcmp(p, "document")   ? g_strdup(_("document (not on a page)"))
                                            : g_strdup(p);
    if (loc->page <= 0) return what;
    char *s = g_strdup_printf(_("%s (p. %d)"), what, loc->page);
    g_free(what);
    return s;
}

char *nohin_location_format(const nohin_location *loc)
{
    switch (loc->kind) {
    case NOHIN_LOC_PAGE:
        return g_strdup_printf(_("p. %d"), loc->page);
    case NOHIN_LOC_CELL:
        return g_strdup_printf("%s!%s", loc->sheet ? loc->sheet : "", loc->cell ? loc->cell : "");
    case NOHIN_LOC_ROW:
        if (loc->row_end > loc->row)
            return g_strdup_printf(_("%s! rows %d–%d"), loc->sheet ? loc->sheet : "", loc->row,
                                   loc->row_end);
        return g_strdup_printf(_("%s! row %d"), loc->sheet ? loc->sheet : "", loc->row);
    case NOHIN_LOC_COLUMN:
        if (loc->column_end)
            return g_strdup_printf(_("%s! columns %s–%s"), loc->sheet ? loc->sheet : "",
                                   loc->column, loc->column_end);
        return g_strdup_printf(_("%s! column %s"), loc->sheet ? loc->sheet : "", loc->column);
    case NOHIN_LOC_LINE:
        if (loc->column_index > 0)
            return g_strdup_printf(_("line %d, field %d"), loc->line, loc->column_index);
        return g_strdup_printf(_("line %d"), loc->line);
    case NOHIN_LOC_OBJECT:
        return g_strdup_printf(_("object %d"), loc->object);
    case NOHIN_LOC_SHEET:
        return g_strdup_printf(_("sheet %s"), loc->sheet ? loc->sheet : "");
    case NOHIN_LOC_PART:
        return part_format(loc);
    default:
        return g_strdup("");
    }
}

void nohin_finding_free(nohin_finding *f)
{
    if (!f) return;
    g_free(f->rule);
    g_free(f->file);
    nohin_location_clear(&f->loc);
    g_free(f->message);
    g_free(f->fix);
    g_free(f->evidence);
    g_free(f->suppress_reason);
    g_free(f);
}

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int cmp_int(int a, int b)
{
    return (a > b) - (a < b);
}

/* Cells and columns compare by length first so B9 < B10 and Z < AA. */
static int cmp_a1(const char *a, const char *b)
{
    size_t la = a ? strlen(a) : 0, lb = b ? strlen(b) : 0;
    if (la != lb) return la < lb ? -1 : 1;
    return cmp_str(a, b);
}

int nohin_finding_compare(const nohin_finding *a, const nohin_finding *b)
{
    int c;
    if ((c = cmp_str(a->file, b->file))) return c;
    if ((c = cmp_int(a->loc.kind, b->loc.kind))) return c;
    if ((c = cmp_str(a->loc.sheet, b->loc.sheet))) return c;
    if ((c = cmp_int(a->loc.page, b->loc.page))) return c;
    if ((c = cmp_int(a->loc.row, b->loc.row))) return c;
    if ((c = cmp_int(a->loc.line, b->loc.line))) return c;
    if ((c = cmp_int(a->loc.column_index, b->loc.column_index))) return c;
    if ((c = cmp_int(a->loc.object, b->loc.object))) return c;
    if ((c = cmp_a1(a->loc.column, b->loc.column))) return c;
    if ((c = cmp_a1(a->loc.cell, b->loc.cell))) return c;
    if ((c = cmp_str(a->loc.part, b->loc.part))) return c;
    if ((c = cmp_str(a->loc.name, b->loc.name))) return c;
    if ((c = cmp_str(a->rule, b->rule))) return c;
    if ((c = cmp_str(a->message, b->message))) return c;
    return cmp_str(a->evidence, b->evidence);
}
