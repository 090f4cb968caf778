/* A bundle handed over as a .zip: its members are expanded, under the zip limits,
 * into a private temporary folder and checked like the files of a folder, with
 * paths such as "bundle.zip/調査報告書等一式（公表用）/報告書.pdf". What could not
 * be expanded (unsafe names, encrypted members, limits) is kept on the zip's
 * nohin_file for the BUNDLE-ZIP check. */
#ifndef NOHIN_ZIP_INPUT_H
#define NOHIN_ZIP_INPUT_H

#include "core/fs.h"
#include "nohin_internal.h"
#include "readers/archive.h"

typedef enum {
    NOHIN_ZIP_PROBLEM_OPEN,      /* the zip itself cannot be opened */
    NOHIN_ZIP_PROBLEM_UNSAFE,    /* a name that escapes the folder, or a symbolic link */
    NOHIN_ZIP_PROBLEM_ENCRYPTED, /* password-protected member: cannot be checked */
    NOHIN_ZIP_PROBLEM_LIMIT,     /* inflated size or compression ratio over the limits */
    NOHIN_ZIP_PROBLEM_DAMAGED,   /* cannot be inflated or written */
    NOHIN_ZIP_PROBLEM_NAME,      /* name neither UTF-8 nor CP932, or a duplicate */
    NOHIN_ZIP_PROBLEM_DEPTH,     /* an archive nested deeper than NOHIN_ARCHIVE_MAX_DEPTH */
} nohin_zip_problem_kind;

typedef struct {
    nohin_zip_problem_kind kind;
    char *member; /* decoded member name (UTF-8) */
    char *detail; /* technical detail (English, from libzip or the limits) */
} nohin_zip_problem;

typedef struct {
    int members;         /* files expanded */
    GPtrArray *problems; /* nohin_zip_problem* */
} nohin_zip_input;

/* Whether a walked file is a zip to expand: a readable zip (whatever its name: a
 * disguised archive is opened too) that is not a zip-based document or program
 * (.pptx, .odt, .epub, .jar …), which are files, not folders. */
bool nohin_zip_input_wanted(const nohin_file *f);
/* Expands zip (a walked file detected as NOHIN_FMT_ZIP) into a new subfolder of
 * *tmproot, creating *tmproot (mode 0700) on first use. Returns walk entries for the
 * members (relpath is zip->path + "/" + member, arg_name is arg_name) and records
 * the outcome on zip (nohin_zip_input_of). Never fails: problems are recorded.
 * budget counts entries and bytes over an outer archive and all its nested ones. */
GPtrArray *nohin_zip_input_expand(nohin_file *zip, const char *arg_name, char **tmproot,
                                  nohin_archive_budget *budget);
/* Records that zip (an archive inside archives) was not expanded: too deep. */
void nohin_zip_input_refuse(nohin_file *zip, const char *detail);
/* The expansion outcome of a zip file, or NULL when the file was not expanded. */
const nohin_zip_input *nohin_zip_input_of(const nohin_file *file);
/* The nohin.ini at the root of a bundle zip at path (read through zip_safe), or
 * NULL without error when path is not a zip or holds none. */
nohin_config *nohin_zip_input_config(const char *path, GError **error);

#endif
