/* What each file of a bundle is, for the bundle checks (checks/bundle_*.c):
 * report PDF, one of the forms (様式1/2/3), data file, junk, executable, the
 * configuration, an expanded zip; and whether the bundle has its two packages. */
#ifndef NOHIN_BUNDLE_MODEL_H
#define NOHIN_BUNDLE_MODEL_H

#include "nohin_internal.h"

typedef enum {
    NOHIN_FORM_NONE = 0,
    NOHIN_FORM_1, /* 委託調査報告書骨子 (Word, ≤ 3 pages, no figures) */
    NOHIN_FORM_2, /* 委託調査報告書公表用書誌情報 (Excel, one per public PDF) */
    NOHIN_FORM_3, /* 二次利用未承諾リスト (Excel) */
} nohin_form_kind;

/* The form a file name says (様式1/骨子, 様式2/書誌情報, 様式3/二次利用未承諾, after NFKC). */
nohin_form_kind nohin_bundle_form_by_name(const char *path);
/* The name, then the headings inside (a .docx headed 委託調査報告書骨子, a workbook
 * whose first rows say 書誌情報 or 二次利用未承諾リスト). */
nohin_form_kind nohin_bundle_form_of(nohin_file *f);

/* Junk left by an OS or an editor (~$ lock files, .DS_Store, Thumbs.db, desktop.ini,
 * __MACOSX, ._ files, backups); *why names the kind. */
bool nohin_bundle_is_junk(const nohin_file *f, const char **why);
/* Programs, scripts, shortcuts, macro-enabled Office files; *why names the kind. */
bool nohin_bundle_is_executable(const nohin_file *f, const char **why);
/* The zip a bundle was handed over in (its members are checked instead). */
bool nohin_bundle_is_container(const nohin_file *f);
/* The record folder `nohin clean` writes beside 公表用 (fix list, manifest, 様式2):
 * its files are nohin's own, like nohin.ini, and not part of the bundle. */
#define NOHIN_CLEAN_RECORD_DIR "提出記録"
/* nohin.ini, the tool's own configuration, and the files of NOHIN_CLEAN_RECORD_DIR. */
bool nohin_bundle_is_config(const nohin_file *f);
/* An image file (photo, scan): not machine-readable data. */
bool nohin_bundle_is_image(const nohin_file *f);
/* A deliverable that is not the report, a form, junk, a program or tool input. */
bool nohin_bundle_is_data(nohin_file *f);
/* A report PDF: a PDF that is not a form. */
bool nohin_bundle_is_report_pdf(nohin_file *f);

typedef struct {
    bool has_public;   /* some file sits under a public package folder */
    bool has_internal; /* some file sits under an internal package folder */
    bool has_forms;    /* some file is named as one of the forms */
} nohin_bundle_shape;

void nohin_bundle_shape_of(const nohin_bundle *b, nohin_bundle_shape *out);
/* The folder part of a bundle path ("" at the root). Caller frees. */
char *nohin_bundle_dirname(const char *path);

#endif
